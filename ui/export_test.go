package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/store"
)

// exportDesk is annotatedDesk with the project's path known, as the app
// has it, and a home folder of its own.
func exportDesk(t *testing.T) (*testDesk, string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	td := annotatedDesk(t)
	td.svc.Path = td.db.Path()
	td.flush()
	return td, home
}

// openExport opens the export dialog as Ctrl+E does.
func (td *testDesk) openExport() *exportDialog {
	e := td.newExportDialog()
	e.show()
	return e
}

// exportFormat chooses format f in the dialog.
func (e *exportDialog) exportFormat(f interchange.Format) {
	e.format.SetSelectedIndex(slices.Index(interchange.ExportFormats, f))
}

// tapExport types path into the dialog and taps Export.
func (td *testDesk) tapExport(e *exportDialog, path string) {
	e.path.SetText(path)
	test.Tap(e.export)
}

// waitStatus runs what the background hands the UI goroutine until the
// status line holds want.
func (td *testDesk) waitStatus(want string) {
	td.t.Helper()
	if !td.pumpUntil(func() bool { return strings.Contains(td.status.Text, want) }, 10*time.Second) {
		td.t.Fatalf("status line %q, want %q", td.status.Text, want)
	}
}

// tapOverlayButton taps the button labelled label in the topmost dialog,
// once it is shown.
func (td *testDesk) tapOverlayButton(label string) {
	td.t.Helper()
	var b *widget.Button
	td.pumpUntil(func() bool {
		if top := td.win.Canvas().Overlays().Top(); top != nil {
			b = findButton(top, label)
		}
		return b != nil
	}, 10*time.Second)
	if b == nil {
		td.t.Fatalf("no %q button shown", label)
	}
	test.Tap(b)
}

// findButton is the button labelled label in o's tree, or nil.
func findButton(o fyne.CanvasObject, label string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() {
		return b
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if b := findButton(c, label); b != nil {
			return b
		}
	}
	return nil
}

// readAll is the content of the files at paths that exist.
func readAll(t *testing.T, paths ...string) [][]byte {
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestExportRefusesProjectFilesAndWhatIsNotAFile: the dialog refuses the
// open project's database and the files beside it, a pipe, a folder and a
// missing folder, says why in the dialog and keeps its values; the project
// is byte for byte as it was and still opens.
func TestExportRefusesProjectFilesAndWhatIsNotAFile(t *testing.T) {
	td, home := exportDesk(t)
	db := td.db.Path()
	fifo := filepath.Join(home, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(home, "link.json")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	project := []string{db, db + "-wal", db + "-shm"}
	before := readAll(t, project...)
	e := td.openExport()
	for _, tt := range []struct {
		format interchange.Format
		path   string
		want   string
	}{
		{interchange.FormatNative, db, "is the open project's database"},
		{interchange.FormatNative, db + "-wal", "is the open project's database"},
		{interchange.FormatCSV, db + "-shm", "is the open project's database"},
		{interchange.FormatNative, db + "-journal", "is the open project's database"},
		{interchange.FormatW3C, link, "is the open project's database"},
		{interchange.FormatNative, fifo, "is a named pipe (FIFO)"},
		{interchange.FormatNative, home, "is a folder: add the name of the file"},
		{interchange.FormatNative, filepath.Join(home, "no", "x.json"), "the folder " + filepath.Join(home, "no") + " does not exist"},
		{interchange.FormatNative, "x.json", "is not a full path"},
		{interchange.FormatBrat, db, "is not a folder"},
	} {
		e.exportFormat(tt.format)
		td.tapExport(e, tt.path)
		if !e.message.Visible() || !strings.Contains(e.message.Text, tt.want) {
			t.Errorf("%s (%s): the dialog says %q; want %q", tt.path, tt.format, e.message.Text, tt.want)
		}
		if e.path.Text != tt.path || e.selected() != tt.format {
			t.Errorf("%s: the dialog now holds %q in %s", tt.path, e.path.Text, e.selected())
		}
		if td.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: the refusal closed the dialog", tt.path)
		}
	}
	td.pumpUntil(func() bool { return false }, 100*time.Millisecond) // anything started in the background
	if got := readAll(t, project...); !slices.EqualFunc(got, before, bytes.Equal) {
		t.Fatal("the project's files changed")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe is no longer a pipe: %v", err)
	}
	again, err := store.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if list, err := again.FindArticles(context.Background()); err != nil || len(list) != 1 {
		t.Fatalf("the project lists %d articles (%v)", len(list), err)
	}
}

// TestCheckExportPath checks paths as the dialog does, without it.
func TestCheckExportPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	db := filepath.Join(home, "p.db")
	file := filepath.Join(home, "old.json")
	for _, p := range []string{db, file} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	protect := (&Desk{svc: Services{Path: db}}).protectProject()
	for _, tt := range []struct {
		format interchange.Format
		text   string
		path   string // the path to write, when allowed
		exists bool
		want   string // the refusal, when not
	}{
		{interchange.FormatNative, "~/x.json", filepath.Join(home, "x.json"), false, ""},
		{interchange.FormatNative, "~", "", false, "is a folder"},
		{interchange.FormatNative, home + "/sub/../old.json", file, true, ""},
		{interchange.FormatNative, "~/p.db-wal", "", false, "is the open project's database"},
		{interchange.FormatNative, "", "", false, "say where to export"},
		{interchange.FormatNative, "~user/x.json", "", false, "is not a full path"},
		{interchange.FormatNative, file + "/x.json", "", false, "is not a folder"},
		{interchange.FormatBrat, "~/brat", filepath.Join(home, "brat"), false, ""},
		{interchange.FormatBrat, "~/", home, true, ""},
		{interchange.FormatBrat, "~/none/brat", "", false, "does not exist"},
		{interchange.FormatBrat, file, "", false, "is not a folder"},
	} {
		got, err := checkExportPath(tt.text, tt.format, protect)
		switch {
		case tt.want != "" && (err == nil || !strings.Contains(annotate.ErrorMessage(err), tt.want)):
			t.Errorf("%q (%s): %+v, %v; want the refusal %q", tt.text, tt.format, got, err, tt.want)
		case tt.want == "" && (err != nil || got.path != tt.path || got.exists != tt.exists):
			t.Errorf("%q (%s): %+v, %v; want %s (there: %v)", tt.text, tt.format, got, err, tt.path, tt.exists)
		}
	}
}

// TestExportToTypedPathIsRememberedAndSaysWhatItHolds: a path typed in a
// folder that exists is written, the status line counts what the file
// holds, and the next export starts in that folder and format.
func TestExportToTypedPathIsRememberedAndSaysWhatItHolds(t *testing.T) {
	td, home := exportDesk(t)
	e := td.openExport()
	if want := filepath.Join(home, "factmark-export.json"); e.path.Text != want || e.selected() != interchange.FormatNative {
		t.Fatalf("the first export offers %q in %s; want %q in native JSON", e.path.Text, e.selected(), want)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "reviews.jsonld")
	e.exportFormat(interchange.FormatClaimReview)
	td.tapExport(e, p)
	td.tapOverlayButton("Export anyway") // the review has no URL (see TestExportClaimReviewCheckList)
	td.waitStatus("exported 1 ClaimReview review of 1 article to " + p)
	if td.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after the export")
	}
	var graph struct {
		Graph []any `json:"@graph"`
	}
	if b, err := os.ReadFile(p); err != nil || json.Unmarshal(b, &graph) != nil || len(graph.Graph) != 1 {
		t.Fatalf("the file holds %d reviews (%v)", len(graph.Graph), err)
	}
	next := td.openExport()
	if want := filepath.Join(dir, "factmark-export.jsonld"); next.path.Text != want || next.selected() != interchange.FormatClaimReview {
		t.Fatalf("the next export offers %q in %s; want %q in ClaimReview", next.path.Text, next.selected(), want)
	}
	next.exportFormat(interchange.FormatCSV)
	if want := filepath.Join(dir, "factmark-export.csv"); next.path.Text != want {
		t.Fatalf("choosing CSV made the path %q; want %q", next.path.Text, want)
	}
	next.exportFormat(interchange.FormatBrat)
	if want := filepath.Join(dir, "factmark-export"); next.path.Text != want {
		t.Fatalf("choosing brat made the path %q; want the folder %q", next.path.Text, want)
	}
}

// TestExportTildeIsHome: ~/ in the path is the home folder.
func TestExportTildeIsHome(t *testing.T) {
	td, home := exportDesk(t)
	e := td.openExport()
	e.exportFormat(interchange.FormatCSV)
	td.tapExport(e, "~/out.csv")
	p := filepath.Join(home, "out.csv")
	td.waitStatus("exported 3 annotations of 1 article as CSV to " + p)
	if b, err := os.ReadFile(p); err != nil || bytes.Count(b, []byte("\r\n")) != 4 {
		t.Fatalf("%s holds %q (%v); want a header and 3 rows", p, b, err)
	}
}

// TestExportAsksBeforeReplacingAndKeepsTheMode: an existing file is
// replaced only once the user says so, atomically, and keeps its 0600.
func TestExportAsksBeforeReplacingAndKeepsTheMode(t *testing.T) {
	td, _ := exportDesk(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "private.json")
	old := bytes.Repeat([]byte("old "), 100000)
	if err := os.WriteFile(p, old, 0o600); err != nil {
		t.Fatal(err)
	}
	e := td.openExport()
	td.tapExport(e, p)
	td.tapOverlayButton("Cancel") // on Replace?
	td.pumpUntil(func() bool { return false }, 100*time.Millisecond)
	if b, _ := os.ReadFile(p); !bytes.Equal(b, old) {
		t.Fatal("the file changed though the user did not say replace")
	}
	if e.path.Text != p || td.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("saying no to Replace? closed the dialog or lost its path (%q)", e.path.Text)
	}
	test.Tap(e.export)
	td.tapOverlayButton("Replace")
	td.waitStatus("exported 3 annotations of 1 article as Factmark JSON to " + p)
	info, err := os.Stat(p)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the replaced file has mode %v (%v); want 0600", info.Mode(), err)
	}
	want, _, err := td.exportBytes(interchange.FormatNative, []string{td.article.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, want) {
		t.Fatalf("the file holds %d bytes, want the %d of the export", len(got), len(want))
	}
	if names := readDirNames(t, dir); len(names) != 1 {
		t.Errorf("the folder holds %v; want only the export", names)
	}
}

func readDirNames(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestExportBratMakesTheFolderWithOneNamePerArticle: articles imported in
// the same minute (IDs that begin alike) get files of their own, and the
// status line counts them.
func TestExportBratMakesTheFolderWithOneNamePerArticle(t *testing.T) {
	td, _ := exportDesk(t)
	for _, text := range []string{"Harbour plan\nOne.\n", "Harbour plan\nTwo.\n"} {
		if _, _, err := td.ImportData("a.txt", []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	e := td.openExport()
	e.exportFormat(interchange.FormatBrat)
	e.scope.SetSelected("All articles")
	dir := filepath.Join(t.TempDir(), "brat")
	td.tapExport(e, dir)
	td.waitStatus("exported 3 articles (6 files), 2 annotations as brat to " + dir + "; 1 note left out")
	names := readDirNames(t, dir)
	if len(names) != 6 {
		t.Fatalf("the folder holds %v; want a .txt and a .ann for each of 3 articles", names)
	}
	for _, n := range names {
		if !strings.HasSuffix(n, ".txt") && !strings.HasSuffix(n, ".ann") {
			t.Errorf("unexpected file %s", n)
		}
	}
}

// TestExportDialogFitsTheSmallestWindow: in the desk's window at its
// smallest the dialog, and its message, fit (scrolled), and the buttons
// show; in a large window it shows everything.
func TestExportDialogFitsTheSmallestWindow(t *testing.T) {
	td, _ := exportDesk(t)
	small := td.win.Content().MinSize()
	td.win.Resize(small)
	e := td.openExport()
	e.refuse(annotate.Errorf(annotate.EINVALID, "%s is the open project's database (%s); it was left alone — write to another file",
		strings.Repeat("/a/long/folder", 8), td.db.Path()))
	win, dlg := td.win.Canvas().Size(), e.dlg.MinSize()
	if dlg.Width > win.Width || dlg.Height > win.Height {
		t.Fatalf("the dialog needs %v; the smallest window is %v", dlg, win)
	}
	if !e.export.Visible() || e.export.Size().Height == 0 {
		t.Fatal("the Export button does not show")
	}
	e.dlg.Hide()
	td.win.Resize(fyne.NewSize(1280, 800))
	e = td.openExport()
	e.refuse(annotate.Errorf(annotate.EINVALID, "%s is the open project's database (%s); it was left alone — write to another file",
		strings.Repeat("/a/long/folder", 8), td.db.Path()))
	if got, want := e.scroll.Size().Height, e.body.MinSize().Height; got < want {
		t.Fatalf("in a large window the form and message show %v of their %v", got, want)
	}
}

// TestWithFolder: choosing a folder replaces the folder part of the path
// and keeps the name typed.
func TestWithFolder(t *testing.T) {
	for _, tt := range []struct {
		path string
		f    interchange.Format
		want string
	}{
		{"/home/a/report.csv", interchange.FormatCSV, "/srv/out/report.csv"},
		{"/home/a/", interchange.FormatW3C, "/srv/out/factmark-export.jsonld"},
		{"", interchange.FormatBrat, "/srv/out/factmark-export"},
		{"~/x.json", interchange.FormatNative, "/srv/out/x.json"},
	} {
		if got := withFolder(tt.path, "/srv/out", tt.f); got != tt.want {
			t.Errorf("withFolder(%q) = %q; want %q", tt.path, got, tt.want)
		}
	}
}

// TestExportApprovedOnly: the dialog limits a public export to the claims
// approved for publication, and offers no such limit for the formats that
// keep the whole project.
func TestExportApprovedOnly(t *testing.T) {
	td, _ := exportDesk(t)
	e := td.openExport()
	e.exportFormat(interchange.FormatNative)
	if !e.approved.Disabled() {
		t.Error("native JSON offers to leave out unapproved claims")
	}
	e.exportFormat(interchange.FormatCSV)
	if e.approved.Disabled() {
		t.Fatal("CSV does not offer approved claims only")
	}
	e.approved.SetChecked(true)
	p := filepath.Join(t.TempDir(), "approved.csv")
	td.tapExport(e, p)
	td.waitStatus("to " + p)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), ",claim,") {
		t.Errorf("the approved-only CSV holds a claim none approved:\n%s", b)
	}
	all := filepath.Join(t.TempDir(), "all.csv")
	e = td.openExport()
	e.exportFormat(interchange.FormatCSV)
	td.tapExport(e, all)
	td.waitStatus("to " + all)
	if b, _ := os.ReadFile(all); !strings.Contains(string(b), ",claim,") {
		t.Errorf("the full CSV holds no claim:\n%s", b)
	}
	e = td.openExport()
	if e.approved.Checked {
		t.Error("the approved-only choice outlives its export")
	}
	e.exportFormat(interchange.FormatBrat)
	if !e.approved.Disabled() || e.approved.Checked {
		t.Error("brat offers approved claims only")
	}
}
