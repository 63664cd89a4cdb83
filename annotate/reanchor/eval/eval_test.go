package eval

import (
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

// TestDatasets places every annotation of each shared dataset, scores it as
// score.py does and logs the figures; on the 1 MB text it holds the
// targets: at 5 % ≥ 99 % of the placeable placed right and ≤ 0.1 % of all
// placed wrong, at 20 % ≤ 0.5 % placed wrong.
func TestDatasets(t *testing.T) {
	dir := testcorpus.Dir(t, "reanchor")
	targets := map[string]struct{ minRight, maxWrong float64 }{
		"polnear-1mb-5.json":  {99, 0.1},
		"polnear-1mb-20.json": {0, 0.5},
	}
	for _, name := range []string{
		"polnear-dev-400kb-1.json", "polnear-dev-400kb-5.json", "polnear-dev-400kb-20.json",
		"polnear-1mb-1.json", "polnear-1mb-5.json", "polnear-1mb-20.json",
	} {
		t.Run(name, func(t *testing.T) {
			d, err := Load(dir + "/" + name)
			if err != nil {
				t.Skipf("%s: %v", name, err)
			}
			s := Evaluate(d, Run(d))
			t.Logf("%s:\n%s", name, s.Report())
			if s.Missing != 0 {
				t.Errorf("%d annotations missing from the predictions", s.Missing)
			}
			if tg, ok := targets[name]; ok {
				if s.RightRate() < tg.minRight {
					t.Errorf("right rate %.3f%% < %.1f%%", s.RightRate(), tg.minRight)
				}
				if s.WrongRate() > tg.maxWrong {
					t.Errorf("wrong rate %.3f%% > %.1f%%", s.WrongRate(), tg.maxWrong)
				}
			}
		})
	}
}

// TestEvaluateAsScorePy checks the scorer's definitions on cases at their
// edges: 90 % both ways, orphans either way, a missing id, a bad span.
func TestEvaluateAsScorePy(t *testing.T) {
	span := func(s, e int) *Span { return &Span{s, e} }
	d := &Dataset{Annotations: []Item{
		{ID: 0, Truth: span(0, 100), Kind: "exact"},
		{ID: 1, Truth: span(0, 100), Kind: "edited"}, // prediction covers 89 %
		{ID: 2, Truth: span(0, 100), Kind: "edited"}, // prediction 90 % truth
		{ID: 3, Truth: span(0, 100), Kind: "edited"}, // prediction 12 % too long
		{ID: 4, Truth: nil, Kind: "orphan"},          // placed: wrong
		{ID: 5, Truth: nil, Kind: "orphan"},          // orphan: ok
		{ID: 6, Truth: span(10, 20), Kind: "edited"}, // orphaned: missed
		{ID: 7, Truth: span(10, 20), Kind: "edited"}, // missing: wrong
		{ID: 8, Truth: span(10, 20), Kind: "split"},  // malformed: wrong
		{ID: 9, Truth: span(0, 90), Kind: "edited"},  // prediction 0–100: 90 % of it is truth
		{ID: 10, Truth: span(0, 89), Kind: "edited"}, // prediction 0–100: 89 % of it
	}}
	preds := Predictions{0: span(0, 100), 1: span(0, 89), 2: span(0, 90), 3: span(0, 112), 4: span(1, 2),
		5: nil, 6: nil, 8: span(20, 10), 9: span(0, 100), 10: span(0, 100)}
	s := Evaluate(d, preds)
	want := Counts{Right: 3, Wrong: 6, OrphanOK: 1, OrphanMissed: 1}
	if s.Counts != want || s.Missing != 1 || s.N != 11 || s.Placeable != 9 {
		t.Fatalf("got %+v missing %d n %d placeable %d, want %+v missing 1 n 11 placeable 9", s.Counts, s.Missing, s.N, s.Placeable, want)
	}
	// 2 is right (90 % of the truth), 9 is right (90 % of the prediction)
	if s.ByKind["edited"].Right != 2 {
		t.Errorf("edited: %+v", *s.ByKind["edited"])
	}
}
