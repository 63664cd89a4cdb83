package textview

import (
	"unicode"
	"unicode/utf8"
)

// nextToken returns the end of the token starting at byte i of s and whether
// it is a run of spaces. A word token ends at a space or just after a dash
// inside the word, the places a line may break.
func nextToken(s string, i int) (end int, space bool) {
	if s[i] == ' ' {
		j := i + 1
		for j < len(s) && s[j] == ' ' {
			j++
		}
		return j, true
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		r, w := utf8.DecodeRuneInString(s[j:])
		j += w
		if isDash(r) && j-w > i && j < len(s) && s[j] != ' ' {
			return j, false
		}
	}
	return j, false
}

func isDash(r rune) bool {
	return r == '-' || r == '‐' || r == '–' || r == '—'
}

// runeCount counts the code points of s, fast for ASCII.
func runeCount(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s)
		}
	}
	return len(s)
}

// byteOfRune returns the byte offset of code point k of s.
func byteOfRune(s string, k int) int {
	for b := range s {
		if k == 0 {
			return b
		}
		k--
	}
	return len(s)
}

// nextCluster returns the byte offset just after the user-perceived
// character starting at byte i of s: a code point plus any combining marks,
// variation selectors, emoji modifiers, ZWJ-joined code points, or the second
// half of a regional-indicator flag.
func nextCluster(s string, i int) int {
	r, w := utf8.DecodeRuneInString(s[i:])
	i += w
	prev := r
	for i < len(s) {
		next, w := utf8.DecodeRuneInString(s[i:])
		if !extends(prev, next) {
			break
		}
		if isRegional(prev) && isRegional(next) {
			return i + w
		}
		prev = next
		i += w
	}
	return i
}

// extends reports whether next continues the character that prev is part of.
func extends(prev, next rune) bool {
	switch {
	case prev == '\u200d' && next != '\n':
		return true
	case isRegional(prev) && isRegional(next):
		return true
	}
	return isExtender(next)
}

// isExtender reports whether r attaches to the code point before it.
func isExtender(r rune) bool {
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r) ||
		r == '\u200d' || (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0x1f3fb && r <= 0x1f3ff) ||
		(r >= 0xe0020 && r <= 0xe007f)
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// isWordRune reports whether r is part of a word for double-click selection.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// isApostrophe reports whether r joins a word when between letters (don’t).
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }
