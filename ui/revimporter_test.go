package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// TestImportNewVersionThroughTheStore: with the real importer wired (as
// cmd/factmark does), importing a corrected copy of the open article offers
// it as revision 2; accepting stores the revision, makes it current and
// carries the claim onto its words.
func TestImportNewVersionThroughTheStore(t *testing.T) {
	td := newTestDesk(t, nil)
	id := td.article.ID
	td.createClaimOn("voted 27 to 18")
	corrected := strings.Replace(td.article.Text, "five-hour debate", "six-hour debate", 1)
	corrected = strings.Replace(corrected, "two were absent", "three were absent", 1)
	td.reviseOpenArticle(corrected)
	revs, err := td.db.FindRevisions(context.Background(), id)
	if err != nil || len(revs) != 2 {
		t.Fatalf("%d revisions (%v), want 2", len(revs), err)
	}
	claims := td.stored().Claims
	if len(claims) != 1 || claims[0].Anchors[0].Exact != "voted 27 to 18" || claims[0].Orphan ||
		claims[0].Placement == nil || claims[0].Placement.Revision != 2 || claims[0].Placement.Method == annotate.PlacedOrphan {
		t.Fatalf("claim after the revision: %+v", claims)
	}
	if got := td.text.Slice(claims[0].Anchors[0].Start, claims[0].Anchors[0].End); got != "voted 27 to 18" {
		t.Errorf("the claim's span holds %q in the new text", got)
	}
}

// reviseOpenArticle imports text as the open article's next revision with
// the real importer (as cmd/factmark wires it), answering the desk's
// question, and waits until the article shows it.
func (td *testDesk) reviseOpenArticle(text string) {
	td.t.Helper()
	td.svc.Revisions = RevisionImporter()
	id := td.article.ID
	td.flush()
	td.importData("revised.txt", []byte(text))
	td.tapOverlayButton("As revision 2")
	if !td.pumpUntil(func() bool { return td.article != nil && td.article.ID == id && td.article.Text == text }, 10*time.Second) {
		td.t.Fatalf("the article was not revised; status %q", td.status.Text)
	}
}
