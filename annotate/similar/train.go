package similar

import (
	"math"
	"slices"
)

// RunQueries ranks the top k claims for every query with model m (nil: the
// shipped re-ranker).
func (ix *Index) RunQueries(qs []Query, k int, m *Model) Run {
	if m == nil {
		m = &shipped
	}
	run := Run{}
	for _, q := range qs {
		run[q.ID] = ix.search(q.Text, k, m)
	}
	return run
}

// rerun ranks retrieved candidates again with m.
func (ix *Index) rerun(rs []retrieved, k int, m *Model) Run {
	run := Run{}
	for _, r := range rs {
		run[r.q.ID] = ix.rerank(slices.Clone(r.cs), k, m)
	}
	return run
}

// TrainOptions controls Train.
type TrainOptions struct {
	Pairwise bool    // learn from differences of a relevant and an irrelevant candidate of one query (RankNet-like)
	L2       float64 // penalty on the weights of the standardised features (not the bias)
}

// Train fits the re-ranker on queries whose relevant claims qrels gives: a
// logistic regression of "relevant" over every candidate BM25 retrieves for
// each query, by Newton's method on standardised features, so the result is
// the same on every run. Queries without a relevant claim are left out.
func Train(ix *Index, qs []Query, qrels Qrels, o TrainOptions) *Model {
	return ix.train(ix.rankAll(qs), qrels, o)
}

// retrieved is a query with its candidates.
type retrieved struct {
	q  Query
	cs []candidate
}

func (ix *Index) rankAll(qs []Query) []retrieved {
	out := make([]retrieved, len(qs))
	for i, q := range qs {
		out[i] = retrieved{q, ix.candidates(q.Text, Candidates)}
	}
	return out
}

func (ix *Index) train(rs []retrieved, qrels Qrels, o TrainOptions) *Model {
	var xs [][numFeatures]float64
	var ys []float64
	for _, r := range rs {
		rel := qrels[r.q.ID]
		if len(rel) == 0 {
			continue
		}
		if o.Pairwise {
			xs, ys = appendPairs(xs, ys, ix, r, rel)
			continue
		}
		for _, c := range r.cs {
			xs = append(xs, c.feats)
			y := 0.0
			if rel[ix.claims[c.doc].ID] {
				y = 1
			}
			ys = append(ys, y)
		}
	}
	return fitLogistic(xs, ys, o.L2)
}

// fitLogistic standardises the features (all but the bias, feature 0),
// fits by Newton's method, and returns weights for the raw features.
func fitLogistic(xs [][numFeatures]float64, ys []float64, l2 float64) *Model {
	const n = numFeatures
	var mean, sd [n]float64
	for _, x := range xs {
		for j := 1; j < n; j++ {
			mean[j] += x[j]
		}
	}
	for j := 1; j < n; j++ {
		mean[j] /= float64(max(1, len(xs)))
	}
	for _, x := range xs {
		for j := 1; j < n; j++ {
			d := x[j] - mean[j]
			sd[j] += d * d
		}
	}
	sd[0] = 1
	for j := 1; j < n; j++ {
		sd[j] = math.Sqrt(sd[j] / float64(max(1, len(xs))))
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	z := func(x *[n]float64) (out [n]float64) {
		out[0] = 1
		for j := 1; j < n; j++ {
			out[j] = (x[j] - mean[j]) / sd[j]
		}
		return out
	}
	var w [n]float64
	for iter := 0; iter < 30; iter++ {
		var g [n]float64
		var h [n][n]float64
		for i := range xs {
			x := z(&xs[i])
			var s float64
			for j := range n {
				s += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-s))
			r := p * (1 - p)
			for j := range n {
				g[j] += (p - ys[i]) * x[j]
				for k := range n {
					h[j][k] += r * x[j] * x[k]
				}
			}
		}
		for j := 1; j < n; j++ {
			g[j] += l2 * float64(len(xs)) * w[j]
			h[j][j] += l2 * float64(len(xs))
		}
		for j := range n {
			h[j][j] += 1e-9
		}
		step := solve(h, g)
		var size float64
		for j := range n {
			w[j] -= step[j]
			size = math.Max(size, math.Abs(step[j]))
		}
		if size < 1e-8 {
			break
		}
	}
	var m Model
	m.W[0] = w[0]
	for j := 1; j < n; j++ {
		m.W[j] = w[j] / sd[j]
		m.W[0] -= w[j] * mean[j] / sd[j]
	}
	return &m
}

// solve returns x with a·x = b, by Gaussian elimination with partial
// pivoting (a is small and positive definite here).
func solve(a [numFeatures][numFeatures]float64, b [numFeatures]float64) [numFeatures]float64 {
	const n = numFeatures
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		if a[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	var x [n]float64
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		if a[r][r] != 0 {
			x[r] = s / a[r][r]
		}
	}
	return x
}

// appendPairs adds, for each relevant and irrelevant candidate of r, their
// difference labelled 1 and its negation labelled 0 (so the bias stays 0).
func appendPairs(xs [][numFeatures]float64, ys []float64, ix *Index, r retrieved, rel map[string]bool) ([][numFeatures]float64, []float64) {
	for _, p := range r.cs {
		if !rel[ix.claims[p.doc].ID] {
			continue
		}
		for _, n := range r.cs {
			if rel[ix.claims[n.doc].ID] {
				continue
			}
			var d [numFeatures]float64
			for j := 1; j < numFeatures; j++ {
				d[j] = p.feats[j] - n.feats[j]
			}
			xs = append(xs, d)
			ys = append(ys, 1)
			for j := range d {
				d[j] = -d[j]
			}
			xs = append(xs, d)
			ys = append(ys, 0)
		}
	}
	return xs, ys
}
