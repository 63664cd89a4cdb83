package suggest

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// lexExample is text with gold cues on the given code-point spans.
func lexExample(text string, cues ...[2]int) Example {
	ex := Example{Text: annotate.NewText(text)}
	for _, c := range cues {
		ex.Attributions = append(ex.Attributions, annotate.Attribution{Cue: &annotate.Anchor{Start: c[0], End: c[1]}})
	}
	return ex
}

// TestCueLexiconRates: a word's rates count its occurrences as a cue's
// first word and inside a cue, words seen fewer than cueLexMin times are
// not rated, and the lexicon reads back as written.
func TestCueLexiconRates(t *testing.T) {
	// "said" begins a cue 3 times in 4; "to" stands inside one 3 times in 3.
	exs := []Example{
		lexExample("Kim said it, according to Lee.", [2]int{4, 8}, [2]int{13, 25}),
		lexExample("Kim said so, according to Lee.", [2]int{4, 8}, [2]int{13, 25}),
		lexExample("Lee said it, according to Kim, as he said.", [2]int{4, 8}, [2]int{13, 25}),
	}
	docs := make([]*doc, len(exs))
	for i, ex := range exs {
		docs[i] = newDoc(ex.Text.String())
	}
	l := buildCueLexicon(docs, exs)
	for _, c := range []struct{ w, b, in string }{
		{"said", "<80", "0"},
		{"according", "80+", "0"},
		{"to", "0", "80+"},
		{"it", "?", "?"}, // seen twice
	} {
		if b, in := l.rates(c.w); b != c.b || in != c.in {
			t.Errorf("%q: rates %s, %s; want %s, %s", c.w, b, in, c.b, c.in)
		}
	}
	data, err := l.marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := unmarshalCueLexicon(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.B) != len(l.B) {
		t.Fatalf("read back %d words, wrote %d", len(back.B), len(l.B))
	}
	for w := range l.B {
		if b, in := back.rates(w); b != l.B[w] || in != l.I[w] {
			t.Errorf("%q read back as %s, %s; wrote %s, %s", w, b, in, l.B[w], l.I[w])
		}
	}
	if _, err := unmarshalCueLexicon(data[:len(data)/2]); err == nil {
		t.Error("a cut lexicon file was read without an error")
	}
}

// TestHalfLexiconsCountTheOtherHalfOnly: each half's lexicon is counted
// on that half's texts only, so a text's features come from texts other
// than itself.
func TestHalfLexiconsCountTheOtherHalfOnly(t *testing.T) {
	var exs []Example
	for _, w := range []string{"Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"} {
		exs = append(exs, lexExample(w+" said so. "+w+" said so. "+w+" said so.", [2]int{4, 8}))
	}
	docs := make([]*doc, len(exs))
	for i, ex := range exs {
		docs[i] = newDoc(ex.Text.String())
	}
	halves := halfLexicons(docs, exs)
	for i, ex := range exs {
		name := ex.Text.String()[:3]
		own, other := halves[lexHalf(ex.Text.String())], halves[1-lexHalf(ex.Text.String())]
		if b, _ := own.rates(strings.ToLower(name)); b == "?" {
			t.Errorf("text %d: its own half does not rate %q", i, name)
		}
		if b, _ := other.rates(strings.ToLower(name)); b != "?" {
			t.Errorf("text %d: the other half rates %q (%s), which only this text holds", i, name, b)
		}
	}
}
