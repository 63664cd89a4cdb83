package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// anchorKeys is what the status line says when an anchor field has focus.
const anchorKeys = "span: → ← grow or shrink the end a word, Shift+← → the start; Enter sets it to the selection"

// anchorField shows one anchor of an annotation (a claim's piece, a note's
// target, a content piece, a source, a cue) in a box of fixed height, so
// that a long quote never moves the fields below it, and fixes the anchor
// from the keyboard once focused (tap it or Tab to it): the arrows grow or
// shrink it a word at a time, Enter sets it to the selection, Delete
// clears it when it may be empty. Steps on one field make one undo step.
type anchorField struct {
	widget.BaseWidget
	desk   *Desk
	anchor *annotate.Anchor // nil when not set
	// set saves the anchor (nil to clear) under key, which merges the
	// steps; an empty key rebuilds the editor. It reports whether the
	// change was made.
	set   func(a *annotate.Anchor, key string) bool
	key   string
	lines int  // the box's height in lines of text
	clear bool // the anchor may be cleared
	// clearButton clears it (anchorFieldRow), nil without one.
	clearButton *widget.Button
	label       *widget.Label
	frame       *canvas.Rectangle
	focused     bool
	shift       bool
	disabled    bool
}

func newAnchorField(d *Desk, a *annotate.Anchor, lines int, key string, set func(*annotate.Anchor, string) bool) *anchorField {
	f := &anchorField{desk: d, set: set, key: key, lines: lines, label: widget.NewLabel("")}
	if a != nil {
		c := *a
		f.anchor = &c
	}
	if lines > 1 {
		f.label.Wrapping = fyne.TextWrapWord
	} else {
		f.label.Truncation = fyne.TextTruncateEllipsis
	}
	f.frame = canvas.NewRectangle(color.Transparent)
	f.frame.StrokeWidth = 1
	f.frame.CornerRadius = theme.InputRadiusSize()
	f.showText()
	f.ExtendBaseWidget(f)
	return f
}

func (f *anchorField) showText() {
	if f.anchor == nil {
		f.label.SetText("(none)")
		return
	}
	if f.lines > 1 {
		f.label.SetText("“" + f.anchor.Exact + "”")
		return
	}
	f.label.SetText(quote(f.anchor.Exact))
}

// Text is the quote the field shows, for tests.
func (f *anchorField) Text() string { return f.label.Text }

func (f *anchorField) CreateRenderer() fyne.WidgetRenderer {
	var body fyne.CanvasObject = f.label
	if f.lines > 1 {
		s := container.NewVScroll(f.label)
		s.SetMinSize(fyne.NewSize(40, float32(f.lines)*lineHeight()+2*theme.InnerPadding()))
		body = s
	}
	return widget.NewSimpleRenderer(container.NewStack(f.frame, body))
}

// lineHeight is the height of one line of the theme's text.
func lineHeight() float32 {
	return fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
}

func (f *anchorField) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil && !f.disabled {
		c.Focus(f)
	}
}

func (f *anchorField) FocusGained() {
	f.focused = true
	f.frame.StrokeColor = theme.Color(theme.ColorNameFocus)
	f.frame.Refresh()
	f.desk.setStatus(anchorKeys)
}

func (f *anchorField) FocusLost() {
	f.focused, f.shift = false, false
	f.frame.StrokeColor = color.Transparent
	f.frame.Refresh()
}

func (f *anchorField) TypedRune(rune) {}

// KeyDown and KeyUp follow Shift, which moves the start instead of the end.
func (f *anchorField) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		f.shift = true
	}
}

func (f *anchorField) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		f.shift = false
	}
}

func (f *anchorField) TypedKey(ev *fyne.KeyEvent) {
	if f.disabled {
		return
	}
	switch ev.Name {
	case fyne.KeyRight:
		f.step(!f.shift, !f.shift)
	case fyne.KeyLeft:
		f.step(!f.shift, f.shift)
	case fyne.KeyReturn, fyne.KeyEnter:
		f.setToSelection()
	case fyne.KeyDelete, fyne.KeyBackspace:
		if f.clear && f.anchor != nil && f.set(nil, f.key) {
			f.anchor = nil
			f.showText()
		}
	case fyne.KeyEscape:
		if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
			c.Focus(f.desk.view)
		}
	}
}

// step grows or shrinks the end (atEnd) or the start of the anchor by a word.
func (f *anchorField) step(atEnd, grow bool) {
	t := f.desk.text
	if f.anchor == nil || t == nil {
		f.desk.setStatus("set the span to the selection first (Enter)")
		return
	}
	stepWord := t.ShrinkWord
	if grow {
		stepWord = t.GrowWord
	}
	a, ok := stepWord(*f.anchor, atEnd)
	if !ok {
		f.desk.setStatus("the span cannot move further that way")
		return
	}
	if f.set(&a, f.key) {
		f.anchor = &a
		f.showText()
		f.desk.setStatus(anchorKeys)
	}
}

// setToSelection sets the anchor to the article's selection.
func (f *anchorField) setToSelection() {
	sel, ok := f.desk.textSelection("select the text in the article first")
	if ok && f.set(&sel, f.key) {
		f.anchor = &sel
		f.showText()
	}
}

// Disable and Enable follow the read-only project: a disabled field takes
// no keys.
func (f *anchorField) Disable()       { f.disabled = true }
func (f *anchorField) Enable()        { f.disabled = false }
func (f *anchorField) Disabled() bool { return f.disabled }

// anchorFieldRow is an anchor field with a button that sets it to the selection
// and, when clear is set, one that clears it; the buttons stay in place
// whatever the quote's length.
func (d *Desk) anchorFieldRow(f *anchorField, setLabel string, clear bool) fyne.CanvasObject {
	f.clear = clear
	setButton := widget.NewButton(setLabel, func() {
		if sel, ok := d.textSelection("select the text in the article first"); ok {
			f.set(&sel, "")
		}
	})
	buttons := container.NewHBox(setButton)
	if clear {
		clearButton := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { f.set(nil, "") })
		if f.anchor == nil {
			clearButton.Disable()
		}
		buttons.Add(clearButton)
		f.clearButton = clearButton
	}
	return container.NewBorder(nil, nil, nil, buttons, f)
}

// anchorRow shows an optional span with a button that sets it to the
// selection and one that clears it (the Suggestions tab's proposals use it;
// editors of saved annotations use anchorFieldRow).
func (d *Desk) anchorRow(a *annotate.Anchor, setLabel string, set func(*annotate.Anchor)) fyne.CanvasObject {
	text := "(none)"
	if a != nil {
		text = quote(a.Exact)
	}
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	setButton := widget.NewButton(setLabel, func() {
		if sel, ok := d.textSelection("select the text in the article first"); ok {
			set(&sel)
		}
	})
	clearButton := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { set(nil) })
	if a == nil {
		clearButton.Disable()
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(setButton, clearButton), label)
}
