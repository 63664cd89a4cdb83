package annotate

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// AnchorQuote finds the span of t that an anchor from elsewhere means: a
// quote (exact) with the text before and after it (prefix, suffix; either may
// be empty when unknown) and, if hint ≥ 0, the code-point offset where the
// quote started when it was made.
//
// It tries the hint first: if exact is there and the context agrees, that is
// the span. Otherwise it looks at every occurrence of exact and scores how
// well the text around it agrees with prefix and suffix (in full, or only the
// ContextTail code points next to the quote). The single best occurrence wins
// if its context agrees on at least one side, or if it is the only occurrence
// of a quote at least MinUniqueQuote code points long; among equally good
// occurrences the one nearest the hint wins, if there is a hint and one is
// strictly nearest. Anything else is refused (false): an annotation that
// cannot be placed with confidence is better left an orphan than attached to
// the wrong words.
func AnchorQuote(t *Text, exact, prefix, suffix string, hint int) (Anchor, bool) {
	n := utf8.RuneCountInString(exact)
	if n == 0 || n > t.n || !utf8.ValidString(exact) || strings.TrimSpace(exact) == "" {
		// Invalid UTF-8 could match inside a code point; white space alone
		// is no span (see checkNotBlank).
		return Anchor{}, false
	}
	if hint >= 0 && hint+n <= t.n && t.Slice(hint, hint+n) == exact &&
		t.contextScore(hint, hint+n, prefix, suffix) == fullContext {
		return t.mustAnchor(hint, hint+n), true
	}
	starts := t.occurrences(exact)
	if len(starts) == 0 {
		return Anchor{}, false
	}
	best, bestScore := []int{}, -1
	for _, s := range starts {
		switch score := t.contextScore(s, s+n, prefix, suffix); {
		case score > bestScore:
			best, bestScore = append(best[:0], s), score
		case score == bestScore:
			best = append(best, s)
		}
	}
	if bestScore < sideAgrees && !(len(starts) == 1 && n >= MinUniqueQuote) {
		return Anchor{}, false
	}
	if len(best) == 1 {
		return t.mustAnchor(best[0], best[0]+n), true
	}
	if hint < 0 {
		return Anchor{}, false
	}
	sort.Slice(best, func(i, j int) bool { return abs(best[i]-hint) < abs(best[j]-hint) })
	if abs(best[0]-hint) == abs(best[1]-hint) {
		return Anchor{}, false
	}
	return t.mustAnchor(best[0], best[0]+n), true
}

// MinUniqueQuote is the length, in code points, from which a quote that
// occurs once in a text is taken to mean that place even when the text around
// it has changed.
const MinUniqueQuote = 16

// ContextTail is how many code points of context next to the quote must agree
// for a side to count as half agreeing.
const ContextTail = 8

// Context scores: each side scores 2 when it agrees in full (or is unknown),
// 1 when only its ContextTail code points next to the quote agree.
const (
	sideAgrees  = 2
	fullContext = 2 * sideAgrees
)

// contextScore scores how well the text around [start, end) agrees with the
// given prefix and suffix.
func (t *Text) contextScore(start, end int, prefix, suffix string) int {
	before := t.Slice(max(0, start-utf8.RuneCountInString(prefix)), start)
	after := t.Slice(end, min(t.n, end+utf8.RuneCountInString(suffix)))
	return sideScore(before, prefix, true) + sideScore(after, suffix, false)
}

func sideScore(got, want string, isPrefix bool) int {
	if got == want {
		return sideAgrees
	}
	r := []rune(want)
	k := min(len(r), ContextTail)
	if isPrefix && strings.HasSuffix(got, string(r[len(r)-k:])) || !isPrefix && strings.HasPrefix(got, string(r[:k])) {
		return 1
	}
	return 0
}

// occurrences returns the code-point offsets where exact starts in t,
// overlapping occurrences included.
func (t *Text) occurrences(exact string) []int {
	var starts []int
	for from := 0; from <= len(t.s); {
		i := strings.Index(t.s[from:], exact)
		if i < 0 {
			break
		}
		b := from + i
		starts = append(starts, t.cpAt(b))
		_, size := utf8.DecodeRuneInString(t.s[b:])
		from = b + max(size, 1)
	}
	return starts
}

// cpAt returns the code-point offset of byte offset b, which must start a
// code point.
func (t *Text) cpAt(b int) int {
	if t.marks == nil {
		return b
	}
	k := sort.Search(len(t.marks), func(i int) bool { return t.marks[i] > b }) - 1
	return k*markEvery + utf8.RuneCountInString(t.s[t.marks[k]:b])
}

// mustAnchor is Anchor for a range known to be valid.
func (t *Text) mustAnchor(start, end int) Anchor {
	a, err := t.Anchor(start, end)
	if err != nil {
		panic("annotate: " + err.Error())
	}
	return a
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
