package pdftext

import (
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// glyph is one character drawn on a page: its text (usually one code point,
// sometimes a ligature's several), the position of its origin on the baseline
// in points from the page's lower left, its advance width and font size.
type glyph struct {
	s       string
	x, y, w float64
	size    float64
	bold    bool
}

// font is what the interpreter needs of a font resource: how codes map to
// text, how wide each code is, and whether codes are one byte or two.
type font struct {
	enc     pdf.TextEncoding
	twoByte bool
	first   int
	widths  []float64       // simple fonts: from FirstChar
	cidW    map[int]float64 // Type0 fonts: from the descendant's W
	dw      float64         // Type0 default width
	bold    bool
}

func (f *font) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.dw
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return 0
}

// textState is the part of the graphics state that places glyphs.
type textState struct {
	ctm, tm, tlm   matrix
	tc, tw, th, tl float64
	tfs, rise      float64
	font           *font
}

type matrix [6]float64 // a b c d e f, as PDF writes it

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// pageReader turns one page's content streams into glyphs. It keeps the
// fonts it has read, so that a font set again for every word (as justified
// text often is) is parsed once.
type pageReader struct {
	res    pdf.Value
	fonts  map[string]*font
	budget *budget
	glyphs []glyph
	err    error
	forms  int // form XObjects entered, all depths together
	depth  int // how deep in forms this reader is
}

// readPage returns the glyphs drawn by a page's content streams.
func readPage(page pdf.Value, b *budget) ([]glyph, error) {
	pr := &pageReader{res: inherited(page, "Resources"), fonts: map[string]*font{}, budget: b}
	contents := page.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil, nil
	}
	if err := b.spendStreams(contents); err != nil {
		return nil, err
	}
	pr.run(contents, identity)
	return pr.glyphs, pr.err
}

// inherited looks key up on a page and then on its ancestors, as the PDF
// page tree allows for Resources, MediaBox and the like.
func inherited(page pdf.Value, key string) pdf.Value {
	for i := 0; i < maxTreeDepth && page.Kind() == pdf.Dict; i++ {
		if v := page.Key(key); v.Kind() != pdf.Null {
			return v
		}
		page = page.Key("Parent")
	}
	return pdf.Value{}
}

func (pr *pageReader) run(contents pdf.Value, ctm matrix) {
	var stack []textState
	g := textState{ctm: ctm, tm: identity, tlm: identity, th: 1}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		if pr.err != nil {
			for stk.Len() > 0 {
				stk.Pop()
			}
			return
		}
		args := popArgs(stk)
		switch op {
		case "q":
			if len(stack) < maxStateDepth {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if m, ok := matrixArgs(args); ok {
				g.ctm = m.mul(g.ctm)
			}
		case "Do":
			if len(args) == 1 {
				pr.form(args[0].Name(), g.ctm)
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.font = pr.font(args[0].Name())
				g.tfs = args[1].Float64()
			}
		case "Tc":
			g.tc = number(args, 0)
		case "Tw":
			g.tw = number(args, 0)
		case "Tz":
			g.th = number(args, 0) / 100
		case "TL":
			g.tl = number(args, 0)
		case "Ts":
			g.rise = number(args, 0)
		case "Td":
			g.moveLine(number(args, 0), number(args, 1))
		case "TD":
			g.tl = -number(args, 1)
			g.moveLine(number(args, 0), number(args, 1))
		case "Tm":
			if m, ok := matrixArgs(args); ok {
				g.tm, g.tlm = m, m
			}
		case "T*":
			g.moveLine(0, -g.tl)
		case "Tj":
			pr.show(&g, args, 0)
		case "'":
			g.moveLine(0, -g.tl)
			pr.show(&g, args, 0)
		case "\"":
			g.tw, g.tc = number(args, 0), number(args, 1)
			g.moveLine(0, -g.tl)
			pr.show(&g, args, 2)
		case "TJ":
			if len(args) == 1 && args[0].Kind() == pdf.Array {
				a := args[0]
				for i := 0; i < a.Len(); i++ {
					if v := a.Index(i); v.Kind() == pdf.String {
						pr.showString(&g, v.RawString())
					} else {
						g.advance(-v.Float64() / 1000 * g.tfs * g.th)
					}
				}
			}
		}
	})
}

// form draws the form XObject of that name, as a page's content streams
// would: text placed in forms (stamps, imported pages, some producers' whole
// pages) is text on the page. Depth and count are bounded, so that forms
// drawing each other cost little.
func (pr *pageReader) form(name string, ctm matrix) {
	x := pr.res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" || pr.depth >= maxFormDepth || pr.forms >= maxForms {
		return
	}
	pr.forms++
	if err := pr.budget.spendStreams(x); err != nil {
		pr.err = err
		return
	}
	res := x.Key("Resources")
	if res.Kind() != pdf.Dict {
		res = pr.res
	}
	m := identity
	if fm, ok := matrixArgs(arrayValues(x.Key("Matrix"))); ok {
		m = fm
	}
	child := &pageReader{res: res, fonts: map[string]*font{}, budget: pr.budget, glyphs: pr.glyphs, forms: pr.forms, depth: pr.depth + 1}
	child.run(x, m.mul(ctm))
	pr.glyphs, pr.forms = child.glyphs, child.forms
	if child.err != nil {
		pr.err = child.err
	}
}

func arrayValues(a pdf.Value) []pdf.Value {
	if a.Kind() != pdf.Array || a.Len() > 16 {
		return nil
	}
	out := make([]pdf.Value, a.Len())
	for i := range out {
		out[i] = a.Index(i)
	}
	return out
}

func (g *textState) moveLine(tx, ty float64) {
	g.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(g.tlm)
	g.tm = g.tlm
}

func (g *textState) advance(tx float64) {
	g.tm = matrix{1, 0, 0, 1, tx, 0}.mul(g.tm)
}

func (pr *pageReader) show(g *textState, args []pdf.Value, i int) {
	if i < len(args) && args[i].Kind() == pdf.String {
		pr.showString(g, args[i].RawString())
	}
}

// showString places the glyphs of one string operand and advances the text
// matrix past them, as PDF 1.7 §9.4.4 says.
func (pr *pageReader) showString(g *textState, raw string) {
	f := g.font
	if f == nil {
		return
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(raw); i += step {
		code := int(raw[i])
		if step == 2 {
			code = code<<8 | int(raw[i+1])
		}
		w0 := f.width(code)
		trm := matrix{g.tfs * g.th, 0, 0, g.tfs, 0, g.rise}.mul(g.tm).mul(g.ctm)
		// A glyph whose text is only control characters keeps its place
		// with no text, so that it does not split the word it is in.
		if d := f.enc.Decode(raw[i : i+step]); d != "" {
			s := cleanGlyph(d)
			size := math.Hypot(trm[2], trm[3])
			pr.add(glyph{s: s, x: trm[4], y: trm[5], w: w0 / 1000 * math.Hypot(trm[0], trm[1]), size: size, bold: f.bold})
		}
		tx := w0/1000*g.tfs + g.tc
		if step == 1 && code == ' ' {
			tx += g.tw
		}
		g.advance(tx * g.th)
	}
}

func (pr *pageReader) add(gl glyph) {
	if !finite(gl.x) || !finite(gl.y) || !finite(gl.w) || !finite(gl.size) {
		return // drawn nowhere a reader could see
	}
	if len(pr.glyphs) >= maxPageGlyphs {
		pr.err = errTooManyGlyphs
		return
	}
	pr.glyphs = append(pr.glyphs, gl)
}

// cleanGlyph keeps what a glyph means as text: ligatures are spelled out,
// control characters and byte-order marks dropped, the rest left in NFC.
func cleanGlyph(s string) string {
	if s == "" {
		return ""
	}
	if strings.IndexFunc(s, func(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }) >= 0 {
		s = norm.NFKC.String(s)
	}
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == 0xA0 {
			return ' '
		}
		if unicode.IsControl(r) || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// font reads (once per page) the font resource of that name.
func (pr *pageReader) font(name string) *font {
	if f, ok := pr.fonts[name]; ok {
		return f
	}
	v := pr.res.Key("Font").Key(name)
	f := &font{dw: 1000}
	pr.fonts[name] = f
	if v.Kind() != pdf.Dict {
		f.enc = noText{}
		return f
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if err := pr.budget.spendStreams(tu); err != nil {
			pr.err = err
			f.enc = noText{}
			return f
		}
	}
	lf := pdf.Font{V: v}
	f.enc = lf.Encoder()
	base := v.Key("BaseFont").Name()
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() != pdf.Null {
			f.dw = dw.Float64()
		}
		f.cidW = cidWidths(d.Key("W"))
		if base == "" {
			base = d.Key("BaseFont").Name()
		}
	} else {
		scale := 1.0 // widths are in thousandths of an em, but Type3's in glyph space
		if fm := v.Key("FontMatrix"); v.Key("Subtype").Name() == "Type3" && fm.Len() == 6 && finite(fm.Index(0).Float64()) {
			scale = fm.Index(0).Float64() * 1000
		}
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 65536; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64()*scale)
		}
	}
	f.bold = isBold(base, v.Key("FontDescriptor"))
	return f
}

// isBold tells a bold face by its name ("Arial-BoldMT", "DejaVuSerif-Bold")
// or by the descriptor's weight.
func isBold(base string, desc pdf.Value) bool {
	lower := strings.ToLower(base)
	if strings.Contains(lower, "bold") || strings.Contains(lower, "black") || strings.Contains(lower, "heavy") {
		return true
	}
	return desc.Key("FontWeight").Float64() >= 600
}

// cidWidths reads a CIDFont's W array: "c [w1 w2 ...]" and "c1 c2 w" runs.
func cidWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	for i := 0; i+1 < w.Len(); {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(out) < 65536; j++ {
				out[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		c2, width := int(next.Int64()), w.Index(i+2).Float64()
		for k := c; k <= c2 && len(out) < 65536; k++ {
			out[k] = width
		}
		i += 3
	}
	return out
}

// noText is the encoding of a font that cannot be read: its glyphs have no
// text, though they still take room.
type noText struct{}

func (noText) Decode(string) string { return "" }

func popArgs(stk *pdf.Stack) []pdf.Value {
	n := stk.Len()
	if n > maxOperands {
		for stk.Len() > 0 {
			stk.Pop()
		}
		return nil
	}
	args := make([]pdf.Value, n)
	for i := n - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}

func number(args []pdf.Value, i int) float64 {
	if i < len(args) {
		if f := args[i].Float64(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
	return 0
}

func matrixArgs(args []pdf.Value) (matrix, bool) {
	if len(args) != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = number(args, i)
	}
	return m, true
}

// finite reports whether a coordinate is a number within a plausible page
// (a thousand times the largest page PDF allows).
func finite(f float64) bool { return !math.IsNaN(f) && math.Abs(f) < 1.5e7 }
