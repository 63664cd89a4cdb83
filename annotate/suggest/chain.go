package suggest

import (
	"fmt"
	"math/rand"
	"slices"
	"sync"
)

// A chain is a linear-chain tagger: each token gets one of a few labels,
// scored by hashed sparse features (feature hashing keeps the model a fixed,
// small array however many distinct feature strings training met) plus
// label-transition weights that may depend on a per-token edge context. It is
// trained as an averaged structured perceptron (Collins 2002) and decoded with
// Viterbi: exact, fast, and needs no numeric optimisation library.
type chain struct {
	Labels int       // number of labels; label 0 is "outside"
	Bits   uint      // feature hashes have Bits bits
	Edges  int       // number of edge contexts
	W      []float32 // (1<<Bits)*Labels emission weights, feature-major
	T      []float32 // Edges*(Labels+1)*Labels transition weights; prev==Labels is the start
	// Vec, when not nil, gives each token real-valued inputs besides its
	// hashed features: the word vectors of the rows its seq.Rows name (one
	// row for each of Slots slots, such as "the word before"), times
	// VecScale, weighed by D (Slots*Vec.Dim*Labels, input-major).
	Vec      *wordVectors
	VecScale float32
	Slots    int
	D        []float32
	// vecScore is, once the chain is trained (useVectors), each word's
	// score in each slot: Vec.rows*Slots*Labels.
	vecScore []float32
}

func newChain(labels int, bits uint, edges int) *chain {
	return &chain{
		Labels: labels, Bits: bits, Edges: edges,
		W: make([]float32, (1<<bits)*labels),
		T: make([]float32, edges*(labels+1)*labels),
	}
}

// seq is one sequence to tag: per token its feature hashes, edge context and
// the labels it may take (a bit set; 0 means any), and for training the gold
// labels. At inference Em may hold the emission scores instead of Feats
// (addEmission), so that no token's features need be kept.
type seq struct {
	Feats [][]uint32
	Edge  []uint8
	Allow []uint8
	Gold  []uint8
	Em    []float32
	// later holds the features of the tokens addEmission has been given
	// whose scores are not yet in Em: decode adds them first.
	later *laterRows
	// Rows are, per token, the word-vector rows of its real-valued inputs
	// (chain.Vec), one for each input slot, -1 for none.
	Rows [][]int32
}

// laterRows are token features waiting to be scored: feats, the tokens'
// features one after another, and ends, where each token's end.
type laterRows struct {
	feats []uint32
	ends  []int
}

var laterPool = sync.Pool{New: func() any { return new(laterRows) }}

func (c *chain) trans(edge int, prev, cur int) int {
	return (edge*(c.Labels+1)+prev)*c.Labels + cur
}

// emissions returns the score of each label at each token, flattened.
func (c *chain) emissions(s *seq, buf []float32) []float32 {
	L := c.Labels
	n := len(s.Feats)
	if cap(buf) < n*L {
		buf = make([]float32, n*L)
	}
	buf = buf[:n*L]
	for i, fs := range s.Feats {
		c.emitRow(buf[i*L:i*L+L], fs)
		if s.Rows != nil {
			c.addVectors(buf[i*L:i*L+L], s.Rows[i])
		}
	}
	return buf
}

// emitRow writes into row the score of each label for a token with
// features fs.
func (c *chain) emitRow(row []float32, fs []uint32) {
	L := c.Labels
	if L == 3 && len(row) == 3 {
		// The role tagger has three labels: sums kept in registers, added
		// in the same order as the general loop, so the same scores.
		var r0, r1, r2 float32
		for _, f := range fs {
			k := int(f) * 3
			w := c.W[k : k+3 : k+3]
			r0 += w[0]
			r1 += w[1]
			r2 += w[2]
		}
		row[0], row[1], row[2] = r0, r1, r2
		return
	}
	if L == 5 && len(row) == 5 {
		// The cue tagger's five labels (cueLabels), likewise.
		var r0, r1, r2, r3, r4 float32
		for _, f := range fs {
			k := int(f) * 5
			w := c.W[k : k+5 : k+5]
			r0 += w[0]
			r1 += w[1]
			r2 += w[2]
			r3 += w[3]
			r4 += w[4]
		}
		row[0], row[1], row[2], row[3], row[4] = r0, r1, r2, r3, r4
		return
	}
	for y := range row {
		row[y] = 0
	}
	for _, f := range fs {
		w := c.W[int(f)*L : int(f)*L+L]
		for y := range row {
			row[y] += w[y]
		}
	}
}

// useVectors gives a trained chain the word vectors wv for its vector
// weights D, and works out every word's score in each slot once, so that
// tagging a token costs a lookup per slot (addVectorScores).
func (c *chain) useVectors(wv *wordVectors) error {
	L := c.Labels
	if c.Slots < 1 || len(c.D) != c.Slots*wv.Dim*L {
		return fmt.Errorf("chain has %d vector weights for %d slots, want %d-dimensional word vectors", len(c.D), c.Slots, wv.Dim)
	}
	c.Vec = wv
	c.scoreVectors()
	return nil
}

// scoreVectors works out vecScore from Vec and D.
func (c *chain) scoreVectors() {
	L, wv := c.Labels, c.Vec
	n := len(wv.Vec) / wv.Dim
	c.vecScore = make([]float32, n*c.Slots*L)
	one := make([]int32, c.Slots)
	for r := 0; r < n; r++ {
		for slot := range one {
			for k := range one {
				one[k] = -1
			}
			one[slot] = int32(r)
			c.addVectors(c.vecScore[(r*c.Slots+slot)*L:(r*c.Slots+slot+1)*L], one)
		}
	}
}

// addVectorScores adds to row the scores useVectors worked out for the
// words of rows, one per slot (-1: none).
func (c *chain) addVectorScores(row []float32, rows []int32) {
	L := c.Labels
	for slot, r := range rows {
		if r < 0 {
			continue
		}
		w := c.vecScore[(int(r)*c.Slots+slot)*L : (int(r)*c.Slots+slot+1)*L]
		for y := range row {
			row[y] += w[y]
		}
	}
}

// addVectors adds to row the scores of the word vectors of rows, from the
// weights D (as training has them).
func (c *chain) addVectors(row []float32, rows []int32) {
	L, dim := c.Labels, c.Vec.Dim
	for p, r := range rows {
		if r < 0 {
			continue
		}
		d := c.D[p*dim*L : (p+1)*dim*L]
		for j, x := range c.Vec.row(int(r)) {
			x *= c.VecScale
			for y := range row {
				row[y] += x * d[j*L+y]
			}
		}
	}
}

// addEmission appends to s.Em the scores of the next token, whose features
// are fs, as emissions would compute them from s.Feats.
//
// The scores are computed when decode needs them, for all the tokens at
// once: reading the weights of many tokens in one tight loop lets the
// processor fetch them from memory side by side, where computing each
// token's features in between left it waiting for one token's at a time.
// The sums are the same.
func (c *chain) addEmission(s *seq, fs []uint32) {
	if s.Em == nil {
		s.Em = []float32{} // decode reads scores, not Feats
	}
	if s.later == nil {
		s.later = laterPool.Get().(*laterRows)
	}
	s.later.feats = append(s.later.feats, fs...)
	s.later.ends = append(s.later.ends, len(s.later.feats))
}

// scoreLater moves the scores of the tokens waiting in s.later into s.Em.
func (c *chain) scoreLater(s *seq) {
	lr := s.later
	if lr == nil {
		return
	}
	L := c.Labels
	n := len(s.Em)
	s.Em = slices.Grow(s.Em, len(lr.ends)*L)[:n+len(lr.ends)*L]
	start := 0
	for i, end := range lr.ends {
		c.emitRow(s.Em[n+i*L:n+i*L+L], lr.feats[start:end])
		start = end
	}
	lr.feats, lr.ends = lr.feats[:0], lr.ends[:0]
	s.later = nil
	laterPool.Put(lr)
}

// decode returns the best label sequence (Viterbi) and the emission scores
// it used, which callers turn into confidences.
func (c *chain) decode(s *seq) ([]uint8, []float32) {
	L := c.Labels
	n := len(s.Feats)
	c.scoreLater(s)
	em := s.Em
	if em != nil {
		n = len(em) / L
	}
	out := make([]uint8, n)
	if n == 0 {
		return out, nil
	}
	if em == nil {
		em = c.emissions(s, nil)
	}
	const neg = -1e30
	buf := viterbiBufs.Get().(*viterbiBuf)
	defer viterbiBufs.Put(buf)
	score, back := buf.get(n * L)
	for i := 0; i < n; i++ {
		e := 0
		if s.Edge != nil {
			e = int(s.Edge[i])
		}
		for y := 0; y < L; y++ {
			if !allowed(s, i, y) {
				score[i*L+y] = neg
				continue
			}
			if i == 0 {
				score[y] = em[y] + c.T[c.trans(e, L, y)]
				continue
			}
			best, arg := float32(neg), 0
			for p := 0; p < L; p++ {
				v := score[(i-1)*L+p] + c.T[c.trans(e, p, y)]
				if v > best {
					best, arg = v, p
				}
			}
			score[i*L+y] = best + em[i*L+y]
			back[i*L+y] = uint8(arg)
		}
	}
	best, arg := float32(neg), 0
	for y := 0; y < L; y++ {
		if v := score[(n-1)*L+y]; v > best {
			best, arg = v, y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(arg)
		arg = int(back[i*L+arg])
	}
	return out, em
}

// viterbiBuf is decode's working memory, kept between calls (viterbiBufs):
// the role tagger decodes a window per cue.
type viterbiBuf struct {
	score []float32
	back  []uint8
}

var viterbiBufs = sync.Pool{New: func() any { return new(viterbiBuf) }}

// get returns the buffers resized to n entries, back zeroed as a new one
// would be (decode writes every score it reads).
func (b *viterbiBuf) get(n int) ([]float32, []uint8) {
	if cap(b.score) < n {
		b.score, b.back = make([]float32, n), make([]uint8, n)
	}
	clear(b.back[:n])
	return b.score[:n], b.back[:n]
}

func allowed(s *seq, i, y int) bool {
	return s.Allow == nil || s.Allow[i] == 0 || s.Allow[i]&(1<<y) != 0
}

// trainer accumulates an averaged perceptron: W is the running weight
// vector, acc the sum of c·Δw over updates, so that the average over all
// steps is W − acc/c (Daumé's trick, no per-step copy).
type trainer struct {
	*chain
	accW []float32
	accT []float32
	accD []float32
	step float32
}

// weight is the sum of the weights of features fs in a one-label chain
// (the span ranker's and the quotation scorer's).
func (c *chain) weight(fs []uint32) float32 {
	var v float32
	for _, f := range fs {
		v += c.W[f]
	}
	return v
}

// trainOneLabel fits a one-label chain to n samples by an averaged
// perceptron: each epoch visits them in an order shuffled by a fixed
// seed, and learn updates t for sample i.
func trainOneLabel(n int, bits uint, epochs int, seed int64, learn func(c *chain, t *trainer, i int)) *chain {
	c := newChain(1, bits, 1)
	t := newTrainer(c)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			learn(c, t, i)
			t.step++
		}
	}
	t.average()
	return c
}

func newTrainer(c *chain) *trainer {
	return &trainer{chain: c, accW: make([]float32, len(c.W)), accT: make([]float32, len(c.T)), accD: make([]float32, len(c.D)), step: 1}
}

// learn decodes s and, where the prediction differs from gold, moves weights
// towards gold's features and away from the prediction's.
func (t *trainer) learn(s *seq) {
	pred, _ := t.decode(s)
	L := t.Labels
	for i := range pred {
		g, p := int(s.Gold[i]), int(pred[i])
		e := 0
		if s.Edge != nil {
			e = int(s.Edge[i])
		}
		gp, pp := L, L
		if i > 0 {
			gp, pp = int(s.Gold[i-1]), int(pred[i-1])
		}
		if g != p || gp != pp {
			t.bumpT(t.trans(e, gp, g), 1)
			t.bumpT(t.trans(e, pp, p), -1)
		}
		if g == p {
			continue
		}
		for _, f := range s.Feats[i] {
			t.bumpW(int(f)*L+g, 1)
			t.bumpW(int(f)*L+p, -1)
		}
		if s.Rows != nil {
			t.bumpVectors(s.Rows[i], g, p)
		}
	}
	t.step++
}

func (t *trainer) bumpW(k int, d float32) { t.W[k] += d; t.accW[k] += t.step * d }
func (t *trainer) bumpT(k int, d float32) { t.T[k] += d; t.accT[k] += t.step * d }

// bumpVectors moves the word-vector weights of rows towards label g and
// away from label p.
func (t *trainer) bumpVectors(rows []int32, g, p int) {
	L, dim := t.Labels, t.Vec.Dim
	for slot, r := range rows {
		if r < 0 {
			continue
		}
		base := slot * dim * L
		for j, x := range t.Vec.row(int(r)) {
			x *= t.VecScale
			k := base + j*L
			t.D[k+g] += x
			t.accD[k+g] += t.step * x
			t.D[k+p] -= x
			t.accD[k+p] -= t.step * x
		}
	}
}

// average replaces the weights by their average over all steps.
func (t *trainer) average() {
	for k := range t.W {
		t.W[k] -= t.accW[k] / t.step
	}
	for k := range t.T {
		t.T[k] -= t.accT[k] / t.step
	}
	for k := range t.D {
		t.D[k] -= t.accD[k] / t.step
	}
}

// trainChain runs epochs of perceptron updates over n sequences produced by
// get, in an order shuffled by a fixed seed so that training is repeatable.
func trainChain(c *chain, n, epochs int, seed int64, get func(i int) *seq) {
	t := newTrainer(c)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if s := get(i); s != nil && len(s.Feats) > 0 {
				t.learn(s)
			}
		}
	}
	t.average()
}

// favour adds d to the score of every transition into label lab, which is
// the same as adding it to lab's emission at every token.
func (c *chain) favour(lab int, d float32) {
	for e := 0; e < c.Edges; e++ {
		for p := 0; p <= c.Labels; p++ {
			c.T[c.trans(e, p, lab)] += d
		}
	}
}

// addScaled adds x times d's weights to c's; both have the same shape.
func (c *chain) addScaled(d *chain, x float32) {
	for k, w := range d.W {
		c.W[k] += x * w
	}
	for k, w := range d.T {
		c.T[k] += x * w
	}
	for k, w := range d.D {
		c.D[k] += x * w
	}
}
