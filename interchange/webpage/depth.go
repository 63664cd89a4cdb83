package webpage

import (
	"bytes"
	"errors"
	"io"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth is how deeply a page's elements may nest. The corpus' saved news
// pages nest up to 34 levels, and Chromium flattens the tree past 512; a
// page nested deeper is not an article, and would make the parser, whose
// scope checks scan the stack of open elements, take quadratic time (50,000
// nested <div>s take 16 s).
const maxDepth = 512

// uncounted are the elements nestingEstimate does not count: void ones,
// those whose end tag may be left out (the parser closes them itself), and
// formatting elements, which the parser closes and reopens rather than
// nesting when they are left open.
var uncounted = atomSet(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
	atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.Param, atom.Keygen,
	atom.Html, atom.Head, atom.Body, atom.P, atom.Li, atom.Dt, atom.Dd, atom.Option, atom.Optgroup,
	atom.Tr, atom.Td, atom.Th, atom.Thead, atom.Tbody, atom.Tfoot, atom.Colgroup, atom.Caption,
	atom.Rb, atom.Rt, atom.Rp, atom.Rtc,
	atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S, atom.Small,
	atom.Strike, atom.Strong, atom.Tt, atom.U)

// nestingEstimate returns how deeply the page's tags nest, counted on the
// tokens before the page is parsed, in linear time: each start tag of a
// counted element opens a level and its end tag closes one.
func nestingEstimate(page []byte) int {
	z := html.NewTokenizer(bytes.NewReader(page))
	level, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if !uncounted[atom.Lookup(name)] {
				level++
				deepest = max(deepest, level)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !uncounted[atom.Lookup(name)] && level > 0 {
				level--
			}
		}
	}
}

// depth returns how deeply the document's nodes nest.
func depth(doc *html.Node) int {
	type item struct {
		n *html.Node
		d int
	}
	deepest := 0
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.d)
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	return deepest
}

// parseBudget is how long parsing a page may take. Pages parse in
// milliseconds (a 500 KB one in about 5 ms); only a page built to defeat the
// parser comes near it: tens of thousands of formatting elements left open
// with different attributes (<font color=…>) make x/net/html rebuild them
// at every step, in quadratic time, which nestingEstimate does not count
// because sloppy real pages leave such elements open too.
var parseBudget = 10 * time.Second

var errTooSlow = errors.New("parse budget exceeded")

// deadlineReader reads r until the deadline, then fails, which ends the
// parse that reads it.
type deadlineReader struct {
	r        io.Reader
	deadline time.Time
}

func (d *deadlineReader) Read(p []byte) (int, error) {
	if time.Now().After(d.deadline) {
		return 0, errTooSlow
	}
	// Short reads keep the checks frequent: the parser reads again only
	// when it has used what it has.
	return d.r.Read(p[:min(len(p), 4096)])
}

// parse parses page within parseBudget.
func parse(page []byte) (*html.Node, error) {
	return html.Parse(&deadlineReader{r: bytes.NewReader(page), deadline: time.Now().Add(parseBudget)})
}
