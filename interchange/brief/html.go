package brief

import (
	_ "embed"
	"html"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
)

// brief.html.tmpl is the page. html/template escapes every value for where
// it stands (text, attribute, URL), on top of the model's own rule that
// only http(s) URLs are links. The page loads nothing (its
// Content-Security-Policy forbids it) and runs nothing.
//
//go:embed brief.html.tmpl
var htmlTemplate string

var pageTemplate = template.Must(template.New("brief").Funcs(template.FuncMap{
	"day":         day,
	"reviewedBy":  reviewedBy,
	"paragraphs":  paragraphs,
	"highlight":   highlight,
	"archiveName": archiveName,
}).Parse(htmlTemplate))

// htmlSink writes the page in three templates of brief.html.tmpl: "head"
// (up to <main>), "article" for each article, "end".
type htmlSink struct{ w io.Writer }

func (h *htmlSink) head(m *model) error { return pageTemplate.ExecuteTemplate(h.w, "head", m) }

func (h *htmlSink) article(m *model, a *articleView) error {
	return pageTemplate.ExecuteTemplate(h.w, "article", struct {
		M *model
		A articleView
	}{m, *a})
}

func (h *htmlSink) end(m *model) error { return pageTemplate.ExecuteTemplate(h.w, "end", m) }

// highlight is the article's text as HTML, each claim's pieces marked and
// linked to the claim. Line breaks stay as they are (the page shows the
// text with white-space: pre-wrap). Where pieces of claims overlap, the
// earlier claim keeps the overlap.
func highlight(a articleView) template.HTML {
	text := []rune(a.Text)
	type mark struct{ start, end, n int }
	var marks []mark
	for _, c := range a.Claims {
		for _, s := range c.Anchors {
			start, end := max(0, s.Start), min(len(text), s.End)
			if start < end {
				marks = append(marks, mark{start, end, c.N})
			}
		}
	}
	slices.SortStableFunc(marks, func(x, y mark) int { return x.start - y.start })
	var b strings.Builder
	b.Grow(len(a.Text) + 64*len(marks))
	at := 0
	for _, mk := range marks {
		start := max(mk.start, at)
		if start >= mk.end {
			continue
		}
		b.WriteString(html.EscapeString(string(text[at:start])))
		n := strconv.Itoa(mk.n)
		b.WriteString(`<mark><a href="#claim-` + n + `" title="Claim ` + n + `">`)
		b.WriteString(html.EscapeString(string(text[start:mk.end])))
		b.WriteString(`</a></mark>`)
		at = mk.end
	}
	b.WriteString(html.EscapeString(string(text[at:])))
	return template.HTML(b.String()) // every piece of text escaped above
}
