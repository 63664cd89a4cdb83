package suggest

import (
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
