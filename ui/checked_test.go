package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
)

// A feed of one earlier fact-check of the sample article's tram claim, and
// one of something else.
const tramFeed = `[{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example/tram",
 "claimReviewed": "The tram cuts the journey from Holmvik to the city centre from 41 minutes by bus to 19 minutes",
 "author": {"@type": "Organization", "name": "Other Desk"}, "datePublished": "2025-11-02",
 "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"}},
 {"@type": "ClaimReview", "claimReviewed": "The harbour will close in winter",
 "reviewRating": {"alternateName": "False"}}]`

// TestCheckedBeforeLinkAndUndo: a feed imported from the desk is offered in
// the editor of a claim that says the same, L links it through the change
// path (stored, undone, redone), and a claim that says something else is
// offered nothing.
func TestCheckedBeforeLinkAndUndo(t *testing.T) {
	td := newTestDesk(t, nil)
	feed := filepath.Join(t.TempDir(), "feed.json")
	if err := os.WriteFile(feed, []byte(tramFeed), 0o644); err != nil {
		t.Fatal(err)
	}
	td.importChecks(feed)
	if !strings.Contains(td.status.Text, "imported 2 fact-checks (2 new) from feed.json") {
		t.Fatalf("status after the feed import: %q", td.status.Text)
	}
	td.view.SetSelection(td.rangeOf("the project would cut the journey between Holmvik and the city centre from 41 minutes by bus to 19 minutes by tram"))
	test.Type(td.view, "c")
	editor := labelTexts(td.claims.edit)
	if !strings.Contains(editor, "Mostly true · Other Desk · 2025-11-02") || strings.Contains(editor, "harbour") {
		t.Fatalf("the claim editor's checked-before shows:\n%s", editor)
	}
	test.Type(td.view, "l")
	stored := td.stored().Claims
	if len(stored) != 1 || len(stored[0].CheckedBefore) != 1 || !strings.HasPrefix(stored[0].CheckedBefore[0], "check:") {
		t.Fatalf("after L the claim links %v", stored[0].CheckedBefore)
	}
	if b := findButton(td.claims.edit, "Unlink"); b == nil {
		t.Error("the linked check has no Unlink button")
	}
	test.Type(td.view, "l")
	if !strings.Contains(td.status.Text, "No earlier fact-check says") {
		t.Errorf("L with the only match linked: status %q", td.status.Text)
	}
	td.undo()
	if got := td.stored().Claims[0].CheckedBefore; len(got) != 0 {
		t.Errorf("after undo the claim links %v", got)
	}
	td.redo()
	if got := td.stored().Claims[0].CheckedBefore; len(got) != 1 {
		t.Errorf("after redo the claim links %v", got)
	}

	// A verdict on the claim indexes the project's checks again, not the
	// feeds'.
	feeds, built := td.checked.feeds, td.checked.built
	td.selectAnnotation(stored[0].ID, true)
	td.createNote()
	if len(td.ann.Notes) != 1 || td.ann.Notes[0].ClaimID != stored[0].ID {
		t.Fatalf("the note is not on the claim: %+v", td.ann.Notes)
	}
	td.updateNote(td.ann.Notes[0].ID, "", func(n *annotate.Note) { n.Verdict = "True" })
	td.knownChecks()
	if td.checked.feeds != feeds || td.checked.built == built {
		t.Error("a verdict's change indexed the feeds again, or not the project's checks")
	}

	td.view.SetSelection(td.rangeOf("Mayor Ingrid Halvorsen"))
	test.Type(td.view, "c")
	if editor := labelTexts(td.claims.edit); !strings.Contains(editor, "No earlier fact-check says this.") {
		t.Errorf("an unrelated claim is offered:\n%s", editor)
	}
	if slices.Contains(td.titles(), "feed.json") {
		t.Error("the feed was imported as an article")
	}
}
