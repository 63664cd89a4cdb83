package store_test

// The history of one record on the generated project of issue 16 (a million
// log entries over 10,000 articles):
//
//	go test -run '^$' -bench 'FindHistory10k' -benchtime 20x ./store/
//
// live is an annotation of the project; deleted is an ID no table has any
// more (a deleted annotation's), whose entries are looked for under every
// article of the log. Opening the project migrates it (and a migrated file
// is refused by an older build): to keep a shared one as it is, run the
// benchmark on a copy, with TMPDIR naming the folder that holds it under
// the name internal/bigproject gives it.

import (
	"context"
	"testing"
)

func BenchmarkFindHistory10k(b *testing.B) {
	db := bigProject(b)
	ctx := context.Background()
	page, _, err := db.FindArticlesPage(ctx, "", 0, 1)
	if err != nil || len(page) == 0 {
		b.Fatalf("no article: %v", err)
	}
	list, err := db.FindAnnotations(ctx, page[0].ID)
	if err != nil || len(list.Claims) == 0 {
		b.Fatalf("no claim: %v", err)
	}
	for _, bc := range []struct{ name, id string }{
		{"live", list.Claims[0].ID},
		{"deleted", "00000000-0000-4000-8000-000000000000"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				if _, err := db.FindHistory(ctx, bc.id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
