package suggest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, number or punctuation mark of the text. Start and End are
// code-point offsets (End exclusive), like every offset in Factmark.
//
// The fields are ordered so that the struct has no padding between them
// (96 bytes, not 120): a 1 MB text has some 220,000 tokens.
type token struct {
	Start, End int
	Text       string // as written
	Lower      string // lower-cased, curly apostrophes made straight
	Para       int    // paragraph (line) number
	Sent       int    // sentence number, counted over the whole text
	Quote      int    // 0: not a quote mark; 1 opening; 2 closing
	First      rune   // the first code point
	InQuote    bool   // inside a quotation (the marks themselves are not)
	Shape      string // see shape
}

// abbreviations end with a period that does not end a sentence, so the
// tokenizer keeps the period inside the token ("Mr.", "Sept.", "Gov.").
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "jr": true, "sr": true, "lt": true, "col": true, "sgt": true,
	"capt": true, "prof": true, "rev": true, "inc": true, "corp": true, "co": true, "ltd": true,
	"vs": true, "etc": true, "jan": true, "feb": true, "mar": true, "apr": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mt": true,
	"ft": true, "gens": true, "reps": true, "sens": true, "adm": true, "maj": true, "cmdr": true,
	"u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true,
	"e.g": true, "i.e": true, "mme": true, "messrs": true, "pres": true, "supt": true, "ave": true,
}

// tokenize splits text into tokens, numbering paragraphs, sentences and
// marking what stands inside quotation marks. Paragraphs are lines: news
// texts and transcripts put one paragraph on a line. src is the text rs
// decodes: tokens take their text from it without copying.
func tokenize(rs []rune, src string) []token {
	return tokenizePart(make([]token, 0, tokenRoom(len(rs))), rs, src, 0, len(rs), 0, 0)
}

// tokenRoom is the room newDoc and tokenize make for the tokens of n code
// points at first: news and debates have about one token in five.
func tokenRoom(n int) int { return n/4 + 1 }

// tokenizePart is tokenize for the code points rs[r0:r1], which begin at
// byte b0 of src and in paragraph para, appending the tokens to toks. The
// part must end at a line end or at the end of rs: then no token, quote or
// sentence runs past it, and the tokens are those tokenize gives the whole
// text there, but for their sentence numbers, which count from 0.
func tokenizePart(toks []token, rs []rune, src string, r0, r1, b0, para int) []token {
	toks = toks[:0]
	b := b0 // byte offset of rs[i] in src
	for i := r0; i < r1; {
		r := rs[i]
		switch {
		case r == '\n':
			para++
			i++
			b++
		case unicode.IsSpace(r) || r == '\uFEFF':
			i++
			b += utf8.RuneLen(r)
		default:
			j := i + 1
			if isWordRune(r) {
				j = wordEnd(rs, i)
			}
			e := b
			for k := i; k < j; k++ {
				e += utf8.RuneLen(rs[k])
			}
			toks = append(toks, newToken(rs, src[b:e], i, j, para))
			i, b = j, e
		}
	}
	markQuotes(toks, rs)
	for i := range toks {
		toks[i].Shape = shape(&toks[i])
	}
	markSentences(toks)
	return toks
}

func newToken(rs []rune, s string, i, j, para int) token {
	return token{Start: i, End: j, Text: s, Lower: lowerWord(s), Para: para, First: rs[i]}
}

// lowerWord lower-cases a word and straightens its apostrophes, so that
// "Trump’s" and "trump's" are the same feature.
func lowerWord(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "’", "'")
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd returns the end of the word starting at i: letters and digits,
// joined by inner apostrophes, hyphens, and by periods or commas between
// digits ("3.5", "1,000") or single letters ("U.S."); a known abbreviation or
// an initial keeps its period.
func wordEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) {
		r := rs[j]
		if isWordRune(r) {
			j++
			continue
		}
		if j+1 < len(rs) && isWordRune(rs[j+1]) && j > i {
			switch {
			case r == '\'' || r == '’' || r == '-':
				j++
				continue
			case (r == '.' || r == ',') && unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1]):
				j++
				continue
			case r == '.' && unicode.IsLetter(rs[j-1]) && (j-1 == i || rs[j-2] == '.') && unicode.IsLetter(rs[j+1]) && (j+2 >= len(rs) || !isWordRune(rs[j+2])):
				j++ // U.S, a.m
				continue
			}
		}
		break
	}
	if j < len(rs) && rs[j] == '.' {
		single := j-i == 1 && unicode.IsUpper(rs[i])
		if single || slices.Contains(rs[i:j], '.') || isAbbreviation(rs[i:j]) {
			j++
		}
	}
	return j
}

// maxAbbreviation is the length of the longest abbreviation, in code
// points: lower-casing keeps a word's count of code points, so a longer
// word is none.
const maxAbbreviation = 6

func isAbbreviation(w []rune) bool {
	return len(w) <= maxAbbreviation && abbreviations[strings.ToLower(string(w))]
}

// markQuotes sets InQuote and Quote. Curly marks say which way they face;
// straight double quotes alternate within a paragraph. A quotation left open
// at the end of a paragraph closes there, as a quoted paragraph that goes on
// in the next one reopens it with a new mark.
func markQuotes(toks []token, rs []rune) {
	open := false
	para := -1
	for i := range toks {
		t := &toks[i]
		if t.Para != para {
			open, para = false, t.Para
		}
		switch t.Text {
		case "“", "«":
			t.Quote, open = 1, true
		case "”", "»":
			t.Quote, open = 2, false
		case "\"":
			if open {
				t.Quote, open = 2, false
			} else {
				t.Quote, open = 1, true
			}
		default:
			t.InQuote = open
		}
	}
}

// markSentences numbers sentences: one ends after '.', '!' or '?' (and any
// closing quotes or brackets after it) when the next token starts with a
// capital, a digit or an opening quote, and at every paragraph end.
func markSentences(toks []token) {
	sent := 0
	for i := range toks {
		toks[i].Sent = sent
		if i+1 == len(toks) {
			break
		}
		next := &toks[i+1]
		if next.Para != toks[i].Para {
			sent++
			continue
		}
		if endsSentence(toks, i) && hasWord(toks[i+1:], toks[i].Para) {
			sent++
		}
	}
}

// hasWord reports whether a word comes before the next sentence stop in
// paragraph para: a stray mark after a stop ("the earth. “") stays with the
// sentence before it rather than making a sentence of its own.
func hasWord(rest []token, para int) bool {
	for i := range rest {
		if rest[i].Para != para {
			return false
		}
		if isWordRune(rest[i].First) {
			return true
		}
		if isStop(rest[i].Text) {
			return false
		}
	}
	return false
}

func endsSentence(toks []token, i int) bool {
	t := toks[i].Text
	if t == "”" || t == "\"" || t == ")" || t == "’" {
		if i == 0 || !isStop(toks[i-1].Text) || toks[i].Quote == 1 {
			return false
		}
	} else if !isStop(t) {
		return false
	}
	next := toks[i+1]
	if next.Quote == 2 || next.Text == ")" {
		return false // the stop is inside the quote: the mark after it ends the sentence
	}
	r := next.First
	return unicode.IsUpper(r) || unicode.IsDigit(r) || next.Quote == 1 || r == '(' || r == '—' || r == '-'
}

func isStop(s string) bool { return s == "." || s == "!" || s == "?" || s == "…" }
