package suggest

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

// TestClaimExperiment (temporary) is the fixed leave-one-transcript-out
// MAP: one L2 (1e-4), weighting ½, pooling 0.35, for comparing features.
func TestClaimExperiment(t *testing.T) {
	spec, ok := os.LookupEnv("FACTMARK_CLAIMEXP")
	if !ok {
		t.Skip("FACTMARK_CLAIMEXP not set")
	}
	expFlags = map[string]bool{}
	o := ClaimOptions{L2Grid: []float64{1e-4}, TWeightGrid: []float64{0.5}}
	beta := 0.35
	vcw := 0.0
	for _, f := range strings.Split(spec, ",") {
		k, v, num := strings.Cut(f, "=")
		x, _ := strconv.ParseFloat(v, 64)
		switch {
		case !num && f != "":
			expFlags[f] = true
		case k == "ep":
			o.Epochs = int(x)
		case k == "rate":
			o.Rate = x
		case k == "l2":
			o.L2Grid = []float64{x}
		case k == "tw":
			o.TWeightGrid = []float64{x}
		case k == "pos":
			o.PosBoost = x
		case k == "pool":
			beta = x
		case k == "list":
			listLambda = x
		case k == "log":
			logLambda = x
		case k == "reach":
			poolReach = int(x)
		case k == "vc":
			vcw = x
		case k == "sx":
			strongX = float32(x)
		case k == "bits":
			o.Bits = uint(x)
		}
	}
	f, err := os.Open(filepath.Join(testcorpus.Dir(t, "corpus"), "clef2019-checkworthy", "train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ReadCLEF(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := suggester(t)
	o.defaults()
	groups := make([]claimGroup, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], s.words, o.Bits)
	}
	if vcw > 0 {
		extraSamples = vclaimSamples(t, s, o.Bits, vcw)
		defer func() { extraSamples = nil }()
	}
	aps := make([]float64, len(ts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := range ts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			m := averageModel(othersThan(groups, k), -1, o)
			if expFlags["bag"] {
				gs := othersThan(groups, k)
				m = averageOf([]*claimModel{averageModel(gs, 0, o), averageModel(gs, 1, o), averageModel(gs, 2, o)})
			}
			m.Pool = float32(beta)
			sc := m.scores(groups[k])
			aps[k] = groupAP(groups[k], sc)
			if ts[k].Name == os.Getenv("FACTMARK_CLAIMDUMP") {
				dump(t, &ts[k], sc)
			}
		}()
	}
	wg.Wait()
	mean, sd := meanSD(aps)
	var b strings.Builder
	for _, a := range aps {
		fmt.Fprintf(&b, " %.3f", a)
	}
	t.Logf("EXP %q MAP %.4f sd %.3f |%s", spec, mean, sd, b.String())
}

func meanSD(xs []float64) (float64, float64) {
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, math.Sqrt(v / float64(len(xs)-1))
}

func dump(t *testing.T, tr *Transcript, sc []float64) {
	idx := make([]int, len(sc))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return sc[idx[a]] > sc[idx[b]] })
	var b strings.Builder
	for r, i := range idx {
		l := tr.Lines[i]
		if r < 40 || l.Worthy {
			fmt.Fprintf(&b, "%4d %v %.2f %-8.8s %s\n", r, map[bool]string{true: "W", false: "."}[l.Worthy], sc[i], l.Speaker, l.Text)
		}
	}
	t.Log("\n" + b.String())
}

func vclaimSamples(t *testing.T, s *Suggester, bits uint, w float64) []claimSample {
	f, err := os.Open(filepath.Join(testcorpus.Dir(t, "corpus"), "clef2020-claim-retrieval", "verified_claims.docs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var sents [][]token
	for _, rec := range recs[1:] {
		if len(rec) < 2 {
			continue
		}
		sents = append(sents, tokenize([]rune(rec[1]), rec[1]))
	}
	kind := ""
	if expFlags["vckind"] {
		kind = "speech"
	}
	vs := claimVectors(sents, nil, kind, s.words, bits, nil)
	out := make([]claimSample, len(vs))
	for i, v := range vs {
		out[i] = claimSample{vec: v, label: true, weight: w, group: -1}
	}
	return out
}
