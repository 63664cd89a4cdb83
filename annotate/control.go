package annotate

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Control characters in stored strings are refused, not cleaned: a title or
// a name with ESC or BEL in it would drive the terminal that `factmark list`
// prints it to (or a log viewer), and a field the user cannot see is not one
// they can check. One-line fields (titles, names, URLs, dates, tags) take
// neither control characters nor line ends; tab is allowed in both kinds. Multi-line fields (a note's rationale, an excerpt) take
// newlines too. Article text is checked by NormalizeText and Article.Validate
// (see textControlAt): it keeps the white space texts use, and the C1 code
// points of mis-decoded text, which real corpora have.

// CheckLine checks the value of a one-line field: valid UTF-8 and no
// control characters (C0 other than tab, DEL, C1 U+0080–U+009F) or line
// ends. field names it in the error, which says where the character is
// and what to do. The CLI and the desk call it on what the user types.
func CheckLine(field, s string) error { return checkControls(field, s, false) }

// CheckText checks the value of a multi-line field as CheckLine does, but
// allows newlines.
func CheckText(field, s string) error { return checkControls(field, s, true) }

func checkControls(field, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return fieldError(field, "is not valid UTF-8 (bad byte at byte %d)", InvalidUTF8At([]byte(s)))
	}
	i := 0 // in code points
	for _, r := range s {
		if isControl(r) && r != '\t' && !(multiline && r == '\n') {
			return fieldError(field, "has the control character %s at character %d of %q; remove it", runeName(r), i+1, Clip(s))
		}
		i++
	}
	return nil
}

// isControl reports whether r is a C0 or C1 control character or DEL.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7F && r <= 0x9F }

// runeName names a control character: U+001B (ESC), or its code for the
// ones without a short name.
func runeName(r rune) string {
	names := map[rune]string{0: "NUL", 7: "BEL", 8: "BS", '\t': "TAB", '\n': "LF", 0x0B: "VT", 0x0C: "FF",
		'\r': "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI"}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}

// textControlAt returns the byte offset and the character of the first
// control character article text may not hold, or -1: C0 other than the
// white space of texts (tab, line ends, form feed, vertical tab) and DEL.
// C1 code points are kept: texts decoded with the wrong encoding and then
// saved as UTF-8 have them (PolNeAR does), and they are shown, not obeyed,
// by the desk.
func textControlAt(s string) (int, rune) {
	for i, r := range s {
		if r < 0x20 && !strings.ContainsRune("\t\n\r\f\v", r) || r == 0x7F {
			return i, r
		}
	}
	return -1, 0
}

// Validate checks what the user says of an article on import (the CLI's
// --title, --outlet, --author, --url, --date, --language, the desk's
// import form) before an article is made of it: every field one line
// without control characters, the URL http(s), the date YYYY-MM-DD.
func (m *ArticleMeta) Validate() error {
	return validateArticleFields(strings.TrimSpace(m.Title), strings.TrimSpace(m.URL), strings.TrimSpace(m.Outlet),
		m.Authors, strings.TrimSpace(m.Published), strings.TrimSpace(m.Language))
}

func validateArticleFields(title, url, outlet string, authors []string, published, language string) error {
	for _, f := range []struct{ name, value string }{
		{"title", title}, {"url", url}, {"outlet", outlet}, {"published", published}, {"language", language},
	} {
		if err := CheckLine(f.name, f.value); err != nil {
			return err
		}
	}
	for i, a := range authors {
		if err := CheckLine(indexed("authors", i), a); err != nil {
			return err
		}
	}
	switch {
	case url != "" && !ValidURL(url):
		return fieldError("url", "%q is not an http(s) URL", url)
	case published != "" && !ValidDate(published):
		return fieldError("published", "%q is not a date (YYYY-MM-DD)", published)
	}
	return nil
}

// Validate checks the settings: the annotator's and the organisation's
// names are one line without control characters (they are stamped on
// every annotation and written into exports), and the scale is valid.
func (s *Settings) Validate() error {
	if err := firstError(CheckLine("annotator", s.Annotator), CheckLine("organization", s.Organization),
		CheckLine("organization_url", s.OrganizationURL), CheckReviewURLPattern("review_url", s.ReviewURL)); err != nil {
		return err
	}
	switch {
	case s.OrganizationURL != "" && !ValidURL(s.OrganizationURL):
		return fieldError("organization_url", "%q is not an http(s) URL", s.OrganizationURL)
	case s.Theme != "" && !slices.Contains(Themes, s.Theme):
		return fieldError("theme", "%q is not light, dark or empty (follow the system)", s.Theme)
	case s.TextSize != 0 && (s.TextSize < MinTextSize || s.TextSize > MaxTextSize):
		return fieldError("text_size", "%g is not between %d and %d", s.TextSize, MinTextSize, MaxTextSize)
	}
	return s.Scale.Validate()
}
