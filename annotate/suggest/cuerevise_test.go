package suggest

import (
	"slices"
	"testing"
)

// TestCueCandsStayInBounds: the candidates around a cue start with the
// tagger's own, lie in its paragraph within reviseReach of its edges, and
// hold none of the paragraph's other cues.
func TestCueCandsStayInBounds(t *testing.T) {
	d := newDoc("Officials said on Monday that he told reporters so.\nNext line.")
	ref, other := [2]int{1, 2}, [2]int{6, 7} // "said"; "told"
	cands := d.cueCands(ref, [][2]int{other})
	if len(cands) < 2 || cands[0] != ref {
		t.Fatalf("candidates %v: want the tagger's %v first, and others", cands, ref)
	}
	for _, c := range cands[1:] {
		if c == ref {
			t.Errorf("the tagger's cue is offered twice")
		}
		if c[0] < 0 || c[1] > d.paraE[0] || c[0] >= c[1] {
			t.Errorf("candidate %v leaves the paragraph or is empty", c)
		}
		if abs(c[0]-ref[0]) > reviseReach || abs(c[1]-ref[1]) > reviseReach {
			t.Errorf("candidate %v moves an edge more than %d tokens", c, reviseReach)
		}
		if c[0] < other[1] && other[0] < c[1] {
			t.Errorf("candidate %v holds the other cue", c)
		}
	}
	if !slices.Contains(cands, [2]int{1, 3}) {
		t.Errorf("candidates %v lack %q", cands, "said on")
	}
}

func abs(x int) int { return max(x, -x) }

// TestCueReviserLearns trains the reviser on cues a tagger cut short
// ("told" for "told reporters") and on false cues ("said" of "the so-called
// plan" is never one here) and checks that, on texts it did not see, it
// extends the first, keeps a right one as it is and drops the last.
func TestCueReviserLearns(t *testing.T) {
	sample := func(text string, ref [2]int, gold [2]int, margin float32) rankSample {
		d := newDoc(text)
		r := rawAttr{cue: ref, margin: margin}
		x := d.reviseContextOf(&r)
		s := rankSample{gold: -1}
		var fs featureSet
		for k, c := range d.cueCands(ref, nil) {
			fs.reset(12)
			d.candFeatures(c, ref, &x, &fs)
			s.feats = append(s.feats, fs.take())
			if c == gold {
				s.gold = k
			}
		}
		return s
	}
	var samples []rankSample
	for _, w := range []string{"Smith", "Jones", "Brown", "Clark", "Lewis", "Moore"} {
		samples = append(samples,
			sample(w+" told reporters the plan failed.", [2]int{1, 2}, [2]int{1, 3}, 30),
			sample(w+" denied the plan failed.", [2]int{1, 2}, [2]int{1, 2}, 30),
			sample(w+" liked the plan.", [2]int{1, 2}, [2]int{-1, -1}, -5))
	}
	v := trainReviser(samples, 12, 5, 1)
	for _, c := range []struct {
		text   string
		ref    [2]int
		margin float32
		want   [2]int
		keep   bool
	}{
		{"Adams told reporters the vote was lost.", [2]int{1, 2}, 30, [2]int{1, 3}, true},
		{"Adams denied the vote was lost.", [2]int{1, 2}, 30, [2]int{1, 2}, true},
		{"Adams liked the vote.", [2]int{1, 2}, -5, [2]int{1, 2}, false},
	} {
		d := newDoc(c.text)
		got, keep := v.best(d, &rawAttr{cue: c.ref, margin: c.margin}, nil)
		if keep != c.keep || keep && got != c.want {
			t.Errorf("%q from tokens %v: got %v (kept %v), want %v (kept %v)", c.text, c.ref, got, keep, c.want, c.keep)
		}
	}
	var none *cueReviser
	if got, keep := none.best(newDoc("Adams said so."), &rawAttr{cue: [2]int{1, 2}}, nil); got != [2]int{1, 2} || !keep {
		t.Errorf("no reviser moved the cue to %v (kept %v)", got, keep)
	}
}
