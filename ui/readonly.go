package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// A project whose file or folder cannot be written (Services.ReadOnly) opens
// for reading and export: a banner says so, the editors' fields are
// disabled, and every command that would change the project says "read-only
// project" instead of trying.

// readOnlyMessage is what the status line says when a change is refused.
const readOnlyMessage = "read-only project: changes are disabled"

// newBanner is the banner over a read-only project's desk, hidden for one
// that can be written.
func (d *Desk) newBanner() *widget.Label {
	path := d.svc.Path
	if path == "" {
		path = "the project"
	}
	b := widget.NewLabelWithStyle("Read-only project: "+path+" cannot be written — changes are disabled",
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	b.Importance = widget.WarningImportance
	b.Wrapping = fyne.TextWrapWord
	if !d.svc.ReadOnly {
		b.Hide()
	}
	return b
}

// editable reports whether the project can be changed, and says in the
// status line that it cannot when it is read-only. Every command that
// writes calls it first.
func (d *Desk) editable() bool {
	if !d.svc.ReadOnly {
		return true
	}
	d.setStatus(readOnlyMessage)
	return false
}

// whenEditable is fn behind the editable check, for keys, menus and buttons.
func (d *Desk) whenEditable(fn func()) func() {
	return func() {
		if d.editable() {
			fn()
		}
	}
}

// errReadOnly is the error a write refused on a read-only project returns.
func (d *Desk) errReadOnly() error {
	return annotate.Errorf(annotate.EINVALID, "read-only project: %s cannot be written; open a copy you can write to change it", d.svc.Path)
}

// disableFields disables every field and button under o on a read-only
// project, so that an editor shows its annotation without changing it.
func (d *Desk) disableFields(o fyne.CanvasObject) {
	if !d.svc.ReadOnly {
		return
	}
	walk(o, func(o fyne.CanvasObject) {
		if w, ok := o.(fyne.Disableable); ok {
			w.Disable()
		}
	})
}

// walk calls fn on o and the objects inside it: containers' objects, forms'
// fields, cards', scrolls' and splits' content. A form itself is not passed
// to fn: disabling one only greys its submit button.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	switch x := o.(type) {
	case nil:
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
		return
	case *widget.Form:
		for _, it := range x.Items {
			walk(it.Widget, fn)
		}
		return
	case *widget.Card:
		walk(x.Content, fn)
	case *container.Scroll:
		walk(x.Content, fn)
	case *container.Split:
		walk(x.Leading, fn)
		walk(x.Trailing, fn)
	}
	fn(o)
}
