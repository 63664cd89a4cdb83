package webpage

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	// bylinePrefix is the word that introduces a byline: "By", "Written
	// by", "Par", "Por", "Von", "Door", "Av", "Af", and Italian "di" in
	// lower case only, as "Di" starts surnames (Di Stefano).
	bylinePrefix = regexp.MustCompile(`^(?:(?i:written|posted|story|words|text|reported|photos?)\s+)?(?:(?i:by|par|por|von|door|av|af)|di)\b[\s:]*`)
	// nameSeparator separates the names of a byline that has several.
	nameSeparator = regexp.MustCompile(`(?i)\s*(?:[,;&/|·•、，]|\s(?:and|und|et|y|e|en|og|och)\s)\s*`)
	webAddress    = regexp.MustCompile(`(?i)(?:https?://|www\.)\S+|\S+@\S+\.\w+`)
	// dateLabel starts a part of a byline that dates the article.
	dateLabel     = regexp.MustCompile(`(?i)^(?:last\s+)?(?:updated|published|posted|modified|created)\b`)
	emptyParens   = regexp.MustCompile(`\(\s*\)|\[\s*\]`)
	trailingMonth = regexp.MustCompile(`(?i)(?:^|\s+)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$`)
)

// maxNameWords is the most words a name may have: a longer "name" is a
// sentence that a byline selector caught.
const maxNameWords = 6

// splitAuthors turns a byline ("By Jane Doe and John Roe", "Par Jean
// Dupont", "Stella Kim, Jennifer Jett") into the names it lists: its first
// line with a letter, without the introducing word, web addresses, dates or
// job titles on further lines, split at commas, "and" and the like.
func splitAuthors(byline string) []string {
	line := firstLetteredLine(byline)
	line = webAddress.ReplaceAllString(line, "")
	line = emptyParens.ReplaceAllString(line, "")
	line = strings.Join(strings.Fields(line), " ")
	line = bylinePrefix.ReplaceAllString(line, "")
	parts := nameSeparator.Split(line, -1)
	var names []string
	for _, p := range parts {
		if name := cleanName(p); name != "" {
			names = append(names, name)
		}
	}
	return names
}

// cleanName trims a byline part to the name it holds, or "" when it holds
// none: it ends before a date ("Lucas Nolan22 Dec 2016"), and loses the
// punctuation at its edges.
func cleanName(s string) string {
	if dateLabel.MatchString(strings.TrimSpace(s)) {
		return ""
	}
	if i := strings.IndexFunc(s, unicode.IsDigit); i >= 0 {
		s = trailingMonth.ReplaceAllString(strings.TrimSpace(s[:i]), "")
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != ')' && r != '.'
	})
	s = strings.TrimLeft(s, ".")
	s = bylinePrefix.ReplaceAllString(s, "")
	if s == "" || !strings.ContainsFunc(s, unicode.IsLetter) || len(strings.Fields(s)) > maxNameWords {
		return ""
	}
	if strings.Count(s, "(") != strings.Count(s, ")") {
		s = strings.TrimSpace(strings.TrimRight(s, ")"))
	}
	return s
}

func firstLetteredLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.ContainsFunc(line, unicode.IsLetter) {
			return line
		}
	}
	return ""
}

// dedupe keeps the first of names equal but for case, in order.
func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := strings.ToLower(n)
		if !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}
