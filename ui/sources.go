package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// sourcesEditor edits a note's evidence as rows of fields. Rows the user has
// added but not filled in stay in the editor and are not saved; a row with a
// URL or a title is.
type sourcesEditor struct {
	desk    *Desk
	noteID  string
	rows    []annotate.Evidence
	box     *fyne.Container
	content fyne.CanvasObject
}

func newSourcesEditor(d *Desk, n *annotate.Note) *sourcesEditor {
	e := &sourcesEditor{desk: d, noteID: n.ID, rows: append([]annotate.Evidence(nil), n.Sources...), box: container.NewVBox()}
	add := widget.NewButtonWithIcon("Add source", theme.ContentAddIcon(), func() {
		e.rows = append(e.rows, annotate.Evidence{})
		e.layout()
	})
	e.content = container.NewVBox(e.box, add)
	e.layout()
	return e
}

// layout rebuilds the rows' fields.
func (e *sourcesEditor) layout() {
	e.box.Objects = nil
	for i := range e.rows {
		e.box.Add(e.row(i))
	}
	e.box.Refresh()
}

func (e *sourcesEditor) row(i int) fyne.CanvasObject {
	r := &e.rows[i]
	field := func(placeholder, value string, multi bool, set func(string)) *widget.Entry {
		f := widget.NewEntry()
		if multi {
			f = widget.NewMultiLineEntry()
			f.Wrapping = fyne.TextWrapWord
		}
		f.SetPlaceHolder(placeholder)
		f.SetText(value)
		f.OnChanged = func(s string) { set(s); e.save(i) }
		return f
	}
	remove := widget.NewButtonWithIcon("Remove source", theme.ContentRemoveIcon(), func() {
		e.rows = append(e.rows[:i:i], e.rows[i+1:]...)
		e.save(-1)
		e.layout()
	})
	return widget.NewCard("", "", container.NewVBox(
		field("URL (https://…)", r.URL, false, func(s string) { r.URL = s }),
		field("Title", r.Title, false, func(s string) { r.Title = s }),
		field("Publisher", r.Publisher, false, func(s string) { r.Publisher = s }),
		field("Accessed (YYYY-MM-DD)", r.Accessed, false, func(s string) { r.Accessed = s }),
		field("Excerpt", r.Excerpt, true, func(s string) { r.Excerpt = s }),
		remove,
	))
}

// save stores the filled-in rows; field edits of one row merge into one undo
// step.
func (e *sourcesEditor) save(row int) {
	var filled []annotate.Evidence
	for _, r := range e.rows {
		if r.URL != "" || r.Title != "" {
			filled = append(filled, r)
		}
	}
	key := ""
	if row >= 0 {
		key = "sources"
	}
	e.desk.updateNote(e.noteID, key, func(x *annotate.Note) { x.Sources = filled })
}
