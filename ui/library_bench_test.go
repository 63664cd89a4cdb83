package ui

// Benchmarks of the desk on the generated project of issue 16
// (internal/bigproject: 10,000 articles, FACTMARK_BIG_ANNOTATIONS
// annotations each, default 100; made once in the temporary folder, about
// 95 s, then reused), each after its baseline:
//
//	go test -run '^$' -bench 'DeskStart|LibraryFilter' -benchtime 10x ./ui/
//
// DeskStart builds the desk (test driver), opens the first article and
// captures a frame; its baseline is a project with the sample article
// alone. LibraryFilter is one keystroke in the library's filter (the store
// query of a page and the list's refresh); its baseline is the fuzzy filter
// the library ran before, over the 10,000 summaries in memory.

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/bigproject"
	"github.com/factmark/factmark/store"
)

func bigDB(b *testing.B) *store.DB {
	b.Helper()
	if testing.Short() {
		b.Skip("the generated project takes minutes to make the first time")
	}
	db, err := bigproject.Cached(context.Background(), bigproject.FromEnv())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func sampleDB(b *testing.B) *store.DB {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.CreateArticle(context.Background(), annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))); err != nil {
		b.Fatal(err)
	}
	return db
}

// startDesk builds a desk on db and shows it as the desk's start does.
func startDesk(b *testing.B, a fyne.App, db *store.DB) *Desk {
	svc := WithWorkflow(Services{Articles: db, Annotations: db, Speakers: db, Settings: db, Documents: db, Rejections: db}, db)
	d, err := newDesk(a, svc, &testPump{})
	if err != nil {
		b.Fatal(err)
	}
	if err := d.OpenFirst(""); err != nil {
		b.Fatal(err)
	}
	d.win.Resize(fyne.NewSize(1280, 800))
	d.win.Canvas().Capture()
	return d
}

func benchmarkDeskStart(b *testing.B, db *store.DB) {
	a := test.NewTempApp(b)
	b.ResetTimer()
	for range b.N {
		d := startDesk(b, a, db)
		b.StopTimer()
		if d.lib.total == 0 || d.article == nil {
			b.Fatalf("the desk shows %d articles, open %v", d.lib.total, d.article != nil)
		}
		d.stopSaving()
		d.win.Close()
		b.StartTimer()
	}
}

func BenchmarkDeskStartSample(b *testing.B) { benchmarkDeskStart(b, sampleDB(b)) }

func BenchmarkDeskStart10k(b *testing.B) { benchmarkDeskStart(b, bigDB(b)) }

// keystrokes are what a user types into the filter, one state each.
var keystrokes = []string{"r", "re", "rep", "repo", "report", "report ", "report n", "report nu", "report num",
	"report number", "report number 4", "report number 42", "report number 421"}

func BenchmarkLibraryFilterInMemory(b *testing.B) {
	all, err := bigDB(b).FindArticles(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	key := func(a annotate.ArticleSummary) string { return a.Title + " " + a.Outlet }
	b.ResetTimer()
	for i := range b.N {
		fuzzyFilter(keystrokes[i%len(keystrokes)], all, key)
	}
}

func BenchmarkLibraryFilter(b *testing.B) {
	d := startDesk(b, test.NewTempApp(b), bigDB(b))
	defer d.win.Close()
	defer d.stopSaving()
	b.ResetTimer()
	for i := range b.N {
		d.lib.filter.SetText(keystrokes[i%len(keystrokes)])
	}
	b.StopTimer()
	if d.lib.total == 0 {
		b.Fatal("the filter matches nothing")
	}
}
