package suggest

import (
	"math"
	"strings"
	"unicode"
)

// claimModel scores how check-worthy a sentence is: a logistic regression
// over hashed word features and a few hand-written cues of factual content
// (numbers, dates, comparisons, names, reported speech). The cues are
// features, not rules: their weights are learned like the words'.
type claimModel struct {
	Bits uint
	W    []float32
	Bias float32
}

// claimFeature groups name the hand-written cues; the reasons shown to the
// user are built from the groups that raised a sentence's score.
const (
	cfNumber     = "a number"
	cfQuantity   = "a quantity (percent, money, millions)"
	cfDate       = "a date or year"
	cfCompare    = "a comparison or superlative"
	cfEntity     = "named people, places or bodies"
	cfReported   = "reported speech or a reported fact"
	cfChange     = "a change or trend (rose, cut, doubled)"
	cfWords      = "wording typical of check-worthy claims"
	cfOpinion    = "opinion or hedging (I think, we will)"
	cfQuestion   = "a question"
	cfShort      = "a very short sentence"
	claimMinToks = 4
)

var (
	monthWords = setOf("january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.",
		"dec.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
		"today", "decade", "century", "year", "years", "last", "ago")
	quantityWords = setOf("percent", "%", "million", "millions", "billion", "billions", "trillion",
		"trillions", "thousand", "thousands", "hundred", "hundreds", "dollars", "$", "€", "£", "half",
		"twice", "times", "tax", "taxes", "rate", "number", "one", "two", "three", "four", "five", "six",
		"seven", "eight", "nine", "ten", "dozen", "dozens", "jobs", "budget", "deficit", "debt")
	compareWords = setOf("more", "less", "than", "most", "least", "fewer", "higher", "lower",
		"highest", "lowest", "largest", "biggest", "smallest", "best", "worst", "only", "first", "never",
		"ever", "record", "every", "all", "none", "no", "nobody", "always", "unlike", "same")
	changeWords = setOf("rose", "risen", "increase", "increased", "increases", "grew", "grown",
		"doubled", "tripled", "fell", "fallen", "dropped", "decline", "declined", "cut", "cuts", "raised",
		"lost", "gained", "created", "went", "up", "down", "since", "signed", "voted", "passed",
		"killed", "approved")
	reportWords = setOf("said", "says", "say", "according", "reported", "told", "announced",
		"accused", "accusations", "claimed", "confirmed", "promised", "stated", "admitted", "denied")
	opinionWords = setOf("think", "believe", "feel", "hope", "want", "will", "going", "should",
		"must", "need", "thank", "thanks", "great", "good", "wonderful", "love", "applause", "please")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// claimFeatures adds the features of the sentence on tokens toks, and
// reports for each hand-written group what in the sentence triggered it.
func claimFeatures(toks []token, f *featureSet, found map[string][]string, tags *[]string) {
	f.add("b", "")
	n := 0
	note := func(group, tag, what string) {
		f.add("g", tag)
		if !contains(*tags, tag) {
			*tags = append(*tags, tag)
		}
		if found != nil && len(found[group]) < 4 && !contains(found[group], what) {
			found[group] = append(found[group], what)
		}
	}
	prev := "<s>"
	var caps []string
	for i := range toks {
		t := &toks[i]
		w := t.Lower
		if t.Quote == 0 && !isPunct(w) {
			n++
		}
		f.add("w", w)
		f.add2("bg", prev, w)
		prev = w
		switch {
		case unicode.IsDigit(t.First):
			if isYear(t.Text) {
				note(cfDate, "year", t.Text)
			} else {
				note(cfNumber, "num", t.Text)
			}
		case monthWords[w]:
			note(cfDate, "month", t.Text)
		}
		if quantityWords[w] {
			note(cfQuantity, "qty", t.Text)
		}
		if compareWords[w] || (strings.HasSuffix(w, "est") && len(w) > 5) {
			note(cfCompare, "cmp", t.Text)
		}
		if changeWords[w] {
			note(cfChange, "chg", t.Text)
		}
		if reportWords[w] {
			note(cfReported, "rep", t.Text)
		}
		if opinionWords[w] {
			note(cfOpinion, "op", t.Text)
		}
		if isName(toks, i, nil) {
			caps = append(caps, t.Text)
			note(cfEntity, "ent", t.Text)
		}
	}
	f.add("len", bucket(n/3))
	f.add("ents", bucket(len(caps)))
	if len(toks) > 0 && toks[len(toks)-1].Text == "?" {
		note(cfQuestion, "q", "?")
	}
	if n < claimMinToks {
		note(cfShort, "short", "")
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func isPunct(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	return strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")
}

// sentenceVectors returns the feature vectors of consecutive sentences: each
// sentence's own features plus which cue groups its neighbours have, since
// check-worthy sentences come in runs (a speaker making a factual case) and
// rarely stand between small talk. found, when not nil, receives each
// sentence's triggered groups, for reasons.
func sentenceVectors(sents [][]token, bits uint, found []map[string][]string) [][]uint32 {
	tags := make([][]string, len(sents))
	out := make([][]uint32, len(sents))
	var fs featureSet
	for i, s := range sents {
		fs.reset(bits)
		var fd map[string][]string
		if found != nil {
			fd = found[i]
		}
		claimFeatures(s, &fs, fd, &tags[i])
		out[i] = fs.take()
	}
	for i := range sents {
		fs.reset(bits)
		for _, k := range []int{-1, 1} {
			j := i + k
			side := "p"
			if k > 0 {
				side = "n"
			}
			if j < 0 || j >= len(sents) {
				fs.add2("ctx", side, "none")
				continue
			}
			for _, t := range tags[j] {
				fs.add2("ctx", side, t)
			}

		}
		out[i] = append(out[i], fs.out...)
	}
	return out
}

var stopwords = setOf("that", "this", "with", "have", "from", "they", "will", "what", "there", "their",
	"would", "about", "been", "were", "which", "when", "them", "then", "than", "into", "just", "like",
	"some", "very", "because", "going", "know", "think", "people", "want", "said", "also", "well",
	"more", "your", "here", "these", "those", "only", "over", "does", "even", "much", "many", "could",
	"should", "really", "right", "good", "great", "thing", "things", "make", "made", "say", "says")

// logit is the model's raw score of a feature vector.
func (m *claimModel) logit(fs []uint32) float32 {
	z := m.Bias
	for _, f := range fs {
		z += m.W[f]
	}
	return z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// claimSample is one training sentence.
type claimSample struct {
	feats []uint32
	label bool
}

// ClaimOptions controls the check-worthiness model's training.
type ClaimOptions struct {
	Bits     uint    // feature hash width (default 18)
	Epochs   int     // full-batch gradient steps (default 100)
	Rate     float64 // AdaGrad base learning rate (default 0.1)
	L2       float64 // L2 penalty on the mean loss (default 3e-3)
	PosBoost float64 // weight of a check-worthy example (default 4)
	Seed     int64
}

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
	if o.L2 == 0 {
		o.L2 = 3e-3
	}
	if o.PosBoost == 0 {
		o.PosBoost = 4
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
	for it := 0; it < o.Epochs; it++ {
		for k := range g {
			g[k] = 0
		}
		for _, s := range samples {
			z := w[bias]
			for _, f := range s.feats {
				z += w[f]
			}
			y := 0.0
			if s.label {
				y = 1
			}
			d := weightOf(s, o) * (sigmoid(z) - y) / total
			for _, f := range s.feats {
				g[f] += d
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
	if s.label {
		return o.PosBoost
	}
	return 1
}
