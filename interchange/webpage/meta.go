package webpage

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says of itself, read before readability changes
// the document (it drops the scripts that hold JSON-LD): the fallbacks for
// what readability does not give.
type pageMeta struct {
	canonical string   // <link rel=canonical href>
	base      string   // <base href>
	metaURL   string   // og:url, twitter:url
	ldURL     string   // JSON-LD url or mainEntityOfPage of the article
	savedFrom string   // the "<!-- saved from url=(N)… -->" mark browsers put on saved pages
	lang      string   // <html lang>, else Content-Language, og:locale, JSON-LD inLanguage
	published []string // candidate publication dates, best first
	siteName  []string // candidate outlet names, best first
	authors   []string // author names from JSON-LD, else meta author
	title     []string // og:title, JSON-LD headline, <title>, first <h1>
}

// readPageMeta walks the document once and collects its metadata.
func readPageMeta(doc *html.Node) pageMeta {
	var pm pageMeta
	var meta map[string]string // first content of each meta name/property, lower case
	meta = map[string]string{}
	var docTitle, h1, htmlLang, ldLang, timeTag string
	var ld []map[string]any
	forEachElement(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Html:
			htmlLang = attr(n, "lang")
			if htmlLang == "" {
				htmlLang = attr(n, "xml:lang")
			}
		case atom.Meta:
			readMetaTag(n, meta)
		case atom.Link:
			if pm.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				pm.canonical = attr(n, "href")
			}
		case atom.Base:
			if pm.base == "" {
				pm.base = attr(n, "href")
			}
		case atom.Title:
			if docTitle == "" && (n.Parent == nil || n.Parent.DataAtom != atom.Svg) {
				docTitle = textContent(n)
			}
		case atom.Time:
			if timeTag == "" && (hasToken(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate")) {
				timeTag = attr(n, "datetime")
			}
		case atom.H1:
			if h1 == "" {
				h1 = textContent(n)
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				ld = append(ld, articleNodes(textContent(n))...)
			}
		}
	})
	pm.metaURL = firstOf(meta["og:url"], meta["twitter:url"])
	pm.savedFrom = savedFrom(doc)
	for _, a := range ld {
		pm.ldURL = firstOf(pm.ldURL, ldString(a["url"]), ldID(a["mainEntityOfPage"]))
		pm.published = append(pm.published, ldString(a["datePublished"]))
		pm.siteName = append(pm.siteName, ldName(a["publisher"]))
		pm.title = append(pm.title, ldString(a["headline"]), ldString(a["name"]))
		if len(pm.authors) == 0 {
			pm.authors = ldNames(a["author"])
		}
		ldLang = firstOf(ldLang, ldString(a["inLanguage"]))
	}
	pm.lang = firstOf(htmlLang, meta["content-language"], meta["language"], meta["dc.language"],
		strings.ReplaceAll(meta["og:locale"], "_", "-"), ldLang)
	pm.published = append(pm.published, meta["article:published_time"], meta["og:published_time"],
		meta["datepublished"], meta["date"], meta["pubdate"], meta["publishdate"], meta["publish-date"],
		meta["dc.date.issued"], meta["dc.date"], meta["dcterms.issued"], meta["dcterms.created"],
		meta["sailthru.date"], meta["parsely-pub-date"], meta["article.published"], timeTag)
	pm.siteName = append(pm.siteName, meta["og:site_name"], meta["application-name"])
	if len(pm.authors) == 0 {
		if a := firstOf(meta["author"], meta["dc.creator"], meta["parsely-author"], meta["sailthru.author"]); a != "" {
			pm.authors = []string{a}
		}
	}
	pm.title = append(pm.title, meta["og:title"], meta["twitter:title"], docTitle, h1)
	return pm
}

var savedFromMark = regexp.MustCompile(`^\s*saved from url=\(\d+\)(\S+)`)

// savedFrom returns the address in the comment that Internet Explorer and
// Chromium put before a saved page's <html>, or "".
func savedFrom(doc *html.Node) string {
	for c := doc.FirstChild; c != nil && c.Type != html.ElementNode; c = c.NextSibling {
		if m := savedFromMark.FindStringSubmatch(c.Data); c.Type == html.CommentNode && m != nil {
			return m[1]
		}
	}
	return ""
}

// readMetaTag records a <meta>'s content under its name, property,
// itemprop or http-equiv, lower case; the first of each name wins.
func readMetaTag(n *html.Node, meta map[string]string) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	for _, key := range []string{"property", "name", "itemprop", "http-equiv"} {
		for _, k := range strings.Fields(strings.ToLower(attr(n, key))) {
			if _, ok := meta[k]; !ok {
				meta[k] = content
			}
		}
	}
}

// articleNodes returns the JSON-LD objects in a script that describe a
// creative work (an article, a blog post, a web page…), in document order,
// looking inside arrays and @graph.
func articleNodes(script string) []map[string]any {
	script = strings.TrimSpace(script)
	script = strings.TrimSuffix(strings.TrimPrefix(script, "<![CDATA["), "]]>")
	var v any
	if err := json.Unmarshal([]byte(script), &v); err != nil {
		return nil
	}
	var out []map[string]any
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				visit(x, depth+1)
			}
		case map[string]any:
			if isArticleType(v["@type"]) {
				out = append(out, v)
			}
			if g, ok := v["@graph"]; ok {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}

// isArticleType reports a schema.org type that is a piece of writing.
func isArticleType(t any) bool {
	for _, s := range ldStrings(t) {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "http://schema.org/"), "https://schema.org/")
		if strings.HasSuffix(s, "Article") || strings.HasSuffix(s, "Posting") || s == "Report" || s == "WebPage" {
			return true
		}
	}
	return false
}

func ldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldString returns a JSON-LD value as a string: a string, the first string
// of a list, or an object's @value.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		for _, x := range v {
			if s := ldString(x); s != "" {
				return s
			}
		}
	case map[string]any:
		return ldString(v["@value"])
	}
	return ""
}

// ldID returns the IRI a JSON-LD value points to: a string or an object's
// @id or url.
func ldID(v any) string {
	if m, ok := v.(map[string]any); ok {
		return firstOf(ldString(m["@id"]), ldString(m["url"]))
	}
	return ldString(v)
}

// ldName returns the name of a JSON-LD person or organisation (or of the
// first of a list), or a plain string.
func ldName(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return ldString(v["name"])
	case []any:
		for _, x := range v {
			if s := ldName(x); s != "" {
				return s
			}
		}
	case string:
		if !looksLikeURL(v) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// ldNames returns the names of every author in a JSON-LD author value.
func ldNames(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			out = append(out, ldNames(x)...)
		}
	default:
		if s := ldName(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "//")
}

// forEachElement calls fn on every element under n, in document order,
// without recursion.
func forEachElement(n *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			fn(n)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}

// textContent is the text of n's descendants, joined.
func textContent(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// absoluteURL returns ref resolved against the first absolute http(s) base,
// if it is then an http(s) URL with a host, or "".
func absoluteURL(ref string, bases ...string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.ContainsAny(ref, " \t\n\r") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		for _, b := range bases {
			if bu, err := url.Parse(strings.TrimSpace(b)); err == nil && isWebURL(bu) {
				u = bu.ResolveReference(u)
				break
			}
		}
	}
	if !isWebURL(u) {
		return ""
	}
	return u.String()
}

func isWebURL(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
