package similar

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

var update = flag.Bool("update", false, "retrain the shipped re-ranker and write model/rerank.txt")

// shippedOptions are the re-ranker's training options. The L2 penalty was
// chosen by 5-fold cross-validation over the CheckThat! train tweets
// (TestTuning): MAP@5 0.882 for 0, 1e-5 and 3e-5, 0.880 for 1e-4, 0.879 for
// 3e-4; the strongest of the tied penalties was kept. Pairwise training beat
// pointwise logistic regression there (0.868 at best).
var shippedOptions = TrainOptions{L2: 3e-5, Pairwise: true}

type clefData struct {
	ix           *Index
	train, dev   []Query
	trainQ, devQ Qrels
}

func loadCLEF(t testing.TB) clefData {
	dir := testcorpus.Dir(t, "corpus", "clef2020-claim-retrieval")
	open := func(p ...string) *os.File {
		f, err := os.Open(filepath.Join(append([]string{dir}, p...)...))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	lib, err := ReadLibrary(open("verified_claims.docs.tsv"), "verified_claims.docs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var d clefData
	d.ix = NewIndex(lib)
	if d.train, err = ReadQueries(open("train", "tweets.queries.tsv"), "train"); err != nil {
		t.Fatal(err)
	}
	if d.dev, err = ReadQueries(open("dev", "tweets.queries.tsv"), "dev"); err != nil {
		t.Fatal(err)
	}
	if d.trainQ, err = ReadQrels(open("train", "tweet-vclaim-pairs.qrels"), "train qrels"); err != nil {
		t.Fatal(err)
	}
	if d.devQ, err = ReadQrels(open("dev", "tweet-vclaim-pairs.qrels"), "dev qrels"); err != nil {
		t.Fatal(err)
	}
	return d
}

// cvMAP is MAP@5 over rs when each fold is ranked by a model trained on the
// other folds.
func cvMAP(ix *Index, rs []retrieved, qr Qrels, folds int, o TrainOptions) float64 {
	var sum float64
	n := 0
	for f := range folds {
		var tr, te []retrieved
		for i, r := range rs {
			if i%folds == f {
				te = append(te, r)
			} else {
				tr = append(tr, r)
			}
		}
		run := ix.rerun(te, 10, ix.train(tr, qr, o))
		sub := Qrels{}
		for _, r := range te {
			if x, ok := qr[r.q.ID]; ok {
				sub[r.q.ID] = x
			}
		}
		sum += MAP(run, sub, 5) * float64(len(sub))
		n += len(sub)
	}
	return sum / float64(n)
}

// TestTuning repeats the choice of the training options on the train split
// alone (slow: set SIMILAR_TUNING=1).
func TestTuning(t *testing.T) {
	if os.Getenv("SIMILAR_TUNING") == "" {
		t.Skip("set SIMILAR_TUNING=1 to repeat the cross-validation behind shippedOptions")
	}
	d := loadCLEF(t)
	tr := d.ix.rankAll(d.train)
	for _, pw := range []bool{false, true} {
		for _, l2 := range []float64{0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3} {
			t.Logf("pairwise %v L2 %g: 5-fold CV MAP@5 on train %.3f", pw, l2, cvMAP(d.ix, tr, d.trainQ, 5, TrainOptions{L2: l2, Pairwise: pw}))
		}
	}
}

// TestShippedModel checks that the embedded re-ranker is what training on
// the train split gives (training is deterministic); with -update it
// rewrites model/rerank.txt.
func TestShippedModel(t *testing.T) {
	if testing.Short() && !*update {
		t.Skip("retrains the re-ranker (-short)")
	}
	d := loadCLEF(t)
	m := Train(d.ix, d.train, d.trainQ, shippedOptions)
	txt, err := m.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("model", "rerank.txt"), txt, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote model/rerank.txt:\n%s", txt)
		return
	}
	got, err := ParseModel(txt)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range shipped.W {
		if d := got.W[i] - w; d > 1e-6 || d < -1e-6 {
			t.Errorf("weight %s: trained %g, shipped %g: run go test -run TestShippedModel -update", featureNames[i], got.W[i], w)
		}
	}
}

// devTarget is the target for dev MAP@5 (0.75; the aim was 0.80).
const devTarget = 0.80

// TestCLEFTarget measures the shipped matcher on CheckThat! 2020 Task 2:
// trained on train, never tuned on dev.
func TestCLEFTarget(t *testing.T) {
	d := loadCLEF(t)
	for _, s := range []struct {
		name string
		m    *Model
	}{{"BM25", BM25Model()}, {"shipped", Shipped()}} {
		tr := MAP(d.ix.RunQueries(d.train, 10, s.m), d.trainQ, 5)
		dv := MAP(d.ix.RunQueries(d.dev, 10, s.m), d.devQ, 5)
		t.Logf("%-7s MAP@5 train %.3f dev %.3f", s.name, tr, dv)
		if s.name == "shipped" && dv < devTarget {
			t.Errorf("dev MAP@5 %.3f, want ≥ %.2f", dv, devTarget)
		}
	}
}
