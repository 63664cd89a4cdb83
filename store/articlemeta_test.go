package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestUpdateArticleMeta: an article's details change in place (its text and
// annotations do not), trimmed; a bad field is refused by name and changes
// nothing.
func TestUpdateArticleMeta(t *testing.T) {
	ctx := context.Background()
	good := annotate.ArticleMeta{Title: "  Budget row, day two ", URL: "https://ledger.example/budget",
		Outlet: "The Ledger", Authors: []string{" Ana Núñez", "", "Bo Li "}, Published: "2026-03-02", Language: "fr"}
	tests := []struct {
		name string
		id   string // "" for the fixture's article
		meta annotate.ArticleMeta
		code string
		want []string // in the error
	}{
		{name: "saved", meta: good},
		{name: "blank title", meta: annotate.ArticleMeta{Title: " "}, code: annotate.EINVALID, want: []string{"title", "empty"}},
		{name: "bad url", meta: annotate.ArticleMeta{Title: "T", URL: "ledger.example"}, code: annotate.EINVALID, want: []string{"url"}},
		{name: "bad date", meta: annotate.ArticleMeta{Title: "T", Published: "2 March"}, code: annotate.EINVALID, want: []string{"published", "YYYY-MM-DD"}},
		{name: "control character", meta: annotate.ArticleMeta{Title: "T", Outlet: "a\x1bb"}, code: annotate.EINVALID, want: []string{"outlet"}},
		{name: "no such article", id: "00000000-0000-4000-8000-000000000000", meta: good, code: annotate.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			before, err := f.db.FindArticleByID(ctx, f.art.ID)
			if err != nil {
				t.Fatal(err)
			}
			id := tt.id
			if id == "" {
				id = f.art.ID
			}
			err = f.db.UpdateArticleMeta(ctx, id, tt.meta)
			after, _ := f.db.FindArticleByID(ctx, f.art.ID)
			if tt.code != "" {
				wantError(t, err, tt.code, tt.want...)
				if !reflect.DeepEqual(after, before) {
					t.Errorf("a refused update changed the article: %+v", after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := *before
			want.Title, want.URL, want.Outlet, want.Authors, want.Published, want.Language =
				"Budget row, day two", "https://ledger.example/budget", "The Ledger", []string{"Ana Núñez", "Bo Li"}, "2026-03-02", "fr"
			if !reflect.DeepEqual(*after, want) {
				t.Errorf("article = %+v\nwant %+v", *after, want)
			}
			list, _ := f.db.FindArticles(ctx)
			if len(list) != 1 || list[0].Title != want.Title {
				t.Errorf("library lists %+v", list)
			}
		})
	}
}
