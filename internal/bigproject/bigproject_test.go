package bigproject

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/store"
)

// A small generated project has every article, with its annotations counted.
func TestGenerate(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Generate(context.Background(), db, Spec{Articles: 120, Annotations: 7, TextBytes: 500}); err != nil {
		t.Fatal(err)
	}
	list, err := db.FindArticles(context.Background())
	if err != nil || len(list) != 120 {
		t.Fatalf("FindArticles = %d, %v; want 120", len(list), err)
	}
	for _, a := range list {
		if a.Attributions != 3 || a.Claims != 2 || a.Notes != 2 {
			t.Fatalf("%s counts %d/%d/%d, want 3/2/2", a.ID, a.Attributions, a.Claims, a.Notes)
		}
	}
}
