package ui

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// readOnlyDesk is a desk told that its project cannot be written, on the
// sample article with one claim stored.
func readOnlyDesk(t *testing.T) (*testDesk, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	art := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	if _, err := db.CreateArticle(ctx, art); err != nil {
		t.Fatal(err)
	}
	text := annotate.NewText(art.Text)
	i := strings.Index(art.Text, "34 percent over budget")
	start := len([]rune(art.Text[:i]))
	anchor, err := text.Anchor(start, start+len("34 percent over budget"))
	if err != nil {
		t.Fatal(err)
	}
	claim := annotate.Claim{Meta: annotate.Meta{ArticleID: art.ID, Author: "Tester", Origin: annotate.Manual},
		Anchors: []annotate.Anchor{anchor}, Status: annotate.StatusCandidate}
	if err := db.CreateClaim(ctx, &claim); err != nil {
		t.Fatal(err)
	}
	svc := services(db)
	svc.ReadOnly, svc.Path = true, path
	pump := &testPump{}
	d, err := newDesk(test.NewTempApp(t), svc, pump)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.OpenFirst(""); err != nil {
		t.Fatal(err)
	}
	d.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(d.win.Close)
	return &testDesk{Desk: d, t: t, db: db, pump: pump}, path
}

// TestReadOnlyProjectShowsBannerAndRefusesEdits: on a project that cannot
// be written the desk says so in a banner, and every way to change it says
// "read-only project" instead of trying; reading and export still work.
func TestReadOnlyProjectShowsBannerAndRefusesEdits(t *testing.T) {
	td, path := readOnlyDesk(t)
	if td.banner == nil || !td.banner.Visible() || !strings.Contains(td.banner.Text, path) ||
		!strings.Contains(td.banner.Text, "Read-only project") {
		t.Fatalf("no read-only banner naming %s", path)
	}
	before := td.stored()
	claimID := before.Claims[0].ID

	edits := []struct {
		name string
		do   func()
	}{
		{"A", func() { td.view.SetSelection(td.rangeOf("Mayor Ingrid Halvorsen")); test.Type(td.view, "a") }},
		{"C", func() { td.view.SetSelection(td.rangeOf("Kanalgade bus terminal")); test.Type(td.view, "c") }},
		{"N", func() { td.view.SetSelection(td.rangeOf("€412 million")); test.Type(td.view, "n") }},
		{"Delete", func() {
			td.selectAnnotation(claimID, false)
			td.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		}},
		{"undo", func() { td.shortcut(fyne.KeyZ, false) }},
		{"redo", func() { td.shortcut(fyne.KeyZ, true) }},
		{"palette", func() { td.palette.show(); td.palette.Choose("Add claim from selection") }},
		{"import", func() { td.shortcut(fyne.KeyI, false) }},
	}
	for _, e := range edits {
		td.status.SetText("")
		e.do()
		if got := td.status.Text; !strings.Contains(got, "read-only project") {
			t.Errorf("%s: status %q does not say read-only project", e.name, got)
		}
	}
	if top := td.win.Canvas().Overlays().Top(); top != nil {
		t.Error("the import dialog opened on a read-only project")
	}
	if _, _, err := td.ImportData("new.txt", []byte("A new article\n\nWith text.")); err == nil ||
		!strings.Contains(err.Error(), "read-only project") {
		t.Errorf("ImportData on a read-only project: %v", err)
	}
	after := td.stored()
	if len(after.Attributions) != 0 || len(after.Claims) != 1 || len(after.Notes) != 0 {
		t.Fatalf("the read-only project was changed: %d attributions, %d claims, %d notes",
			len(after.Attributions), len(after.Claims), len(after.Notes))
	}
	if list, _ := td.db.FindArticles(context.Background()); len(list) != 1 {
		t.Fatalf("%d articles after a refused import", len(list))
	}

	td.selectAnnotation(claimID, false)
	if n := enabledFields(td.claims.edit); n != 0 {
		t.Errorf("the claim editor has %d enabled fields on a read-only project", n)
	}
	td.suggestNow()
	td.acceptProposals(td.sugg.shown[0])
	td.rejectProposal(td.sugg.shown[0])
	if got := td.stored(); len(got.Attributions)+len(got.Claims) != 1 {
		t.Fatal("accepting a suggestion changed the read-only project")
	}
	if rejected, _ := td.db.FindRejections(td.ctx, td.article.ID); len(rejected) != 0 {
		t.Fatal("rejecting a suggestion changed the read-only project")
	}

	var out bytes.Buffer
	if n, err := td.ExportTo(&out); err != nil || n != 1 {
		t.Fatalf("export from a read-only project: %d annotations, %v", n, err)
	}
}

// enabledFields counts the widgets under o that can be disabled and are not.
func enabledFields(o fyne.CanvasObject) int {
	n := 0
	walk(o, func(o fyne.CanvasObject) {
		if w, ok := o.(fyne.Disableable); ok && !w.Disabled() {
			n++
		}
	})
	return n
}

// TestWritableProjectHasNoBanner: the banner is for read-only projects only.
func TestWritableProjectHasNoBanner(t *testing.T) {
	td := newTestDesk(t, nil)
	if td.banner != nil && td.banner.Visible() {
		t.Fatalf("a writable project shows %q", td.banner.Text)
	}
	td.view.SetSelection(td.rangeOf("Kanalgade bus terminal"))
	td.createClaim()
	td.selectAnnotation(td.stored().Claims[0].ID, false)
	if enabledFields(td.claims.edit) == 0 {
		t.Fatal("the claim editor has no enabled fields on a writable project")
	}
}

// TestReadOnlyStatusNeverSaysSaved: nothing is saved on a read-only
// project, so its status line must not say "saved" after a refused edit.
func TestReadOnlyStatusNeverSaysSaved(t *testing.T) {
	td, _ := readOnlyDesk(t)
	start, end := td.rangeOf("34 percent")
	td.view.SetSelection(start, end)
	test.Type(td.view, "c")
	if got := td.status.Text; strings.Contains(got, "saved") || !strings.Contains(got, readOnlyMessage) {
		t.Fatalf("status %q: want the read-only message and no \"saved\"", got)
	}
}
