package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// hypothesisFixture is a file of interchange's Hypothesis fixtures.
func hypothesisFixture(name string) string {
	return filepath.Join("..", "..", "interchange", "testdata", "hypothesis", name)
}

// TestImportHypothesis: `factmark import hypothesis.json` places the notes
// on the article with the page's URL, says on stderr what it left out and
// why, and a second import adds nothing.
func TestImportHypothesis(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	mustRun(t, "--db", db, "import", "--url", "https://ledger.example/2026/03/harbour-bridge-repairs", hypothesisFixture("article.txt"))
	code, out, errOut := factmark(t, "--db", db, "import", hypothesisFixture("export.json"))
	if code != 0 || !strings.HasPrefix(out, "imported Hypothesis annotations (export or API search): 0 articles (1 already there), 0 speakers (0 already there), 1 annotation saved, 0 unchanged") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, want := range []string{
		"export.json: left out 1 annotation that could not be placed in its article's text:\n  annotations[3] (Hypothesis d9Wn2GqzEe-Vx0a9k3Jr5Q): the quote",
		"export.json: left out 1 annotation Factmark has no place for yet:\n" + // the reply is a comment now
			"  annotations[2] (Hypothesis c2Lm8FqyEe-4m1tq6Z8e0g): a page note",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	again := mustRun(t, "--db", db, "import", hypothesisFixture("export.json"))
	if !strings.Contains(again, "0 annotations saved, 1 unchanged") {
		t.Errorf("second import said %q", again)
	}
	if list := mustRun(t, "--db", db, "list"); !strings.Contains(list, "Harbour bridge") {
		t.Errorf("list:\n%s", list)
	}
}

// TestImportHypothesisOnChosenArticle: --article puts the annotations on an
// article whatever page they name, and is refused for other files.
func TestImportHypothesisOnChosenArticle(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	made := mustRun(t, "--db", db, "import", hypothesisFixture("article.txt"))
	id := strings.Fields(made)[1]
	if code, _, errOut := factmark(t, "--db", db, "import", hypothesisFixture("search.json")); code == 0 ||
		!strings.Contains(errOut, "none of its 4 annotations could be placed") {
		t.Fatalf("without --article: exit %d, stderr %q", code, errOut)
	}
	out := mustRun(t, "--db", db, "import", "--article", id, hypothesisFixture("search.json"))
	if !strings.Contains(out, "3 annotations saved") {
		t.Errorf("with --article: %q", out)
	}
	code, _, errOut := factmark(t, "--db", db, "import", "--article", id, hypothesisFixture("article.txt"))
	if code == 0 || !strings.Contains(errOut, "an article is chosen only for Hypothesis annotations") {
		t.Errorf("--article with a text: exit %d, stderr %q", code, errOut)
	}
}
