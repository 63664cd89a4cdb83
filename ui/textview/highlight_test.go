package textview

import (
	"cmp"
	"fmt"
	"image/color"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSetGroupMatchesRebuild replaces random groups of highlights one at a
// time and checks that the index then answers every range query as an index
// built from scratch on the same highlights does.
func TestSetGroupMatchesRebuild(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 9))
			want := map[string][]Highlight{}
			random := func(g string) []Highlight {
				hs := make([]Highlight, rng.IntN(4))
				for i := range hs {
					s := rng.IntN(500)
					hs[i] = Highlight{Start: s, End: s + rng.IntN(60), ID: g + "/" + fmt.Sprint(i), Group: g}
				}
				return hs
			}
			var flat []Highlight
			for i := 0; i < 40; i++ {
				g := fmt.Sprint("g", i)
				want[g] = random(g)
				flat = append(flat, want[g]...)
			}
			x := newHLIndex(flat)
			for step := 0; step < 300; step++ {
				g := fmt.Sprint("g", rng.IntN(60))
				want[g] = random(g)
				if rng.IntN(5) == 0 {
					want[g] = nil
				}
				x.setGroup(g, want[g])
				flat = flat[:0]
				for _, hs := range want {
					flat = append(flat, hs...)
				}
				full := newHLIndex(flat)
				if got, exp := sorted(x.all()), sorted(full.all()); !slices.Equal(got, exp) {
					t.Fatalf("step %d: highlights\n%v\nwant\n%v", step, got, exp)
				}
				for q := 0; q < 20; q++ {
					s := rng.IntN(560)
					e := s + 1 + rng.IntN(40)
					if got, exp := sorted(ids(&x, s, e)), sorted(ids(&full, s, e)); !slices.Equal(got, exp) {
						t.Fatalf("step %d: overlapping [%d,%d) = %v, want %v", step, s, e, got, exp)
					}
				}
			}
		})
	}
}

func ids(x *hlIndex, start, end int) []Highlight {
	var out []Highlight
	for _, j := range x.overlapping(start, end, nil) {
		out = append(out, x.hs[j].Highlight)
	}
	return out
}

func sorted(hs []Highlight) []Highlight {
	slices.SortFunc(hs, func(a, b Highlight) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
	return hs
}

// TestSetHighlightsForKeepsOthers replaces one group through the view and
// leaves the rest.
func TestSetHighlightsForKeepsOthers(t *testing.T) {
	v := New()
	v.SetText("one two three four")
	v.SetHighlights([]Highlight{{Start: 0, End: 3, ID: "a", Group: "a"}, {Start: 4, End: 7, ID: "b", Group: "b"}})
	v.SetHighlightsFor(map[string][]Highlight{"a": {{Start: 8, End: 13, ID: "a2"}}, "c": {{Start: 14, End: 18, ID: "c"}}})
	got := v.Highlights()
	want := []string{"b", "a2", "c"}
	if len(got) != len(want) {
		t.Fatalf("highlights %v, want IDs %v", got, want)
	}
	for i, h := range got {
		if h.ID != want[i] {
			t.Errorf("highlight %d is %q, want %q", i, h.ID, want[i])
		}
	}
	if hs := v.HighlightsAt(1); len(hs) != 0 {
		t.Errorf("the old highlight of group a is still at 1: %v", hs)
	}
	v.SetHighlightsFor(map[string][]Highlight{"b": nil})
	if hs := v.HighlightsAt(5); len(hs) != 0 {
		t.Errorf("group b was removed but %v is at 5", hs)
	}
}

// TestSetGroupLeavesTheSame: giving a group the highlights it has changes
// nothing (no redraw, no new drawing order); any difference replaces them.
func TestSetGroupLeavesTheSame(t *testing.T) {
	red := color.NRGBA{R: 200, A: 255}
	hs := []Highlight{{Start: 1, End: 4, ID: "a/claim", Color: red}, {Start: 6, End: 9, ID: "a/claim", Color: red}}
	tests := []struct {
		name    string
		hs      []Highlight
		changed bool
	}{
		{"the same", hs, false},
		{"the same and an empty one", append(slices.Clone(hs), Highlight{Start: 5, End: 5}), false},
		{"one moved", []Highlight{hs[0], {Start: 6, End: 10, ID: "a/claim", Color: red}}, true},
		{"another colour", []Highlight{hs[0], {Start: 6, End: 9, ID: "a/claim", Color: color.NRGBA{B: 200, A: 255}}}, true},
		{"one fewer", hs[:1], true},
		{"one more", append(slices.Clone(hs), Highlight{Start: 10, End: 12, ID: "a/claim"}), true},
		{"none", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newHLIndex(nil)
			x.setGroup("a", hs)
			before := slices.Clone(x.hs)
			if got := x.setGroup("a", tt.hs); got != tt.changed {
				t.Fatalf("setGroup reported a change %v, want %v", got, tt.changed)
			}
			if !tt.changed && !slices.Equal(x.hs, before) {
				t.Fatalf("nothing changed but the index did: %v, was %v", x.hs, before)
			}
		})
	}
}
