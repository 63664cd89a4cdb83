package suggest

import (
	"fmt"
	"slices"
	"strconv"
)

// The span ranker moves the edges of a source the role tagger found. The
// tagger labels token by token and often stops a word short or runs a word
// long ("Trump notably", "The" for "The spokesman", "Massachusetts," for "a
// woman in Worcester, Massachusetts,"); the ranker looks at whole candidate
// spans instead: every span whose start and end lie within rankReach tokens
// of the tagger's and clear of the cue, scored by a linear model of its
// edges (the words and shapes on both sides of each edge, how far the edge
// moved, how far it stands from the cue), its length and what it holds, and
// keeps the best. It learns from the taggers' own mistakes: on each half of
// the training texts, taggers trained on the other half propose sources,
// and the ranker is trained (an averaged ranking perceptron) to pick the
// gold source among the candidates around each proposal. (Ranking cues the
// same way gained nothing: PolNeAR's annotators differ on "said" against
// "said in a statement".)
type spanRanker struct {
	*chain // one label: W holds the weights of hashed features
}

// rankReach is how many tokens an edge may move; rankMaxLen bounds a
// candidate's length (a source may carry an apposition). Beyond rankReach,
// an edge may also move to a clause's edge up to rankFar tokens away, at
// most rankClauses of them each side: the tagger often keeps one piece of
// a source cut by commas ("Joe Bateman" of "Joe Bateman, who traveled from
// Illinois to help the campaign, says"; "a disappointment," of "Mr. Cruz,
// whose narrow third-place finish was widely seen as a disappointment,").
const (
	rankReach   = 3
	rankMaxLen  = 40
	rankFar     = 40
	rankClauses = 6
)

// edges are the starts and ends a source on tokens ref may move to, in
// increasing order, and the side of the cue it is on.
type edges struct {
	starts, ends []int
	left         bool // the source stands before the cue
	ref, cue     [2]int
	content      [][2]int // the content the tagger found
	others       [][2]int // the paragraph's other cues, which no candidate may hold
}

func (d *doc) edgesOf(r *rawAttr, others [][2]int) edges {
	ref, cue := r.source, r.cue
	e := edges{ref: ref, cue: cue, left: ref[1] <= cue[0], content: r.content, others: others}
	lo, hi := d.paraS[ref[0]], d.paraE[ref[0]] // the candidates' bounds
	if e.left {
		hi = min(hi, cue[0])
	} else {
		lo = max(lo, cue[1])
	}
	s0, s1 := max(lo, ref[0]-rankReach), min(hi-1, ref[0]+rankReach)
	e0, e1 := max(lo+1, ref[1]-rankReach), min(hi, ref[1]+rankReach)
	if e.left {
		// Clause starts before the tagger's start, back to its sentence's.
		n := 0
		for a := s0 - 1; a >= max(lo, ref[0]-rankFar) && n < rankClauses; a-- {
			if d.clauseStart(a) {
				e.starts = append(e.starts, a)
				n++
			}
			if a == d.sentS[a] {
				break
			}
		}
		slices.Reverse(e.starts)
	} else if cue[1] < s0 {
		e.starts = append(e.starts, cue[1]) // right after the cue
	}
	for a := s0; a <= s1; a++ {
		e.starts = append(e.starts, a)
	}
	for b := e0; b <= e1; b++ {
		e.ends = append(e.ends, b)
	}
	// Clause ends after the tagger's end, up to the cue or the sentence's
	// end.
	n := 0
	for b := e1 + 1; b <= min(hi, ref[1]+rankFar) && n < rankClauses; b++ {
		if b == hi || d.clauseEnd(b) {
			e.ends = append(e.ends, b)
			n++
		}
		if b == hi || d.toks[b].Sent != d.toks[b-1].Sent {
			break
		}
	}
	return e
}

// clauseStart reports whether a stretch of words may begin at token a: it
// begins its sentence or follows a punctuation mark.
func (d *doc) clauseStart(a int) bool {
	return a == d.sentS[a] || a > 0 && isPunct(d.toks[a-1].Lower)
}

// clauseEnd reports whether a stretch of words may end before token b: a
// punctuation mark follows, or it ends with a comma (PolNeAR's sources
// keep the comma that closes an apposition).
func (d *doc) clauseEnd(b int) bool {
	return isPunct(d.toks[b].Lower) || d.toks[b-1].Text == ","
}

// valid reports whether [a, b) is a candidate: not too long, and clear of
// the other cues (a source that holds another attribution's cue, "Trump
// has raised questions about" for "suggesting", is wrong five times in six
// on polnear-train).
func (e *edges) valid(a, b int) bool {
	if a >= b || b-a > rankMaxLen {
		return false
	}
	for _, o := range e.others {
		if o[0] < b && a < o[1] {
			return false
		}
	}
	return true
}

func (e *edges) side() string {
	if e.left {
		return "L"
	}
	return "R"
}

// moved names how far an edge moved from the tagger's: exactly within
// rankReach, by a bucket beyond.
func moved(d int) string {
	switch {
	case d > rankReach:
		return ">" + bucket(d)
	case d < -rankReach:
		return "<" + bucket(-d)
	}
	return strconv.Itoa(d)
}

// startFeatures are the features of a candidate's start a.
func (d *doc) startFeatures(e *edges, a int, f *featureSet) {
	side, da := e.side(), moved(a-e.ref[0])
	before, first := d.lowerIn(a-1, a), d.toks[a].Lower
	sb, sf := d.shapeIn(a-1, a), d.toks[a].Shape
	f.add2("da", side, da)
	f.add2("pa", side, before)
	f.add2("fa", side, first)
	f.add3("pfa", side, before, first)
	f.add3("spa", side, sb, sf)
	f.add3("dsf", side, da, sf)
	f.add3("dsb", side, da, sb)
	f.add2("s2f", side, suffix(first, 2))
	f.add3("ssa", side, flag(a == d.sentS[a]), sf)
	if !e.left { // the start is the edge next to the cue
		g := bucket(a - e.cue[1])
		f.add2("gap", side, g)
		f.add3("gnear", g, sf, sb)
	}
}

// endFeatures are the features of a candidate's end b.
func (d *doc) endFeatures(e *edges, b int, f *featureSet) {
	side, db := e.side(), moved(b-e.ref[1])
	last, after := d.toks[b-1].Lower, d.lowerIn(b, b-1)
	sl, sa := d.toks[b-1].Shape, d.shapeIn(b, b-1)
	f.add2("db", side, db)
	f.add2("la", side, last)
	f.add2("nb", side, after)
	f.add3("lnb", side, last, after)
	f.add3("snb", side, sl, sa)
	f.add3("dsl", side, db, sl)
	f.add3("dsa", side, db, sa)
	f.add2("s2l", side, suffix(last, 2))
	f.add2("s2a", side, suffix(after, 2))
	if e.left { // the end is the edge next to the cue
		g := bucket(e.cue[0] - b)
		f.add2("gap", side, g)
		f.add3("gnear", g, sl, sa)
	}
}

// pairFeatures are the features of the candidate [a, b) as a whole.
func (d *doc) pairFeatures(e *edges, a, b int, f *featureSet) {
	side := e.side()
	f.add3("dab", side, moved(a-e.ref[0]), moved(b-e.ref[1]))
	f.add2("len", side, bucket(b-a))
	commas, marks, rel, cont := 0, 0, false, false
	for k := a; k < b; k++ {
		cont = cont || within([2]int{k, k + 1}, e.content)
		switch t := &d.toks[k]; {
		case relatives[t.Lower]:
			rel = true
		case t.Text == ",":
			commas++
		case t.Quote != 0:
			marks++
		case isStop(t.Text):
			marks += 4
		}
	}
	f.add3("in", side, bucket(commas), bucket(marks))
	f.add3("rel", side, flag(rel), flag(d.toks[b-1].Text == ","))
	f.add2("cin", side, flag(cont))
}

// relatives open the clauses that appositions carry ("Paradis, who
// volunteered for Bill Clinton,").
var relatives = map[string]bool{"who": true, "whose": true, "which": true, "whom": true}

// shapeIn is token i's shape if it is in the paragraph of token k.
func (d *doc) shapeIn(i, k int) string {
	if i < d.paraS[k] || i >= d.paraE[k] {
		return "<p>"
	}
	return d.toks[i].Shape
}

// best returns the ranker's choice of source around ref for the cue on
// tokens cue: the tagger's own span unless a candidate scores higher. A
// candidate's score is the sum of its start's, its end's and its own
// features' weights, so each edge's features are hashed once.
func (r *spanRanker) best(d *doc, ra *rawAttr, others [][2]int) [2]int {
	ref := ra.source
	if r == nil || r.chain == nil {
		return ref
	}
	e := d.edgesOf(ra, others)
	var fs featureSet
	sum := func() float32 { return r.weight(fs.out) }
	starts, ends := make([]float32, len(e.starts)), make([]float32, len(e.ends))
	for i, a := range e.starts {
		fs.reset(r.Bits)
		d.startFeatures(&e, a, &fs)
		starts[i] = sum()
	}
	for i, b := range e.ends {
		fs.reset(r.Bits)
		d.endFeatures(&e, b, &fs)
		ends[i] = sum()
	}
	score := func(i, j int) float32 {
		fs.reset(r.Bits)
		d.pairFeatures(&e, e.starts[i], e.ends[j], &fs)
		return starts[i] + ends[j] + sum()
	}
	// The tagger's span wins ties; when it and every candidate hold
	// another cue, the cue is given no source.
	out, top, found := [2]int{}, float32(0), false
	if e.valid(ref[0], ref[1]) {
		out, top, found = ref, score(slices.Index(e.starts, ref[0]), slices.Index(e.ends, ref[1])), true
	}
	for i, a := range e.starts {
		for j, b := range e.ends {
			if !e.valid(a, b) || a == ref[0] && b == ref[1] {
				continue
			}
			if s := score(i, j); !found || s > top {
				out, top, found = [2]int{a, b}, s, true
			}
		}
	}
	return out
}

// candidateFeatures are every candidate around ref with its features, the
// tagger's span first, as the ranker learns from them.
func (d *doc) candidateFeatures(r *rawAttr, others [][2]int, bits uint) (cands [][2]int, feats [][]uint32) {
	ref := r.source
	e := d.edgesOf(r, others)
	var fs featureSet
	add := func(a, b int) {
		fs.reset(bits)
		d.startFeatures(&e, a, &fs)
		d.endFeatures(&e, b, &fs)
		d.pairFeatures(&e, a, b, &fs)
		cands, feats = append(cands, [2]int{a, b}), append(feats, fs.take())
	}
	if e.valid(ref[0], ref[1]) {
		add(ref[0], ref[1])
	}
	for _, a := range e.starts {
		for _, b := range e.ends {
			if e.valid(a, b) && !(a == ref[0] && b == ref[1]) {
				add(a, b)
			}
		}
	}
	return cands, feats
}

// rankSample is one proposal to learn from: its candidates' features and
// which candidate is gold.
type rankSample struct {
	feats [][]uint32
	gold  int
}

// rankSamples collects, for the examples exs with their docs, the sources
// the taggers m propose for the cues m finds that overlap a gold cue, with
// the gold sources near them: the ranker learns on cues as they will be
// found, with their edges' errors ("Trump notably" when the cue found is
// "made no mention of" and gold's "notably made no mention of").
func (m *attrModel) rankSamples(docs []*doc, exs []Example, bits uint) []rankSample {
	var out []rankSample
	for i, d := range docs {
		type goldSrc struct{ cue, src [2]int }
		var golds []goldSrc
		for _, g := range exs[i].Attributions {
			if g.Cue == nil || g.Source == nil {
				continue
			}
			c0, c1 := d.tokenSpan(g.Cue.Start, g.Cue.End)
			g0, g1 := d.tokenSpan(g.Source.Start, g.Source.End)
			if c0 >= c1 || g0 >= g1 || d.toks[g0].Start != g.Source.Start || d.toks[g1-1].End != g.Source.End {
				continue // gold edges inside tokens: no candidate can match
			}
			golds = append(golds, goldSrc{[2]int{c0, c1}, [2]int{g0, g1}})
		}
		if len(golds) == 0 {
			continue
		}
		for _, p := range d.paragraphs() {
			cues := m.cueSpansWith(d, p, nil)
			for ci, c := range cues {
				k := slices.IndexFunc(golds, func(g goldSrc) bool { return g.cue[0] < c[1] && c[0] < g.cue[1] })
				if k < 0 {
					continue
				}
				r := m.roles(d, c[0], c[1])
				if r.source[1] <= r.source[0] {
					continue
				}
				cands, feats := d.candidateFeatures(&r, otherCues(cues, ci), bits)
				if j := slices.Index(cands, golds[k].src); j >= 0 {
					out = append(out, rankSample{feats: feats, gold: j})
				}
			}
		}
	}
	return out
}

// otherCues are the cues cs but the i-th.
func otherCues(cs [][2]int, i int) [][2]int {
	out := make([][2]int, 0, len(cs)-1)
	out = append(out, cs[:i]...)
	return append(out, cs[i+1:]...)
}

// trainRanker fits the ranker to samples by an averaged ranking
// perceptron, in an order shuffled by a fixed seed.
func trainRanker(samples []rankSample, bits uint, epochs int, seed int64) *spanRanker {
	c := trainOneLabel(len(samples), bits, epochs, seed, func(c *chain, t *trainer, i int) {
		s := &samples[i]
		best, bestS := 0, float32(0)
		for k, fs := range s.feats {
			if v := c.weight(fs); k == 0 || v > bestS {
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
	})
	return &spanRanker{chain: c}
}

// unmarshalRanker reads a span ranker written as a one-label chain.
func unmarshalRanker(data []byte) (*spanRanker, error) {
	c, err := unmarshalOneLabel(data, "span ranker")
	if err != nil {
		return nil, err
	}
	return &spanRanker{chain: c}, nil
}

// unmarshalOneLabel reads a one-label chain (a scorer's weights, as the
// span ranker and the quotation scorer are written), named what in its
// errors.
func unmarshalOneLabel(data []byte, what string) (*chain, error) {
	c, err := unmarshalChain(data)
	if err == nil && c.Labels != 1 {
		err = fmt.Errorf("%s has %d labels, want 1", what, c.Labels)
	}
	return c, err
}
