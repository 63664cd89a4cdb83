package ui

import (
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
