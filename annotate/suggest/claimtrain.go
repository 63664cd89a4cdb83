package suggest

import (
	"math"
)

// logit is the model's raw score of a feature vector.
func (m *claimModel) logit(v claimVec) float32 {
	z := m.Bias
	for k, f := range v.idx {
		z += m.W[f] * v.val[k]
	}
	return z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// claimSample is one training sentence.
type claimSample struct {
	vec    claimVec
	label  bool
	weight float64 // 0 means 1
}

// ClaimOptions controls the check-worthiness model's training.
type ClaimOptions struct {
	Bits     uint    // feature hash width (default 18)
	Epochs   int     // full-batch gradient steps (default 100)
	Rate     float64 // AdaGrad base learning rate (default 0.1)
	PosBoost float64 // weight of a check-worthy example (default 4)
	// L2Grid are the L2 penalties (on the mean loss) to choose from by
	// cross-validation over the training transcripts (default
	// defaultL2Grid; a single value fixes it).
	L2Grid []float64
	// TWeightGrid are the transcript weightings to choose from, the same
	// way (default 0, ½ and 1): TWeight t weighs each sentence of a
	// transcript of n sentences by (1000/n)^t, so 0 counts every sentence
	// alike and 1 every transcript alike, as mean average precision does.
	TWeightGrid []float64
	// L2 and TWeight are what trainClaims uses; fitClaims sets them from
	// the grids.
	L2, TWeight float64
	Seed        int64
}

// defaultL2Grid spans the penalties inner cross-validation chose in
// experiments on unit-length vectors (from 1e-5 to 1e-3, it settled on
// 3e-5 to 3e-4), kept small because each value costs innerFolds trainings.
var defaultL2Grid = []float64{3e-5, 1e-4, 3e-4}

func (o *ClaimOptions) defaults() {
	if o.Bits == 0 {
		o.Bits = 18
	}
	if o.Epochs == 0 {
		o.Epochs = 100
	}
	if o.Rate == 0 {
		o.Rate = 0.1
	}
	if o.PosBoost == 0 {
		o.PosBoost = 4
	}
	if o.L2Grid == nil {
		o.L2Grid = defaultL2Grid
	}
	if o.TWeightGrid == nil {
		o.TWeightGrid = []float64{0, 0.5, 1}
	}
	if o.L2 == 0 {
		o.L2 = o.L2Grid[0]
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
}

// trainClaims fits an L2-regularised logistic regression by full-batch
// gradient descent with AdaGrad step sizes: deterministic, and on tens of
// thousands of sentences fast enough to refit per cross-validation fold.
// Check-worthy sentences are rare (a few percent), so each counts PosBoost
// times.
func trainClaims(samples []claimSample, o ClaimOptions) *claimModel {
	o.defaults()
	m := &claimModel{Bits: o.Bits, W: make([]float32, 1<<o.Bits)}
	w := make([]float64, len(m.W)+1) // last: bias
	g := make([]float64, len(w))
	g2 := make([]float64, len(w))
	bias := len(w) - 1
	var total float64
	for _, s := range samples {
		total += weightOf(s, o)
	}
	x := func(s *claimSample, k int) float64 { return float64(s.vec.val[k]) }
	for it := 0; it < o.Epochs; it++ {
		clear(g)
		for i := range samples {
			s := &samples[i]
			z := w[bias]
			for k, f := range s.vec.idx {
				z += w[f] * x(s, k)
			}
			y := 0.0
			if s.label {
				y = 1
			}
			d := weightOf(*s, o) * (sigmoid(z) - y) / total
			for k, f := range s.vec.idx {
				g[f] += d * x(s, k)
			}
			g[bias] += d
		}
		for k := range w {
			if k != bias {
				g[k] += o.L2 * w[k]
			}
			if g[k] == 0 {
				continue
			}
			g2[k] += g[k] * g[k]
			w[k] -= o.Rate * g[k] / (math.Sqrt(g2[k]) + 1e-12)
		}
	}
	for i := range m.W {
		m.W[i] = float32(w[i])
	}
	m.Bias = float32(w[bias])
	return m
}

func weightOf(s claimSample, o ClaimOptions) float64 {
	w := 1.0
	if s.weight != 0 {
		w = s.weight
	}
	if s.label {
		return w * o.PosBoost
	}
	return w
}
