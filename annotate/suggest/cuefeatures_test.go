package suggest

import "testing"

func TestPossessiveBefore(t *testing.T) {
	for _, tc := range []struct {
		text string
		tok  int
		want string
	}{
		{"Trump's support for the wall", 1, "poss"},
		{"his call for unity", 1, "ppro"},
		{"Their plan failed", 1, "ppro"},
		{"support for the wall", 0, "-"},
		{"he said so", 1, "-"},
		{"Trump's\nsupport grew", 1, "-"}, // the possessive ends the paragraph before
	} {
		d := newDoc(tc.text)
		if got := d.possessiveBefore(tc.tok); got != tc.want {
			t.Errorf("%q token %d (%q): got %q, want %q", tc.text, tc.tok, d.toks[tc.tok].Text, got, tc.want)
		}
	}
}

func TestQuoteAhead(t *testing.T) {
	for _, tc := range []struct {
		text string
		tok  int
		want string
	}{
		{"He said, “We will win.”", 1, "2"},
		{"He said: “We will win.”", 1, "2"},
		{"He said that they would “win big.”", 1, "4-5"},
		{"He said nothing.", 1, "-"},
		{"He said\n“We will win.”", 1, "-"},                        // the quotation opens in the next paragraph
		{"He said a b c d e f g h i j k l “m”", 1, "-"},            // too far ahead
		{"“We will win,” he said, “and soon.”", 7, "2"},            // the next quotation, not the one before
		{"He said it was, in his words, a “disaster.”", 1, "9-12"}, // within twelve
	} {
		d := newDoc(tc.text)
		if got := d.quoteAhead(tc.tok); got != tc.want {
			t.Errorf("%q token %d (%q): got %q, want %q", tc.text, tc.tok, d.toks[tc.tok].Text, got, tc.want)
		}
	}
}

func TestChainAddScaled(t *testing.T) {
	a, b := newChain(3, 8, 1), newChain(3, 8, 1)
	a.W[5], a.T[2] = 1, -2
	b.W[5], b.W[7], b.T[2] = 3, 4, 6
	a.addScaled(b, 0.5)
	if a.W[5] != 2.5 || a.W[7] != 2 || a.T[2] != 1 || a.W[0] != 0 {
		t.Errorf("got W[5]=%v W[7]=%v T[2]=%v W[0]=%v, want 2.5 2 1 0", a.W[5], a.W[7], a.T[2], a.W[0])
	}
}

func TestSuffixPrefix(t *testing.T) {
	for _, tc := range []struct {
		w         string
		n         int
		suf, pre  string
		preLonger bool
	}{
		{"accused", 3, "sed", "acc", true},
		{"said", 4, "said", "said", false},
		{"on", 3, "on", "on", false},
		{"", 2, "", "", false},
		{"déclaré", 2, "ré", "dé", true},
		{"naïveté", 4, "veté", "naïv", true},
	} {
		if got := suffix(tc.w, tc.n); got != tc.suf {
			t.Errorf("suffix(%q, %d) = %q, want %q", tc.w, tc.n, got, tc.suf)
		}
		if got, longer := prefix(tc.w, tc.n); got != tc.pre || longer != tc.preLonger {
			t.Errorf("prefix(%q, %d) = %q, %v, want %q, %v", tc.w, tc.n, got, longer, tc.pre, tc.preLonger)
		}
	}
}
