package reanchor

import (
	"sort"
	"unicode"

	"github.com/factmark/factmark/annotate"
)

// Weights of the fuzzy score, as Hypothesis weighs its matches: the quote
// counts most, then each side's context, and the position only breaks ties.
const (
	quoteWeight  = 50
	prefixWeight = 20
	suffixWeight = 20
	posWeight    = 2
)

// Bounds of the fuzzy search.
const (
	maxSeeds   = 6    // rare words of a quote looked up in the whole new text
	maxOccurs  = 3    // a word found more often than this is no seed
	minSeed    = 4    // code points of a seed word
	maxWindow  = 8192 // code points searched around the diff's position, past the quote's length
	shortQuote = annotate.MinUniqueQuote
)

// placeFuzzy searches a's quote near where the diff puts its start and
// where its rarest words are in the new text, and keeps the best match if
// it is good enough.
func (m *Mapper) placeFuzzy(a annotate.Anchor) Placement {
	q := []rune(a.Exact)
	if len(q) == 0 || len(q) > len(m.newR)+len(m.newR)/2 {
		return Placement{Method: Orphan}
	}
	expected, lo, hi := m.expected(a)
	best := Placement{Method: Orphan}
	try := func(from, to int) {
		from, to = max(0, from), min(len(m.newR), to)
		if to-from < 1 {
			return
		}
		mt, ok := bestMatch(q, m.newR[from:to])
		if !ok {
			return
		}
		if p, ok := m.judge(a, q, from+mt.start, from+mt.end, expected); ok && p.Score > best.Score {
			best = p
		}
	}
	slack := len(q)/2 + 32
	if hi-lo > maxWindow {
		lo, hi = expected-maxWindow/2, expected+maxWindow/2
	}
	try(lo-slack, hi+len(q)+slack)
	for _, c := range m.seeds(q) {
		if c+len(q)+slack < lo-slack || c-slack > hi+len(q)+slack {
			try(c-slack, c+len(q)+slack)
		}
	}
	return best
}

// expected is where the diff puts a's start in the new text, and the
// stretch of the new text between the surviving tokens around it.
func (m *Mapper) expected(a annotate.Anchor) (at, lo, hi int) {
	start := min(max(a.Start, 0), len(m.oldR))
	i := sort.Search(len(m.oldT), func(i int) bool { return int(m.oldT[i].start) >= start })
	lo, hi = 0, len(m.newR)
	for k := i - 1; k >= 0; k-- {
		if j := m.oldToNew[k]; j >= 0 {
			lo = int(m.newT[j].end)
			break
		}
	}
	for k := i; k < len(m.oldT); k++ {
		if j := m.oldToNew[k]; j >= 0 {
			hi = int(m.newT[j].start)
			break
		}
	}
	if hi < lo {
		hi = lo
	}
	at = lo
	if lo == 0 && hi == len(m.newR) && len(m.oldR) > 0 {
		at = int(int64(start) * int64(len(m.newR)) / int64(len(m.oldR))) // nothing survives: proportional
	}
	return at, lo, hi
}

// seeds returns where the quote would start in the new text if its rare
// words are where they now are.
func (m *Mapper) seeds(q []rune) []int {
	qt := m.quoteTokens(q)
	var cands []token
	for _, t := range qt {
		if !t.word || t.id < 0 || t.end-t.start < minSeed {
			continue
		}
		if n := m.occStart[t.id+1] - m.occStart[t.id]; n >= 1 && n <= maxOccurs {
			cands = append(cands, t)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		return m.occStart[cands[i].id+1]-m.occStart[cands[i].id] < m.occStart[cands[j].id+1]-m.occStart[cands[j].id]
	})
	var starts []int
	for _, t := range cands[:min(len(cands), maxSeeds)] {
		for _, j := range m.occs[m.occStart[t.id]:m.occStart[t.id+1]] {
			starts = append(starts, int(m.newT[j].start)-int(t.start))
		}
	}
	sort.Ints(starts)
	var out []int
	for _, s := range starts {
		if len(out) == 0 || s-out[len(out)-1] > len(q)/4 {
			out = append(out, s)
		}
	}
	return out
}

// judge snaps a match to words and scores it against a's quote, context and
// expected position; ok is false when it is not good enough to place a.
func (m *Mapper) judge(a annotate.Anchor, q []rune, start, end, expected int) (Placement, bool) {
	start, end = m.snap(a, start, end)
	if end <= start {
		return Placement{}, false
	}
	if m.taken(a, start, end) {
		return Placement{}, false
	}
	quote := similarity(q, m.newR[start:end])
	if quote < MinQuote {
		return Placement{}, false
	}
	score, weight := quoteWeight*quote, float64(quoteWeight)
	// Context counts for as much as it was kept: a quote at the text's start
	// or end has little or none on that side, and a one-character side
	// agrees by chance.
	if p := []rune(a.Prefix); len(p) > 0 {
		w := prefixWeight * float64(min(len(p), annotate.ContextLen)) / annotate.ContextLen
		score += w * similarity(p, m.newR[max(0, start-len(p)):start])
		weight += w
	}
	if s := []rune(a.Suffix); len(s) > 0 {
		w := suffixWeight * float64(min(len(s), annotate.ContextLen)) / annotate.ContextLen
		score += w * similarity(s, m.newR[end:min(len(m.newR), end+len(s))])
		weight += w
	}
	pos := 1 - float64(abs(start-expected))/float64(max(1, len(m.newR)))
	score += posWeight * pos
	weight += posWeight
	score /= weight
	if score < MinScore || len(q) < shortQuote && m.contextSides(a, start, end) == 0 {
		return Placement{}, false
	}
	anchor, err := m.new.Anchor(start, end)
	if err != nil {
		return Placement{}, false
	}
	return Placement{Anchor: anchor, Method: Fuzzy, Score: score}, true
}

// taken reports whether most words of [start, end) in the new text are
// the diff's image of other old text than a's own: a copy of the quote
// that the diff has matched to another passage (a repeated paragraph, a
// quote the article gives twice) is that passage's, not a's. Text that
// moved is new to the diff, so a match there stays free.
func (m *Mapper) taken(a annotate.Anchor, start, end int) bool {
	lo, hi := -1, -2
	if m.oldQuoteMatches(a) {
		lo, hi = tokenRange(m.oldT, a.Start, a.End)
	}
	nlo, nhi := tokenRange(m.newT, start, end)
	words, other := 0, 0
	for j := nlo; j <= nhi; j++ {
		if !m.newT[j].word {
			continue
		}
		words++
		if i := int(m.newToOld[j]); i >= 0 && (i < lo || i > hi) {
			other++
		}
	}
	return 2*other > words
}

// similarity is 1 − the edit distance of a and b over the longer length.
func similarity(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	d := compile(a).distances(b, true)
	return 1 - float64(d[len(d)-1])/float64(n)
}

// snap widens [start, end) of the new text to whole tokens, and to whole
// white-space delimited words where a's own quote began or ended at one.
func (m *Mapper) snap(a annotate.Anchor, start, end int) (int, int) {
	n := len(m.newR)
	for start < end && unicode.IsSpace(m.newR[start]) {
		start++
	}
	for end > start && unicode.IsSpace(m.newR[end-1]) {
		end--
	}
	if end <= start {
		return start, end
	}
	wordStart := a.Prefix == "" || endsWithSpace(a.Prefix)
	wordEnd := a.Suffix == "" || startsWithSpace(a.Suffix)
	c := class(m.newR[start])
	for start > 0 && (c != 0 && class(m.newR[start-1]) == c || wordStart && !unicode.IsSpace(m.newR[start-1])) {
		start--
	}
	c = class(m.newR[end-1])
	for end < n && (c != 0 && class(m.newR[end]) == c || wordEnd && !unicode.IsSpace(m.newR[end])) {
		end++
	}
	return start, end
}

func endsWithSpace(s string) bool {
	r := []rune(s)
	return len(r) > 0 && unicode.IsSpace(r[len(r)-1])
}

func startsWithSpace(s string) bool {
	for _, r := range s {
		return unicode.IsSpace(r)
	}
	return false
}
