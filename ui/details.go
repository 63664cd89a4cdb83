package ui

import (
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// detailsForm is the article details dialog's fields.
type detailsForm struct {
	title, url, outlet, authors, published, language *widget.Entry
}

// showArticleDetails opens the open article's details (title, URL, outlet,
// authors, date, language) for editing; Save checks them as an import does
// and makes one undoable change, and the window title and the library
// follow.
func (d *Desk) showArticleDetails() {
	if d.article == nil {
		d.setStatus("open an article first")
		return
	}
	f := newDetailsForm(d.article.Meta())
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("URL", f.url),
		widget.NewFormItem("Outlet", f.outlet),
		widget.NewFormItem("Authors", f.authors),
		widget.NewFormItem("Published", f.published),
		widget.NewFormItem("Language", f.language),
	}
	items[3].HintText = "separated by commas"
	id := d.article.ID
	dlg := dialog.NewForm("Article details", "Save", "Cancel", items, func(ok bool) {
		if ok {
			d.saveArticleMeta(id, f.meta())
		}
	}, d.win)
	dlg.Resize(fyne.NewSize(min(640, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(f.title)
}

func newDetailsForm(m annotate.ArticleMeta) *detailsForm {
	f := &detailsForm{
		title:     lineEntry(m.Title, "The article's headline", "title"),
		url:       lineEntry(m.URL, "https://…", "url"),
		outlet:    lineEntry(m.Outlet, "Where it was published", "outlet"),
		authors:   lineEntry(strings.Join(m.Authors, ", "), "Ana Núñez, Bo Li", "authors"),
		published: lineEntry(m.Published, "YYYY-MM-DD", "published"),
		language:  lineEntry(m.Language, "en", "language"),
	}
	// Each field is checked alone, as the whole is on Save.
	check := func(set func(m *annotate.ArticleMeta, v string)) func(string) error {
		return func(v string) error {
			m := annotate.ArticleMeta{Title: "title"}
			set(&m, v)
			return m.ValidateEdit()
		}
	}
	f.title.Validator = check(func(m *annotate.ArticleMeta, v string) { m.Title = v })
	f.url.Validator = check(func(m *annotate.ArticleMeta, v string) { m.URL = v })
	f.published.Validator = check(func(m *annotate.ArticleMeta, v string) { m.Published = v })
	return f
}

// meta is what the form holds.
func (f *detailsForm) meta() annotate.ArticleMeta {
	return annotate.ArticleMeta{Title: f.title.Text, URL: f.url.Text, Outlet: f.outlet.Text, Authors: splitComma(f.authors.Text),
		Published: f.published.Text, Language: f.language.Text}.Trimmed()
}

// saveArticleMeta commits the article's new details as one undoable change.
func (d *Desk) saveArticleMeta(id string, next annotate.ArticleMeta) bool {
	if d.article == nil || d.article.ID != id {
		return false
	}
	old, next := d.article.Meta(), next.Trimmed()
	if reflect.DeepEqual(old.Trimmed(), next) {
		d.setStatus("the article's details are unchanged")
		return false
	}
	label := "edit the details of " + quote(old.Title)
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.UpdateArticleMeta(id, next)}}
	seq := d.commit(redo)
	if seq == 0 {
		return false
	}
	undo := deskstate.Change{Label: "undo " + label, Ops: []deskstate.Op{deskstate.UpdateArticleMeta(id, old)}}
	d.hist.push(edit{label: label, undo: undo, redo: redo, seq: seq,
		afterUndo: func() { d.showArticleMeta(id, old) }, afterRedo: func() { d.showArticleMeta(id, next) }})
	d.showArticleMeta(id, next)
	d.setStatus("article details saved")
	return true
}

// showArticleMeta shows an article's details where they appear: the window
// title, when it is open, and its row in the library (patched, as the
// change may not be written yet).
func (d *Desk) showArticleMeta(id string, m annotate.ArticleMeta) {
	if d.article != nil && d.article.ID == id {
		d.win.SetTitle("Factmark — " + d.article.Title)
	}
	d.lib.patchMeta(id, m)
}

// withPendingMeta gives an article read from the store the details of
// changes not written yet, so that reopening it never shows older ones.
func (d *Desk) withPendingMeta(a *annotate.Article) {
	for _, c := range d.save.q.Pending() {
		for _, op := range c.Ops {
			if id, m, ok := op.ArticleMeta(); ok && id == a.ID {
				a.SetMeta(m)
			}
		}
	}
}
