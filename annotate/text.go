package annotate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// MaxTextBytes is the largest article text Factmark accepts. A long debate
// transcript is about 1 MB; anything past this is almost surely not an article.
const MaxTextBytes = 16 << 20

// ContextLen is how many code points of prefix and suffix an Anchor keeps,
// as W3C TextQuoteSelector and Hypothesis do.
const ContextLen = 32

// NormalizeText turns raw file content into article text: it must be UTF-8
// and not binary; byte-order marks are dropped, CRLF and CR become '\n', and
// the result is in Unicode normalisation form C. Errors say what is wrong and
// where, in bytes of the input.
func NormalizeText(raw []byte) (string, error) {
	if len(raw) > MaxTextBytes {
		return "", Errorf(EINVALID, "text is %s; the limit is %s", SizeString(len(raw)), SizeString(MaxTextBytes))
	}
	raw, err := ToUTF8(raw)
	if err != nil {
		return "", err
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return "", Errorf(EINVALID, "binary content, not text: NUL byte at byte %d", i)
	}
	if !utf8.Valid(raw) {
		return "", Errorf(EINVALID, "not valid UTF-8: bad byte at byte %d", InvalidUTF8At(raw))
	}
	if n := controlBytes(raw); n*100 > len(raw) {
		return "", Errorf(EINVALID, "binary content, not text: %d control characters", n)
	}
	if i, r := textControlAt(string(raw)); i >= 0 {
		return "", Errorf(EINVALID, "the text has the control character %s at %s; remove it and import the text again", runeName(r), textPosition(string(raw), i))
	}
	// Marks are dropped only now, so that the offsets above count the input's
	// bytes. Every U+FEFF goes, not just a leading one: files joined together
	// carry several, and IsNormalized refuses them anywhere.
	raw = bytes.ReplaceAll(raw, []byte("\uFEFF"), nil)
	s := strings.ReplaceAll(string(raw), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	if strings.TrimSpace(s) == "" {
		return "", Errorf(EINVALID, "text is empty")
	}
	return s, nil
}

// ToUTF8 returns data as UTF-8. Text that starts with a UTF-16 byte-order
// mark (little- or big-endian, as Windows' Notepad saves "Unicode") is
// converted; UTF-16 without a mark, told by a NUL in every other byte, is
// refused with what to do, rather than reported as binary. Anything else is
// returned as it is, for the readers to check. Every importer reads its
// input through it.
func ToUTF8(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, Errorf(EINVALID, "UTF-16 text that cannot be read: %v; save it as UTF-8", err)
		}
		return out, nil
	}
	if looksUTF16(data) {
		return nil, Errorf(EINVALID, "UTF-16 text: save it as UTF-8")
	}
	return data, nil
}

// looksUTF16 reports whether data looks like UTF-16 without a byte-order
// mark: in its first KB, at least half the bytes of one parity are NUL and
// hardly any of the other are (Latin text, whose high bytes are 0).
func looksUTF16(data []byte) bool {
	head := data[:min(len(data), 1024)]
	pairs := len(head) / 2
	if pairs < 2 {
		return false
	}
	var zeros [2]int
	for i, c := range head[:2*pairs] {
		if c == 0 {
			zeros[i%2]++
		}
	}
	return zeros[0]*2 >= pairs && zeros[1]*10 <= pairs || zeros[1]*2 >= pairs && zeros[0]*10 <= pairs
}

// IsNormalized reports whether s is already as NormalizeText would leave it.
func IsNormalized(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsAny(s, "\r\x00\uFEFF") && norm.NFC.IsNormalString(s)
}

// TextHash is the hex SHA-256 of a normalised text: an article's identity.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// InvalidUTF8At returns the byte offset of the first invalid UTF-8 in b, or -1.
func InvalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// controlBytes counts C0 control bytes other than the white space text uses.
func controlBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			n++
		}
	}
	return n
}

// textPosition gives byte offset i of s as "line L, column C (byte i)",
// columns in code points.
func textPosition(s string, i int) string {
	line := strings.Count(s[:i], "\n") + 1
	col := utf8.RuneCountInString(s[strings.LastIndexByte(s[:i], '\n')+1:i]) + 1
	return "line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col) + " (byte " + strconv.Itoa(i) + ")"
}

// SizeString gives a size limit in bytes as people read it: "512 KB", "2 MB".
func SizeString(n int) string {
	const mb = 1 << 20
	if n >= mb {
		return trimFloat(float64(n)/mb) + " MB"
	}
	return trimFloat(float64(n)/1024) + " KB"
}

func trimFloat(f float64) string {
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(f, 'f', 1, 64), "0"), ".")
	return s
}

// Text is a normalised article text indexed by code point, so that anchors
// can be checked and built without decoding the text from its start. It keeps
// the byte offset of every markEvery-th code point (none for ASCII text),
// a sixteenth of the memory a []rune would take. It is read-only.
type Text struct {
	s     string
	n     int   // length in code points
	marks []int // byte offset of code point k*markEvery; nil for ASCII text
}

// markEvery is the spacing, in code points, of Text's byte-offset marks.
const markEvery = 64

// NewText indexes s, which must already be normalised.
func NewText(s string) *Text {
	t := &Text{s: s, n: utf8.RuneCountInString(s)}
	if t.n == len(s) {
		return t
	}
	t.marks = make([]int, 0, t.n/markEvery+1)
	i := 0
	for b := range s {
		if i%markEvery == 0 {
			t.marks = append(t.marks, b)
		}
		i++
	}
	return t
}

// String returns the text.
func (t *Text) String() string { return t.s }

// Len returns the length in code points.
func (t *Text) Len() int { return t.n }

// Slice returns code points [start, end); the caller has checked the range.
func (t *Text) Slice(start, end int) string { return t.s[t.byteAt(start):t.byteAt(end)] }

// byteAt returns the byte offset of code point i (0 ≤ i ≤ Len).
func (t *Text) byteAt(i int) int {
	if t.marks == nil {
		return i
	}
	if i >= t.n {
		return len(t.s)
	}
	m, k := i/markEvery, i%markEvery
	b := t.marks[m]
	if t.asciiFrom(m) {
		return b + k // one byte a code point up to the next mark
	}
	if k > markEvery/2 && m+1 < len(t.marks) {
		// Nearer the next mark: back from it.
		return t.back(t.marks[m+1], markEvery-k)
	}
	return t.forward(b, k)
}

// asciiFrom reports whether the code points from mark m to the next (or to
// the end) are one byte each: as many bytes as code points between them.
// Most of a text with a few curly quotes is, and byteAt then counts bytes
// instead of decoding up to markEvery-1 code points.
func (t *Text) asciiFrom(m int) bool {
	if m+1 < len(t.marks) {
		return t.marks[m+1]-t.marks[m] == markEvery
	}
	return len(t.s)-t.marks[m] == t.n-m*markEvery
}

// Anchor builds the anchor of code points [start, end) with its quote and
// context, or says why the range is not a span of this text.
func (t *Text) Anchor(start, end int) (Anchor, error) {
	if err := t.checkRange("", start, end); err != nil {
		return Anchor{}, err
	}
	if err := checkNotBlank("anchor", start, end, t.Slice(start, end)); err != nil {
		return Anchor{}, err
	}
	return Anchor{
		Start:  start,
		End:    end,
		Exact:  t.Slice(start, end),
		Prefix: t.Slice(max(0, start-ContextLen), start),
		Suffix: t.Slice(end, min(t.n, end+ContextLen)),
	}, nil
}

// Reanchor checks a and returns it with its context rebuilt from the text,
// so that anchors from other tools are stored in one canonical form.
func (t *Text) Reanchor(field string, a Anchor) (Anchor, error) {
	if err := t.checkQuote(field, a); err != nil {
		return Anchor{}, err
	}
	return t.Anchor(a.Start, a.End)
}

// Check reports whether a is a span of this text: its offsets are in range
// and its exact quote is what the text holds there. field names a in errors.
//
// It finds the quote's first byte once (byteAt) and compares the quote and
// its context with the bytes around it, walking at most ContextLen code
// points either side, instead of finding every end by its offset.
func (t *Text) Check(field string, a Anchor) error {
	if err := t.checkRange(field, a.Start, a.End); err != nil {
		return err
	}
	start := t.byteAt(a.Start)
	end, ok := t.quoteEnd(start, a)
	if !ok {
		return t.quoteError(field, a)
	}
	if err := checkNotBlank(field, a.Start, a.End, a.Exact); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(a.Prefix); n > ContextLen || !strings.HasSuffix(t.s[t.back(start, n):start], a.Prefix) {
		return fieldError(field+".prefix", "%q is not the text before the quote", Clip(a.Prefix))
	}
	if n := utf8.RuneCountInString(a.Suffix); n > ContextLen || !strings.HasPrefix(t.s[end:t.forward(end, n)], a.Suffix) {
		return fieldError(field+".suffix", "%q is not the text after the quote", Clip(a.Suffix))
	}
	return nil
}

// quoteEnd reports whether a's quote is the text from byte start on, up to
// a.End, and gives the byte where it ends. The quote then ends on a code
// point's first byte and, being the text's bytes, is valid UTF-8, so its
// length in code points is a.End-a.Start exactly when the range is.
func (t *Text) quoteEnd(start int, a Anchor) (int, bool) {
	end := start + len(a.Exact)
	if !strings.HasPrefix(t.s[start:], a.Exact) || (end < len(t.s) && !utf8.RuneStart(t.s[end])) {
		return 0, false
	}
	return end, utf8.RuneCountInString(a.Exact) == a.End-a.Start
}

// back is the byte n code points before byte b, or 0.
func (t *Text) back(b, n int) int {
	for ; n > 0 && b > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(t.s[:b])
		b -= size
	}
	return b
}

// forward is the byte n code points after byte b, or the text's end.
func (t *Text) forward(b, n int) int {
	for ; n > 0 && b < len(t.s); n-- {
		_, size := utf8.DecodeRuneInString(t.s[b:])
		b += size
	}
	return b
}

// checkQuote checks a's range and quote, not its context.
func (t *Text) checkQuote(field string, a Anchor) error {
	if err := t.checkRange(field, a.Start, a.End); err != nil {
		return err
	}
	if got := t.Slice(a.Start, a.End); got != a.Exact {
		return t.quoteError(field, a)
	}
	return checkNotBlank(field, a.Start, a.End, a.Exact)
}

// quoteError says that a's quote is not the text in its range, which the
// caller has checked.
func (t *Text) quoteError(field string, a Anchor) error {
	return fieldError(field, "quote %q does not match the text at %d–%d, which reads %q",
		Clip(a.Exact), a.Start, a.End, Clip(t.Slice(a.Start, a.End)))
}

// checkNotBlank refuses a span that is only white space: a double-click on a
// space selects one, and an annotation of nothing cannot be read, quoted or
// shown (the desk used to crash on one).
func checkNotBlank(field string, start, end int, quote string) error {
	if strings.TrimSpace(quote) == "" {
		return fieldError(field, "the span %d–%d is only white space; select the words to annotate", start, end)
	}
	return nil
}

func (t *Text) checkRange(field string, start, end int) error {
	if field == "" {
		field = "anchor"
	}
	switch {
	case start < 0:
		return fieldError(field, "start %d is negative", start)
	case end <= start:
		return fieldError(field, "end %d is not after start %d", end, start)
	case end > t.n:
		return fieldError(field, "end %d is past the end of the text (%d code points)", end, t.n)
	}
	return nil
}

// Clip shortens s to at most 40 code points for an error message.
func Clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:37]) + "…"
	}
	return s
}
