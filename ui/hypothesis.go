package ui

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"

	"github.com/factmark/factmark/interchange"
)

// Hypothesis annotations name the page they were made on; when no article
// of the project has that URL, the user chooses: the desk offers the open
// article, as `factmark import --article ID` does.

// offerOpenArticle is what an import that placed nothing does next: for a
// Hypothesis file with an article open, it asks whether the annotations go
// on that article; any other error is shown as it is.
func (d *Desk) offerOpenArticle(path string, data []byte, err error) bool {
	var none *interchange.NonePlacedError
	if d.article == nil || !errors.As(err, &none) || interchange.DetectFormat(path, data) != interchange.FormatHypothesis {
		return false
	}
	id, title := d.article.ID, d.article.Title
	msg := fmt.Sprintf("None of the pages these Hypothesis annotations were made on is an article of the project.\n\nPut them on the open article, “%s”?", title)
	dialog.ShowConfirm("Hypothesis annotations", msg, func(ok bool) {
		if !ok {
			d.setStatus("nothing imported from " + filepath.Base(path))
			return
		}
		d.background("Importing "+filepath.Base(path), func() (func(), error) {
			r, err := d.importWith(interchange.Import, path, data, interchange.ImportOptions{ReadFile: readURI, ArticleID: id})
			return func() { d.showImported(r) }, err
		})
	}, d.win)
	return true
}
