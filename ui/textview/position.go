package textview

import "fyne.io/fyne/v2"

// PositionOf returns where, in the view's coordinates, the caret before
// offset stands (at the vertical middle of its line), and false when that
// line is not on screen. It is the inverse of OffsetAt, for callers that
// place popups or drive the view in tests.
func (v *View) PositionOf(offset int) (fyne.Position, bool) {
	if offset < 0 || offset > v.doc.size {
		return fyne.Position{}, false
	}
	p, i := v.lineOf(offset)
	l := v.wc.lines[p][i]
	for _, vl := range v.visibleLines(nil) {
		if vl.start == l.start {
			return fyne.NewPos(v.left()+v.xAt(l, offset), vl.y+v.m.lineH/2), true
		}
	}
	return fyne.Position{}, false
}

// VisibleCarets calls fn with every caret offset on the lines wholly in view
// and where, in the view's coordinates, it stands (at the vertical middle of
// its line), in text order: what a script driving the real window needs to
// select text with the pointer.
func (v *View) VisibleCarets(fn func(offset int, pos fyne.Position)) {
	for _, vl := range v.visibleLines(nil) {
		if vl.y < 0 || vl.y+v.m.lineH > v.size.Height {
			continue
		}
		for off := vl.start; off <= vl.end; off++ {
			fn(off, fyne.NewPos(v.left()+v.xAt(vl.line, off), vl.y+v.m.lineH/2))
		}
	}
}
