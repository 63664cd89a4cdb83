package textview

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
)

// line is one wrapped line: its code-point and byte ranges in the document,
// without the paragraph's '\n'. Trailing spaces stay on the line they follow.
type line struct {
	start, end   int
	bstart, bend int
}

// wrapCache holds the wrapped lines of the paragraphs wrapped so far and an
// estimate for the others, plus the word widths measured so far.
type wrapCache struct {
	width  float32            // wrap width the lines are valid for
	lines  [][]line           // per paragraph; nil = not wrapped yet, count is estimated
	counts fenwick            // line count per paragraph, exact or estimated
	widths map[string]float32 // measured width of tokens and token prefixes
	sumW   float64            // width measured in wrapped paragraphs...
	sumN   int                // ...and their code points, for estimates
}

// measure returns the width of s in the view's font, from the cache when seen.
func (v *View) measure(s string) float32 {
	if w, ok := v.wc.widths[s]; ok {
		return w
	}
	w := fyne.MeasureText(s, v.m.textSize, fyne.TextStyle{}).Width
	v.wc.widths[s] = w
	return w
}

// tokenWidth returns the width of a token from nextToken.
func (v *View) tokenWidth(tok string, space bool) float32 {
	if space {
		return float32(len(tok)) * v.m.spaceW
	}
	return v.measure(tok)
}

// resetWrap forgets every wrapped line and estimates all paragraphs again
// for the current width; word widths are kept.
func (v *View) resetWrap() {
	n := len(v.doc.paras)
	v.wc.lines = make([][]line, n)
	counts := make([]int, n)
	for i := range v.doc.paras {
		counts[i] = v.estimate(v.doc.paras[i].n)
	}
	v.wc.counts.reset(counts)
}

// estimate guesses the line count of a paragraph of n code points from the
// average code-point width seen so far.
func (v *View) estimate(n int) int {
	if v.wc.width <= 0 || n == 0 {
		return 1
	}
	avg := 0.5 * float64(v.m.textSize)
	if v.wc.sumN > 0 {
		avg = v.wc.sumW / float64(v.wc.sumN)
	}
	return max(1, int(math.Ceil(float64(n)*avg/float64(v.wc.width))))
}

// linesOf returns paragraph i's lines, wrapping it first if needed.
func (v *View) linesOf(i int) []line {
	if v.wc.lines[i] == nil {
		ls := v.wrap(v.doc.paras[i])
		v.wc.lines[i] = ls
		v.wc.counts.set(i, len(ls))
	}
	return v.wc.lines[i]
}

// lineOf returns the paragraph and line index holding offset off; an offset
// at a wrap point belongs to the line it starts.
func (v *View) lineOf(off int) (para, idx int) {
	para = v.doc.paraAt(off)
	ls := v.linesOf(para)
	idx = sort.Search(len(ls), func(i int) bool { return ls[i].start > off }) - 1
	return para, max(idx, 0)
}

// wrap breaks paragraph p greedily at token boundaries to the cache's width.
func (v *View) wrap(p paragraph) []line {
	if v.wc.width <= 0 {
		return []line{{p.start, p.start + p.n, p.bstart, p.bstart + p.bn}}
	}
	w := wrapper{v: v, base: p.bstart, s: v.doc.text[p.bstart : p.bstart+p.bn], r: p.start, ls: p.start}
	for w.b < len(w.s) {
		w.token()
	}
	w.out = append(w.out, line{w.ls, p.start + p.n, p.bstart + w.lb, p.bstart + p.bn})
	v.wc.sumN += p.n
	v.wc.sumW += float64(w.total)
	return w.out
}

// wrapper is the state of one paragraph's wrapping.
type wrapper struct {
	v      *View
	s      string  // the paragraph
	base   int     // byte offset of s in the document
	b, r   int     // position: byte in s, code point in document
	lb, ls int     // current line start: byte in s, code point in document
	x      float32 // width of the current line so far
	total  float32 // width of all tokens, for estimates
	out    []line
}

// token places the next token of the paragraph, breaking the line before it
// when it does not fit.
func (w *wrapper) token() {
	e, space := nextToken(w.s, w.b)
	tok := w.s[w.b:e]
	n := runeCount(tok)
	tw := w.v.tokenWidth(tok, space)
	w.total += tw
	if !space && w.x > 0 && w.x+tw > w.v.wc.width {
		w.breakAt(w.b, w.r)
	}
	if !space && tw > w.v.wc.width {
		tw = w.splitLong(tok)
	}
	w.x += tw
	w.b, w.r = e, w.r+n
}

// breakAt ends the current line before byte b (code point r).
func (w *wrapper) breakAt(b, r int) {
	w.out = append(w.out, line{w.ls, r, w.base + w.lb, w.base + b})
	w.lb, w.ls, w.x = b, r, 0
}

// splitLong breaks a word wider than a line into line-wide pieces at
// character boundaries and returns the width of the last piece.
func (w *wrapper) splitLong(tok string) float32 {
	b, r := w.b, w.r
	for {
		rest := w.s[b : w.b+len(tok)]
		if w.v.measure(rest) <= w.v.wc.width {
			return w.v.measure(rest)
		}
		k := w.v.fitPrefix(rest, w.v.wc.width)
		b, r = b+k, r+runeCount(rest[:k])
		w.breakAt(b, r)
	}
}

// fitPrefix returns the byte length of the longest prefix of s, ending at a
// character boundary, that fits in width; at least one character.
func (v *View) fitPrefix(s string, width float32) int {
	var bounds []int
	for i := 0; i < len(s); {
		i = nextCluster(s, i)
		bounds = append(bounds, i)
	}
	k := sort.Search(len(bounds), func(i int) bool { return v.measure(s[:bounds[i]]) > width })
	return bounds[max(k-1, 0)]
}
