package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/sahilm/fuzzy"
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
//
// The project's articles are not held: each keystroke asks the store for
// a page of the articles matching the typed text (paletteArticles of them),
// and ranks them with the commands, the open article's annotations and the
// speakers, which are listed once when the palette opens.
type palette struct {
	desk    *Desk
	entries []paletteEntry // all but the articles
	keys    []string       // the entries' fuzzy keys, made once
	shown   []paletteEntry
	entry   *findEntry
	list    *widget.List
	popup   *widget.PopUp
	typed   string // the text the entries were last filtered for
}

// paletteArticles is how many articles one keystroke reads from the store:
// more than the palette's rows show.
const paletteArticles = 50

func newPalette(d *Desk) *palette {
	p := &palette{desk: d, entry: newFindEntry()}
	p.entry.SetPlaceHolder("Go to an article, annotation or speaker, or run a command")
	p.entry.OnChanged = whenTypingPauses(&p.entry.Text, &p.typed, p.filter)
	p.entry.OnSubmitted = func(string) {
		if p.entry.Text != p.typed { // Enter came before the filter caught up
			p.filter()
		}
		p.choose(0)
	}
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
	p.keys = make([]string, len(p.entries))
	for i, e := range p.entries {
		p.keys[i] = e.key()
	}
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

// filter shows the entries that fuzzily match the typed text, best first;
// with nothing typed, every entry in its order, the first page of articles
// after the commands.
func (p *palette) filter() {
	p.typed = p.entry.Text
	q := strings.TrimSpace(p.entry.Text)
	articles := p.desk.articleEntries(articleQuery(q))
	if q == "" {
		p.shown = slices.Concat(p.entries[:p.desk.commandCount()], articles, p.entries[p.desk.commandCount():])
	} else {
		keys := slices.Clip(p.keys)
		entries := slices.Concat(p.entries, articles)
		for _, e := range articles {
			keys = append(keys, e.key())
		}
		p.shown = p.shown[:0]
		found := make([]bool, len(articles))
		for _, m := range fuzzy.Find(q, keys) {
			p.shown = append(p.shown, entries[m.Index])
			if k := m.Index - len(p.entries); k >= 0 {
				found[k] = true
			}
		}
		// The store matched these by their words: a typed or pasted
		// headline holds more than any title, so the characters-in-order
		// match above finds none of them; they follow, in the store's order.
		for k, e := range articles {
			if !found[k] {
				p.shown = append(p.shown, e)
			}
		}
	}
	p.list.UnselectAll()
	p.list.Refresh()
}

// key is what the palette's fuzzy match reads of an entry: its row as
// shown, without the shortcut, so "article: " and "article " both match.
func (e paletteEntry) key() string { return e.kind + ": " + e.label }

// articleQuery is the typed text as the store's article filter reads it:
// without a leading kind word "article" (the palette matches it against
// the entries' kinds; no title need hold it).
func articleQuery(q string) string {
	if k, rest, ok := strings.Cut(q, " "); ok && strings.EqualFold(strings.TrimSuffix(k, ":"), "article") {
		return rest
	}
	if strings.EqualFold(strings.TrimSuffix(q, ":"), "article") {
		return ""
	}
	return q
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

// paletteEntries lists what the palette offers but the articles, commands
// first (each command of the table with its label and shortcut), then the
// open article's annotations and the speakers.
func (d *Desk) paletteEntries() []paletteEntry {
	var es []paletteEntry
	for _, c := range d.commands() {
		es = append(es, paletteEntry{kind: "command", label: c.label, shortcut: c.shortcut(), run: d.do(c)})
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

// commandCount is how many of paletteEntries are commands.
func (d *Desk) commandCount() int { return len(d.commands()) }

// articleEntries are the palette's entries of the first articles matching
// q, as the library's filter matches them, read from the store.
func (d *Desk) articleEntries(q string) []paletteEntry {
	page, _, err := d.svc.Articles.FindArticlesPage(d.ctx, q, 0, paletteArticles)
	if err != nil {
		d.showError(err)
		return nil
	}
	es := make([]paletteEntry, len(page))
	for i := range page {
		d.withPendingSummary(&page[i])
		id := page[i].ID
		es[i] = paletteEntry{kind: "article", label: page[i].Title, run: func() { d.show(id) }}
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
