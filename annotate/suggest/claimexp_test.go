package suggest

import (
	"encoding/csv"
	"encoding/gob"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
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
	nested := exp["nested"] > 0
	d := loadExpData(t, nested, exp)
	baseCache := d.cache
	if linSpec(exp) != "" {
		baseCache = loadExpData(t, nested, map[string]float64{}).cache
	}
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
			bBeta := beta
			if baseCache.Pool != nil {
				bBeta = baseCache.Pool[k]
			}
			bs := pool(baseCache.Held[k], g.turn, bBeta)
			base[k] = groupAP(g, bs)
			lk := d.mixedLin(k, exp)
			vBeta := beta
			if nested {
				vBeta = choosePool(d.groups, lk, k)
			}
			raw := d.variant(k, lk, exp)
			vs := pool(raw, g.turn, vBeta*exp1(exp, "poolx"))
			aps[k] = groupAP(g, vs)
			if exp["dump"] > 0 {
				d.dump(t, k, bs, vs)
			}
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
	for k, a := range aps {
		fmt.Fprintf(&b, " %.3f(%+.3f)", a, a-base[k])
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
	ts     []Transcript
	sim    [][][]float64 // per transcript, per sentence: the verified-claims similarities
	vcl    [][]float64   // per transcript, per sentence: the verified-claim-likeness score
	vcl2   [][][]float64 // per outer fold k, transcript, sentence: verified claims against the other transcripts' sentences
	groups []claimGroup
	toks   [][][]token
	dense  [][][]float64 // per transcript, per sentence
	cache  expCache
}

// linSpec names the linear base's variant (what changes its cached
// scores): in-domain vectors (dom) and the verified-claims similarities as
// dense inputs (simlin).
func linSpec(exp map[string]float64) string {
	var parts []string
	for _, k := range []string{"dom", "dd", "simlin", "simset", "opp", "vcllin", "vcl2lin"} {
		if v, ok := exp[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%g", k, v))
		}
	}
	return strings.Join(parts, ",")
}

func loadExpData(t *testing.T, nested bool, exp map[string]float64) *expData {
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
	d := &expData{ts: ts, groups: make([]claimGroup, len(ts)), toks: make([][][]token, len(ts)), dense: make([][][]float64, len(ts))}
	for i := range ts {
		d.groups[i] = transcriptSamples(&ts[i], s.words, o.Bits)
		for _, l := range ts[i].Lines {
			d.toks[i] = append(d.toks[i], tokenize([]rune(l.Text), l.Text))
		}
		d.dense[i] = denseFeatures(&ts[i], d.toks[i], d.groups[i])
	}
	d.sim = loadSim(t, d, s.words)
	d.vcl = loadVCL(t, d, s.words)
	if exp["vcl2lin"] > 0 || exp["vcl2gb"] > 0 {
		d.vcl2 = loadVCL2(t, d, s.words)
	}
	spec := linSpec(exp)
	path := "/tmp/clef3/lincache.gob"
	if nested {
		path = "/tmp/clef3/nestcache.gob"
		o = ClaimOptions{}
		o.defaults()
	}
	if spec != "" {
		path = strings.TrimSuffix(path, ".gob") + "-" + spec + ".gob"
	}
	if cf, err := os.Open(path); err == nil {
		err = gob.NewDecoder(cf).Decode(&d.cache)
		cf.Close()
		if err == nil {
			return d
		}
	}
	t.Logf("computing %s", path)
	simGroups := d.groups
	if exp["opp"] > 0 {
		simGroups = d.withOpp(simGroups, int(exp["opp"]), o.Bits)
	}
	if w := exp["vcllin"]; w > 0 {
		simGroups = d.withVCL(simGroups, w)
	}
	if exp["simlin"] > 0 {
		simGroups = d.withSim(simGroups, exp["simlin"], int(exp["simset"]))
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
			gs := simGroups
			if w := exp["vcl2lin"]; w > 0 {
				gs = d.withVCL2(gs, k, w)
			}
			if exp["dom"] > 0 {
				gs = domGroups(gs, d.toks, k, exp)
			}
			others := othersThan(gs, k)
			m := averageModel(others, -1, o)
			d.cache.Held[k] = rawScores(gs[k].samples, m)
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
						d.cache.OOF[k][i] = rawScores(gs[i].samples, mf)
						for p, b := range o.PoolGrid {
							score[p] += groupAP(gs[i], pool(d.cache.OOF[k][i], gs[i].turn, b))
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
	os.MkdirAll("/tmp/clef3", 0o755)
	if cf, err := os.Create(path); err == nil {
		gob.NewEncoder(cf).Encode(&d.cache)
		cf.Close()
	}
	return d
}

// domGroups copies the groups with in-domain word vectors (trained on the
// text of every transcript but k) appended to each sentence's vector.
func domGroups(groups []claimGroup, toks [][][]token, k int, exp map[string]float64) []claimGroup {
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
	wv := trainWordVectors(sents, wordOptions{Dim: int(max(32, exp["dd"]))})
	out := make([]claimGroup, len(groups))
	for i, g := range groups {
		out[i] = claimGroup{turn: g.turn, samples: append([]claimSample(nil), g.samples...)}
		for j := range out[i].samples {
			e := out[i].samples[j].vec.emb
			if e == nil {
				e = make([]float32, 64)
			}
			e = append([]float32(nil), e...)
			v := wv.meanVector(toks[i][j])
			if v == nil {
				v = make([]float32, wv.Dim)
			}
			for _, x := range v {
				e = append(e, x*float32(exp["dom"]))
			}
			out[i].samples[j].vec.emb = e
		}
	}
	return out
}

// withSim copies the groups with the standardized similarity features
// (set 0: all four; 1: vector max and top-5; 2: tf-idf max and top-5)
// appended to each sentence's vector, times w.
func (d *expData) withSim(groups []claimGroup, w float64, set int) []claimGroup {
	cols := []int{0, 1, 2, 3}
	switch set {
	case 1:
		cols = []int{0, 1}
	case 2:
		cols = []int{2, 3}
	}
	var all [][]float64
	for i := range d.sim {
		all = append(all, d.sim[i]...)
	}
	st := newStandardizer(all)
	out := make([]claimGroup, len(groups))
	for i, g := range groups {
		out[i] = claimGroup{turn: g.turn, samples: append([]claimSample(nil), g.samples...)}
		for j := range out[i].samples {
			e := out[i].samples[j].vec.emb
			if e == nil {
				e = make([]float32, 64)
			}
			e = append([]float32(nil), e...)
			for _, c := range cols {
				e = append(e, float32(w*(d.sim[i][j][c]-st.mean[c])/st.sd[c]))
			}
			out[i].samples[j].vec.emb = e
		}
	}
	return out
}

// innerFoldOf is the inner fold transcript i falls in when k is held out.
func innerFoldOf(k, i int) int {
	j := i
	if i > k {
		j = i - 1
	}
	return j % innerFolds
}

// mixedLin is the linear base of outer fold k for every transcript (the
// held-out one's from the model of the 18, the others' out of fold), with
// exp["nb"] times the naive Bayes score mixed in (each from the sentences
// its linear model learned from, standardized there, scaled to the spread
// of the fold's out-of-fold linear scores).
func (d *expData) mixedLin(k int, exp map[string]float64) [][]float64 {
	n := len(d.groups)
	out := make([][]float64, n)
	out[k] = d.cache.Held[k]
	for i := range n {
		if i != k {
			out[i] = d.cache.OOF[k][i]
		}
	}
	lam := exp["nb"]
	if lam == 0 {
		return out
	}
	var pooled []float64
	for i := range n {
		if i != k {
			pooled = append(pooled, out[i]...)
		}
	}
	_, sl := meanSD(pooled)
	nbs := make([]*nbModel, innerFolds+1)
	for f := -1; f < innerFolds; f++ {
		var train []claimGroup
		for i := range n {
			if i != k && (f < 0 || innerFoldOf(k, i) != f) {
				train = append(train, d.groups[i])
			}
		}
		nbs[f+1] = newNBModel(train)
	}
	for i := range n {
		nb := nbs[0]
		if i != k {
			nb = nbs[innerFoldOf(k, i)+1]
		}
		mixed := make([]float64, len(out[i]))
		for j, smp := range d.groups[i].samples {
			mixed[j] = out[i][j] + lam*sl*nb.z(smp)
		}
		out[i] = mixed
	}
	return out
}

// choosePool picks the pooling weight as fitClaims does, by the mean AP
// of the out-of-fold scores of the training transcripts.
func choosePool(groups []claimGroup, lk [][]float64, k int) float64 {
	grid := defaultPoolGrid
	score := make([]float64, len(grid))
	for i := range groups {
		if i == k {
			continue
		}
		for p, b := range grid {
			score[p] += groupAP(groups[i], pool(lk[i], groups[i].turn, b))
		}
	}
	best := 0
	for p := range score {
		if score[p] > score[best] {
			best = p
		}
	}
	return grid[best]
}

// nbModel holds naive Bayes log-count ratios of the hashed features and
// the mean and SD of its scores on the sentences it learned from.
type nbModel struct {
	r        map[uint32]float64
	mean, sd float64
}

func newNBModel(groups []claimGroup) *nbModel {
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
	m := &nbModel{r: map[uint32]float64{}}
	for f := range q {
		p[f] += 0
	}
	for f := range p {
		m.r[f] = math.Log((p[f]+1)/(np+2)) - math.Log((q[f]+1)/(nq+2))
	}
	var all []float64
	for _, g := range groups {
		for _, s := range g.samples {
			all = append(all, m.raw(s))
		}
	}
	m.mean, m.sd = meanSD(all)
	return m
}

func (m *nbModel) raw(s claimSample) float64 {
	z := 0.0
	for _, f := range s.vec.idx {
		z += m.r[f]
	}
	return z * float64(s.vec.x)
}

func (m *nbModel) z(s claimSample) float64 { return (m.raw(s) - m.mean) / m.sd }

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
func (d *expData) variant(k int, lk [][]float64, exp map[string]float64) []float64 {
	out := append([]float64(nil), lk[k]...)
	if w := exp["mlp"]; w > 0 {
		s := d.mlpScores(k, lk, exp)
		mixStd(out, s, w, exp["mlponly"] > 0)
	}
	if w := exp["gb"]; w > 0 {
		s := d.gbScores(k, lk, exp)
		if exp["ens"] > 0 {
			e2 := map[string]float64{}
			for a, b := range exp {
				e2[a] = b
			}
			e2["depth"], e2["rounds"], e2["glr"] = 2, 100, 1
			s2 := d.gbScores(k, lk, e2)
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
func (d *expData) inputs(lk [][]float64, k, i int, exp map[string]float64) [][]float64 {
	g := d.groups[i]
	lin := lk[i]
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
		if exp["vclgb"] > 0 {
			row = append(row, d.vcl[i][j])
		}
		if exp["vcl2gb"] > 0 {
			row = append(row, d.vcl2[k][i][j])
		}
		if exp["simgb"] > 0 {
			row = append(row, d.sim[i][j]...)
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
func (d *expData) trainSet(k int, lk [][]float64, exp map[string]float64) (x [][]float64, y []bool, w []float64) {
	for i, g := range d.groups {
		if i == k {
			continue
		}
		rows := d.inputs(lk, k, i, exp)
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

func (d *expData) mlpScores(k int, lk [][]float64, exp map[string]float64) []float64 {
	x, y, w := d.trainSet(k, lk, exp)
	st := newStandardizer(x)
	xs := st.apply(x)
	test := st.apply(d.inputs(lk, k, k, exp))
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

func (d *expData) gbScores(k int, lk [][]float64, exp map[string]float64) []float64 {
	x, y, w := d.trainSet(k, lk, exp)
	test := d.inputs(lk, k, k, exp)
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

// loadSim computes (or reads from /tmp/clef3/sim.gob) each sentence's
// similarity to the CLEF 2020 verified claims: the max and top-5 mean
// cosine of the mean news word vectors, and of tf-idf vectors (idf from the
// verified claims).
func loadSim(t *testing.T, d *expData, wv *wordVectors) [][][]float64 {
	path := "/tmp/clef3/sim2.gob"
	var out [][][]float64
	if f, err := os.Open(path); err == nil {
		err = gob.NewDecoder(f).Decode(&out)
		f.Close()
		if err == nil && len(out) == len(d.groups) {
			return out
		}
	}
	claims := readVerifiedClaims(t)
	var cvec [][]float32
	var ctf []map[string]float64
	df := map[string]float64{}
	for _, c := range claims {
		toks := tokenize([]rune(c), c)
		if v := wv.meanVector(toks); v != nil {
			cvec = append(cvec, v)
		}
		tf := contentCounts(toks)
		for w := range tf {
			df[w]++
		}
		ctf = append(ctf, tf)
	}
	// center on the claims' mean vector: raw mean vectors share one
	// direction (cosines 0.95 and more)
	cm := make([]float32, wv.Dim)
	for _, v := range cvec {
		for q, x := range v {
			cm[q] += x / float32(len(cvec))
		}
	}
	center := func(v []float32) []float32 {
		out := make([]float32, len(v))
		for q := range v {
			out[q] = v[q] - cm[q]
		}
		normalize(out)
		return out
	}
	for c := range cvec {
		cvec[c] = center(cvec[c])
	}
	nc := float64(len(claims))
	idf := func(w string) float64 { return math.Log((nc + 1) / (df[w] + 1)) }
	post := map[string][]posting{}
	for ci, tf := range ctf {
		v := tfidf(tf, idf)
		for w, x := range v {
			post[w] = append(post[w], posting{ci, x})
		}
	}
	out = make([][][]float64, len(d.groups))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range d.groups {
		out[i] = make([][]float64, len(d.toks[i]))
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			acc := make([]float64, len(ctf))
			cos := make([]float64, len(cvec))
			for j, toks := range d.toks[i] {
				row := make([]float64, 4)
				if e := d.groups[i].samples[j].vec.emb; e != nil {
					e = center(e)
					for c, v := range cvec {
						z := 0.0
						for q, x := range v {
							z += float64(x * e[q])
						}
						cos[c] = z
					}
					row[0], row[1] = maxTop(cos, 5)
				}
				v := tfidf(contentCounts(toks), idf)
				if len(v) > 0 {
					clear(acc)
					for w, x := range v {
						for _, p := range post[w] {
							acc[p.doc] += x * p.x
						}
					}
					row[2], row[3] = maxTop(acc, 5)
				}
				out[i][j] = row
			}
		}()
	}
	wg.Wait()
	os.MkdirAll("/tmp/clef3", 0o755)
	if f, err := os.Create(path); err == nil {
		gob.NewEncoder(f).Encode(out)
		f.Close()
	}
	return out
}

type posting struct {
	doc int
	x   float64
}

// maxTop is the largest value of x and the mean of its n largest
// (x is reordered).
func maxTop(x []float64, n int) (float64, float64) {
	top := make([]float64, 0, n+1)
	for _, v := range x {
		if len(top) < n || v > top[len(top)-1] {
			k := sort.Search(len(top), func(a int) bool { return top[a] < v })
			top = append(top, 0)
			copy(top[k+1:], top[k:])
			top[k] = v
			if len(top) > n {
				top = top[:n]
			}
		}
	}
	s := 0.0
	for _, v := range top {
		s += v
	}
	return top[0], s / float64(len(top))
}

// contentCounts counts a sentence's lower-cased content words (as
// meanVector takes them) and its numbers.
func contentCounts(toks []token) map[string]float64 {
	out := map[string]float64{}
	for i := range toks {
		w := toks[i].Lower
		if isPunct(w) || stopwords[w] || (len(w) < 3 && !unicode.IsDigit(toks[i].First)) {
			continue
		}
		out[w]++
	}
	return out
}

// tfidf weighs counts by idf and scales them to unit length.
func tfidf(tf map[string]float64, idf func(string) float64) map[string]float64 {
	out := map[string]float64{}
	s := 0.0
	for w, c := range tf {
		x := (1 + math.Log(c)) * idf(w)
		out[w] = x
		s += x * x
	}
	s = math.Sqrt(s)
	for w := range out {
		out[w] /= s
	}
	return out
}

func readVerifiedClaims(t *testing.T) []string {
	f, err := os.Open(filepath.Join(testcorpus.Dir(t, "corpus"), "clef2020-claim-retrieval", "verified_claims.docs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rec := range recs[1:] {
		if len(rec) >= 2 {
			out = append(out, rec[1])
		}
	}
	t.Logf("%d verified claims", len(out))
	return out
}

// dump logs transcript k's APs and its base model's ten top false
// positives.
func (d *expData) dump(t *testing.T, k int, bs, vs []float64) {
	g := d.groups[k]
	idx := make([]int, len(bs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return bs[idx[a]] > bs[idx[b]] })
	var b strings.Builder
	nw := 0
	for _, s := range g.samples {
		if s.label {
			nw++
		}
	}
	fmt.Fprintf(&b, "DUMP %s n=%d worthy=%d AP base %.3f var %.3f\n", d.ts[k].Name, len(bs), nw, groupAP(g, bs), groupAP(g, vs))
	fp := 0
	for r, i := range idx {
		if r >= 40 || fp >= 12 {
			break
		}
		mark := "  "
		if g.samples[i].label {
			mark = "++"
		} else {
			fp++
		}
		fmt.Fprintf(&b, "  %s %3d %.2f [%s] %s\n", mark, r+1, bs[i], d.ts[k].Lines[i].Speaker, d.ts[k].Lines[i].Text)
	}
	for r, i := range idx {
		if g.samples[i].label && r >= 40 {
			fmt.Fprintf(&b, "  ++ %4d %.2f [%s] %s\n", r+1, bs[i], d.ts[k].Lines[i].Speaker, d.ts[k].Lines[i].Text)
		}
	}
	t.Log(b.String())
}

// TestClaimSimAlone (temporary) ranks each transcript by each similarity
// feature alone and reports the MAP and the features' means by label.
func TestClaimSimAlone(t *testing.T) {
	if _, ok := os.LookupEnv("FACTMARK_CLAIMEXP"); !ok {
		t.Skip("FACTMARK_CLAIMEXP not set")
	}
	d := loadExpData(t, false, map[string]float64{})
	for c := range 4 {
		var aps []float64
		var pos, neg, np, nn float64
		for i, g := range d.groups {
			sc := make([]float64, len(g.samples))
			for j, s := range g.samples {
				sc[j] = d.sim[i][j][c]
				if s.label {
					pos += sc[j]
					np++
				} else {
					neg += sc[j]
					nn++
				}
			}
			aps = append(aps, groupAP(g, sc))
		}
		m, _ := meanSD(aps)
		t.Logf("sim column %d: MAP %.4f, mean check-worthy %.3f, other %.3f", c, m, pos/np, neg/nn)
	}
	var aps []float64
	for _, g := range d.groups {
		sc := make([]float64, len(g.samples))
		for j, s := range g.samples {
			for _, tk := range s.vec.idx {
				_ = tk
			}
			sc[j] = float64(len(s.vec.idx))
		}
		aps = append(aps, groupAP(g, sc))
	}
	m, _ := meanSD(aps)
	t.Logf("feature count alone: MAP %.4f", m)
	aps = aps[:0]
	var rnd []float64
	r := rand.New(rand.NewSource(1))
	for i, g := range d.groups {
		aps = append(aps, groupAP(g, d.vcl[i]))
		sc := make([]float64, len(g.samples))
		for j := range sc {
			sc[j] = r.Float64()
		}
		rnd = append(rnd, groupAP(g, sc))
	}
	m, _ = meanSD(aps)
	rm, _ := meanSD(rnd)
	t.Logf("verified-claim-likeness alone: MAP %.4f; random order %.4f", m, rm)
}

// surname is the last word of a speaker label ("HILLARY CLINTON (D-NY),
// FORMER ..." → "clinton").
func labelSurname(sp string) string {
	if i := strings.IndexAny(sp, ",("); i >= 0 {
		sp = sp[:i]
	}
	f := strings.Fields(strings.ToLower(sp))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

var pastIrregular = setOf("was", "were", "had", "did", "said", "gave", "made", "voted", "took", "got",
	"went", "told", "called", "lost", "won", "paid", "sent", "left", "came", "knew", "thought", "wrote",
	"put", "ran", "spent", "sold", "built", "began", "brought", "bought", "never")

// withOpp copies the groups with hashed features of who a sentence is
// about: another participant of the transcript named (by a surname of its
// speaker labels), with or without a past-tense word; "you", "he" or "she"
// followed by a past-tense word within two tokens (set 2 and up).
func (d *expData) withOpp(groups []claimGroup, set int, bits uint) []claimGroup {
	out := make([]claimGroup, len(groups))
	for i, g := range groups {
		names := map[string]bool{}
		for _, l := range d.ts[i].Lines {
			if n := labelSurname(l.Speaker); len(n) >= 3 {
				names[n] = true
			}
		}
		out[i] = claimGroup{turn: g.turn, samples: append([]claimSample(nil), g.samples...)}
		for j := range out[i].samples {
			own := labelSurname(d.ts[i].Lines[j].Speaker)
			toks := d.toks[i][j]
			other, past, subjPast := false, false, ""
			for q := range toks {
				w := toks[q].Lower
				if names[w] && w != own && unicode.IsUpper(toks[q].First) {
					other = true
				}
				isPast := pastIrregular[w] || (strings.HasSuffix(w, "ed") && len(w) > 4)
				if isPast {
					past = true
				}
				if (w == "you" || w == "he" || w == "she" || w == "i") && subjPast == "" {
					for r := q + 1; r <= q+2 && r < len(toks); r++ {
						x := toks[r].Lower
						if pastIrregular[x] || (strings.HasSuffix(x, "ed") && len(x) > 4) {
							subjPast = w
						}
					}
				}
			}
			var fs featureSet
			fs.reset(bits)
			if other {
				fs.add("opp", "name")
				if past {
					fs.add("opp", "namepast")
				}
			}
			if set >= 2 && subjPast != "" {
				fs.add("opp", "subjpast")
				fs.add2("opp", "subjpast", subjPast)
			}
			if len(fs.out) == 0 {
				continue
			}
			v := out[i].samples[j].vec
			idx := append(append([]uint32(nil), v.idx...), fs.out...)
			slices.Sort(idx)
			idx = slices.Compact(idx)
			v.idx, v.x = idx, float32(1/math.Sqrt(float64(len(idx))))
			out[i].samples[j].vec = v
		}
	}
	return out
}

// loadVCL scores each transcript sentence by a logistic model that tells
// the CLEF 2020 verified claims from polnear-train's news sentences (its
// words, bigrams, cue groups and mean word vector; no speaker, no kind).
func loadVCL(t *testing.T, d *expData, wv *wordVectors) [][]float64 {
	path := "/tmp/clef3/vcl.gob"
	var out [][]float64
	if f, err := os.Open(path); err == nil {
		err = gob.NewDecoder(f).Decode(&out)
		f.Close()
		if err == nil && len(out) == len(d.groups) {
			return out
		}
	}
	const bits = 18
	var pos [][]token
	for _, c := range readVerifiedClaims(t) {
		pos = append(pos, tokenize([]rune(c), c))
	}
	dir := filepath.Join(testcorpus.Dir(t, "corpus"), "polnear-train", "text")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var neg [][]token
	for _, e := range ents {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(raw), "\n") {
			for _, sent := range strings.SplitAfter(para, ". ") {
				if len(strings.Fields(sent)) >= 4 && len(neg) < 3*len(pos) {
					neg = append(neg, tokenize([]rune(sent), sent))
				}
			}
		}
	}
	var samples []claimSample
	for _, v := range claimVectors(pos, nil, "", wv, bits, nil) {
		samples = append(samples, claimSample{vec: v, label: true})
	}
	for _, v := range claimVectors(neg, nil, "", wv, bits, nil) {
		samples = append(samples, claimSample{vec: v})
	}
	m := trainClaims(samples, ClaimOptions{L2: 1e-4, PosBoost: 1})
	out = make([][]float64, len(d.groups))
	for i := range d.groups {
		for _, v := range claimVectors(d.toks[i], nil, "", wv, bits, nil) {
			out[i] = append(out[i], float64(m.logit(v)))
		}
	}
	t.Logf("vcl: %d verified claims against %d news sentences", len(pos), len(neg))
	if f, err := os.Create(path); err == nil {
		gob.NewEncoder(f).Encode(out)
		f.Close()
	}
	return out
}

// withVCL copies the groups with the standardized verified-claim-likeness
// score appended to each sentence's vector, times w.
func (d *expData) withVCL(groups []claimGroup, w float64) []claimGroup {
	var all []float64
	for i := range d.vcl {
		all = append(all, d.vcl[i]...)
	}
	m, sd := meanSD(all)
	out := make([]claimGroup, len(groups))
	for i, g := range groups {
		out[i] = claimGroup{turn: g.turn, samples: append([]claimSample(nil), g.samples...)}
		for j := range out[i].samples {
			e := out[i].samples[j].vec.emb
			if e == nil {
				e = make([]float32, 64)
			}
			e = append(append([]float32(nil), e...), float32(w*(d.vcl[i][j]-m)/sd))
			out[i].samples[j].vec.emb = e
		}
	}
	return out
}

// TestClaimVCL2 (temporary): verified claims against the sentences of the
// other 18 transcripts, each transcript scored by the model trained
// without its text; MAP of that score alone.
func TestClaimVCL2(t *testing.T) {
	if _, ok := os.LookupEnv("FACTMARK_CLAIMEXP"); !ok {
		t.Skip("FACTMARK_CLAIMEXP not set")
	}
	d := loadExpData(t, false, map[string]float64{})
	s := suggester(t)
	const bits = 18
	var pos [][]token
	for _, c := range readVerifiedClaims(t) {
		pos = append(pos, tokenize([]rune(c), c))
	}
	pv := claimVectors(pos, nil, "", s.words, bits, nil)
	tv := make([][]claimVec, len(d.groups))
	for i := range d.groups {
		tv[i] = claimVectors(d.toks[i], nil, "", s.words, bits, nil)
	}
	aps := make([]float64, len(d.groups))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := range d.groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var samples []claimSample
			for _, v := range pv {
				samples = append(samples, claimSample{vec: v, label: true})
			}
			for i := range d.groups {
				if i != k {
					for _, v := range tv[i] {
						samples = append(samples, claimSample{vec: v})
					}
				}
			}
			m := trainClaims(samples, ClaimOptions{L2: 1e-4, PosBoost: 1})
			sc := make([]float64, len(tv[k]))
			for j, v := range tv[k] {
				sc[j] = float64(m.logit(v))
			}
			aps[k] = groupAP(d.groups[k], sc)
		}()
	}
	wg.Wait()
	m, _ := meanSD(aps)
	t.Logf("verified claims against the other transcripts' sentences, alone: MAP %.4f %v", m, aps)
}

// loadVCL2 computes (or reads) for each outer fold k the scores of every
// transcript's sentences by a logistic model of the verified claims against
// the sentences of the transcripts other than k.
func loadVCL2(t *testing.T, d *expData, wv *wordVectors) [][][]float64 {
	path := "/tmp/clef3/vcl2.gob"
	var out [][][]float64
	if f, err := os.Open(path); err == nil {
		err = gob.NewDecoder(f).Decode(&out)
		f.Close()
		if err == nil && len(out) == len(d.groups) {
			return out
		}
	}
	const bits = 18
	var pos [][]token
	for _, c := range readVerifiedClaims(t) {
		pos = append(pos, tokenize([]rune(c), c))
	}
	pv := claimVectors(pos, nil, "", wv, bits, nil)
	tv := make([][]claimVec, len(d.groups))
	for i := range d.groups {
		tv[i] = claimVectors(d.toks[i], nil, "", wv, bits, nil)
	}
	out = make([][][]float64, len(d.groups))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := range d.groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var samples []claimSample
			for _, v := range pv {
				samples = append(samples, claimSample{vec: v, label: true})
			}
			for i := range d.groups {
				if i != k {
					for _, v := range tv[i] {
						samples = append(samples, claimSample{vec: v})
					}
				}
			}
			m := trainClaims(samples, ClaimOptions{L2: 1e-4, PosBoost: 1})
			out[k] = make([][]float64, len(d.groups))
			for i := range d.groups {
				for _, v := range tv[i] {
					out[k][i] = append(out[k][i], float64(m.logit(v)))
				}
			}
		}()
	}
	wg.Wait()
	if f, err := os.Create(path); err == nil {
		gob.NewEncoder(f).Encode(out)
		f.Close()
	}
	return out
}

// withVCL2 copies the groups with outer fold k's standardized vcl2 score
// appended to each sentence's vector, times w.
func (d *expData) withVCL2(groups []claimGroup, k int, w float64) []claimGroup {
	var all []float64
	for i := range d.vcl2[k] {
		if i != k {
			all = append(all, d.vcl2[k][i]...)
		}
	}
	m, sd := meanSD(all)
	out := make([]claimGroup, len(groups))
	for i, g := range groups {
		out[i] = claimGroup{turn: g.turn, samples: append([]claimSample(nil), g.samples...)}
		for j := range out[i].samples {
			e := out[i].samples[j].vec.emb
			if e == nil {
				e = make([]float32, 64)
			}
			e = append(append([]float32(nil), e...), float32(w*(d.vcl2[k][i][j]-m)/sd))
			out[i].samples[j].vec.emb = e
		}
	}
	return out
}
