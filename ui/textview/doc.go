package textview

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// markEvery is the spacing, in code points, of the byte-offset checkpoints a
// document keeps for non-ASCII text.
const markEvery = 128

// paragraph is one '\n'-terminated run of the text.
type paragraph struct {
	start, n   int // first code point and length in code points, without '\n'
	bstart, bn int // the same in bytes
}

// document is the immutable text the view shows, indexed for code-point
// access: paragraphs and checkpoints mapping code points to bytes.
type document struct {
	text  string
	size  int         // length in code points
	paras []paragraph // at least one, even for ""
	marks []int       // byte offset of code point k*markEvery; nil for ASCII text
}

// newDocument indexes text. It scans the text once and measures nothing.
func newDocument(text string) document {
	d := document{text: text}
	ascii := utf8.RuneCountInString(text) == len(text)
	if !ascii {
		d.marks = runeMarks(text)
	}
	b, r := 0, 0
	for {
		nl := strings.IndexByte(text[b:], '\n')
		end := len(text)
		if nl >= 0 {
			end = b + nl
		}
		n := end - b
		if !ascii {
			n = utf8.RuneCountInString(text[b:end])
		}
		d.paras = append(d.paras, paragraph{start: r, n: n, bstart: b, bn: end - b})
		r += n
		if nl < 0 {
			break
		}
		b, r = end+1, r+1
	}
	d.size = r
	return d
}

// runeMarks returns the byte offset of every markEvery-th code point.
func runeMarks(text string) []int {
	marks := make([]int, 0, len(text)/markEvery+1)
	i := 0
	for b := range text {
		if i%markEvery == 0 {
			marks = append(marks, b)
		}
		i++
	}
	return marks
}

// byteAt converts a code-point offset (clamped to the text) to a byte offset.
func (d *document) byteAt(off int) int {
	off = clamp(off, 0, d.size)
	if d.marks == nil {
		return off
	}
	b := d.marks[off/markEvery]
	for i := off % markEvery; i > 0; i-- {
		_, w := utf8.DecodeRuneInString(d.text[b:])
		b += w
	}
	return b
}

// slice returns the text between two code-point offsets.
func (d *document) slice(start, end int) string {
	if end <= start {
		return ""
	}
	return d.text[d.byteAt(start):d.byteAt(end)]
}

// runeAt returns the code point at off, or -1 outside the text.
func (d *document) runeAt(off int) rune {
	if off < 0 || off >= d.size {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(d.text[d.byteAt(off):])
	return r
}

// paraAt returns the index of the paragraph holding off; a '\n' belongs to
// the paragraph it ends.
func (d *document) paraAt(off int) int {
	i := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].start > off })
	return max(i-1, 0)
}

func clamp(x, lo, hi int) int {
	return max(lo, min(x, hi))
}
