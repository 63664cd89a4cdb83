package reanchor

import "sort"

// The word diff is a patience diff (Bram Cohen's, as git diff --patience):
// tokens that occur exactly once in each side of a region are aligned by
// their longest increasing subsequence, the region is split at them and
// each part is diffed the same way; common prefixes and suffixes are taken
// first, and a part with no unique token in common falls back to a plain
// LCS when it is small, or counts as changed. Aligning on unique tokens is
// what keeps a frequent word ("the", "said") of deleted text from being
// matched with the same word of unrelated inserted text, and it runs in
// O(n log n) on texts of a million code points where a minimal Myers diff
// of the same tokens is O(n·d).

// lcsCells bounds the table of the LCS fallback (rows × columns).
const lcsCells = 1 << 16

// differ holds the scratch arrays of one diff, indexed by token id.
type differ struct {
	a, b           []int32 // token ids of the two sides
	countA, countB []int32
	posA, posB     []int32
	stamp          []int32
	gen            int32
	aToB           []int32 // result: for each token of a, its token in b or -1
}

// diffTokens aligns token id sequences a and b and returns, for every
// position of a, the position of b it is equal to, or -1.
func diffTokens(a, b []int32, vocabSize int) []int32 {
	d := &differ{
		a: a, b: b,
		countA: make([]int32, vocabSize), countB: make([]int32, vocabSize),
		posA: make([]int32, vocabSize), posB: make([]int32, vocabSize),
		stamp: make([]int32, vocabSize),
		aToB:  make([]int32, len(a)),
	}
	for i := range d.aToB {
		d.aToB[i] = -1
	}
	d.region(0, len(a), 0, len(b))
	return d.aToB
}

// region diffs a[alo:ahi] against b[blo:bhi].
func (d *differ) region(alo, ahi, blo, bhi int) {
	for alo < ahi && blo < bhi && d.a[alo] == d.b[blo] {
		d.aToB[alo] = int32(blo)
		alo, blo = alo+1, blo+1
	}
	for alo < ahi && blo < bhi && d.a[ahi-1] == d.b[bhi-1] {
		d.aToB[ahi-1] = int32(bhi - 1)
		ahi, bhi = ahi-1, bhi-1
	}
	if alo == ahi || blo == bhi {
		return
	}
	pairs := d.uniquePairs(alo, ahi, blo, bhi)
	if len(pairs) == 0 {
		if (ahi-alo)*(bhi-blo) <= lcsCells {
			d.lcs(alo, ahi, blo, bhi)
		}
		return
	}
	pa, pb := alo, blo
	for _, p := range longestIncreasing(pairs) {
		d.region(pa, int(p.a), pb, int(p.b))
		d.aToB[p.a] = p.b
		pa, pb = int(p.a)+1, int(p.b)+1
	}
	d.region(pa, ahi, pb, bhi)
}

type pair struct{ a, b int32 }

// uniquePairs lists, in order of a, the tokens that occur exactly once in
// a[alo:ahi] and once in b[blo:bhi], with their positions.
func (d *differ) uniquePairs(alo, ahi, blo, bhi int) []pair {
	d.gen++
	g := d.gen
	touch := func(id int32) {
		if d.stamp[id] != g {
			d.stamp[id] = g
			d.countA[id], d.countB[id] = 0, 0
		}
	}
	for i := alo; i < ahi; i++ {
		id := d.a[i]
		touch(id)
		d.countA[id]++
		d.posA[id] = int32(i)
	}
	for j := blo; j < bhi; j++ {
		id := d.b[j]
		touch(id)
		d.countB[id]++
		d.posB[id] = int32(j)
	}
	var pairs []pair
	for i := alo; i < ahi; i++ {
		id := d.a[i]
		if d.countA[id] == 1 && d.countB[id] == 1 {
			pairs = append(pairs, pair{int32(i), d.posB[id]})
		}
	}
	return pairs
}

// longestIncreasing returns the longest subsequence of pairs (sorted by a)
// whose b increase too: patience sorting with back links.
func longestIncreasing(pairs []pair) []pair {
	tails := make([]int, 0, len(pairs)) // index into pairs of the smallest tail of each length
	back := make([]int, len(pairs))
	for i, p := range pairs {
		k := sort.Search(len(tails), func(k int) bool { return pairs[tails[k]].b >= p.b })
		if k > 0 {
			back[i] = tails[k-1]
		} else {
			back[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	out := make([]pair, len(tails))
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, back[i] {
		out[k] = pairs[i]
	}
	return out
}

// lcs aligns a small region by the textbook longest-common-subsequence table.
func (d *differ) lcs(alo, ahi, blo, bhi int) {
	n, m := ahi-alo, bhi-blo
	t := make([]int32, (n+1)*(m+1))
	at := func(i, j int) *int32 { return &t[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case d.a[alo+i] == d.b[blo+j]:
				*at(i, j) = *at(i+1, j+1) + 1
			case *at(i+1, j) >= *at(i, j+1):
				*at(i, j) = *at(i+1, j)
			default:
				*at(i, j) = *at(i, j+1)
			}
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case d.a[alo+i] == d.b[blo+j]:
			d.aToB[alo+i] = int32(blo + j)
			i, j = i+1, j+1
		case *at(i+1, j) >= *at(i, j+1):
			i++
		default:
			j++
		}
	}
}
