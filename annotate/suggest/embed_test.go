package suggest

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// toyCorpus: "billion" and "million" share every context, "tax" and "taxes"
// share theirs, and the two groups never meet.
func toyCorpus() [][]string {
	var out [][]string
	for i := range 400 {
		n := []string{"billion", "million"}[i%2]
		t := []string{"tax", "taxes"}[i%2]
		out = append(out,
			strings.Fields("the deficit grew by two "+n+" dollars last year"),
			strings.Fields("we will cut the "+t+" on small business and families"))
	}
	return out
}

func TestWordVectorsLearnSharedContexts(t *testing.T) {
	wv := trainWordVectors(toyCorpus(), wordOptions{Dim: 16, Epochs: 5, MinCount: 1, Sample: 1})
	same, other := wv.similarity("billion", "million"), wv.similarity("billion", "taxes")
	if same < 0.5 || same <= other+0.3 {
		t.Errorf("similarity billion~million %.2f, billion~taxes %.2f: shared contexts should make the first clearly higher", same, other)
	}
	if wv.similarity("billion", "unknown") != 0 {
		t.Error("an unknown word has a similarity")
	}
}

func TestWordVectorsDeterministicAndRoundTrip(t *testing.T) {
	o := wordOptions{Dim: 8, Epochs: 2, MinCount: 1}
	a, err := trainWordVectors(toyCorpus(), o).marshal()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := trainWordVectors(toyCorpus(), o).marshal()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same text gave different files")
	}
	wv := trainWordVectors(toyCorpus(), o)
	back, err := unmarshalWords(a)
	if err != nil {
		t.Fatal(err)
	}
	if back.Dim != wv.Dim || len(back.Index) != len(wv.Index) {
		t.Fatalf("read %d words of %d dimensions, wrote %d of %d", len(back.Index), back.Dim, len(wv.Index), wv.Dim)
	}
	for w, i := range wv.Index {
		j, ok := back.Index[w]
		if !ok {
			t.Fatalf("%q lost", w)
		}
		for k := range wv.Dim {
			if d := math.Abs(float64(wv.row(i)[k] - back.row(j)[k])); d > 0.02 {
				t.Fatalf("%q[%d] = %v after a round trip, want %v", w, k, back.row(j)[k], wv.row(i)[k])
			}
		}
	}
	if _, err := unmarshalWords(a[:len(a)/2]); err == nil {
		t.Error("a truncated file was read without error")
	}
	if _, err := unmarshalClaims(a); err == nil {
		t.Error("a word-vector file was read as a claims model")
	}
}

func TestMeanVector(t *testing.T) {
	wv := &wordVectors{Dim: 2, Index: map[string]int{"deficit": 0, "billion": 1}, Vec: []float32{1, 0, 0, 1}}
	toks := tokenize([]rune("The deficit was a billion."), "The deficit was a billion.")
	v := wv.meanVector(toks)
	if len(v) != 2 || math.Abs(float64(v[0])-math.Sqrt2/2) > 1e-6 || math.Abs(float64(v[1])-math.Sqrt2/2) > 1e-6 {
		t.Errorf("mean vector %v, want the unit diagonal", v)
	}
	none := tokenize([]rune("It was so."), "It was so.")
	if v := wv.meanVector(none); v != nil {
		t.Errorf("a sentence of unknown and stop words has vector %v", v)
	}
	var nilWV *wordVectors
	if v := nilWV.meanVector(toks); v != nil {
		t.Error("no word vectors gave a vector")
	}
}

// TestLoadRefusesMismatchedModels: a claims model built for other word
// vectors is refused with an error naming both files.
func TestLoadRefusesMismatchedModels(t *testing.T) {
	files := map[string][]byte{}
	for _, n := range []string{CueModelFile, RoleModelFile, SpanModelFile, QuoteModelFile, CueLexModelFile, ClaimsModelFile, WordsModelFile, ResolveModelFile} {
		b, err := modelFS.ReadFile("model/" + n)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = b
	}
	small, err := trainWordVectors(toyCorpus(), wordOptions{Dim: 4, Epochs: 1, MinCount: 1}).marshal()
	if err != nil {
		t.Fatal(err)
	}
	files[WordsModelFile] = small
	_, err = Load(func(n string) ([]byte, error) {
		if b, ok := files[n]; ok {
			return b, nil
		}
		return nil, errors.New("no such file")
	})
	if err == nil || !strings.Contains(err.Error(), ClaimsModelFile) || !strings.Contains(err.Error(), WordsModelFile) {
		t.Errorf("mismatched models: error %v, want one naming %s and %s", err, ClaimsModelFile, WordsModelFile)
	}
}

// similarity is the cosine of two words' vectors (0 when either is unknown).
func (wv *wordVectors) similarity(a, b string) float32 {
	i, ok1 := wv.Index[a]
	j, ok2 := wv.Index[b]
	if !ok1 || !ok2 {
		return 0
	}
	var s float32
	for k, x := range wv.row(i) {
		s += x * wv.row(j)[k]
	}
	return s
}
