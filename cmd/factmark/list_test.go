package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// listProject is a project of n articles, "Report 0" imported first.
func listProject(t *testing.T, n int) (string, *store.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	at := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a, err := annotate.NewArticle([]byte(fmt.Sprintf("Report %d\nText %d.\n", i, i)),
			annotate.ArticleMeta{Title: fmt.Sprintf("Report %d", i)}, at.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	return path, db
}

// titles are the titles `factmark list` printed, after checking the header
// comes first and once.
func titles(t *testing.T, out string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || strings.Count(out, "ATTRIBUTIONS") != 1 {
		t.Fatalf("no single header first:\n%s", out)
	}
	got := []string{}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		got = append(got, strings.Join(f[len(f)-2:], " "))
	}
	return got
}

func reports(from, to int) []string { // Report from, from-1, … to+1
	out := []string{}
	for i := from; i > to; i-- {
		out = append(out, fmt.Sprintf("Report %d", i))
	}
	return out
}

// list prints the page that --offset and --limit name, in the library's
// order, whatever the size of the pages it reads.
func TestListPages(t *testing.T) {
	path, db := listProject(t, 8)
	tests := []struct {
		offset, limit, pageSize int
		want                    []string
	}{
		{0, 0, 3, reports(7, -1)},
		{0, 0, 8, reports(7, -1)},
		{0, 0, 500, reports(7, -1)},
		{2, 0, 3, reports(5, -1)},
		{0, 3, 3, reports(7, 4)},
		{1, 5, 2, reports(6, 1)},
		{6, 5, 3, reports(1, -1)},
		{8, 0, 3, []string{}},
		{20, 2, 3, []string{}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d+%d by %d", tt.offset, tt.limit, tt.pageSize), func(t *testing.T) {
			var out bytes.Buffer
			if err := listArticles(context.Background(), db, &out, tt.offset, tt.limit, tt.pageSize); err != nil {
				t.Fatal(err)
			}
			if got := titles(t, out.String()); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("listed %q, want %q", got, tt.want)
			}
		})
	}
	db.Close()
	if got := titles(t, mustRun(t, "--db", path, "list", "--offset", "1", "--limit", "2")); strings.Join(got, ",") != "Report 6,Report 5" {
		t.Errorf("factmark list --offset 1 --limit 2 = %q", got)
	}
	for _, args := range [][]string{{"--limit", "-1"}, {"--offset", "-2"}, {"--limit", "two"}} {
		if code, _, _ := factmark(t, append([]string{"--db", path, "list"}, args...)...); code != 2 {
			t.Errorf("factmark list %q: exit %d, want 2", args, code)
		}
	}
}
