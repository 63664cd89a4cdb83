package similar

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// Claim is a verified claim: one that a fact-check has rated.
type Claim struct {
	ID      string // unique within the index
	Text    string // the claim as the fact-check states it
	Title   string // the fact-check's headline
	Verdict string // the rating, as the fact-checker wrote it
	URL     string // where the fact-check is published
	Date    string // when it was published (ISO 8601), if known
}

// BM25 parameters, the usual defaults (Robertson and Zaragoza): they were
// not tuned.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Index holds verified claims for retrieval. Build it with NewIndex; it is
// read-only afterwards and safe for concurrent queries.
type Index struct {
	claims []Claim
	docs   []doc
	vocab  map[string]int32
	df     []int32
	post   [][]posting // per term: the claims that hold it
	avgLen float64
	grams  gramTable
}

// doc is what the index keeps of one claim for scoring candidates.
type doc struct {
	text, title []int32 // term ids of the claim and of the title
	words       string  // the claim's and title's words, for character n-grams
	titleWords  string
}

type posting struct {
	doc int32
	tf  float32
}

// NewIndex indexes claims (copied; IDs should be unique). Claims are
// tokenised on every core; term ids are then given in claim order, so the
// index is the same however many cores did the work.
func NewIndex(claims []Claim) *Index {
	ix := &Index{claims: slices.Clone(claims), vocab: map[string]int32{}}
	ix.docs = make([]doc, len(claims))
	toks := make([][2][]string, len(claims))
	parallel(len(claims), func(i int) {
		c := &ix.claims[i]
		tw, hw := words(c.Text), words(c.Title)
		toks[i] = [2][]string{termsOf(tw), termsOf(hw)}
		ix.docs[i].words = joinWords(tw)
		ix.docs[i].titleWords = joinWords(hw)
	})
	var total int
	var tf []posting
	for i := range ix.claims {
		d := &ix.docs[i]
		d.text = ix.ids(toks[i][0])
		d.title = ix.ids(toks[i][1])
		total += len(d.text) + len(d.title)
		tf = termCounts(tf[:0], d)
		for _, p := range tf {
			ix.post[p.doc] = append(ix.post[p.doc], posting{doc: int32(i), tf: p.tf})
		}
	}
	ix.df = make([]int32, len(ix.post))
	for t, p := range ix.post {
		ix.df[t] = int32(len(p))
	}
	if len(claims) > 0 {
		ix.avgLen = float64(total) / float64(len(claims))
	}
	ix.grams = newGramTable(ix.docs)
	return ix
}

// termCounts appends each distinct term of d with its count (in the doc
// field of posting, which here holds the term id).
func termCounts(out []posting, d *doc) []posting {
	for _, field := range [][]int32{d.text, d.title} {
	next:
		for _, t := range field {
			for j := range out {
				if out[j].doc == t {
					out[j].tf++
					continue next
				}
			}
			out = append(out, posting{doc: t, tf: 1})
		}
	}
	return out
}

// parallel calls f(0) … f(n-1) on every core; each i exactly once.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/1000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// ids maps terms to term ids, adding new terms to the vocabulary.
func (ix *Index) ids(ts []string) []int32 {
	out := make([]int32, len(ts))
	for i, t := range ts {
		id, ok := ix.vocab[t]
		if !ok {
			id = int32(len(ix.post))
			ix.vocab[t] = id
			ix.post = append(ix.post, nil)
		}
		out[i] = id
	}
	return out
}

// Len is the number of claims in the index.
func (ix *Index) Len() int { return len(ix.claims) }

// Claim returns the i-th claim, in the order given to NewIndex.
func (ix *Index) Claim(i int) Claim { return ix.claims[i] }

// idf is BM25's inverse document frequency, never negative.
func (ix *Index) idf(t int32) float64 {
	n := float64(len(ix.claims))
	df := float64(ix.df[t])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// bm25 adds every claim's BM25 score for the query terms q to score and
// returns the claims it touched.
func (ix *Index) bm25(q []int32, score []float32, touched []int32) []int32 {
	for _, t := range q {
		w := ix.idf(t)
		for _, p := range ix.post[t] {
			d := &ix.docs[p.doc]
			l := float64(len(d.text) + len(d.title))
			tf := float64(p.tf)
			s := w * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*l/ix.avgLen))
			if score[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			score[p.doc] += float32(s)
		}
	}
	return touched
}

// queryIDs is the known term ids of a query's terms, each once.
func (ix *Index) queryIDs(ts []string) []int32 {
	var out []int32
	for _, t := range ts {
		if id, ok := ix.vocab[t]; ok && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func joinWords(ws []string) string {
	n := 0
	for _, w := range ws {
		n += len(w) + 1
	}
	b := make([]byte, 0, n+1)
	b = append(b, ' ')
	for _, w := range ws {
		b = append(b, w...)
		b = append(b, ' ')
	}
	return string(b)
}
