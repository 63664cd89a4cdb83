package annotate

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"plain", "Hello, world.\n", "Hello, world.\n"},
		{"BOM dropped", "\uFEFFHeadline\nBody", "Headline\nBody"},
		{"joined files' BOMs dropped too", "\uFEFFone\n\uFEFFtwo\uFEFF", "one\ntwo"},
		{"CRLF", "one\r\ntwo\r\n", "one\ntwo\n"},
		{"lone CR", "one\rtwo\rthree", "one\ntwo\nthree"},
		{"CR CR LF", "a\r\r\nb", "a\n\nb"},
		{"NFC composes", "caf\u0065\u0301 and Zo\u0065\u0308", "café and Zoë"},
		{"NFC on combining after CRLF", "x\r\nA\u030A", "x\nÅ"},
		{"curly quotes, dashes, emoji kept", "“Yes,” she said – ‘maybe’ — 😀…", "“Yes,” she said – ‘maybe’ — 😀…"},
		{"tabs and form feeds are text", "col\tcol\fpage", "col\tcol\fpage"},
		{"leading and trailing spaces kept", "  indented\n\n", "  indented\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeText([]byte(tt.raw))
			if err != nil {
				t.Fatalf("NormalizeText(%q): %v", tt.raw, err)
			}
			if got != tt.want {
				t.Errorf("NormalizeText(%q) = %q, want %q", tt.raw, got, tt.want)
			}
			if !IsNormalized(got) {
				t.Errorf("IsNormalized(%q) = false for NormalizeText's own output", got)
			}
			again, err := NormalizeText([]byte(got))
			if err != nil || again != got {
				t.Errorf("NormalizeText is not idempotent: %q → %q, %v", got, again, err)
			}
		})
	}
}

func TestNormalizeTextErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want []string // substrings of the message
	}{
		{"NUL byte", []byte("abc\x00def"), []string{"binary", "NUL byte at byte 3"}},
		{"NUL after BOM counts input bytes", []byte("\uFEFFab\x00"), []string{"NUL byte at byte 5"}},
		{"invalid UTF-8", []byte("caf\xe9 au lait"), []string{"not valid UTF-8", "byte 3"}},
		{"invalid UTF-8 after multibyte", []byte("“ok” \xff"), []string{"not valid UTF-8", "byte 9"}},
		{"truncated sequence", []byte("ab\xe2\x80"), []string{"not valid UTF-8", "byte 2"}},
		{"invalid UTF-8 after BOM counts input bytes", []byte("\uFEFFab\xff"), []string{"byte 5"}},
		{"control characters", bytes.Repeat([]byte("a\x01"), 50), []string{"binary", "50 control characters"}},
		{"empty", nil, []string{"text is empty"}},
		{"only BOM", []byte("\uFEFF"), []string{"text is empty"}},
		{"whitespace only", []byte(" \r\n\t \n"), []string{"text is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeText(tt.raw)
			if err == nil {
				t.Fatalf("NormalizeText(%q) = %q, want an error", tt.raw, got)
			}
			if code := ErrorCode(err); code != EINVALID {
				t.Errorf("code = %q, want %q", code, EINVALID)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestNormalizeTextTooLarge(t *testing.T) {
	raw := bytes.Repeat([]byte("a"), 50<<20) // 50 MB, allocated once
	_, err := NormalizeText(raw)
	if err == nil {
		t.Fatal("NormalizeText accepted a 50 MB text")
	}
	if ErrorCode(err) != EINVALID {
		t.Errorf("code = %q, want %q", ErrorCode(err), EINVALID)
	}
	if want := "text is 50 MB; the limit is 16 MB"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	// One byte over the limit is refused, the limit itself is not.
	if _, err := NormalizeText(raw[:MaxTextBytes+1]); err == nil {
		t.Error("NormalizeText accepted MaxTextBytes+1 bytes")
	}
	if _, err := NormalizeText(raw[:MaxTextBytes]); err != nil {
		t.Errorf("NormalizeText refused exactly MaxTextBytes: %v", err)
	}
}

func TestIsNormalized(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"café “quoted” 😀\n", true},
		{"cafe\u0301", false},
		{"a\r\nb", false},
		{"\uFEFFa", false},
		{"a\x00b", false},
		{"a\xffb", false},
	}
	for _, tt := range tests {
		if got := IsNormalized(tt.s); got != tt.want {
			t.Errorf("IsNormalized(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestTextHash(t *testing.T) {
	// sha256 of "abc", from FIPS 180-2.
	if got, want := TextHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("TextHash(abc) = %s, want %s", got, want)
	}
}

// anchorText has curly quotes, an em dash, an emoji (one code point, four
// bytes, two UTF-16 units) and an accent that NFC composes: byte, UTF-16 and
// code point offsets all differ in it.
func anchorText(t *testing.T) *Text {
	t.Helper()
	s, err := NormalizeText([]byte("Le Pre\u0301sident 😀 said “we will — certainly — win” in Montréal, then left the podium without taking questions from reporters."))
	if err != nil {
		t.Fatal(err)
	}
	return NewText(s)
}

func TestTextAnchor(t *testing.T) {
	text := anchorText(t)
	if got, want := text.Len(), utf8.RuneCountInString(text.String()); got != want {
		t.Fatalf("Len = %d, want %d code points", got, want)
	}
	// Code points: "Le Président " is 13 (é composed), "😀" is 1.
	tests := []struct {
		name          string
		start, end    int
		exact         string
		prefix, suffx string
	}{
		{"composed accent", 3, 12, "Président", "Le ", " 😀 said “we will — certainly — w"},
		{"emoji is one code point", 13, 14, "😀", "Le Président ", " said “we will — certainly — win"},
		{"curly quote span", 20, 47, "“we will — certainly — win”", "Le Président 😀 said ", " in Montréal, then left the podi"},
		{"em dash", 29, 30, "—", "Le Président 😀 said “we will ", " certainly — win” in Montréal, t"},
		{"start of text", 0, 2, "Le", "", " Président 😀 said “we will — cer"},
		{"end of text, prefix cut to 32", 112, 122, "reporters.", "m without taking questions from ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := text.Anchor(tt.start, tt.end)
			if err != nil {
				t.Fatalf("Anchor(%d, %d): %v", tt.start, tt.end, err)
			}
			want := Anchor{Start: tt.start, End: tt.end, Exact: tt.exact, Prefix: tt.prefix, Suffix: tt.suffx}
			if a != want {
				t.Errorf("Anchor(%d, %d) =\n %+v\nwant\n %+v", tt.start, tt.end, a, want)
			}
			if a.Len() != utf8.RuneCountInString(a.Exact) {
				t.Errorf("Len = %d, exact has %d code points", a.Len(), utf8.RuneCountInString(a.Exact))
			}
			if p, s := utf8.RuneCountInString(a.Prefix), utf8.RuneCountInString(a.Suffix); p > ContextLen || s > ContextLen {
				t.Errorf("context is %d/%d code points, more than %d", p, s, ContextLen)
			}
			if err := text.Check("anchor", a); err != nil {
				t.Errorf("Check of a fresh anchor: %v", err)
			}
		})
	}
}

func TestTextAnchorContextIs32CodePoints(t *testing.T) {
	// 40 emoji either side: the context is 32 emoji, 128 bytes, not 32 bytes.
	e := strings.Repeat("😀", 40)
	text := NewText(e + "X" + e)
	a, err := text.Anchor(40, 41)
	if err != nil {
		t.Fatal(err)
	}
	if a.Exact != "X" || a.Prefix != strings.Repeat("😀", 32) || a.Suffix != strings.Repeat("😀", 32) {
		t.Errorf("Anchor(40, 41) = %+v, want X with 32 emoji either side", a)
	}
}

func TestTextAnchorErrors(t *testing.T) {
	text := anchorText(t)
	n := text.Len()
	tests := []struct {
		name       string
		start, end int
		want       string
	}{
		{"negative start", -1, 3, "anchor: start -1 is negative"},
		{"empty", 5, 5, "anchor: end 5 is not after start 5"},
		{"reversed", 6, 5, "anchor: end 5 is not after start 6"},
		{"past the end", n - 1, n + 1, "anchor: end " + itoa(n+1) + " is past the end of the text (" + itoa(n) + " code points)"},
		{"byte length is not code point length", 0, len(text.String()), "past the end of the text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := text.Anchor(tt.start, tt.end)
			if err == nil {
				t.Fatalf("Anchor(%d, %d) succeeded", tt.start, tt.end)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %q, want %q", ErrorCode(err), EINVALID)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestTextCheck(t *testing.T) {
	text := anchorText(t)
	good, err := text.Anchor(20, 47)
	if err != nil {
		t.Fatal(err)
	}
	with := func(f func(*Anchor)) Anchor { a := good; f(&a); return a }
	tests := []struct {
		name  string
		field string
		a     Anchor
		want  string // "" for valid
	}{
		{"good", "content[0]", good, ""},
		{"no context", "content[0]", with(func(a *Anchor) { a.Prefix, a.Suffix = "", "" }), ""},
		{"shorter context", "content[0]", with(func(a *Anchor) { a.Prefix, a.Suffix = "😀 said ", " in Montréal" }), ""},
		{"wrong prefix", "content[0]", with(func(a *Anchor) { a.Prefix = "elsewhere" }),
			`content[0].prefix: "elsewhere" is not the text before the quote`},
		{"wrong suffix", "claims", with(func(a *Anchor) { a.Suffix = " in Montreal" }),
			`claims.suffix: " in Montreal" is not the text after the quote`},
		{"prefix longer than 32", "content[0]", with(func(a *Anchor) {
			a.Start, a.End, a.Exact, a.Prefix = 121, 122, ".", string([]rune(text.String())[88:121])
		}),
			"content[0].prefix: "},
		{"straight quotes for curly", "content[0]", with(func(a *Anchor) { a.Exact = `"we will — certainly — win"` }),
			`content[0]: quote "\"we will — certainly — win\"" does not match the text at 20–47, which reads "“we will — certainly — win”"`},
		{"hyphen for em dash", "cue", with(func(a *Anchor) { a.Exact = "“we will - certainly - win”" }), "cue: quote"},
		{"byte offsets", "source", with(func(a *Anchor) {
			a.Start = strings.Index(text.String(), "“")
			a.End = a.Start + len("“we will — certainly — win”")
		}), "source: "},
		{"decomposed quote", "target", Anchor{Start: 3, End: 12, Exact: "Pre\u0301sident"}, "target: quote"},
		{"negative", "anchors[2]", with(func(a *Anchor) { a.Start = -4 }), "anchors[2]: start -4 is negative"},
		{"empty", "anchors[0]", with(func(a *Anchor) { a.End = a.Start }), "anchors[0]: end 20 is not after start 20"},
		{"out of range", "target", with(func(a *Anchor) { a.End = 1000 }), "target: end 1000 is past the end of the text"},
		{"long quote clipped in message", "content[1]", with(func(a *Anchor) { a.Exact = strings.Repeat("x", 27) + strings.Repeat("y", 50) }),
			`content[1]: quote "` + strings.Repeat("x", 27) + strings.Repeat("y", 10) + `…" does not match`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := text.Check(tt.field, tt.a)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check(%+v): %v", tt.a, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check(%+v) = nil, want %q", tt.a, tt.want)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %q, want %q", ErrorCode(err), EINVALID)
			}
			if !strings.HasPrefix(err.Error(), tt.field) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to name %s and contain %q", err, tt.field, tt.want)
			}
		})
	}
}

func TestTextReanchor(t *testing.T) {
	text := anchorText(t)
	// An anchor from another tool with no context, or with less of it.
	in := Anchor{Start: 13, End: 14, Exact: "😀", Prefix: "", Suffix: " said"}
	got, err := text.Reanchor("target", in)
	if err != nil {
		t.Fatal(err)
	}
	want := Anchor{Start: 13, End: 14, Exact: "😀", Prefix: "Le Président ", Suffix: " said “we will — certainly — win"}
	if got != want {
		t.Errorf("Reanchor = %+v, want %+v", got, want)
	}
	_, err = text.Reanchor("target", Anchor{Start: 13, End: 14, Exact: ":)"})
	if err == nil || !strings.HasPrefix(err.Error(), "target: quote") {
		t.Errorf("Reanchor of a wrong quote: %v, want a target: quote error", err)
	}
	_, err = text.Reanchor("cue", Anchor{Start: -1, End: 2, Exact: "Le"})
	if err == nil || err.Error() != "cue: start -1 is negative" {
		t.Errorf("Reanchor of a negative start: %v", err)
	}
}

func TestAnchorOverlaps(t *testing.T) {
	tests := []struct {
		a, b Anchor
		want bool
	}{
		{Anchor{Start: 0, End: 5}, Anchor{Start: 5, End: 9}, false},
		{Anchor{Start: 0, End: 6}, Anchor{Start: 5, End: 9}, true},
		{Anchor{Start: 2, End: 3}, Anchor{Start: 0, End: 9}, true},
		{Anchor{Start: 9, End: 10}, Anchor{Start: 0, End: 9}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Overlaps(tt.b); got != tt.want {
			t.Errorf("%v.Overlaps(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Overlaps(tt.a); got != tt.want {
			t.Errorf("%v.Overlaps(%v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}
