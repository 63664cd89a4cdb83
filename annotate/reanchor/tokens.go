package reanchor

import "unicode"

// token is one word (a run of letters, digits and marks) or one run of
// other visible characters (punctuation, symbols) of a text; white space
// separates tokens and belongs to none. id is the same for equal tokens of
// both revisions, so that the diff compares integers.
type token struct {
	start, end int32 // code points, end exclusive
	id         int32
	word       bool
	line       bool // a line break is in the white space before it
}

// class of a code point for tokenizing: 0 space, 1 word, 2 other.
func class(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return 0
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 1
	}
	return 2
}

// vocab interns token texts as small integers shared by both revisions.
type vocab struct {
	ids map[string]int32
}

// id interns b; the map lookup does not copy b, only a new token's text is
// allocated.
func (v *vocab) id(b []byte) int32 {
	if id, ok := v.ids[string(b)]; ok {
		return id
	}
	id := int32(len(v.ids))
	v.ids[string(b)] = id
	return id
}

// tokenize splits runes into tokens, interning their texts in v.
func tokenize(rs []rune, v *vocab) []token {
	toks := make([]token, 0, len(rs)/5+1)
	buf := make([]byte, 0, 64)
	for i := 0; i < len(rs); {
		c := class(rs[i])
		if c == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && class(rs[j]) == c {
			j++
		}
		buf = buf[:0]
		for _, r := range rs[i:j] {
			buf = appendRune(buf, r)
		}
		line := false
		for k := i - 1; k >= 0 && class(rs[k]) == 0; k-- {
			line = line || rs[k] == '\n'
		}
		toks = append(toks, token{start: int32(i), end: int32(j), id: v.id(buf), word: c == 1, line: line})
		i = j
	}
	return toks
}

func appendRune(b []byte, r rune) []byte {
	if r < 0x80 {
		return append(b, byte(r))
	}
	return append(b, string(r)...)
}
