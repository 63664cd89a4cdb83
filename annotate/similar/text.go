package similar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// terms splits text into the lower-cased, lightly stemmed words that BM25
// indexes. Web addresses are dropped (a tweet's t.co link says nothing about
// its claim), hashtags and CamelCase are split ("#AustralianFires" is
// "australian fires"), a possessive 's goes, and stop words are left out.
func terms(text string) []string { return termsOf(words(text)) }

// termsOf is the terms of words (see terms).
func termsOf(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if stopWords[w] {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

// words is the lower-cased words of text, in order, with stop words kept:
// the character n-grams and the bigrams see them.
func words(text string) []string {
	out := make([]string, 0, len(text)/6+1)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if !isAddress(text[i:j]) {
			out = appendWords(out, text[i:j])
		}
		i = j
	}
	return out
}

// isAddress says whether a whitespace-separated field is a web address.
func isAddress(f string) bool {
	if !strings.ContainsAny(f, "/.") {
		return false
	}
	l := strings.ToLower(f)
	for _, p := range []string{"http://", "https://", "www.", "pic.twitter.com", "t.co/", "bit.ly/"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// appendWords appends the words of one field: runs of letters and digits,
// split where a lower-case letter is followed by an upper-case one. A
// possessive "'s" is dropped with its apostrophe.
func appendWords(out []string, f string) []string {
	start := -1
	var prev rune
	for i := 0; i <= len(f); {
		r, n := rune(0), 1
		if i < len(f) {
			r, n = utf8.DecodeRuneInString(f[i:])
		}
		word := i < len(f) && isWordRune(r)
		switch {
		case word && start >= 0 && unicode.IsUpper(r) && unicode.IsLower(prev):
			out = append(out, strings.ToLower(f[start:i]))
			start = i
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, strings.ToLower(f[start:i]))
			start = -1
		}
		if !word && (r == '\'' || r == '’') && possessive(f[i+n:]) {
			n++
		}
		prev = r
		i += n
	}
	return out
}

// possessive says whether rest, what follows an apostrophe, is an s that
// ends the word.
func possessive(rest string) bool {
	if rest == "" || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return len(rest) == 1 || !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// stem strips the commonest English inflections, so that "vaccines" and
// "vaccine", "banned" and "ban" meet. It is deliberately light: a wrong
// merge costs more than a missed one when the two texts share other words.
func stem(w string) string {
	n := len(w)
	switch {
	case n <= 3:
		return w
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:n-1]
	}
	return w
}

// stopWords are function words that match everywhere.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those through
to too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves s t don via amp rt`) {
		m[w] = true
	}
	return m
}()
