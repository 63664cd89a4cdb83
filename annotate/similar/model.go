package similar

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Model is the re-ranker: a logistic regression over a candidate's
// features (see featureNames) that says how likely the candidate is the
// claim the query makes. Only the order of its scores matters.
type Model struct {
	W [numFeatures]float64
}

func (m *Model) score(f *[numFeatures]float64) float64 {
	var s float64
	for i, w := range m.W {
		s += w * f[i]
	}
	return s
}

// BM25Model ranks candidates by BM25 alone: the baseline.
func BM25Model() *Model {
	var m Model
	m.W[1] = 1
	return &m
}

//go:embed model/rerank.txt
var shippedText []byte

// shipped is the re-ranker embedded in the binary, trained by
// TestTrainShipped (see model/README.md).
var shipped = func() Model {
	m, err := ParseModel(shippedText)
	if err != nil {
		panic("annotate/similar: the embedded re-ranker is damaged: " + err.Error())
	}
	return *m
}()

// Shipped returns a copy of the embedded re-ranker.
func Shipped() *Model { m := shipped; return &m }

// MarshalText writes one "feature weight" line per feature.
func (m *Model) MarshalText() ([]byte, error) {
	var b bytes.Buffer
	for i, n := range featureNames {
		fmt.Fprintf(&b, "%s %s\n", n, strconv.FormatFloat(m.W[i], 'g', 8, 64))
	}
	return b.Bytes(), nil
}

// ParseModel reads what MarshalText writes. Every feature must be there.
func ParseModel(data []byte) (*Model, error) {
	var m Model
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		i := featureIndex(f[0])
		if len(f) != 2 || i < 0 {
			return nil, fmt.Errorf("line %d: want a known feature and its weight, got %q", line, sc.Text())
		}
		w, err := strconv.ParseFloat(f[1], 64)
		if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("line %d: weight %q is not a number", line, f[1])
		}
		m.W[i] = w
		seen[f[0]] = true
	}
	for _, n := range featureNames {
		if !seen[n] {
			return nil, fmt.Errorf("feature %s has no weight", n)
		}
	}
	return &m, nil
}

func featureIndex(name string) int {
	for i, n := range featureNames {
		if n == name {
			return i
		}
	}
	return -1
}
