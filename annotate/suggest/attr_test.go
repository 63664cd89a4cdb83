package suggest

import (
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestRestOfSentence: a cue the role tagger gave no content takes the
// tokens of its own sentence that are neither the cue nor its source, on
// both sides, and nothing of the next sentence.
func TestRestOfSentence(t *testing.T) {
	for _, c := range []struct {
		text, cue, source, want string
	}{
		{"The mayor said the bridge would open. It did not.", "said", "The mayor", "the bridge would open ."},
		{"Taxes will rise, the minister warned on Monday. Nobody cheered.", "warned", "the minister", "Taxes will rise , | on Monday ."},
		{"Nobody cheered. Prices rose, it said.", "said", "", "Prices rose , it | ."},
	} {
		d := newDoc(c.text)
		cue := tokSpan(t, d, c.cue, 1)
		w0, w1 := d.roleWindow(cue[0], cue[1])
		labs := make([]uint8, w1-w0)
		if c.source != "" {
			s := tokSpan(t, d, c.source, 1)
			for k := s[0]; k < s[1]; k++ {
				labs[k-w0] = roleS
			}
		}
		d.restOfSentence(labs, w0, cue[0], cue[1])
		var pieces []string
		for k := 0; k < len(labs); {
			if labs[k] != roleC {
				k++
				continue
			}
			var ws []string
			for ; k < len(labs) && labs[k] == roleC; k++ {
				ws = append(ws, d.toks[w0+k].Text)
			}
			pieces = append(pieces, strings.Join(ws, " "))
		}
		if got := strings.Join(pieces, " | "); got != c.want {
			t.Errorf("%q, cue %q: content %q, want %q", c.text, c.cue, got, c.want)
		}
	}
}

// TestSentenceContentReason: a suggestion whose content is the rest of its
// sentence says so, and one the tagger gave content does not.
func TestSentenceContentReason(t *testing.T) {
	text := "The mayor said the bridge would open."
	d := newDoc(text)
	r := raw{cue: "said", source: "The mayor", content: []string{"the bridge would open"}}.build(t, d)
	for _, sent := range []bool{false, true} {
		r.sentContent = sent
		got := d.finish(annotate.NewText(text), []rawAttr{r}, nil)
		if len(got) != 1 {
			t.Fatalf("%d suggestions, want 1", len(got))
		}
		if says := strings.Contains(got[0].Reason, "rest of the cue's sentence"); says != sent {
			t.Errorf("sentContent %v: reason %q", sent, got[0].Reason)
		}
	}
}

// TestSourceAfterQuote: after a quotation closed right before the cue, an
// unquoted content piece right after the cue that ends its sentence is the
// source; other shapes are left alone.
func TestSourceAfterQuote(t *testing.T) {
	for _, c := range []struct {
		name, text string
		r          raw
		source     string // "" : unchanged, no source
	}{
		{"inverted", "“We will win,” said Zelensky at a press conference. “Soon.”",
			raw{cue: "said", content: []string{"“We will win,”", "Zelensky at a press conference"}}, "Zelensky at a press conference"},
		{"has a source", "“We will win,” said Zelensky at a press conference.",
			raw{cue: "said", source: "Zelensky", content: []string{"“We will win,”", "at a press conference"}}, "Zelensky"},
		{"no quote before", "Taxes rose, said Zelensky at a press conference.",
			raw{cue: "said", content: []string{"Taxes rose,", "Zelensky at a press conference"}}, ""},
		{"sentence goes on", "“We will win,” said Zelensky, and the crowd cheered.",
			raw{cue: "said", content: []string{"“We will win,”", "Zelensky"}}, ""},
	} {
		d := newDoc(c.text)
		r := c.r.build(t, d)
		n := len(r.content)
		d.sourceAfterQuote(&r)
		got := d.spanText(r.source)
		if got != c.source {
			t.Errorf("%s: source %q, want %q", c.name, got, c.source)
		}
		if moved := got != "" && c.r.source == ""; moved != (len(r.content) == n-1) {
			t.Errorf("%s: %d content pieces left of %d", c.name, len(r.content), n)
		}
	}
}

// TestCueGoldLabels: a gold cue of one token is labelled U, a longer one
// B, I … L, and cueEnd reads the spans back from those labels.
func TestCueGoldLabels(t *testing.T) {
	text := "He said that she has strongly denied it."
	d := newDoc(text)
	at := func(s string) annotate.Attribution {
		k := strings.Index(text, s)
		return annotate.Attribution{Cue: &annotate.Anchor{Start: k, End: k + len(s)}}
	}
	seqs := d.cueSeqs(10, []annotate.Attribution{at("said"), at("has strongly denied")}, true, nil, nil)
	if len(seqs) != 1 {
		t.Fatalf("%d sequences, want 1", len(seqs))
	}
	want := []uint8{cueO, cueU, cueO, cueO, cueB, cueI, cueL, cueO, cueO}
	if !slices.Equal(seqs[0].Gold, want) {
		t.Fatalf("labels %v, want %v", seqs[0].Gold, want)
	}
	var spans [][2]int
	for k := 0; k < len(want); {
		if want[k] == cueO {
			k++
			continue
		}
		e := cueEnd(want, k, cueLabels)
		spans = append(spans, [2]int{k, e})
		k = e
	}
	if !slices.Equal(spans, [][2]int{{1, 2}, {4, 7}}) {
		t.Errorf("spans %v, want [1 2] [4 7]", spans)
	}
}

// TestCueEnd: a cue ends after its last token, at a one-token cue, or
// where its inside tokens end when Viterbi gave it no last token; a
// three-label tagger's cue runs over its inside tokens.
func TestCueEnd(t *testing.T) {
	for _, c := range []struct {
		labs   []uint8
		k, L   int
		want   int
		reason string
	}{
		{[]uint8{cueB, cueI, cueL, cueI}, 0, cueLabels, 3, "through L, not past it"},
		{[]uint8{cueU, cueI, cueL}, 0, cueLabels, 1, "a one-token cue"},
		{[]uint8{cueB, cueI, cueO}, 0, cueLabels, 2, "no last token"},
		{[]uint8{cueB, cueU}, 0, cueLabels, 1, "a one-token cue next"},
		{[]uint8{cueO, cueL, cueO}, 1, cueLabels, 2, "a stray last token"},
		{[]uint8{cueB, cueI, cueI, cueO}, 0, 3, 3, "three labels"},
	} {
		if got := cueEnd(c.labs, c.k, c.L); got != c.want {
			t.Errorf("%s: %v from %d: end %d, want %d", c.reason, c.labs, c.k, got, c.want)
		}
	}
}

// TestCueStart: a cue that begins with a word and a clitic begins at the
// apostrophe, straight or curly, unless the word is one PolNeAR keeps
// whole ("it's").
func TestCueStart(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"He's said it.", "'s said it."},
		{"Trump’s proposal for walls.", "’s proposal for walls."},
		{"They're hoping.", "'re hoping."},
		{"It's clear.", "It's clear."},
		{"Said he.", "Said he."},
		{"O'Reilly said.", "O'Reilly said."},
	} {
		d := newDoc(c.text)
		rs := []rune(c.text)
		if got := string(rs[d.cueStart(0):]); got != c.want {
			t.Errorf("%q: cue from %q, want %q", c.text, got, c.want)
		}
	}
}
