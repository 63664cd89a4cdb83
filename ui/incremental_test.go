package ui

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/textview"
)

// TestIncrementalMatchesRebuild makes a random sequence of changes (new
// attributions, claims and notes, typing in a rationale, moving a claim with
// notes on it, deletes, undo and redo, a write the store refuses, opening
// another article and coming back) and after each checks that the view's
// highlights, redrawn for what each change touched, are those a full
// rebuild makes, that no list shows a row that is not the annotations', and
// that the index finds every annotation where it is.
func TestIncrementalMatchesRebuild(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			td, lock := lockableDesk(t)
			other, err := annotate.NewArticle([]byte("Another article, with its own text.\n"), annotate.ArticleMeta{Title: "Other"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := td.db.CreateArticle(context.Background(), other); err != nil {
				t.Fatal(err)
			}
			first := td.article.ID
			rng := rand.New(rand.NewPCG(seed, 5))
			for step := 0; step < 120; step++ {
				what := td.randomStep(rng, lock, first, other.ID)
				td.checkDrawn(fmt.Sprintf("step %d (%s)", step, what))
			}
		})
	}
}

// randomStep makes one random change and says what it was.
func (td *testDesk) randomStep(rng *rand.Rand, lock *lockingAnnotations, first, other string) string {
	n := td.text.Len()
	selectSome := func() {
		start := rng.IntN(n - 30)
		td.view.SetSelection(start, start+3+rng.IntN(25))
	}
	pick := func() string {
		var ids []string
		for _, a := range td.ann.Attributions {
			ids = append(ids, a.ID)
		}
		for _, c := range td.ann.Claims {
			ids = append(ids, c.ID)
		}
		for _, x := range td.ann.Notes {
			ids = append(ids, x.ID)
		}
		if len(ids) == 0 {
			return ""
		}
		return ids[rng.IntN(len(ids))]
	}
	switch k := rng.IntN(12); k {
	case 0, 1:
		selectSome()
		td.createClaim()
		return "C"
	case 2:
		selectSome()
		td.createAttribution()
		return "A"
	case 3:
		selectSome()
		td.createNote()
		return "N on text"
	case 4:
		if len(td.ann.Claims) > 0 {
			td.selectAnnotation(td.ann.Claims[rng.IntN(len(td.ann.Claims))].ID, false)
			td.createNote()
		}
		return "N on a claim"
	case 5:
		if len(td.ann.Notes) > 0 {
			id := td.ann.Notes[rng.IntN(len(td.ann.Notes))].ID
			td.selectAnnotation(id, false)
			for i := 0; i < 3; i++ {
				td.updateNote(id, "rationale", func(x *annotate.Note) { x.Rationale += string(rune('a' + rng.IntN(26))) })
			}
		}
		return "typing in a rationale"
	case 6:
		if len(td.ann.Claims) > 0 {
			id := td.ann.Claims[rng.IntN(len(td.ann.Claims))].ID
			start := rng.IntN(n - 30)
			a, _ := td.text.Anchor(start, start+5+rng.IntN(20))
			td.updateClaim(id, "", func(c *annotate.Claim) { c.Anchors = []annotate.Anchor{a} })
		}
		return "moving a claim"
	case 7:
		if id := pick(); id != "" {
			td.selectAnnotation(id, false)
			td.deleteSelected()
		}
		return "delete"
	case 8:
		td.undo()
		return "undo"
	case 9:
		td.redo()
		return "redo"
	case 10:
		if len(td.ann.Claims) > 0 {
			td.flush()
			lock.failUpdate.Store(true)
			id := td.ann.Claims[rng.IntN(len(td.ann.Claims))].ID
			td.updateClaim(id, "", func(c *annotate.Claim) { c.Status = annotate.StatusVerdictProposed })
			td.flush() // the write fails and the desk rereads the store
		}
		return "a refused write"
	}
	td.flush()
	if !td.show(other) || !td.show(first) {
		td.t.Fatalf("could not switch articles: %s", td.status.Text)
	}
	return "another article and back"
}

// checkDrawn compares what the desk shows with a full rebuild.
func (td *testDesk) checkDrawn(step string) {
	td.t.Helper()
	td.win.Canvas().Capture()
	var want []textview.Highlight
	for _, h := range td.highlights() {
		if h.End > h.Start {
			want = append(want, h)
		}
	}
	got := td.view.Highlights()
	if !slices.Equal(sortHighlights(got), sortHighlights(want)) {
		td.t.Fatalf("%s: the view has %d highlights, a rebuild %d:\n got  %v\n want %v", step, len(got), len(want), got, want)
	}
	for _, p := range []*panel{td.attrs, td.claims, td.notes} {
		rows := p.Rows()
		for _, l := range shownLabels(p.list) {
			if !slices.Contains(rows, l) {
				td.t.Fatalf("%s: a list shows %q, which is none of its rows %q", step, l, rows)
			}
		}
	}
	for i, a := range td.ann.Attributions {
		if td.idx.Attribution(td.ann, a.ID) != i {
			td.t.Fatalf("%s: attribution %d not found by its ID", step, i)
		}
	}
	for i, c := range td.ann.Claims {
		if td.idx.Claim(td.ann, c.ID) != i {
			td.t.Fatalf("%s: claim %d not found by its ID", step, i)
		}
	}
	for i, n := range td.ann.Notes {
		if td.idx.Note(td.ann, n.ID) != i {
			td.t.Fatalf("%s: note %d not found by its ID", step, i)
		}
	}
}

func sortHighlights(hs []textview.Highlight) []textview.Highlight {
	hs = slices.Clone(hs)
	slices.SortFunc(hs, func(a, b textview.Highlight) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
	return hs
}

// shownLabels are the texts of the visible labels in a widget's tree.
func shownLabels(o fyne.CanvasObject) []string {
	if !o.Visible() {
		return nil
	}
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, shownLabels(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, shownLabels(c)...)
		}
	}
	return out
}
