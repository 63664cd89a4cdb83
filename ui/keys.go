package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// typedRune runs the command of a letter key pressed in the article view,
// a panel's list or on the bare window.
func (d *Desk) typedRune(r rune) {
	if !unicode.IsLetter(r) {
		return
	}
	if c := d.commandFor(fyne.KeyName(string(unicode.ToUpper(r)))); c != nil {
		d.do(c)()
	}
}

// typedKey runs the command of a key other than a letter (Delete, F1);
// Escape closes the find bar.
func (d *Desk) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		d.find.hide()
		return
	}
	if len([]rune(string(ev.Name))) == 1 {
		return // a letter or digit: it comes as a rune too
	}
	if c := d.commandFor(ev.Name); c != nil {
		d.do(c)()
	}
}

// addShortcuts registers every command's chords with the window's canvas,
// which gets them when no focused widget takes them (the article view
// passes its own on), and the command keys for when nothing has focus.
func (d *Desk) addShortcuts() {
	for _, c := range d.commands() {
		run := d.do(c)
		chords := c.chords
		if c.chord != nil {
			chords = append([]fyne.Shortcut{c.chord}, chords...)
		}
		for _, s := range chords {
			d.win.Canvas().AddShortcut(s, func(fyne.Shortcut) { d.chord(c, run) })
		}
	}
	d.win.Canvas().SetOnTypedRune(d.bareRune)
	d.win.Canvas().SetOnTypedKey(d.bareKey)
}

// chord runs a command's shortcut, unless a dialog is open: the dialog has
// the user's attention, and Ctrl+Z or Delete's chord under it would change
// the article hidden behind it (a comment dialog open, Ctrl+Z undid the
// article's last change). Quit still quits.
func (d *Desk) chord(c *command, run func()) {
	if d.win.Canvas().Overlays().Top() != nil && c.label != "Quit" {
		return
	}
	run()
}

// bareRune is a rune typed with nothing focused: a command's key, unless a
// dialog is open (its keys are not meant for the article under it).
func (d *Desk) bareRune(r rune) {
	if d.win.Canvas().Overlays().Top() == nil {
		d.typedRune(r)
	}
}

// bareKey is a key pressed with nothing focused: a command's key, unless a
// dialog is open; Escape closes the shortcut sheet.
func (d *Desk) bareKey(ev *fyne.KeyEvent) {
	switch {
	case d.win.Canvas().Overlays().Top() == nil:
		d.typedKey(ev)
	case ev.Name == fyne.KeyEscape && d.sheet != nil:
		d.sheet.Hide()
	}
}

// zoom changes the article's text size by one step.
func (d *Desk) zoom(step int) {
	size := d.theme.textSize + float32(step)
	if size < 9 || size > 40 {
		return
	}
	d.theme.textSize = size
	d.view.SetTextSize(size)
	d.setStatus("text size " + itoa(int(size)))
}

// keyList is a panel's list that passes the desk's command keys on: a
// tapped row takes the keyboard focus, and N with a claim selected in the
// Claims list must make a note on it, Delete delete it.
type keyList struct {
	widget.List
	desk *Desk
}

func newKeyList(d *Desk, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{desk: d}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedRune runs the command of a letter key; the list itself takes none.
func (l *keyList) TypedRune(r rune) { l.desk.typedRune(r) }

// TypedKey moves in the list on the arrows and Space, and runs the
// command of any other key.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeySpace:
		l.List.TypedKey(ev)
	default:
		l.desk.typedKey(ev)
	}
}
