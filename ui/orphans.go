package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// Orphans are annotations whose text re-anchoring found gone from the
// current revision: they keep their old quote and offsets, which point at
// no text of it. They are never drawn in the article (their offsets would
// mark other words, or none), are marked in their panels, and are listed in
// an Orphans tab, shown only while the open article has some, where the user
// re-attaches one to the selection (R, or Enter in the list) or deletes it
// (Delete), each an edit with undo.

// placedManual is the placement of an annotation the user re-attached by
// hand.
const placedManual = annotate.PlacedManual

// orphanMark begins an orphan's row in the Attributions, Claims and Notes
// lists.
const orphanMark = "[orphan] "

// orphanMeta is the meta of the annotation with the ID, or nil.
func (d *Desk) orphanMeta(id string) *annotate.Meta {
	switch d.findKind(id) {
	case kindAttribution:
		return &d.findAttribution(id).Meta
	case kindClaim:
		return &d.findClaim(id).Meta
	case kindNote:
		return &d.findNote(id).Meta
	}
	return nil
}

// isOrphan reports whether the annotation with the ID is an orphan.
func (d *Desk) isOrphan(id string) bool {
	m := d.orphanMeta(id)
	return m != nil && m.Orphan
}

// offText reports whether the annotation has no text to draw or scroll to:
// it is an orphan, or a note on an orphaned claim.
func (d *Desk) offText(id string) bool {
	if d.isOrphan(id) {
		return true
	}
	n := d.findNote(id)
	return n != nil && n.Target == nil && d.isOrphan(n.ClaimID)
}

// orphansPanel is the Orphans tab: the open article's orphans, kind by
// kind in text order, and what the selected one was and lost.
type orphansPanel struct {
	desk    *Desk
	ids     []string
	list    *orphanList
	detail  *fyne.Container
	content fyne.CanvasObject
	tab     *container.TabItem
	shown   bool // the tab is in the tab bar
}

func newOrphansPanel(d *Desk) *orphansPanel {
	p := &orphansPanel{desk: d, detail: container.NewStack()}
	p.list = &orphanList{keyList: keyList{desk: d}, panel: p}
	p.list.Length = func() int { return len(p.ids) }
	p.list.CreateItem = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	p.list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(p.ids) {
			o.(*widget.Label).SetText(d.orphanRow(p.ids[i]))
		}
	}
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.ids) {
			d.hist.seal()
			d.selected = p.ids[i] // the view's selection stays: it is what R attaches to
			p.showDetail()
		}
	}
	p.list.ExtendBaseWidget(p.list)
	split := container.NewVSplit(p.list, container.NewVScroll(p.detail))
	split.Offset = 0.4
	p.content = split
	p.tab = container.NewTabItem("Orphans", p.content)
	return p
}

// orphanList is the Orphans list: Enter re-attaches the selected orphan,
// other keys are the desk's commands as in every panel's list.
type orphanList struct {
	keyList
	panel *orphansPanel
}

// TypedKey re-attaches on Return or Enter.
func (l *orphanList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		l.desk.do(l.desk.commandNamed(reattachLabel))()
		return
	}
	l.keyList.TypedKey(ev)
}

// concerns reports whether a change to the annotations with the IDs can
// change the list: one of them is an orphan, or was one. A keystroke in an
// editor touches one annotation, and the list is not scanned for it.
func (p *orphansPanel) concerns(ids []string) bool {
	for _, id := range ids {
		if p.desk.isOrphan(id) || slices.Contains(p.ids, id) {
			return true
		}
	}
	return false
}

// reload lists the orphans again, shows or hides the tab with their count,
// and shows the selected one's detail.
func (p *orphansPanel) reload() {
	d := p.desk
	ids := p.ids[:0]
	for _, a := range d.ann.Attributions {
		if a.Orphan {
			ids = append(ids, a.ID)
		}
	}
	for _, c := range d.ann.Claims {
		if c.Orphan {
			ids = append(ids, c.ID)
		}
	}
	for _, n := range d.ann.Notes {
		if n.Orphan {
			ids = append(ids, n.ID)
		}
	}
	p.ids = ids
	p.showTab()
	p.list.Refresh()
	p.syncSelection()
	p.showDetail()
}

// showTab puts the tab, named with the count, in the bar while there are
// orphans, and takes it out when there are none.
func (p *orphansPanel) showTab() {
	tabs := p.desk.tabs
	switch label := fmt.Sprintf("Orphans (%d)", len(p.ids)); {
	case len(p.ids) == 0 && p.shown:
		tabs.Remove(p.tab)
		p.shown = false
	case len(p.ids) > 0 && !p.shown:
		p.tab.Text = label
		tabs.Append(p.tab)
		p.shown = true
	case p.shown && p.tab.Text != label:
		p.tab.Text = label
		tabs.Refresh()
	}
}

// syncSelection selects the desk's selected annotation's row, or none.
func (p *orphansPanel) syncSelection() {
	for i, id := range p.ids {
		if id == p.desk.selected {
			p.list.Select(i)
			return
		}
	}
	p.list.UnselectAll()
}

// showDetail shows the selected orphan, or how to use the tab.
func (p *orphansPanel) showDetail() {
	var o fyne.CanvasObject
	if p.desk.isOrphan(p.desk.selected) {
		o = p.desk.orphanEditor(p.desk.selected)
	} else {
		o = hint("Annotations whose text is gone from this revision are listed here. Select one, select the words it belongs to in the article and press R (or Enter here) to re-attach it, or Delete to delete it.")
	}
	p.detail.Objects = []fyne.CanvasObject{o}
	p.detail.Refresh()
}

// Rows are the list's labels, for tests.
func (p *orphansPanel) Rows() []string {
	out := make([]string, len(p.ids))
	for i, id := range p.ids {
		out[i] = p.desk.orphanRow(id)
	}
	return out
}

// selectOrphan selects the orphan in the Orphans tab.
func (d *Desk) selectOrphan(id string) {
	for i, x := range d.orphans.ids {
		if x == id {
			d.tabs.Select(d.orphans.tab)
			d.orphans.list.Select(i)
			d.orphans.list.ScrollTo(i)
			return
		}
	}
}

// orphanRow is "claim · “old quote” · lost: the claim".
func (d *Desk) orphanRow(id string) string {
	quotes, lost := d.orphanParts(id)
	return d.findKind(id).String() + " · " + quote(strings.Join(quotes, " … ")) + " · lost: " + strings.Join(lost, ", ")
}

// orphanParts are the old quotes of the orphan's parts and the names of
// those that point at no text of the current revision.
func (d *Desk) orphanParts(id string) (quotes, lost []string) {
	part := func(name string, a *annotate.Anchor) {
		if a == nil {
			return
		}
		quotes = append(quotes, a.Exact)
		if d.text == nil || d.text.Check(name, *a) != nil {
			lost = append(lost, name)
		}
	}
	switch d.findKind(id) {
	case kindAttribution:
		a := d.findAttribution(id)
		part("source", a.Source)
		part("cue", a.Cue)
		for i := range a.Content {
			part("content", &a.Content[i])
		}
	case kindClaim:
		c := d.findClaim(id)
		for i := range c.Anchors {
			part("claim", &c.Anchors[i])
		}
	case kindNote:
		part("target", d.findNote(id).Target)
	}
	if len(lost) == 0 {
		lost = []string{"its place (marked an orphan by re-anchoring)"}
	}
	return quotes, dedupe(lost)
}

// orphanEditor says what the orphan was, what it lost and how it was
// placed, with buttons to re-attach and delete it. It is every panel's
// editor of an orphan: the anchor fields would step through text that is
// not the orphan's.
func (d *Desk) orphanEditor(id string) fyne.CanvasObject {
	quotes, lost := d.orphanParts(id)
	was := widget.NewLabel(strings.Join(quotes, "\n… "))
	was.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Orphan", wrapped("This "+d.findKind(id).String()+"'s text is gone from the current revision; it is on no text and not drawn in the article.")),
		widget.NewFormItem("Was on", was),
		widget.NewFormItem("Lost", wrapped(strings.Join(lost, ", "))),
	}
	items = append(items, d.placementItems(d.orphanMeta(id))...)
	reattach := widget.NewButtonWithIcon("Re-attach to selection (R)", theme.ContentRedoIcon(), d.do(d.commandNamed(reattachLabel)))
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), d.deleteSelected)
	return container.NewVBox(widget.NewForm(items...), container.NewHBox(reattach, del))
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// reattachLabel is the re-attach command's label in the table.
const reattachLabel = "Re-attach the selected orphan to the selection"

// reattachOrphan puts the selected orphan on the selection: a claim's or a
// note's span becomes the selection; an attribution's content becomes the
// one piece of the selection, and its source and cue are kept where they
// still hold their text and dropped where not. The orphan mark is cleared
// and the placement says it was re-attached by hand. One edit, with undo.
func (d *Desk) reattachOrphan() {
	id := d.selected
	if !d.isOrphan(id) {
		d.setStatus("select an orphan in the Orphans tab first")
		return
	}
	sel, ok := d.textSelection("select the words the orphan belongs to first")
	if !ok {
		return
	}
	label := "re-attach the " + d.describe(id)
	place := &annotate.Placement{Revision: d.revisionNumber(), Method: placedManual}
	var done bool
	switch d.findKind(id) {
	case kindAttribution:
		a := d.findAttribution(id)
		next := cloneAttribution(*a)
		next.Content, next.Source, next.Cue = []annotate.Anchor{sel}, d.stillThere(next.Source), d.stillThere(next.Cue)
		next.Orphan, next.Placement = false, place
		done = commitUpdate(d, label, "", cloneAttribution(*a), next, deskstate.UpdateAttribution)
	case kindClaim:
		c := d.findClaim(id)
		next := cloneClaim(*c)
		next.Anchors, next.Orphan, next.Placement = []annotate.Anchor{sel}, false, place
		done = commitUpdate(d, label, "", cloneClaim(*c), next, deskstate.UpdateClaim)
	case kindNote:
		n := d.findNote(id)
		next := cloneNote(*n)
		next.Target, next.ClaimID, next.Orphan, next.Placement = &sel, "", false, place
		done = commitUpdate(d, label, "", cloneNote(*n), next, deskstate.UpdateNote)
	}
	if done {
		d.selectAnnotation(id, false)
		d.setStatus("re-attached the " + d.describe(id) + " — Ctrl+Z undoes")
	}
}

// stillThere is the anchor when it still holds its text in the current
// revision, else nil.
func (d *Desk) stillThere(a *annotate.Anchor) *annotate.Anchor {
	if a == nil || d.text.Check("anchor", *a) != nil {
		return nil
	}
	return a
}

// placementItems is the editor's line on how re-anchoring placed the
// annotation, none when it was made on the current revision.
func (d *Desk) placementItems(m *annotate.Meta) []*widget.FormItem {
	if m == nil || m.Placement == nil {
		return nil
	}
	return []*widget.FormItem{widget.NewFormItem("Placed", wrapped(placementText(m.Placement)))}
}

// placementText says how an annotation came onto its revision.
func placementText(p *annotate.Placement) string {
	var s string
	switch p.Method {
	case annotate.PlacedExact:
		s = "found unchanged (the same words)"
	case annotate.PlacedDiff:
		s = "placed by the word diff"
	case annotate.PlacedFuzzy:
		s = fmt.Sprintf("found by approximate search, score %.2f", p.Score)
	case annotate.PlacedOrphan:
		s = "not found: its text is gone"
	case placedManual:
		s = "re-attached by hand"
	default:
		s = p.Method
	}
	if p.Revision > 0 {
		s += fmt.Sprintf(" on revision %d", p.Revision)
	}
	return s
}

// orphanPrefix marks an orphan's row in a panel's list.
func orphanPrefix(orphan bool) string {
	if orphan {
		return orphanMark
	}
	return ""
}

// width is what the Orphans tab takes in the tab bar while it is shown, 0
// when it is not: the legend gives it up (newLegend).
func (p *orphansPanel) width() float32 {
	if !p.shown {
		return 0
	}
	return fyne.MeasureText(p.tab.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding() + theme.Padding()
}
