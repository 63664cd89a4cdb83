package suggest

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want string // tokens joined by |
	}{
		{"Mr. Macron said 3.5 percent.", "Mr.|Macron|said|3.5|percent|."},
		{"The U.S. spent $1,000 on Sept. 11.", "The|U.S.|spent|$|1,000|on|Sept.|11|."},
		{"Maria V. Zakharova’s “word”", "Maria|V.|Zakharova’s|“|word|”"},
		{"a cease-fire, he said:", "a|cease-fire|,|he|said|:"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range tokenize([]rune(tt.text), tt.text) {
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("tokenize(%q) = %s, want %s", tt.text, g, tt.want)
		}
	}
}

func TestTokenOffsetsAreCodePoints(t *testing.T) {
	text := "Élysée: “Zelensky’s” plan"
	rs := []rune(text)
	for _, tk := range tokenize(rs, text) {
		if string(rs[tk.Start:tk.End]) != tk.Text {
			t.Errorf("token %q at %d–%d reads %q", tk.Text, tk.Start, tk.End, string(rs[tk.Start:tk.End]))
		}
	}
}

func TestSentencesAndQuotes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"stops", "Russia invaded in 2022. Mr. Trump did not. Why?", []string{"Russia invaded in 2022.", "Mr. Trump did not.", "Why?"}},
		{"quote ends", "“It is clear,” said Starmer. “Nothing has yet been excluded.” Then he left.",
			[]string{"“It is clear,” said Starmer.", "“Nothing has yet been excluded.”", "Then he left."}},
		{"stray mark stays", "We look at the sea. “\nNext line.", []string{"We look at the sea. “", "Next line."}},
		{"lines", "Title\nBody text here", []string{"Title", "Body text here"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(tt.text)
			var got []string
			for _, s := range d.sentences() {
				got = append(got, d.spanText(s))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("sentences %q, want %q", got, tt.want)
			}
		})
	}
	d := newDoc(`He said "we won" and left.`)
	var in []string
	for _, tk := range d.toks {
		if tk.InQuote {
			in = append(in, tk.Text)
		}
	}
	if strings.Join(in, " ") != "we won" {
		t.Errorf("inside straight quotes: %q, want [we won]", in)
	}
}
