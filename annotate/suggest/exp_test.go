package suggest

import (
	"os"
	"path/filepath"

	"github.com/factmark/factmark/internal/testcorpus"
	"sync"
	"testing"
)

// TestCueExperiment: cue tagger alone, folds 0-1 of 5, exact cue F1 (EXPERIMENT).
func TestCueExperiment(t *testing.T) {
	if os.Getenv("FACTMARK_CUEEXP") == "" {
		t.Skip("FACTMARK_CUEEXP not set")
	}
	exs, _, err := LoadExamples(filepath.Join(testcorpus.Dir(t, "corpus"), "polnear-train"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var g, p, m, mo int
	var wg sync.WaitGroup
	for f := 0; f < 2; f++ {
		wg.Add(1)
		go func(f int) {
			defer wg.Done()
			train, test := splitFold(exs, 5, f)
			o := TrainOptions{}
			o.defaults()
			if os.Getenv("FACTMARK_CUEEXP") != "novec=1" {
				sg, _ := New()
				o.words = sg.words
			}
			docs := make([]*doc, len(train))
			for i, ex := range train {
				docs[i] = newDoc(ex.Text.String())
			}
			am := &attrModel{Cue: trainCue(docs, train, o)}
			var lg, lp, lm, lo int
			for _, ex := range test {
				d := newDoc(ex.Text.String())
				pred := map[[2]int]bool{}
				var spans [][2]int
				for _, pa := range d.paragraphs() {
					for _, c := range am.cueSpansWith(d, pa, nil) {
						sp := [2]int{d.toks[c[0]].Start, d.toks[c[1]-1].End}
						pred[sp] = true
						spans = append(spans, sp)
					}
				}
				lp += len(pred)
				for _, a := range ex.Attributions {
					if a.Cue == nil {
						continue
					}
					lg++
					if pred[[2]int{a.Cue.Start, a.Cue.End}] {
						lm++
					}
					for _, sp := range spans {
						if sp[0] < a.Cue.End && a.Cue.Start < sp[1] {
							lo++
							break
						}
					}
				}
			}
			mu.Lock()
			g, p, m, mo = g+lg, p+lp, m+lm, mo+lo
			mu.Unlock()
		}(f)
	}
	wg.Wait()
	pr, rc := float64(m)/float64(p), float64(m)/float64(g)
	t.Logf("%s: gold %d pred %d exact %d P %.4f R %.4f F1 %.4f overlapR %.4f", os.Getenv("FACTMARK_CUEEXP"), g, p, m, pr, rc, 2*pr*rc/(pr+rc), float64(mo)/float64(g))
}
