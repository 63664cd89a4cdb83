package textview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// pointerState follows one press of the primary button.
type pointerState struct {
	pressed  bool   // MouseDown placed the caret for this click
	extend   bool   // ...with Shift, extending the selection
	dragging bool   // a drag is selecting text
	barDrag  bool   // a drag is moving the scroll bar
	tapKey   string // the IDs of the highlights under the last tap
	tapN     int    // which of them the last tap reported
}

// MouseDown is part of desktop.Mouseable: a primary press places the caret,
// or with Shift extends the selection to the pointer.
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	v.focus()
	if v.inBar(ev.Position) {
		return
	}
	off := v.OffsetAt(ev.Position)
	v.ptr.extend = ev.Modifier&fyne.KeyModifierShift != 0 || v.shiftHeld()
	if v.ptr.extend {
		v.setSelection(v.sel.anchor, off)
	} else {
		v.setSelection(off, off)
	}
	v.ptr.pressed = true
	v.Refresh()
}

// MouseUp is part of desktop.Mouseable.
func (v *View) MouseUp(*desktop.MouseEvent) {}

// Tapped is part of fyne.Tappable: a click without drag. It places the
// caret if MouseDown did not, and reports a click on a highlight unless the
// click extended the selection with Shift.
func (v *View) Tapped(ev *fyne.PointEvent) {
	v.focus()
	pressed, extend := v.ptr.pressed, v.ptr.extend
	v.ptr.pressed, v.ptr.extend = false, false
	if v.inBar(ev.Position) || extend {
		return
	}
	if !pressed {
		off := v.OffsetAt(ev.Position)
		v.setSelection(off, off)
		v.Refresh()
	}
	if ch := v.charAt(ev.Position); ch >= 0 && v.OnHighlightTapped != nil {
		if hs := v.hl.at(ch); len(hs) > 0 {
			v.OnHighlightTapped(hs[v.ptr.nextTap(hs)])
		}
	}
}

// nextTap says which of the highlights under a tap to report: the first,
// or, when the last tap fell on the same highlights, the one after the one
// it reported, so that clicking again reaches each of overlapping
// annotations in turn (a claim and the note on it share their span).
func (p *pointerState) nextTap(hs []Highlight) int {
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	key := strings.Join(ids, "\x00")
	if key == p.tapKey {
		p.tapN = (p.tapN + 1) % len(hs)
	} else {
		p.tapKey, p.tapN = key, 0
	}
	return p.tapN
}

// DoubleTapped is part of fyne.DoubleTappable: it selects the word clicked.
func (v *View) DoubleTapped(ev *fyne.PointEvent) {
	v.focus()
	v.ptr.pressed = false
	off := v.charAt(ev.Position)
	if off < 0 {
		off = v.OffsetAt(ev.Position)
	}
	v.selectWord(off)
	v.Refresh()
}

// TappedSecondary is part of fyne.SecondaryTappable: it keeps the selection
// and hands the event to OnSecondaryTapped.
func (v *View) TappedSecondary(ev *fyne.PointEvent) {
	v.focus()
	if v.OnSecondaryTapped != nil {
		v.OnSecondaryTapped(ev)
	}
}

// Dragged is part of fyne.Draggable. The drag starts at Position-Dragged
// (as Fyne's own selectable text assumes); dragging past the top or bottom
// edge scrolls.
func (v *View) Dragged(ev *fyne.DragEvent) {
	if !v.ptr.dragging && !v.ptr.barDrag {
		v.startDrag(ev)
	}
	if v.ptr.barDrag {
		v.dragBar(ev.Dragged.DY)
		v.Refresh()
		return
	}
	if y := ev.Position.Y; y < 0 {
		v.scrollPixels(y)
	} else if y > v.size.Height {
		v.scrollPixels(y - v.size.Height)
	}
	v.setSelection(v.sel.anchor, v.OffsetAt(ev.Position))
	v.Refresh()
}

// startDrag decides what a new drag moves and anchors a text selection
// where it started, unless Shift+MouseDown already set the anchor.
func (v *View) startDrag(ev *fyne.DragEvent) {
	v.focus()
	start := ev.Position.Subtract(ev.Dragged)
	if v.inBar(start) {
		v.ptr.barDrag = true
		return
	}
	v.ptr.dragging = true
	if !v.ptr.pressed || !v.ptr.extend {
		v.sel.anchor = v.OffsetAt(start)
	}
}

// DragEnd is part of fyne.Draggable; a drag that selected text reports its
// selection to OnDragSelected.
func (v *View) DragEnd() {
	selecting := v.ptr.dragging
	v.ptr = pointerState{}
	if selecting && v.OnDragSelected != nil {
		v.OnDragSelected(v.Selection())
	}
}

// Cursor is part of desktop.Cursorable: the text cursor.
func (v *View) Cursor() desktop.Cursor { return desktop.TextCursor }

// canvas returns the canvas showing the view, or nil.
func (v *View) canvas() fyne.Canvas {
	if fyne.CurrentApp() == nil {
		return nil
	}
	return fyne.CurrentApp().Driver().CanvasForObject(v)
}

// focus asks the canvas to give the view keyboard focus.
func (v *View) focus() {
	if c := v.canvas(); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}
