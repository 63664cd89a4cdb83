package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// revArticles is the project's article service with the revisions the
// store's side will keep (FindRevisions).
type revArticles struct {
	annotate.ArticleService
	revs []annotate.Revision
}

func (r *revArticles) FindRevisions(ctx context.Context, id string) ([]annotate.Revision, error) {
	return append([]annotate.Revision(nil), r.revs...), nil
}

// The earlier revisions of the sample: revision 2 had "€400 million" and a
// sentence the current one dropped; revision 1 also said "long" where
// revision 2 said "five-hour".
const (
	addedSentence = " The vote was delayed twice."
	firstPeriod   = "three years."
)

// revisionDesk is a desk on the sample as revision 3 of 3, with a claim on
// it, opened again so that the picker shows.
func revisionDesk(t *testing.T) (*testDesk, []annotate.Revision) {
	t.Helper()
	var fake *revArticles
	td := newTestDeskWith(t, nil, func(db *store.DB) annotate.ArticleService {
		fake = &revArticles{ArticleService: db}
		return fake
	})
	cur := td.article.Text
	rev2 := strings.Replace(strings.Replace(cur, "€412 million", "€400 million", 1), firstPeriod, firstPeriod+addedSentence, 1)
	rev1 := strings.Replace(rev2, "five-hour", "long", 1)
	at := func(day int) time.Time { return time.Date(2026, 11, day, 10, 42, 0, 0, time.Local) }
	for i, s := range []string{rev1, rev2, cur} {
		fake.revs = append(fake.revs, annotate.Revision{Number: i + 1, Text: s, SHA256: annotate.TextHash(s), Created: at(i + 1)})
	}
	td.addClaimOn("Forty thousand people live along this route")
	td.flush()
	if err := td.Open(td.article.ID); err != nil {
		t.Fatal(err)
	}
	return td, fake.revs
}

func TestRevisionPickerShowsEarlierRevisionReadOnly(t *testing.T) {
	td, revs := revisionDesk(t)
	if !td.revs.content.Visible() {
		t.Fatal("no revision picker on an article with three revisions")
	}
	want := []string{"Revision 1 of 3 · 2026-11-01 10:42", "Revision 2 of 3 · 2026-11-02 10:42", "Revision 3 of 3 (current) · 2026-11-03 10:42"}
	if got := td.revs.pick.Options; strings.Join(got, "|") != strings.Join(want, "|") || td.revs.pick.Selected != want[2] {
		t.Fatalf("options %q (selected %q), want %q", got, td.revs.pick.Selected, want)
	}
	claim := td.ann.Claims[0].ID
	td.revs.pick.SetSelected(want[1])
	if td.view.Text() != revs[1].Text {
		t.Fatal("the view does not show revision 2")
	}
	text := annotate.NewText(revs[1].Text)
	marks := map[string][]string{}
	for _, h := range td.view.Highlights() {
		if h.Group == claim {
			t.Fatalf("the claim is drawn on an earlier revision")
		}
		marks[h.Group] = append(marks[h.Group], text.Slice(h.Start, h.End))
	}
	if got := marks[changeGroup+partDeleted]; strings.Join(got, "|") != "400|The vote was delayed twice." {
		t.Errorf("deleted marks %q", got)
	}
	if got := marks[changeGroup+partInserted]; strings.Join(got, "|") != "five-hour" {
		t.Errorf("inserted marks %q", got)
	}
	for _, e := range td.revs.legend {
		if !e.Visible() {
			t.Error("the change marks are not in the legend")
		}
	}
	// No annotation keys on an earlier revision.
	td.view.SetSelection(0, 10)
	n := len(td.ann.Claims)
	test.Type(td.view, "c")
	if len(td.ann.Claims) != n || !strings.Contains(td.status.Text, "earlier revision") {
		t.Fatalf("C on an earlier revision: %d claims, status %q", len(td.ann.Claims), td.status.Text)
	}
	// Back to the current revision: the annotations again, no change marks.
	td.revs.pick.SetSelected(want[2])
	if td.view.Text() != td.article.Text || !td.drawn(claim) || td.drawn(changeGroup+partDeleted) {
		t.Fatalf("back on the current revision: text %v, claim drawn %v", td.view.Text() == td.article.Text, td.drawn(claim))
	}
	for _, e := range td.revs.legend {
		if e.Visible() {
			t.Error("the change marks stay in the legend on the current revision")
		}
	}
	td.view.SetSelection(td.rangeOf("€412 million"))
	test.Type(td.view, "c")
	if len(td.ann.Claims) != n+1 {
		t.Fatal("C on the current revision made no claim")
	}
}

func TestNoRevisionPickerForOneRevision(t *testing.T) {
	td := newTestDesk(t, nil)
	if td.revs.content.Visible() || td.revs.earlier() {
		t.Fatal("a picker for an article with one revision")
	}
}

// TestEarlierRevisionMaster: revision 2 of 3 with its deleted and inserted
// words marked, in light and dark.
func TestEarlierRevisionMaster(t *testing.T) {
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"revision_earlier_light.png", theme.VariantLight}, {"revision_earlier_dark.png", theme.VariantDark}} {
		t.Run(v.name, func(t *testing.T) {
			td, _ := revisionDesk(t)
			td.app.Settings().SetTheme(theme.DefaultTheme())
			td.theme.Theme = theme.DefaultTheme()
			td.SetVariant(v.variant)
			td.revs.pick.SetSelectedIndex(1)
			td.view.SetSelection(0, 0)
			test.AssertImageMatches(t, v.name, td.win.Canvas().Capture())
		})
	}
}
