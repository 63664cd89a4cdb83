package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// rowLabels keeps a panel's row labels by annotation, already measured and
// cut to the list's width. Fyne's list keeps a row object per position, so
// a claim added at the top of 10,000 moves every visible annotation to
// another row object: set there by text, each label would be shaped and
// truncated again (about 0.2 ms a row). Handing the row the annotation's
// own label instead costs a pointer swap; only a new annotation, a changed
// text or a new width measures anything.
type rowLabels struct {
	byID     map[string]*rowLabel
	bySlot   map[*fyne.Container]*rowLabel
	stamp    any                  // what the labels were drawn in (theme, variant, text size)
	limit    int                  // labels kept; those not on a row are dropped past it
	newLabel func() *widget.Label // makes a label for a new row (newRowLabel)
}

// rowLabel is one annotation's label and the row slot showing it, if any.
type rowLabel struct {
	label *widget.Label
	slot  *fyne.Container
}

// rowLabelLimit is enough for the rows of a tall window several times over.
const rowLabelLimit = 256

func newRowLabels() *rowLabels {
	return &rowLabels{byID: map[string]*rowLabel{}, bySlot: map[*fyne.Container]*rowLabel{}, limit: rowLabelLimit, newLabel: newRowLabel}
}

// newRowSlot is a list row's object: a stack that holds one annotation's
// label at a time.
func newRowSlot() fyne.CanvasObject { return container.NewStack(newRowLabel()) }

func newRowLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// bind shows the label of the annotation id, reading text, in the slot.
// stamp names the look the labels are drawn in: when it changes, every
// label kept is dropped, as one off the window missed the theme's refresh.
func (r *rowLabels) bind(slot *fyne.Container, id, text string, stamp any) {
	if stamp != r.stamp {
		clear(r.byID)
		clear(r.bySlot)
		r.stamp = stamp
	}
	rl := r.byID[id]
	if rl == nil {
		rl = &rowLabel{label: r.spare(slot)}
		r.byID[id] = rl
	}
	if rl.label.Text != text {
		rl.label.SetText(text)
	}
	if rl.slot == slot {
		return
	}
	if old := r.bySlot[slot]; old != nil && old != rl {
		old.slot = nil
	}
	if rl.slot != nil {
		// The slot it leaves is bound again in the same pass (the
		// list rebinds every row that changed), or not drawn.
		rl.slot.Objects = nil
		delete(r.bySlot, rl.slot)
	}
	rl.slot, r.bySlot[slot] = slot, rl
	slot.Objects = []fyne.CanvasObject{rl.label}
	// Not slot.Refresh: it would refresh the label, measuring it again.
	rl.label.Move(fyne.NewPos(0, 0))
	rl.label.Resize(slot.Size())
	canvas.Refresh(slot)
}

// spare is a label for a new annotation: the slot's own when no annotation
// kept claims it (a new slot's, or one kept past a theme change); past the
// limit, that of an annotation on no row, which is forgotten (set to the
// new text it costs what setting a plain row's label did); else a new one.
func (r *rowLabels) spare(slot *fyne.Container) *widget.Label {
	if r.bySlot[slot] == nil && len(slot.Objects) == 1 {
		if l, ok := slot.Objects[0].(*widget.Label); ok {
			return l
		}
	}
	if len(r.byID) >= r.limit {
		for id, rl := range r.byID {
			if rl.slot == nil {
				delete(r.byID, id)
				return rl.label
			}
		}
	}
	return r.newLabel()
}

// look is what a row label is drawn in, as far as the desk can change it.
type look struct {
	variant  fyne.ThemeVariant
	textSize float32
}

// lookStamp is the look the window is drawn in now.
func (d *Desk) lookStamp() any {
	v := d.app.Settings().ThemeVariant()
	if d.theme.forced {
		v = d.theme.variant
	}
	return look{variant: v, textSize: d.theme.textSize}
}
