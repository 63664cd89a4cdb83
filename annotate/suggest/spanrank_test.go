package suggest

import (
	"slices"
	"testing"
)

// TestSpanRankerLearnsEdges trains the ranker on sources the tagger cut a
// word short ("The" for "The spokesman") and checks that it extends such a
// source in a text it did not see, leaves a right one alone, and never
// proposes a source that overlaps its cue.
func TestSpanRankerLearnsEdges(t *testing.T) {
	sample := func(text string, ref, gold [2]int) rankSample {
		d := newDoc(text)
		cue := [2]int{2, 3}
		s := rankSample{gold: -1}
		cands, feats := d.candidateFeatures(&rawAttr{source: ref, cue: cue}, nil, 12)
		for i, c := range cands {
			if c[0] < cue[1] && c[1] > cue[0] {
				t.Fatalf("%q: candidate %v overlaps the cue", text, c)
			}
			if c == gold {
				s.gold = i
			}
		}
		if s.gold < 0 {
			t.Fatalf("%q: gold %v not among the candidates", text, gold)
		}
		s.feats = feats
		return s
	}
	var samples []rankSample
	for _, w := range []string{"spokesman", "official", "senator", "governor", "mayor", "judge"} {
		samples = append(samples,
			sample("The "+w+" said the plan failed.", [2]int{0, 1}, [2]int{0, 2}),
			sample("The "+w+" said the plan worked.", [2]int{0, 2}, [2]int{0, 2}))
	}
	r := trainRanker(samples, 12, 5, 1)
	for _, c := range []struct {
		text      string
		ref, want [2]int
	}{
		{"The minister said the vote was lost.", [2]int{0, 1}, [2]int{0, 2}},
		{"The minister said the vote was won.", [2]int{0, 2}, [2]int{0, 2}},
	} {
		if got := r.best(newDoc(c.text), &rawAttr{source: c.ref, cue: [2]int{2, 3}}, nil); got != c.want {
			t.Errorf("%q from tokens %v: got %v, want %v", c.text, c.ref, got, c.want)
		}
	}
	var none *spanRanker
	if got := none.best(newDoc("The minister said so."), &rawAttr{source: [2]int{0, 1}, cue: [2]int{2, 3}}, nil); got != [2]int{0, 1} {
		t.Errorf("no ranker moved the span to %v", got)
	}
}

// TestSpanRankerScoresAsItLearns: best, which hashes each edge's features
// once, picks the candidate whose features as training sees them
// (candidateFeatures) score highest, for sources on either side of the cue.
func TestSpanRankerScoresAsItLearns(t *testing.T) {
	r := &spanRanker{chain: newChain(1, 12, 1)}
	for i := range r.W {
		r.W[i] = float32((i*7919)%101-50) / 10
	}
	d := newDoc("In Paris on Monday, the French president, Emmanuel Macron, said that the talks, which began in May, would go on until the end of the year.")
	for _, c := range []struct{ ref, cue [2]int }{
		{[2]int{6, 9}, [2]int{12, 13}},   // "French president ," before "said"
		{[2]int{14, 16}, [2]int{12, 13}}, // "the talks" after it
	} {
		cands, feats := d.candidateFeatures(&rawAttr{source: c.ref, cue: c.cue}, nil, 12)
		want, top := cands[0], float32(0)
		for k, fs := range feats {
			var s float32
			for _, f := range fs {
				s += r.W[f]
			}
			if k == 0 || s > top {
				want, top = cands[k], s
			}
		}
		if got := r.best(d, &rawAttr{source: c.ref, cue: c.cue}, nil); got != want {
			t.Errorf("source %v of cue %v: best %v, the highest-scoring candidate is %v", c.ref, c.cue, got, want)
		}
	}
}

// TestSpanRankerAvoidsOtherCues: whatever its weights, the ranker never
// returns a source that holds another cue of the paragraph, even when the
// tagger's span does (it may stop before that cue, or give no source), and
// reaches a clause edge beyond rankReach.
func TestSpanRankerAvoidsOtherCues(t *testing.T) {
	d := newDoc("Trump has raised questions about the plan, suggesting it would fail.")
	cue := tokSpan(t, d, "suggesting", 1)
	other := tokSpan(t, d, "raised questions about", 1)
	ref := tokSpan(t, d, "Trump has raised questions about the plan,", 1)
	for seed := 0; seed < 20; seed++ {
		r := &spanRanker{chain: newChain(1, 12, 1)}
		for i := range r.W {
			r.W[i] = float32((i*7919+seed*104729)%101-50) / 10
		}
		got := r.best(d, &rawAttr{source: ref, cue: cue}, [][2]int{other})
		if got[1] > got[0] && got[0] < other[1] && other[0] < got[1] {
			t.Errorf("weights %d: source %q holds the cue %q", seed, d.spanText(got), d.spanText(other))
		}
	}
	e := d.edgesOf(&rawAttr{source: tokSpan(t, d, "plan", 1), cue: cue}, nil)
	if !slices.Contains(e.starts, 0) {
		t.Errorf("starts %v: the sentence's start (0) is not among them", e.starts)
	}
}
