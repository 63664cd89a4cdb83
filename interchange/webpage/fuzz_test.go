package webpage

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// FuzzExtract feeds Extract mutations of the hand-written pages in
// testdata and, when ../shared is there, of the corpus pages. It must never
// panic or fail internally; every page it accepts must give a checked text,
// valid metadata, and the same result twice.
func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	pages, _ := filepath.Glob(filepath.Join(sharedRoot(), "corpus", "html-pages", "*", "source.html"))
	seeds = append(seeds, pages...)
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<html><body><p>x</p></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Extract("fuzz.html", data)
		if code := annotate.ErrorCode(err); code == annotate.EINTERNAL {
			t.Fatalf("internal error: %v (%s)", err, annotate.Cause(err))
		} else if err != nil {
			return
		}
		if err := got.Check(); err != nil {
			t.Fatalf("Check: %v", err)
		}
		if err := got.Meta.Validate(); err != nil {
			t.Fatalf("meta: %v", err)
		}
		again, err := Extract("fuzz.html", data)
		if err != nil || !reflect.DeepEqual(got, again) {
			t.Fatalf("second extraction differs: %v", err)
		}
	})
}
