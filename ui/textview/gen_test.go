package textview

import (
	"image/color"
	"math/rand/v2"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// genProse returns about size bytes of deterministic pseudo-prose: words
// drawn with a Zipf distribution from a vocabulary of ~20k pseudo-words (a
// few with accents or curly apostrophes), sentences of 6–25 words,
// paragraphs of 50–200 words separated by '\n'.
func genProse(size int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	vocab := genVocab(rng, 20000)
	zipf := rand.NewZipf(rng, 1.07, 2, uint64(len(vocab)-1))
	var sb strings.Builder
	sb.Grow(size + 2048)
	for sb.Len() < size {
		if sb.Len() > 0 {
			sb.WriteByte('\n')
		}
		writeParagraph(&sb, rng, zipf, vocab, 50+rng.IntN(151))
	}
	return sb.String()
}

// writeParagraph writes n words as sentences.
func writeParagraph(sb *strings.Builder, rng *rand.Rand, zipf *rand.Zipf, vocab []string, n int) {
	left := 0
	for i := 0; i < n; i++ {
		w := vocab[zipf.Uint64()]
		if left == 0 {
			if i > 0 {
				sb.WriteString(". ")
			}
			left = 6 + rng.IntN(20)
			r, n := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[n:]
		} else {
			sb.WriteString(punct(rng))
		}
		sb.WriteString(w)
		left--
	}
	sb.WriteByte('.')
}

func punct(rng *rand.Rand) string {
	switch rng.IntN(40) {
	case 0, 1, 2:
		return ", "
	case 3:
		return " — "
	case 4:
		return "; "
	}
	return " "
}

// genVocab makes n distinct pseudo-words from syllables.
func genVocab(rng *rand.Rand, n int) []string {
	syl := []string{"ka", "lo", "min", "ter", "sa", "re", "fi", "ul", "pro", "on", "de", "st", "an", "ver",
		"gu", "ti", "com", "fo", "ce", "ly", "ab", "ne", "port", "ri", "mé", "ça", "ön"}
	seen := map[string]bool{}
	vocab := make([]string, 0, n)
	for len(vocab) < n {
		var b strings.Builder
		for k := 1 + rng.IntN(4); k > 0; k-- {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		if rng.IntN(50) == 0 {
			b.WriteString("’s")
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	return vocab
}

// genHighlights returns n highlights of 5–80 code points spread over a text
// of size code points, some dashed, in a few colours.
func genHighlights(size, n int, seed uint64) []Highlight {
	rng := rand.New(rand.NewPCG(seed, 7))
	palette := []color.Color{
		color.NRGBA{R: 0xff, G: 0xc8, A: 0xff}, color.NRGBA{G: 0x99, B: 0xff, A: 0xff},
		color.NRGBA{R: 0x22, G: 0xbb, B: 0x44, A: 0xff}, color.NRGBA{R: 0xee, G: 0x33, B: 0x66, A: 0xff},
	}
	hs := make([]Highlight, n)
	for i := range hs {
		s := rng.IntN(size - 80)
		hs[i] = Highlight{Start: s, End: s + 5 + rng.IntN(76), Color: palette[rng.IntN(len(palette))],
			Dashed: rng.IntN(5) == 0}
	}
	return hs
}

var (
	megOnce sync.Once
	megText string
	megHL   []Highlight
)

// megabyte returns the shared 1 MB text and its 10k highlights.
func megabyte() (string, []Highlight) {
	megOnce.Do(func() {
		megText = genProse(1<<20, 1)
		megHL = genHighlights(utf8.RuneCountInString(megText), 10000, 2)
	})
	return megText, megHL
}
