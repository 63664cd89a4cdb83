package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// FindArticlesPage gives the slice of FindArticles' order that offset and
// limit name, the number matching the filter in all, and the counts of the
// page's articles. The filter matches the title and outlet holding its
// characters in order, or each of its words, those with every word first,
// with LIKE's wildcards taken literally.
func TestFindArticlesPage(t *testing.T) {
	f := newFixture(t) // "Budget row", outlet The Ledger, with annotations
	ctx := context.Background()
	for i, title := range []string{"Harbour 50% closed", "Harbour_reopens", "Budget vote", "Rail strike", "Stripe kite", "Report number 421, revised", "Report number 4218"} {
		f.addArticle(t, fmt.Sprintf("Article %d\nText %d.\n", i, i), title)
	}
	f.mustCreate(t, f.attribution(t))
	f.mustCreate(t, f.claim(t))
	all, err := f.db.FindArticles(ctx)
	if err != nil || len(all) != 8 {
		t.Fatalf("FindArticles = %d, %v", len(all), err)
	}
	titles := func(list []annotate.ArticleSummary) []string {
		out := []string{}
		for _, s := range list {
			out = append(out, s.Title)
		}
		return out
	}
	tests := []struct {
		filter        string
		offset, limit int
		want          []string
		total         int
	}{
		{"", 0, 0, titles(all), 8},
		{"", 0, 2, titles(all[:2]), 8},
		{"", 3, 10, titles(all[3:]), 8},
		{"", 9, 2, []string{}, 8},
		{"  ", 1, 1, titles(all[1:2]), 8},
		{"harbour", 0, 0, []string{"Harbour 50% closed", "Harbour_reopens"}, 2}, // the whole word first
		{"BUDGET", 0, 1, []string{"Budget vote"}, 2},
		{"budget row", 0, 0, []string{"Budget row"}, 1},
		{"ledger rail", 0, 0, []string{"Rail strike"}, 1},
		{"50%", 0, 0, []string{"Harbour 50% closed"}, 1},
		{"0%", 0, 0, []string{"Harbour 50% closed"}, 1},
		{"hrbrcl", 0, 0, []string{"Harbour 50% closed"}, 1},
		{"strike", 0, 0, []string{"Rail strike", "Stripe kite"}, 2}, // the word first
		{"t_v", 0, 0, []string{}, 0},                                // "Budget vote" has "t v"
		{"r_reopens", 0, 0, []string{"Harbour_reopens"}, 1},
		{"nowhere", 0, 5, []string{}, 0},
		// whole words before words inside longer ones: 4218 is newer
		{"report 421", 0, 0, []string{"Report number 421, revised", "Report number 4218"}, 2},
		{"number 4218", 0, 0, []string{"Report number 4218"}, 1},
		{"revised", 0, 0, []string{"Report number 421, revised"}, 1},
		// a pasted headline: longer than maxFuzzy, it matches by its words
		// (a LIKE with a wildcard between each of its 430 characters took
		// seconds a row)
		{"Report number 421, revised " + strings.Repeat("report ", 60), 0, 0, []string{"Report number 421, revised"}, 1},
		{strings.Repeat("hrbrcl", 5), 0, 0, []string{}, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q %d %d", tt.filter, tt.offset, tt.limit), func(t *testing.T) {
			page, total, err := f.db.FindArticlesPage(ctx, tt.filter, tt.offset, tt.limit)
			if err != nil || total != tt.total || !reflect.DeepEqual(titles(page), tt.want) {
				t.Errorf("FindArticlesPage = %q, %d, %v; want %q, %d", titles(page), total, err, tt.want, tt.total)
			}
		})
	}
	page, _, err := f.db.FindArticlesPage(ctx, "row", 0, 1)
	if err != nil || len(page) != 1 || page[0].Attributions != 1 || page[0].Claims != 1 || page[0].Notes != 0 {
		t.Errorf("the page's counts = %+v, %v; want 1 attribution, 1 claim", page, err)
	}
	if !reflect.DeepEqual(page[0], all[7]) {
		t.Errorf("the page's summary %+v differs from FindArticles' %+v", page[0], all[5])
	}
}

// The library's queries read the recency index, not the table (whose rows
// hold the texts), and count annotations through their index; only a
// filter's page sorts (its best matches first).
func TestFindArticlesPagePlan(t *testing.T) {
	f := newFixture(t)
	flt := articleFilterOf("harbour dredging")
	for _, c := range []struct {
		q     string
		args  []any
		sorts bool
	}{
		{"SELECT count(*) FROM articles INDEXED BY articles_by_recency" + flt.where, flt.args, false},
		{articleFilter{}.pageSQL(), []any{10, 0}, false},
		{flt.pageSQL(), append(flt.args, 10, 0), true},
		{"SELECT article_id, kind, count(*) FROM annotations WHERE article_id IN (?, ?) GROUP BY article_id, kind", []any{"x", "y"}, false},
	} {
		q := c.q
		rows, err := f.db.rd.Query("EXPLAIN QUERY PLAN "+q, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		t.Logf("%s\n  %q", q, plan)
		for _, d := range plan {
			if d == "SCAN articles" || d == "SCAN annotations" || d == "USE TEMP B-TREE FOR ORDER BY" && !c.sorts {
				t.Errorf("plan of %s: %s", q, d)
			}
		}
	}
}

// FindArticleCandidates finds the articles by URL or title, blanks ignored,
// in the library's order, at most maxCandidates.
func TestFindArticleCandidates(t *testing.T) {
	f := newFixture(t) // "Budget row", URL https://example.org/a
	ctx := context.Background()
	other := f.addArticle(t, "Harbour\nText.\n", "Harbour plan")
	if err := f.db.UpdateArticleMeta(ctx, other.ID, annotate.ArticleMeta{Title: "Harbour plan", URL: "https://example.org/h"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url    string
		titles []string
		want   []string
	}{
		{"", nil, nil},
		{"  ", []string{"", " "}, nil},
		{"https://example.org/a", nil, []string{f.art.ID}},
		{"", []string{"Harbour plan"}, []string{other.ID}},
		{" https://example.org/a ", []string{"Harbour plan"}, []string{other.ID, f.art.ID}},
		{"https://example.org/x", []string{"Budget", "harbour plan"}, nil},
	}
	for _, tt := range tests {
		ids, err := f.db.FindArticleCandidates(ctx, tt.url, tt.titles...)
		if err != nil || !reflect.DeepEqual(ids, tt.want) {
			t.Errorf("FindArticleCandidates(%q, %q) = %q, %v; want %q", tt.url, tt.titles, ids, err, tt.want)
		}
	}
	for i := range maxCandidates + 3 {
		f.addArticle(t, fmt.Sprintf("Same\nText %d.\n", i), "Live updates")
	}
	if ids, err := f.db.FindArticleCandidates(ctx, "", "Live updates"); err != nil || len(ids) != maxCandidates {
		t.Errorf("FindArticleCandidates of a common title = %d, %v; want %d", len(ids), err, maxCandidates)
	}
}
