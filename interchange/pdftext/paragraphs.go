package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"golang.org/x/text/unicode/norm"
)

// bodySize is the size most of the text of the rows is set in.
func bodySize(pages [][]row) float64 {
	sizes := map[float64]int{}
	for _, rs := range pages {
		for _, r := range rs {
			for _, w := range r.words {
				sizes[math.Round(r.size*10)/10] += utf8.RuneCountInString(w.text)
			}
		}
	}
	best, size := 0, 0.0
	for s, n := range sizes {
		if n > best || n == best && s < size {
			size, best = s, n
		}
	}
	return size
}

// flow is the document's kept lines in reading order, with what the
// paragraph rules need to know about its type.
type flow struct {
	lines    []line
	pages    int
	bodySize float64 // the size most of the text is set in
	lead     float64 // the usual distance between baselines, in font sizes
}

func newFlow(pages [][]line, bodySize float64) *flow {
	f := &flow{pages: len(pages), bodySize: bodySize}
	var leads []float64
	for _, ls := range pages {
		for i, l := range ls {
			if i > 0 && sameColumn(&ls[i-1], &l) && similarSize(ls[i-1].size, l.size) && l.size > 0 {
				leads = append(leads, (ls[i-1].y-l.y)/l.size)
			}
			f.lines = append(f.lines, l)
		}
	}
	f.lead = median(leads)
	if f.lead <= 0 {
		f.lead = 1.2
	}
	return f
}

func sameColumn(a, b *line) bool {
	return a.page == b.page && a.col == b.col && a.spanning == b.spanning && b.y < a.y
}

func similarSize(a, b float64) bool {
	return math.Abs(a-b) <= 0.15*math.Max(a, b)
}

// newParagraph reports whether cur starts a paragraph after prev: a change
// of face, a wider gap than between lines, a first-line indent, or, where a
// column or page ends, a last line that stops short of a justified column's
// edge, or, in ragged text, short enough that cur's first word would have
// fitted on it (a line is broken only where the next word does not fit).
func (f *flow) newParagraph(prev, cur *line) bool {
	if !similarSize(prev.size, cur.size) || prev.bold != cur.bold {
		return true
	}
	indented := cur.x0 > cur.colX0+0.9*cur.size
	if sameColumn(prev, cur) {
		return prev.y-cur.y > 1.25*f.lead*cur.size || indented
	}
	if indented {
		return true
	}
	if hyphenated(prev.words[len(prev.words)-1].text) {
		return false
	}
	room := prev.colX1 - prev.x1
	if prev.justified {
		return room > 1.5 // only a paragraph's last line stops short
	}
	first := cur.words[0]
	return room >= (first.x1-first.x0)+wordSpace(prev)-0.25
}

// wordSpace is the width of a space on a line: the narrowest gap between
// its words (a justified line stretches them all), or a third of an em.
func wordSpace(l *line) float64 {
	space := math.Inf(1)
	for i := 1; i < len(l.words); i++ {
		space = math.Min(space, l.words[i].x0-l.words[i-1].x1)
	}
	if math.IsInf(space, 1) || space <= 0 {
		return l.size / 3
	}
	return space
}

// hyphenated reports whether a word ends with a hyphen after a letter: the
// start of a word broken at the line's end, or of a compound.
func hyphenated(w string) bool {
	r, n := utf8.DecodeLastRuneInString(w)
	if r != '-' && r != '\u00AD' && r != '\u2010' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(w[:len(w)-n])
	return unicode.IsLetter(before)
}

// joinHyphen says how a line ending in the hyphenated word w joins the next
// line starting with next: the hyphen dropped ("adminis-" + "trative") when
// a plain word was broken, kept ("43-year-" + "old") when the word is a
// compound already or the next part is not lower case; never a space.
func joinHyphen(w, next string) (dropHyphen bool) {
	r, n := utf8.DecodeLastRuneInString(w)
	if r == '\u00AD' {
		return true // a soft hyphen is only ever a break
	}
	stem := w[:len(w)-n]
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first) && !strings.ContainsAny(stem, "-\u2010") && strings.IndexFunc(stem, unicode.IsDigit) < 0
}

// built is the text of a flow with where each page starts in it.
type built struct {
	text  string
	pages []annotate.Page
	title string
}

// build joins the flow's lines into paragraphs separated by a blank line.
func (f *flow) build() built {
	var buf []byte
	starts := make([]int, f.pages) // byte offsets; -1 until the page's first line
	for i := range starts {
		starts[i] = -1
	}
	var paraEnds []int // byte offset where each paragraph ends
	for i := range f.lines {
		cur := &f.lines[i]
		if i > 0 {
			prev := &f.lines[i-1]
			last := prev.words[len(prev.words)-1].text
			switch {
			case f.newParagraph(prev, cur):
				paraEnds = append(paraEnds, len(buf))
				buf = append(buf, "\n\n"...)
			case hyphenated(last):
				if joinHyphen(last, cur.words[0].text) {
					_, n := utf8.DecodeLastRune(buf)
					buf = buf[:len(buf)-n]
				}
			default:
				buf = append(buf, ' ')
			}
		}
		if starts[cur.page] < 0 {
			starts[cur.page] = len(buf)
		}
		buf = append(buf, cur.text()...)
	}
	paraEnds = append(paraEnds, len(buf))
	raw := string(buf)
	offs := append(append([]int(nil), starts...), paraEnds[0])
	text, mapped := nfcWithOffsets(raw, offs)
	b := built{text: text}
	end := utf8.RuneCountInString(text)
	b.pages = make([]annotate.Page, f.pages)
	for p := f.pages - 1; p >= 0; p-- {
		start := mapped[p]
		if starts[p] < 0 {
			start = end
		}
		b.pages[p] = annotate.Page{Number: p + 1, Start: start, End: end}
		end = start
	}
	if len(f.lines) > 0 && f.isTitle(&f.lines[0]) {
		if t := strings.TrimSpace(runePrefix(text, mapped[len(mapped)-1])); utf8.RuneCountInString(t) <= maxTitleRunes {
			b.title = t
		}
	}
	return b
}

// isTitle reports whether the first line opens a title: set larger than
// the body, or bold where the body is not.
func (f *flow) isTitle(first *line) bool {
	if first.page != 0 {
		return false
	}
	bodyBold := true
	for _, l := range f.lines {
		if similarSize(l.size, f.bodySize) && !l.bold {
			bodyBold = false
			break
		}
	}
	return first.size >= 1.15*f.bodySize || first.bold && !bodyBold
}

func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// nfcWithOffsets returns s in NFC and the code-point offsets in the result
// of the byte offsets offs of s (each at a point where normalisation may
// break the text, as the start of a line is).
func nfcWithOffsets(s string, offs []int) (string, []int) {
	out := make([]int, len(offs))
	if norm.NFC.IsNormalString(s) {
		for i, o := range offs {
			if o >= 0 {
				out[i] = utf8.RuneCountInString(s[:o])
			}
		}
		return s, out
	}
	order := make([]int, 0, len(offs)) // indexes of offs, by offset
	for i, o := range offs {
		if o >= 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return offs[order[a]] < offs[order[b]] })
	var it norm.Iter
	it.InitString(norm.NFC, s)
	var b strings.Builder
	runes, next := 0, 0
	assign := func(pos int) {
		for ; next < len(order) && offs[order[next]] <= pos; next++ {
			out[order[next]] = runes
		}
	}
	for !it.Done() {
		assign(it.Pos())
		seg := it.Next()
		b.Write(seg)
		runes += utf8.RuneCount(seg)
	}
	assign(len(s))
	return b.String(), out
}
