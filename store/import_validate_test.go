package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestImportGivesTheValidationError: a document validated while it is
// stored (Import) that is invalid only at its end, in a bulk load, stores
// nothing and gives Validate's error, also when storing it failed first
// for another reason (here, its first claim's ID is an attribution's in
// the project: a conflict).
func TestImportGivesTheValidationError(t *testing.T) {
	defer func(n int) { minBulkRows = n }(minBulkRows)
	minBulkRows = 100
	for _, conflict := range []bool{false, true} {
		t.Run(fmt.Sprintf("conflict=%v", conflict), func(t *testing.T) {
			doc := generateDocument(t, 2000, 40<<10, 21)
			ad := &doc.Articles[0]
			last := len(ad.Notes) - 1
			ad.Notes[last].Verdict = "Pants on fire"
			db := openTestDB(t)
			ctx := context.Background()
			if conflict {
				art := ad.Article
				if _, err := db.CreateArticle(ctx, &art); err != nil {
					t.Fatal(err)
				}
				a := ad.Attributions[0]
				a.ID, a.SpeakerID = ad.Claims[0].ID, ""
				if err := db.CreateAttribution(ctx, &a); err != nil {
					t.Fatal(err)
				}
			}
			before := exportJSON(t, db)
			res, err := db.Import(ctx, doc)
			wantError(t, err, annotate.EINVALID, fmt.Sprintf("articles[0].notes[%d].verdict", last))
			if res.Saved != 0 || res.ArticlesAdded != 0 || len(res.ArticleIDs) != 0 {
				t.Errorf("a refused import reports %+v", res)
			}
			if after := exportJSON(t, db); string(before) != string(after) {
				t.Errorf("a refused import changed the project")
			}
		})
	}
}
