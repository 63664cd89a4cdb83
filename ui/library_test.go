package ui

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// pageCounter is the project's article service, counting how the library
// reads the list.
type pageCounter struct {
	annotate.ArticleService
	mu      sync.Mutex
	all     int      // calls of FindArticles
	pages   []int    // the offset of each FindArticlesPage
	filters []string // and its filter
}

func (p *pageCounter) FindArticles(ctx context.Context) ([]annotate.ArticleSummary, error) {
	p.mu.Lock()
	p.all++
	p.mu.Unlock()
	return p.ArticleService.FindArticles(ctx)
}

func (p *pageCounter) FindArticlesPage(ctx context.Context, filter string, offset, limit int) ([]annotate.ArticleSummary, int, error) {
	p.mu.Lock()
	p.pages, p.filters = append(p.pages, offset), append(p.filters, filter)
	p.mu.Unlock()
	if limit != libraryPage && limit != paletteArticles && limit != 1 {
		return nil, 0, fmt.Errorf("a page of %d articles", limit)
	}
	return p.ArticleService.FindArticlesPage(ctx, filter, offset, limit)
}

func (p *pageCounter) reset() {
	p.mu.Lock()
	p.all, p.pages, p.filters = 0, nil, nil
	p.mu.Unlock()
}

// addArticles stores n more articles, "Report 0" to "Report n-1", the last
// the most recently imported.
func addArticles(t *testing.T, db *store.DB, n int) {
	t.Helper()
	at := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a, err := annotate.NewArticle([]byte(fmt.Sprintf("Report %d\nText of report %d.\n", i, i)),
			annotate.ArticleMeta{Title: fmt.Sprintf("Report %d", i), Outlet: "Wire"}, at.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
}

// The desk starts with one page of the library read, reads the others as
// the list scrolls to them, and filters in the store: it never reads the
// whole list.
func TestLibraryPages(t *testing.T) {
	var pc *pageCounter
	td := newTestDeskWith(t, nil, func(db *store.DB) annotate.ArticleService {
		addArticles(t, db, 249)
		pc = &pageCounter{ArticleService: db}
		return pc
	})
	if pc.all != 0 || len(td.lib.pages) != 1 || td.lib.total != 250 || len(td.lib.shown()) != libraryPage {
		t.Fatalf("at start: %d reads of the whole list, pages %d, total %d, %d rows read", pc.all, len(td.lib.pages), td.lib.total, len(td.lib.shown()))
	}
	pc.reset()
	td.lib.list.ScrollToBottom()
	if _, ok := td.lib.pages[2]; !ok || pc.all != 0 || len(pc.pages) != 1 || pc.pages[0] != 2*libraryPage {
		t.Errorf("scrolled to the bottom: pages read at %v, %d whole lists", pc.pages, pc.all)
	}
	// Row 0 is the article opened at start, Report 248, imported last; then
	// the others from the most recently imported to the sample, the first.
	if s, ok := td.lib.row(249); !ok || !s.ImportedAt.Before(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("last row = %+v, %v; want the sample article, imported first", s, ok)
	}
	if s, ok := td.lib.row(150); !ok || s.Title != fmt.Sprintf("Report %d", 248-150) {
		t.Errorf("row 150 = %q, %v", s.Title, ok)
	}
	if _, ok := td.lib.row(250); ok {
		t.Error("a row after the last")
	}

	pc.reset()
	test.Type(td.lib.filter, "t 12")
	if pc.all != 0 || len(pc.filters) < 4 || pc.filters[len(pc.filters)-1] != "t 12" {
		t.Errorf("filtering read %d whole lists, pages with filters %q", pc.all, pc.filters)
	}
	// "Report 12", then the fuzzy matches ("Report 112", "Report 212"…
	// hold "t 12" too, as words; "Report 1x2" only in order).
	if s, _ := td.lib.row(0); td.lib.total < 3 || s.Title == "" {
		t.Fatalf("filter shows %d, first %q", td.lib.total, s.Title)
	}
	for i := range td.lib.total {
		s, _ := td.lib.row(i)
		if !fuzzyMatches("t 12", s.Title+" "+s.Outlet) {
			t.Errorf("row %d %q does not match", i, s.Title)
		}
	}
}

// fuzzyMatches says whether key holds q's characters in order, ASCII case
// ignored.
func fuzzyMatches(q, key string) bool {
	k := []rune(key)
	j := 0
	for _, r := range q {
		for j < len(k) && lower(k[j]) != lower(r) {
			j++
		}
		if j == len(k) {
			return false
		}
		j++
	}
	return true
}

func lower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// A filter shows its matches from the best one, though the open article,
// which the list selects, is further down.
func TestLibraryFilterShowsTheBestMatchFirst(t *testing.T) {
	td := newTestDeskWith(t, []byte("Reports digest\nText.\n"), func(db *store.DB) annotate.ArticleService {
		addArticles(t, db, 30)
		return db
	})
	var digest string
	for _, s := range td.lib.shown() {
		if s.Title == "Reports digest" {
			digest = s.ID
		}
	}
	if digest == "" || !td.show(digest) {
		t.Fatalf("the digest %q is not in the library, or does not open", digest)
	}
	test.Type(td.lib.filter, "report")
	// The 30 "Report N" hold the whole word, the digest only "Reports".
	if s, _ := td.lib.row(30); td.lib.total != 31 || s.ID != digest {
		t.Fatalf("filter \"report\": %d rows, row 30 %q; want 31, the digest last", td.lib.total, s.Title)
	}
	if off := td.lib.list.GetScrollOffset(); off != 0 {
		t.Errorf("the list is scrolled by %v after typing the filter; want its first row shown", off)
	}
	if s, _ := td.lib.row(0); s.Title != "Report 29" {
		t.Errorf("first row %q, want Report 29 (the most recently imported)", s.Title)
	}
}
