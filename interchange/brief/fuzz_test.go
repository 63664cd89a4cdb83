package brief

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/factmark/factmark/annotate"
)

// FuzzBrief puts one string in every field of the test document and
// checks the HTML and Markdown briefs as the escaping tests do: whatever
// the text, a browser (or a CMS's Markdown) sees only the template's
// elements and http(s) links.
func FuzzBrief(f *testing.F) {
	for _, seed := range []string{hostile, "", "\xff\xfe", "<a href=javascript:x>y</a>", "1. x\n2) y\n\n    code",
		"line\\\nnext", "[a](b) ![c](d) <e@f.g> www.example.org", "&amp; &#60;script&#62;", "```\n<script>\n```", "javascript:alert(1)"} {
		f.Add(seed)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	mdElements := map[string]bool{"html": true, "head": true, "body": true, "h1": true, "h2": true, "h3": true,
		"p": true, "a": true, "blockquote": true, "strong": true, "em": true, "ol": true, "li": true, "br": true}
	f.Fuzz(func(t *testing.T, s string) {
		doc := fuzzDocument(t, s)
		settings := testSettings()
		settings.Organization, settings.OrganizationURL = s, s
		var page, mdOut, rendered bytes.Buffer
		if err := Write(&page, doc, settings, Options{Format: HTML}); err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(&page)
		if err != nil {
			t.Fatal(err)
		}
		checkDOM(t, root, templateElements)
		if err := Write(&mdOut, doc, settings, Options{Format: Markdown}); err != nil {
			t.Fatal(err)
		}
		if err := md.Convert(mdOut.Bytes(), &rendered); err != nil {
			t.Fatal(err)
		}
		if root, err = html.Parse(&rendered); err != nil {
			t.Fatal(err)
		}
		checkDOM(t, root, mdElements)
	})
}

// fuzzDocument is the test document with s in every field and URL.
func fuzzDocument(t *testing.T, s string) *annotate.Document {
	doc := testDocument(t)
	a := &doc.Articles[0]
	a.Title, a.Outlet, a.URL, a.Published, a.Authors = s, s, s, s, []string{s}
	a.Text = s + "\n" + a.Text
	doc.Speakers[0].Name, doc.Speakers[0].Role = s, s
	doc.Scale = annotate.Scale{Name: "Conclusions", Conclusion: true}
	for i := range a.Claims {
		a.Claims[i].Anchors[0].Exact = s
		a.Claims[i].ReviewURL = s
	}
	for i := range a.Notes {
		n := &a.Notes[i]
		if n.Verdict != "" {
			n.Verdict = s + "x" // a conclusion; never blank
		}
		n.Rationale = s + "\n" + s + "\n\n" + s
		for j := range n.Sources {
			e := &n.Sources[j]
			if !e.Withheld {
				e.Title, e.URL, e.Publisher, e.Excerpt, e.Accessed, e.Archives = s, s, s, s, s, []string{s}
			}
		}
	}
	return doc
}
