package suggest

import (
	"fmt"
	"math/rand"
	"slices"
	"strconv"
)

// The cue reviser looks again at each cue the cue tagger found, now that
// the role tagger has labelled its source and content: it scores the cue
// and the spans around it whose edges lie up to reviseReach tokens from
// the tagger's ("said" against "has said", "told" against "told
// reporters", "according" against "according to"), by a linear model of
// their edges' words and shapes, the words an edge takes in or leaves out,
// the span's words as a whole, the tagger's margin and what the role
// tagger found beside the cue; it keeps the best candidate when that
// scores above "no cue here" (0), and drops the cue otherwise. Like the
// span ranker it learns from the taggers' own mistakes: on each half of
// the training texts, taggers trained on the other half find cues, and the
// reviser (an averaged ranking perceptron with "none" as one more choice)
// learns to pick the gold cue among each one's candidates, or none when
// no candidate is a gold cue.
type cueReviser struct {
	*chain         // one label: W holds the weights of hashed features
	bias           float32
	noMove, noDrop bool
	cueBias        float32
}

// reviseReach is how many tokens a cue's edge may move; reviseGrow bounds
// how much longer than the tagger's a candidate may be.
const (
	reviseReach = 2
	reviseGrow  = 3
)

// cueCands are the candidate cues around the tagger's cue ref in its
// paragraph, ref first: every span whose start and end lie within
// reviseReach tokens of ref's, no longer than ref by more than reviseGrow,
// and clear of the paragraph's other cues.
func (d *doc) cueCands(ref [2]int, others [][2]int) [][2]int {
	lo, hi := d.paraS[ref[0]], d.paraE[ref[0]]
	out := [][2]int{ref}
	for a := max(lo, ref[0]-reviseReach); a <= ref[0]+reviseReach; a++ {
		for b := a + 1; b <= min(hi, ref[1]+reviseReach); b++ {
			if b < ref[1]-reviseReach || b-a > ref[1]-ref[0]+reviseGrow || a == ref[0] && b == ref[1] {
				continue
			}
			if !slices.ContainsFunc(others, func(o [2]int) bool { return o[0] < b && a < o[1] }) {
				out = append(out, [2]int{a, b})
			}
		}
	}
	return out
}

// reviseContext is what the reviser weighs about a cue besides its
// candidates' spans: the tagger's margin and what the role tagger found.
type reviseContext struct {
	margin string // the tagger's margin, bucketed
	source string // where the source stands: "-" none, else side, distance and shape
	cont   string // the content: quoted or not, and whether it is the rest of the sentence
	head   string // the stem of the tagger's cue's last word
	inQ    string // the cue stands in a quotation
}

func (d *doc) reviseContextOf(r *rawAttr) reviseContext {
	c := reviseContext{margin: marginBucket(r.margin), source: "-", head: stem(d.toks[r.cue[1]-1].Lower), inQ: flag(d.toks[r.cue[0]].InQuote)}
	if s := r.source; s[1] > s[0] {
		side, dist := "R", s[0]-r.cue[1]
		if s[1] <= r.cue[0] {
			side, dist = "L", r.cue[0]-s[1]
		}
		sh := d.toks[s[1]-1].Shape
		if pronouns[d.toks[s[0]].Lower] {
			sh = "pro"
		}
		c.source = side + bucket(dist) + sh
	}
	c.cont = fmt.Sprintf("%v%s", r.sentContent, d.kind(r.content))
	return c
}

// marginBucket buckets the cue tagger's margin (its score of a cue's first
// token as a cue's over "no cue"; the start bias is in it).
func marginBucket(m float32) string {
	switch {
	case m < 0:
		return "<0"
	case m >= 80:
		return "80+"
	}
	return strconv.Itoa(int(m) / 10 * 10)
}

// candFeatures are the features of candidate cue c for the tagger's cue
// ref, with the context x.
func (d *doc) candFeatures(c, ref [2]int, x *reviseContext, f *featureSet) {
	a, b := c[0], c[1]
	da, db := strconv.Itoa(a-ref[0]), strconv.Itoa(b-ref[1])
	first, last := d.toks[a].Lower, d.toks[b-1].Lower
	before, after := d.lowerIn(a-1, a), d.lowerIn(b, b-1)
	f.add("b", "")
	f.add2("dab", da, db)
	f.add2("da", da, first)
	f.add2("db", db, last)
	f.add2("pf", before, first)
	f.add2("la", last, after)
	f.add3("sa", da, d.shapeIn(a-1, a), d.toks[a].Shape)
	f.add3("sb", db, d.toks[b-1].Shape, d.shapeIn(b, b-1))
	f.add("bf", before)
	f.add("af", after)
	for k := a; k < ref[0]; k++ {
		f.add("+s", d.toks[k].Lower)
	}
	for k := ref[0]; k < a; k++ {
		f.add("-s", d.toks[k].Lower)
	}
	for k := ref[1]; k < b; k++ {
		f.add("+e", d.toks[k].Lower)
	}
	for k := b; k < ref[1]; k++ {
		f.add("-e", d.toks[k].Lower)
	}
	key := uint64(fnvOffset)
	for k := a; k < b; k++ {
		key = hashStr(key, d.toks[k].Lower)
	}
	f.fold(hashStr(key, "key"))
	f.add2("len", bucket(b-a), d.toks[b-1].Shape)
	// The keep-or-drop view: the same for every candidate of a cue, it
	// weighs them against "none".
	f.add("m", x.margin)
	f.add2("mh", x.margin, x.head)
	f.add2("src", x.source, x.head)
	f.add("src", x.source)
	f.add2("cont", x.cont, x.head)
	f.add2("ms", x.margin, x.source)
	f.add2("q", x.inQ, x.head)
	f.add3("mfk", x.margin, first, last)
}

// best returns the reviser's choice for the cue r (the role tagger's view
// of the tagger's cue): the candidate that scores highest, the tagger's
// winning ties, and whether it scores above none.
func (v *cueReviser) best(d *doc, r *rawAttr, others [][2]int) ([2]int, bool) {
	if v == nil || v.chain == nil {
		return r.cue, true
	}
	x := d.reviseContextOf(r)
	var fs featureSet
	out, top := r.cue, float32(0)
	cands := d.cueCands(r.cue, others)
	if v.noMove {
		cands = cands[:1]
	}
	for i, c := range cands {
		fs.reset(v.Bits)
		d.candFeatures(c, r.cue, &x, &fs)
		var s float32
		for _, f := range fs.out {
			s += v.W[f]
		}
		if i == 0 || s > top {
			out, top = c, s
		}
	}
	return out, v.noDrop || top+v.bias > 0
}

// reviseSamples collects, for the examples exs with their docs, every cue
// the taggers m find, with its candidates' features and which of them is
// a gold cue of the example (-1: none is).
func (m *attrModel) reviseSamples(docs []*doc, exs []Example, bits uint) []rankSample {
	var out []rankSample
	for i, d := range docs {
		gold := map[[2]int]bool{}
		for _, g := range exs[i].Attributions {
			if g.Cue == nil {
				continue
			}
			c0, c1 := d.tokenSpan(g.Cue.Start, g.Cue.End)
			if c0 < c1 && d.toks[c0].Start == g.Cue.Start && d.toks[c1-1].End == g.Cue.End {
				gold[[2]int{c0, c1}] = true
			}
		}
		var fs featureSet
		for _, p := range d.paragraphs() {
			var margins []float32
			cues := m.cueSpansWith(d, p, func(_ [2]int, margin float32) { margins = append(margins, margin) })
			for ci, c := range cues {
				r := m.roles(d, c[0], c[1])
				r.margin = margins[ci]
				x := d.reviseContextOf(&r)
				s := rankSample{gold: -1}
				for k, cand := range d.cueCands(c, otherCues(cues, ci)) {
					fs.reset(bits)
					d.candFeatures(cand, c, &x, &fs)
					s.feats = append(s.feats, fs.take())
					if gold[cand] && s.gold < 0 {
						s.gold = k
					}
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// trainReviser fits the reviser to samples by an averaged ranking
// perceptron in which "none" (score 0, no features) is one more choice,
// in an order shuffled by a fixed seed.
func trainReviser(samples []rankSample, bits uint, epochs int, seed int64) *cueReviser {
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
			best, bestS := -1, float32(0)
			for k, fs := range s.feats {
				var v float32
				for _, f := range fs {
					v += c.W[f]
				}
				if v > bestS {
					best, bestS = k, v
				}
			}
			if best != s.gold {
				if s.gold >= 0 {
					for _, f := range s.feats[s.gold] {
						t.bumpW(int(f), 1)
					}
				}
				if best >= 0 {
					for _, f := range s.feats[best] {
						t.bumpW(int(f), -1)
					}
				}
			}
			t.step++
		}
	}
	t.average()
	return &cueReviser{chain: c}
}

// unmarshalReviser reads a cue reviser written as a one-label chain.
func unmarshalReviser(data []byte) (*cueReviser, error) {
	c, err := unmarshalChain(data)
	if err == nil && c.Labels != 1 {
		err = fmt.Errorf("cue reviser has %d labels, want 1", c.Labels)
	}
	if err != nil {
		return nil, err
	}
	return &cueReviser{chain: c}, nil
}
