package textview

import (
	"fyne.io/fyne/v2"
)

// visLine is a line on screen.
type visLine struct {
	line
	y    float32 // top of the line's box, in view coordinates
	last bool    // the last line of its paragraph
}

// visibleLines appends the lines that intersect the view to dst, wrapping
// the paragraphs they belong to.
func (v *View) visibleLines(dst []visLine) []visLine {
	v.ready()
	y := v.m.pad - v.scr.dy
	p, l := v.scr.para, v.scr.line
	for y < v.size.Height && p < len(v.doc.paras) {
		ls := v.linesOf(p)
		for ; l < len(ls) && y < v.size.Height; l++ {
			dst = append(dst, visLine{line: ls[l], y: y, last: l == len(ls)-1})
			y += v.pitch(p, l)
		}
		p, l = p+1, 0
	}
	return dst
}

// OffsetAt returns the caret offset (a code point index, on a character
// boundary) nearest to a position in the view. Above the text it gives 0,
// below it the text's length.
func (v *View) OffsetAt(pos fyne.Position) int {
	l, clamped := v.lineAtY(pos.Y)
	switch {
	case clamped < 0:
		return 0
	case clamped > 0:
		return v.doc.size
	}
	off, _ := v.hitLine(l, pos.X-v.left())
	return off
}

// charAt returns the offset of the character under pos, or -1 when pos is
// not over text.
func (v *View) charAt(pos fyne.Position) int {
	l, clamped := v.lineAtY(pos.Y)
	if clamped != 0 {
		return -1
	}
	_, ch := v.hitLine(l, pos.X-v.left())
	return ch
}

// lineAtY returns the line at height y of the view, even off screen;
// clamped is -1 or +1 above the first or below the last line of the text.
func (v *View) lineAtY(y float32) (l line, clamped int) {
	v.ready()
	p, i, _, clamped := v.walk(v.scr.para, v.scr.line, y-v.m.pad+v.scr.dy)
	v.linesOf(p)
	return v.wc.lines[p][i], clamped
}

// hitLine returns the caret offset nearest to x (relative to the text's left
// edge) in line l, and the character under x or -1 past the line's ends.
func (v *View) hitLine(l line, x float32) (off, char int) {
	if x < 0 {
		return l.start, -1
	}
	s := v.doc.text[l.bstart:l.bend]
	cx, r := float32(0), l.start
	for b := 0; b < len(s); {
		e, space := nextToken(s, b)
		tok := s[b:e]
		w := v.tokenWidth(tok, space)
		if x < cx+w && space {
			k := int((x - cx) / v.m.spaceW)
			if x-cx-float32(k)*v.m.spaceW > v.m.spaceW/2 {
				return r + k + 1, r + k
			}
			return r + k, r + k
		}
		if x < cx+w {
			return v.hitWord(tok, r, x-cx)
		}
		cx, r, b = cx+w, r+runeCount(tok), e
	}
	return l.end, -1
}

// hitWord is hitLine inside one word token starting at code point r.
func (v *View) hitWord(tok string, r int, x float32) (off, char int) {
	b, px := 0, float32(0)
	for b < len(tok) {
		nb := nextCluster(tok, b)
		nx := v.measure(tok[:nb])
		nr := r + runeCount(tok[b:nb])
		if x < nx {
			if x-px <= nx-x {
				return r, r
			}
			return nr, r
		}
		b, r, px = nb, nr, nx
	}
	return r, -1
}

// xAt returns the x of the caret before offset off in line l, relative to
// the text's left edge; it sums cached token widths.
func (v *View) xAt(l line, off int) float32 {
	s := v.doc.text[l.bstart:l.bend]
	x, r := float32(0), l.start
	for b := 0; b < len(s) && r < off; {
		e, space := nextToken(s, b)
		tok := s[b:e]
		n := runeCount(tok)
		if r+n <= off {
			x, r, b = x+v.tokenWidth(tok, space), r+n, e
			continue
		}
		if space {
			return x + float32(off-r)*v.m.spaceW
		}
		return x + v.measure(tok[:byteOfRune(tok, off-r)])
	}
	return x
}

// offsetVisible reports whether the line holding off is wholly in view.
func (v *View) offsetVisible(off int) bool {
	p, i := v.lineOf(off)
	start := v.wc.lines[p][i].start
	for _, vl := range v.visibleLines(nil) {
		if vl.start == start {
			return vl.y >= 0 && vl.y+v.m.textH <= v.size.Height
		}
	}
	return false
}
