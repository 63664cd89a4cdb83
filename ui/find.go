package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// findBar is the Ctrl+F bar above the article: typing selects the first
// match, Enter the next, Escape closes the bar and keeps the match selected.
// A query that is not found leaves nothing selected, so that a key pressed
// next cannot annotate an earlier match.
type findBar struct {
	desk    *Desk
	entry   *findEntry
	count   *widget.Label
	content *fyne.Container
	from    int // code point the next search starts at
}

// findEntry is an entry that reports Escape, which widget.Entry ignores.
type findEntry struct {
	widget.Entry
	onEscape func()
}

func newFindEntry() *findEntry {
	e := &findEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the bar on Escape and types anything else.
func (e *findEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut selects the whole query on Ctrl+F, as Ctrl+F outside the
// entry does (the window does not see shortcuts typed into an entry).
func (e *findEntry) TypedShortcut(s fyne.Shortcut) {
	if c, ok := s.(*desktop.CustomShortcut); ok && c.KeyName == fyne.KeyF && c.Modifier == fyne.KeyModifierShortcutDefault {
		s = &fyne.ShortcutSelectAll{}
	}
	e.Entry.TypedShortcut(s)
}

func newFindBar(d *Desk) *findBar {
	f := &findBar{desk: d, entry: newFindEntry(), count: widget.NewLabel("")}
	f.entry.SetPlaceHolder("Find in article (Enter: next, Escape: close)")
	f.entry.OnChanged = func(string) { f.from = 0; f.next() }
	f.entry.OnSubmitted = func(string) { f.next() }
	f.entry.onEscape = f.hide
	close := widget.NewButton("Close", f.hide)
	f.content = container.NewBorder(nil, nil, nil, container.NewHBox(f.count, close), f.entry)
	f.content.Hide()
	return f
}

// show opens the bar and puts the cursor in it, with the last query
// selected so that typing replaces it.
func (f *findBar) show() {
	f.content.Show()
	f.desk.win.Canvas().Focus(f.entry)
	f.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	if f.entry.Text != "" {
		f.from = 0
		f.next()
	}
}

// hide closes the bar; the match stays selected in the article.
func (f *findBar) hide() {
	if f.content.Hidden {
		return
	}
	f.content.Hide()
	f.desk.win.Canvas().Focus(f.desk.view)
}

// next selects the next match after the last, wrapping at the end.
func (f *findBar) next() {
	q := f.entry.Text
	text := f.desk.view.Text()
	if q == "" || text == "" {
		f.count.SetText("")
		return
	}
	start, n := findFold(text, q, f.from)
	if start < 0 {
		f.count.SetText("not found")
		f.clearSelection()
		return
	}
	f.count.SetText("")
	f.desk.view.SetSelection(start, start+n)
	f.from = start + 1
}

// clearSelection leaves the caret where the selection began and nothing
// selected.
func (f *findBar) clearSelection() {
	if start, end := f.desk.view.Selection(); end > start {
		f.desk.view.SetSelection(start, start)
	}
}

// findFold finds q in text, ignoring case, from code point from on, wrapping
// to the start; it returns the match's code-point start and length, or -1.
func findFold(text, q string, from int) (int, int) {
	lower := []rune(strings.ToLower(text))
	if len(lower) != utf8.RuneCountInString(text) {
		lower = []rune(text) // case folding changed lengths: search as typed
	}
	pat := []rune(strings.ToLower(q))
	for _, r := range [][2]int{{from, len(lower)}, {0, from}} {
		for i := r[0]; i+len(pat) <= len(lower) && i < r[1]; i++ {
			if runesEqual(lower[i:i+len(pat)], pat) {
				return i, len(pat)
			}
		}
	}
	return -1, 0
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
