// Package textview provides View, Factmark's article pane: a read-only,
// word-wrapped, virtualised text widget. It owns the on-screen layout of the
// article (lazy wrapping, its own scrolling and scroll bar), the user's
// selection as code-point offsets (mouse, double-click and keyboard), the
// drawing of annotation highlights behind the text, and captions in a margin
// left of it (a transcript's speakers). What a selection, a highlight or a
// caption means is the caller's business.
package textview

import (
	"image/color"
	"maps"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Highlight is a coloured range of code points.
type Highlight struct {
	Start, End int         // code-point offsets into the text, Start < End
	Color      color.Color // an opaque colour is drawn translucent so text stays readable
	ID         string      // the caller's identifier, handed back by OnHighlightTapped
	Dashed     bool        // pale/suggested style: outline with a light fill
	// Group names the highlights SetHighlightsFor replaces together (say,
	// the parts of one annotation); SetHighlightsFor sets it.
	Group string
}

// View shows a text with highlights and lets the user select in it. All
// offsets are Unicode code points (rune indices), never bytes. Only the
// visible lines exist as canvas objects, so it stays fast on megabyte texts.
// Use it from the Fyne main goroutine only, like any widget.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called whenever the selection changes, by the
	// user or by SetSelection/SetText, with start <= end (equal: none).
	OnSelectionChanged func(start, end int)
	// OnDragSelected is called when a drag of the pointer that selected
	// text ends, with the selection it left (start <= end; equal: none).
	OnDragSelected func(start, end int)
	// OnHighlightTapped is called on a single click (no drag) on a
	// highlighted character, with its shortest (topmost) highlight; another
	// click where the same highlights overlap hands over the next of them,
	// in turn.
	OnHighlightTapped func(h Highlight)
	// OnTypedRune receives every typed rune; the view consumes none.
	OnTypedRune func(r rune)
	// OnTypedKey receives the keys the view does not consume (it consumes
	// Up/Down, PageUp/PageDown, Home/End and Shift+arrows).
	OnTypedKey func(*fyne.KeyEvent)
	// OnSecondaryTapped is called on a right click; the caller builds the menu.
	OnSecondaryTapped func(pe *fyne.PointEvent)

	doc      document
	hl       hlIndex
	mg       margin // labels left of the text (margin.go)
	wc       wrapCache
	m        metrics
	scr      scrollState
	sel      selection
	ptr      pointerState
	size     fyne.Size
	pending  int     // offset ScrollToOffset awaits a size for, or -1
	textSize float32 // set by SetTextSize; 0 follows the theme
	shift    bool    // a Shift key is held (from desktop.Keyable)
	gen      int     // counts SetText calls, so cached line images of an old text are dropped
}

// Interfaces the view implements for the Fyne drivers.
var (
	_ fyne.Focusable         = (*View)(nil)
	_ fyne.Tappable          = (*View)(nil)
	_ fyne.DoubleTappable    = (*View)(nil)
	_ fyne.SecondaryTappable = (*View)(nil)
	_ fyne.Draggable         = (*View)(nil)
	_ fyne.Scrollable        = (*View)(nil)
	_ fyne.Shortcutable      = (*View)(nil)
	_ desktop.Mouseable      = (*View)(nil)
	_ desktop.Keyable        = (*View)(nil)
	_ desktop.Cursorable     = (*View)(nil)
)

// New returns an empty view.
func New() *View {
	v := &View{doc: newDocument(""), pending: -1}
	v.wc.widths = map[string]float32{}
	v.resetWrap()
	v.ExtendBaseWidget(v)
	return v
}

// SetText replaces the text (NFC, '\n' line ends; each '\n' ends a
// paragraph), scrolls to the top and clears the selection. It measures
// nothing: paragraphs are wrapped when they become visible.
func (v *View) SetText(text string) {
	v.doc = newDocument(text)
	v.mg.labels, v.mg.want = nil, 0
	v.gen++
	v.scr, v.pending = scrollState{}, -1
	v.resetWrap()
	v.setSelection(0, 0)
	v.Refresh()
}

// Text returns the text.
func (v *View) Text() string { return v.doc.text }

// SetTextSize sets the font size and re-wraps; 0 follows the theme's text size.
func (v *View) SetTextSize(size float32) {
	v.textSize = size
	v.Refresh()
}

// SetHighlights replaces the highlights; they may come in any order and overlap.
func (v *View) SetHighlights(hs []Highlight) {
	v.hl = newHLIndex(hs)
	v.Refresh()
}

// SetHighlightsFor replaces the highlights of each group named in groups
// with the group's slice (empty: the group's highlights go) and leaves the
// others as they are: a change to one annotation costs a few binary
// searches, not a rebuild of every highlight, and a group given the
// highlights it has costs a comparison and no redraw. The new highlights
// are drawn after the older ones.
func (v *View) SetHighlightsFor(groups map[string][]Highlight) {
	if len(groups) == 0 {
		return
	}
	changed := false
	for _, g := range slices.Sorted(maps.Keys(groups)) { // in a fixed drawing order
		changed = v.hl.setGroup(g, groups[g]) || changed
	}
	if changed {
		v.Refresh()
	}
}

// Highlights returns every highlight, in order of start, for tests.
func (v *View) Highlights() []Highlight { return v.hl.all() }

// HighlightsAt returns the highlights covering the character at offset,
// shortest (topmost) first.
func (v *View) HighlightsAt(offset int) []Highlight {
	return v.hl.at(offset)
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	v.ready()
	return &renderer{v: v}
}

// MinSize is part of fyne.CanvasObject: a few words by one line.
func (v *View) MinSize() fyne.Size {
	v.ready()
	return fyne.NewSize(2*v.m.pad+10*v.m.textSize, 2*v.m.pad+v.m.lineH)
}

// resize records the view's size and re-wraps if its width changed.
func (v *View) resize(size fyne.Size) {
	v.size = size
	v.ready()
	v.refit(false)
	if v.pending >= 0 && size.Height > 0 {
		off := v.pending
		v.pending = -1
		v.scrollTo(off)
	}
}

// refit re-wraps when forced (the font changed) or when the wrap width
// changed, keeping the top line's text in place.
func (v *View) refit(force bool) {
	if w := v.wrapWidth(); force || w != v.wc.width {
		v.rewrap(func() { v.wc.width = w })
	}
	v.clampBottom()
}

// wrapWidth is the width lines wrap to: the view minus its padding and
// the margin's labels, at most the reading column's width.
func (v *View) wrapWidth() float32 {
	return min(max(v.size.Width-2*v.m.pad-v.marginRoom(), 0), v.columnWidth())
}

// columnChars is the line length, in characters of running text, that
// reads comfortably; a wider view centres a column of it.
const columnChars = 80

// columnWidth is the width of the reading column in the view's font.
func (v *View) columnWidth() float32 { return columnChars * v.m.charW }

// left is where the text's left edge is in the view: after the padding,
// and half the room the column leaves free on a wide view, or the margin's
// labels where that is less.
func (v *View) left() float32 {
	return v.m.pad + max(max(v.size.Width-2*v.m.pad-v.wc.width, 0)/2, v.marginRoom())
}

// rewrap applies change (a new width or font) and re-estimates every
// paragraph, keeping the scroll position on the same text.
func (v *View) rewrap(change func()) {
	off := v.topOffset()
	change()
	v.resetWrap()
	p, l := v.lineOf(off)
	v.scr = scrollState{para: p, line: l}
}

// topOffset returns the first code point of the top line (of its paragraph
// while that is not wrapped).
func (v *View) topOffset() int {
	if v.scr.para >= len(v.wc.lines) || v.wc.lines[v.scr.para] == nil {
		return v.doc.paras[min(v.scr.para, len(v.doc.paras)-1)].start
	}
	return v.wc.lines[v.scr.para][v.scr.line].start
}
