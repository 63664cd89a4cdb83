package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// wordFilters are filters whose matches and ranking depend on the words of
// the titles and outlets below: whole words, words inside longer ones,
// punctuation, LIKE's wildcards, case, a word longer than maxFuzzy.
var wordFilters = []string{"421", "report 421", "report", "42", "number 421", "ledger", "wire", "draft",
	"421 renamed", "rprt", "o'421", "“421”", "report-ish", "Reports:", "4210", "REPORT", "harbour", "50%", "0%",
	"r_reopens", "t_v", "strike", "élection", "ÉLECTION", "hrbrcl", "x", "a", "ledger rail",
	"reportreportreportreport1", "reportreportreportreport1 4210", "  wire  "}

// wordTitles hold 421 next to each punctuation mark wordsOfTitle makes a
// space, and inside longer words, and the rest of what wordFilters look for.
var wordTitles = []string{"Report number 421, revised", "Report number 4218", "“421” — the report", "report/421",
	"report–421 (draft)", "Reports: 421? No!", "o'421; report.", "‘421’ report-ish", "Budget 421", "\"421\" said: 421.",
	"A 4210 plan", "x421 y", "Harbour 50% closed", "Harbour_reopens", "Rail strike", "Stripe kite", "Élection à Paris",
	"reportreportreportreport123"}

// idsOf is the IDs of list, in order.
func idsOf(list []annotate.ArticleSummary) []string {
	ids := []string{}
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return ids
}

// computedPage is the page FindArticlesPage gives for filter as it was
// before the index held the words: every article's words computed from its
// title and outlet (the table, not the index, is read), and the WHERE
// testing both the fuzzy pattern and the words.
func computedPage(t *testing.T, db *DB, filter string) []string {
	t.Helper()
	f := articleFilterOf(filter)
	q := strings.Replace(f.pageSQL(), "INDEXED BY articles_by_recency", "NOT INDEXED", 1)
	if f.where != "" {
		q = strings.Replace(q, f.where, ` WHERE title || ' ' || outlet LIKE ?1 ESCAPE '\' OR (`+f.words+")", 1)
	}
	rows, err := db.rd.Query(q, append(f.args, -1, 0)...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id, title, outlet, published, imported, opened string
		if err := rows.Scan(&id, &title, &outlet, &published, &imported, &opened); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// sameRanking fails unless every filter of wordFilters matches and ranks
// db's articles as computedPage does.
func sameRanking(t *testing.T, db *DB) {
	t.Helper()
	for _, filter := range wordFilters {
		page, total, err := db.FindArticlesPage(context.Background(), filter, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := computedPage(t, db, filter)
		if got := idsOf(page); !reflect.DeepEqual(got, want) || total != len(want) {
			t.Errorf("filter %q: FindArticlesPage = %q (%d in all); before the index (words computed, the whole WHERE): %q", filter, got, total, want)
		}
	}
}

// The library's index holds each article's words as every way of writing a
// title or outlet leaves them — a new article, an import, a rename — so the
// filter ranks through it exactly as computing them did; and a single word's
// WHERE without the words' LIKEs matches the same articles
// (fuzzyHoldsWords).
func TestFilterWordsFollowTheTitle(t *testing.T) {
	f := newFixture(t) // "Budget row", outlet The Ledger
	ctx := context.Background()
	byTitle := map[string]string{}
	for i, title := range wordTitles {
		byTitle[title] = f.addArticle(t, fmt.Sprintf("Words %d\nText.\n", i), title).ID
	}
	imported, err := annotate.NewArticle([]byte("Imported\nText.\n"), annotate.ArticleMeta{Title: "Imported: 421 wire", Outlet: "Wire-421"}, f.clock.Now())
	must(t, err)
	_, err = f.db.Import(ctx, &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale(),
		Articles: []annotate.ArticleDoc{{Article: *imported}}})
	must(t, err)
	streamed, err := annotate.NewArticle([]byte("Streamed\nText.\n"), annotate.ArticleMeta{Title: "Streamed (draft) 421"}, f.clock.Now())
	must(t, err)
	_, err = streamImport(t, ctx, f.db, &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale(),
		Articles: []annotate.ArticleDoc{{Article: *streamed}}})
	must(t, err)
	sameRanking(t, f.db)

	// Renamed, an article ranks by its new words and no longer by its old.
	must(t, f.db.UpdateArticleMeta(ctx, f.art.ID, annotate.ArticleMeta{Title: "Renamed: 421", Outlet: "The Ledger"}))
	must(t, f.db.UpdateArticleMeta(ctx, byTitle["Budget 421"], annotate.ArticleMeta{Title: "Budget 4210", Outlet: "Wire"}))
	must(t, f.db.MarkOpened(ctx, byTitle["A 4210 plan"])) // the index's order changes too
	sameRanking(t, f.db)
	page, _, err := f.db.FindArticlesPage(ctx, "421 renamed", 0, 1)
	if err != nil || len(page) != 1 || page[0].ID != f.art.ID {
		t.Errorf("\"421 renamed\" first = %+v, %v; want the renamed article", page, err)
	}
	page, _, err = f.db.FindArticlesPage(ctx, "4210", 0, 0)
	if got := idsOf(page); err != nil || !reflect.DeepEqual(got, []string{byTitle["A 4210 plan"], byTitle["Budget 421"]}) {
		t.Errorf("\"4210\" = %q, %v; want the opened article, then the renamed one", got, err)
	}
	page, _, err = f.db.FindArticlesPage(ctx, "421", 0, 0)
	must(t, err)
	at := map[string]int{}
	for i, s := range page {
		at[s.ID] = i
	}
	if at[byTitle["Budget 421"]] < at[f.art.ID] {
		t.Errorf("\"421\" ranks Budget 4210 (%d) before Renamed: 421 (%d), the oldest with the whole word", at[byTitle["Budget 421"]], at[f.art.ID])
	}
}

// The filter's query reads each article's words from the library's index:
// it calls no replace() (what SQLite would run 18 times a word a row if the
// expression in the query were not the index's); computing them, as the
// reference does, calls it.
func TestFilterReadsWordsFromIndex(t *testing.T) {
	f := newFixture(t)
	flt := articleFilterOf("report 421")
	calls := func(q string) int {
		rows, err := f.db.rd.Query("EXPLAIN "+q, append(flt.args, 10, 0)...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var addr, p1, p2, p3, p5 int
			var opcode string
			var p4, comment sql.NullString
			if err := rows.Scan(&addr, &opcode, &p1, &p2, &p3, &p4, &p5, &comment); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(p4.String, "replace(") {
				n++
			}
		}
		return n
	}
	if n := calls(flt.pageSQL()); n != 0 {
		t.Errorf("the filter's page query calls replace() %d times: the index's words are not read", n)
	}
	if n := calls(strings.Replace(flt.pageSQL(), "INDEXED BY articles_by_recency", "NOT INDEXED", 1)); n == 0 {
		t.Error("the reference that computes the words calls no replace(): the check above proves nothing")
	}
}

// Migration 12 rebuilds the library's index of an existing project with
// its articles' words, and the filter ranks them as before.
func TestMigrationTwelveIndexesTheWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	must(t, prepareFile(path))
	raw := rawDB(t, dsn(path))
	for _, m := range migrations()[:11] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	_, err := raw.Exec("PRAGMA user_version = 11; PRAGMA application_id = " + strconv.Itoa(applicationID))
	must(t, err)
	for i, title := range wordTitles {
		_, err := raw.Exec(`INSERT INTO articles (id, title, outlet, text, sha256, imported_at) VALUES (?, ?, ?, 'Text.', ?, ?)`,
			fmt.Sprintf("a%07d-0000-4000-8000-000000000000", i), title, []string{"", "Wire", "The Ledger"}[i%3],
			fmt.Sprint(i), timeText(time.Date(2026, 3, 1, 10, i, 0, 0, time.UTC)))
		must(t, err)
	}
	must(t, raw.Close())
	db, err := Open(path)
	must(t, err)
	defer db.Close()
	var def, check string
	must(t, db.db.QueryRow("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'articles_by_recency'").Scan(&def))
	if !strings.Contains(def, "' ' || title || ' ' || outlet || ' '") {
		t.Errorf("the library's index after migration 12:\n%s", def)
	}
	must(t, db.db.QueryRow("PRAGMA integrity_check").Scan(&check))
	if check != "ok" {
		t.Errorf("integrity_check after migration 12: %s", check)
	}
	sameRanking(t, db)
	page, _, err := db.FindArticlesPage(context.Background(), "report 421", 0, 0)
	must(t, err)
	if len(page) < 2 || page[len(page)-1].Title != "Report number 4218" {
		t.Errorf("\"report 421\" after migration 12 = %q; want Report number 4218 (without the whole word 421, the oldest) last", idsOf(page))
	}
}
