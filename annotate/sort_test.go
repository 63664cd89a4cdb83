package annotate

import (
	"math/rand"
	"slices"
	"testing"
)

// TestSortInTextOrder: claims and notes end up by start, then ID, whatever
// order they come in, and a note on a claim stands where its claim starts.
func TestSortInTextOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var cs []Claim
	for i := range 200 {
		s := rng.Intn(50)
		cs = append(cs, Claim{Meta: Meta{ID: string(rune('a'+i%26)) + string(rune('a'+i/26))}, Anchors: []Anchor{{Start: s, End: s + 3}}})
	}
	SortClaims(cs)
	if !slices.IsSortedFunc(cs, func(a, b Claim) int {
		if a.Start() != b.Start() {
			return a.Start() - b.Start()
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	}) {
		t.Fatal("claims not in text order")
	}
	target := Anchor{Start: 7, End: 9}
	ns := []Note{
		{Meta: Meta{ID: "n1"}, ClaimID: cs[len(cs)-1].ID},
		{Meta: Meta{ID: "n2"}, Target: &target},
		{Meta: Meta{ID: "n0"}, ClaimID: cs[0].ID},
	}
	SortNotes(ns, cs)
	if ns[0].ID != "n0" || ns[1].ID != "n2" || ns[2].ID != "n1" {
		t.Errorf("notes in order %s %s %s, want n0 n2 n1", ns[0].ID, ns[1].ID, ns[2].ID)
	}
	before := slices.Clone(cs)
	SortClaims(cs)
	if !slices.EqualFunc(before, cs, func(a, b Claim) bool { return a.ID == b.ID }) {
		t.Error("sorting sorted claims changed their order")
	}
}
