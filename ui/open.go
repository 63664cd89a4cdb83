package ui

import (
	"fmt"
	"log"
	"runtime/debug"

	"fyne.io/fyne/v2/dialog"

	"github.com/factmark/factmark/annotate"
)

// Open shows the article with the ID and its annotations. Whatever the
// stored data, a failure to show it (an error or a panic) leaves the desk
// with no article open, usable for the others, and returns an error that
// names the article.
func (d *Desk) Open(id string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &annotate.Error{Code: annotate.EINTERNAL,
				Message: "the desk failed while showing it; the detail is in the log",
				Err:     fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
		}
		if err != nil {
			d.closeArticle()
			err = fmt.Errorf("cannot show the article %s: %w", d.articleName(id), err)
		}
	}()
	return d.open(id)
}

// show opens the article with the ID, or tells the user, in the status line
// and a dialog, which article could not be shown and why.
func (d *Desk) show(id string) bool {
	err := d.Open(id)
	if err != nil {
		d.reportOpen(err)
	}
	return err == nil
}

// reportOpen shows a failure to open an article in the status line and in a
// dialog.
func (d *Desk) reportOpen(err error) {
	d.showError(err)
	dialog.ShowError(fmt.Errorf("%s", annotate.ErrorMessage(err)), d.win)
}

// articleName is “Title” (ID id) from the library, or the ID alone.
func (d *Desk) articleName(id string) string {
	if title := d.lib.name(id); title != "" {
		return fmt.Sprintf("“%s” (ID %s)", title, id)
	}
	return "with ID " + id
}

// closeArticle empties the article view and the panels after a failure to
// show an article, so that nothing half-shown stays on screen or is edited.
// A panic here is logged: the desk must stay up.
func (d *Desk) closeArticle() {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("factmark: emptying the desk after a failed open: %v\n%s", r, debug.Stack())
		}
	}()
	d.article, d.text, d.ann, d.selected = nil, nil, &annotate.Annotations{}, ""
	d.hist.seal()
	d.sugg.clear()
	d.win.SetTitle("Factmark")
	d.view.SetText("")
	d.view.SetHighlights(nil)
	for _, p := range []*panel{d.attrs, d.claims, d.notes} {
		p.reload(true)
	}
	d.lib.apply()
}
