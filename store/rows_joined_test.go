package store

import (
	"context"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestJoinedRowsKeepTheSeparator: annotations whose values hold the
// separator their joined rows are cut at (here the author, which SQL
// could set so) read as they are stored, by the article and the whole
// project's reads alike.
func TestJoinedRowsKeepTheSeparator(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	doc := generateDocument(t, 30, 4<<10, 3)
	if _, err := db.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	authors := map[string]string{}
	for i, author := range []string{"Ana\x1fBo", "\x1f", "trailing\x1f", "Zoë"} {
		id := doc.Articles[0].Claims[i].ID
		if _, err := db.db.Exec("UPDATE annotations SET author = ? WHERE id = ?", author, id); err != nil {
			t.Fatal(err)
		}
		authors[id] = author
	}
	art := doc.Articles[0].ID
	all, err := db.FindAnnotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	exported, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, claims := range map[string]int{"article": len(all.Claims), "export": len(exported.Articles[0].Claims)} {
		if claims != len(doc.Articles[0].Claims) {
			t.Errorf("%s: %d claims, want %d", name, claims, len(doc.Articles[0].Claims))
		}
	}
	for _, list := range [][]string{authorsOf(all.Claims), authorsOf(exported.Articles[0].Claims)} {
		for i, c := range all.Claims {
			if want, ok := authors[c.ID]; ok && list[i] != want {
				t.Errorf("claim %s: author %q, want %q", c.ID, list[i], want)
			} else if !ok && list[i] != "Bench" {
				t.Errorf("claim %s: author %q, want Bench", c.ID, list[i])
			}
		}
	}
}

func authorsOf(claims []annotate.Claim) []string {
	var list []string
	for _, c := range claims {
		list = append(list, c.Author)
	}
	return list
}
