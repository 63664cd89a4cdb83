package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// reviewKey is one key of the Suggestions list, for its hint and for the
// desk's table of commands.
type reviewKey struct {
	Keys, Action string
}

// reviewKeys are the keys the Suggestions list takes while it has the
// keyboard (it has it after Suggest and after a click on a suggestion or its
// highlight). They follow the annotation tools reviewers know: Prodigy's A
// accept, X reject, Space skip and Backspace undo; doccano's Down/Up for
// next/previous; Enter and Delete as everywhere else; J/K for the left hand
// while the right one holds the mouse. A span moves the way the arrow
// points: Alt moves its start, Alt+Shift its end.
var reviewKeys = []reviewKey{
	{"A, Enter", "accept the suggestion"},
	{"X, R, Delete", "reject the suggestion"},
	{"J, Down, Right, Space", "next suggestion"},
	{"K, Up, Left", "previous suggestion"},
	{"Home, End", "first, last suggestion"},
	{"E", "edit: go to the attribution's speaker (Enter there comes back)"},
	{"Backspace", "undo the last change"},
	{"S", "set the adjusted span to the article's selection"},
	{"D", "change the kind: direct, indirect, mixed"},
	{"T", "split off a content piece as an attribution of its own (same source, no cue)"},
	{"Alt+Up, Alt+Down", "adjust the previous, next span of the suggestion"},
	{"Alt+Left, Alt+Right", "move the span's start a word left (grow), right (shrink)"},
	{"Alt+Shift+Left, Alt+Shift+Right", "move the span's end a word left (shrink), right (grow)"},
}

// reviewKeysText is the short form of reviewKeys for hints.
const reviewKeysText = "A accept, X reject, J/K next/previous, E edit, Alt+arrows move the span a word"

// reviewList is the Suggestions list, taking the review keys while focused.
type reviewList struct {
	widget.List
	p   *suggestionsPanel
	sel widget.ListItemID // the selected row, or -1
}

func newReviewList(p *suggestionsPanel) *reviewList {
	l := &reviewList{p: p, sel: -1}
	l.OnUnselected = func(widget.ListItemID) { l.sel = -1 }
	l.Length = func() int { return len(p.shown) }
	l.CreateItem = func() fyne.CanvasObject {
		lb := widget.NewLabel("")
		lb.Truncation = fyne.TextTruncateEllipsis
		return lb
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i].label()) }
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey handles the review keys that are not characters.
func (l *reviewList) TypedKey(ev *fyne.KeyEvent) {
	p := l.p
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		p.acceptCurrent()
	case fyne.KeyDelete:
		p.rejectCurrent()
	case fyne.KeyDown, fyne.KeyRight, fyne.KeySpace:
		p.step(+1)
	case fyne.KeyUp, fyne.KeyLeft:
		p.step(-1)
	case fyne.KeyHome:
		p.step(-len(p.shown))
	case fyne.KeyEnd:
		p.step(len(p.shown))
	case fyne.KeyBackspace:
		p.desk.whenEditable(p.desk.undo)()
	}
}

// TypedRune handles the review keys that are characters.
func (l *reviewList) TypedRune(r rune) {
	p := l.p
	switch r {
	case 'a', 'A':
		p.acceptCurrent()
	case 'x', 'X', 'r', 'R':
		p.rejectCurrent()
	case 'j', 'J':
		p.step(+1)
	case 'k', 'K':
		p.step(-1)
	case 'e', 'E':
		p.editCurrent()
	case 's', 'S':
		p.setSpanToSelection()
	case 'd', 'D':
		p.desk.cycleKind()
	case 't', 'T':
		p.splitPiece()
	case 'm', 'M': // the claim marker, which the review does not change
		p.desk.typedRune(r)
	}
}

// TypedShortcut handles the Alt span keys; other shortcuts go to the
// window's, as from the article view.
func (l *reviewList) TypedShortcut(s fyne.Shortcut) {
	if c, ok := s.(*desktop.CustomShortcut); ok && l.p.spanShortcut(c.KeyName, c.Modifier) {
		return
	}
	windowShortcut(l, s)
}

// windowShortcut hands a shortcut a focused widget does not take to the
// window of o, where the desk's commands are bound; false when o is in no
// window that takes shortcuts.
func windowShortcut(o fyne.CanvasObject, s fyne.Shortcut) bool {
	c, ok := fyne.CurrentApp().Driver().CanvasForObject(o).(interface{ TypedShortcut(fyne.Shortcut) })
	if ok {
		c.TypedShortcut(s)
	}
	return ok
}

// FocusGained and FocusLost leave out the list's own focus mark, which
// follows the list's arrow keys, not the selection these keys move.
func (l *reviewList) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (l *reviewList) FocusLost() {}

// spanShortcut moves the adjusted span for Alt(+Shift)+arrow; it reports
// whether the shortcut was one of those.
func (p *suggestionsPanel) spanShortcut(key fyne.KeyName, mod fyne.KeyModifier) bool {
	switch {
	case mod == fyne.KeyModifierAlt && key == fyne.KeyLeft:
		p.stepSpan(true, false)
	case mod == fyne.KeyModifierAlt && key == fyne.KeyRight:
		p.stepSpan(false, false)
	case mod == fyne.KeyModifierAlt|fyne.KeyModifierShift && key == fyne.KeyLeft:
		p.stepSpan(false, true)
	case mod == fyne.KeyModifierAlt|fyne.KeyModifierShift && key == fyne.KeyRight:
		p.stepSpan(true, true)
	case mod == fyne.KeyModifierAlt && key == fyne.KeyUp:
		p.choosePart(-1)
	case mod == fyne.KeyModifierAlt && key == fyne.KeyDown:
		p.choosePart(+1)
	default:
		return false
	}
	return true
}

// spanRefs are the proposal's spans a user can adjust, with their names.
func (s *proposal) spanRefs() (names []string, refs []*annotate.Anchor) {
	if s.sent != nil {
		return []string{"Claim"}, []*annotate.Anchor{&s.sent.Anchor}
	}
	if s.attr.Source != nil {
		names, refs = append(names, "Source"), append(refs, s.attr.Source)
	}
	if s.attr.Cue != nil {
		names, refs = append(names, "Cue"), append(refs, s.attr.Cue)
	}
	for i := range s.attr.Content {
		names, refs = append(names, fmt.Sprintf("Content %d", i+1)), append(refs, &s.attr.Content[i])
	}
	return names, refs
}

// activeSpan is the span the span keys adjust: the one chosen, else the
// claim or the first content piece, the spans most often slightly wrong.
func (s *proposal) activeSpan() (string, *annotate.Anchor) {
	names, refs := s.spanRefs()
	want := s.part
	if want == "" {
		want = "Content 1"
	}
	for i, n := range names {
		if n == want {
			return n, refs[i]
		}
	}
	for i, n := range names {
		if n == "Claim" || n == "Content 1" {
			return n, refs[i]
		}
	}
	return "", nil
}

// choosePart makes the span k places on the adjusted one, stopping at the ends.
func (p *suggestionsPanel) choosePart(k int) {
	s := p.current
	if s == nil {
		return
	}
	names, _ := s.spanRefs()
	cur, _ := s.activeSpan()
	i := 0
	for j, n := range names {
		if n == cur {
			i = j
		}
	}
	s.part = names[min(max(i+k, 0), len(names)-1)]
	p.spanChanged()
}

// stepSpan grows or shrinks the adjusted span a word at one edge.
func (p *suggestionsPanel) stepSpan(grow, atEnd bool) {
	d := p.desk
	s := p.current
	if s == nil || !d.editable() {
		return
	}
	name, ref := s.activeSpan()
	if ref == nil {
		return
	}
	step, verb := d.text.ShrinkWord, "shrink"
	if grow {
		step, verb = d.text.GrowWord, "grow"
	}
	got, ok := step(*ref, atEnd)
	if !ok {
		edge := "start"
		if atEnd {
			edge = "end"
		}
		d.setStatus(fmt.Sprintf("the %s cannot %s further at its %s", name, verb, edge))
		return
	}
	*ref = got
	p.spanChanged()
}

// setSpanToSelection sets the adjusted span to the article's selection.
func (p *suggestionsPanel) setSpanToSelection() {
	s := p.current
	if s == nil || !p.desk.editable() {
		return
	}
	_, ref := s.activeSpan()
	sel, ok := p.desk.textSelection("select the text in the article first")
	if ref == nil || !ok {
		return
	}
	*ref = sel
	p.spanChanged()
}

// spanChanged shows a proposal's changed span: its label, editor and
// highlight, with the adjusted span selected in the article.
func (p *suggestionsPanel) spanChanged() {
	s := p.current
	if s.attr != nil {
		annotate.SortAnchors(s.attr.Content)
	}
	p.list.Refresh()
	p.showEditor()
	p.desk.view.SetHighlights(p.desk.highlights())
	if name, ref := s.activeSpan(); ref != nil {
		p.desk.view.SetSelection(ref.Start, ref.End)
		p.desk.setStatus(fmt.Sprintf("%s: %s", name, quote(ref.Exact)))
	}
}

// editCurrent moves the keyboard to the proposal's first field; a claim has
// none to type in, so the status line says how its span is changed.
func (p *suggestionsPanel) editCurrent() {
	if p.current == nil || !p.desk.editable() {
		return
	}
	if p.firstField == nil {
		p.desk.setStatus("a claim has nothing to type: move its span a word with Alt+arrows, or select text in the article and press S")
		return
	}
	p.desk.win.Canvas().Focus(p.firstField)
}

// decisionBar holds the review buttons at the top of the Suggestions
// editor, outside its scroll, so that they neither move with the
// proposal's length nor fall below the fold.
type decisionBar struct {
	p                                *suggestionsPanel
	accept, reject, prev, next       *widget.Button
	part                             *guardedSelect
	toSel                            *widget.Button
	startOut, startIn, endIn, endOut *widget.Button
	content                          fyne.CanvasObject
}

func newDecisionBar(p *suggestionsPanel) *decisionBar {
	b := &decisionBar{p: p}
	b.accept = widget.NewButtonWithIcon("Accept (A)", theme.ConfirmIcon(), p.acceptCurrent)
	b.accept.Importance = widget.HighImportance
	b.reject = widget.NewButtonWithIcon("Reject (X)", theme.CancelIcon(), p.rejectCurrent)
	b.prev = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { p.step(-1) })
	b.next = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { p.step(+1) })
	b.part = newSelect(nil, func(name string) {
		if p.current != nil && name != "" && name != p.current.part {
			if cur, _ := p.current.activeSpan(); cur != name {
				p.current.part = name
				p.spanChanged()
			}
		}
	})
	b.toSel = widget.NewButton("To selection (S)", p.setSpanToSelection)
	b.startOut = widget.NewButton("◂ start", func() { p.stepSpan(true, false) })
	b.startIn = widget.NewButton("start ▸", func() { p.stepSpan(false, false) })
	b.endIn = widget.NewButton("◂ end", func() { p.stepSpan(false, true) })
	b.endOut = widget.NewButton("end ▸", func() { p.stepSpan(true, true) })
	b.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(b.prev, b.next), container.NewGridWithColumns(2, b.accept, b.reject)),
		container.NewBorder(nil, nil, widget.NewLabel("Span"), b.toSel, b.part),
		container.NewGridWithColumns(4, b.startOut, b.startIn, b.endIn, b.endOut),
		widget.NewSeparator(),
	)
	return b
}

// update enables the buttons for the current proposal and lists its spans:
// moving on works in a read-only project, deciding and adjusting do not.
func (b *decisionBar) update() {
	s := b.p.current
	move := []*widget.Button{b.prev, b.next}
	change := []*widget.Button{b.accept, b.reject, b.toSel, b.startOut, b.startIn, b.endIn, b.endOut}
	enable(move, s != nil)
	enable(change, s != nil && !b.p.desk.svc.ReadOnly)
	if s == nil {
		b.part.Options = nil
		b.part.ClearSelected()
		b.part.Disable()
		return
	}
	names, _ := s.spanRefs()
	cur, _ := s.activeSpan()
	b.part.Options = names
	b.part.Enable()
	b.part.SetSelected(cur)
}

func enable(buttons []*widget.Button, on bool) {
	for _, w := range buttons {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// selected is the list's selection, for tests.
func (l *reviewList) selected() []widget.ListItemID {
	if l.sel < 0 {
		return nil
	}
	return []widget.ListItemID{l.sel}
}
