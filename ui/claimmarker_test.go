package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// dragOver drags the pointer from just inside the first character of
// [start, end) to just inside its last, as a careful user does.
func (td *testDesk) dragOver(start, end int) {
	from, to := td.canvasPos(start).Add(fyne.NewDelta(1, 0)), td.canvasPos(end).Subtract(fyne.NewDelta(1, 0))
	test.Drag(td.win.Canvas(), to, to.X-from.X, to.Y-from.Y)
}

func TestClaimMarkerMakesAClaimOfEachDrag(t *testing.T) {
	td := newTestDesk(t, nil)
	td.win.Canvas().Focus(td.view)
	start, end := td.rangeOf("€412 million")
	td.dragOver(start, end)
	if n := len(td.stored().Claims); n != 0 {
		t.Fatalf("a drag with the marker off made %d claims", n)
	}

	td.press('m')
	if !td.marking || !td.marker.Visible() {
		t.Fatal("M did not turn the claim marker on, or the status line does not say so")
	}
	td.dragOver(start, end)
	claims := td.stored().Claims
	if len(claims) != 1 || claims[0].Anchors[0].Start != start || claims[0].Anchors[0].End != end {
		t.Fatalf("a drag with the marker on stored %+v", claims)
	}
	td.win.Canvas().Focus(td.view)
	td.dragOver(start, end) // twice in a row: the claim is there already
	if n := len(td.stored().Claims); n != 1 {
		t.Fatalf("the same drag twice made %d claims", n)
	}
	s2, e2 := td.rangeOf("27 to 18")
	td.view.SetSelection(s2, e2) // a selection not dragged (Find, a double-click) is no claim
	if n := len(td.stored().Claims); n != 1 {
		t.Fatalf("a selection made without a drag made a claim (%d)", n)
	}
	blank := start - 1 // the space before "€412"
	td.win.Canvas().Focus(td.view)
	td.dragOver(blank, blank+1)
	if n := len(td.stored().Claims); n != 1 || td.status.Text == "" {
		t.Fatalf("dragging over a blank made %d claims (status %q)", n, td.status.Text)
	}
	td.undo()
	if n := len(td.stored().Claims); n != 0 {
		t.Fatalf("undo left %d claims of the marker's one", n)
	}

	td.win.Canvas().Focus(td.view)
	td.press('m')
	if td.marking || td.marker.Visible() {
		t.Fatal("M again did not turn the marker off")
	}
	td.dragOver(s2, e2)
	if n := len(td.stored().Claims); n != 0 {
		t.Fatalf("a drag after the marker was turned off made %d claims", n)
	}
}

func TestClaimMarkerRefusesAReadOnlyProject(t *testing.T) {
	td, _ := readOnlyDesk(t)
	td.win.Canvas().Focus(td.view)
	td.press('m')
	before := len(td.ann.Claims)
	start, end := td.rangeOf("€412 million")
	td.dragOver(start, end)
	if n := len(td.ann.Claims) - before; n != 0 {
		t.Fatalf("the marker made %d claims in a read-only project", n)
	}
}

func TestClaimMarkerKeyWorksInTheReviewList(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	if td.win.Canvas().Focused() != td.sugg.list {
		t.Fatal("the review list does not have the keyboard after Suggest")
	}
	td.press('m')
	if !td.marking {
		t.Fatal("M in the review list did not turn the claim marker on")
	}
}
