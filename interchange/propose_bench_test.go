package interchange

// ProposeRevisionOf on the generated project of issue 16 (10,000 articles;
// internal/bigproject, made once into the temporary folder), for a new
// revision of one article (an older one, not among the recent) with its
// title but not its URL, as a web page's would come, after the baseline of reading
// and comparing every article's text as it did before:
//
//	go test -run '^$' -bench 'Propose' -benchtime 10x ./interchange/

import (
	"context"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/bigproject"
)

func bigRevision(b *testing.B) (Store, *annotate.Extracted, string) {
	b.Helper()
	if testing.Short() {
		b.Skip("the generated project takes minutes to make the first time")
	}
	db, err := bigproject.Cached(context.Background(), bigproject.FromEnv())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	page, _, err := db.FindArticlesPage(context.Background(), "", 5000, 1)
	if err != nil || len(page) != 1 {
		b.Fatal(err)
	}
	a, err := db.FindArticleByID(context.Background(), page[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	ex := &annotate.Extracted{Text: strings.Replace(a.Text, "end.", "the end.", 1), Meta: annotate.ArticleMeta{Title: a.Title}}
	return StoreOf(db), ex, a.ID
}

func BenchmarkProposeRevisionOfAllTexts(b *testing.B) {
	s, ex, want := bigRevision(b)
	b.ResetTimer()
	for range b.N {
		list, err := projectArticles(context.Background(), s.Articles)
		if err != nil {
			b.Fatal(err)
		}
		if id, _ := mostShared(ex.Text, annotate.TextHash(ex.Text), list); id != want {
			b.Fatalf("proposed %q, want %q", id, want)
		}
	}
}

func BenchmarkProposeRevisionOf(b *testing.B) {
	s, ex, want := bigRevision(b)
	b.ResetTimer()
	for range b.N {
		if id, _, err := ProposeRevisionOf(context.Background(), s, ex); err != nil || id != want {
			b.Fatalf("proposed %q, %v; want %q", id, err, want)
		}
	}
}
