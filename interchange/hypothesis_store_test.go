package interchange

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// hypothesisProject is a project on disk holding the fixtures' article (with
// the URL url), through the one import path the command line and the desk
// use.
func hypothesisProject(t *testing.T, url string) (Store, *store.DB, *annotate.Article) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := bridgeArticle(t, url)
	if _, err := db.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return StoreOf(db), db, a
}

// TestImportHypothesisTwice: importing the same file again makes no second
// note (each note's ID comes from its Hypothesis ID), for both shapes and
// for the chosen article; and a note edited since in Factmark is kept.
func TestImportHypothesisTwice(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, file, url string
		choose          bool
		notes           int
		lines           []string // the report's lines after the summary, each starting so
	}{
		{"export", "export.json", bridgeURL, false, 1, []string{
			"left out 1 annotation that could not be placed in its article's text:",
			"  annotations[3] (Hypothesis d9Wn2GqzEe-Vx0a9k3Jr5Q): the quote",
			"left out 1 annotation Factmark has no place for yet:",
			"  annotations[2] (Hypothesis c2Lm8FqyEe-4m1tq6Z8e0g): a page note"}},
		{"search", "search.json", bridgeURL, false, 3, []string{
			"left out 1 annotation that could not be placed in its article's text:",
			"  rows[2] (Hypothesis g8Io7JrCEe-Lm2x4Vb9nUw): its page https://other.example/news/tram-delays is not an article of the project"}},
		{"search on the chosen article", "search.json", "", true, 3, []string{
			"left out 1 annotation that could not be placed in its article's text:",
			"  rows[2] (Hypothesis g8Io7JrCEe-Lm2x4Vb9nUw): the quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, db, a := hypothesisProject(t, tt.url)
			opts := ImportOptions{Now: testNow}
			if tt.choose {
				opts.ArticleID = a.ID
			}
			data := readHypothesis(t, tt.file)
			first, err := Import(ctx, s, tt.file, data, opts)
			if err != nil {
				t.Fatal(err)
			}
			if first.Format != FormatHypothesis || first.Stored.Saved != tt.notes || first.ArticleID() != a.ID {
				t.Fatalf("first import: %s", first)
			}
			lines := first.Lines(0)[1:]
			checkLines(t, "lines", lines, tt.lines)
			second, err := Import(ctx, s, tt.file, data, opts)
			if err != nil {
				t.Fatal(err)
			}
			if second.Stored.Saved != 0 || second.Stored.Unchanged != tt.notes {
				t.Errorf("second import: %s", second.Summary())
			}
			stored, err := db.FindAnnotations(ctx, a.ID)
			if err != nil || len(stored.Notes) != tt.notes {
				t.Fatalf("%d notes stored after two imports (%v), want %d", len(stored.Notes), err, tt.notes)
			}
			edited := stored.Notes[0]
			edited.Rationale, edited.Modified = "Edited in Factmark.", testNow.AddDate(1, 0, 0)
			if err := db.UpdateNote(ctx, &edited); err != nil {
				t.Fatal(err)
			}
			if _, err := Import(ctx, s, tt.file, data, opts); err != nil {
				t.Fatal(err)
			}
			again, _ := db.FindAnnotations(ctx, a.ID)
			if len(again.Notes) != tt.notes || !hasRationale(again.Notes, "Edited in Factmark.") {
				t.Errorf("a third import undid the edit or added notes: %+v", again.Notes)
			}
		})
	}
}

func hasRationale(notes []annotate.Note, s string) bool {
	for _, n := range notes {
		if n.Rationale == s {
			return true
		}
	}
	return false
}

// TestImportHypothesisChoiceRefused: the chosen article must exist, and is
// for Hypothesis files only; nothing is stored either way.
func TestImportHypothesisChoiceRefused(t *testing.T) {
	ctx := context.Background()
	s, db, a := hypothesisProject(t, bridgeURL)
	tests := []struct {
		name, file string
		data       []byte
		id, code   string
		want       string
	}{
		{"no such article", "export.json", readHypothesis(t, "export.json"), "8f0e6a3c-0000-4000-8000-000000000000", annotate.ENOTFOUND,
			"the chosen article 8f0e6a3c-0000-4000-8000-000000000000 is not in the project"},
		{"an article's text", "a.txt", []byte("Some text.\n"), a.ID, annotate.EINVALID, "an article is chosen only for Hypothesis annotations"},
		{"W3C", "w3c.jsonld", []byte(`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": []}`), a.ID, annotate.EINVALID,
			"this is W3C Web Annotation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Import(ctx, s, tt.file, tt.data, ImportOptions{ArticleID: tt.id})
			if r != nil || annotate.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import = %v, %v; want %s with %q", r, err, tt.code, tt.want)
			}
		})
	}
	list, err := db.FindArticles(ctx)
	if err != nil || len(list) != 1 || list[0].Annotations() != 0 {
		t.Errorf("the project changed: %+v, %v", list, err)
	}
}

// TestImportHypothesisNonePlaced: a file none of whose annotations is on an
// article of the project is refused, naming them.
func TestImportHypothesisNonePlaced(t *testing.T) {
	s, _, _ := hypothesisProject(t, "https://elsewhere.example/a")
	_, err := Import(context.Background(), s, "search.json", readHypothesis(t, "search.json"), ImportOptions{})
	if annotate.ErrorCode(err) != annotate.EINVALID ||
		!strings.HasPrefix(annotate.ErrorMessage(err), "none of its 4 annotations could be placed in an article of the project: rows[0] (Hypothesis e4Rt5HrAEe-8p2Nn1Xy7bQ): its page "+bridgeURL) {
		t.Errorf("Import = %v", err)
	}
}
