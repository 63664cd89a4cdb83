package similar

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// claims100k makes 100,000 claims from the CheckThat! library: each
// verified claim and variants of it with words dropped, swapped for words
// of another claim, and a number changed, so that the vocabulary and the
// posting lists grow as a real library's would.
func claims100k(tb testing.TB, lib []Claim) []Claim {
	rng := rand.New(rand.NewSource(1))
	out := make([]Claim, 0, 100_000)
	for i := 0; len(out) < 100_000; i++ {
		c := lib[i%len(lib)]
		if i >= len(lib) {
			other := lib[rng.Intn(len(lib))]
			c.Text = vary(rng, c.Text, other.Text)
			c.Title = vary(rng, c.Title, other.Title)
		}
		c.ID = fmt.Sprintf("v%d", i)
		out = append(out, c)
	}
	return out
}

func vary(rng *rand.Rand, s, other string) string {
	ws := strings.Fields(s)
	os := strings.Fields(other)
	for j := range ws {
		switch r := rng.Intn(10); {
		case r == 0 && len(os) > 0:
			ws[j] = os[rng.Intn(len(os))]
		case r == 1:
			ws[j] = ""
		case r == 2:
			ws[j] += fmt.Sprint(rng.Intn(100))
		}
	}
	return strings.Join(ws, " ")
}

// overlapIndex is the baseline: each claim's distinct lower-cased words,
// scanned in full for every query, ranked by how many the query shares.
type overlapIndex struct {
	words [][]string
}

func newOverlapIndex(cs []Claim) *overlapIndex {
	ix := &overlapIndex{words: make([][]string, len(cs))}
	for i, c := range cs {
		ws := strings.Fields(strings.ToLower(c.Text + " " + c.Title))
		slices.Sort(ws)
		ix.words[i] = slices.Compact(ws)
	}
	return ix
}

func (ix *overlapIndex) search(q string, k int) []int {
	qs := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(q)) {
		qs[w] = true
	}
	type hit struct{ doc, n int }
	var hits []hit
	for i, ws := range ix.words {
		n := 0
		for _, w := range ws {
			if qs[w] {
				n++
			}
		}
		if n > 0 {
			hits = append(hits, hit{i, n})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return b.n - a.n })
	out := make([]int, 0, k)
	for _, h := range hits[:min(k, len(hits))] {
		out = append(out, h.doc)
	}
	return out
}

func BenchmarkIndex100k(b *testing.B) {
	d := loadCLEF(b)
	cs := claims100k(b, d.ix.claims)
	b.Run("similar", func(b *testing.B) {
		for b.Loop() {
			NewIndex(cs)
		}
	})
	b.Run("overlap-baseline", func(b *testing.B) {
		for b.Loop() {
			newOverlapIndex(cs)
		}
	})
}

func BenchmarkQuery100k(b *testing.B) {
	d := loadCLEF(b)
	cs := claims100k(b, d.ix.claims)
	ix, base := NewIndex(cs), newOverlapIndex(cs)
	b.Run("similar", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ix.Search(d.dev[i%len(d.dev)].Text, 10)
			i++
		}
	})
	b.Run("overlap-baseline", func(b *testing.B) {
		i := 0
		for b.Loop() {
			base.search(d.dev[i%len(d.dev)].Text, 10)
			i++
		}
	})
}
