package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
	"github.com/factmark/factmark/store"
)

// sampleArticle is the ID and text of annotateSample's article.
func sampleArticle(t *testing.T, path string) (id, text string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	list, err := db.FindArticles(ctx)
	if err != nil || len(list) == 0 {
		t.Fatalf("FindArticles: %v", err)
	}
	a, err := db.FindArticleByID(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID, a.Text
}

func TestImportRevisionOf(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	id, text := sampleArticle(t, db)
	same := writeFile(t, dir, "same.txt", []byte(text))
	newer := writeFile(t, dir, "newer.txt", []byte(text+"\nCorrection: an earlier version misspelt a name.\n"))
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"the same text", []string{"import", "--revision-of", id, same}, 0, "unchanged " + id, ""},
		{"a wrong article ID", []string{"import", "--revision-of", "0b6d1f0e-5d7c-4b6e-9a53-3f1b2c4d5e6f", newer}, 1, "", "no article 0b6d1f0e-5d7c-4b6e-9a53-3f1b2c4d5e6f in the project"},
		{"two files", []string{"import", "--revision-of", id, newer, same}, 2, "", "--revision-of takes one FILE"},
		{"a new revision", []string{"import", "--revision-of", id, newer}, 0, "revised " + id, ""},
		{"the new revision again", []string{"import", "--revision-of", id, newer}, 0, "unchanged " + id, ""},
	}
	for _, tt := range tests {
		code, out, errOut := factmark(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%s: exit %d\nstdout %q\nstderr %q", tt.name, code, out, errOut)
		}
		if tt.name == "a new revision" && !strings.Contains(out, "revision 2, 2 annotations re-anchored (2 exact, 0 diff, 0 fuzzy, 0 orphan)") {
			t.Errorf("the report: %q", out)
		}
	}
	if out := mustRun(t, "--db", db, "export"); !strings.Contains(out, `"revisions": [`) || !strings.Contains(out, `"method": "exact"`) {
		t.Errorf("the export after the revision has no revisions or placements")
	}
}

// A revision is refused on a project another program is writing to, and on
// one user nobody cannot write, and changes nothing.
func TestImportRevisionOfLockedAndReadOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	id, text := sampleArticle(t, db)
	newer := writeFile(t, dir, "newer.txt", []byte(text+"\nUpdated.\n"))
	before := mustRun(t, "--db", db, "export")
	func() {
		holdLock(t, db)
		code, _, errOut := factmark(t, "--db", db, "import", "--revision-of", id, newer)
		if code != 1 || !strings.Contains(errOut, newer+": ") {
			t.Errorf("while locked: exit %d, %q", code, errOut)
		}
	}()
	if after := mustRun(t, "--db", db, "export"); after != before {
		t.Error("a refused revision changed the project")
	}

	root, binary := nobodyDir(t)
	if binary == "" {
		t.Skip("needs root, to run as user nobody")
	}
	pdir := filepath.Join(root, "project")
	os.Mkdir(pdir, 0o755)
	ro := filepath.Join(pdir, "p.db")
	annotateSample(t, ro)
	id, text = sampleArticle(t, ro)
	txt := writeFile(t, root, "newer.txt", []byte(text+"\nUpdated.\n"))
	os.Chmod(ro, 0o444)
	os.Chmod(pdir, 0o555)
	defer os.Chmod(pdir, 0o755)
	code, stderr, _ := runAsNobodyOutput(t, binary, []string{"--db", ro, "import", "--revision-of", id, txt})
	if code != 1 || !strings.Contains(stderr, "the project "+ro+" is read-only: ") {
		t.Errorf("on a read-only project: exit %d, %q", code, stderr)
	}
}

func TestEvalReanchor(t *testing.T) {
	code, _, errOut := factmark(t, "eval", "reanchor")
	if code != 2 || !strings.Contains(errOut, "want one dataset FILE.json") {
		t.Errorf("no file: exit %d, %q", code, errOut)
	}
	bad := writeFile(t, t.TempDir(), "bad.json", []byte(`{"original": ""}`))
	if code, _, errOut := factmark(t, "eval", "reanchor", bad); code != 1 || !strings.Contains(errOut, "generate.py") {
		t.Errorf("not a dataset: exit %d, %q", code, errOut)
	}
	dataset := filepath.Join(testcorpus.Dir(t, "reanchor"), "polnear-dev-400kb-1.json")
	out := mustRun(t, "eval", "reanchor", dataset)
	for _, want := range []string{"placed right", "placed wrong", "annotations       10000", "re-anchored 10000 annotations in"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report has no %q:\n%s", want, out)
		}
	}
}
