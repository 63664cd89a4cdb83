package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// item is one row of a panel's list.
type item struct {
	id    string
	label string
}

// panel is one tab on the right: the annotations of one kind in text order,
// and under them the editor of the selected one.
type panel struct {
	desk    *Desk
	items   func(d *Desk) []item
	editor  func(id string) fyne.CanvasObject
	rows    []item
	list    *keyList // passes the desk's command keys on (keys.go)
	edit    *fyne.Container
	content fyne.CanvasObject
	shown   string // the ID whose editor is shown
	quiet   bool   // set while the desk selects a row, so OnSelected does not echo
}

func newPanel(d *Desk, items func(*Desk) []item, editor func(id string) fyne.CanvasObject) *panel {
	p := &panel{desk: d, items: items, editor: editor, edit: container.NewStack()}
	p.list = newKeyList(d,
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.rows[i].label) },
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.quiet && i < len(p.rows) {
			d.selectAnnotation(p.rows[i].id, true)
		}
	}
	split := container.NewVSplit(p.list, container.NewVScroll(p.edit))
	split.Offset = 0.4
	p.content = split
	return p
}

// reload rebuilds the rows from the desk's annotations, and the editor when
// rebuild is set or the selected annotation is no longer this panel's.
func (p *panel) reload(rebuild bool) {
	p.rows = p.items(p.desk)
	p.list.Refresh()
	i := p.index(p.desk.selected)
	if i < 0 {
		p.quiet = true
		p.list.UnselectAll()
		p.quiet = false
		p.shown = ""
		p.edit.Objects = nil
		p.edit.Refresh()
		return
	}
	if rebuild || p.shown != p.desk.selected {
		p.showEditor()
	}
}

func (p *panel) index(id string) int {
	for i, r := range p.rows {
		if r.id == id && id != "" {
			return i
		}
	}
	return -1
}

// selectID selects the row of the annotation and shows its editor.
func (p *panel) selectID(id string) {
	if i := p.index(id); i >= 0 {
		p.quiet = true
		p.list.Select(i)
		p.list.ScrollTo(i)
		p.quiet = false
	}
	p.showEditor()
}

// showEditor shows the editor of the desk's selected annotation.
func (p *panel) showEditor() {
	p.shown = p.desk.selected
	editor := p.editor(p.shown)
	p.desk.disableFields(editor)
	p.edit.Objects = []fyne.CanvasObject{editor}
	p.edit.Refresh()
}

// Rows returns the labels of the panel's list, for tests.
func (p *panel) Rows() []string {
	labels := make([]string, len(p.rows))
	for i, r := range p.rows {
		labels[i] = r.label
	}
	return labels
}

// hint is a wrapped line of help where an editor has nothing to edit.
func hint(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
