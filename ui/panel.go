package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// item is one row of a panel's list.
type item struct {
	id    string
	label string
}

// rowFunc makes the row of the annotation at i of a panel's kind.
type rowFunc func(d *Desk, i int) item

// allItems is every row of a kind of which there are n.
func allItems(d *Desk, n int, row rowFunc) []item {
	items := make([]item, n)
	for i := range items {
		items[i] = row(d, i)
	}
	return items
}

// panel is one tab on the right: the annotations of one kind in text order,
// and under them the editor of the selected one. The list makes the rows it
// shows from the desk's annotations as it draws them, so that a change
// redraws the visible rows, not thousands of labels.
type panel struct {
	desk    *Desk
	count   func(d *Desk) int
	row     rowFunc
	find    func(d *Desk, id string) int // the position of the annotation, or -1
	editor  func(id string) fyne.CanvasObject
	list    *keyList // passes the desk's command keys on (keys.go)
	edit    *fyne.Container
	content fyne.CanvasObject
	shown   string // the ID whose editor is shown
	quiet   bool   // set while the desk selects a row, so OnSelected does not echo
	hinted  bool   // the editor area shows the hint of an empty selection
	labels  *rowLabels
}

// The panels' kinds: how many there are, and where one is.
var (
	attributionCount = func(d *Desk) int { return len(d.ann.Attributions) }
	claimCount       = func(d *Desk) int { return len(d.ann.Claims) }
	noteCount        = func(d *Desk) int { return len(d.ann.Notes) }
	attributionAt    = func(d *Desk, id string) int { return d.idx.Attribution(d.ann, id) }
	claimAt          = func(d *Desk, id string) int { return d.idx.Claim(d.ann, id) }
	noteAt           = func(d *Desk, id string) int { return d.idx.Note(d.ann, id) }
)

func newPanel(d *Desk, count func(*Desk) int, row rowFunc, find func(*Desk, string) int, editor func(id string) fyne.CanvasObject) *panel {
	p := &panel{desk: d, count: count, row: row, find: find, editor: editor, edit: container.NewStack(), labels: newRowLabels()}
	p.list = newKeyList(d,
		func() int { return p.count(d) },
		newRowSlot,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < p.count(d) {
				it := p.row(d, i)
				p.labels.bind(o.(*fyne.Container), it.id, it.label, d.lookStamp())
			}
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.quiet && i < p.count(d) {
			d.selectAnnotation(p.row(d, i).id, true)
		}
	}
	split := container.NewVSplit(p.list, container.NewVScroll(p.edit))
	split.Offset = 0.4
	p.content = split
	return p
}

// holds reports whether one of the IDs is an annotation of this panel's.
func (p *panel) holds(ids []string) bool {
	for _, id := range ids {
		if p.index(id) >= 0 {
			return true
		}
	}
	return false
}

// reload redraws the visible rows, and the editor when rebuild is set or
// the selected annotation is no longer this panel's.
func (p *panel) reload(rebuild bool) {
	p.list.Refresh()
	p.syncEditor(rebuild)
}

// refreshRows redraws the rows of the annotations with the IDs that are
// this panel's, in place (none was added, removed or moved), and the editor
// as reload does.
func (p *panel) refreshRows(ids []string, rebuild bool) {
	for _, id := range ids {
		if i := p.index(id); i >= 0 {
			p.list.RefreshItem(i)
		}
	}
	p.syncEditor(rebuild)
}

// syncEditor shows the selected annotation's editor, rebuilt when rebuild
// is set, or nothing when the selected annotation is not this panel's.
func (p *panel) syncEditor(rebuild bool) {
	if p.index(p.desk.selected) < 0 {
		if p.shown == "" && p.hinted {
			return // cleared already
		}
		p.quiet = true
		p.list.UnselectAll()
		p.quiet = false
		p.showHint()
		return
	}
	if rebuild || p.shown != p.desk.selected {
		p.showEditor()
	}
}

func (p *panel) index(id string) int {
	if id == "" {
		return -1
	}
	return p.find(p.desk, id)
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

// showHint shows, with nothing of the panel's selected, what the editor
// says of no annotation: how to add one.
func (p *panel) showHint() {
	p.shown, p.hinted = "", true
	p.edit.Objects = []fyne.CanvasObject{p.editor("")}
	p.edit.Refresh()
}

// showEditor shows the editor of the desk's selected annotation.
func (p *panel) showEditor() {
	p.shown, p.hinted = p.desk.selected, p.desk.selected == ""
	editor := p.editor(p.shown)
	p.desk.disableFields(editor)
	// The scroll bar is drawn over the content's right edge: the editor
	// keeps clear of it, so that no button at its edge (a span's Set) sits
	// under the bar at the window's smallest size.
	p.edit.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, canvasSpacer(theme.ScrollBarSize()), editor)}
	p.edit.Refresh()
}

// Rows returns the labels of the panel's list, for tests.
func (p *panel) Rows() []string {
	labels := make([]string, p.count(p.desk))
	for i := range labels {
		labels[i] = p.row(p.desk, i).label
	}
	return labels
}

// hint is a wrapped line of help where an editor has nothing to edit.
func hint(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
