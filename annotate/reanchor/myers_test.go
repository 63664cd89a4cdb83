package reanchor

import (
	"math/rand"
	"testing"
)

// levenshteinEnds is the textbook DP the bit-parallel search must equal:
// for each end i, the least distance of p to a substring ending at i+1
// (anchored: to the prefix text[:i+1]).
func levenshteinEnds(p, text []rune, anchored bool) []int {
	prev := make([]int, len(p)+1)
	for i := range prev {
		prev[i] = i
	}
	out := make([]int, len(text))
	cur := make([]int, len(p)+1)
	for j, r := range text {
		if anchored {
			cur[0] = j + 1
		} else {
			cur[0] = 0
		}
		for i := 1; i <= len(p); i++ {
			cost := 1
			if p[i-1] == r {
				cost = 0
			}
			cur[i] = min(prev[i-1]+cost, prev[i]+1, cur[i-1]+1)
		}
		out[j] = cur[len(p)]
		prev, cur = cur, prev
	}
	return out
}

func TestDistancesEqualDP(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("abcé ")
	word := func(n int) []rune {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return rs
	}
	for _, m := range []int{1, 2, 5, 63, 64, 65, 127, 128, 129, 200} {
		for trial := 0; trial < 5; trial++ {
			p, text := word(m), word(rng.Intn(300)+1)
			for _, anchored := range []bool{false, true} {
				got := compile(p).distances(text, anchored)
				want := levenshteinEnds(p, text, anchored)
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("m=%d anchored=%v: end %d: got %d, want %d", m, anchored, i, got[i], want[i])
					}
				}
			}
		}
	}
}

func TestBestMatch(t *testing.T) {
	tests := []struct {
		p, text string
		want    match
	}{
		{"needle", "hay needle hay", match{4, 10, 0}},
		{"needle", "hay nedle hay", match{4, 9, 1}},
		{"needles", "hay needle hay", match{4, 10, 1}},
		{"ünïcode", "ça unicode là", match{3, 10, 2}},
		{"a", "bbb", match{0, 1, 1}},
	}
	for _, tt := range tests {
		got, ok := bestMatch([]rune(tt.p), []rune(tt.text))
		if !ok || got != tt.want {
			t.Errorf("bestMatch(%q, %q) = %v %v, want %v", tt.p, tt.text, got, ok, tt.want)
		}
	}
	if _, ok := bestMatch(nil, []rune("x")); ok {
		t.Error("empty pattern matched")
	}
}
