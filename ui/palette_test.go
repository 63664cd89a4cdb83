package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// The palette never reads the whole list of articles: each keystroke asks
// the store for a page of those matching the typed text, so that an
// article far down the library is still found by its title.
func TestPaletteReadsArticlesByPage(t *testing.T) {
	var pc *pageCounter
	td := newTestDeskWith(t, nil, func(db *store.DB) annotate.ArticleService {
		addArticles(t, db, 249)
		pc = &pageCounter{ArticleService: db}
		return pc
	})
	pc.reset()
	td.shortcut(fyne.KeyK, false)
	if td.palette.popup == nil {
		t.Fatal("Ctrl+K did not open the palette")
	}
	shown := td.palette.shown
	n := td.commandCount()
	if len(shown) <= n || shown[0].kind != "command" || shown[n-1].kind != "command" || shown[n].kind != "article" {
		t.Fatalf("with nothing typed the palette shows %d entries, the first after the commands %+v", len(shown), shown[min(n, len(shown)-1)])
	}
	articles := 0
	for _, e := range shown {
		if e.kind == "article" {
			articles++
		}
	}
	if articles != paletteArticles {
		t.Errorf("with nothing typed the palette shows %d articles, want a page of %d", articles, paletteArticles)
	}
	for _, q := range []string{"Report 10", "article: Report 10", "article Report 10"} {
		t.Run(q, func(t *testing.T) {
			pc.reset()
			td.palette.entry.SetText(q)
			if pc.all != 0 || len(pc.filters) != 1 || pc.filters[0] != "Report 10" {
				t.Fatalf("typing %q read the whole list %d times and pages with filters %q", q, pc.all, pc.filters)
			}
			if len(td.palette.shown) == 0 || td.palette.shown[0].text() != "article: Report 10" {
				t.Fatalf("typing %q shows first %q", q, firstText(td.palette.shown))
			}
		})
	}
	td.palette.Choose("Report 10")
	if td.article == nil || td.article.Title != "Report 10" {
		t.Fatalf("choosing Report 10 opened %v", td.article)
	}
	if pc.all != 0 {
		t.Errorf("the palette read the whole list %d times", pc.all)
	}
}

func firstText(es []paletteEntry) string {
	if len(es) == 0 {
		return ""
	}
	return es[0].text()
}

// whenTypingPauses filters once for a text, however many keys asked for
// it, and again when the text changes.
func TestWhenTypingPausesFiltersOnceAText(t *testing.T) {
	text, last, runs := "", "", 0
	changed := whenTypingPauses(&text, &last, func() { runs++ })
	for _, tt := range []struct {
		text string
		want int
	}{{"r", 1}, {"r", 1}, {"re", 2}, {"re", 2}, {"", 3}} {
		text = tt.text
		changed(text)
		if runs != tt.want {
			t.Fatalf("after %q: filtered %d times, want %d", tt.text, runs, tt.want)
		}
	}
}

// Enter runs the best match for the text as typed, even when the filter
// has not yet run for the last keys (in the window it waits for the frame).
func TestPaletteEnterBeforeTheFilterCaughtUp(t *testing.T) {
	td := newTestDesk(t, nil)
	td.shortcut(fyne.KeyK, false)
	if td.palette.popup == nil {
		t.Fatal("Ctrl+K did not open the palette")
	}
	td.palette.entry.Text = "larger text" // typed, not yet filtered for
	before := td.theme.textSize
	td.palette.entry.OnSubmitted(td.palette.entry.Text)
	if td.theme.textSize <= before {
		t.Errorf("Enter ran %q's best match for the stale list: text size %v, want above %v (status %q)", "larger text", td.theme.textSize, before, td.status.Text)
	}
}

// An article the store finds by the words typed is offered even when they
// are not in the title's order (a headline typed from memory), which the
// characters-in-order match alone would drop.
func TestPaletteOffersWhatTheStoreFoundByWords(t *testing.T) {
	td := newTestDesk(t, nil)
	td.shortcut(fyne.KeyK, false)
	td.palette.entry.SetText("debate tram council approves")
	for _, e := range td.palette.shown {
		if e.kind == "article" && strings.Contains(e.label, "Brennport council approves") {
			return
		}
	}
	t.Errorf("the palette shows %d entries, not the sample article", len(td.palette.shown))
}
