package reanchor

import "sort"

// The word diff is a patience diff (Bram Cohen's, as git diff --patience):
// tokens that occur exactly once in each side of a region are aligned by
// their increasing subsequence (the heaviest, each weighed by the run of
// equal tokens around it, rather than the longest), the region is split at them and
// each part is diffed the same way; common prefixes and suffixes are taken
// first, and a part with no unique token in common falls back to a plain
// LCS when it is small, or counts as changed. Aligning on unique tokens is
// what keeps a frequent word ("the", "said") of deleted text from being
// matched with the same word of unrelated inserted text, and it runs in
// O(n log n) on texts of a million code points where a minimal Myers diff
// of the same tokens is O(n·d). Measured on shared/reanchor's 1 MB texts
// (202,138 tokens), against github.com/sergi/go-diff v1.4.0 with each token
// mapped to one rune as its line mode does: at 5 % edits go-diff takes
// 0.81 s for 192,929 equal tokens, this diff about 0.1 s for as many; at
// 20 % go-diff gives up at its default 1 s timeout (10 equal tokens: the
// whole text changed) and needs 17.2 s without one, for 166,768 equal
// tokens, this diff 0.15 s for 166,766.

// lcsCells bounds the table of the LCS fallback (rows × columns).
const lcsCells = 1 << 18

// maxShared is the most occurrences a token may have in each side of a
// region without unique tokens to be aligned occurrence by occurrence (a
// passage quoted twice in an article).
const maxShared = 4

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
	for _, p := range d.heaviestIncreasing(pairs, alo, ahi, blo, bhi) {
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
	if len(pairs) == 0 {
		pairs = d.sharedPairs(alo, ahi, blo, bhi)
	}
	return pairs
}

// sharedPairs pairs the k-th occurrence in a of each token that occurs
// equally often, at most maxShared times, in both sides with its k-th
// occurrence in b; the counts are those uniquePairs just made.
func (d *differ) sharedPairs(alo, ahi, blo, bhi int) []pair {
	inB := map[int32][]int32{}
	for j := blo; j < bhi; j++ {
		id := d.b[j]
		if c := d.countA[id]; c == d.countB[id] && c <= maxShared {
			inB[id] = append(inB[id], int32(j))
		}
	}
	if len(inB) == 0 {
		return nil
	}
	seen := map[int32]int{}
	var pairs []pair
	for i := alo; i < ahi; i++ {
		id := d.a[i]
		if bs, ok := inB[id]; ok {
			pairs = append(pairs, pair{int32(i), bs[seen[id]]})
			seen[id]++
		}
	}
	return pairs
}

// heaviestIncreasing returns the subsequence of pairs (sorted by a) whose
// b increase too with the greatest total weight, the weight of a pair being
// the length of the run of equal tokens around it in the region. A unique
// word that only happens to occur on both sides (a replacement that is a
// word of the text) stands alone, while the words of text that did not
// change come in runs, so the weight keeps such a chance pair from
// displacing a true alignment that is as long in unique words. A Fenwick
// tree over the ranks of b gives each pair the best chain before it.
func (d *differ) heaviestIncreasing(pairs []pair, alo, ahi, blo, bhi int) []pair {
	n := len(pairs)
	rank := make([]int, n) // rank of pairs[i].b among all b
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool { return pairs[order[x]].b < pairs[order[y]].b })
	for r, i := range order {
		rank[i] = r
	}
	tree := make([]int, n+1) // Fenwick tree of pair indexes, by best chain weight
	best := make([]int, n)
	back := make([]int, n)
	query := func(r int) int { // the pair with the heaviest chain among ranks < r, or -1
		at := -1
		for ; r > 0; r -= r & -r {
			if k := tree[r] - 1; k >= 0 && (at < 0 || best[k] > best[at]) {
				at = k
			}
		}
		return at
	}
	update := func(r, i int) {
		for r++; r <= n; r += r & -r {
			if k := tree[r] - 1; k < 0 || best[i] > best[k] {
				tree[r] = i + 1
			}
		}
	}
	top := -1
	for i, p := range pairs {
		back[i] = query(rank[i])
		best[i] = d.runLength(p, alo, ahi, blo, bhi)
		if back[i] >= 0 {
			best[i] += best[back[i]]
		}
		update(rank[i], i)
		if top < 0 || best[i] > best[top] {
			top = i
		}
	}
	var out []pair
	for i := top; i >= 0; i = back[i] {
		out = append(out, pairs[i])
	}
	for x, y := 0, len(out)-1; x < y; x, y = x+1, y-1 {
		out[x], out[y] = out[y], out[x]
	}
	return out
}

// runLength is the length of the run of equal tokens through pair p within
// the region.
func (d *differ) runLength(p pair, alo, ahi, blo, bhi int) int {
	n := 1
	for i, j := int(p.a)-1, int(p.b)-1; i >= alo && j >= blo && d.a[i] == d.b[j]; i, j = i-1, j-1 {
		n++
	}
	for i, j := int(p.a)+1, int(p.b)+1; i < ahi && j < bhi && d.a[i] == d.b[j]; i, j = i+1, j+1 {
		n++
	}
	return n
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
