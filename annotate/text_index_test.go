package annotate

import (
	"math/rand/v2"
	"strings"
	"testing"
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
