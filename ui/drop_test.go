package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/store"
)

// writeFiles writes name → content files under dir (names may hold
// folders) and returns their paths in the order given.
func writeFiles(t *testing.T, dir string, files ...string) []string {
	t.Helper()
	var paths []string
	for i := 0; i+1 < len(files); i += 2 {
		p := filepath.Join(dir, files[i])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func fileURIs(paths ...string) []fyne.URI {
	var out []fyne.URI
	for _, p := range paths {
		out = append(out, storage.NewFileURI(p))
	}
	return out
}

// drop drops the paths on the window and waits until the status line
// holds want.
func (td *testDesk) drop(want string, paths ...string) {
	td.t.Helper()
	td.dropped(fyne.NewPos(300, 300), fileURIs(paths...))
	td.waitStatus(want)
}

// titles are the library's article titles.
func (td *testDesk) titles() []string {
	td.lib.reload()
	var out []string
	for _, a := range td.lib.articles() {
		out = append(out, a.Title)
	}
	return out
}

func TestDropOneFileImportsAndOpensIt(t *testing.T) {
	td := newTestDesk(t, nil)
	p := writeFiles(t, t.TempDir(), "report.md", "# Water report\nThe reservoir is full.\n")
	td.drop("imported ", p...)
	if td.article.Title != "Water report" || !strings.Contains(td.status.Text, "imported "+td.article.ID+" Water report") {
		t.Errorf("opened %q; status %q", td.article.Title, td.status.Text)
	}
}

func TestDropSeveralFilesOneSummary(t *testing.T) {
	td := newTestDesk(t, nil)
	var export bytes.Buffer
	if _, err := td.ExportTo(&export, td.article.ID); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths := writeFiles(t, dir,
		"a.txt", "First dropped article\nIts text.\n",
		"export.json", export.String(),
		"broken.bin", "\x00\x01\x02",
		"b.md", "# Second dropped article\nMore text.\n",
	)
	td.drop("imported 3 of 4 dropped items; 1 could not be imported", paths...)
	if td.article.Title != "Second dropped article" {
		t.Errorf("opened %q, want the last imported", td.article.Title)
	}
	if td.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no list of what failed")
	}
	list := labelTexts(td.win.Canvas().Overlays().Top())
	for _, want := range []string{"a.txt: imported", "export.json: imported", "broken.bin: ", "binary", "b.md: imported"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if got := td.titles(); len(got) != 3 {
		t.Errorf("library %v, want the sample and the two dropped", got)
	}
}

func TestDropFolderImportsItsImportableFiles(t *testing.T) {
	td := newTestDesk(t, nil)
	dir := t.TempDir()
	writeFiles(t, dir,
		"one.txt", "Folder article one\nText.\n",
		"two.MD", "Folder article two\nText.\n",
		".hidden.txt", "Hidden article\nText.\n",
		"photo.png", "\x89PNG\r\n",
		"sub/three.txt", "Nested article\nText.\n",
	)
	td.drop("imported 2 of 2 dropped items", dir)
	got := strings.Join(td.titles(), " | ")
	for _, want := range []string{"Folder article one", "Folder article two"} {
		if !strings.Contains(got, want) {
			t.Errorf("library %q lacks %q", got, want)
		}
	}
	for _, not := range []string{"Hidden", "Nested"} {
		if strings.Contains(got, not) {
			t.Errorf("library %q has the %s article", got, not)
		}
	}
	if td.win.Canvas().Overlays().Top() != nil {
		t.Errorf("a list is shown though everything was imported")
	}
}

func TestDropRefusals(t *testing.T) {
	td := newTestDesk(t, nil)
	empty := t.TempDir()
	writeFiles(t, empty, "picture.jpg", "not an article")
	before := len(td.titles())
	td.dropped(fyne.Position{}, fileURIs(empty))
	if !strings.Contains(td.status.Text, "nothing imported: the folder "+empty+" holds no file Factmark imports") {
		t.Errorf("folder without articles: status %q", td.status.Text)
	}
	// A named pipe is refused by the reader, without hanging the desk.
	fifo := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	td.drop("Error: ", fifo)
	if !strings.Contains(td.status.Text, "not a file") {
		t.Errorf("pipe: status %q", td.status.Text)
	}
	td.svc.ReadOnly = true
	td.dropped(fyne.Position{}, fileURIs(writeFiles(t, t.TempDir(), "x.txt", "Read-only drop\nText.\n")...))
	if !strings.Contains(td.status.Text, readOnlyMessage) {
		t.Errorf("read-only: status %q", td.status.Text)
	}
	if n := len(td.titles()); n != before {
		t.Errorf("refused drops stored %d articles", n-before)
	}
}

// labelTexts joins the texts of the labels in o's tree.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	walkTree(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// streamSpy is the project's documents, noting whether an import came
// through ImportStream (a piece at a time) or Import (read whole).
type streamSpy struct {
	*store.DB
	streamed, whole int
	exportStreams   int // ExportStream and ExportPasses calls
}

func (s *streamSpy) ExportStream(ctx context.Context, ids []string, head func(*annotate.Document) error,
	article func(*annotate.ArticleDoc) error, audit func([]annotate.AuditEntry) error) error {
	s.exportStreams++
	return s.DB.ExportStream(ctx, ids, head, article, audit)
}

func (s *streamSpy) ExportPasses(ctx context.Context, ids []string, passes int, head func(*annotate.Document) error,
	article func(pass int, a *annotate.ArticleDoc) error) error {
	s.exportStreams++
	return s.DB.ExportPasses(ctx, ids, passes, head, article)
}

func (s *streamSpy) ImportStream(ctx context.Context, head *annotate.Document,
	next func() (*annotate.ArticleDoc, error), audit func() ([]annotate.AuditEntry, error)) (annotate.ImportResult, error) {
	s.streamed++
	return s.DB.ImportStream(ctx, head, next, audit)
}

func (s *streamSpy) Import(ctx context.Context, doc *annotate.Document) (annotate.ImportResult, error) {
	s.whole++
	return s.DB.Import(ctx, doc)
}

// spiedDesk is a test desk whose project's documents are spied on.
func spiedDesk(t *testing.T) (*testDesk, *streamSpy) {
	spy := &streamSpy{}
	td := newTestDeskWrapped(t, nil, nil, func(s Services, db *store.DB) Services {
		spy.DB = db
		s.Documents = spy
		return s
	})
	return td, spy
}

// TestNativeExportImportsAPieceAtATime: a project's export, dropped or
// chosen in the Import dialog, is read article by article as the command
// line reads it, not whole (it may be larger than memory).
func TestNativeExportImportsAPieceAtATime(t *testing.T) {
	td, spy := spiedDesk(t)
	other := newTestDesk(t, []byte("Imported article\nThe mayor said the bridge opens in May.\n"))
	var export bytes.Buffer
	if _, err := other.ExportTo(&export, other.article.ID); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := writeFiles(t, dir, "dropped.json", export.String(), "chosen.json", export.String())
	td.drop("imported ", p[0])
	if spy.streamed != 1 || spy.whole != 0 || td.article.Title != "Imported article" {
		t.Fatalf("drop: %d streamed, %d whole; opened %q", spy.streamed, spy.whole, td.article.Title)
	}
	td.status.SetText("")
	td.importLocal(p[1]) // what the Import dialog calls for a local file
	td.waitStatus("imported ")
	if spy.streamed != 2 || spy.whole != 0 {
		t.Fatalf("Import dialog: %d streamed, %d whole", spy.streamed, spy.whole)
	}
}

// TestDeskExportsStream: the desk's exports of every format go through the
// project's streaming export (the writer waits for pending changes in
// front of it), so a year's project is never built whole in memory.
func TestDeskExportsStream(t *testing.T) {
	td, spy := spiedDesk(t)
	for _, f := range interchange.ExportFormats {
		if f == interchange.FormatBrat { // a folder, below
			continue
		}
		before := spy.exportStreams
		var out bytes.Buffer
		if _, err := td.ExportFormat(&out, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if spy.exportStreams == before || spy.whole != 0 {
			t.Errorf("%s: exported without streaming", f)
		}
	}
	before := spy.exportStreams
	if _, err := interchange.WriteBratFolder(td.ctx, td.store(), filepath.Join(t.TempDir(), "brat"),
		func(string, func(io.Writer) error) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if spy.exportStreams == before {
		t.Error("brat: exported without streaming")
	}
}
