package brief

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/factmark/factmark/annotate"
)

// hostile is put into every field of a document: markup that would run
// script, load an image or fetch, break out of an attribute, or format
// Markdown, if any of it were written as it is.
const hostile = `</script><script>alert(1)</script><img src=x onerror=alert(2)> "dq" 'sq' & <b>bold tag</b> *star* _under_ ` +
	"`tick` [md](javascript:alert(3)) <https://evil.example/auto> # hash | pipe ~tilde~ \\back"

const badURL = "javascript:alert(4)"

// hostileDocument is the test document with hostile text in every field
// and javascript: in every URL.
func hostileDocument(t *testing.T) (*annotate.Document, annotate.Settings) {
	doc := testDocument(t)
	text := hostile + "\n\n" + "1. " + hostile + "\n"
	a := &doc.Articles[0]
	a.Title, a.Outlet, a.Authors, a.URL, a.Published = hostile, hostile, []string{hostile}, badURL, hostile
	a.Text = text
	anchor := annotate.Anchor{Start: 0, End: len([]rune(hostile)), Exact: "- " + hostile}
	for i := range a.Claims {
		a.Claims[i].Anchors = []annotate.Anchor{anchor}
		a.Claims[i].ReviewURL = badURL
		for j := range a.Claims[i].Approvals {
			a.Claims[i].Approvals[j].Reviewer = hostile
		}
		for j := range a.Claims[i].Corrections {
			co := &a.Claims[i].Corrections[j]
			co.What, co.Why, co.Author = hostile, hostile+"\n\n> "+hostile, hostile
		}
	}
	doc.Speakers[0].Name, doc.Speakers[0].Role = hostile, hostile
	a.Attributions[0].Source.Exact = hostile
	doc.Scale.Verdicts = append(doc.Scale.Verdicts, annotate.Verdict{Label: hostile, Value: 1, Explanation: hostile})
	for i := range a.Notes {
		n := &a.Notes[i]
		if n.Verdict != "" {
			n.Verdict = hostile
		}
		n.Rationale = hostile + "\n" + "+ " + hostile + "\n\n    " + hostile
		for j := range n.Sources {
			e := &n.Sources[j]
			if e.Withheld {
				continue
			}
			e.Title, e.Publisher, e.Excerpt, e.URL, e.Accessed = hostile, hostile, "# "+hostile, badURL, hostile
			e.Archives = []string{badURL, "https://archive.example/ok\" onclick=\"x"}
			if e.Snapshot != nil {
				e.Snapshot.Name, e.Snapshot.SHA256 = hostile, hostile
			}
		}
	}
	s := testSettings()
	s.Organization, s.OrganizationURL = hostile, badURL
	return doc, s
}

// TestEscapeHTML writes the hostile document and parses the page as a
// browser would: the only elements are the template's, no attribute runs
// script or loads anything, every link is http(s) or to the page itself,
// and every hostile string is there as text.
func TestEscapeHTML(t *testing.T) {
	doc, s := hostileDocument(t)
	var buf bytes.Buffer
	if err := Write(&buf, doc, s, Options{Format: HTML}); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	checkDOM(t, root, templateElements)
	if text := collapse(textOf(root)); strings.Count(text, collapse(hostile)) < 10 {
		t.Errorf("the hostile text is shown %d times, want it in every field:\n%.600s", strings.Count(text, collapse(hostile)), text)
	}
}

// templateElements are the elements the page's template writes.
var templateElements = map[string]bool{"html": true, "head": true, "body": true, "meta": true, "title": true, "style": true,
	"header": true, "main": true, "footer": true, "article": true, "section": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"p": true, "a": true, "time": true, "figure": true, "blockquote": true, "figcaption": true, "dl": true, "dt": true, "dd": true,
	"strong": true, "span": true, "aside": true, "div": true, "ol": true, "li": true, "cite": true, "br": true, "code": true, "mark": true}

// TestEscapeMarkdown renders the hostile document's Markdown as a CMS
// would (CommonMark with GitHub's extensions, raw HTML allowed) and checks
// the result as TestEscapeHTML does: no markup of the project's text
// survives, and each hostile string reads as it was written.
func TestEscapeMarkdown(t *testing.T) {
	doc, s := hostileDocument(t)
	var md bytes.Buffer
	if err := Write(&md, doc, s, Options{Format: Markdown}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	checkDOM(t, root, map[string]bool{"html": true, "head": true, "body": true, "h1": true, "h2": true, "h3": true,
		"p": true, "a": true, "blockquote": true, "strong": true, "em": true, "ol": true, "li": true, "br": true})
	text := collapse(textOf(root))
	if n := strings.Count(text, collapse(hostile)); n < 10 {
		t.Errorf("the hostile text reads as written %d times, want it in every field:\n%.800s\n--- markdown:\n%.1500s", n, text, md.String())
	}
	for _, s := range []string{"# " + collapse(hostile), "+ " + collapse(hostile), "1. " + collapse(hostile)} {
		if strings.Contains(md.String(), "\n"+s) {
			t.Errorf("a line starts with unescaped %.10q", s)
		}
	}
}

// checkDOM fails for an element not in allowed, an event handler or a
// source attribute, and a link that is not http(s) or to the page.
func checkDOM(t *testing.T, n *html.Node, allowed map[string]bool) {
	t.Helper()
	if n.Type == html.ElementNode {
		if !allowed[n.Data] {
			t.Errorf("element <%s> is not the template's", n.Data)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("<%s %s=%q>: an event handler", n.Data, a.Key, a.Val)
			case key == "src" || key == "srcset" || key == "style" || key == "action" || key == "formaction":
				t.Errorf("<%s %s=%q>: loads or styles something", n.Data, a.Key, a.Val)
			case key == "href" && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") && !strings.HasPrefix(a.Val, "#"):
				t.Errorf("<%s href=%q>: not an http(s) link", n.Data, a.Val)
			case key == "href" && strings.ContainsAny(a.Val, "\"<> "):
				t.Errorf("<%s href=%q>: a link with a quote, bracket or space", n.Data, a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		checkDOM(t, c, allowed)
	}
}

// textOf is the text of n's text nodes, outside <style> and <head>.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestLinkURL checks which URLs may become links.
func TestLinkURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://example.org/a?b=c#d", "https://example.org/a?b=c#d"},
		{" http://example.org/ ", "http://example.org/"},
		{"javascript:alert(1)", ""}, {"JAVASCRIPT:alert(1)", ""}, {"data:text/html,<script>", ""},
		{"vbscript:x", ""}, {"//example.org/", ""}, {"https://example.org/a b", ""},
		{"https://example.org/\"onmouseover=x", "https://example.org/\"onmouseover=x"}, // escaped where written
		{"https://exa\x00mple.org/", ""}, {"https://\xff.example/", ""}, {"", ""}, {"file:///etc/passwd", ""},
	} {
		if got := linkURL(tt.in); got != tt.want {
			t.Errorf("linkURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain words, U.S. 3.5%", "plain words, U.S. 3.5%"},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"12. not a list", `12\. not a list`},
		{"3) nor this", `3\) nor this`},
		{"    not code", "not code"},
		{"<b>x</b> & y", `\<b\>x\</b\> \& y`},
		{"*a* _b_ `c` [d](e) ~f~ | $g$", "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~f\\~ \\| \\$g\\$"},
		{`back\slash`, `back\\slash`},
		{"![img](x)", `\!\[img\](x)`},
	} {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := mdLink("a]b", "https://example.org/x_(y)<z>"); got != `[a\]b](https://example.org/x_%28y%29%3Cz%3E)` {
		t.Errorf("mdLink = %s", got)
	}
}
