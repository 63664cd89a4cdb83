package suggest

import (
	"math"
	"math/rand"
	"sort"
)

// wordVectors are word embeddings learned from news text by skip-gram with
// negative sampling (word2vec), so that the check-worthiness model can tell
// that "trillion" is like "billion" and "Syria" like "Iraq" although the
// debates it learns from are small. Vectors are unit length.
type wordVectors struct {
	Dim   int
	Index map[string]int // lower-cased word → row
	Vec   []float32      // len(Index) rows of Dim
}

// wordOptions controls the training of word vectors.
type wordOptions struct {
	Dim      int     // vector length (default 64)
	Epochs   int     // passes over the text (default 5)
	MinCount int     // words seen fewer times are left out (default 5)
	Window   int     // the widest context, in words either side (default 5)
	Negative int     // negative samples per context word (default 5)
	Rate     float32 // starting learning rate, decaying linearly (default 0.025)
	Sample   float64 // subsampling threshold of frequent words (default 1e-4)
	Seed     int64
}

func (o *wordOptions) defaults() {
	if o.Dim == 0 {
		o.Dim = 64
	}
	if o.Epochs == 0 {
		o.Epochs = 5
	}
	if o.MinCount == 0 {
		o.MinCount = 5
	}
	if o.Window == 0 {
		o.Window = 5
	}
	if o.Negative == 0 {
		o.Negative = 5
	}
	if o.Rate == 0 {
		o.Rate = 0.025
	}
	if o.Sample == 0 {
		o.Sample = 1e-4
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
}

// vocabulary counts the words of sents and keeps those seen at least
// minCount times, sorted so that training is deterministic.
func vocabulary(sents [][]string, minCount int) (words []string, count []int, total int) {
	seen := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			seen[w]++
			total++
		}
	}
	for w, c := range seen {
		if c >= minCount {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	count = make([]int, len(words))
	for i, w := range words {
		count[i] = seen[w]
	}
	return words, count, total
}

// noiseTable draws negative samples in proportion to count^¾.
func noiseTable(count []int) []int32 {
	const size = 1 << 20
	var z float64
	for _, c := range count {
		z += math.Pow(float64(c), 0.75)
	}
	table := make([]int32, 0, size)
	for i, c := range count {
		n := int(math.Pow(float64(c), 0.75) / z * size)
		for range n {
			table = append(table, int32(i))
		}
	}
	return table
}

// sgns holds the two embedding matrices skip-gram trains.
type sgns struct {
	dim     int
	in, out []float32
	grad    []float32
}

func (m *sgns) row(x []float32, i int) []float32 { return x[i*m.dim : (i+1)*m.dim] }

// pair moves the vector of context word ctx towards that of word w and away
// from the negative samples.
func (m *sgns) pair(ctx, w int, negs []int32, rate float32) {
	c := m.row(m.in, ctx)
	clear(m.grad)
	m.step(c, w, 1, rate)
	for _, n := range negs {
		if int(n) != w {
			m.step(c, int(n), 0, rate)
		}
	}
	for j := range c {
		c[j] += m.grad[j]
	}
}

func (m *sgns) step(c []float32, target int, label, rate float32) {
	o := m.row(m.out, target)
	var dot float32
	for j := range c {
		dot += c[j] * o[j]
	}
	g := (label - float32(sigmoid(float64(dot)))) * rate
	for j := range c {
		m.grad[j] += g * o[j]
		o[j] += g * c[j]
	}
}

// trainWordVectors learns word vectors from sentences of lower-cased words.
// It runs on one goroutine with a fixed seed, so the same text gives the
// same vectors.
func trainWordVectors(sents [][]string, o wordOptions) *wordVectors {
	o.defaults()
	words, count, total := vocabulary(sents, o.MinCount)
	index := make(map[string]int, len(words))
	for i, w := range words {
		index[w] = i
	}
	rng := rand.New(rand.NewSource(o.Seed))
	m := &sgns{dim: o.Dim, in: make([]float32, len(words)*o.Dim), out: make([]float32, len(words)*o.Dim),
		grad: make([]float32, o.Dim)}
	for i := range m.in {
		m.in[i] = (rng.Float32() - 0.5) / float32(o.Dim)
	}
	keep := make([]float64, len(words))
	for i, c := range count {
		f := float64(c) / float64(total)
		keep[i] = (math.Sqrt(f/o.Sample) + 1) * o.Sample / f
	}
	table := noiseTable(count)
	negs := make([]int32, o.Negative)
	steps, step := o.Epochs*total, 0
	var ids []int
	for range o.Epochs {
		for _, s := range sents {
			ids = ids[:0]
			for _, w := range s {
				if i, ok := index[w]; ok && keep[i] >= rng.Float64() {
					ids = append(ids, i)
				}
			}
			step += len(s)
			rate := o.Rate * max(1e-4, 1-float32(step)/float32(steps))
			for p, w := range ids {
				win := 1 + rng.Intn(o.Window)
				for q := max(0, p-win); q <= min(len(ids)-1, p+win); q++ {
					if q == p {
						continue
					}
					for k := range negs {
						negs[k] = table[rng.Intn(len(table))]
					}
					m.pair(ids[q], w, negs, rate)
				}
			}
		}
	}
	wv := &wordVectors{Dim: o.Dim, Index: index, Vec: m.in}
	for i := range words {
		normalize(wv.row(i))
	}
	return wv
}

func (wv *wordVectors) row(i int) []float32 { return wv.Vec[i*wv.Dim : (i+1)*wv.Dim] }

// normalize scales x to unit length (a zero vector stays zero).
func normalize(x []float32) {
	var ss float64
	for _, v := range x {
		ss += float64(v) * float64(v)
	}
	if ss == 0 {
		return
	}
	n := float32(1 / math.Sqrt(ss))
	for j := range x {
		x[j] *= n
	}
}

// meanVector is the unit-length mean of the vectors of a sentence's content
// words (those of three letters or more that are not stop words), or nil
// when it has none the vectors know.
func (wv *wordVectors) meanVector(toks []token) []float32 {
	if wv == nil {
		return nil
	}
	var out []float32
	for i := range toks {
		w := toks[i].Lower
		if len(w) < 3 || stopwords[w] || isPunct(w) {
			continue
		}
		r, ok := wv.Index[w]
		if !ok {
			continue
		}
		if out == nil {
			out = make([]float32, wv.Dim)
		}
		for j, x := range wv.row(r) {
			out[j] += x
		}
	}
	normalize(out)
	return out
}
