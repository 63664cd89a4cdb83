package suggest

import (
	"math"
	"sort"
)

// ClaimRecall is the share of check-worthy sentences that the default claim
// threshold, MinClaimScore, is chosen to show (see ThresholdFor): a reviewer
// rejects a wrong suggestion in one key, but never sees a hidden one.
const ClaimRecall = 0.8

// ThresholdFor is the highest score, rounded down to a hundredth, at or
// above which at least share (0–1) of the check-worthy sentences of scored
// score: the claim threshold that shows that share of what fact-checkers
// check. It is 0 when no sentence is check-worthy.
func ThresholdFor(scored []Scored, share float64) float64 {
	var worthy []float64
	for _, s := range scored {
		if s.Worthy {
			worthy = append(worthy, s.Score)
		}
	}
	if len(worthy) == 0 {
		return 0
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(worthy)))
	need := int(math.Ceil(share * float64(len(worthy))))
	need = min(max(need, 1), len(worthy))
	return math.Floor(100*worthy[need-1]) / 100
}

// ShownAt reports which share of the check-worthy sentences, and which of
// all, score at least t.
func ShownAt(scored []Scored, t float64) (worthy, all float64) {
	var w, nw, n int
	for _, s := range scored {
		if s.Worthy {
			w++
		}
		if s.Score >= t {
			n++
			if s.Worthy {
				nw++
			}
		}
	}
	return ratio(nw, w), ratio(n, len(scored))
}

// PrecisionAt is the share of the sentences scoring at least t that are
// check-worthy (1 when none does), and base the share of all sentences
// that are: what a reviewer of the suggestions shown at t finds worth
// checking, against picking sentences at random.
func PrecisionAt(scored []Scored, t float64) (precision, base float64) {
	var shown, hits, worthy int
	for _, s := range scored {
		if s.Worthy {
			worthy++
		}
		if s.Score >= t {
			shown++
			if s.Worthy {
				hits++
			}
		}
	}
	return ratio(hits, shown), ratio(worthy, len(scored))
}
