package suggest

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
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
	for i, v := range claimVectors(sents, articleContexts(sents), "", nil, 18, nil) {
		var ss float64
		for k, f := range v.idx {
			if k > 0 && v.idx[k-1] >= f {
				t.Fatalf("sentence %d: indices not ascending and distinct: %v", i, v.idx)
			}
			ss += float64(v.x * v.x)
		}
		if math.Abs(ss-1) > 1e-5 {
			t.Errorf("sentence %d: squared length %v, want 1", i, ss)
		}
	}
}

// TestFitClaimsChoosesFromGrid: the pooling fitClaims returns comes from
// its grid and is the model's, and the model ranks an obvious claim first.
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
	o := ClaimOptions{Bits: 12, Epochs: 20, L2Grid: []float64{1e-4, 1e-3}, TWeightGrid: []float64{0, 1}, PoolGrid: []float64{0, 0.5}}
	groups := make([]claimGroup, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], nil, o.Bits)
	}
	m, got := fitClaims(groups, o)
	if got.Pool != 0 && got.Pool != 0.5 {
		t.Errorf("chose pooling %v: not from the grid", got.Pool)
	}
	if float64(m.Pool) != got.Pool {
		t.Errorf("model pools by %v, chose %v", m.Pool, got.Pool)
	}
	if ap := groupAP(groups[0], m.scores(groups[0])); ap != 1 {
		t.Errorf("AP %v on the training transcript, want 1", ap)
	}
}

// TestAverageModelScoresAreMeanScores: the averaged model's raw score of a
// sentence is the mean of the averaged models' scores.
func TestAverageModelScoresAreMeanScores(t *testing.T) {
	a := &claimModel{Bits: 8, W: make([]float32, 256), E: []float32{1, -2}, Bias: -1}
	b := &claimModel{Bits: 8, W: make([]float32, 256), E: []float32{3, 0}, Bias: 0.5}
	a.W[7], b.W[7], b.W[9] = 2, -1, 4
	v := claimVec{idx: []uint32{7, 9}, x: 0.5, emb: []float32{0.6, 0.8}}
	m := averageOf([]*claimModel{a, b})
	want := (a.logit(v) + b.logit(v)) / 2
	if got := m.logit(v); math.Abs(float64(got-want)) > 1e-6 {
		t.Errorf("averaged model scores %v, mean of scores %v", got, want)
	}
}

// TestPool: a sentence is blended with its best neighbour within two
// sentences in its turn only, and one alone in its turn keeps its score.
func TestPool(t *testing.T) {
	raw := []float64{-1, -3, 2, -2, -4, 5}
	turn := []int{0, 0, 0, 0, 1, 2}
	got := pool(raw, turn, 0.5)
	want := []float64{
		(-1 + 0.5*2) / 1.5, // best of -3, 2
		(-3 + 0.5*2) / 1.5, // best of -1, 2, -2
		(2 + 0.5*-1) / 1.5, // best of -1, -3, -2
		(-2 + 0.5*2) / 1.5, // best of -3, 2 (not -4, another turn)
		-4,                 // alone in its turn
		5,                  // alone in its turn
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("sentence %d: pooled %v, want %v", i, got[i], want[i])
		}
	}
	if got := pool(raw, turn, 0); !slicesEqual(got, raw) {
		t.Errorf("pooling by 0 changed the scores: %v", got)
	}
}

func slicesEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNeighbourRaisesScore: a terse rebuttal scores higher beside a
// figure-laden claim than alone (the shipped model pools), and says why,
// last among its reasons.
func TestNeighbourRaisesScore(t *testing.T) {
	sg := suggester(t)
	if sg.claims.Pool == 0 {
		t.Skip("the shipped model does not pool")
	}
	score := func(s string) []Sentence {
		res, err := sg.Suggest(context.Background(), annotate.NewText(s), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Sentences
	}
	alone := score("That is simply wrong.")[0]
	both := score("Unemployment fell from 9 million to 6 million in 2023, the lowest rate since 1970. That is simply wrong.")
	beside := both[1]
	if beside.Score <= alone.Score {
		t.Errorf("rebuttal scores %.4f beside the claim, %.4f alone: want higher beside", beside.Score, alone.Score)
	}
	if n := len(beside.Reasons); n == 0 || beside.Reasons[n-1] != cfPassage {
		t.Errorf("reasons %q: want %q last", beside.Reasons, cfPassage)
	}
	if r := alone.Reasons; len(r) > 0 && r[len(r)-1] == cfPassage {
		t.Errorf("a sentence alone gives %q as a reason", cfPassage)
	}
}

// TestReasonsNameNoFunctionWords: the words a reason names are content
// words, never auxiliaries, pronouns or the like.
func TestReasonsNameNoFunctionWords(t *testing.T) {
	res, err := suggester(t).Suggest(context.Background(), annotate.NewText(
		"She said the deficit has grown by $4 billion since 2019, and it was already the largest in the region."), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Sentences[0].Reasons {
		words, ok := strings.CutPrefix(r, cfWords+": ")
		if !ok {
			continue
		}
		for _, w := range strings.Split(words, ", ") {
			if lw := strings.ToLower(w); functionWords[lw] || stopwords[lw] {
				t.Errorf("reason %q names %q", r, w)
			}
		}
	}
}
