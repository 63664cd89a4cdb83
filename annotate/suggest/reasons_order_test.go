package suggest

import (
	"slices"
	"testing"
)

// Cue groups of equal weight come from a map; their order in the reasons
// must not change from one call to the next.
func TestReasonsOrderEqualWeightsByText(t *testing.T) {
	m := &claimModel{}
	rw := m.newReasonWeights("news")
	found := map[string][]string{}
	for _, g := range []string{"number", "comparison", "quantity", "time", "law", "money"} {
		rw.groups[g] = 0.5
		found[g] = nil
	}
	want := []string{"comparison", "law", "money", "number", "quantity", "time"}
	for range 50 {
		got := m.reasons(nil, found, claimVec{x: 1}, rw, 0)
		if !slices.Equal(got, want) {
			t.Fatalf("reasons = %q, want %q", got, want)
		}
	}
}
