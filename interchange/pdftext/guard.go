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
	maxTreeNodes  = 1 << 20
	maxStateDepth = 256
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

// Sniff reports whether data starts like a PDF: "%PDF-" within its first
// KB, as PDF readers allow a little junk before it.
func Sniff(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}
