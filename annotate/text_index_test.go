package annotate

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTextSliceMatchesRunes checks the mark-indexed Text against plain rune
// slicing on mixed-script text longer than several marks.
func TestTextSliceMatchesRunes(t *testing.T) {
	pieces := []string{"a", "é", "“", "—", "😀", "ß", "中", " ", "\n", "x"}
	rng := rand.New(rand.NewPCG(7, 9))
	for _, n := range []int{0, 1, markEvery - 1, markEvery, markEvery + 1, 1000} {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		runes := []rune(s)
		text := NewText(s)
		if text.Len() != len(runes) {
			t.Fatalf("n=%d: Len %d, want %d", n, text.Len(), len(runes))
		}
		for k := 0; k < 200 && n > 0; k++ {
			i, j := rng.IntN(n+1), rng.IntN(n+1)
			i, j = min(i, j), max(i, j)
			if got, want := text.Slice(i, j), string(runes[i:j]); got != want {
				t.Fatalf("n=%d: Slice(%d, %d) = %q, want %q", n, i, j, got, want)
			}
		}
	}
}

// TestTextSliceMostlyASCII checks every offset of texts that are ASCII but
// for a few code points, where most marks are followed by single-byte code
// points (byteAt counts bytes there) and a few are not, the last one
// included.
func TestTextSliceMostlyASCII(t *testing.T) {
	for _, at := range [][]int{{0}, {markEvery - 1}, {markEvery}, {3*markEvery + 5}, {4*markEvery - 1}, {10, 200}} {
		runes := []rune(strings.Repeat("x", 4*markEvery+17))
		for _, i := range at {
			runes[i] = '“'
		}
		s := string(runes)
		text := NewText(s)
		for i := 0; i <= len(runes); i++ {
			if got, want := text.Slice(0, i), string(runes[:i]); got != want {
				t.Fatalf("“ at %v: Slice(0, %d) = %q, want %q", at, i, got, want)
			}
		}
	}
}

// checkByRunes is what Text.Check means, with plain rune slicing: the range
// in the text, its quote the text's code points there and not only white
// space, its context at most ContextLen code points, ending where the quote
// starts and starting where it ends.
func checkByRunes(runes []rune, a Anchor) bool {
	if a.Start < 0 || a.End <= a.Start || a.End > len(runes) || string(runes[a.Start:a.End]) != a.Exact ||
		strings.TrimSpace(a.Exact) == "" {
		return false
	}
	np, ns := utf8.RuneCountInString(a.Prefix), utf8.RuneCountInString(a.Suffix)
	return np <= ContextLen && ns <= ContextLen &&
		strings.HasSuffix(string(runes[max(0, a.Start-np):a.Start]), a.Prefix) &&
		strings.HasPrefix(string(runes[a.End:min(len(runes), a.End+ns)]), a.Suffix)
}

// TestTextCheckMatchesRunes checks Text.Check against checkByRunes on
// anchors of mixed-script text, right ones and ones off by a code point or
// a byte in their offsets, quote or context.
func TestTextCheckMatchesRunes(t *testing.T) {
	pieces := []string{"a", "é", "“", "—", "😀", "ß", "中", " ", "\n", "x", "e\u0301"}
	rng := rand.New(rand.NewPCG(3, 5))
	for _, n := range []int{1, 2, markEvery + 1, 1000} {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		runes := []rune(s)
		text := NewText(s)
		for k := 0; k < 3000; k++ {
			i, j := rng.IntN(len(runes)+1), rng.IntN(len(runes)+1)
			i, j = min(i, j), max(i, j)
			a := Anchor{Start: i, End: j, Exact: string(runes[i:j]),
				Prefix: string(runes[max(0, i-ContextLen):i]), Suffix: string(runes[j:min(len(runes), j+ContextLen)])}
			mutate(rng, &a)
			want := checkByRunes(runes, a)
			if err := text.Check("anchor", a); (err == nil) != want {
				t.Fatalf("n=%d: Check(%+v) = %v; by runes it is right: %v", n, a, err, want)
			}
		}
	}
}

// mutate spoils a one way in four, or leaves it.
func mutate(rng *rand.Rand, a *Anchor) {
	cut := func(s string, fromEnd bool) string { // a byte off
		if s == "" {
			return s
		}
		if fromEnd {
			return s[:len(s)-1]
		}
		return s[1:]
	}
	switch rng.IntN(12) {
	case 0:
		a.Start--
	case 1:
		a.End++
	case 2:
		a.Exact = cut(a.Exact, true)
	case 3:
		a.Exact = cut(a.Exact, false)
	case 4:
		a.Prefix = cut(a.Prefix, false)
	case 5:
		a.Prefix = cut(a.Prefix, true)
	case 6:
		a.Suffix = cut(a.Suffix, true)
	case 7:
		a.Suffix = cut(a.Suffix, false)
	case 8:
		a.Prefix = "x" + a.Prefix
	case 9:
		a.Suffix += "é"
	}
}
