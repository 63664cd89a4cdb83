package suggest

import (
	"strings"
	"unicode"
)

// claimModel scores how check-worthy a sentence is: a logistic regression
// over hashed word features, a few hand-written cues of factual content
// (numbers, dates, comparisons, names, reported speech) and the sentence's
// mean word vector. The cues are features, not rules: their weights are
// learned like the words'. A sentence's final score adds Pool times the best
// raw score among its neighbours in the same turn (see pool), because
// fact-checkers check passages, not lone sentences.
type claimModel struct {
	Bits uint
	W    []float32 // hashed features
	E    []float32 // the mean word vector's dimensions
	Bias float32
	Pool float32
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
	cfPassage    = "next to a check-worthy sentence"
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

// The word lists claimFeatures asks about every token, as bits of one
// lookup in wordLists.
const (
	inMonths uint8 = 1 << iota
	inQuantities
	inCompares
	inChanges
	inReports
	inOpinions
)

// wordLists maps each word of the lists above to the bits of the lists it
// is in.
var wordLists = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, l := range []struct {
		bit uint8
		set map[string]bool
	}{{inMonths, monthWords}, {inQuantities, quantityWords}, {inCompares, compareWords},
		{inChanges, changeWords}, {inReports, reportWords}, {inOpinions, opinionWords}} {
		for w, in := range l.set {
			if in {
				m[w] |= l.bit
			}
		}
	}
	return m
}()

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// claimFeatures adds the features of the sentence on tokens toks, and
// reports for each hand-written group what in the sentence triggered it.
// Words and bigrams go to w, everything else to f.
func claimFeatures(toks []token, w, f *featureSet, found map[string][]string, tags *[]string) {
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
		lw := t.Lower
		if t.Quote == 0 && !isPunct(lw) {
			n++
		}
		w.add("w", lw)
		w.add2("bg", prev, lw)
		prev = lw
		in := wordLists[lw]
		switch {
		case unicode.IsDigit(t.First):
			if isYear(t.Text) {
				note(cfDate, "year", t.Text)
			} else {
				note(cfNumber, "num", t.Text)
			}
		case in&inMonths != 0:
			note(cfDate, "month", t.Text)
		}
		if in&inQuantities != 0 {
			note(cfQuantity, "qty", t.Text)
		}
		if in&inCompares != 0 || (strings.HasSuffix(lw, "est") && len(lw) > 5) {
			note(cfCompare, "cmp", t.Text)
		}
		if in&inChanges != 0 {
			note(cfChange, "chg", t.Text)
		}
		if in&inReports != 0 {
			note(cfReported, "rep", t.Text)
		}
		if in&inOpinions != 0 {
			note(cfOpinion, "op", t.Text)
		}
		if isName(toks, i, nil) {
			caps = append(caps, t.Text)
			note(cfEntity, "ent", t.Text)
		}
	}
	richCues(toks, f)
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

var stopwords = setOf("that", "this", "with", "have", "from", "they", "will", "what", "there", "their",
	"would", "about", "been", "were", "which", "when", "them", "then", "than", "into", "just", "like",
	"some", "very", "because", "going", "know", "think", "people", "want", "said", "also", "well",
	"more", "your", "here", "these", "those", "only", "over", "does", "even", "much", "many", "could",
	"should", "really", "right", "good", "great", "thing", "things", "make", "made", "say", "says")

var (
	unitWords   = setOf("percent", "%", "million", "billion", "trillion", "thousand", "dollars", "points", "times", "people", "jobs", "years")
	negWords    = setOf("not", "n't", "never", "no", "nobody", "nothing", "none")
	planWords   = setOf("will", "'ll", "going", "want", "plan", "would", "gonna")
	personWords = setOf("i", "we", "you", "he", "she", "they")
	haveWords   = setOf("have", "has", "had", "'ve", "is", "are", "was", "were")
)

// richCues adds finer cues of factual content: numbers with units, the
// pronoun that leads the sentence and its verb, negation, plans, the tense.
func richCues(toks []token, f *featureSet) {
	var subj string
	for i := range toks {
		lw := toks[i].Lower
		if unicode.IsDigit(toks[i].First) || lw == "$" {
			if i+1 < len(toks) && unitWords[toks[i+1].Lower] || lw == "$" {
				f.add("rc", "numunit")
			}
		}
		if negWords[lw] || strings.HasSuffix(lw, "n't") {
			f.add("rc", "neg")
		}
		if personWords[lw] && subj == "" {
			subj = lw
			if i+1 < len(toks) {
				nx := toks[i+1].Lower
				switch {
				case planWords[nx]:
					f.add2("rcp", lw, "plan")
				case haveWords[nx]:
					f.add2("rcp", lw, "have")
				case strings.HasSuffix(nx, "ed"):
					f.add2("rcp", lw, "past")
				case nx == "think" || nx == "believe" || nx == "feel":
					f.add2("rcp", lw, "opinion")
				default:
					f.add2("rcp", lw, "other")
				}
			}
		}
		if strings.HasSuffix(lw, "ed") && len(lw) > 4 {
			f.add("rc", "past")
		}
		if lw == "than" {
			f.add("rc", "than")
		}
	}
}
