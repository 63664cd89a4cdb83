package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

func TestImportArticleAndFindItAgain(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	text := "# Dam “safe”, minister says\r\nThe minister said the dam was safe – 100%.\r\n"
	f := writeFile(t, dir, "a.md", []byte(text))
	out := mustRun(t, "--db", db, "import", "--outlet", "The Ledger", "--date", "2026-03-04", "--author", "A. Writer; B. Writer", f)
	if !strings.HasPrefix(out, "imported ") || !strings.Contains(out, "Dam “safe”, minister says") {
		t.Fatalf("import said %q", out)
	}
	again := mustRun(t, "import", f, "--db", db) // flags after the file work too
	if !strings.HasPrefix(again, "already imported "+strings.Fields(out)[1]) {
		t.Fatalf("second import said %q, want the same article found", again)
	}
	list := mustRun(t, "--db", db, "list")
	if strings.Count(list, "\n") != 2 || !strings.Contains(list, "The Ledger") || !strings.Contains(list, "2026-03-04") {
		t.Fatalf("list:\n%s", list)
	}
}

func TestImportTitleFlag(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "a.txt", []byte("first line\nsecond line\n"))
	out := mustRun(t, "--db", filepath.Join(dir, "p.db"), "import", "--title", "Given title", f)
	if !strings.Contains(out, "Given title") {
		t.Fatalf("import said %q", out)
	}
}

func TestImportBadInputLeavesProjectUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	mustRun(t, "--db", db, "import", writeFile(t, dir, "ok.txt", []byte("A good article.\n")))
	before := mustRun(t, "--db", db, "export")

	big := bytes.Repeat([]byte("All work and no play makes a long transcript.\n"), 50<<20/47+1)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"binary.txt", []byte("PK\x03\x04\x00\x00binary"), "binary content"},
		{"latin1.txt", []byte("caf\xe9 au lait\n"), "not valid UTF-8: bad byte at byte 3"},
		{"empty.txt", nil, "text is empty"},
		{"blank.md", []byte(" \n\t\n"), "text is empty"},
		{"huge.txt", big, "the limit is 16 MB"},
		{"broken.json", []byte(`{"format": "factmark/1", "articles": [`), "invalid JSON"},
		{"wrongtype.json", []byte(`{"format": "factmark/1", "articles": 3}`), "articles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := writeFile(t, dir, tt.name, tt.data)
			code, _, errOut := factmark(t, "--db", db, "import", f)
			if code != 1 || !strings.Contains(errOut, tt.name) || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit 1 naming the file and %q", code, errOut, tt.want)
			}
			if after := mustRun(t, "--db", db, "export"); after != before {
				t.Fatal("the project changed after a failed import")
			}
		})
	}
}

func TestImportMissingFileAndFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	for _, f := range []string{filepath.Join(dir, "missing.txt"), dir} {
		code, _, errOut := factmark(t, "--db", db, "import", f)
		if code != 1 || !strings.Contains(errOut, f) {
			t.Errorf("import %s: exit %d, stderr %q", f, code, errOut)
		}
	}
}

func TestImportSeedArticleKeepsText(t *testing.T) {
	shared := testcorpus.Dir(t)
	src := filepath.Join(shared, "corpus", "seed", "article.txt")
	want, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	mustRun(t, "--db", db, "import", src)
	doc := exportDoc(t, db)
	if got := doc.Articles[0].Text; got != string(want) {
		t.Fatalf("stored text differs from the file (len %d vs %d)", len(got), len(want))
	}
}
