package suggest

import (
	"math/rand"
	"slices"
	"testing"
)

// TestAddEmissionScoresAsFeats checks that a sequence given token by token
// to addEmission decodes to the labels and scores the same sequence with
// its features kept (Feats) does, for the three-label and the general
// scoring loops, with Edge and Allow set or not.
func TestAddEmissionScoresAsFeats(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, labels := range []int{3, 4} {
		c := newChain(labels, 10, 2)
		for k := range c.W {
			if rng.Intn(3) > 0 { // some rows stay zero
				c.W[k] = float32(rng.NormFloat64())
			}
		}
		for k := range c.T {
			c.T[k] = float32(rng.NormFloat64())
		}
		for trial := 0; trial < 50; trial++ {
			n := 1 + rng.Intn(40)
			kept := &seq{}
			given := &seq{}
			if trial%2 == 0 {
				kept.Edge, kept.Allow = make([]uint8, n), make([]uint8, n)
				for i := 0; i < n; i++ {
					kept.Edge[i], kept.Allow[i] = uint8(rng.Intn(2)), uint8(rng.Intn(1<<labels))
				}
				given.Edge, given.Allow = kept.Edge, kept.Allow
			}
			for i := 0; i < n; i++ {
				fs := make([]uint32, rng.Intn(30))
				for k := range fs {
					fs[k] = uint32(rng.Intn(1 << 10))
				}
				kept.Feats = append(kept.Feats, fs)
				c.addEmission(given, fs)
			}
			wantLabs, wantEm := c.decode(kept)
			gotLabs, gotEm := c.decode(given)
			if !slices.Equal(gotLabs, wantLabs) || !slices.Equal(gotEm, wantEm) {
				t.Fatalf("%d labels, trial %d: addEmission decodes to %v, Feats to %v", labels, trial, gotLabs, wantLabs)
			}
		}
	}
}
