package similar

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// Character n-grams catch what whole words miss: "vaccinations" and
// "vaccine", "Covid19" and "COVID-19", misspellings in tweets. Each n-gram
// of 3 to 5 bytes of the space-joined words is hashed into one of gramBuckets
// buckets; the table keeps each bucket's document frequency for an idf
// weight, so that " th" counts for little and "guant" for much.
const (
	gramMin     = 3
	gramMax     = 5
	gramBits    = 20
	gramBuckets = 1 << gramBits
)

type gramTable struct {
	df []int32
	n  int
}

// newGramTable counts each bucket once per claim: last remembers the
// claim that counted it last, which spares sorting each claim's n-grams.
// Each core counts a share of the claims; the shares are summed.
func newGramTable(docs []doc) gramTable {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/5000))
	dfs := make([][]int32, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			df, last := make([]int32, gramBuckets), make([]int32, gramBuckets)
			for i := w; i < len(docs); i += workers {
				stamp := int32(i + 1)
				eachGram(docs[i].words, func(h uint32) {
					if last[h] != stamp {
						last[h] = stamp
						df[h]++
					}
				})
			}
			dfs[w] = df
		}()
	}
	wg.Wait()
	g := gramTable{df: dfs[0], n: len(docs)}
	for _, df := range dfs[1:] {
		for h, n := range df {
			g.df[h] += n
		}
	}
	return g
}

// eachGram calls f with the bucket of every n-gram of s (FNV-1a, folded).
func eachGram(s string, f func(h uint32)) {
	for i := 0; i+gramMin <= len(s); i++ {
		var h uint32 = 2166136261
		for j := i; j < len(s) && j < i+gramMax; j++ {
			h ^= uint32(s[j])
			h *= 16777619
			if j+1-i >= gramMin {
				f((h ^ (h >> gramBits)) & (gramBuckets - 1))
			}
		}
	}
}

// gramSet appends the distinct hashed n-grams of s, sorted.
func gramSet(s string, out []uint32) []uint32 {
	eachGram(s, func(h uint32) { out = append(out, h) })
	slices.Sort(out)
	return slices.Compact(out)
}

func (g *gramTable) idf(h uint32) float64 {
	df := float64(g.df[h])
	return math.Log(1 + float64(g.n)/(df+1))
}

// gramVec is a set of hashed n-grams with their idf weights and the
// vector's norm.
type gramVec struct {
	h    []uint32
	w    []float32
	norm float64
}

func (g *gramTable) vec(s string) gramVec {
	v := gramVec{h: gramSet(s, nil)}
	v.w = make([]float32, len(v.h))
	for i, h := range v.h {
		w := g.idf(h)
		v.w[i] = float32(w)
		v.norm += w * w
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

// cosine of two n-gram vectors; also the part of b's weight that a covers
// (how much of the claim the query contains).
func gramCosine(a, b gramVec) (cos, cover float64) {
	if a.norm == 0 || b.norm == 0 {
		return 0, 0
	}
	var dot float64
	i, j := 0, 0
	for i < len(a.h) && j < len(b.h) {
		switch {
		case a.h[i] < b.h[j]:
			i++
		case a.h[i] > b.h[j]:
			j++
		default:
			w := float64(b.w[j])
			dot += w * w
			i++
			j++
		}
	}
	return dot / (a.norm * b.norm), dot / (b.norm * b.norm)
}
