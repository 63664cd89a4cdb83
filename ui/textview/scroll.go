package textview

import (
	"math"

	"fyne.io/fyne/v2"
)

// scrollState is the scroll position: the top line as paragraph + line, and
// how many pixels of it are scrolled above the text area (0 <= dy < line height).
type scrollState struct {
	para, line int
	dy         float32
}

// Scrolled scrolls the view by a mouse wheel or touchpad event.
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	if v.scrollPixels(-ev.Scrolled.DY) {
		v.Refresh()
	}
}

// ScrollToOffset brings the line holding offset into view, about a third of
// the way down the view. Before the view has a size, it does so on the
// first layout.
func (v *View) ScrollToOffset(offset int) {
	v.ready()
	v.scrollTo(offset)
	v.Refresh()
}

// scrollTo is ScrollToOffset without the refresh.
func (v *View) scrollTo(offset int) {
	if v.size.Height <= 0 {
		v.pending = offset
		return
	}
	p, l := v.lineOf(clamp(offset, 0, v.doc.size))
	third := int(v.viewHeight() / 3 / v.m.lineH)
	p, l, _ = v.stepLines(p, l, -third)
	v.scr = scrollState{para: p, line: l}
	v.clampBottom()
}

// viewHeight is the height of the text area inside the padding.
func (v *View) viewHeight() float32 {
	return max(v.size.Height-2*v.m.pad, v.m.lineH)
}

// stepLines returns the line k lines after paragraph p's line l (before it
// for k < 0), wrapping the paragraphs it crosses. clamped is -1 or +1 when
// the walk stopped at the start or end of the text.
func (v *View) stepLines(p, l, k int) (para, idx, clamped int) {
	for k > 0 {
		rest := len(v.linesOf(p)) - 1 - l
		if k <= rest {
			return p, l + k, 0
		}
		if p == len(v.doc.paras)-1 {
			return p, l + rest, 1
		}
		k -= rest + 1
		p, l = p+1, 0
	}
	for k < 0 {
		if -k <= l {
			return p, l + k, 0
		}
		if p == 0 {
			v.linesOf(0)
			return 0, 0, -1
		}
		k += l + 1
		p--
		l = len(v.linesOf(p)) - 1
	}
	v.linesOf(p)
	return p, l, 0
}

// scrollPixels scrolls by d pixels (d > 0 moves the text up) and reports
// whether the position changed.
func (v *View) scrollPixels(d float32) bool {
	v.ready()
	old := v.scr
	total := v.scr.dy + d
	k := int(math.Floor(float64(total / v.m.lineH)))
	p, l, clamped := v.stepLines(v.scr.para, v.scr.line, k)
	v.scr = scrollState{para: p, line: l, dy: total - float32(k)*v.m.lineH}
	if clamped != 0 {
		v.scr.dy = 0
	}
	v.clampBottom()
	return v.scr != old
}

// clampBottom scrolls back up when the text would end above the bottom of
// the view; it wraps only paragraphs that are visible.
func (v *View) clampBottom() {
	need := v.viewHeight() + v.scr.dy
	h := float32(0)
	p, l := v.scr.para, v.scr.line
	for h < need {
		h += float32(len(v.linesOf(p))-l) * v.m.lineH
		if p == len(v.doc.paras)-1 {
			break
		}
		p, l = p+1, 0
	}
	if h >= need {
		return
	}
	total := v.scr.dy - (need - h)
	k := int(math.Floor(float64(total / v.m.lineH)))
	p, l, clamped := v.stepLines(v.scr.para, v.scr.line, k)
	v.scr = scrollState{para: p, line: l, dy: total - float32(k)*v.m.lineH}
	if clamped != 0 {
		v.scr.dy = 0
	}
}

// scrollHome and scrollEnd jump to the start and end of the text.
func (v *View) scrollHome() { v.scr = scrollState{} }

func (v *View) scrollEnd() {
	last := len(v.doc.paras) - 1
	v.scr = scrollState{para: last, line: len(v.linesOf(last)) - 1}
	v.clampBottom()
}

// revealLine scrolls the least needed to show paragraph p's line l whole.
func (v *View) revealLine(p, l int) {
	first := v.scr
	if p < first.para || (p == first.para && l <= first.line) {
		v.scr = scrollState{para: p, line: l}
		return
	}
	rows := max(int(v.viewHeight()/v.m.lineH), 1)
	bp, bl, _ := v.stepLines(p, l, -(rows - 1))
	if bp > first.para || (bp == first.para && bl > first.line) {
		v.scr = scrollState{para: bp, line: bl}
		v.clampBottom()
	}
}

// barGeometry returns the scroll bar thumb's top and height in view
// coordinates; ok is false when everything fits and no bar is drawn.
func (v *View) barGeometry() (y, h float32, ok bool) {
	total := float32(v.wc.counts.total())
	rows := v.viewHeight() / v.m.lineH
	if total <= rows {
		return 0, 0, false
	}
	track := v.size.Height
	h = max(track*rows/total, 2*v.m.pad)
	top := v.topLine()
	y = (track - h) * top / (total - rows)
	return min(max(y, 0), track-h), h, true
}

// topLine returns the scroll position as a fractional global line number.
func (v *View) topLine() float32 {
	return float32(v.wc.counts.before(v.scr.para)+v.scr.line) + v.scr.dy/v.m.lineH
}

// dragBar moves the thumb by dy pixels.
func (v *View) dragBar(dy float32) {
	y, h, ok := v.barGeometry()
	if !ok || v.size.Height <= h {
		return
	}
	rows := v.viewHeight() / v.m.lineH
	total := float32(v.wc.counts.total())
	v.scrollToLine((y + dy) * (total - rows) / (v.size.Height - h))
}

// scrollToLine scrolls to a fractional global line number, using estimated
// line counts for paragraphs not wrapped yet.
func (v *View) scrollToLine(g float32) {
	g = max(g, 0)
	p, l := v.wc.counts.find(int(g))
	l = min(l, len(v.linesOf(p))-1)
	v.scr = scrollState{para: p, line: l, dy: (g - float32(int(g))) * v.m.lineH}
	v.clampBottom()
}

// inBar reports whether a view position is over the scroll bar's strip.
func (v *View) inBar(pos fyne.Position) bool {
	_, _, ok := v.barGeometry()
	return ok && pos.X >= v.size.Width-v.m.pad
}
