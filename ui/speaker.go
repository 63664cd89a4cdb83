package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sahilm/fuzzy"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// speakerField edits which registry speaker something is attributed to,
// without typing for a known one: the entry completes what is typed (fuzzy
// over names and aliases), its arrow (or ↓) lists the matches, Enter takes
// the best one or, when nothing matches, adds the name as a new speaker; the
// row under it, always one line high, offers the choices as buttons (the
// new speaker, or the name as an alias of the best match). key names the
// field, so that setting a source can hand it a name to offer.
func (d *Desk) speakerField(key, current string, set func(id string)) fyne.CanvasObject {
	return d.newSpeakerChooser(key, current, set).content
}

// newSpeakerChooser builds a speaker field, for an editor that changes its
// text later (a source being fixed offers its new name).
func (d *Desk) newSpeakerChooser(key, current string, set func(id string)) *speakerChooser {
	f := &speakerChooser{desk: d, current: current, set: set, offers: container.NewHBox()}
	f.entry = newSpeakerEntry(f.openList)
	f.entry.onEscape = f.escape
	// The arrow is set before anything refreshes the entry: its renderer,
	// made by the first refresh, only shows an ActionItem it had by then.
	f.entry.ActionItem = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), f.openList)
	f.entry.SetPlaceHolder("Type a name, or ↓ for the list")
	f.name = d.speakerName(current)
	f.entry.SetText(f.name)
	if key != "" && key == d.focus.want && d.focus.name != "" {
		f.entry.SetText(d.focus.name)
	}
	f.entry.OnChanged = func(string) { f.showOffers() }
	f.entry.OnSubmitted = func(s string) { f.submit(s) }
	f.showOffers()
	d.focus.offer(key, f.entry)
	row := container.NewHScroll(f.offers)
	row.SetMinSize(fyne.NewSize(40, widget.NewButton("x", nil).MinSize().Height))
	f.content = container.NewVBox(f.entry, row)
	return f
}

// speakerChooser is the state of one speaker field.
type speakerChooser struct {
	desk    *Desk
	current string
	set     func(id string)
	entry   *speakerEntry
	offers  *fyne.Container
	content fyne.CanvasObject
	// name is the name the field shows for the current speaker; Enter on
	// it unchanged changes nothing.
	name string
	// newName takes a name no speaker has; nil adds it to the registry as
	// a new speaker. done runs after Enter, a pick from the list or an
	// offer; nil leaves the keyboard in the field.
	newName func(string)
	done    func()
}

// speakerEntry is an entry whose ↓ key opens the list of matches.
type speakerEntry struct {
	widget.Entry
	onDown   func()
	onEscape func()
	list     *fyne.Menu // the list last opened, for tests
	// given is the text the field held when it got the keyboard: while it
	// still does, nothing was typed there to undo (TypedShortcut).
	given string
}

func newSpeakerEntry(onDown func()) *speakerEntry {
	e := &speakerEntry{onDown: onDown}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained selects the whole name, as a browser's address bar does, so
// that what is typed next replaces it (E, a few letters, Enter) and Enter
// alone keeps it.
func (e *speakerEntry) FocusGained() {
	e.Entry.FocusGained()
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.given = e.Text
}

// TypedShortcut hands Undo and Redo to the desk while nothing has been
// typed in the field since it got the keyboard: after S leaves a new
// name waiting there, Ctrl+Z undoes the source, as it does anywhere
// else, instead of undoing nothing in the field. Once the user types, the
// field undoes its own typing first.
func (e *speakerEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		if e.Text == e.given && windowShortcut(e, s) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

func (e *speakerEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyDown && e.onDown != nil:
		e.onDown()
	case ev.Name == fyne.KeyEscape && e.onEscape != nil:
		e.onEscape()
	default:
		e.Entry.TypedKey(ev)
	}
}

// matches are the speakers the entry's text names or fuzzily matches, best
// first; every speaker when it is blank.
func (f *speakerChooser) matches() []annotate.Speaker {
	return f.desk.speakerMatches(f.entry.Text)
}

// openList shows the matches under the entry; the list takes the keys
// (↑ ↓ Enter, Escape), and a pick sets the speaker.
func (f *speakerChooser) openList() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.entry)
	if c == nil || f.entry.Disabled() {
		return
	}
	var items []*fyne.MenuItem
	for _, sp := range f.matches() {
		items = append(items, fyne.NewMenuItem(speakerLabel(sp), func() { f.pick(sp.ID); f.finish() }))
	}
	if len(items) == 0 {
		items = append(items, fyne.NewMenuItem("(no speaker matches; Enter adds one)", nil))
		items[0].Disabled = true
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry).Add(fyne.NewPos(0, f.entry.Size().Height))
	f.entry.list = fyne.NewMenu("", items...)
	m := widget.NewPopUpMenu(f.entry.list, c)
	m.ShowAtPosition(pos)
	m.Resize(fyne.NewSize(max(f.entry.Size().Width, m.MinSize().Width), m.MinSize().Height))
}

// speakerLabel is a speaker as the list shows it: "Name (alias, alias)".
func speakerLabel(sp annotate.Speaker) string {
	if len(sp.Aliases) == 0 {
		return sp.Name
	}
	return sp.Name + " (" + strings.Join(sp.Aliases, ", ") + ")"
}

// showOffers fills the row under the entry with what Enter does and the
// other choices for the text typed.
func (f *speakerChooser) showOffers() {
	f.offers.Objects = nil
	text := strings.TrimSpace(f.entry.Text)
	defer f.offers.Refresh()
	if text == "" || text == f.name {
		hint := widget.NewLabel("↓ lists the speakers; type to find one")
		hint.Importance = widget.LowImportance
		hint.SizeName = theme.SizeNameCaptionText
		f.offers.Add(hint)
		return
	}
	if sp, ok := annotate.NewRegistry(f.desk.speakers).Match(text); ok {
		f.offers.Add(widget.NewButton("↵ "+sp.Name, func() { f.pick(sp.ID); f.finish() }))
		return
	}
	ms := f.matches()
	if len(ms) > 0 {
		best := ms[0]
		f.offers.Add(widget.NewButton("↵ "+best.Name, func() { f.pick(best.ID); f.finish() }))
	}
	f.offers.Add(widget.NewButtonWithIcon("New “"+text+"”", theme.ContentAddIcon(), func() { f.create(text); f.finish() }))
	if len(ms) > 0 {
		best := ms[0]
		f.offers.Add(widget.NewButton("Alias of "+best.Name, func() { f.addAlias(best.ID, text); f.finish() }))
	}
}

// submit is Enter: the speaker the text names or best matches, else a new
// speaker of that name; a blank text clears the speaker.
func (f *speakerChooser) submit(s string) {
	defer f.finish()
	s = strings.TrimSpace(s)
	switch {
	case s == "" && f.newName != nil:
		f.newName("")
		return
	case s == "":
		f.pick("")
		return
	case s == f.name:
		return
	}
	if sp, ok := annotate.NewRegistry(f.desk.speakers).Match(s); ok {
		f.pick(sp.ID)
	} else if ms := f.matches(); len(ms) > 0 {
		f.pick(ms[0].ID)
	} else {
		f.create(s)
	}
}

// finish hands the keyboard on once the field has decided, when its owner
// asked to.
// escape drops what the field offers (a name typed, or one a source left
// there) for the speaker it has, and hands the keyboard back: to where
// done sends it, else to the article's keys.
func (f *speakerChooser) escape() {
	f.entry.SetText(f.name)
	f.showOffers()
	if f.done != nil {
		f.done()
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.entry); c != nil {
		c.Unfocus()
	}
}

func (f *speakerChooser) finish() {
	if f.done != nil {
		f.done()
	}
}

func (f *speakerChooser) pick(id string) {
	if id != f.current {
		f.current, f.name = id, f.desk.speakerName(id)
		f.set(id)
	}
}

// create adds a speaker named s and picks it, or hands the name to
// newName when the field has one.
func (f *speakerChooser) create(s string) {
	if f.newName != nil {
		f.current, f.name = "", s
		f.newName(s)
		return
	}
	if id, err := f.desk.resolveSpeaker(s); err != nil {
		f.desk.showError(err)
	} else if id != "" {
		f.pick(id)
	}
}

// addAlias adds s to the speaker's aliases and picks it.
func (f *speakerChooser) addAlias(id, s string) {
	sp := f.desk.findSpeaker(id)
	if sp == nil {
		return
	}
	name := sp.Name
	if !update(f.desk, named[annotate.Speaker]("add alias "+s+" to "+name), "", sp, cloneSpeaker, deskstate.UpdateSpeaker, func(x *annotate.Speaker) {
		x.Aliases = append(x.Aliases, s)
		x.Modified = time.Now().UTC()
	}) {
		return
	}
	f.desk.setStatus("“" + s + "” is now an alias of " + name)
	f.pick(id)
}

// speakerSuggestions are the names of the speakers that match s, best first.
func (d *Desk) speakerSuggestions(s string) []string {
	var names []string
	for _, sp := range d.speakerMatches(s) {
		names = append(names, sp.Name)
	}
	return names
}

// speakerMatches are the speakers whose name or alias fuzzily matches s,
// the registry's own match first; every speaker when s is blank.
func (d *Desk) speakerMatches(s string) []annotate.Speaker {
	if strings.TrimSpace(s) == "" {
		return d.speakers
	}
	var names []string
	var owner []int
	for i, sp := range d.speakers {
		for _, n := range append([]string{sp.Name}, sp.Aliases...) {
			names = append(names, n)
			owner = append(owner, i)
		}
	}
	var out []annotate.Speaker
	seen := map[string]bool{}
	add := func(sp annotate.Speaker) {
		if !seen[sp.ID] && len(out) < 10 {
			seen[sp.ID] = true
			out = append(out, sp)
		}
	}
	if sp, ok := annotate.NewRegistry(d.speakers).Match(s); ok {
		add(sp)
	}
	for _, m := range fuzzy.Find(s, names) {
		add(d.speakers[owner[m.Index]])
	}
	return out
}

// resolveSpeaker finds the speaker a name means, adding one if none does.
// An empty name means no speaker.
func (d *Desk) resolveSpeaker(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	if sp, ok := annotate.NewRegistry(d.speakers).Match(name); ok {
		return sp.ID, nil
	}
	now := time.Now().UTC()
	sp := annotate.Speaker{ID: annotate.NewID(), Name: name, Created: now, Modified: now}
	if d.commit(deskstate.Change{Label: "add speaker " + name, Ops: []deskstate.Op{deskstate.CreateSpeaker(sp)}}) == 0 {
		return "", annotate.Errorf(annotate.EINVALID, "speaker %q was not added", name)
	}
	d.setStatus("added speaker " + name)
	return sp.ID, nil
}

// speakerDetails are form rows editing the aliases and role of the speaker
// with the ID. They are there (disabled) when there is no speaker, and
// editors put them last, so that setting a speaker moves nothing.
func (d *Desk) speakerDetails(id string) []*widget.FormItem {
	sp := d.findSpeaker(id)
	aliases := widget.NewEntry()
	aliases.SetPlaceHolder("Other names, comma-separated")
	role := widget.NewEntry()
	role.SetPlaceHolder("Role or affiliation")
	if sp == nil {
		aliases.SetPlaceHolder("(set a speaker first)")
		role.SetPlaceHolder("")
		aliases.Disable()
		role.Disable()
	} else {
		aliases.SetText(strings.Join(sp.Aliases, ", "))
		role.SetText(sp.Role)
	}
	aliases.OnChanged = func(s string) {
		d.updateSpeaker(id, "aliases", func(sp *annotate.Speaker) { sp.Aliases = splitComma(s) })
	}
	role.OnChanged = func(s string) {
		d.updateSpeaker(id, "role", func(sp *annotate.Speaker) { sp.Role = strings.TrimSpace(s) })
	}
	return []*widget.FormItem{widget.NewFormItem("Aliases", aliases), widget.NewFormItem("Role", role)}
}

func (d *Desk) findSpeaker(id string) *annotate.Speaker {
	for i := range d.speakers {
		if d.speakers[i].ID == id {
			return &d.speakers[i]
		}
	}
	return nil
}

// updateSpeaker saves a change to a speaker, as one undo step per field.
func (d *Desk) updateSpeaker(id, key string, change func(*annotate.Speaker)) {
	sp := d.findSpeaker(id)
	if sp == nil {
		return
	}
	update(d, editLabel(speakerFields, "speaker "+brief(sp.Name)), keyed("speaker/"+id, key), sp, cloneSpeaker, deskstate.UpdateSpeaker, change)
}

// splitComma splits a comma-separated list, dropping empty entries.
func splitComma(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
