package annotate

import "testing"

func TestStepWord(t *testing.T) {
	text := NewText("Mr. Macron said, “we will win.”  Élysée — next")
	span := func(s, e int) string { return text.Slice(s, e) }
	find := func(sub string) (int, int) {
		r := []rune(text.String())
		for i := range r {
			if j := i + len([]rune(sub)); j <= len(r) && string(r[i:j]) == sub {
				return i, j
			}
		}
		t.Fatalf("%q not in the text", sub)
		return 0, 0
	}
	tests := []struct {
		name        string
		span        string
		atEnd, grow bool
		want        string
	}{
		{"grow end", "Macron", true, true, "Macron said,"},
		{"grow end over two spaces", "win.”", true, true, "win.”  Élysée"},
		{"grow end at the text's end stays", "next", true, true, "next"},
		{"shrink end", "Macron said,", true, false, "Macron"},
		{"shrink end of one word stays", "Macron", true, false, "Macron"},
		{"shrink end drops the space left", "said, “we", true, false, "said,"},
		{"grow start", "said,", false, true, "Macron said,"},
		{"grow start at the text's start stays", "Mr.", false, true, "Mr."},
		{"grow start over a dash", "next", false, true, "— next"},
		{"shrink start", "Mr. Macron said,", false, false, "Macron said,"},
		{"shrink start of one word stays", "said,", false, false, "said,"},
		{"grow end of a part word takes the word's rest", "Mac", true, true, "Macron"},
		{"shrink end of a part word drops it", "Macron sa", true, false, "Macron"},
		{"shrink end trims trailing space first", "win.”  ", true, false, "win.”"},
		{"shrink start trims leading space first", "  Élysée", false, false, "Élysée"},
		{"shrink end of a word and a space trims the space", "Macron ", true, false, "Macron"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := find(tt.span)
			gs, ge := text.StepWord(s, e, tt.atEnd, tt.grow)
			if got := span(gs, ge); got != tt.want {
				t.Errorf("StepWord(%q, atEnd=%v, grow=%v) = %q, want %q", tt.span, tt.atEnd, tt.grow, got, tt.want)
			}
		})
	}
}

func TestStepWordRefusesBadSpans(t *testing.T) {
	text := NewText("one two")
	for _, sp := range [][2]int{{3, 3}, {-1, 2}, {0, 8}, {5, 2}} {
		if s, e := text.StepWord(sp[0], sp[1], true, true); s != sp[0] || e != sp[1] {
			t.Errorf("StepWord(%v) = %d, %d; want it unchanged", sp, s, e)
		}
	}
}
