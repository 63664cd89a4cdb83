package pdftext

import (
	"math"
	"sort"
	"strings"
)

// word is a run of glyphs on one baseline with no space between them.
type word struct {
	text   string
	x0, x1 float64
}

// line is a row of words in one column of a page, in reading order.
type line struct {
	words        []word
	x0, x1, y    float64
	size         float64 // the largest glyph size on the line
	bold         bool    // every glyph bold
	page         int     // index into the document's pages
	col          int     // column on the page, from 0
	colX0, colX1 float64 // the column's text edges on this page
	justified    bool    // most of the column's lines end at colX1 (then their usual end)
	spanning     bool
}

func (l *line) text() string {
	parts := make([]string, len(l.words))
	for i, w := range l.words {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// row is every word on one baseline of a page, across columns.
type row struct {
	y     float64
	size  float64
	bold  bool
	words []word
	drop  bool // a running header, footer or page number
}

func (r *row) text() string {
	parts := make([]string, len(r.words))
	for i, w := range r.words {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// rows groups glyphs by baseline (top to bottom) and splits each baseline
// into words at spaces and at gaps wider than a space would leave. A small
// group raised or lowered by less than half a line from a larger one (a
// footnote mark, a subscript) belongs to that line.
func rows(gs []glyph) []row {
	sort.SliceStable(gs, func(i, j int) bool {
		if math.Abs(gs[i].y-gs[j].y) > 0.01 {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	type group struct {
		gs      []glyph
		y, size float64
		into    int // the group this one joins, or -1
	}
	var groups []group
	for i := 0; i < len(gs); {
		j := i + 1
		tol := math.Max(gs[i].size*0.3, 0.5)
		for j < len(gs) && gs[i].y-gs[j].y <= tol {
			j++
		}
		g := group{gs: gs[i:j], y: gs[i].y, into: -1}
		for _, x := range g.gs {
			g.size = math.Max(g.size, x.size)
		}
		groups = append(groups, g)
		i = j
	}
	for i := range groups {
		g := &groups[i]
		for _, k := range []int{i + 1, i - 1} { // the line it is raised above first
			if k >= 0 && k < len(groups) && groups[k].into < 0 && g.size < 0.85*groups[k].size &&
				math.Abs(g.y-groups[k].y) <= 0.5*groups[k].size && len(g.gs) <= 8 {
				g.into = k
				break
			}
		}
	}
	extra := map[int][]glyph{}
	for _, g := range groups {
		if g.into >= 0 {
			extra[g.into] = append(extra[g.into], g.gs...)
		}
	}
	var out []row
	for i, g := range groups {
		if g.into >= 0 {
			continue
		}
		all := g.gs
		if e := extra[i]; e != nil {
			all = append(append([]glyph(nil), g.gs...), e...)
		}
		out = append(out, makeRow(all, g.y))
	}
	return out
}

func makeRow(gs []glyph, y float64) row {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	r := row{y: y, bold: true}
	var b strings.Builder
	cur := word{}
	flush := func() {
		if b.Len() > 0 {
			cur.text = b.String()
			r.words = append(r.words, cur)
		}
		b.Reset()
	}
	var last *glyph
	for i := range gs {
		g := &gs[i]
		r.size = math.Max(r.size, g.size)
		if g.s == "" {
			cur.x1 = math.Max(cur.x1, g.x+g.w) // a control character's glyph
			last = g
			continue
		}
		if strings.TrimSpace(g.s) == "" {
			flush()
			last = nil
			continue
		}
		r.bold = r.bold && g.bold
		if last != nil {
			gap := g.x - (last.x + last.w)
			if g.s == last.s && math.Abs(g.x-last.x) < g.size*0.1 {
				continue // drawn twice over itself, as fake bold is
			}
			if gap > g.size*0.15 {
				flush()
			}
		}
		if b.Len() == 0 {
			cur = word{x0: g.x}
		}
		b.WriteString(strings.TrimSpace(g.s))
		cur.x1 = math.Max(cur.x1, g.x+g.w)
		last = g
	}
	flush()
	return r
}

// segment is a part of a row whose words are closer than a column gutter.
type segment struct {
	x0, x1 float64
	words  []word
}

func segments(r row) []segment {
	var out []segment
	for _, w := range r.words {
		if n := len(out); n > 0 && w.x0-out[n-1].x1 < r.size*1.0 {
			out[n-1].x1 = math.Max(out[n-1].x1, w.x1)
			out[n-1].words = append(out[n-1].words, w)
			continue
		}
		out = append(out, segment{x0: w.x0, x1: w.x1, words: []word{w}})
	}
	return out
}

// gutters finds the vertical strips of a page that separate columns. A
// column is told by its left edge: several rows start a segment at the same
// x, and the strip just left of it is crossed by few rows (a full-width
// title), at most three or half of those that start there or an eighth of
// the page's rows, while text ends left of it on other rows.
// The strip is then widened leftwards as far as no more rows cross it.
func gutters(rs []row, segs [][]segment) [][2]float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	var sizes []float64
	for _, ss := range segs {
		for _, s := range ss {
			lo, hi = math.Min(lo, s.x0), math.Max(hi, s.x1)
		}
	}
	for _, r := range rs {
		sizes = append(sizes, r.size)
	}
	if len(rs) < 4 || hi-lo < 50 || hi-lo > 20000 {
		return nil
	}
	width := int(hi-lo) + 2
	cover := make([]int, width)  // rows whose text covers each point
	starts := make([]int, width) // segments starting at each point
	for _, ss := range segs {
		for _, s := range ss {
			for x := max(int(s.x0-lo), 0); x < int(s.x1-lo) && x < width; x++ {
				cover[x]++
			}
			starts[int(s.x0-lo+0.5)]++
		}
	}
	w := int(math.Ceil(math.Max(6, median(sizes)*0.8)))
	var out [][2]float64
	for c := w + 1; c+1 < width; c++ {
		n := starts[c-1] + starts[c] + starts[c+1]
		if n < 2 || starts[c] < starts[c-1] || starts[c] < starts[c+1] {
			continue // not a left edge, or not its peak
		}
		crossed := 0
		for x := c - w; x < c-1; x++ { // the point before c may hold c's own starts
			crossed = max(crossed, cover[x])
		}
		if crossed > max(n/2, len(rs)/8, 3) || !textEndsBefore(segs, lo+float64(c-w)) {
			continue
		}
		g0 := c - w
		for g0 > 1 && cover[g0-1] <= crossed {
			g0--
		}
		g := [2]float64{lo + float64(g0), lo + float64(c)}
		if k := len(out); k > 0 && out[k-1][1] >= g[0] {
			continue // the same gutter, seen from a second edge
		}
		out = append(out, g)
	}
	return out
}

// textEndsBefore reports whether at least two rows have text ending left of x.
func textEndsBefore(segs [][]segment, x float64) bool {
	n := 0
	for _, ss := range segs {
		for _, s := range ss {
			if s.x1 <= x+0.5 {
				n++
				break
			}
		}
	}
	return n >= 2
}

// page is one page's kept rows with their segments and column gutters.
type page struct {
	rows    []row
	segs    [][]segment
	gutters [][2]float64
}

// layPages finds each page's columns. A page where none are seen (its last
// column may hold a single line) takes the gutters of the document's other
// pages, where its own rows leave them clear.
func layPages(pageRows [][]row) []page {
	pages := make([]page, len(pageRows))
	var known [][2]float64
	for i, all := range pageRows {
		p := &pages[i]
		for _, r := range all {
			if !r.drop && len(r.words) > 0 {
				p.rows = append(p.rows, r)
			}
		}
		p.segs = make([][]segment, len(p.rows))
		for j, r := range p.rows {
			p.segs[j] = segments(r)
		}
		p.gutters = gutters(p.rows, p.segs)
		for _, g := range p.gutters {
			if !overlapsAny(known, g) {
				known = append(known, g)
			}
		}
	}
	for i := range pages {
		p := &pages[i]
		if len(p.gutters) > 0 {
			continue
		}
		for _, g := range known {
			if clearGutter(p.segs, g) {
				p.gutters = append(p.gutters, g)
			}
		}
		sort.Slice(p.gutters, func(a, b int) bool { return p.gutters[a][0] < p.gutters[b][0] })
	}
	return pages
}

func overlapsAny(gs [][2]float64, g [2]float64) bool {
	for _, h := range gs {
		if h[0] < g[1] && g[0] < h[1] {
			return true
		}
	}
	return false
}

// clearGutter reports whether a gutter seen on other pages also splits this
// one: few rows cross its middle, text ends left of it and starts right of it.
func clearGutter(segs [][]segment, g [2]float64) bool {
	crossing, right := 0, 0
	for _, ss := range segs {
		if crosses(ss, [][2]float64{g}) {
			crossing++
		}
		for _, s := range ss {
			if s.x0 >= g[1]-1 && s.x0 <= g[1]+1 {
				right++
				break
			}
		}
	}
	return right >= 1 && crossing <= max(3, len(segs)/8) && textEndsBefore(segs, g[0])
}

// pageLines lays a page's rows out as lines in reading order: between rows
// that span the page, column by column, top to bottom.
func pageLines(pg page, index int) []line {
	rs, segs, gs2 := pg.rows, pg.segs, pg.gutters
	page := index
	var out, band []line
	flush := func() {
		sort.SliceStable(band, func(i, j int) bool { return band[i].col < band[j].col })
		out = append(out, band...)
		band = nil
	}
	for i, r := range rs {
		if crosses(segs[i], gs2) {
			flush()
			out = append(out, newLine(r, r.words, page, 0, true))
			continue
		}
		byCol := map[int][]word{}
		var cols []int
		for _, s := range segs[i] {
			c := column(s, gs2)
			if _, ok := byCol[c]; !ok {
				cols = append(cols, c)
			}
			byCol[c] = append(byCol[c], s.words...)
		}
		for _, c := range cols {
			band = append(band, newLine(r, byCol[c], page, c, false))
		}
	}
	flush()
	columnEdges(out)
	return out
}

// crosses reports whether a row spans the page: one of its segments runs
// across the middle of a gutter (a line that only reaches into it does not).
func crosses(ss []segment, gs [][2]float64) bool {
	for _, s := range ss {
		for _, g := range gs {
			if mid := (g[0] + g[1]) / 2; s.x0 < mid && s.x1 > mid {
				return true
			}
		}
	}
	return false
}

func column(s segment, gs [][2]float64) int {
	c := 0
	for _, g := range gs {
		if s.x0 >= (g[0]+g[1])/2 {
			c++
		}
	}
	return c
}

func newLine(r row, ws []word, page, col int, spanning bool) line {
	l := line{words: ws, y: r.y, size: r.size, bold: r.bold, page: page, col: col, spanning: spanning}
	l.x0, l.x1 = ws[0].x0, ws[len(ws)-1].x1
	return l
}

// columnEdges sets each line's column edges: the usual left edge (most
// lines start there; an indented first line does not move it) and the
// right edge the longest lines reach; and whether the column is justified.
func columnEdges(ls []line) {
	type key struct {
		col      int
		spanning bool
	}
	lefts := map[key][]float64{}
	rights := map[key]float64{}
	for _, l := range ls {
		k := key{l.col, l.spanning}
		lefts[k] = append(lefts[k], l.x0)
		rights[k] = math.Max(rights[k], l.x1)
	}
	ends := map[key][]float64{}
	for _, l := range ls {
		k := key{l.col, l.spanning}
		ends[k] = append(ends[k], l.x1)
	}
	edge, full := map[key]float64{}, map[key]int{}
	for k, xs := range ends {
		edge[k] = mode(xs)
		for _, x := range xs {
			if math.Abs(x-edge[k]) <= 0.75 {
				full[k]++
			}
		}
	}
	for i := range ls {
		k := key{ls[i].col, ls[i].spanning}
		ls[i].colX0, ls[i].colX1 = mode(lefts[k]), rights[k]
		if n := len(ends[k]); n >= 3 && full[k]*10 >= n*6 {
			ls[i].justified, ls[i].colX1 = true, edge[k]
		}
	}
}

// mode is the most common value of xs rounded to a point, the smallest on a
// tie.
func mode(xs []float64) float64 {
	counts := map[int]int{}
	best, bestN := math.Inf(1), 0
	for _, x := range xs {
		k := int(math.Round(x))
		counts[k]++
		if n := counts[k]; n > bestN || n == bestN && float64(k) < best {
			best, bestN = float64(k), n
		}
	}
	return best
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
