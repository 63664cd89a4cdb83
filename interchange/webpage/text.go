package webpage

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks are the elements that stand as paragraphs of their own: their text
// starts and ends a paragraph. Headings, list items, block quotes and
// captions are among them, so each becomes its own paragraph.
var blocks = atomSet(atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Caption, atom.Center,
	atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
	atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup,
	atom.Hr, atom.Legend, atom.Li, atom.Main, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
	atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr, atom.Ul, atom.Body, atom.Html)

// skipped are elements whose text is not the article's: code, styles,
// controls and navigation, and embedded media whose content is fallback
// markup.
var skipped = atomSet(atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button,
	atom.Input, atom.Select, atom.Textarea, atom.Option, atom.Nav, atom.Iframe, atom.Object, atom.Embed,
	atom.Video, atom.Audio, atom.Canvas, atom.Map, atom.Head, atom.Meta, atom.Link, atom.Title)

func atomSet(atoms ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(atoms))
	for _, a := range atoms {
		m[a] = true
	}
	return m
}

// paragraphs collects text in paragraphs: runs of white space collapse to one
// space, a line break starts a new line in the paragraph, and a block
// element ends the paragraph before it and starts one of its own.
type paragraphs struct {
	out      strings.Builder // finished paragraphs, separated by blank lines
	line     strings.Builder // the current line
	lines    []string        // the current paragraph's finished lines
	space    bool            // white space waits before the next word
	preDepth int             // how many <pre> elements the walk is inside
	total    int             // bytes of text in the content
}

// text renders the content under n as paragraphs separated by a blank line.
func text(n *html.Node) string {
	p := paragraphs{total: len(textContent(n))}
	p.walk(n)
	p.endParagraph()
	return p.out.String()
}

// walk renders n and its descendants. It walks the tree without recursion so
// that a deeply nested page cannot exhaust the stack.
func (p *paragraphs) walk(root *html.Node) {
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.exit {
			p.leave(f.n)
			continue
		}
		if !p.enter(f.n) {
			continue
		}
		stack = append(stack, frame{n: f.n, exit: true})
		for c := f.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
}

// enter renders what n contributes before its children, and reports
// whether its children are to be rendered.
func (p *paragraphs) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		if p.preDepth > 0 {
			p.pre(n.Data)
		} else {
			p.words(n.Data)
		}
		return false
	case html.ElementNode:
		if skipped[n.DataAtom] || p.hidden(n) {
			return false
		}
		switch {
		case blocks[n.DataAtom]:
			p.endParagraph()
		case n.DataAtom == atom.Br:
			p.endLine()
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			p.cell()
		}
		if n.DataAtom == atom.Pre {
			p.preDepth++ // after the paragraph before it has ended
		}
		return true
	case html.DocumentNode:
		return true
	}
	return false
}

func (p *paragraphs) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	if blocks[n.DataAtom] {
		p.endParagraph()
	}
	if n.DataAtom == atom.Pre {
		p.preDepth--
	}
}

// hidden reports an element the page hides from readers, or one that its
// class or id marks as not the article's (see asideClass) and that holds
// less than half the content's text: a name matched by chance on the
// article's own wrapper does not lose the article.
func (p *paragraphs) hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "":
		case a.Key == "hidden":
			return true
		case a.Key == "class" && offScreenClass.MatchString(a.Val):
			return true
		case a.Key == "class" || a.Key == "id":
			if asideClass.MatchString(a.Val) && 2*len(textContent(n)) < p.total {
				return true
			}
		}
	}
	return false
}

// offScreenClass matches the class names that hide text from sight but
// keep it for screen readers ("Media caption", "Image source"): labels of
// the page's widgets, not the article's words.
var offScreenClass = regexp.MustCompile(`(?i)(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-(?:text|only)|off-?screen|a11y-hidden)(?:$|\s)`)

// asideClass matches the class names and ids that sites give the blocks
// around an article which Readability's scoring can leave inside the
// content: links to related stories, share and follow buttons, comment
// threads, newsletter sign-ups. A name must be a whole word of the class
// ("article-share", "comment-7443"; "related" may lead one, as in
// "jp-relatedposts"), so "shared-story", "commentary" and "unrelated" do
// not match.
var asideClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:related\w*|share|sharing|sharebar|social|comments?|newsletter|subscribe|signup|sign-up|outbrain|taboola)(?:$|[\s_-])`)

// words adds text whose white space collapses.
func (p *paragraphs) words(s string) {
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			p.space = true
		case isControl(r):
		default:
			if p.space && p.line.Len() > 0 {
				p.line.WriteByte(' ')
			}
			p.space = false
			p.line.WriteRune(r)
		}
	}
}

// pre adds preformatted text, keeping its line breaks and spaces.
func (p *paragraphs) pre(s string) {
	for _, r := range s {
		switch {
		case r == '\n':
			p.endLine()
		case r == '\r' || r == '\f':
		case r == '\t' || !isControl(r):
			if p.space && p.line.Len() > 0 {
				p.line.WriteByte(' ')
			}
			p.space = false
			p.line.WriteRune(r)
		}
	}
}

// cell separates a table cell from the one before it in the row.
func (p *paragraphs) cell() {
	if p.line.Len() > 0 {
		p.line.WriteByte('\t')
	}
	p.space = false
}

// endLine ends the current line. White space at its ends goes, no-break
// spaces too (a <p>&nbsp;</p> spacer is no paragraph), but for the indent
// of preformatted text.
func (p *paragraphs) endLine() {
	line := strings.TrimRightFunc(p.line.String(), unicode.IsSpace)
	if p.preDepth == 0 {
		line = strings.TrimLeftFunc(line, unicode.IsSpace)
	}
	p.line.Reset()
	p.space = false
	p.lines = append(p.lines, line)
}

func (p *paragraphs) endParagraph() {
	p.endLine()
	// Blank lines at the paragraph's edges go; inside it (a <pre>, or <br>
	// twice) a run of them is kept as one, which reads as a paragraph break.
	var kept []string
	for _, line := range p.lines {
		if line != "" || len(kept) > 0 && kept[len(kept)-1] != "" {
			kept = append(kept, line)
		}
	}
	for len(kept) > 0 && kept[len(kept)-1] == "" {
		kept = kept[:len(kept)-1]
	}
	if len(kept) > 0 {
		if p.out.Len() > 0 {
			p.out.WriteString("\n\n")
		}
		p.out.WriteString(strings.Join(kept, "\n"))
	}
	p.lines = p.lines[:0]
}

// isControl reports a C0 or C1 control character or DEL, which carry no
// text and which an article's text may not hold.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7F && r <= 0x9F }
