package interchange

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

// TestImportPagesAndPDFs: a saved web page and a PDF go through the one
// import path: detected by content, their text, details and pages stored,
// the original file kept with its hash, and the same file again finds the
// same article.
func TestImportPagesAndPDFs(t *testing.T) {
	pdfs := testcorpus.Glob(t, "corpus/pdf-dev/*.pdf")
	files := []string{
		filepath.Join("corpus", "html-pages", "aclu", "source.html"),
		filepath.Join("corpus", "pdf-dev", filepath.Base(pdfs[0])),
	}
	ctx := context.Background()
	for _, rel := range files {
		name := filepath.Base(rel)
		t.Run(name, func(t *testing.T) {
			data := testcorpus.File(t, rel)
			want := FormatHTML
			if filepath.Ext(name) == ".pdf" {
				want = FormatPDF
			}
			if got := DetectFormat("upload", data); got != want {
				t.Fatalf("DetectFormat = %s, want %s", got, want)
			}
			db := openProject(t)
			r, err := Import(ctx, StoreOf(db), name, data, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.FindArticleByID(ctx, r.Article.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title == "" || got.Title == "Untitled" || (want == FormatPDF) != (len(got.Pages) > 0) {
				t.Errorf("stored title %q, %d pages", got.Title, len(got.Pages))
			}
			if !reflect.DeepEqual(got.Pages, r.Article.Pages) {
				t.Errorf("stored pages differ from the report's")
			}
			checkSource(t, db, r, data)
			again, err := Import(ctx, StoreOf(db), name, data, ImportOptions{})
			if err != nil || !again.Existed || again.Article.ID != r.Article.ID {
				t.Errorf("the same file again: %+v, %v", again, err)
			}
		})
	}
}
