package suggest

import (
	"encoding/gob"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/factmark/factmark/internal/testcorpus"
)

// TestClaimExperiment (temporary) compares model families on the fixed
// leave-one-transcript-out scheme: one L2 (1e-4), weighting ½, pooling 0.35.
func TestClaimExperiment(t *testing.T) {
	spec, ok := os.LookupEnv("FACTMARK_CLAIMEXP")
	if !ok {
		t.Skip("FACTMARK_CLAIMEXP not set")
	}
	exp := map[string]float64{}
	for _, f := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(f, "=")
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			x = 1
		}
		if k != "" {
			exp[k] = x
		}
	}
	d := loadExpData(t, exp["nested"] > 0)
	beta := 0.35
	base := make([]float64, len(d.groups))
	aps := make([]float64, len(d.groups))
	var mu sync.Mutex
	var baseScored, varScored []Scored
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := range d.groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			g := d.groups[k]
			lin := d.cache.Held[k]
			beta := beta
			if d.cache.Pool != nil {
				beta = d.cache.Pool[k]
			}
			base[k] = groupAP(g, pool(lin, g.turn, beta))
			raw := d.variant(k, exp)
			bs, vs := pool(lin, g.turn, beta), pool(raw, g.turn, beta*exp1(exp, "poolx"))
			aps[k] = groupAP(g, vs)
			mu.Lock()
			for i, smp := range g.samples {
				baseScored = append(baseScored, Scored{Score: displayScore(bs[i]), Worthy: smp.label})
				varScored = append(varScored, Scored{Score: displayScore(vs[i]), Worthy: smp.label})
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	for name, sc := range map[string][]Scored{"base": baseScored, "variant": varScored} {
		var all []Scored
		for _, f := range sc {
			all = append(all, f)
		}
		w, a := ShownAt(all, MinClaimScore)
		p, b := PrecisionAt(all, MinClaimScore)
		t.Logf("%s at %.2f: %.1f%% of check-worthy shown, %.1f%% of all; precision %.1f%% (base rate %.1f%%)", name, MinClaimScore, 100*w, 100*a, 100*p, 100*b)
	}
	mean, sd := meanSD(aps)
	bm, _ := meanSD(base)
	var diff []float64
	up, down := 0, 0
	for k := range aps {
		diff = append(diff, aps[k]-base[k])
		if aps[k] > base[k]+1e-9 {
			up++
		} else if aps[k] < base[k]-1e-9 {
			down++
		}
	}
	dm, dsd := meanSD(diff)
	var b strings.Builder
	for _, a := range aps {
		fmt.Fprintf(&b, " %.3f", a)
	}
	t.Logf("EXP %q MAP %.4f (base %.4f) paired %+.4f ± %.4f, %d/%d sd %.3f |%s", spec, mean, bm, dm, dsd/math.Sqrt(float64(len(diff))), up, down, sd, b.String())
}

func exp1(exp map[string]float64, k string) float64 {
	if v, ok := exp[k]; ok {
		return v
	}
	return 1
}

func meanSD(x []float64) (float64, float64) {
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return m, math.Sqrt(s / float64(len(x)-1))
}

// expCache holds the linear model's scores: Held[k] of transcript k by the
// model trained on the others, OOF[k][i] of transcript i≠k by a model
// trained on the others but k and i's inner fold.
type expCache struct {
	Held [][]float64
	OOF  [][][]float64
	Pool []float64 // nested: the pooling each outer fold chose
}

type expData struct {
	groups []claimGroup
	toks   [][][]token
	dense  [][][]float64 // per transcript, per sentence
	cache  expCache
}

func loadExpData(t *testing.T, nested bool) *expData {
	f, err := os.Open(filepath.Join(testcorpus.Dir(t, "corpus"), "clef2019-checkworthy", "train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ReadCLEF(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := suggester(t)
	o := ClaimOptions{L2Grid: []float64{1e-4}, TWeightGrid: []float64{0.5}}
	o.defaults()
	d := &expData{groups: make([]claimGroup, len(ts)), toks: make([][][]token, len(ts)), dense: make([][][]float64, len(ts))}
	for i := range ts {
		d.groups[i] = transcriptSamples(&ts[i], s.words, o.Bits)
		for _, l := range ts[i].Lines {
			d.toks[i] = append(d.toks[i], tokenize([]rune(l.Text), l.Text))
		}
		d.dense[i] = denseFeatures(&ts[i], d.toks[i], d.groups[i])
	}
	path := "/tmp/clef2/lincache.gob"
	if nested {
		path = "/tmp/clef2/nestcache.gob"
		o = ClaimOptions{}
		o.defaults()
	}
	if cf, err := os.Open(path); err == nil {
		err = gob.NewDecoder(cf).Decode(&d.cache)
		cf.Close()
		if err == nil {
			return d
		}
	}
	n := len(ts)
	d.cache = expCache{Held: make([][]float64, n), OOF: make([][][]float64, n)}
	if nested {
		d.cache.Pool = make([]float64, n)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			others := othersThan(d.groups, k)
			m := averageModel(others, -1, o)
			d.cache.Held[k] = rawScores(d.groups[k].samples, m)
			d.cache.OOF[k] = make([][]float64, n)
			score := make([]float64, len(o.PoolGrid))
			for f := range innerFolds {
				mf := averageModel(others, f, o)
				for j := range others {
					if j%innerFolds == f {
						i := j
						if j >= k {
							i = j + 1
						}
						d.cache.OOF[k][i] = rawScores(d.groups[i].samples, mf)
						for p, b := range o.PoolGrid {
							score[p] += groupAP(d.groups[i], pool(d.cache.OOF[k][i], d.groups[i].turn, b))
						}
					}
				}
			}
			if nested {
				best := 0
				for p := range score {
					if score[p] > score[best] {
						best = p
					}
				}
				d.cache.Pool[k] = o.PoolGrid[best]
			}
		}()
	}
	wg.Wait()
	os.MkdirAll("/tmp/clef2", 0o755)
	if cf, err := os.Create(path); err == nil {
		gob.NewEncoder(cf).Encode(&d.cache)
		cf.Close()
	}
	return d
}

// denseFeatures are a sentence's few real-valued features (without the
// word vector, which is appended from the sample).
func denseFeatures(tr *Transcript, toks [][]token, g claimGroup) [][]float64 {
	n := len(toks)
	out := make([][]float64, n)
	// turn extents
	turnStart := make([]int, n)
	turnLen := map[int]int{}
	for i := range toks {
		if i > 0 && g.turn[i] == g.turn[i-1] {
			turnStart[i] = turnStart[i-1]
		} else {
			turnStart[i] = i
		}
		turnLen[g.turn[i]]++
	}
	spk := map[string]int{}
	for _, l := range tr.Lines {
		spk[l.Speaker]++
	}
	for i, ts := range toks {
		var words, digits, names, caps float64
		var grp [6]float64
		for j := range ts {
			t := &ts[j]
			if !isPunct(t.Lower) {
				words++
			}
			if unicode.IsDigit(t.First) {
				digits++
			}
			if isName(ts, j, nil) {
				names++
			}
			if unicode.IsUpper(t.First) {
				caps++
			}
			in := wordLists[t.Lower]
			for b := range 6 {
				if in&(1<<b) != 0 {
					grp[b]++
				}
			}
		}
		q := 0.0
		if isQuestion(ts) {
			q = 1
		}
		tl := float64(turnLen[g.turn[i]])
		f := []float64{
			math.Log1p(words), math.Log1p(digits), math.Log1p(names), math.Log1p(caps), q,
			float64(i) / float64(n), float64(i-turnStart[i]) / tl, math.Log1p(tl), float64(i - turnStart[i]),
			float64(spk[tr.Lines[i].Speaker]) / float64(n),
		}
		for b := range 6 {
			f = append(f, math.Log1p(grp[b]))
		}
		out[i] = f
	}
	return out
}

// variant scores transcript k's sentences by the experiment's model.
func (d *expData) variant(k int, exp map[string]float64) []float64 {
	lin := d.cache.Held[k]
	out := append([]float64(nil), lin...)
	if w := exp["mlp"]; w > 0 {
		s := d.mlpScores(k, exp)
		mixStd(out, s, w, exp["mlponly"] > 0)
	}
	if w := exp["gb"]; w > 0 {
		s := d.gbScores(k, exp)
		if exp["ens"] > 0 {
			e2 := map[string]float64{}
			for a, b := range exp {
				e2[a] = b
			}
			e2["depth"], e2["rounds"], e2["glr"] = 2, 100, 1
			s2 := d.gbScores(k, e2)
			for i := range s {
				s[i] = (s[i] + s2[i]) / 2
			}
		}
		if exp["rawmix"] > 0 {
			for i := range out {
				out[i] = (out[i] + w*s[i]) / (1 + w)
			}
		} else {
			mixStd(out, s, w, exp["gbonly"] > 0)
		}
	}
	return out
}

// mixStd adds w times s (standardized to lin's spread) to lin.
func mixStd(lin, s []float64, w float64, only bool) {
	lm, lsd := meanSD(lin)
	sm, ssd := meanSD(s)
	for i := range lin {
		z := (s[i] - sm) / ssd * lsd
		if only {
			lin[i] = z
		} else {
			lin[i] = (lin[i] + w*(z+lm)) / (1 + w)
		}
	}
}

// inputs builds the dense input rows of transcript i as seen in outer fold
// k: dense features, word vector, the linear score (out-of-fold for i≠k)
// and its turn context.
func (d *expData) inputs(k, i int, exp map[string]float64) [][]float64 {
	g := d.groups[i]
	var lin []float64
	if i == k {
		lin = d.cache.Held[k]
	} else {
		lin = d.cache.OOF[k][i]
	}
	n := len(g.samples)
	// turn mean vectors
	tv := map[int][]float64{}
	trv := make([]float64, 64)
	for j, s := range g.samples {
		v := tv[g.turn[j]]
		if v == nil {
			v = make([]float64, 64)
			tv[g.turn[j]] = v
		}
		for q, x := range s.vec.emb {
			v[q] += float64(x)
			trv[q] += float64(x)
		}
	}
	lm, lsd := meanSD(lin)
	turnMean := map[int]float64{}
	turnN := map[int]float64{}
	for j := range lin {
		turnMean[g.turn[j]] += (lin[j] - lm) / lsd
		turnN[g.turn[j]]++
	}
	for t := range turnMean {
		turnMean[t] /= turnN[t]
	}
	out := make([][]float64, n)
	for j, s := range g.samples {
		var row []float64
		if exp["nodense"] == 0 {
			row = append(row, d.dense[i][j]...)
		}
		if exp["novec"] == 0 {
			e := s.vec.emb
			for q := range 64 {
				x := 0.0
				if e != nil {
					x = float64(e[q])
				}
				row = append(row, x)
			}
		}
		if exp["nolin"] == 0 {
			nb := neighbourBest(lin, g.turn, j)
			row = append(row, lin[j], nb)
		}
		if exp["ctx"] > 0 {
			row = append(row, (lin[j]-lm)/lsd, side(lin, g.turn, j, -1), side(lin, g.turn, j, 1), turnMean[g.turn[j]])
		}
		if exp["topic"] > 0 {
			row = append(row, cosine(s.vec.emb, tv[g.turn[j]]), cosine(s.vec.emb, trv))
			if exp["nolin"] == 0 {
				// claim-likeness × topicality
				row = append(row, lin[j]*cosine(s.vec.emb, tv[g.turn[j]]))
			}
		}
		out[j] = row
	}
	return out
}

func cosine(a []float32, b []float64) float64 {
	if a == nil {
		return 0
	}
	var ab, bb float64
	for q, x := range a {
		ab += float64(x) * b[q]
		bb += b[q] * b[q]
	}
	if bb == 0 {
		return 0
	}
	return ab / math.Sqrt(bb)
}

// trainSet gathers the rows, labels and weights of every transcript but k.
func (d *expData) trainSet(k int, exp map[string]float64) (x [][]float64, y []bool, w []float64) {
	for i, g := range d.groups {
		if i == k {
			continue
		}
		rows := d.inputs(k, i, exp)
		tw := math.Pow(1000/float64(len(g.samples)), 0.5)
		for j, s := range g.samples {
			x = append(x, rows[j])
			y = append(y, s.label)
			ww := tw
			if s.label {
				ww *= exp1(exp, "pos") * 4
			}
			w = append(w, ww)
		}
	}
	return
}

// standardizer scales each column to mean 0 and SD 1 on the training rows.
type standardizer struct{ mean, sd []float64 }

func newStandardizer(x [][]float64) standardizer {
	m := len(x[0])
	s := standardizer{mean: make([]float64, m), sd: make([]float64, m)}
	for _, r := range x {
		for c, v := range r {
			s.mean[c] += v
		}
	}
	for c := range s.mean {
		s.mean[c] /= float64(len(x))
	}
	for _, r := range x {
		for c, v := range r {
			s.sd[c] += (v - s.mean[c]) * (v - s.mean[c])
		}
	}
	for c := range s.sd {
		s.sd[c] = math.Sqrt(s.sd[c] / float64(len(x)))
		if s.sd[c] == 0 {
			s.sd[c] = 1
		}
	}
	return s
}

func (s standardizer) apply(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, r := range x {
		o := make([]float64, len(r))
		for c, v := range r {
			o[c] = (v - s.mean[c]) / s.sd[c]
		}
		out[i] = o
	}
	return out
}

func (d *expData) mlpScores(k int, exp map[string]float64) []float64 {
	x, y, w := d.trainSet(k, exp)
	st := newStandardizer(x)
	xs := st.apply(x)
	test := st.apply(d.inputs(k, k, exp))
	seeds := int(exp1(exp, "seeds"))
	out := make([]float64, len(test))
	for sd := range seeds {
		m := trainMLP(xs, y, w, mlpOptions{
			Hidden: int(max(8, exp["hid"])), Epochs: int(max(1, exp["ep"])), Rate: 1e-3 * exp1(exp, "lr"),
			L2: 1e-4 * exp1(exp, "l2"), Seed: int64(sd + 1), Batch: 64,
		})
		for i, r := range test {
			out[i] += m.logit(r)
		}
	}
	return out
}

// mlp is a one-hidden-layer network: tanh units, logistic output.
type mlp struct {
	in, hid int
	w1      []float64 // hid × in
	b1      []float64
	w2      []float64
	b2      float64
}

type mlpOptions struct {
	Hidden, Epochs, Batch int
	Rate, L2              float64
	Seed                  int64
}

func (m *mlp) forward(x []float64, h []float64) float64 {
	z := m.b2
	for j := range m.hid {
		a := m.b1[j]
		row := m.w1[j*m.in : (j+1)*m.in]
		for c, v := range x {
			a += row[c] * v
		}
		h[j] = math.Tanh(a)
		z += m.w2[j] * h[j]
	}
	return z
}

func (m *mlp) logit(x []float64) float64 {
	h := make([]float64, m.hid)
	return m.forward(x, h)
}

// trainMLP fits the network by minibatch Adam on the weighted logistic
// loss, in a fixed order from the seed.
func trainMLP(x [][]float64, y []bool, w []float64, o mlpOptions) *mlp {
	in := len(x[0])
	r := rand.New(rand.NewSource(o.Seed))
	m := &mlp{in: in, hid: o.Hidden, w1: make([]float64, o.Hidden*in), b1: make([]float64, o.Hidden), w2: make([]float64, o.Hidden)}
	sc := math.Sqrt(1 / float64(in))
	for i := range m.w1 {
		m.w1[i] = r.NormFloat64() * sc
	}
	for j := range m.w2 {
		m.w2[j] = r.NormFloat64() * math.Sqrt(1/float64(o.Hidden))
	}
	// parameters flattened for Adam: w1, b1, w2, b2
	np := len(m.w1) + 2*o.Hidden + 1
	g := make([]float64, np)
	mom := make([]float64, np)
	v := make([]float64, np)
	var wsum float64
	for _, ww := range w {
		wsum += ww
	}
	wmean := wsum / float64(len(w))
	order := r.Perm(len(x))
	h := make([]float64, o.Hidden)
	step := 0
	b1, b2 := 0.9, 0.999
	for ep := 0; ep < o.Epochs; ep++ {
		r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for s := 0; s < len(order); s += o.Batch {
			clear(g)
			e := min(len(order), s+o.Batch)
			for _, i := range order[s:e] {
				z := m.forward(x[i], h)
				t := 0.0
				if y[i] {
					t = 1
				}
				dz := w[i] / wmean * (sigmoid(z) - t) / float64(e-s)
				off := len(m.w1) + o.Hidden
				for j := range o.Hidden {
					g[off+j] += dz * h[j]
					da := dz * m.w2[j] * (1 - h[j]*h[j])
					row := g[j*in : (j+1)*in]
					for c, xv := range x[i] {
						row[c] += da * xv
					}
					g[len(m.w1)+j] += da
				}
				g[np-1] += dz
			}
			step++
			c1 := 1 - math.Pow(b1, float64(step))
			c2 := 1 - math.Pow(b2, float64(step))
			for p := range np {
				par := m.param(p)
				gp := g[p] + o.L2**par
				mom[p] = b1*mom[p] + (1-b1)*gp
				v[p] = b2*v[p] + (1-b2)*gp*gp
				*par -= o.Rate * (mom[p] / c1) / (math.Sqrt(v[p]/c2) + 1e-8)
			}
		}
	}
	return m
}

func (m *mlp) param(p int) *float64 {
	switch {
	case p < len(m.w1):
		return &m.w1[p]
	case p < len(m.w1)+m.hid:
		return &m.b1[p-len(m.w1)]
	case p < len(m.w1)+2*m.hid:
		return &m.w2[p-len(m.w1)-m.hid]
	}
	return &m.b2
}

func (d *expData) gbScores(k int, exp map[string]float64) []float64 {
	x, y, w := d.trainSet(k, exp)
	test := d.inputs(k, k, exp)
	m := trainGBT(x, y, w, gbOptions{
		Rounds: int(max(10, exp["rounds"])), Depth: int(max(1, exp["depth"])), Rate: 0.1 * exp1(exp, "glr"),
		Bins: 32, MinLeaf: 5 * exp1(exp, "minleaf"), Lambda: 1 * exp1(exp, "lam"),
	})
	out := make([]float64, len(test))
	for i, r := range test {
		out[i] = m.score(r)
	}
	return out
}

type gbOptions struct {
	Rounds, Depth, Bins int
	Rate, MinLeaf       float64
	Lambda              float64
}

type gbNode struct {
	feat        int // -1 leaf
	thr         float64
	left, right int
	value       float64
}

type gbt struct {
	base  float64
	trees [][]gbNode
	rate  float64
}

func (m *gbt) score(x []float64) float64 {
	z := m.base
	for _, t := range m.trees {
		n := 0
		for t[n].feat >= 0 {
			if x[t[n].feat] <= t[n].thr {
				n = t[n].left
			} else {
				n = t[n].right
			}
		}
		z += m.rate * t[n].value
	}
	return z
}

// trainGBT fits gradient-boosted regression trees (Newton steps on the
// weighted logistic loss) with thresholds at each feature's quantiles.
func trainGBT(x [][]float64, y []bool, w []float64, o gbOptions) *gbt {
	n, nf := len(x), len(x[0])
	// thresholds per feature
	thr := make([][]float64, nf)
	for f := range nf {
		col := make([]float64, n)
		for i := range x {
			col[i] = x[i][f]
		}
		sortFloats(col)
		for b := 1; b < o.Bins; b++ {
			v := col[b*n/o.Bins]
			if len(thr[f]) == 0 || v > thr[f][len(thr[f])-1] {
				thr[f] = append(thr[f], v)
			}
		}
	}
	// bin index per row and feature
	bin := make([][]uint8, nf)
	for f := range nf {
		bin[f] = make([]uint8, n)
		for i := range x {
			b := 0
			for b < len(thr[f]) && x[i][f] > thr[f][b] {
				b++
			}
			bin[f][i] = uint8(b)
		}
	}
	var sw, sp float64
	for i := range y {
		sw += w[i]
		if y[i] {
			sp += w[i]
		}
	}
	m := &gbt{base: math.Log(sp / (sw - sp)), rate: o.Rate}
	z := make([]float64, n)
	for i := range z {
		z[i] = m.base
	}
	gr := make([]float64, n)
	he := make([]float64, n)
	for range o.Rounds {
		for i := range z {
			p := sigmoid(z[i])
			t := 0.0
			if y[i] {
				t = 1
			}
			gr[i] = w[i] * (p - t)
			he[i] = w[i] * p * (1 - p)
		}
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		var tree []gbNode
		var grow func(rows []int, depth int) int
		grow = func(rows []int, depth int) int {
			var G, H float64
			for _, i := range rows {
				G += gr[i]
				H += he[i]
			}
			id := len(tree)
			tree = append(tree, gbNode{feat: -1, value: -G / (H + o.Lambda)})
			if depth >= o.Depth {
				return id
			}
			bestGain, bf, bb := 0.0, -1, 0
			parent := G * G / (H + o.Lambda)
			for f := range nf {
				nb := len(thr[f]) + 1
				gs := make([]float64, nb)
				hs := make([]float64, nb)
				for _, i := range rows {
					gs[bin[f][i]] += gr[i]
					hs[bin[f][i]] += he[i]
				}
				var gl, hl float64
				for b := 0; b < nb-1; b++ {
					gl += gs[b]
					hl += hs[b]
					gr2, hr := G-gl, H-hl
					if hl < o.MinLeaf || hr < o.MinLeaf {
						continue
					}
					gain := gl*gl/(hl+o.Lambda) + gr2*gr2/(hr+o.Lambda) - parent
					if gain > bestGain {
						bestGain, bf, bb = gain, f, b
					}
				}
			}
			if bf < 0 {
				return id
			}
			var l, r []int
			for _, i := range rows {
				if int(bin[bf][i]) <= bb {
					l = append(l, i)
				} else {
					r = append(r, i)
				}
			}
			tree[id].feat, tree[id].thr = bf, thr[bf][bb]
			li := grow(l, depth+1)
			ri := grow(r, depth+1)
			tree[id].left, tree[id].right = li, ri
			return id
		}
		grow(all, 0)
		for i := range z {
			n := 0
			for tree[n].feat >= 0 {
				if x[i][tree[n].feat] <= tree[n].thr {
					n = tree[n].left
				} else {
					n = tree[n].right
				}
			}
			z[i] += o.Rate * tree[n].value
		}
		m.trees = append(m.trees, tree)
	}
	return m
}

func sortFloats(x []float64) { sort.Float64s(x) }

// side is the linear score of the sentence d places from j in its turn,
// or -10 when there is none.
func side(lin []float64, turn []int, j, d int) float64 {
	if i := j + d; i >= 0 && i < len(lin) && turn[i] == turn[j] {
		return lin[i]
	}
	return -10
}
