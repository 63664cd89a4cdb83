package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// guardedSelect is a widget.Select that ignores a tap once it has left the
// window. Fyne 2.7.1 opens a Select's pop-up on the canvas the Select is in,
// and panics when it is in none (fyne-io/fyne#5965, fixed upstream after
// 2.7): an editor rebuilt between the press and the release of a click — a
// save, an undo or a suggestion landing meanwhile — detaches its Selects,
// and the release then crashed the desk (found by make soak).
type guardedSelect struct {
	widget.Select
}

// newSelect is widget.NewSelect, guarded.
func newSelect(options []string, changed func(string)) *guardedSelect {
	s := &guardedSelect{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// Tapped opens the pop-up only while the Select is on a canvas.
func (s *guardedSelect) Tapped(ev *fyne.PointEvent) {
	if !onCanvas(s) {
		return
	}
	s.Select.Tapped(ev)
}

// TypedKey opens the pop-up (space, arrows) only while on a canvas.
func (s *guardedSelect) TypedKey(ev *fyne.KeyEvent) {
	if !onCanvas(s) {
		return
	}
	s.Select.TypedKey(ev)
}

// onCanvas reports whether o is in a window's widget tree now.
func onCanvas(o fyne.CanvasObject) bool {
	app := fyne.CurrentApp()
	return app != nil && app.Driver().CanvasForObject(o) != nil
}
