package webpage

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/factmark/factmark/annotate"
)

// MediaType is the media type of the files Extract reads, for
// annotate.SourceFile.Type.
const MediaType = "text/html"

// MaxPageBytes is the largest page Extract reads. Saved news pages run to
// a few megabytes with their inline scripts and styles; past this a file is
// not a page to annotate.
const MaxPageBytes = 64 << 20

// maxTitle is the most code points a title keeps, as for a text's title.
const maxTitle = 200

// Extract reads the saved web page data, named name (for messages), and
// returns its main content as text in paragraphs, with the details the page
// gives of itself. It refuses, naming the file, what is not a page it can
// read: empty, binary, cut off, invalid in its character set, too deeply
// nested, or without readable content. The same bytes always give the same
// result.
func Extract(name string, data []byte) (*annotate.Extracted, error) {
	doc, flaw, err := readDocument(name, data)
	if err != nil {
		return nil, err
	}
	pm := readPageMeta(doc) // before readability drops the JSON-LD scripts
	article, err := findContent(doc, baseURL(pm))
	if err != nil {
		return nil, &annotate.Error{Code: annotate.EINTERNAL, Message: name + ": the page's content could not be found", Err: err}
	}
	e := &annotate.Extracted{Meta: metaOf(article, pm)}
	if e.Text, err = contentText(name, article.Node); err != nil {
		return nil, err
	}
	if flaw != "" && strings.ContainsRune(e.Text, utf8.RuneError) {
		return nil, invalidf("%s: %s, and the article's text has such bytes; save the page again from the browser (Save Page As…), or convert it to UTF-8", name, flaw)
	}
	if err := e.Check(); err != nil {
		return nil, &annotate.Error{Code: annotate.EINTERNAL, Message: name + ": the page's text could not be made", Err: err}
	}
	return e, nil
}

// findContent runs readability on doc. A panic in it (none is known; the
// fuzz target fails on this error) becomes an error, so that one odd page
// cannot bring the desk down.
func findContent(doc *html.Node, base *url.URL) (article readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("readability panicked: %v", r)
		}
	}()
	parser := readability.NewParser()
	parser.KeepClasses = true // for text to recognise what is not the article
	return parser.ParseAndMutate(doc, base)
}

// readDocument checks, decodes and parses the page, and returns the flaw
// of its encoding, if any (see decode).
func readDocument(name string, data []byte) (*html.Node, string, error) {
	if err := checkInput(name, data); err != nil {
		return nil, "", err
	}
	d := decode(data)
	doc, err := parseDecoded(name, d.page)
	return doc, d.flaw, err
}

func parseDecoded(name string, utf []byte) (*html.Node, error) {
	if truncated(utf) {
		return nil, invalidf("%s: the page ends in the middle of a tag, so the file is cut off (an interrupted download or copy); save the page again", name)
	}
	if nestingEstimate(utf) > maxDepth {
		return nil, tooDeep(name)
	}
	doc, err := parse(utf)
	if errors.Is(err, errTooSlow) {
		return nil, invalidf("%s: the page's markup is too tangled to read in %v (thousands of elements left open); this file cannot be read as a web page", name, parseBudget)
	} else if err != nil {
		return nil, &annotate.Error{Code: annotate.EINTERNAL, Message: name + ": the page could not be read", Err: err}
	}
	if depth(doc) > maxDepth {
		return nil, tooDeep(name)
	}
	return doc, nil
}

// contentText is the normalised text of the content readability found.
func contentText(name string, content *html.Node) (string, error) {
	var raw string
	if content != nil {
		raw = text(content)
	}
	if strings.TrimSpace(raw) == "" {
		return "", invalidf("%s: the page has no readable content (no article text was found, only navigation, scripts or nothing); open it in a browser, copy the article's text and import that instead", name)
	}
	s, err := annotate.NormalizeText([]byte(raw))
	if err != nil {
		return "", invalidf("%s: %s", name, annotate.ErrorMessage(err))
	}
	return s, nil
}

func tooDeep(name string) error {
	return invalidf("%s: the page's elements nest more than %d levels deep, which no article does; this file cannot be read as a web page", name, maxDepth)
}

// checkInput refuses data that is not a whole web page before it is parsed.
func checkInput(name string, data []byte) error {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return invalidf("%s: the page is empty", name)
	case len(data) > MaxPageBytes:
		return invalidf("%s: the page is %d MB; the limit is %d MB", name, len(data)>>20, MaxPageBytes>>20)
	}
	if i := binaryAt(data); i >= 0 {
		return invalidf("%s: this is not a web page but binary data (byte %d is a control character that text never has); choose the saved .html file", name, i)
	}
	if isMHTML(data) {
		return invalidf("%s: this is a web archive (MHTML, from \"Save as single file\"), not an HTML page; save the page again as \"Web Page, HTML only\"", name)
	}
	return nil
}

// isMHTML reports a web archive: a MIME message, as browsers save one.
func isMHTML(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n")
	return bytes.HasPrefix(head, []byte("MIME-Version:")) || bytes.HasPrefix(head, []byte("From: <Saved by"))
}

// binaryAt returns the offset of the first NUL or of a control character
// past a page's first 1% of them, or -1. UTF-16 pages, which have a NUL in
// every other byte, start with a byte-order mark and are not binary.
func binaryAt(data []byte) int {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return -1
	}
	n := 0
	for i, b := range data {
		if b == 0 {
			return i
		}
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F {
			if n++; n > 8 && n*100 > len(data) {
				return i
			}
		}
	}
	return -1
}

// truncated reports a page whose last tag is not finished: after the last
// '>' comes a '<' that opens a tag, a comment or a declaration. No complete
// page ends that way; a file cut off in transit usually does.
func truncated(data []byte) bool {
	end := bytes.LastIndexByte(data, '>')
	open := bytes.LastIndexByte(data, '<')
	if open <= end || open+1 >= len(data) {
		return open > end
	}
	c := data[open+1]
	return c == '/' || c == '!' || c == '?' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// baseURL is the page's own address, if it says so, for readability to
// resolve the content's links against.
func baseURL(pm pageMeta) *url.URL {
	if s := canonicalURL(pm); s != "" {
		u, _ := url.Parse(s)
		return u
	}
	return nil
}

// metaOf maps readability's metadata, and the page's own where readability
// has none, onto the article's details. A value that would not pass the
// article's validation is left out rather than failing the import.
func metaOf(a readability.Article, pm pageMeta) annotate.ArticleMeta {
	m := annotate.ArticleMeta{
		Title:     title(append([]string{a.Title()}, pm.title...)),
		URL:       canonicalURL(pm),
		Outlet:    outlet(append([]string{a.SiteName()}, pm.siteName...)),
		Published: published(append([]string{rawPublished(a)}, pm.published...)),
		Language:  languageTag(firstOf(a.Language(), pm.lang)),
	}
	m.Authors = authors(a.Byline(), pm.authors)
	if m.Validate() != nil {
		return validParts(m)
	}
	return m
}

// validParts keeps the fields of m that pass validation on their own.
func validParts(m annotate.ArticleMeta) annotate.ArticleMeta {
	var out annotate.ArticleMeta
	try := func(set func(*annotate.ArticleMeta)) {
		t := out
		set(&t)
		if t.Validate() == nil {
			out = t
		}
	}
	try(func(t *annotate.ArticleMeta) { t.Title = m.Title })
	try(func(t *annotate.ArticleMeta) { t.URL = m.URL })
	try(func(t *annotate.ArticleMeta) { t.Outlet = m.Outlet })
	try(func(t *annotate.ArticleMeta) { t.Published = m.Published })
	try(func(t *annotate.ArticleMeta) { t.Language = m.Language })
	for _, a := range m.Authors {
		try(func(t *annotate.ArticleMeta) { t.Authors = append(append([]string(nil), t.Authors...), a) })
	}
	return out
}

// clean makes a metadata value one line of NFC text: white space runs and
// control characters become single spaces.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if isControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

func title(candidates []string) string {
	t := clean(firstOf(candidates...))
	if r := []rune(t); len(r) > maxTitle {
		t = string(r[:maxTitle-1]) + "…"
	}
	return t
}

// outlet is the site's name; a site named by its address is named by its
// host ("http://www.tmz.com" is "tmz.com").
func outlet(candidates []string) string {
	s := clean(firstOf(candidates...))
	if looksLikeURL(s) {
		if !strings.Contains(s, "://") {
			s = "http://" + strings.TrimPrefix(s, "//")
		}
		u, err := url.Parse(s)
		if err != nil || u.Hostname() == "" {
			return ""
		}
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return s
}

func canonicalURL(pm pageMeta) string {
	bases := []string{pm.base, pm.metaURL, pm.ldURL, pm.savedFrom}
	for _, ref := range []string{pm.canonical, pm.metaURL, pm.ldURL, pm.savedFrom} {
		if u := absoluteURL(ref, bases...); u != "" {
			return u
		}
	}
	return ""
}

func authors(byline string, fromPage []string) []string {
	names := splitAuthors(cleanLines(byline))
	if len(names) == 0 {
		for _, a := range fromPage {
			names = append(names, splitAuthors(cleanLines(a))...)
		}
	}
	for i := range names {
		names[i] = clean(names[i])
	}
	return dedupe(names)
}

// cleanLines is clean for a value whose line breaks matter: they are kept.
func cleanLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
	for i := range lines {
		lines[i] = clean(lines[i])
	}
	return strings.Join(lines, "\n")
}

// rawPublished is readability's publication time as the page wrote it.
func rawPublished(a readability.Article) string {
	t, err := a.PublishedTime()
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

var isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

// published returns the first candidate that reads as a date, as
// YYYY-MM-DD: an ISO 8601 date keeps the day it was written with, whatever
// its time zone; other forms are read by dateparse.
func published(candidates []string) string {
	for _, c := range candidates {
		if d := dateOf(strings.TrimSpace(c)); d != "" {
			return d
		}
	}
	return ""
}

func dateOf(s string) string {
	if s == "" || len(s) > 64 {
		return ""
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return plausibleDate(m[0])
	}
	t, err := dateparse.ParseStrict(s)
	if err != nil {
		return ""
	}
	return plausibleDate(t.Format("2006-01-02"))
}

// plausibleDate keeps a date of the web's era that the calendar has.
func plausibleDate(d string) string {
	if d < "1990-01-01" || d > "2100-12-31" || (&annotate.ArticleMeta{Published: d}).Validate() != nil {
		return ""
	}
	return d
}

// languageTag returns the BCP 47 form of a page's language ("en-us" is
// "en-US"), or "" for what is not a language tag.
func languageTag(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = strings.TrimSpace(s[:i]) // Content-Language may list several
	}
	if s == "" || strings.ContainsAny(s, " \t") {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil || tag == language.Und {
		return ""
	}
	return tag.String()
}
