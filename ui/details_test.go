package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
)

// TestArticleDetailsDialog: the details are saved as one change; the window
// title and the library follow, and Undo restores them everywhere.
func TestArticleDetailsDialog(t *testing.T) {
	td := newTestDesk(t, nil)
	old := td.article.Meta()
	oldTitle := td.win.Title()
	td.showArticleDetails()
	f := td.dialogFields()
	set(f.entry(old.Title), "Tram line approved")
	set(f.entry(old.URL), "https://ledger.example/tram")
	set(f.entry(old.Published), "2026-03-04")
	authors := f.entry(orDefault(strings.Join(old.Authors, ", "), "Ana Núñez, Bo Li"))
	set(authors, "Ana Núñez, Bo Li ,")
	set(f.entry(old.Language), "da")
	test.Tap(f.button("Save"))
	want := annotate.ArticleMeta{Title: "Tram line approved", URL: "https://ledger.example/tram", Outlet: old.Outlet,
		Authors: []string{"Ana Núñez", "Bo Li"}, Published: "2026-03-04", Language: "da"}
	if got := td.article.Meta(); !reflect.DeepEqual(got, want) {
		t.Errorf("desk's article = %+v, want %+v", got, want)
	}
	if got := td.win.Title(); got != "Factmark — Tram line approved" {
		t.Errorf("window title = %q", got)
	}
	if got := td.lib.shown()[0].Title; got != want.Title {
		t.Errorf("library shows %q", got)
	}
	td.flush()
	stored, _ := td.db.FindArticleByID(context.Background(), td.article.ID)
	if got := stored.Meta(); !reflect.DeepEqual(got, want) {
		t.Errorf("stored = %+v, want %+v", got, want)
	}
	td.lib.reload()
	if got := td.lib.shown()[0].Title; got != want.Title {
		t.Errorf("library reread shows %q", got)
	}
	td.undo()
	td.flush()
	stored, _ = td.db.FindArticleByID(context.Background(), td.article.ID)
	if !reflect.DeepEqual(stored.Meta(), old) || !reflect.DeepEqual(td.article.Meta(), old) || td.win.Title() != oldTitle || td.lib.shown()[0].Title != old.Title {
		t.Errorf("after undo: stored %+v, desk %+v, window %q, library %q", stored.Meta(), td.article.Meta(), td.win.Title(), td.lib.shown()[0].Title)
	}
}

// TestArticleDetailsRefuses: a bad value keeps Save disabled.
func TestArticleDetailsRefuses(t *testing.T) {
	td := newTestDesk(t, nil)
	old := td.article.Meta()
	for _, tt := range []struct{ field, value string }{
		{old.Title, "  "},
		{old.Title, "Tram\x1b]0;x\x07"},
		{old.URL, "ledger.example/tram"},
		{old.Published, "4 March 2026"},
		{old.Published, "2026-02-30"},
		{old.Outlet, "The\tLedger\n"},
	} {
		td.showArticleDetails()
		f := td.dialogFields()
		e := f.entry(tt.field)
		e.SetText(tt.value)
		if !f.button("Save").Disabled() {
			t.Errorf("%q in the field holding %q: Save is enabled", tt.value, tt.field)
		}
		test.Tap(f.button("Cancel"))
	}
	if !reflect.DeepEqual(td.article.Meta(), old) {
		t.Errorf("the article changed: %+v", td.article.Meta())
	}
}
