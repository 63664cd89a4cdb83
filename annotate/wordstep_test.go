package annotate

import (
	"strings"
	"testing"
)

// span marks a span with brackets: "a [b c] d" is the anchor of "b c".
func span(t *testing.T, marked string) (*Text, Anchor) {
	t.Helper()
	start := len([]rune(marked[:strings.Index(marked, "[")]))
	plain := strings.NewReplacer("[", "", "]", "").Replace(marked)
	end := start + len([]rune(marked[strings.Index(marked, "[")+1:strings.Index(marked, "]")]))
	text := NewText(plain)
	a, err := text.Anchor(start, end)
	if err != nil {
		t.Fatalf("%q: %v", marked, err)
	}
	return text, a
}

// marked writes a's span of text with brackets, as span reads it.
func marked(text *Text, a Anchor) string {
	return text.Slice(0, a.Start) + "[" + a.Exact + "]" + text.Slice(a.End, text.Len())
}

func TestWordSteps(t *testing.T) {
	tests := []struct {
		name, in string
		grow     bool
		atEnd    bool
		want     string // "" when the step is refused
	}{
		{"grow end over a space", "[Russia] invaded Ukraine.", true, true, "[Russia invaded] Ukraine."},
		{"grow end takes the full stop alone", "Russia invaded [Ukraine]. Then", true, true, "Russia invaded [Ukraine.] Then"},
		{"grow end at the text's end", "Russia invaded [Ukraine]", true, true, ""},
		{"grow end only spaces left", "Russia [invaded]  ", true, true, ""},
		{"grow end stops at a line break", "Russia [invaded]\nUkraine", true, true, ""},
		{"grow end from inside a word", "[Russia inv]aded Ukraine", true, true, "[Russia invaded] Ukraine"},
		{"grow end keeps a possessive whole", "[Emmanuel] Macron’s plan", true, true, "[Emmanuel Macron’s] plan"},
		{"grow end keeps a decimal whole", "[rose] 3.5 percent", true, true, "[rose 3.5] percent"},
		{"grow end keeps an amount with its currency", "[cost] €412 million", true, true, "[cost €412] million"},
		{"shrink start drops an amount with its currency", "[€412 million]", false, false, "€412 [million]"},
		{"grow end takes a lone currency sign alone", "[in] € terms", true, true, "[in €] terms"},
		{"grow end takes closing punctuation together", "“[We agreed].” Then", true, true, "“[We agreed.”] Then"},
		{"grow end over a dash", "[Russia] – which", true, true, "[Russia –] which"},
		{"grow start", "Russia [invaded] Ukraine", true, false, "[Russia invaded] Ukraine"},
		{"grow start at the text's start", "[Russia] invaded", true, false, ""},
		{"grow start takes an opening quote", "said “[We] agreed", true, false, "said [“We] agreed"},
		{"grow start from inside a word", "Russia in[vaded] Ukraine", true, false, "Russia [invaded] Ukraine"},
		{"grow start stops at a line break", "Russia\n[invaded]", true, false, ""},
		{"grow start with accents", "élan [vital]", true, false, "[élan vital]"},
		{"shrink end", "[Russia invaded Ukraine] now", false, true, "[Russia invaded] Ukraine now"},
		{"shrink end drops a full stop", "[Russia invaded Ukraine.] Then", false, true, "[Russia invaded Ukraine]. Then"},
		{"shrink end drops a partial word", "[Russia inv]aded", false, true, "[Russia] invaded"},
		{"shrink end drops trailing spaces first", "[Russia invaded ] x", false, true, "[Russia invaded]  x"},
		{"shrink end of one word", "a [Russia] b", false, true, ""},
		{"shrink start", "[Russia invaded Ukraine]", false, false, "Russia [invaded Ukraine]"},
		{"shrink start drops a quote mark", "[“We agreed]", false, false, "“[We agreed]"},
		{"shrink start of one word", "a [Russia] b", false, false, ""},
		{"shrink start of one word and punctuation", "[Russia.]", false, false, "Russia[.]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, a := span(t, tt.in)
			got, ok := step(text, a, tt.atEnd, tt.grow)
			if tt.want == "" {
				if ok || got != a {
					t.Fatalf("step gave %q (ok %v), want it refused", marked(text, got), ok)
				}
				return
			}
			if !ok || marked(text, got) != tt.want {
				t.Fatalf("step gave %q (ok %v), want %q", marked(text, got), ok, tt.want)
			}
			if err := text.Check("anchor", got); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestWordStepsUndo checks that a grow then a shrink at the same edge gives
// the span back, on every word boundary of a sentence, abbreviations too.
func TestWordStepsUndo(t *testing.T) {
	for _, sentence := range []string{
		"President Emmanuel Macron, from France, promised Thursday that a “coalition of volunteers” would continue – he said.",
		"Mr. Macron told Dr. J. Smith of the U.S. France, e.g. Paris, said so at 9 a.m. Then Gen. Hale agreed.",
	} {
		text := NewText(sentence)
		for _, atEnd := range []bool{true, false} {
			at := len([]rune(text.String()[:strings.Index(text.String(), "France")]))
			a, _ := text.Anchor(at, at+len("France"))
			for {
				b, ok := text.GrowWord(a, atEnd)
				if !ok {
					break
				}
				if back, ok := text.ShrinkWord(b, atEnd); !ok || back.Start != a.Start || back.End != a.End {
					t.Fatalf("shrinking %q gave %q, want %q", b.Exact, back.Exact, a.Exact)
				}
				a = b
			}
			if atEnd && a.End != text.Len() || !atEnd && a.Start != 0 {
				t.Fatalf("growing stopped at %q", a.Exact)
			}
		}
	}
}

func step(text *Text, a Anchor, atEnd, grow bool) (Anchor, bool) {
	if grow {
		return text.GrowWord(a, atEnd)
	}
	return text.ShrinkWord(a, atEnd)
}

// TestWordStepsOfTheEditors are the cases of the editors' former StepWord,
// which took space-delimited words; the word steps now count a run of
// punctuation as a word (“said,” shrinks to “said”), and the expectations
// marked "was" changed with that. want is the span after the step, the span
// itself when the step is refused.
func TestWordStepsOfTheEditors(t *testing.T) {
	text := NewText("Mr. Macron said, “we will win.”  Élysée — next")
	find := func(sub string) Anchor {
		i := strings.Index(text.String(), sub)
		if i < 0 {
			t.Fatalf("%q not in the text", sub)
		}
		start := len([]rune(text.String()[:i]))
		return Anchor{Start: start, End: start + len([]rune(sub)), Exact: sub}
	}
	tests := []struct {
		name        string
		span        string
		atEnd, grow bool
		want        string
	}{
		{"grow end", "Macron", true, true, "Macron said"}, // was "Macron said,"
		{"grow end over two spaces", "win.”", true, true, "win.”  Élysée"},
		{"grow end at the text's end stays", "next", true, true, "next"},
		{"shrink end", "Macron said,", true, false, "Macron said"}, // was "Macron"
		{"shrink end of one word stays", "Macron", true, false, "Macron"},
		{"shrink end drops the quote mark left", "said, “we", true, false, "said, “"}, // was "said,"
		{"grow start", "said,", false, true, "Macron said,"},
		{"grow start at the text's start stays", "Mr.", false, true, "Mr."},
		{"grow start over a dash", "next", false, true, "— next"},
		{"shrink start", "Mr. Macron said,", false, false, "Macron said,"},
		{"shrink start of one word leaves its comma", "said,", false, false, ","}, // was "said,"
		{"grow end of a part word takes the word's rest", "Mac", true, true, "Macron"},
		{"shrink end of a part word drops it", "Macron sa", true, false, "Macron"},
		{"shrink end trims trailing space first", "win.”  ", true, false, "win.”"},
		{"shrink start trims leading space first", "  Élysée", false, false, "Élysée"},
		{"shrink end of a word and a space trims the space", "Macron ", true, false, "Macron"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := find(tt.span)
			got, ok := step(text, a, tt.atEnd, tt.grow)
			if got.Exact != tt.want || ok != (tt.want != tt.span) {
				t.Errorf("step(%q, atEnd=%v, grow=%v) = %q (ok %v), want %q", tt.span, tt.atEnd, tt.grow, got.Exact, ok, tt.want)
			}
		})
	}
}

// TestWordStepsRefuseBadSpans: a span that is empty, reversed or out of the
// text is left as it is, at either edge, growing or shrinking.
func TestWordStepsRefuseBadSpans(t *testing.T) {
	text := NewText("one two")
	for _, sp := range [][2]int{{3, 3}, {-1, 2}, {0, 8}, {5, 2}} {
		a := Anchor{Start: sp[0], End: sp[1]}
		for _, atEnd := range []bool{true, false} {
			for _, grow := range []bool{true, false} {
				if got, ok := step(text, a, atEnd, grow); ok || got != a {
					t.Errorf("step(%v, atEnd=%v, grow=%v) = %d, %d (ok %v); want it refused", sp, atEnd, grow, got.Start, got.End, ok)
				}
			}
		}
	}
}

// TestWordStepsTakeAnAbbreviationWhole: an abbreviation's period is part
// of its word, told by the abbreviation's form, so that one step takes
// “Mr.” or “U.S.”; a period after any other word, an acronym or a number
// stays a step of its own.
func TestWordStepsTakeAnAbbreviationWhole(t *testing.T) {
	tests := []struct {
		name, in string
		grow     bool
		atEnd    bool
		want     string
	}{
		{"grow start over a title", "Mr. [Macron] said", true, false, "[Mr. Macron] said"},
		{"grow end over a title", "said [Dr.] Smith", true, true, "said [Dr. Smith]"},
		{"grow end from inside a title takes its period", "[Mr]. Macron", true, true, "[Mr.] Macron"},
		{"grow end over St.", "in [the] St. Louis area", true, true, "in [the St.] Louis area"},
		{"grow end over a dotted abbreviation", "[the] U.S. said", true, true, "[the U.S.] said"},
		{"grow end over a dotted abbreviation at the sentence's end", "[the] U.S. Then", true, true, "[the U.S.] Then"},
		{"grow end over e.g.", "[as,] e.g. here", true, true, "[as, e.g.] here"},
		{"grow end over a.m.", "[at] 9 a.m. sharp", true, true, "[at 9] a.m. sharp"},
		{"grow end over Ph.D.", "[a] Ph.D. thesis", true, true, "[a Ph.D.] thesis"},
		{"grow end over an initial", "[Maria] V. Zakharova", true, true, "[Maria V.] Zakharova"},
		{"grow start over an initial", "Maria V. [Zakharova]", true, false, "Maria [V. Zakharova]"},
		{"grow end over a titled vowel abbreviation", "[said] Gen. Smith", true, true, "[said Gen.] Smith"},
		{"grow end over etc.", "[and] etc. more", true, true, "[and etc.] more"},
		{"shrink end drops a title whole", "[said Mr.] Macron", false, true, "[said] Mr. Macron"},
		{"shrink start drops a title whole", "[Mr. Macron]", false, false, "Mr. [Macron]"},
		{"shrink start drops a dotted abbreviation whole", "[U.S. forces]", false, false, "U.S. [forces]"},
		{"a word keeps its sentence's period apart", "[Russia] invaded Ukraine. Then", true, true, "[Russia invaded] Ukraine. Then"},
		{"a short word keeps its sentence's period apart", "we met [him]. Then", true, true, "we met [him.] Then"},
		{"a word with y keeps its period apart", "it will [fly]. Then", true, true, "it will [fly.] Then"},
		{"an acronym keeps its period apart", "told [CNN]. Then", true, true, "told [CNN.] Then"},
		{"a number keeps its period apart", "in [2024]. Then", true, true, "in [2024.] Then"},
		{"a web address keeps its period apart", "at [bbc.co.uk]. Then", true, true, "at [bbc.co.uk.] Then"},
		{"a word's tail is no initial", "an [x-ray]. Then", true, true, "an [x-ray.] Then"},
		{"a possessive's s is no initial", "[Macron’s]. Then", true, true, "[Macron’s.] Then"},
		{"the pronoun I is no initial", "as did [I]. Then", true, true, "as did [I.] Then"},
		{"a small letter alone is no initial", "plan [a]. Then", true, true, "plan [a.] Then"},
		{"an ellipsis after a title stays apart", "[Mr]... no", true, true, "[Mr...] no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, a := span(t, tt.in)
			got, ok := step(text, a, tt.atEnd, tt.grow)
			if tt.want == "" {
				if ok || got != a {
					t.Fatalf("step gave %q (ok %v), want it refused", marked(text, got), ok)
				}
				return
			}
			if !ok || marked(text, got) != tt.want {
				t.Fatalf("step gave %q (ok %v), want %q", marked(text, got), ok, tt.want)
			}
		})
	}
}
