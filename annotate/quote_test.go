package annotate

import (
	"strings"
	"testing"
)

func TestAnchorQuote(t *testing.T) {
	text := NewText("He said yes. She said no. They said yes, twice: said yes.\nÉtude – “said yes”.")
	said := func(n int) int { // start of the nth "said yes" (0-based)
		s := text.String()
		i := -1
		for ; n >= 0; n-- {
			i += 1 + strings.Index(s[i+1:], "said yes")
		}
		return text.cpAt(i)
	}
	tests := []struct {
		name                  string
		exact, prefix, suffix string
		hint                  int
		want                  int // start, or -1 for refused
	}{
		{"at the hint", "said yes", "They ", ", twice", said(1), said(1)},
		{"stale hint, context decides", "said yes", "They ", ", twice", said(1) + 5, said(1)},
		{"no hint, context decides", "said yes", "twice: ", ".\nÉ", -1, said(2)},
		{"ambiguous without context", "said yes", "", "", -1, -1},
		{"ambiguous, nearest to hint", "said yes", "", "", said(2) - 2, said(2)},
		{"unique", "She said no", "", "", -1, text.cpAt(strings.Index(text.String(), "She"))},
		{"non-ASCII", "“said yes”", "Étude – ", ".", -1, text.Len() - 11},
		{"absent", "said maybe", "", "", 3, -1},
		{"context disagrees", "She said no", "xxxxxxxxxxxxxxxx", "yyyyyyyyyyyyy", -1, -1},
		{"long and unique though context changed", "They said yes, twice", "zzz", "qqq", -1, text.cpAt(strings.Index(text.String(), "They"))},
		{"one side agrees", "He said", "", "qqqq", -1, 0},
		{"tails of context agree", "said yes", "zzzzzzzzzzo. They ", ", twice:zzzzzzz", -1, said(1)},
		{"empty", "", "", "", 0, -1},
		{"longer than the text", strings.Repeat("x", 200), "", "", 0, -1},
	}
	for _, tt := range tests {
		a, ok := AnchorQuote(text, tt.exact, tt.prefix, tt.suffix, tt.hint)
		switch {
		case tt.want < 0 && ok:
			t.Errorf("%s: anchored at %d, want refused", tt.name, a.Start)
		case tt.want >= 0 && (!ok || a.Start != tt.want || a.Exact != tt.exact):
			t.Errorf("%s: %v at %d %q, want %d", tt.name, ok, a.Start, a.Exact, tt.want)
		case ok && text.Check("", a) != nil:
			t.Errorf("%s: anchor %+v is not valid: %v", tt.name, a, text.Check("", a))
		}
	}
	if a, ok := AnchorQuote(NewText("ab--ab"), "ab", "", "", 2); ok {
		t.Errorf("two occurrences as near the hint: anchored at %d, want refused", a.Start)
	}
}

func FuzzAnchorQuote(f *testing.F) {
	f.Add("He said yes. She said no.", "said", "He ", " yes", 3)
	f.Add("ab--ab", "ab", "", "", 2)
	f.Add("Étude “x” é", "é", "", "", -1)
	f.Fuzz(func(t *testing.T, s, exact, prefix, suffix string, hint int) {
		norm, err := NormalizeText([]byte(s))
		if err != nil {
			return
		}
		text := NewText(norm)
		a, ok := AnchorQuote(text, exact, prefix, suffix, hint)
		if !ok {
			return
		}
		if a.Exact != exact || text.Check("", a) != nil {
			t.Fatalf("anchor %+v for %q is wrong: %v", a, exact, text.Check("", a))
		}
	})
}
