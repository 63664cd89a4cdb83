package suggest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

var sayWords = map[string]bool{"said": true, "says": true, "say": true, "told": true, "tell": true, "tells": true, "saying": true, "added": true, "adds": true, "asked": true, "stated": true, "wrote": true, "writes": true, "explained": true, "noted": true, "argued": true, "claimed": true, "announced": true, "insisted": true, "suggested": true, "acknowledged": true, "declared": true, "warned": true, "replied": true, "responded": true, "tweeted": true, "reported": true}
var beliefWords = map[string]bool{"think": true, "thinks": true, "thought": true, "believe": true, "believes": true, "believed": true, "want": true, "wants": true, "wanted": true, "hope": true, "hopes": true, "hoped": true, "fear": true, "fears": true, "feared": true, "know": true, "knows": true, "knew": true, "expect": true, "expects": true, "expected": true, "feel": true, "feels": true, "felt": true, "worry": true, "worried": true, "worries": true, "agree": true, "agrees": true, "agreed": true, "see": true, "sees": true, "saw": true, "consider": true, "considers": true, "doubt": true, "understand": true, "realize": true, "seem": true, "seems": true}
var nounWords = map[string]bool{"statement": true, "report": true, "claims": true, "claim": true, "accusations": true, "accusation": true, "criticism": true, "support": true, "opposition": true, "view": true, "views": true, "position": true, "remarks": true, "comments": true, "comment": true, "speech": true, "letter": true, "interview": true, "plan": true, "proposal": true, "call": true, "calls": true, "promise": true, "pledge": true, "argument": true, "allegations": true, "warning": true, "decision": true, "poll": true, "survey": true, "study": true, "analysis": true, "data": true, "stance": true}

func cueKind(d *doc, c0, c1 int, insideContent bool) string {
	w := d.toks[c0].Lower
	two := w
	if c1 > c0+1 {
		two = w + " " + d.toks[c0+1].Lower
	}
	switch {
	case two == "according to":
		return "according to"
	case insideContent:
		return "inside another's content"
	case sayWords[w] || sayWords[d.toks[c1-1].Lower]:
		if d.sentQ[c0] {
			return "say verb, quote in sentence"
		}
		return "say verb, no quote"
	case beliefWords[w] || beliefWords[d.toks[c1-1].Lower]:
		return "belief/want"
	case nounWords[w] || nounWords[d.toks[c1-1].Lower] || strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "ment"):
		return "noun (statement/report/…)"
	case d.toks[c0].Shape == "X" || d.toks[c0].Shape == "Xx":
		return "capitalised first word"
	case c1-c0 >= 3:
		return "other, 3+ tokens"
	}
	return "other"
}

type countMap map[string]int

func (m countMap) top(n int) string {
	type kv struct {
		k string
		v int
	}
	var xs []kv
	tot := 0
	for k, v := range m {
		xs = append(xs, kv{k, v})
		tot += v
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].v > xs[j].v || xs[i].v == xs[j].v && xs[i].k < xs[j].k })
	var b strings.Builder
	fmt.Fprintf(&b, "total %d:", tot)
	for i, x := range xs {
		if i >= n {
			break
		}
		fmt.Fprintf(&b, " %s=%d", x.k, x.v)
	}
	return b.String()
}

// TestCueExperiment: cue tagger alone, folds 0-1 of 5, exact cue F1 (EXPERIMENT).
func TestCueExperiment(t *testing.T) {
	if os.Getenv("FACTMARK_CUEEXP") == "" {
		t.Skip("FACTMARK_CUEEXP not set")
	}
	ana := expNum("ana", 0) == 1
	exs, _, err := LoadExamples(filepath.Join(testcorpus.Dir(t, "corpus"), "polnear-train"))
	if err != nil {
		t.Fatal(err)
	}
	sg, _ := New()
	var mu sync.Mutex
	var g, p, m, mo int
	missKind, missWord, cutKind, fpKind, fpWord, goldKind, hitKind := countMap{}, countMap{}, countMap{}, countMap{}, countMap{}, countMap{}, countMap{}
	cutHow, missText, cutPair := countMap{}, countMap{}, countMap{}
	var missCtx []string
	unaligned := countMap{}
	var wg sync.WaitGroup
	folds := int(expNum("folds", 2))
	for f := 0; f < folds; f++ {
		wg.Add(1)
		go func(f int) {
			defer wg.Done()
			train, test := splitFold(exs, 5, f)
			o := TrainOptions{}
			o.defaults()
			o.words = sg.words
			docs := make([]*doc, len(train))
			for i, ex := range train {
				docs[i] = newDoc(ex.Text.String())
			}
			am := &attrModel{Cue: trainCue(docs, train, o), CueLex: buildCueLexicon(docs, train)}
			var lg, lp, lm, lo int
			for _, ex := range test {
				d := newDoc(ex.Text.String())
				var spans [][2]int // tokens
				for _, pa := range d.paragraphs() {
					spans = append(spans, am.cueSpansWith(d, pa, nil)...)
				}
				pred := map[[2]int]bool{}
				for _, c := range spans {
					pred[[2]int{d.cueStart(c[0]), d.toks[c[1]-1].End}] = true
				}
				lp += len(pred)
				var goldTok [][2]int
				for _, a := range ex.Attributions {
					if a.Cue == nil {
						continue
					}
					c0, c1 := d.tokenSpan(a.Cue.Start, a.Cue.End)
					if c0 >= c1 {
						continue
					}
					goldTok = append(goldTok, [2]int{c0, c1})
					if ana && (d.toks[c0].Start != a.Cue.Start || d.toks[c1-1].End != a.Cue.End) {
						mu.Lock()
						unaligned[string(d.rs[d.toks[c0].Start:d.toks[c1-1].End])+" | "+string(d.rs[a.Cue.Start:a.Cue.End])]++
						mu.Unlock()
					}
					lg++
					exact := pred[[2]int{a.Cue.Start, a.Cue.End}]
					if exact {
						lm++
					}
					var ov [2]int
					hit := false
					for _, sp := range spans {
						if sp[0] < c1 && c0 < sp[1] {
							hit, ov = true, sp
							break
						}
					}
					if hit {
						lo++
					}
					if !ana {
						continue
					}
					inside := false
					for _, b := range ex.Attributions {
						for _, cn := range b.Content {
							if cn.Start <= a.Cue.Start && a.Cue.End <= cn.End {
								inside = true
							}
						}
					}
					k := cueKind(d, c0, c1, inside)
					if c1-c0 > 1 {
						goldKind["multi-token"]++
					}
					goldKind[k]++
					if exact {
						hitKind[k]++
					}
					switch {
					case !hit:
						missKind[k]++
						missWord[d.toks[c0].Lower]++
						missText[spanText(d, c0, c1)]++
						if len(missCtx) < 400 && f == 0 {
							missCtx = append(missCtx, ctxText(d, c0, c1))
						}
					case !exact:
						cutKind[k]++
						how := ""
						switch {
						case ov[0] < c0:
							how += "pred starts earlier;"
						case ov[0] > c0:
							how += "pred starts later;"
						}
						switch {
						case ov[1] > c1:
							how += "pred ends later"
						case ov[1] < c1:
							how += "pred ends earlier"
						}
						cutHow[how]++
						cutPair[spanText(d, c0, c1)+" <- "+spanText(d, ov[0], ov[1])]++
					}
				}
				if ana {
					for _, sp := range spans {
						hit := false
						for _, gt := range goldTok {
							if sp[0] < gt[1] && gt[0] < sp[1] {
								hit = true
							}
						}
						if !hit {
							fpKind[cueKind(d, sp[0], sp[1], d.toks[sp[0]].InQuote)]++
							w := d.toks[sp[0]].Lower
							for k := sp[0] + 1; k < sp[1]; k++ {
								w += " " + d.toks[k].Lower
							}
							fpWord[w]++
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
	if ana {
		t.Logf("gold kinds: %s", goldKind.top(20))
		t.Logf("exact kinds: %s", hitKind.top(20))
		t.Logf("missed (no overlap) kinds: %s", missKind.top(20))
		t.Logf("missed first words: %s", missWord.top(60))
		t.Logf("unaligned tokens | gold: %s", unaligned.top(80))
		t.Logf("missed texts: %s", missText.top(150))
		t.Logf("cut pairs gold <- pred: %s", cutPair.top(120))
		os.WriteFile("/tmp/cue2/missctx.txt", []byte(strings.Join(missCtx, "\n")), 0o644)
		t.Logf("cut kinds: %s", cutKind.top(20))
		t.Logf("cut how: %s", cutHow.top(20))
		t.Logf("false positive kinds (the in-quote flag as inside): %s", fpKind.top(20))
		t.Logf("false positive words: %s", fpWord.top(60))
	}
}

func spanText(d *doc, c0, c1 int) string {
	var ws []string
	for k := c0; k < c1; k++ {
		ws = append(ws, d.toks[k].Lower)
	}
	return strings.Join(ws, "_")
}

func ctxText(d *doc, c0, c1 int) string {
	a, b := max(d.paraS[c0], c0-12), min(d.paraE[c0], c1+10)
	var ws []string
	for k := a; k < b; k++ {
		w := d.toks[k].Text
		if k == c0 {
			w = "[[" + w
		}
		if k == c1-1 {
			w += "]]"
		}
		ws = append(ws, w)
	}
	return strings.Join(ws, " ")
}
