package textview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// selection is the selected range as the fixed end (anchor) and the moving
// end (caret); anchor == caret means nothing is selected.
type selection struct {
	anchor, caret int
	goalX         float32 // x kept by Shift+Up/Down across short lines
	hasGoal       bool
}

// Selection returns the selected range, start <= end; start == end means none.
func (v *View) Selection() (start, end int) {
	return min(v.sel.anchor, v.sel.caret), max(v.sel.anchor, v.sel.caret)
}

// SetSelection selects [start, end) (clamped and ordered) and scrolls it into view.
func (v *View) SetSelection(start, end int) {
	start, end = clamp(start, 0, v.doc.size), clamp(end, 0, v.doc.size)
	v.setSelection(min(start, end), max(start, end))
	if !v.offsetVisible(min(start, end)) {
		v.ScrollToOffset(min(start, end))
		return
	}
	v.Refresh()
}

// SelectedText returns the selected text.
func (v *View) SelectedText() string {
	return v.doc.slice(v.Selection())
}

// setSelection moves both ends and reports a change to OnSelectionChanged.
func (v *View) setSelection(anchor, caret int) {
	os, oe := v.Selection()
	v.sel = selection{anchor: anchor, caret: caret}
	if s, e := v.Selection(); (s != os || e != oe) && v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// moveCaret moves the caret, keeping the anchor, and keeps the caret visible.
func (v *View) moveCaret(caret int) {
	goal, has := v.sel.goalX, v.sel.hasGoal
	v.setSelection(v.sel.anchor, clamp(caret, 0, v.doc.size))
	v.sel.goalX, v.sel.hasGoal = goal, has
	v.revealLine(v.lineOf(v.sel.caret))
	v.Refresh()
}

// selectWord selects the word (or single character) at offset.
func (v *View) selectWord(off int) {
	if off >= v.doc.size {
		v.setSelection(v.doc.size, v.doc.size)
		return
	}
	if !isWordRune(v.doc.runeAt(off)) {
		v.setSelection(off, v.nextBoundary(off))
		return
	}
	s, e := off, off
	for s > 0 && v.inWord(s-1) {
		s--
	}
	for e < v.doc.size && v.inWord(e) {
		e++
	}
	v.setSelection(s, e)
}

// inWord reports whether the code point at off belongs to a word: a word
// rune, or an apostrophe between word runes.
func (v *View) inWord(off int) bool {
	r := v.doc.runeAt(off)
	if isApostrophe(r) {
		return isWordRune(v.doc.runeAt(off-1)) && isWordRune(v.doc.runeAt(off+1))
	}
	return isWordRune(r)
}

// nextBoundary and prevBoundary step over one user-perceived character.
func (v *View) nextBoundary(off int) int {
	if off >= v.doc.size {
		return v.doc.size
	}
	b := v.doc.byteAt(off)
	return off + runeCount(v.doc.text[b:nextCluster(v.doc.text, b)])
}

func (v *View) prevBoundary(off int) int {
	off = min(off, v.doc.size) - 1
	for off > 0 && extends(v.doc.runeAt(off-1), v.doc.runeAt(off)) {
		off--
	}
	return max(off, 0)
}

// verticalTarget returns the offset one line above (dir < 0) or below the
// caret, at the remembered x.
func (v *View) verticalTarget(dir int) int {
	p, l := v.lineOf(v.sel.caret)
	if !v.sel.hasGoal {
		v.sel.goalX, v.sel.hasGoal = v.xAt(v.wc.lines[p][l], v.sel.caret), true
	}
	tp, tl, clamped := v.stepLines(p, l, dir)
	switch {
	case clamped < 0:
		return 0
	case clamped > 0:
		return v.doc.size
	}
	off, _ := v.hitLine(v.wc.lines[tp][tl], v.sel.goalX)
	return off
}

// extendKey handles Shift+arrows; it reports whether the key was one.
func (v *View) extendKey(name fyne.KeyName) bool {
	switch name {
	case fyne.KeyLeft:
		v.sel.hasGoal = false
		v.moveCaret(v.prevBoundary(v.sel.caret))
	case fyne.KeyRight:
		v.sel.hasGoal = false
		v.moveCaret(v.nextBoundary(v.sel.caret))
	case fyne.KeyUp:
		v.moveCaret(v.verticalTarget(-1))
	case fyne.KeyDown:
		v.moveCaret(v.verticalTarget(1))
	default:
		return false
	}
	return true
}

// scrollKey handles the navigation keys; it reports whether the key was one.
func (v *View) scrollKey(name fyne.KeyName) bool {
	page := v.viewHeight() - v.m.lineH
	switch name {
	case fyne.KeyUp:
		v.scrollPixels(-v.m.lineH)
	case fyne.KeyDown:
		v.scrollPixels(v.m.lineH)
	case fyne.KeyPageUp:
		v.scrollPixels(-page)
	case fyne.KeyPageDown:
		v.scrollPixels(page)
	case fyne.KeyHome:
		v.scrollHome()
	case fyne.KeyEnd:
		v.scrollEnd()
	default:
		return false
	}
	v.Refresh()
	return true
}

// TypedKey is part of fyne.Focusable: Shift+arrows extend the selection,
// Up/Down/PageUp/PageDown/Home/End scroll, other keys go to OnTypedKey.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	if v.shiftHeld() && v.extendKey(ev.Name) {
		return
	}
	if !v.shiftHeld() && v.scrollKey(ev.Name) {
		return
	}
	if v.OnTypedKey != nil {
		v.OnTypedKey(ev)
	}
}

// TypedRune is part of fyne.Focusable: runes go to OnTypedRune.
func (v *View) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// TypedShortcut is part of fyne.Shortcutable: Copy and Select All are
// handled, other shortcuts go to the window's canvas shortcuts.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		v.copySelection(sc.Clipboard)
	case *fyne.ShortcutSelectAll:
		v.setSelection(0, v.doc.size)
		v.Refresh()
	default:
		if c, ok := v.canvas().(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(s)
		}
	}
}

// copySelection puts the selected text on the clipboard (the app's when the
// shortcut carries none); it leaves the clipboard alone when nothing is selected.
func (v *View) copySelection(clip fyne.Clipboard) {
	text := v.SelectedText()
	if text == "" {
		return
	}
	if clip == nil {
		clip = fyne.CurrentApp().Clipboard()
	}
	clip.SetContent(text)
}

// KeyDown is part of desktop.Keyable: it tracks the Shift keys.
func (v *View) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = true
	}
}

// KeyUp is part of desktop.Keyable.
func (v *View) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = false
	}
}

// shiftHeld reports whether Shift is down, from key events or the driver.
func (v *View) shiftHeld() bool {
	if v.shift {
		return true
	}
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}

// FocusGained is part of fyne.Focusable.
func (v *View) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (v *View) FocusLost() { v.shift = false }
