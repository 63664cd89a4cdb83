package pdftext

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"

	"github.com/factmark/factmark/annotate"
	"github.com/ledongthuc/pdf"
)

// Limits. A PDF is small on disk but may say anything: these keep a crafted
// file from making Extract allocate or work without bound.
const (
	// MaxStreamBytes is how much the content and font streams of one PDF
	// may expand to, all together: four times the largest article text,
	// room for the drawing operators around the text.
	MaxStreamBytes = 4 * annotate.MaxTextBytes
	// MaxPages is the most pages Extract reads.
	MaxPages = 20000
	// maxObjects bounds the cross-reference table the library allocates
	// from the file's own numbers (/Size, subsection starts, /Index).
	maxObjects    = 4 << 20
	maxPageGlyphs = 1 << 20
	maxTreeDepth  = 64
	maxTreeNodes  = 4 * MaxPages
	maxStateDepth = 256
	maxFormDepth  = 8
	maxForms      = 1000 // per page
	maxOperands   = 1 << 16
)

var (
	errStreamLimit   = errors.New("streams expand past the limit")
	errTooManyGlyphs = errors.New("a page draws too many characters")
)

// budget counts the bytes that a PDF's streams expand to as they are read,
// and stops at MaxStreamBytes.
type budget struct {
	left int64
}

func newBudget() *budget { return &budget{left: MaxStreamBytes} }

// spendStreams decodes v (a stream or an array of streams) once, counting
// its bytes, before the library reads it for real: so that a stream that
// expands past what is left is refused before anything holds it in memory.
func (b *budget) spendStreams(v pdf.Value) error {
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len(); i++ {
			if err := b.spendStreams(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	if v.Kind() != pdf.Stream {
		return nil
	}
	rc := v.Reader()
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, b.left+1))
	if n > b.left {
		return errStreamLimit
	}
	b.left -= n
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	return nil
}

var (
	sizeRe       = regexp.MustCompile(`/Size\s+(\d+)`)
	indexRe      = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	subsectionRe = regexp.MustCompile(`(?m)^[ \t]*(\d{7,})[ \t]+\d+[ \t]*\r?$`)
	digitsRe     = regexp.MustCompile(`\d+`)
)

// checkObjectCounts refuses a file whose cross-reference numbers would make
// the library allocate a table larger than maxObjects entries: it sizes the
// table from them before it reads a single object.
func checkObjectCounts(data []byte) bool {
	tooBig := func(b []byte) bool {
		n, err := strconv.ParseInt(string(b), 10, 64)
		return err != nil || n > maxObjects
	}
	for _, m := range sizeRe.FindAllSubmatch(data, -1) {
		if tooBig(m[1]) {
			return false
		}
	}
	for _, m := range indexRe.FindAllSubmatch(data, -1) {
		for _, d := range digitsRe.FindAll(m[1], -1) {
			if tooBig(d) {
				return false
			}
		}
	}
	for _, m := range subsectionRe.FindAllSubmatch(data, -1) {
		if tooBig(m[1]) {
			return false
		}
	}
	return true
}

var (
	prevRe    = regexp.MustCompile(`/Prev\s+(\d{1,15})`)
	extendsRe = regexp.MustCompile(`/Extends\s+(\d{1,10})\s+\d+\s+R`)
	objRe     = regexp.MustCompile(`(\d{1,10})\s+\d{1,5}\s+obj\b`)
)

// checkChains refuses a file whose cross-reference sections (/Prev) or
// object streams (/Extends) link in a loop: the library follows both
// without remembering where it has been, and would never return.
func checkChains(data []byte) bool {
	return prevChainEnds(data) && extendsChainsEnd(data)
}

func prevChainEnds(data []byte) bool {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return true // the library refuses it
	}
	m := digitsRe.Find(data[i:min(len(data), i+40)])
	if m == nil {
		return true
	}
	off, _ := strconv.ParseInt(string(m), 10, 64)
	seen := map[int64]bool{}
	for step := 0; step < 1000; step++ {
		if off < 0 || off >= int64(len(data)) {
			return true
		}
		if seen[off] {
			return false
		}
		seen[off] = true
		end := len(data)
		if j := bytes.Index(data[off:], []byte("startxref")); j >= 0 {
			end = int(off) + j
		}
		p := prevRe.FindSubmatch(data[off:end])
		if p == nil {
			return true
		}
		off, _ = strconv.ParseInt(string(p[1]), 10, 64)
	}
	return false
}

func extendsChainsEnd(data []byte) bool {
	if !bytes.Contains(data, []byte("/Extends")) {
		return true
	}
	objs := objRe.FindAllSubmatchIndex(data, -1)
	next := map[string]string{}
	for _, e := range extendsRe.FindAllSubmatchIndex(data, -1) {
		k := sortSearch(objs, e[0]) // the object the entry is in
		if k < 0 {
			continue
		}
		next[string(data[objs[k][2]:objs[k][3]])] = string(data[e[2]:e[3]])
	}
	for start := range next {
		seen := map[string]bool{}
		for o, ok := start, true; ok; o, ok = next[o] {
			if seen[o] {
				return false
			}
			seen[o] = true
		}
	}
	return true
}

// sortSearch returns the index of the last match starting before pos, or -1.
func sortSearch(matches [][]int, pos int) int {
	lo, hi := 0, len(matches)
	for lo < hi {
		mid := (lo + hi) / 2
		if matches[mid][0] < pos {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// Sniff reports whether data is a PDF by its header: "%PDF-" at the start,
// where the reader needs it (a file with bytes before it is refused by
// Extract as not a PDF, which is what it says it is).
func Sniff(data []byte) bool {
	return bytes.HasPrefix(data, []byte("%PDF-"))
}
