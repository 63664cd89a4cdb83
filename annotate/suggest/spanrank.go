package suggest

import (
	"fmt"
	"math/rand"
	"strconv"

	"github.com/factmark/factmark/annotate"
)

// The span ranker moves the edges of a cue or source the taggers found. The
// taggers label token by token and often stop a word short or run a word
// long ("Trump notably", "The" for "The spokesman", "said" for "said in a
// statement"); the ranker looks at whole candidate spans instead: every
// span whose start and end lie within rankReach tokens of the tagger's, each
// scored by a linear model of its edges (the words and shapes on both sides
// of each edge, its length, what it holds, how far it moved), and keeps the
// best. It learns from the taggers' own mistakes: on each half of the
// training texts, taggers trained on the other half propose spans, and the
// ranker is trained (an averaged ranking perceptron) to pick the gold span
// among the candidates around each proposal.
type spanRanker struct {
	*chain // one label: W holds the weights of hashed features
}

// rankReach is how many tokens an edge may move.
const rankReach = 3

// The two kinds of span the ranker re-chooses, as its features' prefixes.
const (
	rankCue    = "c"
	rankSource = "s"
)

// spanCand is a candidate span [a, b) in tokens.
type spanCand struct{ a, b int }

// candidates are the spans around ref the ranker chooses from, ref first:
// within ref's paragraph, at most maxLen tokens, and for a source clear of
// the cue (cue is {0,0} for a cue).
func (d *doc) candidates(ref, cue [2]int, maxLen int) []spanCand {
	p0, p1 := d.paraS[ref[0]], d.paraE[ref[0]]
	out := []spanCand{{ref[0], ref[1]}}
	for a := max(p0, ref[0]-rankReach); a <= min(p1-1, ref[0]+rankReach); a++ {
		for b := max(a+1, ref[1]-rankReach); b <= min(p1, ref[1]+rankReach); b++ {
			if a == ref[0] && b == ref[1] || b-a > maxLen {
				continue
			}
			if cue[1] > cue[0] && a < cue[1] && b > cue[0] {
				continue
			}
			out = append(out, spanCand{a, b})
		}
	}
	return out
}

// spanFeatures are the features of candidate c for a span of the given
// kind that the taggers put at ref, next to the cue (for a source).
func (d *doc) spanFeatures(kind string, c spanCand, ref, cue [2]int, f *featureSet) {
	a, b := c.a, c.b
	da, db := strconv.Itoa(a-ref[0]), strconv.Itoa(b-ref[1])
	before, first := d.lowerIn(a-1, a), d.toks[a].Lower
	last, after := d.toks[b-1].Lower, d.lowerIn(b, b-1)
	sb, sf := d.shapeIn(a-1, a), d.toks[a].Shape
	sl, sa := d.toks[b-1].Shape, d.shapeIn(b, b-1)
	f.add2("da", kind, da)
	f.add2("db", kind, db)
	f.add3("dab", kind, da, db)
	f.add2("pa", kind, before)
	f.add2("fa", kind, first)
	f.add2("la", kind, last)
	f.add2("nb", kind, after)
	f.add3("pfa", kind, before, first)
	f.add3("lnb", kind, last, after)
	f.add3("spa", kind, sb, sf)
	f.add3("snb", kind, sl, sa)
	f.add3("dsf", kind, da, sf)
	f.add3("dsl", kind, db, sl)
	f.add3("dsb", kind, da, sb)
	f.add3("dsa", kind, db, sa)
	f.add2("len", kind, bucket(b-a))
	commas, quotes, stops := 0, 0, 0
	for k := a; k < b; k++ {
		switch t := &d.toks[k]; {
		case t.Text == ",":
			commas++
		case t.Quote != 0:
			quotes++
		case isStop(t.Text):
			stops++
		}
	}
	f.add3("in", kind, bucket(commas), bucket(quotes+4*stops))
	if kind == rankSource {
		side, gap := "L", cue[0]-b
		if a >= cue[1] {
			side, gap = "R", a-cue[1]
		}
		f.add3("gap", kind, side, bucket(gap))
		f.add3("gsl", side, bucket(gap), sl)
		f.add3("gsa", side, bucket(gap), sa)
		f.add3("gsf", side, first, sf)
	}
}

// shapeIn is token i's shape if it is in the paragraph of token k.
func (d *doc) shapeIn(i, k int) string {
	if i < d.paraS[k] || i >= d.paraE[k] {
		return "<p>"
	}
	return d.toks[i].Shape
}

// spanMaxLen bounds candidates' length by kind: cues are short, sources
// may carry an apposition.
func spanMaxLen(kind string) int {
	if kind == rankCue {
		return 12
	}
	return 40
}

// best returns the ranker's choice among the candidates around ref.
func (r *spanRanker) best(d *doc, kind string, ref, cue [2]int) [2]int {
	if r == nil || r.chain == nil {
		return ref
	}
	var fs featureSet
	bestC, bestS := spanCand{ref[0], ref[1]}, float32(0)
	for i, c := range d.candidates(ref, cue, spanMaxLen(kind)) {
		fs.reset(r.Bits)
		d.spanFeatures(kind, c, ref, cue, &fs)
		var s float32
		for _, f := range fs.out {
			s += r.W[f]
		}
		if i == 0 || s > bestS {
			bestC, bestS = c, s
		}
	}
	return [2]int{bestC.a, bestC.b}
}

// rankSample is one proposal to learn from: its candidates' features and
// which candidate is gold.
type rankSample struct {
	feats [][]uint32
	gold  int
}

// rankSamples collects, for the examples exs with their docs, the proposals
// the taggers m make and the gold spans near them.
func (m *attrModel) rankSamples(docs []*doc, exs []Example, bits uint) []rankSample {
	var out []rankSample
	add := func(d *doc, kind string, ref, cue [2]int, gold annotate.Anchor) {
		g0, g1 := d.tokenSpan(gold.Start, gold.End)
		if g0 >= g1 || d.toks[g0].Start != gold.Start || d.toks[g1-1].End != gold.End {
			return // gold edges inside tokens: no candidate can match
		}
		cands := d.candidates(ref, cue, spanMaxLen(kind))
		s := rankSample{gold: -1}
		var fs featureSet
		for i, c := range cands {
			if c.a == g0 && c.b == g1 {
				s.gold = i
			}
			fs.reset(bits)
			d.spanFeatures(kind, c, ref, cue, &fs)
			s.feats = append(s.feats, fs.take())
		}
		if s.gold >= 0 {
			out = append(out, s)
		}
	}
	for i, d := range docs {
		golds := exs[i].Attributions
		for _, p := range d.paragraphs() {
			for _, c := range m.cueSpans(d, p) {
				g := goldWithCue(d, golds, c)
				if g == nil {
					continue
				}
				add(d, rankCue, c, [2]int{}, *g.Cue)
				// The source is proposed for the gold cue, as the role
				// tagger will see the ranker's cue, right or not.
				c0, c1 := d.tokenSpan(g.Cue.Start, g.Cue.End)
				if g.Source == nil || c0 >= c1 {
					continue
				}
				if r := m.roles(d, c0, c1); r.source[1] > r.source[0] {
					add(d, rankSource, r.source, [2]int{c0, c1}, *g.Source)
				}
			}
		}
	}
	return out
}

// goldWithCue is the gold attribution whose cue overlaps tokens c, if any.
func goldWithCue(d *doc, golds []annotate.Attribution, c [2]int) *annotate.Attribution {
	a := annotate.Anchor{Start: d.toks[c[0]].Start, End: d.toks[c[1]-1].End}
	for i := range golds {
		if g := &golds[i]; g.Cue != nil && g.Cue.Overlaps(a) {
			return g
		}
	}
	return nil
}

// trainRanker fits the ranker to samples by an averaged ranking
// perceptron, in an order shuffled by a fixed seed.
func trainRanker(samples []rankSample, bits uint, epochs int, seed int64) *spanRanker {
	c := newChain(1, bits, 1)
	t := newTrainer(c)
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			s := &samples[i]
			best, bestS := 0, float32(0)
			for k, fs := range s.feats {
				var v float32
				for _, f := range fs {
					v += c.W[f]
				}
				if k == 0 || v > bestS {
					best, bestS = k, v
				}
			}
			if best != s.gold {
				for _, f := range s.feats[s.gold] {
					t.bumpW(int(f), 1)
				}
				for _, f := range s.feats[best] {
					t.bumpW(int(f), -1)
				}
			}
			t.step++
		}
	}
	t.average()
	return &spanRanker{chain: c}
}

// unmarshalRanker reads a span ranker written as a one-label chain.
func unmarshalRanker(data []byte) (*spanRanker, error) {
	c, err := unmarshalChain(data)
	if err == nil && c.Labels != 1 {
		err = fmt.Errorf("span ranker has %d labels, want 1", c.Labels)
	}
	if err != nil {
		return nil, err
	}
	return &spanRanker{chain: c}, nil
}
