package suggest

import (
	"math"
	"testing"
)

func TestLineContexts(t *testing.T) {
	// A moderator asks, two candidates answer at length.
	speaker := []string{"M", "A", "A", "A", "M", "B", "B", "B", "B"}
	turn := []int{0, 1, 1, 1, 2, 3, 3, 3, 3}
	question := []bool{true, false, false, false, true, false, false, false, false}
	c := lineContexts(speaker, turn, question)
	if c[5].rank != 0 || c[1].rank != 1 || c[0].rank != 2 {
		t.Errorf("ranks B, A, M = %d, %d, %d; want 0, 1, 2", c[5].rank, c[1].rank, c[0].rank)
	}
	if c[0].questions != 1 || c[1].questions != 0 || c[0].meanTurn != 1 || c[1].meanTurn != 3 {
		t.Errorf("moderator %+v, candidate %+v", c[0], c[1])
	}
	if math.Abs(c[5].share-4.0/9) > 1e-9 {
		t.Errorf("B's share %v, want 4/9", c[5].share)
	}
}

func TestClaimVectorsUnitLength(t *testing.T) {
	text := "Exports fell by 12 percent in 2023, the ministry said. Thank you."
	d := newDoc(text)
	spans := d.sentences()
	sents := make([][]token, len(spans))
	for i, sp := range spans {
		sents[i] = d.toks[sp[0]:sp[1]]
	}
	for i, v := range claimVectors(sents, articleContexts(sents), 18, nil) {
		var ss float64
		for k, f := range v.idx {
			if k > 0 && v.idx[k-1] >= f {
				t.Fatalf("sentence %d: indices not ascending and distinct: %v", i, v.idx)
			}
			ss += float64(v.val[k] * v.val[k])
		}
		if math.Abs(ss-1) > 1e-5 {
			t.Errorf("sentence %d: squared length %v, want 1", i, ss)
		}
	}
}

// TestFitClaimsChoosesFromGrid: the options fitClaims returns come from the
// grids, and the model it returns ranks an obvious claim first.
func TestFitClaimsChoosesFromGrid(t *testing.T) {
	var ts []Transcript
	for k := range 3 {
		ts = append(ts, Transcript{Name: string(rune('a' + k)), Lines: []TranscriptLine{
			{Speaker: "A", Text: "Unemployment fell by 4 percent last year.", Worthy: true},
			{Speaker: "B", Text: "Thank you very much.", Worthy: false},
			{Speaker: "A", Text: "It is great to be here tonight.", Worthy: false},
			{Speaker: "B", Text: "What would you do?", Worthy: false},
		}})
	}
	o := ClaimOptions{Bits: 12, Epochs: 20, L2Grid: []float64{1e-4, 1e-3}, TWeightGrid: []float64{0, 1}}
	groups := make([][]claimSample, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], o.Bits)
	}
	m, got := fitClaims(groups, o)
	if (got.L2 != 1e-4 && got.L2 != 1e-3) || (got.TWeight != 0 && got.TWeight != 1) {
		t.Errorf("chose L2 %v, weighting %v: not from the grids", got.L2, got.TWeight)
	}
	if ap := sampleAP(groups[0], m); ap != 1 {
		t.Errorf("AP %v on the training transcript, want 1", ap)
	}
}
