package suggest

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/factmark/factmark/internal/testcorpus"
)

// TestNewDocInPartsIsOneDoc checks that a text prepared in parts, on a
// goroutine each, gives the doc one part gives, and that one part gives
// tokenize's tokens: the same tokens, paragraphs, sentence numbers across
// the cuts, quotations and indexes.
func TestNewDocInPartsIsOneDoc(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join(testcorpus.Dir(t, "corpus"), "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	debate, _ := transcriptText(t, 1<<18)
	if n := len(lineCuts(debate, 4)) - 1; n != 4 {
		t.Fatalf("the 256 KB debate is cut in %d parts, want 4", n)
	}
	edges := []string{
		"", "\n", "\n\n", "no line end at all.", "ends with lines.\n\n\n",
		"\uFEFFA headline\n\nMr. Macron said “it is clear.\nStill open. Then” he left.\n",
		"  \n\t\n“\n”\nWe look at the sea. “\nNext line.\n\"straight\n\" quotes\"\n",
		"TRUMP: We won. 3.5 percent.\nCLINTON: No! U.S. Sept. 11.\n\nQ. Why?\n",
	}
	// Text with more tokens than tokenRoom makes room for, so that parts
	// outgrow their shares: at the start, at the end, throughout.
	dense := strings.Repeat("1 ; 2 ; 3\n", 20000)
	some := debate[:100000+strings.IndexByte(debate[100000:], '\n')+1]
	if len(tokenize([]rune(dense), dense)) <= tokenRoom(len(dense)) {
		t.Fatal("the dense text fits in tokenRoom")
	}
	texts := map[string]string{"seed": string(seed), "debate": debate, "edge cases": strings.Join(edges, ""),
		"dense": dense, "dense first": dense + some, "dense last": some + dense}
	for i, e := range edges {
		texts["edge "+string(rune('a'+i))] = e
	}
	for name, text := range texts {
		one := newDocIn(text, 1)
		if !slices.Equal(one.rs, []rune(text)) {
			t.Errorf("%s: code points differ from []rune(text)", name)
		}
		if toks := tokenize([]rune(text), text); !reflect.DeepEqual(one.toks, toks) {
			t.Errorf("%s: one part's tokens differ from tokenize's", name)
		}
		for _, parts := range []int{2, 3, 4, 7} {
			if got := newDocIn(text, parts); !reflect.DeepEqual(got, one) {
				t.Errorf("%s in %d parts (cuts %v): the doc differs from one part's", name, parts, lineCuts(text, parts))
			}
		}
	}
}

func TestLineCuts(t *testing.T) {
	tests := []struct {
		text  string
		parts int
		want  []int
	}{
		{"", 3, []int{0, 0}},
		{"abc", 3, []int{0, 3}},
		{"a\nb\nc\n", 3, []int{0, 4, 6}},
		{"a\nb\nc\n", 9, []int{0, 2, 4, 6}},
		{"aaaa\nb\nc", 2, []int{0, 5, 8}},
		{"\n\n\n\n", 2, []int{0, 3, 4}},
	}
	for _, tt := range tests {
		if got := lineCuts(tt.text, tt.parts); !slices.Equal(got, tt.want) {
			t.Errorf("lineCuts(%q, %d) = %v, want %v", tt.text, tt.parts, got, tt.want)
		}
	}
}

// TestAbbreviationsFitTheLengthBound checks that no abbreviation is longer
// than maxAbbreviation, which isAbbreviation trusts.
func TestAbbreviationsFitTheLengthBound(t *testing.T) {
	for w := range abbreviations {
		if n := len([]rune(w)); n > maxAbbreviation {
			t.Errorf("abbreviation %q has %d code points, more than maxAbbreviation %d", w, n, maxAbbreviation)
		}
	}
}

// TestTokenHasNoPadding keeps token's fields in an order without padding
// (on a 64-bit machine).
func TestTokenHasNoPadding(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the size is for 64-bit machines")
	}
	if n := unsafe.Sizeof(token{}); n != 96 {
		t.Errorf("token is %d bytes, want 96: reorder its fields", n)
	}
}

// TestQuoteAheadIsTheScan checks quoteAhead, which reads openQ, against
// the scan it replaces: within twelve tokens ahead in the paragraph.
func TestQuoteAheadIsTheScan(t *testing.T) {
	debate, _ := transcriptText(t, 1<<16)
	text := debate + "“A” b “c\n“ “ x “\nHe said: “We won.” " + strings.Repeat("w ", 11) + "“z”\n"
	d := newDoc(text)
	opened := 0
	for i := range d.toks {
		want := "-"
		for k := 1; k <= 12 && i+k < d.paraE[i]; k++ {
			if d.toks[i+k].Quote == 1 {
				want = bucket(k)
				break
			}
		}
		if want != "-" {
			opened++
		}
		if got := d.quoteAhead(i); got != want {
			t.Errorf("token %d %q: quoteAhead %q, want %q", i, d.toks[i].Text, got, want)
		}
	}
	if opened == 0 {
		t.Fatal("no token has a quotation ahead")
	}
}
