package suggest

import (
	"slices"

	"github.com/factmark/factmark/annotate"
)

// QuoteModelFile is the loose-quotation scorer's model, under model/.
const QuoteModelFile = "quote.gz"

// A quoteScorer rates the loose quotations of a text: those that no
// attribution the taggers found touches (no cue, source or content of any
// lies in them). Many of them are reported speech whose cue the cue tagger
// missed (“We will not back down,” the senator wrote on Twitter): on
// polnear-train (5-fold cross-validation, two folds) 88% of the loose
// quotations of twelve words or more overlap gold content, but only 41% of
// those of one or two words, which are often a writer's scare quotes. The
// scorer is a linear model of hashed features of the quotation (its
// length, what stands before and after it, how it ends, how many of its
// words are capitalised (a title: “Parks and Recreation”), its place in its
// paragraph and sentence, how near the other attributions are), trained
// as an averaged perceptron on the loose quotations that taggers trained
// on one half of polnear-train leave in the other half, to tell those that
// find a gold content the taggers missed (one that overlaps a content they
// found would be a second suggestion for it). A quotation it scores above
// zero becomes content without a cue or source: on polnear-train (5-fold
// cross-validation, two folds) content overlap F1 0.775 → 0.778 (213
// quotations taken, 101 of them matched to gold), where taking those
// scored above −5 or −10, or above 5 or 10, gave 0.775, 0.774, 0.777,
// 0.776; 2, 4, 16 or 32 passes instead of 8, 0.777–0.778.
type quoteScorer struct {
	*chain // one label: W holds the weights of hashed features
}

// quoteBits is the width of the scorer's feature hashes: it learns from a
// few thousand quotations.
const quoteBits = 16

// looseQuote is a quotation no attribution touches: tokens [a, b), from
// its opening mark to its closing one (or its paragraph's end).
type looseQuote [2]int

// looseQuotes returns the quotations of d that no attribution of ws
// touches, in text order.
func (d *doc) looseQuotes(ws []work) []looseQuote {
	used := covered(len(d.toks), ws)
	var out []looseQuote
	for k := 0; k < len(d.toks); k++ {
		if d.toks[k].Quote != 1 {
			continue
		}
		q := d.quoteEnd(k)
		if !anyUsed(used, k, q) && d.words(k, q) > 0 {
			out = append(out, looseQuote{k, q})
		}
		k = q - 1
	}
	return out
}

// words counts the tokens of [a, b) that are not punctuation.
func (d *doc) words(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if !isPunct(d.toks[k].Lower) {
			n++
		}
	}
	return n
}

// quoteFeatures are the features of the loose quotation q among the
// attributions x indexes.
func (d *doc) quoteFeatures(q looseQuote, x *workIndex, f *featureSet) {
	a, b := q[0], q[1]
	closed := d.toks[b-1].Quote == 2
	f.add("bias", "")
	f.add2("len", bucket(d.words(a, b)), flag(closed))
	f.add2("at", flag(a == d.paraS[a]), flag(a == d.sentS[a]))
	f.add("ends", flag(b == d.paraE[a]))
	f.add("para", bucket(d.words(d.paraS[a], d.paraE[a])-d.words(a, b)))
	before, after := d.lowerIn(a-1, a), d.lowerIn(b, a)
	f.add("pb", before)
	f.add("na", after)
	f.add2("na2", after, d.lowerIn(b+1, a))
	f.add2("sa", d.shapeIn(b, a), d.shapeIn(b+1, a))
	last := b - 1
	if closed && last > a {
		last--
	}
	f.add2("last", d.toks[last].Lower, flag(closed))
	f.add2("first", d.toks[min(a+1, b-1)].Shape, flag(a == d.sentS[a]))
	first := false
	for k := a; k < b; k++ {
		first = first || firstPerson[d.toks[k].Lower]
	}
	f.add("1st", flag(first))
	f.add2("caps", d.capsShare(a, b), bucket(d.words(a, b)))
	pp := d.paraS[a] - 1 // the last token of the paragraph before
	f.add("pp", d.lowerOr(pp, a == d.paraS[a]))
	f.add2("pbs", d.shapeIn(a-1, a), d.shapeIn(a-2, a))
	f.add2("near", d.nearestWork(q, x, true), d.nearestWork(q, x, false))
}

// capsShare says how many of the words of [a, b) are capitalised: none,
// some, most or all (a title: “Parks and Recreation”).
func (d *doc) capsShare(a, b int) string {
	n, caps := 0, 0
	for k := a; k < b; k++ {
		if t := &d.toks[k]; !isPunct(t.Lower) {
			n++
			if isCapitalised(t.Text) || !isWordRune(t.First) {
				caps++
			}
		}
	}
	switch {
	case caps == 0:
		return "none"
	case caps == n:
		return "all"
	case 2*caps >= n:
		return "most"
	}
	return "some"
}

// lowerOr is token k's lower-cased text when ok and k is a token, else
// "<none>".
func (d *doc) lowerOr(k int, ok bool) string {
	if !ok || k < 0 {
		return "<none>"
	}
	return d.toks[k].Lower
}

// firstPerson are the words that mark a speaker's own voice.
var firstPerson = map[string]bool{"i": true, "we": true, "me": true, "us": true, "my": true, "our": true, "i'm": true, "we're": true}

// workIndex finds the attributions nearest a token: their ends and
// starts in increasing order, with the attribution each belongs to.
type workIndex struct {
	ws           []work
	ends, starts []int // token positions, sorted
	endW, startW []int // the attribution of each
}

func newWorkIndex(ws []work) *workIndex {
	x := &workIndex{ws: ws}
	ends, starts := make([]int, len(ws)), make([]int, len(ws))
	for i := range ws {
		ends[i], starts[i] = i, i
	}
	slices.SortStableFunc(ends, func(a, b int) int { return ws[a].end() - ws[b].end() })
	slices.SortStableFunc(starts, func(a, b int) int { return ws[a].start() - ws[b].start() })
	x.endW, x.startW = ends, starts
	for _, i := range ends {
		x.ends = append(x.ends, ws[i].end())
	}
	for _, i := range starts {
		x.starts = append(x.starts, ws[i].start())
	}
	return x
}

// nearestWork says how far the nearest attribution that ends before q
// (or, when before is false, begins after it) stands: in q's sentence, its
// paragraph, the paragraph next to it, or further, and whether that
// attribution's content is quoted.
func (d *doc) nearestWork(q looseQuote, x *workIndex, before bool) string {
	var w *work
	var k int
	if before {
		j, _ := slices.BinarySearch(x.ends, q[0]+1) // the first end after q[0]
		if j == 0 {
			return "none"
		}
		w = &x.ws[x.endW[j-1]]
		k = w.end() - 1
	} else {
		j, _ := slices.BinarySearch(x.starts, q[1])
		if j == len(x.starts) {
			return "none"
		}
		w = &x.ws[x.startW[j]]
		k = w.start()
	}
	where := "far"
	switch t, u := &d.toks[k], &d.toks[q[0]]; {
	case t.Sent == u.Sent:
		where = "sent"
	case t.Para == u.Para:
		where = "para"
	case t.Para == u.Para-1 || t.Para == u.Para+1:
		where = "next"
	}
	return where + flag(d.quoted(w.content))
}

// score is the scorer's rating of q: above zero, q is taken for content.
func (s *quoteScorer) score(d *doc, q looseQuote, x *workIndex) float32 {
	var fs featureSet
	fs.reset(s.Bits)
	d.quoteFeatures(q, x, &fs)
	return s.weight(fs.out)
}

// addLooseQuotes adds, among the attributions ws (in text order), each
// loose quotation the scorer s rates above zero, as content with no cue or
// source; nil s adds none.
func (d *doc) addLooseQuotes(ws []work, s *quoteScorer) []work {
	if s == nil || s.chain == nil {
		return ws
	}
	var add []work
	qs := d.looseQuotes(ws)
	if len(qs) == 0 {
		return ws
	}
	x := newWorkIndex(ws)
	for _, q := range qs {
		if v := s.score(d, q, x); v > 0 {
			add = append(add, work{rawAttr: rawAttr{content: [][2]int{q}, margin: v}, loose: true, parent: -1, antecede: -1})
		}
	}
	if len(add) == 0 {
		return ws
	}
	// Merge in text order, keeping the continuations' parents right.
	out := make([]work, 0, len(ws)+len(add))
	moved := make([]int, len(ws))
	i, j := 0, 0
	for i < len(ws) || j < len(add) {
		if j == len(add) || i < len(ws) && ws[i].start() <= add[j].start() {
			moved[i] = len(out)
			out = append(out, ws[i])
			i++
		} else {
			out = append(out, add[j])
			j++
		}
	}
	for k := range out {
		if out[k].cont && out[k].parent >= 0 {
			out[k].parent = moved[out[k].parent]
		}
	}
	return out
}

// quoteSample is one loose quotation to learn from.
type quoteSample struct {
	feats []uint32
	gold  bool // it finds a gold content the taggers missed
}

// quoteSamples collects the loose quotations that the taggers m leave in
// the examples exs (with their docs), each labelled by whether it finds a
// gold content they missed.
func (m *attrModel) quoteSamples(docs []*doc, exs []Example, bits uint) []quoteSample {
	var out []quoteSample
	var fs featureSet
	for i, d := range docs {
		var raws []rawAttr
		for _, p := range d.paragraphs() {
			raws = append(raws, m.extractPara(d, p)...)
		}
		ws := d.decode(raws)
		x := newWorkIndex(ws)
		for _, q := range d.looseQuotes(ws) {
			fs.reset(bits)
			d.quoteFeatures(q, x, &fs)
			out = append(out, quoteSample{feats: fs.take(), gold: d.findsGoldContent(q, ws, exs[i])})
		}
	}
	return out
}

// findsGoldContent reports whether the tokens q share a code point with a
// gold content of ex that no content of ws shares one with: taking q then
// finds a content the taggers missed, where one overlapping a content
// already found would only be a second suggestion for it.
func (d *doc) findsGoldContent(q looseQuote, ws []work, ex Example) bool {
	a, b := d.toks[q[0]].Start, d.toks[q[1]-1].End
	for _, g := range ex.Attributions {
		if !slices.ContainsFunc(g.Content, func(c annotate.Anchor) bool { return c.Start < b && a < c.End }) {
			continue
		}
		if !slices.ContainsFunc(ws, func(w work) bool { return d.overlapsAnchors(w.content, g.Content) }) {
			return true
		}
	}
	return false
}

// overlapsAnchors reports whether the token spans s share a code point
// with the anchors as.
func (d *doc) overlapsAnchors(s [][2]int, as []annotate.Anchor) bool {
	for _, t := range s {
		a, b := d.toks[t[0]].Start, d.toks[t[1]-1].End
		for _, c := range as {
			if c.Start < b && a < c.End {
				return true
			}
		}
	}
	return false
}

// trainQuoteScorer fits the scorer to samples by an averaged perceptron,
// in an order shuffled by a fixed seed.
func trainQuoteScorer(samples []quoteSample, bits uint, epochs int, seed int64) *quoteScorer {
	c := trainOneLabel(len(samples), bits, epochs, seed, func(c *chain, t *trainer, i int) {
		s := &samples[i]
		if c.weight(s.feats) > 0 != s.gold {
			d := float32(1)
			if !s.gold {
				d = -1
			}
			for _, f := range s.feats {
				t.bumpW(int(f), d)
			}
		}
	})
	return &quoteScorer{chain: c}
}

// unmarshalQuoteScorer reads a quotation scorer written as a one-label
// chain.
func unmarshalQuoteScorer(data []byte) (*quoteScorer, error) {
	c, err := unmarshalOneLabel(data, "quotation scorer")
	if err != nil {
		return nil, err
	}
	return &quoteScorer{chain: c}, nil
}
