package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
)

// TestReattachOrphanThroughTheStore: a claim whose sentence a revision
// deleted is an orphan in the real store; R on a new selection re-attaches
// it there and undo makes it an orphan again, each written to the project.
func TestReattachOrphanThroughTheStore(t *testing.T) {
	td := newTestDesk(t, nil)
	td.createClaimOn("The council has 47 members; two were absent.")
	td.reviseOpenArticle(strings.Replace(td.article.Text, " The council has 47 members; two were absent.", "", 1))
	stored := td.stored().Claims
	if len(stored) != 1 || !stored[0].Orphan {
		t.Fatalf("after the revision: %+v", stored)
	}
	claim := stored[0].ID
	td.selectOrphan(claim)
	td.view.SetSelection(td.rangeOf("voted 27 to 18"))
	test.Type(td.view, "r")
	got := td.stored().Claims[0]
	if got.Orphan || got.Anchors[0].Exact != "voted 27 to 18" || got.Placement == nil || got.Placement.Method != annotate.PlacedManual {
		t.Fatalf("re-attached in the store: %+v", got)
	}
	td.undo()
	if got := td.stored().Claims[0]; !got.Orphan || got.Anchors[0].Exact != "The council has 47 members; two were absent." {
		t.Fatalf("after undo the store holds %+v", got)
	}
	td.redo()
	if got := td.stored().Claims[0]; got.Orphan {
		t.Fatalf("after redo the claim is still an orphan")
	}
}
