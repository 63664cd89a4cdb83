package suggest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

// TestClaimExperiment (temporary) is the fixed leave-one-transcript-out
// MAP: one L2 (1e-4), weighting ½, pooling 0.35, for comparing features.
func TestClaimExperiment(t *testing.T) {
	spec, ok := os.LookupEnv("FACTMARK_CLAIMEXP")
	if !ok {
		t.Skip("FACTMARK_CLAIMEXP not set")
	}
	claimExp = map[string]float64{}
	o := ClaimOptions{L2Grid: []float64{1e-4}, TWeightGrid: []float64{0.5}}
	beta := 0.35
	for _, f := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(f, "=")
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			x = 1
		}
		if k != "" {
			claimExp[k] = x
		}
	}
	defer func() { claimExp = map[string]float64{} }()
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
	o.defaults()
	groups := make([]claimGroup, len(ts))
	toks := make([][][]token, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], s.words, o.Bits)
		for _, l := range ts[i].Lines {
			toks[i] = append(toks[i], tokenize([]rune(l.Text), l.Text))
		}
	}
	aps := make([]float64, len(ts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := range ts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			gs := foldGroups(groups, toks, k)
			m := averageModel(othersThan(gs, k), -1, o)
			m.Pool = float32(beta)
			raw := rawScores(gs[k].samples, m)
			if lam := claimExp["nb"]; lam > 0 {
				nb := nbScorer(othersThan(gs, k))
				raw = mixScores(raw, gs[k].samples, nb, othersThan(gs, k), m, lam)
			}
			if lam := claimExp["perc"]; lam > 0 {
				pe := trainRankPerceptron(othersThan(gs, k), o.Bits, int(max(1, claimExp["pep"])), 5)
				if lam >= 100 {
					raw = make([]float64, len(gs[k].samples))
					for i, s := range gs[k].samples {
						raw[i] = pe.score(s.vec)
					}
				} else {
					raw = mixPerceptron(raw, gs[k].samples, pe, othersThan(gs, k), m, lam)
				}
			}
			sc := pool(raw, gs[k].turn, beta)
			aps[k] = groupAP(gs[k], sc)
		}()
	}
	wg.Wait()
	mean, sd := meanSD(aps)
	var b strings.Builder
	for _, a := range aps {
		fmt.Fprintf(&b, " %.3f", a)
	}
	t.Logf("EXP %q MAP %.4f sd %.3f |%s", spec, mean, sd, b.String())
}

// foldGroups copies the groups with fold-dependent dense features appended
// to each sentence's word vector: in-domain word vectors trained on the
// other transcripts (dom) and the prototype score (proto).
func foldGroups(groups []claimGroup, toks [][][]token, k int) []claimGroup {
	dom, proto := claimExp["dom"], claimExp["proto"]
	if dom == 0 && proto == 0 {
		return groups
	}
	out := make([]claimGroup, len(groups))
	for i, g := range groups {
		out[i] = claimGroup{turn: g.turn, samples: append([]claimSample(nil), g.samples...)}
		for j := range out[i].samples {
			e := out[i].samples[j].vec.emb
			if e == nil {
				e = make([]float32, 64)
			}
			out[i].samples[j].vec.emb = append([]float32(nil), e...)
		}
	}
	if proto > 0 {
		var pos, neg [64]float64
		for i, g := range groups {
			if i == k {
				continue
			}
			for _, s := range g.samples {
				for j, x := range s.vec.emb {
					if s.label {
						pos[j] += float64(x)
					} else {
						neg[j] += float64(x)
					}
				}
			}
		}
		pn, nn := unit64(pos[:]), unit64(neg[:])
		for i := range out {
			for j := range out[i].samples {
				e := out[i].samples[j].vec.emb
				var a, b float64
				for d := 0; d < 64; d++ {
					a += float64(e[d]) * pn[d]
					b += float64(e[d]) * nn[d]
				}
				out[i].samples[j].vec.emb = append(e, float32(proto*(a-b)), float32(proto*a))
			}
		}
	}
	if dom > 0 {
		var sents [][]string
		for i := range toks {
			if i == k {
				continue
			}
			for _, s := range toks[i] {
				w := make([]string, len(s))
				for j := range s {
					w[j] = s[j].Lower
				}
				sents = append(sents, w)
			}
		}
		wv := trainWordVectors(sents, wordOptions{MinCount: int(max(1, claimExp["mc"])), Dim: int(max(32, claimExp["dd"])), Epochs: int(claimExp["dep"])})
		for i := range out {
			for j := range out[i].samples {
				v := wv.meanVector(toks[i][j])
				if v == nil {
					v = make([]float32, wv.Dim)
				}
				e := out[i].samples[j].vec.emb
				for _, x := range v {
					e = append(e, x*float32(dom))
				}
				out[i].samples[j].vec.emb = e
			}
		}
	}
	return out
}

func unit64(x []float64) []float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	s = math.Sqrt(s)
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] / s
	}
	return out
}

// nbScorer returns naive Bayes log-count ratios of the hashed features.
func nbScorer(groups []claimGroup) map[uint32]float64 {
	p, q := map[uint32]float64{}, map[uint32]float64{}
	var np, nq float64
	for _, g := range groups {
		for _, s := range g.samples {
			for _, f := range s.vec.idx {
				if s.label {
					p[f]++
				} else {
					q[f]++
				}
			}
			if s.label {
				np++
			} else {
				nq++
			}
		}
	}
	r := map[uint32]float64{}
	for f := range p {
		r[f] = 0
	}
	for f := range q {
		r[f] = 0
	}
	for f := range r {
		r[f] = math.Log((p[f]+1)/(np+2)) - math.Log((q[f]+1)/(nq+2))
	}
	return r
}

func nbOf(s claimSample, r map[uint32]float64) float64 {
	z := 0.0
	for _, f := range s.vec.idx {
		z += r[f]
	}
	return z * float64(s.vec.x)
}

// mixScores adds lam times the NB score, both standardized on the training samples.
func mixScores(raw []float64, ss []claimSample, r map[uint32]float64, train []claimGroup, m *claimModel, lam float64) []float64 {
	var lr, nb []float64
	for _, g := range train {
		for _, s := range g.samples {
			lr = append(lr, float64(m.logit(s.vec)))
			nb = append(nb, nbOf(s, r))
		}
	}
	_, sl := meanSD(lr)
	mn, sn := meanSD(nb)
	out := make([]float64, len(raw))
	for i := range raw {
		out[i] = raw[i] + lam*sl*(nbOf(ss[i], r)-mn)/sn
	}
	return out
}

func meanSD(xs []float64) (float64, float64) {
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, math.Sqrt(v / float64(len(xs)-1))
}

// rankPerceptron is an averaged pairwise ranking perceptron over the same
// vectors: each epoch, each check-worthy sentence of a transcript meets
// negatives of its transcript chosen by a fixed generator.
type rankPerceptron struct {
	w, e []float64
}

func (p *rankPerceptron) score(v claimVec) float64 {
	z := 0.0
	for _, f := range v.idx {
		z += p.w[f] * float64(v.x)
	}
	for j, x := range v.emb {
		z += p.e[j] * float64(x) * embWeight
	}
	return z
}

func trainRankPerceptron(groups []claimGroup, bits uint, epochs, negs int) *rankPerceptron {
	n := 1 << bits
	cur := &rankPerceptron{w: make([]float64, n), e: make([]float64, 64)}
	sumW, sumE := make([]float64, n), make([]float64, 64)
	stamp := make([]int, n)
	stampE := make([]int, 64)
	step := 0
	seed := uint64(1)
	rnd := func(k int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(k))
	}
	upd := func(v claimVec, d float64) {
		for _, f := range v.idx {
			sumW[f] += cur.w[f] * float64(step-stamp[f])
			stamp[f] = step
			cur.w[f] += d * float64(v.x)
		}
		for j, x := range v.emb {
			sumE[j] += cur.e[j] * float64(step-stampE[j])
			stampE[j] = step
			cur.e[j] += d * float64(x) * embWeight
		}
	}
	for ep := 0; ep < epochs; ep++ {
		for _, g := range groups {
			var pos, neg []int
			for i, s := range g.samples {
				if s.label {
					pos = append(pos, i)
				} else {
					neg = append(neg, i)
				}
			}
			if len(pos) == 0 || len(neg) == 0 {
				continue
			}
			for _, pi := range pos {
				for r := 0; r < negs; r++ {
					ni := neg[rnd(len(neg))]
					step++
					ps, ns := g.samples[pi].vec, g.samples[ni].vec
					if cur.score(ps)-cur.score(ns) < 1 {
						upd(ps, 1)
						upd(ns, -1)
					}
				}
			}
		}
	}
	out := &rankPerceptron{w: make([]float64, n), e: make([]float64, 64)}
	for f := range out.w {
		out.w[f] = (sumW[f] + cur.w[f]*float64(step-stamp[f])) / float64(step)
	}
	for j := range out.e {
		out.e[j] = (sumE[j] + cur.e[j]*float64(step-stampE[j])) / float64(step)
	}
	return out
}

// mixPerceptron adds lam times the perceptron's score, both standardized on
// the training samples; lam < 0 would not make sense.
func mixPerceptron(raw []float64, ss []claimSample, p *rankPerceptron, train []claimGroup, m *claimModel, lam float64) []float64 {
	var lr, ps []float64
	for _, g := range train {
		for _, s := range g.samples {
			lr = append(lr, float64(m.logit(s.vec)))
			ps = append(ps, p.score(s.vec))
		}
	}
	_, sl := meanSD(lr)
	mp, sp := meanSD(ps)
	out := make([]float64, len(raw))
	for i := range raw {
		out[i] = raw[i] + lam*sl*(p.score(ss[i].vec)-mp)/sp
	}
	return out
}
