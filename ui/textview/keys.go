package textview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

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
