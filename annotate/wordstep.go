package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// GrowWord and ShrinkWord are the desk's one word step, used by the span
// editors and by the Suggestions review alike, so that a fact-checker fixing
// a span meets the same words everywhere.
//
// GrowWord returns a with one more word at one edge: the end when atEnd,
// else the start. The edge skips the spaces beside it and takes the next
// word, or the next run of punctuation (“,” “.”” “–”), so that a reviewer
// reaches every word boundary one key at a time and a grow undoes a shrink.
// An edge inside a word first moves to that word's boundary. It reports
// false, with a unchanged, at the text's start or end or at a line break:
// a span does not run into the next paragraph; and for a span that is empty
// or not in the text.
func (t *Text) GrowWord(a Anchor, atEnd bool) (Anchor, bool) {
	if !t.holds(a) {
		return a, false
	}
	var at int
	if atEnd {
		at = t.wordAfter(a.End)
	} else {
		at = t.wordBefore(a.Start)
	}
	if at < 0 {
		return a, false
	}
	if atEnd {
		return t.stepped(a, a.Start, at)
	}
	return t.stepped(a, at, a.End)
}

// ShrinkWord returns a with one word less at one edge (see GrowWord): the
// edge passes over the word or punctuation run at it and the spaces after.
// White space at the edge, which a drag often takes along, goes first and
// alone, so that the word the user meant to keep stays. It reports false,
// with a unchanged, when no word would be left or a is not a span of the text.
func (t *Text) ShrinkWord(a Anchor, atEnd bool) (Anchor, bool) {
	if !t.holds(a) {
		return a, false
	}
	if atEnd {
		if end := t.skipSpaceBack(a.End, a.Start); end < a.End {
			return t.stepped(a, a.Start, end)
		}
		end := t.skipSpaceBack(t.tokenBack(a.End, a.Start), a.Start)
		return t.stepped(a, a.Start, end)
	}
	if start := t.skipSpace(a.Start, a.End); start > a.Start {
		return t.stepped(a, start, a.End)
	}
	start := t.skipSpace(t.tokenForward(a.Start, a.End), a.End)
	return t.stepped(a, start, a.End)
}

// holds reports whether a is a non-empty range of the text.
func (t *Text) holds(a Anchor) bool {
	return 0 <= a.Start && a.Start < a.End && a.End <= t.n
}

// stepped is the anchor [start, end), or a and false when that range is
// empty, blank or out of the text.
func (t *Text) stepped(a Anchor, start, end int) (Anchor, bool) {
	if start == a.Start && end == a.End {
		return a, false
	}
	b, err := t.Anchor(start, end)
	if err != nil {
		return a, false
	}
	return b, true
}

// wordAfter is where the word after offset i ends (spaces skipped, no line
// break crossed), or -1 when there is none.
func (t *Text) wordAfter(i int) int {
	j := i
	for j < t.n && isSpaceRune(t.runeAt(j)) {
		if t.runeAt(j) == '\n' {
			return -1
		}
		j++
	}
	if j == t.n {
		return -1
	}
	return t.tokenForward(j, t.n)
}

// wordBefore is where the word before offset i starts, or -1.
func (t *Text) wordBefore(i int) int {
	j := i
	for j > 0 && isSpaceRune(t.runeAt(j-1)) {
		if t.runeAt(j-1) == '\n' {
			return -1
		}
		j--
	}
	if j == 0 {
		return -1
	}
	return t.tokenBack(j, 0)
}

// tokenForward is the end of the word or punctuation run starting at i,
// not past limit; i itself when a space is there.
func (t *Text) tokenForward(i, limit int) int {
	if i >= limit || isSpaceRune(t.runeAt(i)) {
		return i
	}
	word := t.inWord(i)
	j := i + 1
	for j < limit && !isSpaceRune(t.runeAt(j)) && t.inWord(j) == word {
		j++
	}
	return j
}

// tokenBack is the start of the word or punctuation run ending at i, not
// before limit; i itself when a space is before it.
func (t *Text) tokenBack(i, limit int) int {
	if i <= limit || isSpaceRune(t.runeAt(i-1)) {
		return i
	}
	word := t.inWord(i - 1)
	j := i - 1
	for j > limit && !isSpaceRune(t.runeAt(j-1)) && t.inWord(j-1) == word {
		j--
	}
	return j
}

func (t *Text) skipSpace(i, limit int) int {
	for i < limit && isSpaceRune(t.runeAt(i)) {
		i++
	}
	return i
}

func (t *Text) skipSpaceBack(i, limit int) int {
	for i > limit && isSpaceRune(t.runeAt(i-1)) {
		i--
	}
	return i
}

// inWord reports whether code point i belongs to a word: a letter, digit or
// mark, or an apostrophe, hyphen or decimal sign between two of them
// (“Macron’s”, “cease-fire”, “3.5”, “1,000”), the period that ends an
// abbreviation (“Mr.”, “U.S.”, see abbreviationEnds), or a currency sign
// before a digit (“€412”): a checker takes an amount with its currency.
func (t *Text) inWord(i int) bool {
	r := t.runeAt(i)
	if isWordRune(r) {
		return true
	}
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		if i > 0 && i+1 < t.n && isWordRune(t.runeAt(i-1)) && isWordRune(t.runeAt(i+1)) {
			return true
		}
		return r == '.' && t.abbreviationEnds(i)
	}
	return unicode.Is(unicode.Sc, r) && i+1 < t.n && unicode.IsDigit(t.runeAt(i+1))
}

// abbreviationEnds reports whether the period at i ends an abbreviation, so
// that a word step takes “Mr.” or “U.S.” whole; a period after any other
// word (“Ukraine.”) stays a step of its own. Abbreviations are told by
// their form, as written in English prose:
//   - letters parted by periods, one or two letters each (“U.S.”, “e.g.”,
//     “a.m.”, “Ph.D.”), not a web address (“bbc.co.uk.”);
//   - a capital initial (“Maria V. Zakharova”), but for the pronoun I;
//   - a short word with a small letter and no vowel (“Mr.”, “Mrs.”, “Dr.”,
//     “St.”, “Jr.”, “vs.”): English words have one; acronyms (“CNN.”) and
//     numbers (“2024.”) end sentences, not abbreviations;
//   - one of the common titles and abbreviations that do have a vowel
//     (vowelAbbreviations: “Gen.”, “Prof.”, “Inc.”, “etc.”).
//
// An abbreviation at a sentence's end keeps its period: the one period
// does both jobs. A period that starts an ellipsis (“Mr...”) is punctuation.
func (t *Text) abbreviationEnds(i int) bool {
	if i+1 < t.n && t.runeAt(i+1) == '.' {
		return false // an ellipsis, not an abbreviation's period
	}
	start := t.abbreviationStart(i)
	if start < 0 {
		return false
	}
	var word []rune
	dotted, part, longest := false, 0, 0
	for j := start; j < i; j++ {
		if r := t.runeAt(j); r == '.' {
			dotted, part = true, 0
		} else {
			word, part = append(word, r), part+1
			longest = max(longest, part)
		}
	}
	switch {
	case dotted:
		return longest <= 2
	case len(word) == 1:
		return unicode.IsUpper(word[0]) && word[0] != 'I' // the pronoun ends sentences
	case len(word) <= 4 && vowelless(word):
		return true
	}
	return vowelAbbreviations[string(word)]
}

// abbreviationStart is where the letters and inner periods before the
// period at i start, or -1 when no letter is right before it or the word
// is the tail of a longer one (“x-ray”, “Macron’s”), whose parts the inner
// joiners keep together.
func (t *Text) abbreviationStart(i int) int {
	j := i
	for j > 0 {
		r := t.runeAt(j - 1)
		if unicode.IsLetter(r) || r == '.' && j-1 > 0 && j < i && unicode.IsLetter(t.runeAt(j-2)) && unicode.IsLetter(t.runeAt(j)) {
			j--
			continue
		}
		break
	}
	if j == i || !unicode.IsLetter(t.runeAt(j)) {
		return -1
	}
	if j > 0 && (isWordRune(t.runeAt(j-1)) || t.inWord(j-1)) {
		return -1 // a digit or mark before it, or an inner joiner
	}
	return j
}

// vowelless reports whether a word has a small letter and no vowel (y
// counts: “by”, “my”, “fly”).
func vowelless(word []rune) bool {
	lower := false
	for _, r := range word {
		if strings.ContainsRune("aeiouyAEIOUY", r) || r > unicode.MaxASCII {
			return false
		}
		lower = lower || unicode.IsLower(r)
	}
	return lower
}

// vowelAbbreviations are common English abbreviations, as written, that
// have a vowel and so are not told by their form alone: titles, months,
// companies' and Latin ones. Words that end sentences as often (“May”,
// “No”) are not among them.
var vowelAbbreviations = map[string]bool{
	"Gen": true, "Sen": true, "Rep": true, "Gov": true, "Prof": true, "Col": true,
	"Capt": true, "Rev": true, "Maj": true, "Adm": true, "Lieut": true, "Supt": true,
	"Hon": true, "Pres": true, "Mme": true, "Mlle": true,
	"Jan": true, "Feb": true, "Aug": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"Inc": true, "Corp": true, "Co": true, "Bros": true, "Univ": true, "Dept": true, "Ave": true,
	"etc": true, "al": true, "approx": true, "Fig": true, "Vol": true, "vol": true,
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }

// runeAt is code point i (0 ≤ i < Len).
func (t *Text) runeAt(i int) rune {
	r, _ := utf8.DecodeRuneInString(t.s[t.byteAt(i):])
	return r
}
