package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// fakeRevisions proposes one article for every file and records the
// revisions imported, reporting report for each.
type fakeRevisions struct {
	proposal RevisionProposal
	ok       bool
	err      error
	report   RevisionReport

	mu       sync.Mutex
	imported []string // "name → article ID"
}

func (f *fakeRevisions) ProposeRevisionOf(ctx context.Context, s interchange.Store, name string, data []byte) (RevisionProposal, bool, error) {
	return f.proposal, f.ok, f.err
}

func (f *fakeRevisions) ImportRevision(ctx context.Context, s interchange.Store, name string, data []byte, articleID string, opts interchange.ImportOptions) (RevisionReport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.imported = append(f.imported, name+" → "+articleID)
	return f.report, nil
}

func (f *fakeRevisions) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.imported...)
}

const newVersion = "# A new version\nThe council voted again, and the minister said so.\n"

func TestImportAsRevisionOpensTheOrphans(t *testing.T) {
	td, _, _, _, _ := orphanDesk(t)
	id, title := td.article.ID, td.article.Title
	fake := &fakeRevisions{ok: true, proposal: RevisionProposal{ArticleID: id, Title: title, Revisions: 1, Why: "URL matches"},
		report: RevisionReport{ArticleID: id, Title: title, Revision: 2, Orphans: 3,
			Placed: map[string]int{annotate.PlacedExact: 10, annotate.PlacedDiff: 4, annotate.PlacedFuzzy: 1}}}
	td.svc.Revisions = fake
	td.tabs.SelectIndex(tabAttributions)
	td.importData("v2.txt", []byte(newVersion))
	if !td.pumpUntil(func() bool { return td.revAsked != nil }, 10*time.Second) {
		t.Fatal("the desk did not ask whether the file is a revision")
	}
	want := "This looks like a new version of “" + title + "” (URL matches). Import it as revision 2 of it, or as a new article?"
	if !td.overlayHolds(want) || td.revAsked.revision.Text != "As revision 2" {
		t.Fatalf("the question does not say %q", want)
	}
	test.Tap(td.revAsked.revision)
	if !td.pumpUntil(func() bool { return len(fake.calls()) == 1 && strings.Contains(td.status.Text, "revision 2") }, 10*time.Second) {
		t.Fatalf("calls %q, status %q", fake.calls(), td.status.Text)
	}
	if got := fake.calls()[0]; got != "v2.txt → "+id {
		t.Errorf("imported %q", got)
	}
	for _, want := range []string{"15 annotations placed: 10 unchanged, 4 by the word diff, 1 by approximate search", "3 orphans"} {
		if top := td.win.Canvas().Overlays().Top(); !strings.Contains(td.status.Text, want) || top == nil || !strings.Contains(labelTexts(top), want) {
			t.Errorf("the report lacks %q (status %q)", want, td.status.Text)
		}
	}
	if td.tabs.Selected() != td.orphans.tab {
		t.Errorf("opened on tab %q, want the Orphans tab", td.tabs.Selected().Text)
	}
}

func TestImportAsNewArticleOrWithoutProposal(t *testing.T) {
	for _, tt := range []struct {
		name string
		fake *fakeRevisions
		ask  bool
	}{
		{"answered new article", &fakeRevisions{ok: true, proposal: RevisionProposal{Title: "x", Revisions: 2, Why: "87% of the text"}}, true},
		{"no proposal", &fakeRevisions{}, false},
		{"proposal failed", &fakeRevisions{ok: true, err: annotate.Errorf(annotate.EINTERNAL, "broken")}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			tt.fake.proposal.ArticleID = td.article.ID
			td.svc.Revisions = tt.fake
			before := td.article.ID
			td.importData("v2.md", []byte(newVersion))
			if tt.ask {
				if !td.pumpUntil(func() bool { return td.revAsked != nil }, 10*time.Second) {
					t.Fatal("not asked")
				}
				if td.revAsked.revision.Text != "As revision 3" {
					t.Errorf("offers %q", td.revAsked.revision.Text)
				}
				test.Tap(td.revAsked.article)
			}
			if !td.pumpUntil(func() bool { return td.article.ID != before }, 10*time.Second) {
				t.Fatalf("the new article was not opened; status %q", td.status.Text)
			}
			if td.revAsked != nil != tt.ask || len(tt.fake.calls()) != 0 || td.article.Title != "A new version" || td.lib.total != 2 {
				t.Fatalf("asked %v, revisions imported %q, opened %q, %d articles", td.revAsked != nil, tt.fake.calls(), td.article.Title, td.lib.total)
			}
		})
	}
}
