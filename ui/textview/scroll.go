package textview

import (
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
	v.scrollBy(d)
	v.clampBottom()
	return v.scr != old
}

// scrollBy moves the top line by d pixels, stopping at the text's ends.
func (v *View) scrollBy(d float32) {
	p, l, dy, clamped := v.walk(v.scr.para, v.scr.line, v.scr.dy+d)
	if clamped != 0 {
		dy = 0
	}
	v.scr = scrollState{para: p, line: l, dy: dy}
}

// pitch is the height paragraph p's line l takes: a line, and the
// paragraph gap after a paragraph's last line. An empty paragraph (a blank
// line between two others, as web pages, PDFs and most articles separate
// their paragraphs) takes none: the gap already parts the paragraphs, and
// a blank line on top of it read as a hole.
func (v *View) pitch(p, l int) float32 {
	switch {
	case v.blankPara(p):
		return 0
	case l == len(v.linesOf(p))-1:
		return v.m.lineH + v.m.paraGap
	}
	return v.m.lineH
}

// blankPara reports whether paragraph p is empty and not the only one.
func (v *View) blankPara(p int) bool {
	para := v.doc.paras[p]
	return para.n == 0 && len(v.doc.paras) > 1
}

// walk returns the line y pixels below the top of paragraph p's line l
// (above it for y < 0) and how far into that line y is; clamped is -1 or
// +1 when y is above the first or below the last line of the text.
func (v *View) walk(p, l int, y float32) (para, idx int, dy float32, clamped int) {
	for y < 0 {
		if p == 0 && l == 0 {
			return 0, 0, y, -1
		}
		if l--; l < 0 {
			p--
			l = len(v.linesOf(p)) - 1
		}
		y += v.pitch(p, l)
	}
	for y >= v.pitch(p, l) {
		if p == len(v.doc.paras)-1 && l == len(v.linesOf(p))-1 {
			return p, l, y, 1
		}
		y -= v.pitch(p, l)
		if l++; l == len(v.linesOf(p)) {
			p, l = p+1, 0
		}
	}
	return p, l, y, 0
}

// clampBottom scrolls back up when the text would end above the bottom of
// the view; it wraps only paragraphs that are visible.
func (v *View) clampBottom() {
	need := v.viewHeight() + v.scr.dy
	h := float32(0)
	p, l := v.scr.para, v.scr.line
	for h < need {
		if !v.blankPara(p) {
			h += float32(len(v.linesOf(p))-l)*v.m.lineH + v.m.paraGap
		}
		if p == len(v.doc.paras)-1 {
			break
		}
		p, l = p+1, 0
	}
	if h >= need {
		return
	}
	v.scrollBy(-(need - h))
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
	bp, bl := v.firstShowing(p, l)
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

// firstShowing is the topmost line from which paragraph p's line l still
// shows whole at the bottom of the view; at least that line itself.
func (v *View) firstShowing(p, l int) (para, idx int) {
	h := v.m.lineH
	for p > 0 || l > 0 {
		pp, pl := p, l-1
		if pl < 0 {
			pp--
			pl = len(v.linesOf(pp)) - 1
		}
		if h+v.pitch(pp, pl) > v.viewHeight() {
			break
		}
		h += v.pitch(pp, pl)
		p, l = pp, pl
	}
	return p, l
}
