package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// clipboardName is the file name a new article from the clipboard is
// imported under: its text is read as a .txt file's would be.
const clipboardName = "clipboard.txt"

// emptyClipboard is what the status line says when there is nothing to make
// an article of.
const emptyClipboard = "the clipboard holds no text: copy the article's text, then try again"

// newFromClipboard makes an article of the clipboard's text: it asks for a
// title (the text's first line to begin with) and imports the text as a
// file's would be, then opens it.
func (d *Desk) newFromClipboard() {
	if !d.editable() {
		return
	}
	text := d.app.Clipboard().Content()
	if strings.TrimSpace(text) == "" {
		d.setStatus(emptyClipboard)
		return
	}
	d.askTitle(annotate.TitleFromText(head(text, titleHead)), func(title string) {
		d.importClipboard(title, []byte(text))
	})
}

// titleHead is how much of the clipboard's text its first line is looked
// for in: splitting a 100 MB text into lines to find the first would be
// waste.
const titleHead = 4096

// head is s cut to at most n bytes, at a character boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// askTitle asks for the new article's title, prefilled with title: Enter
// or Create accepts, Escape or Cancel gives up.
func (d *Desk) askTitle(title string, create func(title string)) {
	entry := newFindEntry() // an entry that reports Escape
	entry.SetText(title)
	entry.SetPlaceHolder("The article's title")
	var dlg *dialog.FormDialog
	items := []*widget.FormItem{widget.NewFormItem("Title", entry)}
	dlg = dialog.NewForm("New article from the clipboard", "Create", "Cancel", items, func(ok bool) {
		if !ok {
			d.setStatus("no article made from the clipboard")
			return
		}
		create(strings.TrimSpace(entry.Text))
	}, d.win)
	entry.OnSubmitted = func(string) { dlg.Submit() }
	entry.onEscape = dlg.Dismiss
	dlg.Resize(fyne.NewSize(min(560, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(entry)
	entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// importClipboard imports the clipboard's text as an article titled title
// (blank: its first line) in the background, then opens it. Text that
// would look like a file of annotations (say a transcript opening with
// "[Applause]") becomes an article all the same: that is what was asked.
func (d *Desk) importClipboard(title string, data []byte) {
	imp := interchange.Import
	if slices.Contains(interchange.ExportFormats, interchange.DetectFormat(clipboardName, data)) {
		imp = interchange.ImportArticle
	}
	opts := interchange.ImportOptions{Meta: annotate.ArticleMeta{Title: title}}
	d.background("Making an article of the clipboard", func() (func(), error) {
		r, err := d.importWith(imp, clipboardName, data, opts)
		return func() { d.showImported(r) }, err
	})
}
