package bigproject

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
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

// Issue 16's project is the PolNeAR texts repeated with new IDs: the
// corpus's texts in turn, each article's text its number and then the
// corpus text, its title the text's first line.
func TestGenerateRepeatsTheCorpusTexts(t *testing.T) {
	spec := FromEnv()
	if spec.Texts == "" {
		t.Skip("the shared corpora are not here (FACTMARK_SHARED)")
	}
	texts, err := readTexts(spec.Texts)
	if err != nil {
		t.Fatal(err)
	}
	spec.Articles, spec.Annotations = len(texts)+2, 4 // two texts come round again
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Generate(context.Background(), db, spec); err != nil {
		t.Fatal(err)
	}
	list, err := db.FindArticles(context.Background())
	if err != nil || len(list) != spec.Articles {
		t.Fatalf("FindArticles = %d, %v; want %d", len(list), err, spec.Articles)
	}
	again := 0
	for _, meta := range list {
		a, err := db.FindArticleByID(context.Background(), meta.ID)
		if err != nil {
			t.Fatal(err)
		}
		var i int
		if _, err := fmt.Sscanf(a.Text, "Article %d.\n\n", &i); err != nil {
			t.Fatalf("%s begins %q", a.ID, a.Text[:min(40, len(a.Text))])
		}
		first := annotate.TitleFromText(texts[i%len(texts)])
		if a.Title != fmt.Sprintf("%s (%d)", first, i) {
			t.Errorf("article %d: title %+q, want %+q", i, a.Title, fmt.Sprintf("%s (%d)", first, i))
		}
		if i >= len(texts) {
			again++
		}
	}
	if again != 2 {
		t.Errorf("%d texts came round again, want 2", again)
	}
	if got := spec.Path(); !strings.Contains(got, "polnear-train") {
		t.Errorf("Path() = %s, want it to name the corpus", got)
	}
}
