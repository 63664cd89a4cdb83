package reanchor

import (
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
)

// benchData is the 5 % dataset on 1 MB of shared/reanchor, or, without the
// shared corpora, a text of as many words revised the same way.
func benchData(b *testing.B) (old, new *annotate.Text, anchors []annotate.Anchor) {
	b.Helper()
	if root := testcorpus.Root(); root != "" {
		if data, err := os.ReadFile(filepath.Join(root, "reanchor", "polnear-1mb-5.json")); err == nil {
			var d struct {
				Original, Revised string
				Annotations       []annotate.Anchor
			}
			if err := json.Unmarshal(data, &d); err != nil {
				b.Fatal(err)
			}
			return annotate.NewText(d.Original), annotate.NewText(d.Revised), d.Annotations
		}
	}
	b.Log("shared/reanchor/polnear-1mb-5.json not found: a generated text is used")
	o, n, as := generated(rand.New(rand.NewSource(5)), 166000, 0.05, 10000)
	return annotate.NewText(o), annotate.NewText(n), as
}

// generated makes a text of words from a vocabulary of 20,000 (with a line
// break every 30 words or so), a revision with the given share of words
// replaced, deleted or followed by an inserted word, and anchors of 3–40
// words on the old text.
func generated(rng *rand.Rand, words int, rate float64, n int) (string, string, []annotate.Anchor) {
	vocab := make([]string, 20000)
	for i := range vocab {
		var sb strings.Builder
		for k := 0; k < 2+rng.Intn(8); k++ {
			sb.WriteByte(byte('a' + rng.Intn(26)))
		}
		vocab[i] = sb.String()
	}
	word := func() string { return vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64())] } // skewed, as words are
	var ow, nw []string
	for i := 0; i < words; i++ {
		w := word()
		sep := " "
		if rng.Intn(30) == 0 {
			sep = "\n\n"
		}
		ow = append(ow, w+sep)
		switch r := rng.Float64(); {
		case r < rate*0.4:
			nw = append(nw, word()+sep)
		case r < rate*0.7:
		case r < rate:
			nw = append(nw, w+" ", word()+sep)
		default:
			nw = append(nw, w+sep)
		}
	}
	old := strings.Join(ow, "")
	t := annotate.NewText(old)
	starts := []int{0}
	for i, w := range ow[:len(ow)-1] {
		starts = append(starts, starts[i]+len(w))
	}
	var anchors []annotate.Anchor
	for len(anchors) < n {
		a := rng.Intn(len(ow) - 40)
		k := 3 + rng.Intn(38)
		end := starts[a+k-1] + len(strings.TrimSpace(ow[a+k-1]))
		anc, err := t.Anchor(starts[a], end)
		if err == nil {
			anchors = append(anchors, anc)
		}
	}
	return old, strings.Join(nw, ""), anchors
}

// BenchmarkReanchor1MB5 re-anchors all 10,000 annotations of the 5 % 1 MB
// dataset, the Mapper (the diff) built inside the loop.
func BenchmarkReanchor1MB5(b *testing.B) {
	old, new, anchors := benchData(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := New(old, new)
		for _, a := range anchors {
			m.Place(a)
		}
	}
}

// BenchmarkDiffOnly1MB5 is the diff alone on the same texts: the baseline
// of BenchmarkReanchor1MB5.
func BenchmarkDiffOnly1MB5(b *testing.B) {
	old, new, _ := benchData(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		New(old, new)
	}
}

func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }
