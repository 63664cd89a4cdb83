package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/testcorpus"
	"github.com/factmark/factmark/store"
)

// FuzzImportAndOpen fuzzes the whole path of a file into the desk: the
// format is detected, the file parsed and imported into a new project that
// holds the sample article (so that W3C, ClaimReview and CSV have an article
// to point at), and every article of the project is opened in a headless
// desk. Whatever the input, nothing may panic, and every article must open
// with its annotations highlighted. ext is the file's extension, a hint to
// format detection; text is a file beside it (a brat file's text), imported
// first as an article. The seeds are those of TestEveryImportedArticleOpens.
func FuzzImportAndOpen(f *testing.F) {
	w := fuzzSeeds(f)
	for _, s := range w.seeds {
		f.Add(s.ext, s.data, s.text)
	}
	if dir := testcorpus.Root(); dir != "" {
		anns, _ := filepath.Glob(filepath.Join(dir, "corpus", "polnear-dev", "attributions", "*.ann"))
		anns = append(anns[:min(4, len(anns))], filepath.Join(dir, "corpus", "seed", "article.ann"))
		for _, file := range anns {
			ann, err1 := os.ReadFile(file)
			for _, p := range interchange.BratTextPaths(file) {
				if text, err2 := os.ReadFile(p); err1 == nil && err2 == nil {
					f.Add(".ann", ann, text)
					break
				}
			}
		}
	}
	a := test.NewTempApp(f)
	sample := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	f.Fuzz(func(t *testing.T, ext string, data, text []byte) {
		dir := fastTempDir(t)
		db, err := store.Open(filepath.Join(dir, "p.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.CreateArticle(context.Background(), sample); err != nil {
			t.Fatal(err)
		}
		d, err := newDesk(a, services(db), &testPump{}) // see open_test.go
		if err != nil {
			t.Fatal(err)
		}
		defer d.win.Close()
		base := filepath.Join(dir, "input")
		name := base + fuzzName(ext)
		if os.WriteFile(base+".txt", text, 0o600) != nil || os.WriteFile(name, data, 0o600) != nil {
			t.Fatal("cannot write the input")
		}
		d.ImportFile(base+".txt", text, nil)
		d.ImportFile(name, data, readLimited)
		d.lib.reload()
		for _, s := range d.lib.articles() {
			if s.ID == sample.ID && s.Annotations() == 0 {
				continue // as it was: opened by TestEveryImportedArticleOpens
			}
			if err := d.Open(s.ID); err != nil {
				t.Fatalf("%v\n%s", err, annotate.Cause(err))
			}
			checkHighlights(t, d)
		}
	})
}

// fuzzName is the extension a fuzzed file is written with: ext when it is a
// plain one (".json", ".ann", …), else ".dat"; never ".txt", the name of the
// text beside it.
func fuzzName(ext string) string {
	if ext == ".txt" {
		return ".text.txt"
	}
	if len(ext) < 2 || len(ext) > 8 || ext[0] != '.' || strings.ContainsAny(ext[1:], "./\\\x00") {
		return ".dat"
	}
	return ext
}

// fastTempDir is a new folder in memory (/dev/shm) when there is one, else
// t.TempDir(): a project's commits are synced to disk, and a fuzz target
// makes one project an input.
func fastTempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("/dev/shm", "factmark-fuzz-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
