package reanchor

// A diff is often free to put a deletion one token earlier or later: when
// a deleted sentence starts with "The" and so does the sentence after it,
// either "The" may be the one kept. A span that ends at the first "The"
// then keeps a word it lost. slide moves every pure deletion and insertion
// to the place among the equivalent ones that best fits the text's
// structure, as git's diff heuristics do for lines: starting a paragraph
// or a sentence, and ending one.

// slide runs over the old tokens' deletions and the new tokens'
// insertions.
func (m *Mapper) slide() {
	slideRuns(m.oldT, m.oldR, m.oldToNew, m.newToOld)
	slideRuns(m.newT, m.newR, m.newToOld, m.oldToNew)
}

// slideRuns slides each run of unmatched tokens of one side (ts, with its
// matches toOther) that has nothing opposite it on the other side.
func slideRuns(ts []token, rs []rune, toOther, fromOther []int32) {
	for s := 0; s < len(ts); {
		if toOther[s] >= 0 {
			s++
			continue
		}
		e := s
		for e < len(ts) && toOther[e] < 0 {
			e++
		}
		if s > 0 && e < len(ts) && toOther[s-1]+1 == toOther[e] {
			e = slideRun(ts, rs, toOther, fromOther, s, e)
		}
		s = e + 1
	}
}

// slideRun slides the run [s, e) to its best place and returns its end.
func slideRun(ts []token, rs []rune, toOther, fromOther []int32, s, e int) int {
	// how far the run can move: left while the token before it equals its
	// last, right while the token after it equals its first
	left := 0
	for s-left-1 >= 0 && toOther[s-left-1] >= 0 && ts[s-left-1].id == ts[e-left-1].id {
		left++
	}
	right := 0
	for e+right < len(ts) && toOther[e+right] >= 0 && ts[e+right].id == ts[s+right].id {
		right++
	}
	if left == 0 && right == 0 {
		return e
	}
	best, bestScore := 0, fit(ts, rs, s, e)
	for d := -left; d <= right; d++ {
		if sc := fit(ts, rs, s+d, e+d); sc > bestScore {
			best, bestScore = d, sc
		}
	}
	for ; best < 0; best++ { // move one step left: the match of s−1 goes to e−1
		s, e = s-1, e-1
		toOther[e], toOther[s] = toOther[s], -1
		fromOther[toOther[e]] = int32(e)
	}
	for ; best > 0; best-- { // one step right: the match of e goes to s
		toOther[s], toOther[e] = toOther[e], -1
		fromOther[toOther[s]] = int32(s)
		s, e = s+1, e+1
	}
	return e
}

// fit scores a run [s, e) by how well its edges fall on the text's
// structure: a paragraph break (2) or a sentence end (1) before its start
// and after its end.
func fit(ts []token, rs []rune, s, e int) int {
	score := 0
	if ts[s].line {
		score += 2
	} else if s > 0 && endsSentence(rs, ts[s-1]) {
		score++
	}
	if e >= len(ts) || ts[e].line {
		score += 2
	} else if endsSentence(rs, ts[e-1]) {
		score++
	}
	return score
}

func endsSentence(rs []rune, t token) bool {
	if t.word {
		return false
	}
	for _, r := range rs[t.start:t.end] {
		if r == '.' || r == '!' || r == '?' {
			return true
		}
	}
	return false
}
