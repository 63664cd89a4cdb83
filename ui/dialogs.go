package ui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/atomicfile"
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
	open.SetFilter(regularFiles{storage.NewExtensionFileFilter(annotate.ImportExtensions)})
	open.Show()
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
// readLocal.
func (d *Desk) importLocal(path string) {
	data, err := readLocal(path, annotate.MaxDocumentBytes)
	if err != nil {
		d.showError(err) // it names the file
		return
	}
	d.importData(path, data)
}

// importReader imports what r holds (a file that is not local).
func (d *Desk) importReader(uri fyne.URI, r io.Reader) {
	data, err := io.ReadAll(io.LimitReader(r, annotate.MaxDocumentBytes+1))
	if err != nil {
		d.showError(fmt.Errorf("%s: %w", uri.Name(), err))
		return
	}
	d.importData(uri.Name(), data)
}

// importData imports a file's content in the background with progress
// shown, then opens the first article it names.
func (d *Desk) importData(path string, data []byte) {
	d.background("Importing "+filepath.Base(path), func() (func(), error) {
		id, msg, err := d.ImportFile(path, data, readURI)
		return func() {
			d.lib.reload()
			if id != "" && !d.show(id) {
				return
			}
			d.setStatus(msg)
		}, err
	})
}

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

// ImportFile imports a file's content in the format it shows (see
// annotate.DetectFormat): an article's text, or annotations, stored in one
// transaction. readFile reads files beside it (a brat file's text); nil when
// there are none to read. It returns the article to open and what was done.
func (d *Desk) ImportFile(name string, data []byte, readFile func(string) ([]byte, error)) (articleID, message string, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("%s: %w", filepath.Base(name), err)
		}
	}()
	if d.svc.ReadOnly {
		return "", "", d.errReadOnly()
	}
	f := annotate.DetectFormat(name, data)
	if f == annotate.FormatText {
		return d.importText(data)
	}
	settings, err := d.svc.Settings.Settings(d.ctx)
	if err != nil {
		return "", "", err
	}
	im, err := annotate.ParseImport(f, annotate.ImportInput{
		Name: name, Data: data, ReadFile: readFile, Scale: settings.Scale, Now: time.Now(), FileTime: modTime(readFile, name),
		Lookup: func(source string) (*annotate.Article, error) {
			return d.svc.Articles.FindArticleBySource(d.ctx, source)
		},
		Stored: func(id string) (*annotate.Annotations, error) {
			return d.svc.Annotations.FindAnnotations(d.ctx, id)
		},
	})
	if err != nil {
		return "", "", err
	}
	if im.Count() == 0 && len(im.Orphans) > 0 {
		return "", "", annotate.Errorf(annotate.EINVALID, "none of its %d annotations could be placed in an article of the project: %s",
			len(im.Orphans), im.Orphans[0])
	}
	res, err := d.svc.Documents.Import(d.ctx, im.Doc)
	if err != nil {
		return "", "", err
	}
	if len(res.ArticleIDs) > 0 {
		articleID = res.ArticleIDs[0]
	}
	message = fmt.Sprintf("imported %s (%s): %d articles, %d annotations saved, %d unchanged",
		filepath.Base(name), f.Label(), len(res.ArticleIDs), res.Saved, res.Unchanged)
	if n := len(im.Orphans); n > 0 {
		message += fmt.Sprintf("; %d left out that could not be placed in the text (first: %s)", n, im.Orphans[0])
	}
	return articleID, message, nil
}

// importText imports an article's text.
func (d *Desk) importText(data []byte) (articleID, message string, err error) {
	a, err := annotate.NewArticle(data, annotate.ArticleMeta{}, time.Now())
	if err != nil {
		return "", "", err
	}
	existed, err := d.svc.Articles.CreateArticle(d.ctx, a)
	if err != nil {
		return "", "", err
	}
	if existed {
		return a.ID, "already imported: " + a.Title, nil
	}
	return a.ID, "imported " + a.Title, nil
}

// showExport asks what to export, in which format and where.
func (d *Desk) showExport() {
	scope := widget.NewRadioGroup([]string{"This article", "All articles"}, nil)
	scope.SetSelected("This article")
	if d.article == nil {
		scope.SetSelected("All articles")
	}
	labels := make([]string, len(annotate.ExportFormats))
	for i, f := range annotate.ExportFormats {
		labels[i] = f.Label()
	}
	format := widget.NewSelect(labels, nil)
	format.SetSelectedIndex(0)
	form := widget.NewForm(widget.NewFormItem("Articles", scope), widget.NewFormItem("Format", format))
	dialog.ShowCustomConfirm("Export annotations", "Choose where…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		var ids []string
		if scope.Selected == "This article" && d.article != nil {
			ids = []string{d.article.ID}
		}
		f := annotate.ExportFormats[max(0, format.SelectedIndex())]
		if f == annotate.FormatBrat {
			d.chooseExportFolder(ids)
		} else {
			d.chooseExportFile(f, ids)
		}
	}, d.win)
}

func (d *Desk) chooseExportFile(f annotate.Format, ids []string) {
	d.background("Exporting", func() (func(), error) {
		data, n, err := d.exportBytes(f, ids)
		if err != nil {
			return nil, err
		}
		return func() { d.saveExport(f, data, n) }, nil
	})
}

// saveExport asks where the export goes and writes it there: on a local
// file, atomically, so that a crash leaves the old file or the new whole.
// The export is made before the dialog opens, because the dialog empties
// an existing file as soon as it is chosen.
func (d *Desk) saveExport(f annotate.Format, data []byte, n int) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if w == nil {
			return
		}
		d.background("Saving", func() (func(), error) {
			if err := writeExport(w, data); err != nil {
				return nil, fmt.Errorf("%s: %w", w.URI().Name(), err)
			}
			return func() { d.setStatus(fmt.Sprintf("exported %d annotations to %s", n, w.URI().Name())) }, nil
		})
	}, d.win)
	save.SetFileName("factmark-export" + f.Ext())
	save.Show()
}

// writeExport writes data through w, or, when w is a local file, beside it
// and renamed over it.
func writeExport(w fyne.URIWriteCloser, data []byte) error {
	if w.URI().Scheme() == "file" {
		if err := w.Close(); err != nil {
			return err
		}
		return atomicfile.Write(w.URI().Path(), data)
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// chooseExportFolder asks for the folder a brat export goes into.
func (d *Desk) chooseExportFolder(ids []string) {
	dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if dir == nil {
			return
		}
		d.background("Exporting", func() (func(), error) {
			n, err := d.ExportBrat(dir, ids...)
			return func() { d.setStatus(fmt.Sprintf("exported %d annotations as brat to %s", n, dir.Name())) }, err
		})
	}, d.win).Show()
}

// ExportTo writes the native document of the articles (all when none) to w
// and returns the number of annotations written.
func (d *Desk) ExportTo(w io.Writer, ids ...string) (int, error) {
	return d.ExportFormat(w, annotate.FormatNative, ids...)
}

// ExportFormat writes the articles' annotations (all articles' when none)
// to w in format f, one file (brat: the .ann of the first article), and
// returns the number of annotations in the export.
func (d *Desk) ExportFormat(w io.Writer, f annotate.Format, ids ...string) (int, error) {
	data, n, err := d.exportBytes(f, ids)
	if err != nil {
		return 0, err
	}
	_, err = w.Write(data)
	return n, err
}

// exportBytes is the export of the articles (all when ids is empty) in
// format f, and the number of annotations in it.
func (d *Desk) exportBytes(f annotate.Format, ids []string) ([]byte, int, error) {
	doc, err := d.svc.Documents.Export(d.ctx, ids...)
	if err != nil {
		return nil, 0, err
	}
	s, err := d.svc.Settings.Settings(d.ctx)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	if err := annotate.WriteFormat(&buf, f, doc, s.Organization); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), doc.Count(), nil
}

// ExportBrat writes <name>.txt and <name>.ann for each article (all when no
// IDs are given) into dir, and returns the number of annotations exported.
func (d *Desk) ExportBrat(dir fyne.URI, ids ...string) (int, error) {
	doc, err := d.svc.Documents.Export(d.ctx, ids...)
	if err != nil {
		return 0, err
	}
	for i := range doc.Articles {
		a := &doc.Articles[i]
		var ann bytes.Buffer
		if err := annotate.WriteBrat(&ann, a, doc.Speakers); err != nil {
			return 0, err
		}
		name := annotate.BratName(&a.Article)
		if err := writeURI(dir, name+".txt", []byte(a.Text)); err != nil {
			return 0, err
		}
		if err := writeURI(dir, name+".ann", ann.Bytes()); err != nil {
			return 0, err
		}
	}
	return doc.Count(), nil
}

// writeURI writes data to the file name in dir: atomically when dir is a
// local folder.
func writeURI(dir fyne.URI, name string, data []byte) error {
	if dir.Scheme() == "file" {
		if err := atomicfile.Write(filepath.Join(dir.Path(), name), data); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	u, err := storage.Child(dir, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	w, err := storage.Writer(u)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return w.Close()
}

// background runs work off the UI goroutine behind a progress dialog, then
// runs the function it returns, or shows its error, on the UI goroutine.
func (d *Desk) background(title string, work func() (func(), error)) {
	progress := dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), d.win)
	progress.Show()
	go func() {
		done, err := work()
		fyne.Do(func() {
			progress.Hide()
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
