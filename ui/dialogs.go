package ui

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// showImport asks for a file to import: an article (.txt, .md) or a native
// export (.json).
func (d *Desk) showImport() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		d.importReader(r.URI().Name(), r)
	}, d.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".md", ".json"}))
	open.Show()
}

// importReader imports what r holds, in the background with progress shown.
func (d *Desk) importReader(name string, r io.Reader) {
	data, err := io.ReadAll(io.LimitReader(r, annotate.MaxDocumentBytes+1))
	if err != nil {
		d.showError(fmt.Errorf("%s: %w", name, err))
		return
	}
	d.background("Importing "+name, func() (func(), error) {
		id, msg, err := d.ImportData(name, data)
		return func() {
			d.lib.reload()
			if id != "" {
				if err := d.Open(id); err != nil {
					d.showError(err)
				}
			}
			d.setStatus(msg)
		}, err
	})
}

// ImportData imports a file's content: a native export when it is JSON, else
// an article's text. It returns the article to open and what was done.
func (d *Desk) ImportData(name string, data []byte) (articleID, message string, err error) {
	if strings.EqualFold(filepath.Ext(name), ".json") || bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		doc, err := annotate.ParseDocument(data)
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", name, err)
		}
		res, err := d.svc.Documents.Import(d.ctx, doc)
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", name, err)
		}
		if len(res.ArticleIDs) > 0 {
			articleID = res.ArticleIDs[0]
		}
		return articleID, fmt.Sprintf("imported %s: %d articles, %d annotations saved, %d unchanged",
			name, len(res.ArticleIDs), res.Saved, res.Unchanged), nil
	}
	a, err := annotate.NewArticle(data, annotate.ArticleMeta{}, time.Now())
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", name, err)
	}
	existed, err := d.svc.Articles.CreateArticle(d.ctx, a)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", name, err)
	}
	if existed {
		return a.ID, "already imported: " + a.Title, nil
	}
	return a.ID, "imported " + a.Title, nil
}

// showExport asks what to export and where, and writes native JSON.
func (d *Desk) showExport() {
	scope := widget.NewRadioGroup([]string{"This article", "All articles"}, nil)
	scope.SetSelected("This article")
	if d.article == nil {
		scope.SetSelected("All articles")
	}
	dialog.ShowCustomConfirm("Export annotated JSON", "Choose file…", "Cancel", scope, func(ok bool) {
		if !ok {
			return
		}
		var ids []string
		if scope.Selected == "This article" && d.article != nil {
			ids = []string{d.article.ID}
		}
		d.chooseExportFile(ids)
	}, d.win)
}

func (d *Desk) chooseExportFile(ids []string) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if w == nil {
			return
		}
		d.background("Exporting", func() (func(), error) {
			defer w.Close()
			n, err := d.ExportTo(w, ids...)
			return func() { d.setStatus(fmt.Sprintf("exported %d annotations to %s", n, w.URI().Name())) }, err
		})
	}, d.win)
	save.SetFileName("factmark-export.json")
	save.Show()
}

// ExportTo writes the native document of the articles (all when none) to w
// and returns the number of annotations written.
func (d *Desk) ExportTo(w io.Writer, ids ...string) (int, error) {
	doc, err := d.svc.Documents.Export(d.ctx, ids...)
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if err := annotate.WriteDocument(&buf, doc); err != nil {
		return 0, err
	}
	_, err = w.Write(buf.Bytes())
	return doc.Count(), err
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
