package suggest

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// anchorOf is the anchor of the first phrase in text at or after from (in
// code points).
func anchorOf(t *testing.T, text, phrase string, from int) annotate.Anchor {
	t.Helper()
	runes := []rune(text)
	i := strings.Index(string(runes[from:]), phrase)
	if i < 0 {
		t.Fatalf("%q is not in the text", phrase)
	}
	start := from + len([]rune(string(runes[from:])[:i]))
	return annotate.Anchor{Start: start, End: start + len([]rune(phrase)), Exact: phrase}
}

func TestCueBeside(t *testing.T) {
	text := "The council met on Tuesday.\n" +
		"“The budget is sound on paper,” Mr. Ortiz said, “but paper is where projects look their best.”\n" +
		"Mayor Ingrid Halvorsen opened the session.\n"
	content := []annotate.Anchor{anchorOf(t, text, "“The budget is sound on paper,”", 0)}
	cue, ok := CueBeside(text, anchorOf(t, text, "Mr. Ortiz", 0), content)
	if want := anchorOf(t, text, "said", 0); !ok || cue != want {
		t.Errorf("CueBeside(Mr. Ortiz) = %+v, %v; want %+v", cue, ok, want)
	}
	// No reporting word near the mayor: no cue.
	if cue, ok := CueBeside(text, anchorOf(t, text, "Mayor Ingrid Halvorsen", 0), nil); ok {
		t.Errorf("CueBeside(Mayor Ingrid Halvorsen) = %+v, want none", cue)
	}
	// A cue inside the content is not the source's.
	whole := []annotate.Anchor{{Start: content[0].Start, End: anchorOf(t, text, "best.”", 0).End}}
	if cue, ok := CueBeside(text, anchorOf(t, text, "Mr. Ortiz", 0), whole); ok {
		t.Errorf("CueBeside with the cue inside the content = %+v, want none", cue)
	}
	// A source out of the text or across a line end finds nothing.
	for _, s := range []annotate.Anchor{{Start: 5000, End: 5003}, {Start: 20, End: 40}, {Start: 3, End: 3}} {
		if cue, ok := CueBeside(text, s, nil); ok {
			t.Errorf("CueBeside(%v) = %+v, want none", s, cue)
		}
	}
}
