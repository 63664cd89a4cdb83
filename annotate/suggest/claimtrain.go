package suggest

import (
	"math"
)

// logit is the model's raw score of a feature vector, before pooling.
func (m *claimModel) logit(v claimVec) float32 {
	z := m.Bias
	for _, f := range v.idx {
		z += m.W[f] * v.x
	}
	if len(m.E) == len(v.emb) {
		for j, e := range v.emb {
			z += m.E[j] * e * embWeight
		}
	}
	return z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// claimSample is one training sentence.
type claimSample struct {
	vec    claimVec
	label  bool
	weight float64 // 0 means 1
	group  int     // the transcript it comes from, 0…
}

// ClaimOptions controls the check-worthiness model's training.
type ClaimOptions struct {
	Bits     uint    // feature hash width (default 18)
	Epochs   int     // full-batch gradient steps (default 100)
	Rate     float64 // AdaGrad base learning rate (default 0.1)
	PosBoost float64 // weight of a check-worthy example (default 4)
	// L2Grid are the L2 penalties (on the mean loss) and TWeightGrid the
	// transcript weightings of the models whose average is the claims model
	// (see fitClaims). TWeight t weighs each sentence of a transcript of n
	// sentences by (1000/n)^t, so 0 counts every sentence alike and 1 every
	// transcript alike, as mean average precision does.
	L2Grid, TWeightGrid []float64
	// PoolGrid are the pooling weights to choose from by cross-validation
	// over the training transcripts (see pool).
	PoolGrid []float64
	// L2 is the penalty trainClaims uses; Pool is what fitClaims chose.
	L2, Pool float64
}

// The default grids. The L2 penalties span what cross-validation chose
// in earlier experiments on unit-length vectors (from 1e-5 to 1e-3, it
// settled on 3e-5 to 3e-4).
var (
	defaultL2Grid      = []float64{3e-5, 1e-4, 3e-4}
	defaultTWeightGrid = []float64{0, 0.5, 1}
	defaultPoolGrid    = []float64{0, 0.2, 0.35, 0.5}
)

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
		o.TWeightGrid = defaultTWeightGrid
	}
	if o.PoolGrid == nil {
		o.PoolGrid = defaultPoolGrid
	}
	if o.L2 == 0 {
		o.L2 = o.L2Grid[0]
	}
}

// trainClaims fits an L2-regularised logistic regression by full-batch
// gradient descent with AdaGrad step sizes: deterministic, and on tens of
// thousands of sentences fast enough to refit per cross-validation fold.
// Check-worthy sentences are rare (a few percent), so each counts PosBoost
// times. Each transcript (sample group) has an intercept of its own, so that
// the weights learn what makes a sentence check-worthy within its
// transcript rather than which transcripts have many; the model keeps the
// shared bias.
func trainClaims(samples []claimSample, o ClaimOptions) *claimModel {
	o.defaults()
	l := newClaimLayout(samples, o.Bits)
	w := make([]float64, l.size)
	g := make([]float64, l.size)
	g2 := make([]float64, l.size)
	var total float64
	for _, s := range samples {
		total += weightOf(s, o)
	}
	for it := 0; it < o.Epochs; it++ {
		clear(g)
		for i := range samples {
			s := &samples[i]
			y := 0.0
			if s.label {
				y = 1
			}
			l.addGradient(g, s, weightOf(*s, o)*(sigmoid(l.logit(w, s))-y)/total)
		}
		for k := range w {
			if k != l.bias {
				g[k] += o.L2 * w[k]
			}
			if g[k] == 0 {
				continue
			}
			g2[k] += g[k] * g[k]
			w[k] -= o.Rate * g[k] / (math.Sqrt(g2[k]) + 1e-12)
		}
	}
	return l.model(w, o.Bits)
}

// claimLayout places a model's parameters in one vector for training: the
// hashed weights, then the word-vector weights, the group intercepts and
// last the shared bias.
type claimLayout struct {
	nw, dim, bias, size int
}

func newClaimLayout(samples []claimSample, bits uint) claimLayout {
	dim, groups := 0, 0
	for _, s := range samples {
		dim = max(dim, len(s.vec.emb))
		groups = max(groups, s.group+1)
	}
	nw := 1 << bits
	size := nw + dim + groups + 1
	return claimLayout{nw: nw, dim: dim, bias: size - 1, size: size}
}

// logit is a sample's raw score under parameters w, with its group's
// intercept.
func (l claimLayout) logit(w []float64, s *claimSample) float64 {
	z := w[l.bias] + w[l.nw+l.dim+s.group]
	x := float64(s.vec.x)
	for _, f := range s.vec.idx {
		z += w[f] * x
	}
	for j, e := range s.vec.emb {
		z += w[l.nw+j] * float64(e) * embWeight
	}
	return z
}

// addGradient adds d times the sample's features to the gradient g.
func (l claimLayout) addGradient(g []float64, s *claimSample, d float64) {
	x := float64(s.vec.x)
	for _, f := range s.vec.idx {
		g[f] += d * x
	}
	for j, e := range s.vec.emb {
		g[l.nw+j] += d * float64(e) * embWeight
	}
	g[l.nw+l.dim+s.group] += d
	g[l.bias] += d
}

// model keeps the trained parameters a model scores with: all but the
// group intercepts.
func (l claimLayout) model(w []float64, bits uint) *claimModel {
	m := &claimModel{Bits: bits, W: make([]float32, l.nw), E: make([]float32, l.dim), Bias: float32(w[l.bias])}
	for i := range m.W {
		m.W[i] = float32(w[i])
	}
	for j := range m.E {
		m.E[j] = float32(w[l.nw+j])
	}
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
