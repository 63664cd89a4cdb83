package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/input"
)

// showImport asks for a file to import: an article (.txt, .md) or
// annotations in any format Factmark reads (.json, .jsonld, .ann, .csv),
// recognised by content. The dialog lists regular files only: opening a
// pipe or a device to read it would hang the desk.
func (d *Desk) showImport() {
	if !d.editable() {
		return
	}
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		if r.URI().Scheme() == "file" {
			d.importLocal(r.URI().Path())
			return
		}
		d.importReader(r.URI(), r)
	}, d.win)
	open.SetFilter(regularFiles{storage.NewExtensionFileFilter(interchange.ImportExtensions)})
	open.Show()
}

// chooseLocalFile asks in win for a local regular file with one of exts
// and passes its path to chosen; errors go to failed, and a cancel does
// nothing. The caller shows the dialog (after moving it where it should
// start, if it likes).
func chooseLocalFile(win fyne.Window, exts []string, failed func(error), chosen func(path string)) *dialog.FileDialog {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			failed(err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		chosen(r.URI().Path())
	}, win)
	open.SetFilter(regularFiles{storage.NewExtensionFileFilter(exts)})
	return open
}

// regularFiles lets a file dialog list only local regular files (and what
// is not local) among those its filter matches.
type regularFiles struct{ storage.FileFilter }

// Matches reports whether the dialog may list u.
func (f regularFiles) Matches(u fyne.URI) bool {
	if u.Scheme() == "file" {
		info, err := os.Stat(u.Path())
		if err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return f.FileFilter.Matches(u)
}

// importLocal imports the local file at path, read with the checks of
// readLocal; a native document is read a piece at a time.
func (d *Desk) importLocal(path string) {
	if isNativeFile(path) {
		d.background("Importing "+filepath.Base(path), func() (func(), error) {
			r, err := d.importNativeFile(path)
			if err != nil {
				return nil, err
			}
			return func() { d.showImported(r) }, nil
		})
		return
	}
	data, err := readLocal(path, interchange.MaxDocumentBytes)
	if err != nil {
		d.showError(err) // it names the file
		return
	}
	d.importData(path, data)
}

// importReader imports what r holds (a file that is not local).
func (d *Desk) importReader(uri fyne.URI, r io.Reader) {
	data, err := io.ReadAll(io.LimitReader(r, interchange.MaxDocumentBytes+1))
	if err != nil {
		d.showError(fmt.Errorf("%s: %w", uri.Name(), err))
		return
	}
	d.importData(uri.Name(), data)
}

// importNew imports a file's content in the background with progress
// shown, then opens the first article it names. The status line says what
// was imported; when annotations were left out, a dialog lists them, as the
// command line does (interchange.Report.Lines). importData (revimport.go)
// asks first whether a new version of an article is its next revision.
func (d *Desk) importNew(path string, data []byte) {
	d.background("Importing "+filepath.Base(path), func() (func(), error) {
		r, err := d.importReport(path, data, readURI)
		if err != nil {
			return nil, err
		}
		return func() { d.showImported(r) }, nil
	}, func(err error) bool { return d.offerOpenArticle(path, data, err) })
}

// showImported opens the first article an import names and says what was
// imported; when annotations were left out, a dialog lists them, as the
// command line does (interchange.Report.Lines). Turns found in a plain
// text are offered for confirmation (turns.go).
func (d *Desk) showImported(r *interchange.Report) {
	d.lib.reload()
	if id := r.ArticleID(); id != "" && !d.show(id) {
		return
	}
	d.setStatus(importStatus(r))
	if r.LeftOut() {
		dialog.ShowInformation("Imported, with some left out", strings.Join(r.Lines(maxOrphansShown), "\n"), d.win)
	}
	d.offerPlainText(r)
}

// maxOrphansShown is how many of the annotations an import left out the
// desk lists; the command line lists them all.
const maxOrphansShown = 20

// readURI reads a file by path, as a brat file's text beside it is read.
func readURI(path string) ([]byte, error) { return readLocal(path, annotate.MaxTextBytes) }

// readLocal reads the local file at path through package input: a pipe, a
// device or a folder is refused without being read (reading one could hang
// the desk or fill its memory), and so is a file over limit.
func readLocal(path string, limit int64) ([]byte, error) { return input.ReadFile(path, limit) }

// modTime is when the file at path was last changed, when files can be
// read here (readFile is not nil); brat annotations are stamped with it.
func modTime(readFile func(string) ([]byte, error), path string) time.Time {
	if readFile == nil {
		return time.Time{}
	}
	info, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	return info.ModTime()
}

// ImportData imports a file's content that needs no other file: an
// article's text, or annotations. It returns the article to open and what
// was done.
func (d *Desk) ImportData(name string, data []byte) (articleID, message string, err error) {
	return d.ImportFile(name, data, nil)
}

// ImportFile imports a file's content in the format it shows through
// interchange.Import. readFile reads files beside it (a brat file's text);
// nil when there are none to read. It returns the article to open and the
// status line's account of what was done.
func (d *Desk) ImportFile(name string, data []byte, readFile func(string) ([]byte, error)) (articleID, message string, err error) {
	r, err := d.importReport(name, data, readFile)
	if err != nil {
		return "", "", err
	}
	return r.ArticleID(), importStatus(r), nil
}

// importReport imports a file's content and reports what it did; its
// errors name the file.
func (d *Desk) importReport(name string, data []byte, readFile func(string) ([]byte, error)) (*interchange.Report, error) {
	return d.importWith(interchange.Import, name, data, interchange.ImportOptions{ReadFile: readFile, FileTime: modTime(readFile, name)})
}

// isNativeFile reports whether the local file at path begins as a native
// document does (interchange.DetectFormat on its first 64 KB).
func isNativeFile(path string) bool {
	head, err := input.ReadHead(path, 64<<10)
	return err == nil && interchange.DetectFormat(path, head) == interchange.FormatNative
}

// importNativeFile imports the native document at path as the command
// line does, article by article (interchange.ImportNative): a project's
// export may be larger than memory would hold whole. Its errors name the
// file.
func (d *Desk) importNativeFile(path string) (*interchange.Report, error) {
	if d.svc.ReadOnly {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), d.errReadOnly())
	}
	open := func() (io.ReadCloser, error) { return input.Open(path) }
	r, err := interchange.ImportNative(d.ctx, d.store(), path, open, interchange.ImportOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return r, nil
}

// importer is interchange.Import, or interchange.ImportArticle for content
// that must become an article whatever it looks like.
type importer func(context.Context, interchange.Store, string, []byte, interchange.ImportOptions) (*interchange.Report, error)

// importWith imports a file's content through imp with opts; its errors
// name the file.
func (d *Desk) importWith(imp importer, name string, data []byte, opts interchange.ImportOptions) (*interchange.Report, error) {
	if d.svc.ReadOnly {
		return nil, fmt.Errorf("%s: %w", filepath.Base(name), d.errReadOnly())
	}
	r, err := imp(d.ctx, d.store(), name, data, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(name), err)
	}
	return r, nil
}

// importStatus is an import's report on one line, for the status line:
// what was imported, then how many annotations were left out and why.
func importStatus(r *interchange.Report) string {
	var parts []string
	for _, l := range r.Lines(1) {
		if !strings.HasPrefix(l, "  ") {
			parts = append(parts, strings.TrimSuffix(l, ":"))
		}
	}
	return strings.Join(parts, "; ")
}

// background runs work off the UI goroutine behind a progress dialog, then
// runs the function it returns, or shows its error, on the UI goroutine
// (through the desk's deliverer: fyne.Do in the app, the tests' pump). An
// error that handled takes (it reports true) is not shown.
func (d *Desk) background(title string, work func() (func(), error), handled ...func(error) bool) {
	progress := dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), d.win)
	progress.Show()
	go func() {
		done, err := work()
		d.save.deliver.Do(func() {
			progress.Hide()
			if err != nil && len(handled) > 0 && handled[0](err) {
				return
			}
			if err != nil {
				d.showError(err)
				dialog.ShowError(fmt.Errorf("%s", annotate.ErrorMessage(err)), d.win)
				return
			}
			if done != nil {
				done()
			}
		})
	}()
}
