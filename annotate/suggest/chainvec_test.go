package suggest

import (
	"math"
	"math/rand"
	"testing"
)

// testVectors are n unit-length random word vectors of dim dimensions.
func testVectors(n, dim int) *wordVectors {
	rng := rand.New(rand.NewSource(3))
	wv := &wordVectors{Dim: dim, Index: map[string]int{}, Vec: make([]float32, n*dim)}
	for r := 0; r < n; r++ {
		wv.Index[string(rune('a'+r))] = r
		for j := range wv.row(r) {
			wv.row(r)[j] = float32(rng.NormFloat64())
		}
		normalize(wv.row(r))
	}
	return wv
}

func TestChainVectorsScoreAsTrainedAndAsLoaded(t *testing.T) {
	wv := testVectors(5, 4)
	c := newCueChain(10, wv)
	rng := rand.New(rand.NewSource(1))
	for k := range c.D {
		c.D[k] = float32(rng.NormFloat64())
	}
	c.scoreVectors()
	data, err := c.marshal(chainPrune)
	if err != nil {
		t.Fatal(err)
	}
	back, err := unmarshalChain(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.useVectors(wv); err != nil {
		t.Fatal(err)
	}
	for _, rows := range [][]int32{{0, -1, -1}, {-1, 3, -1}, {4, 2, 1}, {-1, -1, -1}} {
		want, table, loaded := make([]float32, 3), make([]float32, 3), make([]float32, 3)
		c.addVectors(want, rows)
		c.addVectorScores(table, rows)
		back.addVectorScores(loaded, rows)
		for y := range want {
			if math.Abs(float64(want[y]-table[y])) > 1e-5 || math.Abs(float64(want[y]-loaded[y])) > 1e-3 {
				t.Errorf("rows %v label %d: scored %v from the weights, %v from the table, %v once loaded", rows, y, want[y], table[y], loaded[y])
			}
		}
	}
	if err := back.useVectors(testVectors(5, 6)); err == nil {
		t.Error("a cue model with 4-dimensional vector weights took 6-dimensional word vectors")
	}
}

func TestChainWithoutVectorsKeepsItsFormat(t *testing.T) {
	c := newChain(3, 10, 1)
	c.W[7] = 1
	data, err := c.marshal(chainPrune)
	if err != nil {
		t.Fatal(err)
	}
	if err := readModel(data, magicChain, func(*modelReader) {}); err != nil {
		t.Errorf("a chain without vectors is not written as %s: %v", magicChain, err)
	}
}

// TestCueTaggerLearnsFromVectors: a word the hashed features never saw
// scores more like a cue when its vector is near a training cue's.
func TestCueTaggerLearnsFromVectors(t *testing.T) {
	wv := &wordVectors{Dim: 2, Index: map[string]int{"said": 0, "stated": 1, "table": 2, "chair": 3},
		Vec: []float32{1, 0, 0.99, 0.14, 0, 1, 0.14, 0.99}}
	c := newCueChain(18, wv)
	var seqs []*seq
	for _, w := range []string{"said", "table"} {
		s := newDoc("Kim "+w+" it.").cueSeqs(18, nil, false, wv, nil)[0]
		s.Gold = make([]uint8, len(s.Feats))
		if w == "said" {
			s.Gold[1] = cueU // a one-token cue
		}
		seqs = append(seqs, s)
	}
	trainChain(c, len(seqs), 4, 1, func(i int) *seq { return seqs[i] })
	margin := func(w string) float32 {
		em := c.emissions(newDoc("Kim "+w+" it.").cueSeqs(18, nil, false, wv, nil)[0], nil)
		L := c.Labels
		return em[1*L+cueU] - em[1*L+cueO]
	}
	if s, n := margin("stated"), margin("chair"); s <= n {
		t.Errorf("unseen %q scores %v as a cue over none, unseen %q %v: the vectors taught nothing", "stated", s, "chair", n)
	}
}
