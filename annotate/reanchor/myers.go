package reanchor

// Approximate search of a pattern in a text by Myers' bit-parallel
// algorithm (G. Myers, "A fast bit-vector algorithm for approximate string
// matching based on dynamic programming", J. ACM 1999), in the blocked form
// of Hyyrö that approx-string-match uses for patterns longer than a machine
// word: for every end position of the text it gives the least edit
// distance (insertions, deletions, substitutions) between the pattern and a
// substring ending there, in O(⌈m/64⌉·n) word operations.

// pattern is a pattern compiled for search: for each of its code points,
// the bit mask of the positions where it occurs, block by block.
type pattern struct {
	m      int
	blocks int
	peq    map[rune][]uint64
	none   []uint64 // the masks of a code point not in the pattern
}

func compile(p []rune) *pattern {
	blocks := (len(p) + 63) / 64
	c := &pattern{m: len(p), blocks: blocks, peq: make(map[rune][]uint64), none: make([]uint64, blocks)}
	for i, r := range p {
		masks := c.peq[r]
		if masks == nil {
			masks = make([]uint64, blocks)
			c.peq[r] = masks
		}
		masks[i/64] |= 1 << uint(i%64)
	}
	return c
}

// distances returns, for each i, the least edit distance between the
// pattern and a substring of text ending at i+1 (text[j:i+1] for the best
// j), or, when anchored, between the pattern and text[0:i+1]: the DP's top
// row is then 0, 1, 2, … instead of all zero, which is a horizontal delta
// of +1 into the first block at every step. An empty pattern matches
// everywhere at distance 0 (anchored: i+1).
func (c *pattern) distances(text []rune, anchored bool) []int {
	out := make([]int, len(text))
	if c.m == 0 {
		if anchored {
			for i := range out {
				out[i] = i + 1
			}
		}
		return out
	}
	top := 0
	if anchored {
		top = 1
	}
	pv := make([]uint64, c.blocks)
	mv := make([]uint64, c.blocks)
	for b := range pv {
		pv[b] = ^uint64(0)
	}
	last := uint(c.m-1) % 64
	score := c.m
	for i, r := range text {
		eq := c.peq[r]
		if eq == nil {
			eq = c.none
		}
		carry := top
		for b := 0; b < c.blocks; b++ {
			high := uint(63)
			if b == c.blocks-1 {
				high = last
			}
			carry = advanceBlock(&pv[b], &mv[b], eq[b], carry, high)
		}
		score += carry
		out[i] = score
	}
	return out
}

// advanceBlock moves one 64-row block of the DP column one text position
// on, given the horizontal delta coming into its top row (−1, 0 or +1), and
// returns the delta leaving the row high (the block's last row).
func advanceBlock(pvp, mvp *uint64, eq uint64, hin int, high uint) int {
	pv, mv := *pvp, *mvp
	var hneg, hpos uint64
	if hin < 0 {
		hneg = 1
	} else if hin > 0 {
		hpos = 1
	}
	eq |= hneg
	xv := eq | mv
	xh := (((eq & pv) + pv) ^ pv) | eq
	ph := mv | ^(xh | pv)
	mh := pv & xh
	hout := 0
	if ph&(1<<high) != 0 {
		hout = 1
	} else if mh&(1<<high) != 0 {
		hout = -1
	}
	ph = ph<<1 | hpos
	mh = mh<<1 | hneg
	*pvp = mh | ^(xv | ph)
	*mvp = ph & xv
	return hout
}

// match is an approximate occurrence: text[start:end] at edit distance dist.
type match struct{ start, end, dist int }

// bestMatch finds the occurrence of p in text with the least edit
// distance: the first end position that attains it, and then the start
// that attains it with the span nearest p's length. ok is false for an
// empty pattern or text.
func bestMatch(p, text []rune) (match, bool) {
	if len(p) == 0 || len(text) == 0 {
		return match{}, false
	}
	ds := compile(p).distances(text, false)
	end, best := 0, ds[0]
	for i, d := range ds {
		if d < best {
			end, best = i, d
		}
	}
	// The start: the reversed pattern against the reversed text, anchored
	// at the end found.
	lo := max(0, end+1-len(p)-best)
	rd := compile(reversed(p)).distances(reversed(text[lo:end+1]), true)
	start, bestLen := end+1, -1
	for i, d := range rd {
		if d == best && (bestLen < 0 || abs(i+1-len(p)) < abs(bestLen-len(p))) {
			start, bestLen = end-i, i+1
		}
	}
	return match{start: start, end: end + 1, dist: best}, true
}

func reversed(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[len(rs)-1-i] = r
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
