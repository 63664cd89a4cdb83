package similar

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Candidates is how many claims BM25 passes to the re-ranker per query.
const Candidates = 100

// Match is a verified claim that says the same as a query, with the
// re-ranker's score (higher is more alike; comparable within one query).
type Match struct {
	Claim
	Score float64
}

// query is a query's text as the scorer sees it.
type query struct {
	ids     []int32
	idSet   map[int32]bool
	idfSum  float64
	grams   gramVec
	bigrams map[[2]int32]bool
	numbers map[string]bool
	body    []int32 // the term ids without a tweet's byline
}

func (ix *Index) newQuery(text string) query {
	ts := terms(text)
	q := query{ids: ix.queryIDs(ts), idSet: map[int32]bool{}, bigrams: map[[2]int32]bool{}, numbers: numbers(ts)}
	for _, t := range q.ids {
		q.idSet[t] = true
		q.idfSum += ix.idf(t)
	}
	all := ix.allIDs(ts)
	for i := 1; i < len(all); i++ {
		q.bigrams[[2]int32{all[i-1], all[i]}] = true
	}
	q.grams = ix.grams.vec(joinWords(words(text)))
	q.body = ix.queryIDs(terms(dropByline(text)))
	return q
}

// allIDs maps terms to ids in order, -1 for unknown ones.
func (ix *Index) allIDs(ts []string) []int32 {
	out := make([]int32, len(ts))
	for i, t := range ts {
		id, ok := ix.vocab[t]
		if !ok {
			id = -1
		}
		out[i] = id
	}
	return out
}

func numbers(ts []string) map[string]bool {
	m := map[string]bool{}
	for _, t := range ts {
		if t != "" && unicode.IsDigit(rune(t[0])) {
			m[t] = true
		}
	}
	return m
}

// candidate is a claim BM25 retrieved for a query, with its features.
type candidate struct {
	doc   int32
	bm25  float32
	feats [numFeatures]float64
	score float64
}

// candidates retrieves the best n claims by BM25 and computes their
// features.
func (ix *Index) candidates(text string, n int) []candidate {
	q := ix.newQuery(text)
	score := make([]float32, len(ix.claims))
	touched := ix.bm25(q.ids, score, nil)
	top := topN(touched, score, n)
	cs := make([]candidate, len(top))
	for i, h := range top {
		cs[i] = candidate{doc: h.doc, bm25: h.score}
	}
	var bestBody float64
	body := make([]float64, len(cs))
	for r := range cs {
		body[r] = ix.docBM25(q.body, cs[r].doc)
		bestBody = max(bestBody, body[r])
	}
	for r := range cs {
		ix.features(&q, &cs[r], r, cs[0].bm25)
		if bestBody > 0 {
			cs[r].feats[12] = body[r] / bestBody
		}
	}
	return cs
}

// Feature names, in the order of the re-ranker's weights.
var featureNames = [...]string{
	"bias", "bm25_rel", "bm25_log", "rank_inv",
	"claim_cover", "title_cover", "query_cover",
	"gram_cos_claim", "gram_cover_claim", "gram_cos_title",
	"bigrams", "numbers", "body_bm25_rel",
}

const numFeatures = len(featureNames)

func (ix *Index) features(q *query, c *candidate, rank int, best float32) {
	d := &ix.docs[c.doc]
	f := &c.feats
	f[0] = 1
	f[1] = float64(c.bm25 / best)
	f[2] = math.Log1p(float64(c.bm25))
	f[3] = 1 / float64(rank+1)
	f[4] = ix.cover(q, d.text)
	f[5] = ix.cover(q, d.title)
	var hit float64
	seen := map[int32]bool{}
	for _, t := range append(slices.Clone(d.text), d.title...) {
		if q.idSet[t] && !seen[t] {
			seen[t] = true
			hit += ix.idf(t)
		}
	}
	if q.idfSum > 0 {
		f[6] = hit / q.idfSum
	}
	cg := ix.grams.vec(d.words)
	f[7], f[8] = gramCosine(q.grams, cg)
	f[9], _ = gramCosine(q.grams, ix.grams.vec(d.titleWords))
	f[10] = bigramHits(q, d.text) + bigramHits(q, d.title)
	f[11] = ix.numberHits(q, d)
}

// cover is the idf-weighted part of a field's terms the query holds.
func (ix *Index) cover(q *query, field []int32) float64 {
	var all, hit float64
	for _, t := range field {
		w := ix.idf(t)
		all += w
		if q.idSet[t] {
			hit += w
		}
	}
	if all == 0 {
		return 0
	}
	return hit / all
}

func bigramHits(q *query, field []int32) float64 {
	var n float64
	for i := 1; i < len(field); i++ {
		if q.bigrams[[2]int32{field[i-1], field[i]}] {
			n++
		}
	}
	return math.Log1p(n)
}

func (ix *Index) numberHits(q *query, d *doc) float64 {
	var n float64
	for num := range q.numbers {
		if id, ok := ix.vocab[num]; ok && (slices.Contains(d.text, id) || slices.Contains(d.title, id)) {
			n++
		}
	}
	return n
}

// Search returns the k claims most like text, best first. An empty or
// wordless text matches nothing.
func (ix *Index) Search(text string, k int) []Match {
	return ix.search(text, k, &shipped)
}

func (ix *Index) search(text string, k int, m *Model) []Match {
	if strings.TrimSpace(text) == "" || k <= 0 {
		return nil
	}
	return ix.rerank(ix.candidates(text, max(k, Candidates)), k, m)
}

// rerank orders candidates by m's score and returns the best k.
func (ix *Index) rerank(cs []candidate, k int, m *Model) []Match {
	for i := range cs {
		cs[i].score = m.score(&cs[i].feats)
	}
	slices.SortStableFunc(cs, func(a, b candidate) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	if len(cs) > k {
		cs = cs[:k]
	}
	out := make([]Match, len(cs))
	for i, c := range cs {
		out[i] = Match{Claim: ix.claims[c.doc], Score: c.score}
	}
	return out
}

// docBM25 is one claim's BM25 score for the query terms q.
func (ix *Index) docBM25(q []int32, i int32) float64 {
	d := &ix.docs[i]
	l := float64(len(d.text) + len(d.title))
	var s float64
	for _, t := range q {
		var tf float64
		for _, x := range d.text {
			if x == t {
				tf++
			}
		}
		for _, x := range d.title {
			if x == t {
				tf++
			}
		}
		if tf > 0 {
			s += ix.idf(t) * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*l/ix.avgLen))
		}
	}
	return s
}

// MatchesShown is how many earlier fact-checks Matches returns at most.
const MatchesShown = 5

// MinMatchScore is the re-ranker score below which Matches leaves a claim
// out. It is the 5th percentile of the scores of correct first matches on
// the CheckThat! train tweets (TestMatchThreshold): it keeps 95% of them,
// and shows nothing for about 40% of the tweets whose own verified claim is
// taken out of the library. It belongs to the shipped model: retraining
// means choosing it again.
const MinMatchScore = 15.0

// Matches returns the verified claims most like claimText that score at
// least MinMatchScore, best first, at most MatchesShown: what the desk shows
// under "Has this been checked before?".
func (ix *Index) Matches(claimText string) []Match {
	ms := ix.Search(claimText, MatchesShown)
	for i, m := range ms {
		if m.Score < MinMatchScore {
			return ms[:i]
		}
	}
	return ms
}

type scored struct {
	doc   int32
	score float32
}

// before orders by score, then by position in the index, so that ties
// are broken the same way every time.
func (a scored) before(b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.doc < b.doc
}

// topN is the n best of docs by score, best first. It keeps a heap of the
// best so far whose root is the worst of them, so it never sorts them all.
func topN(docs []int32, score []float32, n int) []scored {
	h := make([]scored, 0, n)
	for _, d := range docs {
		x := scored{d, score[d]}
		switch {
		case len(h) < n:
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !h[p].before(h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		case n > 0 && x.before(h[0]):
			h[0] = x
			siftDown(h, 0)
		}
	}
	slices.SortFunc(h, func(a, b scored) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	return h
}

// siftDown restores the heap (the root is the one that sorts last) below i.
func siftDown(h []scored, i int) {
	for {
		w := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(h) && h[w].before(h[c]) {
				w = c
			}
		}
		if w == i {
			return
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}
