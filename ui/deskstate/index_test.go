package deskstate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// applySlowly is Apply as it was before the index: replace or append, then
// sort every kind again. Apply must leave the same annotations.
func applySlowly(ann *annotate.Annotations, op Op) {
	switch op.kind {
	case createAttribution, updateAttribution:
		ann.Attributions = put(ann.Attributions, CloneAttribution(op.attribution), func(a *annotate.Attribution) string { return a.ID })
		annotate.SortAttributions(ann.Attributions)
	case createClaim, updateClaim:
		ann.Claims = put(ann.Claims, CloneClaim(op.claim), func(c *annotate.Claim) string { return c.ID })
		annotate.SortClaims(ann.Claims)
		annotate.SortNotes(ann.Notes, ann.Claims)
	case createNote, updateNote:
		ann.Notes = put(ann.Notes, CloneNote(op.note), func(n *annotate.Note) string { return n.ID })
		annotate.SortNotes(ann.Notes, ann.Claims)
	case deleteAnnotation:
		s := &State{ArticleID: "art", Ann: ann, Index: &Index{}}
		s.delete(op.id)
	}
}

// randomOp is a create, update or delete of one of a few annotations, at
// random places, with notes on claims and on spans.
func randomOp(rng *rand.Rand) Op {
	id := fmt.Sprint(rng.IntN(12))
	a := anchor(rng.IntN(50), 0)
	a.End = a.Start + 1 + rng.IntN(10)
	switch rng.IntN(7) {
	case 0:
		return UpdateAttribution(annotate.Attribution{Meta: meta("a" + id), Content: []annotate.Anchor{a}})
	case 1, 2:
		c := annotate.Claim{Meta: meta("c" + id), Anchors: []annotate.Anchor{a}}
		if rng.IntN(2) == 0 {
			c.AttributionID = "a" + fmt.Sprint(rng.IntN(12))
		}
		return UpdateClaim(c)
	case 3, 4:
		n := annotate.Note{Meta: meta("n" + id), Rationale: fmt.Sprint(rng.IntN(3))}
		if rng.IntN(2) == 0 {
			n.ClaimID = "c" + fmt.Sprint(rng.IntN(12))
		} else {
			n.Target = &a
		}
		return UpdateNote(n)
	}
	return Delete("art", []string{"a", "c", "n"}[rng.IntN(3)]+id)
}

// TestApplyMatchesSorting applies random steps with the index and checks
// that the annotations are those the replace-and-sort way leaves, that every
// lookup agrees with a scan, and that what was touched, and a change of
// order, are reported.
func TestApplyMatchesSorting(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		s := &State{ArticleID: "art", Ann: &annotate.Annotations{}, Index: &Index{}}
		want := &annotate.Annotations{}
		for step := 0; step < 400; step++ {
			op := randomOp(rng)
			s.Touched, s.Moved = nil, false
			before, order := snapshot(s.Ann), summary(s.Ann)
			s.Apply(Change{Ops: []Op{op}})
			applySlowly(want, op)
			if !reflect.DeepEqual(s.Ann, want) {
				t.Fatalf("seed %d step %d: after %+v\n got  %v\n want %v", seed, step, op, summary(s.Ann), summary(want))
			}
			checkLookups(t, s)
			if summary(s.Ann) != order && !s.Moved {
				t.Fatalf("seed %d step %d: %s became %s but Moved is not set", seed, step, order, summary(s.Ann))
			}
			for _, id := range changedIDs(before, snapshot(s.Ann)) {
				if !slices.Contains(s.Touched, id) {
					t.Fatalf("seed %d step %d: %s changed but Touched is %v", seed, step, id, s.Touched)
				}
			}
			if step%97 == 96 { // the desk reread the store: a new value, out of order
				fresh := &annotate.Annotations{}
				applyAll(fresh, want)
				slices.Reverse(fresh.Claims)
				s.Ann = fresh
			}
		}
	}
}

func applyAll(dst, src *annotate.Annotations) {
	for _, a := range src.Attributions {
		dst.Attributions = append(dst.Attributions, CloneAttribution(a))
	}
	for _, c := range src.Claims {
		dst.Claims = append(dst.Claims, CloneClaim(c))
	}
	for _, n := range src.Notes {
		dst.Notes = append(dst.Notes, CloneNote(n))
	}
}

func checkLookups(t *testing.T, s *State) {
	t.Helper()
	for i := 0; i < 12; i++ {
		for _, k := range []struct {
			id   string
			find func(*annotate.Annotations, string) int
			scan func(string) int
		}{
			{"a", s.Index.Attribution, func(id string) int {
				return slices.IndexFunc(s.Ann.Attributions, func(a annotate.Attribution) bool { return a.ID == id })
			}},
			{"c", s.Index.Claim, func(id string) int {
				return slices.IndexFunc(s.Ann.Claims, func(c annotate.Claim) bool { return c.ID == id })
			}},
			{"n", s.Index.Note, func(id string) int {
				return slices.IndexFunc(s.Ann.Notes, func(n annotate.Note) bool { return n.ID == id })
			}},
		} {
			id := k.id + fmt.Sprint(i)
			if got, want := k.find(s.Ann, id), k.scan(id); got != want {
				t.Fatalf("%s is at %d, the index says %d", id, want, got)
			}
		}
	}
}

// snapshot is each annotation's value by ID, as text.
func snapshot(ann *annotate.Annotations) map[string]string {
	m := map[string]string{}
	for _, a := range ann.Attributions {
		m[a.ID] = fmt.Sprintf("%+v", a.Content) + a.ID
	}
	for _, c := range ann.Claims {
		m[c.ID] = fmt.Sprintf("%+v %s", c.Anchors, c.AttributionID)
	}
	for _, n := range ann.Notes {
		m[n.ID] = fmt.Sprintf("%+v %s %s", n.Target, n.ClaimID, n.Rationale)
	}
	return m
}

func changedIDs(before, after map[string]string) []string {
	var ids []string
	for id, v := range before {
		if after[id] != v {
			ids = append(ids, id)
		}
	}
	for id := range after {
		if _, ok := before[id]; !ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func summary(ann *annotate.Annotations) string {
	var out []string
	for _, a := range ann.Attributions {
		out = append(out, a.ID)
	}
	for _, c := range ann.Claims {
		out = append(out, c.ID)
	}
	for _, n := range ann.Notes {
		out = append(out, n.ID)
	}
	return fmt.Sprint(out)
}
