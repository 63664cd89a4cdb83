package ui

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// suggestNow runs the suggester on the open article and fills the tab, as
// the Suggest button does in the background.
func (td *testDesk) suggestNow() {
	td.t.Helper()
	res, rejected, err := td.suggestFor(td.ctx, td.article.ID, td.text, annotate.NewRegistry(td.speakers), nil)
	if err != nil {
		td.t.Fatal(err)
	}
	td.showSuggestions(td.article.ID, res, rejected)
}

// proposalWith returns the shown proposal whose label contains s.
func (td *testDesk) proposalWith(s string) *proposal {
	td.t.Helper()
	for _, p := range td.sugg.shown {
		if strings.Contains(p.label(), s) {
			return p
		}
	}
	td.t.Fatalf("no suggestion shown with %q among %d", s, len(td.sugg.shown))
	return nil
}

func TestSuggestAcceptRejectAndRemember(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	if td.tabs.Selected().Text != "Suggestions" || len(td.sugg.shown) == 0 {
		t.Fatalf("Suggest showed %d suggestions in tab %q", len(td.sugg.shown), td.tabs.Selected().Text)
	}
	dashed := 0
	for _, h := range td.highlights() {
		if h.Dashed {
			dashed++
		}
	}
	if dashed == 0 {
		t.Fatal("suggestions are not drawn as dashed highlights")
	}

	attr := td.proposalWith("attribution:")
	td.acceptProposals(attr)
	got := td.stored().Attributions
	if len(got) != 1 || got[0].Origin != annotate.Suggested || !sameSpans(got[0].Content, attr.attr.Content) {
		t.Fatalf("accepting stored %+v", got)
	}

	claim := td.proposalWith("claim ")
	key := claim.key
	td.rejectProposal(claim)
	td.suggestNow()
	for _, p := range td.sugg.all {
		if p.key == key {
			t.Fatal("a rejected suggestion was proposed again")
		}
		if p.attr != nil && sameSpans(p.attr.Content, attr.attr.Content) {
			t.Fatal("an accepted attribution was proposed again")
		}
	}
	td.undo() // the rejection
	td.flush()
	if rejected, _ := td.db.FindRejections(td.ctx, td.article.ID); rejected[key] {
		t.Fatal("undo did not forget the rejection")
	}
}

func TestSuggestionEditedThenAccepted(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	p := td.proposalWith("claim ")
	start, end := td.rangeOf("€412 million")
	td.view.SetSelection(start, end)
	sel, _ := td.selection()
	p.sent.Anchor = sel // as "Set to selection" in its editor does
	td.acceptProposals(p)
	claims := td.stored().Claims
	if len(claims) != 1 || claims[0].Anchors[0].Start != start || claims[0].Anchors[0].End != end {
		t.Fatalf("edited claim stored as %+v", claims)
	}
	if claims[0].Worthiness == nil || claims[0].WorthinessOrigin != annotate.Suggested {
		t.Fatal("accepted claim lost its suggested score")
	}
}

func TestAcceptAllShownIsOneUndoStep(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	td.sugg.kind.SetSelected(kindClaims)
	best := 0.0
	for _, p := range td.sugg.shown {
		best = max(best, p.sent.Score)
	}
	td.sugg.minScore.SetValue(best - 0.1) // the best few
	n := len(td.sugg.shown)
	if n == 0 || n == len(td.sugg.all) {
		t.Fatalf("filtering by score shows %d of %d suggestions", n, len(td.sugg.all))
	}
	td.sugg.acceptAll()
	if got := len(td.stored().Claims); got != n {
		t.Fatalf("accept all stored %d claims, want %d", got, n)
	}
	if len(td.sugg.shown) != 0 {
		t.Fatalf("%d accepted suggestions still shown", len(td.sugg.shown))
	}
	td.undo()
	if got := len(td.stored().Claims); got != 0 {
		t.Fatalf("one undo left %d claims", got)
	}
}
