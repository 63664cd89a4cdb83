package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// dialogFields finds the widgets of the dialog on top of the window.
type dialogFields struct {
	t       *testing.T
	entries []*widget.Entry
	selects []*guardedSelect
	buttons []*widget.Button
}

func (td *testDesk) dialogFields() *dialogFields {
	td.t.Helper()
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		td.t.Fatal("no dialog is open")
	}
	f := &dialogFields{t: td.t}
	walkTree(top, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Entry:
			f.entries = append(f.entries, x)
		case *guardedSelect:
			f.selects = append(f.selects, x)
		case *widget.Button:
			f.buttons = append(f.buttons, x)
		}
	})
	return f
}

// walkTree calls fn on o and everything drawn inside it, through the
// widgets' renderers.
func walkTree(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkTree(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkTree(c, fn)
		}
	}
}

// entry is the entry that holds text (or shows it as its placeholder).
func (f *dialogFields) entry(text string) *widget.Entry {
	f.t.Helper()
	for _, e := range f.entries {
		if e.Text == text || e.Text == "" && e.PlaceHolder == text {
			return e
		}
	}
	f.t.Fatalf("the dialog has no entry holding %q", text)
	return nil
}

func (f *dialogFields) button(label string) *widget.Button {
	f.t.Helper()
	for _, b := range f.buttons {
		if b.Text == label {
			return b
		}
	}
	f.t.Fatalf("the dialog has no %q button", label)
	return nil
}

// set replaces an entry's text as typing would.
func set(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}
