package suggest

import "testing"

// TestSpanRankerLearnsEdges trains the ranker on sources the tagger cut a
// word short ("The" for "The spokesman") and checks that it extends such a
// source in a text it did not see, leaves a right one alone, and never
// proposes a source that overlaps its cue.
func TestSpanRankerLearnsEdges(t *testing.T) {
	sample := func(text string, ref, gold [2]int) rankSample {
		d := newDoc(text)
		cue := [2]int{2, 3}
		s := rankSample{gold: -1}
		var fs featureSet
		for i, c := range d.candidates(ref, cue, spanMaxLen(rankSource)) {
			if c.a < cue[1] && c.b > cue[0] {
				t.Fatalf("%q: candidate %v overlaps the cue", text, c)
			}
			if c.a == gold[0] && c.b == gold[1] {
				s.gold = i
			}
			fs.reset(12)
			d.spanFeatures(rankSource, c, ref, cue, &fs)
			s.feats = append(s.feats, fs.take())
		}
		if s.gold < 0 {
			t.Fatalf("%q: gold %v not among the candidates", text, gold)
		}
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
		text     string
		ref, want [2]int
	}{
		{"The minister said the vote was lost.", [2]int{0, 1}, [2]int{0, 2}},
		{"The minister said the vote was won.", [2]int{0, 2}, [2]int{0, 2}},
	} {
		if got := r.best(newDoc(c.text), rankSource, c.ref, [2]int{2, 3}); got != c.want {
			t.Errorf("%q from tokens %v: got %v, want %v", c.text, c.ref, got, c.want)
		}
	}
	var none *spanRanker
	if got := none.best(newDoc("The minister said so."), rankSource, [2]int{0, 1}, [2]int{2, 3}); got != [2]int{0, 1} {
		t.Errorf("no ranker moved the span to %v", got)
	}
}
