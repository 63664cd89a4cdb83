package annotate

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A review URL pattern (Settings.ReviewURL) is where the organisation
// publishes its fact-checks, with placeholders Factmark fills in for each
// claim when it writes the claim's ClaimReview:
//
//	https://example.org/fact-check/{slug}
//	https://example.org/{year}/{month}/{day}/{slug}-{id}
//
// It needs {slug} or {id}, so that two claims never get the same URL.

// ReviewURLFields are the placeholders of a review URL pattern and what
// each stands for, in the order the settings list them.
var ReviewURLFields = []struct{ Name, Means string }{
	{"slug", "the claim's words, lower case, joined by hyphens (at most 60 characters)"},
	{"id", "the claim's ID"},
	{"date", "the day the note with the verdict was written, YYYY-MM-DD"},
	{"year", "its year, four digits"},
	{"month", "its month, two digits"},
	{"day", "its day of the month, two digits"},
}

// ReviewURLValues are what a review URL pattern's placeholders are filled
// with for one claim.
type ReviewURLValues struct {
	Claim string    // the claim's text, for {slug}
	ID    string    // the claim's ID, for {id}
	Date  time.Time // when the note with the verdict was written, for {date}, {year}, {month} and {day}
}

// ExpandReviewURL fills the pattern's placeholders with v. The slug is
// path-escaped; the other values are digits, hyphens and hex. A pattern
// that CheckReviewURLPattern refuses may expand to anything: check it first.
func ExpandReviewURL(pattern string, v ReviewURLValues) string {
	slug := Slug(v.Claim)
	if slug == "" {
		slug = v.ID // a claim of no letters or digits: its ID names it
	}
	d := v.Date.UTC()
	return strings.NewReplacer(
		"{slug}", url.PathEscape(slug), "{id}", v.ID, "{date}", d.Format("2006-01-02"),
		"{year}", d.Format("2006"), "{month}", d.Format("01"), "{day}", d.Format("02"),
	).Replace(pattern)
}

// CheckReviewURLPattern checks a review URL pattern: one line, every
// {placeholder} one of ReviewURLFields, {slug} or {id} among them, and an
// http(s) URL once they are filled in. Empty is no pattern, and valid.
func CheckReviewURLPattern(field, pattern string) error {
	if pattern == "" {
		return nil
	}
	if err := CheckLine(field, pattern); err != nil {
		return err
	}
	names, problem := placeholders(pattern)
	if problem != "" {
		return fieldError(field, "%q: %s (the placeholders are %s)", pattern, problem, placeholderList())
	}
	if !names["slug"] && !names["id"] {
		return fieldError(field, "%q has no {slug} or {id}: every fact-check would get the same URL", pattern)
	}
	sample := ExpandReviewURL(pattern, ReviewURLValues{Claim: "a claim", ID: "00000000-0000-4000-8000-000000000000", Date: time.Unix(0, 0)})
	if !ValidURL(sample) {
		return fieldError(field, "%q is not an http(s) URL, such as https://example.org/fact-check/{slug}", pattern)
	}
	return nil
}

// placeholders returns the names of the pattern's placeholders, or what is
// wrong: an unknown one, or a brace that opens or closes none.
func placeholders(pattern string) (names map[string]bool, problem string) {
	names = map[string]bool{}
	rest := pattern
	for rest != "" {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			break
		}
		if rest[open] == '}' {
			return nil, "a “}” closes no placeholder"
		}
		end := strings.IndexAny(rest[open+1:], "{}")
		if end < 0 || rest[open+1+end] != '}' {
			return nil, "a “{” is not closed"
		}
		name := rest[open+1 : open+1+end]
		if !isPlaceholder(name) {
			return nil, "{" + name + "} is not a placeholder"
		}
		names[name] = true
		rest = rest[open+end+2:]
	}
	return names, ""
}

func isPlaceholder(name string) bool {
	for _, f := range ReviewURLFields {
		if f.Name == name {
			return true
		}
	}
	return false
}

func placeholderList() string {
	var b strings.Builder
	for i, f := range ReviewURLFields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("{" + f.Name + "}")
	}
	return b.String()
}

// CheckReviewURL checks a claim's own review URL: empty, or an http(s) URL
// on one line.
func CheckReviewURL(field, s string) error {
	if s == "" {
		return nil
	}
	if err := CheckLine(field, s); err != nil {
		return err
	}
	if !ValidURL(s) {
		return fieldError(field, "%q is not an http(s) URL, such as https://example.org/fact-check/…", s)
	}
	return nil
}

// maxSlug bounds a slug, in bytes: a URL's name for a claim, not the claim.
const maxSlug = 60

// Slug is text as the last part of a URL: its letters and digits, lower
// case, accents folded away, words joined by single hyphens, cut at a word
// boundary to at most 60 bytes (a first word longer than that is cut).
// Letters of other scripts are kept (ExpandReviewURL escapes them).
func Slug(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "Brennport’s" is one word
		default:
			hyphen = true
		}
	}
	s := norm.NFC.String(b.String())
	if len(s) <= maxSlug {
		return s
	}
	cut := strings.LastIndexByte(s[:maxSlug+1], '-')
	if cut <= 0 {
		cut = maxSlug
		for cut > 0 && !utf8RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
