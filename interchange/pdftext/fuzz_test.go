package pdftext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// FuzzExtract: whatever the bytes, Extract returns an article that passes
// Check, or an EINVALID error that names the file; it never panics.
// Seeds: the documents these tests build, and the pdf-dev files when the
// shared corpora are there.
func FuzzExtract(f *testing.F) {
	f.Add(layoutDoc().bytes())
	d := layoutDoc()
	d.compress = false
	f.Add(d.bytes())
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	shared := os.Getenv("FACTMARK_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "pdf-dev", "*.pdf"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := Extract("fuzz.pdf", data)
		if err != nil {
			if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), "fuzz.pdf") {
				t.Fatalf("error %q (code %s, cause %q)", err, annotate.ErrorCode(err), annotate.Cause(err))
			}
			return
		}
		if err := ex.Check(); err != nil {
			t.Fatal(err)
		}
		if len(ex.Pages) == 0 {
			t.Fatal("no pages")
		}
		if err := ex.Meta.Validate(); err != nil {
			t.Fatalf("meta: %v", err)
		}
	})
}
