package reanchor

import (
	"sort"

	"github.com/factmark/factmark/annotate"
)

// Method says how an anchor was placed on the new text.
type Method string

// Methods, from the most to the least certain.
const (
	// Exact: the diff carried the span over and its quote is unchanged
	// (its offsets may have moved with edits before it).
	Exact Method = "exact"
	// Diff: the diff carried the span over with edits inside it, and enough
	// of its words survive.
	Diff Method = "diff"
	// Fuzzy: the diff could not place it; an approximate search of its quote
	// found it, scored on the quote, its context and its position.
	Fuzzy Method = "fuzzy"
	// Orphan: no placement is good enough; the anchor keeps its old quote
	// and is attached to nothing.
	Orphan Method = "orphan"
)

// Placement is where an anchor of the old text goes in the new one.
type Placement struct {
	// Anchor is on the new text, with Exact, Prefix and Suffix as
	// annotate.Text.Anchor builds them; zero for an orphan.
	Anchor annotate.Anchor
	Method Method
	// Score is how well the new span agrees with the old one, 0 to 1: 1 for
	// Exact, the share of words kept for Diff, the weighted agreement of
	// quote, context and position for Fuzzy, 0 for Orphan.
	Score float64
}

// IsOrphan reports whether the anchor lost its text.
func (p Placement) IsOrphan() bool { return p.Method == Orphan }

// Thresholds of the fuzzy search, on the scale of Placement.Score.
const (
	// MinQuote is the least share of the quote (1 − edit distance / length)
	// a fuzzy match must keep: with more than half of its words deleted an
	// annotation is an orphan, and below this a match is as likely to be
	// other words.
	MinQuote = 0.75
	// MinScore is the least weighted score of a fuzzy placement: a quote
	// found whole whose context agrees on neither side scores about 0.72.
	MinScore = 0.75
)

// Mapper places anchors of one text (old) on another (new). It holds the
// word diff of the two, computed once by New; Place is then cheap and may be
// called from several goroutines.
type Mapper struct {
	old, new       *annotate.Text
	oldR, newR     []rune
	oldT, newT     []token
	oldToNew       []int32 // per old token: the equal new token, or -1
	newToOld       []int32
	voc            *vocab
	occStart, occs []int32 // new tokens by id: occs[occStart[id]:occStart[id+1]]
}

// New diffs old against new, word by word.
func New(old, new *annotate.Text) *Mapper {
	m := &Mapper{old: old, new: new, oldR: []rune(old.String()), newR: []rune(new.String()),
		voc: &vocab{ids: make(map[string]int32)}}
	m.oldT = tokenize(m.oldR, m.voc)
	m.newT = tokenize(m.newR, m.voc)
	a, b := ids(m.oldT), ids(m.newT)
	m.oldToNew = diffTokens(a, b, len(m.voc.ids))
	m.newToOld = make([]int32, len(m.newT))
	for j := range m.newToOld {
		m.newToOld[j] = -1
	}
	for i, j := range m.oldToNew {
		if j >= 0 {
			m.newToOld[j] = int32(i)
		}
	}
	m.slide()
	m.indexNew()
	return m
}

func ids(ts []token) []int32 {
	out := make([]int32, len(ts))
	for i, t := range ts {
		out[i] = t.id
	}
	return out
}

// indexNew lists the new text's tokens by id, for the fuzzy search's seeds.
func (m *Mapper) indexNew() {
	n := len(m.voc.ids)
	m.occStart = make([]int32, n+1)
	for _, t := range m.newT {
		m.occStart[t.id+1]++
	}
	for id := 0; id < n; id++ {
		m.occStart[id+1] += m.occStart[id]
	}
	m.occs = make([]int32, len(m.newT))
	fill := append([]int32(nil), m.occStart[:n]...)
	for j, t := range m.newT {
		m.occs[fill[t.id]] = int32(j)
		fill[t.id]++
	}
}

// Place finds a's span in the new text: through the diff when enough of its
// words survive there, else by approximate search near where the diff puts
// it (or, for text that moved, where its rarest words went), else nowhere.
// An anchor whose offsets do not hold its quote in the old text (made on
// another copy of it) is first found there by its quote and context
// (annotate.AnchorQuote), else searched in the new text by its quote alone.
func (m *Mapper) Place(a annotate.Anchor) Placement {
	if !m.oldQuoteMatches(a) {
		if found, ok := annotate.AnchorQuote(m.old, a.Exact, a.Prefix, a.Suffix, max(a.Start, -1)); ok {
			a = found
		}
	}
	if m.oldQuoteMatches(a) {
		if p, ok := m.placeByDiff(a); ok {
			return p
		}
	}
	return m.placeFuzzy(a)
}

// oldQuoteMatches reports whether a's offsets and quote agree with the old
// text (its context may be stale).
func (m *Mapper) oldQuoteMatches(a annotate.Anchor) bool {
	return 0 <= a.Start && a.Start < a.End && a.End <= len(m.oldR) && string(m.oldR[a.Start:a.End]) == a.Exact
}

// tokenRange is the old tokens that [start, end) touches: lo..hi inclusive,
// empty (lo > hi) for white space alone.
func tokenRange(ts []token, start, end int) (lo, hi int) {
	lo = sort.Search(len(ts), func(i int) bool { return int(ts[i].end) > start })
	hi = sort.Search(len(ts), func(i int) bool { return int(ts[i].start) >= end }) - 1
	return lo, hi
}

// placeByDiff maps a through the diff and checks the result.
func (m *Mapper) placeByDiff(a annotate.Anchor) (Placement, bool) {
	lo, hi := tokenRange(m.oldT, a.Start, a.End)
	if lo > hi {
		return Placement{Method: Orphan}, true // white space is nothing to place
	}
	first, last, ok := m.bestCluster(lo, hi)
	if !ok {
		return Placement{}, false
	}
	nf, nl := int(m.oldToNew[first]), int(m.oldToNew[last])
	start, end := int(m.newT[nf].start), int(m.newT[nl].end)
	if first == lo {
		start += max(0, a.Start-int(m.oldT[lo].start)) // an anchor from inside a word
	} else {
		start = int(m.newT[m.replacedEdge(lo, first, nf, -1)].start)
	}
	if last == hi {
		end -= max(0, int(m.oldT[hi].end)-a.End)
	} else {
		end = int(m.newT[m.replacedEdge(hi, last, nl, +1)].end)
	}
	start, end = m.snap(a, start, end)
	kept := m.keptWords(lo, hi, first, last)
	oldWords := countWords(m.oldT[lo : hi+1])
	nlo, nhi := tokenRange(m.newT, start, end)
	newWords := countWords(m.newT[nlo : nhi+1])
	if 2*kept <= oldWords || 2*kept < newWords {
		return Placement{}, false
	}
	if kept < 3 && m.contextSides(a, start, end) == 0 {
		return Placement{}, false // a word or two, and nothing around agrees
	}
	anchor, err := m.new.Anchor(start, end)
	if err != nil {
		return Placement{}, false
	}
	if anchor.Exact == a.Exact {
		return Placement{Anchor: anchor, Method: Exact, Score: 1}, true
	}
	// words kept over the mean of the two spans' words (Dice), at most 1:
	// words the revision ran together count once in the new span
	return Placement{Anchor: anchor, Method: Diff, Score: min(1, 2*float64(kept)/float64(oldWords+newWords))}, true
}

// maxGapGrowth is how many more words than the old text had may stand
// between two surviving tokens of a span before the span counts as split
// (a paragraph moved or inserted into it); a line break the old text did
// not have there splits it too.
const maxGapGrowth = 8

// bestCluster returns the first and last surviving old token of the
// largest run of survivors in lo..hi that the new text keeps together, by
// surviving words; ok is false when no token survives. Only words count as
// survivors (punctuation is matched by chance too often to say where a span
// goes) unless the span has none; punctuation that survives right beside
// the run's ends joins it.
func (m *Mapper) bestCluster(lo, hi int) (first, last int, ok bool) {
	words := false
	for i := lo; i <= hi && !words; i++ {
		words = m.oldT[i].word
	}
	bestWords := -1
	cf, cl, cw := -1, -1, 0
	flush := func() {
		if cf >= 0 && cw > bestWords {
			first, last, bestWords = cf, cl, cw
		}
	}
	for i := lo; i <= hi; i++ {
		if m.oldToNew[i] < 0 || words && !m.oldT[i].word {
			continue
		}
		if cf >= 0 && m.split(cl, i) {
			flush()
			cf, cw = -1, 0
		}
		if cf < 0 {
			cf = i
		}
		cl = i
		cw++
	}
	flush()
	if bestWords < 0 {
		return 0, 0, false
	}
	for first > lo && m.oldToNew[first-1] >= 0 && m.oldToNew[first-1] == m.oldToNew[first]-1 {
		first--
	}
	for last < hi && m.oldToNew[last+1] >= 0 && m.oldToNew[last+1] == m.oldToNew[last]+1 {
		last++
	}
	return first, last, true
}

// split reports whether the new text puts a paragraph or more than a few
// words between surviving old tokens i < k that the old text did not have.
func (m *Mapper) split(i, k int) bool {
	oldWords, oldLines := gap(m.oldT, i, k)
	newWords, newLines := gap(m.newT, int(m.oldToNew[i]), int(m.oldToNew[k]))
	return newLines > oldLines || newWords > oldWords+maxGapGrowth
}

// gap counts the words strictly between tokens i < k and the line breaks
// between i and k.
func gap(ts []token, i, k int) (words, lines int) {
	for j := i + 1; j <= k; j++ {
		if ts[j].line {
			lines++
		}
		if j < k && (ts[j].start > ts[j-1].end) {
			words++
		}
	}
	return words, lines
}

// replacedEdge is the new token where the span's edge goes when the old
// tokens from edge to survivor (exclusive) were lost: the new text's
// unmatched words beside newSurvivor (direction dir: −1 before it, +1
// after it), as many words as were lost, replace them. A word replaced at a
// span's edge stays in the span; a word only inserted beside it does not
// join it. It returns newSurvivor when nothing takes the lost words' place.
func (m *Mapper) replacedEdge(edge, survivor, newSurvivor, dir int) int {
	lost, lines := 0, 0
	for i := survivor; i != edge; i += dir {
		if m.oldToNew[i+dir] >= 0 && m.oldT[i+dir].word {
			return newSurvivor // survivors of another run lie there: the span was split
		}
		if m.oldBoundary(i, dir) {
			lost++
		}
		lines += lineBetween(m.oldT, i, dir)
	}
	j := newSurvivor
	take := func() bool { // one more unmatched token, no more line breaks than the old text had
		k := j + dir
		if k < 0 || k >= len(m.newT) || m.newToOld[k] >= 0 {
			return false
		}
		if l := lineBetween(m.newT, j, dir); l > lines {
			return false // a replaced word stays in its paragraph
		} else {
			lines -= l
		}
		j = k
		return true
	}
	for !m.newBoundary(j, dir) && take() {
	}
	for ; lost > 0 && m.newBoundary(j, dir) && take(); lost-- {
		for !m.newBoundary(j, dir) && take() {
		}
	}
	return j
}

// lineBetween is 1 when a line break separates token i from its neighbour
// in direction dir, else 0.
func lineBetween(ts []token, i, dir int) int {
	k := i
	if dir > 0 {
		k = i + 1
	}
	if k > 0 && k < len(ts) && ts[k].line {
		return 1
	}
	return 0
}

// oldBoundary reports whether white space separates old token i from its
// neighbour in direction dir; newBoundary the same in the new text.
func (m *Mapper) oldBoundary(i, dir int) bool { return boundary(m.oldT, i, dir) }

func (m *Mapper) newBoundary(j, dir int) bool { return boundary(m.newT, j, dir) }

func boundary(ts []token, i, dir int) bool {
	k := i + dir
	if k < 0 || k >= len(ts) {
		return true
	}
	if dir < 0 {
		return ts[i].start > ts[k].end
	}
	return ts[k].start > ts[i].end
}

// keptWords counts the words of old tokens lo..hi, first..last of which
// survive in the diff: a word (white-space delimited) is kept when one of
// its letters-and-digits tokens is, or, for a word of punctuation only, one
// of its tokens.
func (m *Mapper) keptWords(lo, hi, first, last int) int {
	kept := 0
	for i := lo; i <= hi; {
		j := i + 1
		for j <= hi && !m.spaceBefore(j) {
			j++
		}
		hasWord, keptAny, keptWord := false, false, false
		for k := i; k < j; k++ {
			in := k >= first && k <= last && m.oldToNew[k] >= 0
			hasWord = hasWord || m.oldT[k].word
			keptAny = keptAny || in
			keptWord = keptWord || in && m.oldT[k].word
		}
		if keptWord || !hasWord && keptAny {
			kept++
		}
		i = j
	}
	return kept
}

// spaceBefore reports whether white space separates old token i from the
// one before it.
func (m *Mapper) spaceBefore(i int) bool {
	return i == 0 || m.oldT[i].start > m.oldT[i-1].end
}

// countWords counts white-space delimited words among tokens.
func countWords(ts []token) int {
	n := 0
	for i, t := range ts {
		if i == 0 || t.start > ts[i-1].end {
			n++
		}
	}
	return n
}

// contextSides counts the sides of [start, end) in the new text whose
// ContextTail code points next to the span agree with a's prefix or suffix.
func (m *Mapper) contextSides(a annotate.Anchor, start, end int) int {
	n := 0
	p := []rune(a.Prefix)
	k := min(len(p), annotate.ContextTail)
	if start-k >= 0 && string(m.newR[start-k:start]) == string(p[len(p)-k:]) {
		n++
	}
	s := []rune(a.Suffix)
	k = min(len(s), annotate.ContextTail)
	if end+k <= len(m.newR) && string(m.newR[end:end+k]) == string(s[:k]) {
		n++
	}
	return n
}

// quoteTokens tokenizes a quote with the ids of the two texts (-1 for a
// token neither has), positions relative to the quote.
func (m *Mapper) quoteTokens(q []rune) []token {
	var out []token
	for i := 0; i < len(q); {
		c := class(q[i])
		if c == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(q) && class(q[j]) == c {
			j++
		}
		id, ok := m.voc.ids[string(q[i:j])]
		if !ok {
			id = -1
		}
		out = append(out, token{start: int32(i), end: int32(j), id: id, word: c == 1})
		i = j
	}
	return out
}
