package suggest

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestLooseQuotes: a quotation no attribution touches is loose; one whose
// tokens an attribution's content or source holds is not, and a quotation
// without a closing mark runs to its paragraph's end.
func TestLooseQuotes(t *testing.T) {
	text := "“Taxes will fall next year,” the paper wrote. “We will win,” said Ann. Nobody cheered.\n“Never again"
	d := newDoc(text)
	ws := d.decode([]rawAttr{raw{cue: "said", source: "Ann", content: []string{"“We will win,”"}}.build(t, d)})
	var got []string
	for _, q := range d.looseQuotes(ws) {
		got = append(got, d.spanText([2]int(q)))
	}
	want := []string{"“Taxes will fall next year,”", "“Never again"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("loose quotations %q, want %q", got, want)
	}
}

// TestAddLooseQuotes: the loose quotations a scorer rates above zero become
// content without cue or source, in text order, with a reason that says
// so; continuations still point at their own parent; a nil scorer adds
// nothing.
func TestAddLooseQuotes(t *testing.T) {
	text := "“Taxes will fall next year,” a voice rang out. “We will win,” said Ann. “We always do.”"
	d := newDoc(text)
	ws := d.decode([]rawAttr{raw{cue: "said", source: "Ann", content: []string{"“We will win,”"}}.build(t, d)})
	if len(ws) != 2 || !ws[1].cont || ws[1].parent != 0 {
		t.Fatalf("decode gave %d attributions (want the quote and its continuation)", len(ws))
	}
	if got := d.addLooseQuotes(ws, nil); len(got) != 2 {
		t.Fatalf("nil scorer: %d attributions, want 2", len(got))
	}
	// A scorer whose bias alone is positive takes every loose quotation.
	s := &quoteScorer{chain: newChain(1, quoteBits, 1)}
	var fs featureSet
	fs.reset(quoteBits)
	fs.add("bias", "")
	s.W[fs.out[0]] = 1
	out := d.addLooseQuotes(ws, s)
	if len(out) != 3 || !out[0].loose || out[1].loose || !out[2].cont || out[2].parent != 1 {
		t.Fatalf("got %d attributions: %+v", len(out), out)
	}
	sg := d.suggestions(annotate.NewText(text), out)
	if a := sg[0]; a.Cue != nil || a.Source != nil || contentText(a) != "“Taxes will fall next year,”" || !strings.Contains(a.Reason, "no cue was found") {
		t.Errorf("loose suggestion: cue %v, source %v, content %q, reason %q", a.Cue, a.Source, contentText(a), a.Reason)
	}
}

// TestTrainQuoteScorer: the scorer learns to tell the quotations that
// overlap gold content from those that do not, when a feature tells them
// apart.
func TestTrainQuoteScorer(t *testing.T) {
	var samples []quoteSample
	for i := range 40 {
		var fs featureSet
		fs.reset(quoteBits)
		fs.add("bias", "")
		fs.add("len", flag(i%2 == 0))
		samples = append(samples, quoteSample{feats: fs.take(), gold: i%2 == 0})
	}
	s := trainQuoteScorer(samples, quoteBits, 4, 1)
	for _, x := range samples[:2] {
		var v float32
		for _, f := range x.feats {
			v += s.W[f]
		}
		if v > 0 != x.gold {
			t.Errorf("gold %v scored %v", x.gold, v)
		}
	}
}
