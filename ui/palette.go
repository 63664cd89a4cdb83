package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// paletteEntry is one thing the command palette can go to or do.
type paletteEntry struct {
	kind     string // "article", "attribution", "claim", "note", "speaker", "command"
	label    string
	shortcut string // a command's key or chord, as the menu shows it, or ""
	run      func()
}

// text is the entry as its row shows it: "command: Undo (Ctrl+Z)".
func (e paletteEntry) text() string {
	s := e.kind + ": " + e.label
	if e.shortcut != "" {
		s += " (" + e.shortcut + ")"
	}
	return s
}

// palette is the Ctrl+K command palette: fuzzy search over articles,
// annotations, speakers and commands; Enter runs the best match.
type palette struct {
	desk    *Desk
	entries []paletteEntry
	shown   []paletteEntry
	entry   *findEntry
	list    *widget.List
	popup   *widget.PopUp
}

func newPalette(d *Desk) *palette {
	p := &palette{desk: d, entry: newFindEntry()}
	p.entry.SetPlaceHolder("Go to an article, annotation or speaker, or run a command")
	p.entry.OnChanged = func(string) { p.filter() }
	p.entry.OnSubmitted = func(string) { p.choose(0) }
	p.entry.onEscape = p.hide
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(p.shown[i].text())
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) { p.choose(i) }
	return p
}

// show opens the palette over the window.
func (p *palette) show() {
	p.entries = p.desk.paletteEntries()
	p.entry.SetText("")
	p.filter()
	box := container.NewBorder(p.entry, nil, nil, nil, p.list)
	p.popup = widget.NewModalPopUp(box, p.desk.win.Canvas())
	size := p.desk.win.Canvas().Size()
	p.popup.Resize(fyne.NewSize(size.Width*0.6, size.Height*0.6))
	p.popup.Show()
	p.desk.win.Canvas().Focus(p.entry)
}

func (p *palette) hide() {
	if p.popup != nil {
		p.popup.Hide()
		p.popup = nil
	}
}

// filter shows the entries that fuzzily match the typed text, best first.
func (p *palette) filter() {
	p.shown = fuzzyFilter(p.entry.Text, p.entries, func(e paletteEntry) string { return e.kind + " " + e.label })
	p.list.UnselectAll()
	p.list.Refresh()
}

// choose runs the i-th shown entry and closes the palette.
func (p *palette) choose(i int) {
	if i < 0 || i >= len(p.shown) {
		return
	}
	run := p.shown[i].run
	p.hide()
	run()
}

// Choose types q into an open palette and runs the best match, for tests.
func (p *palette) Choose(q string) {
	p.entry.SetText(q)
	p.choose(0)
}

// paletteEntries lists everything the palette offers, commands first:
// each command of the table with its label and shortcut.
func (d *Desk) paletteEntries() []paletteEntry {
	var es []paletteEntry
	for _, c := range d.commands() {
		es = append(es, paletteEntry{kind: "command", label: c.label, shortcut: c.shortcut(), run: d.do(c)})
	}
	for _, a := range d.lib.articles() {
		id := a.ID
		es = append(es, paletteEntry{kind: "article", label: a.Title, run: func() { d.show(id) }})
	}
	for _, it := range attributionItems(d) {
		es = append(es, d.gotoEntry(kindAttribution, it))
	}
	for _, it := range claimItems(d) {
		es = append(es, d.gotoEntry(kindClaim, it))
	}
	for _, it := range noteItems(d) {
		es = append(es, d.gotoEntry(kindNote, it))
	}
	for _, s := range d.speakers {
		es = append(es, d.speakerEntry(s.ID, s.Name))
	}
	return es
}

func (d *Desk) gotoEntry(kind annKind, it item) paletteEntry {
	return paletteEntry{kind: kind.String(), label: it.label, run: func() { d.selectAnnotation(it.id, false) }}
}

// speakerEntry goes to the speaker's first attribution in the open article.
func (d *Desk) speakerEntry(id, name string) paletteEntry {
	return paletteEntry{kind: "speaker", label: name, run: func() {
		for _, a := range d.ann.Attributions {
			if a.SpeakerID == id {
				d.selectAnnotation(a.ID, false)
				return
			}
		}
		d.setStatus(name + " has no attributions in this article")
	}}
}
