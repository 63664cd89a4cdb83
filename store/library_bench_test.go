package store_test

// Benchmarks of the library's queries on the generated project of issue 16
// (internal/bigproject: 10,000 articles, FACTMARK_BIG_ANNOTATIONS
// annotations each, default 100; generated once into the temporary folder,
// about 95 s and 1.2 GB, then reused):
//
//	go test -run '^$' -bench 'Library' -benchtime 20x ./store/
//
// BenchmarkLibraryAllBefore is the baseline: the list as FindArticles read
// it before paging, every article with counts over all annotations.

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/factmark/factmark/internal/bigproject"
	"github.com/factmark/factmark/store"
)

// bigProject is the generated 10,000-article project.
func bigProject(b *testing.B) *store.DB { return bigproject.ForBenchmark(b) }

func BenchmarkLibraryAllBefore(b *testing.B) {
	bigProject(b).Close()
	raw, err := sql.Open("sqlite3", "file:"+bigproject.FromEnv().Path()+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	b.ResetTimer()
	for range b.N {
		rows, err := raw.Query(`SELECT a.id, a.title, a.outlet, a.published,
		a.imported_at, coalesce(a.opened_at, ''),
		count(n.id) FILTER (WHERE n.kind = 'attribution'),
		count(n.id) FILTER (WHERE n.kind = 'claim'),
		count(n.id) FILTER (WHERE n.kind = 'note')
		FROM articles a LEFT JOIN annotations n ON n.article_id = a.id
		GROUP BY a.id
		ORDER BY a.opened_at IS NULL, a.opened_at DESC, a.imported_at DESC, a.id`)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var id, title, outlet, published, imported, opened string
			var at, c, no int
			if err := rows.Scan(&id, &title, &outlet, &published, &imported, &opened, &at, &c, &no); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 10_000 {
			b.Fatalf("%d articles", n)
		}
	}
}

func BenchmarkLibraryAll(b *testing.B) {
	db := bigProject(b)
	b.ResetTimer()
	for range b.N {
		if list, err := db.FindArticles(context.Background()); err != nil || len(list) != 10_000 {
			b.Fatalf("FindArticles = %d, %v", len(list), err)
		}
	}
}

func BenchmarkLibraryPage(b *testing.B) {
	for _, bc := range []struct {
		name           string
		filter         string
		offset, wantAt int
	}{
		{"first", "", 0, 100},
		{"middle", "", 5000, 100},
		{"last", "", 9950, 50},
		// words of both kinds of titles: made-up ("… report number 1234")
		// and PolNeAR's ("… (1234)"), where "report number 12" matched none
		{"filter-word", "report 12", 0, 100},
		{"filter-fuzzy", "rprtnmbr99", 0, 100},
		{"filter-none", "zzzzqqqq xxxx", 0, 0},
		// a headline pasted into the filter: 60 words, 420 characters
		{"filter-pasted", strings.TrimSpace(strings.Repeat("report ", 60)), 0, 100},
		{"filter-headline", "Council report number 4218 says the tram line budget rose by a third after a five-hour debate", 0, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			db := bigProject(b)
			b.ResetTimer()
			for range b.N {
				page, total, err := db.FindArticlesPage(context.Background(), bc.filter, bc.offset, 100)
				if err != nil || len(page) > bc.wantAt || (bc.wantAt > 0 && len(page) == 0) {
					b.Fatalf("FindArticlesPage = %d of %d, %v", len(page), total, err)
				}
			}
		})
	}
}

// BenchmarkOpen10k is store.Open of the generated project, as the desk's
// start and every command do before anything else: open (the structure
// only; issue 16's target ≤ 1 s for the start), and, as Open did before,
// open-and-check (Open, then the full check it now defers to Check, which
// reads every page).
func BenchmarkOpen10k(b *testing.B) {
	bigProject(b).Close()
	for _, bc := range []struct {
		name  string
		check bool
	}{{"open", false}, {"open-and-check", true}} {
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				db, err := store.Open(bigproject.FromEnv().Path())
				if err != nil {
					b.Fatal(err)
				}
				if bc.check {
					if err := db.Check(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
		})
	}
}
