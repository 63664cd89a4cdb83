package suggest

import (
	"strings"
	"unicode"
)

// claimExp switches experimental claims features (temporary).
var claimExp = map[string]float64{}

var (
	scaleWords = setOf("million", "millions", "billion", "billions", "trillion", "trillions", "thousand", "thousands", "hundred")
	moneyWords = setOf("$", "dollars", "dollar", "€", "£", "euros", "pounds", "cents")
	pctWords   = setOf("percent", "%", "percentage", "per")
	multWords  = setOf("doubled", "tripled", "quadrupled", "halved", "twice", "double", "triple", "half", "times", "fold")
	cmpAdj     = setOf("more", "less", "fewer", "higher", "lower", "greater", "larger", "bigger", "smaller", "faster", "slower")
	superWords = setOf("most", "least", "highest", "lowest", "largest", "biggest", "smallest", "best", "worst", "fastest", "record", "greatest")
	timeUnit   = setOf("years", "year", "months", "days", "weeks", "decades")
)

// numericFeatures is a separate quantity detector: numbers with units,
// percentages, money, years, multipliers, comparatives and superlatives.
func numericFeatures(toks []token, f *featureSet) {
	nnum := 0
	for i := range toks {
		lw := toks[i].Lower
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Lower
		}
		next2 := ""
		if i+2 < len(toks) {
			next2 = toks[i+2].Lower
		}
		isNum := unicode.IsDigit(toks[i].First)
		if isNum {
			nnum++
			switch {
			case isYear(toks[i].Text) && !scaleWords[next] && !pctWords[next]:
				f.add("nq", "year")
			case pctWords[next]:
				f.add("nq", "pct")
			case scaleWords[next]:
				f.add("nq", "scale")
				if moneyWords[next2] {
					f.add("nq", "money")
				}
			case moneyWords[next]:
				f.add("nq", "money")
			case timeUnit[next]:
				f.add("nq", "dur")
			case next != "" && unicode.IsLetter([]rune(next)[0]):
				f.add("nq", "count")
			default:
				f.add("nq", "bare")
			}
			if strings.ContainsAny(toks[i].Text, ".,") {
				f.add("nq", "fine")
			}
		}
		if lw == "$" || lw == "€" || lw == "£" {
			f.add("nq", "money")
		}
		if multWords[lw] {
			f.add("nq", "mult")
		}
		if cmpAdj[lw] && next == "than" {
			f.add("nq", "morethan")
		}
		if superWords[lw] || (strings.HasSuffix(lw, "est") && len(lw) > 5) {
			f.add("nq", "super")
		}
		if scaleWords[lw] {
			f.add("nq", "scalew")
		}
	}
	f.add("nqn", bucket(nnum))
}

// charGrams adds the character 3–5-grams of each word, with boundaries.
func charGrams(toks []token, f *featureSet) {
	for i := range toks {
		lw := toks[i].Lower
		if isPunct(lw) {
			continue
		}
		if claimExp["charnum"] > 0 && !strings.ContainsFunc(lw, unicode.IsDigit) && (i == 0 || !unicode.IsDigit(toks[i-1].First)) && !scaleWords[lw] && !pctWords[lw] {
			continue
		}
		r := []rune("<" + lw + ">")
		for n := 3; n <= 5; n++ {
			for a := 0; a+n <= len(r); a++ {
				f.add("cg", string(r[a:a+n]))
			}
		}
	}
}
