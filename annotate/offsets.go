package annotate

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizedOffsets returns a function that moves a code-point offset in raw
// to the same place in normalized, which is NormalizeText(raw): byte-order
// marks dropped, CR and CRLF made '\n', then NFC. An offset inside a sequence
// that NFC composes into fewer code points moves to the sequence's start.
func NormalizedOffsets(raw, normalized string) func(int) int {
	if raw == normalized {
		return func(i int) int { return i }
	}
	lines, toLines := unifyLineEnds(raw)
	toNFC := nfcOffsets(lines)
	return func(i int) int {
		if i < 0 || i >= len(toLines) {
			return i - len(toLines) + len(toNFC) // past the end stays past the end
		}
		return toNFC[toLines[i]]
	}
}

// unifyLineEnds drops U+FEFF and turns CRLF and CR into '\n', and maps each
// code point of raw (and its end) to its offset in the result.
func unifyLineEnds(raw string) (string, []int) {
	var b strings.Builder
	b.Grow(len(raw))
	m := make([]int, 0, utf8.RuneCountInString(raw)+1)
	j := 0
	for i, r := range raw {
		m = append(m, j)
		switch {
		case r == '\uFEFF', r == '\r' && strings.HasPrefix(raw[i+1:], "\n"):
			continue
		case r == '\r':
			r = '\n'
		}
		b.WriteRune(r)
		j++
	}
	return b.String(), append(m, j)
}

// nfcOffsets maps each code point of s (and its end) to its offset in
// NFC(s), segment by segment.
func nfcOffsets(s string) []int {
	m := make([]int, 0, utf8.RuneCountInString(s)+1)
	var it norm.Iter
	it.InitString(norm.NFC, s)
	out, prev := 0, 0
	for !it.Done() {
		seg := it.Next()
		pos := it.Pos()
		for k := utf8.RuneCountInString(s[prev:pos]); k > 0; k-- {
			m = append(m, out)
		}
		out += utf8.RuneCount(seg)
		prev = pos
	}
	return append(m, out)
}
