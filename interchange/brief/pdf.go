package brief

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/factmark/factmark/annotate"
)

// The PDF's font is the Go font family (golang.org/x/image/font/gofont),
// embedded as TrueType: fpdf's own core fonts are Latin-1 only, so "Łódź",
// an em dash or curly quotes would come out wrong, and a system font file
// may be missing or differ from machine to machine. The Go fonts cover
// Latin, Greek and Cyrillic (WGL4), come with the module we already build
// against, and fpdf embeds only the glyphs used.
const pdfFont = "go"

// pdfEpoch is the creation date of a brief with no date of its own (no
// claims): fixed, so that its bytes do not change from run to run.
var pdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Line heights and sizes, in millimetres and points.
const (
	pdfLine     = 5.5
	pdfBody     = 11
	pdfSmall    = 9
	pdfMaxChars = 100_000 // a field longer than this is cut, with a note, so that one field cannot make a PDF of thousands of pages
)

// writePDFCompressed writes the PDF, with its streams compressed or, for
// tests that read its text, not.
func writePDFCompressed(w io.Writer, m *model, compress bool) error {
	return writeModel(&pdfSink{w: w, compress: compress}, m)
}

// pdfSink lays the brief out article by article; fpdf keeps the pages
// until end writes the file.
type pdfSink struct {
	w        io.Writer
	compress bool
	pw       *pdfWriter
}

func (s *pdfSink) head(m *model) error {
	s.pw = &pdfWriter{p: newPDF(m, s.compress), m: m}
	s.pw.black()
	s.pw.document()
	return nil
}

func (s *pdfSink) article(m *model, a *articleView) error {
	s.pw.article(a)
	return pdfError(s.pw.p.Error()) // fpdf stops at its first error: say so at once, not after the last article
}

func (s *pdfSink) end(m *model) error {
	return pdfError(s.pw.p.Output(s.w))
}

func pdfError(err error) error {
	if err != nil {
		return annotate.Errorf(annotate.EINTERNAL, "the brief's PDF could not be made: %v", err)
	}
	return nil
}

func newPDF(m *model, compress bool) *fpdf.Fpdf {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(compress)
	p.SetCatalogSort(true)
	date := m.Date
	if date.IsZero() {
		date = pdfEpoch
	}
	p.SetCreationDate(date.UTC())
	p.SetModificationDate(date.UTC())
	p.SetProducer("Factmark", false)
	p.SetCreator("Factmark", false)
	p.SetTitle(m.Title(), true)
	if m.Org != "" {
		p.SetAuthor(m.Org, true)
	}
	p.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
	p.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
	p.AddUTF8FontFromBytes(pdfFont, "I", goitalic.TTF)
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont(pdfFont, "", pdfSmall)
		p.SetTextColor(110, 110, 110)
		p.CellFormat(0, 5, fmt.Sprintf("%s — page %d of {nb}", pdfGlyphs(m.Title()), p.PageNo()), "", 0, "C", false, 0, "")
	})
	return p
}

// pdfWriter lays the brief out as flowing text.
type pdfWriter struct {
	p   *fpdf.Fpdf
	m   *model
	ink [3]int // the text colour, which a link goes back to
}

func (pw *pdfWriter) document() {
	p, m := pw.p, pw.m
	p.AddPage()
	pw.text("B", 18, m.Title())
	p.Ln(9)
	var by []string
	if m.Org != "" {
		by = append(by, "Fact-checked by "+m.Org)
	}
	if !m.Date.IsZero() {
		by = append(by, day(m.Date))
	}
	if len(by) > 0 {
		pw.grey()
		pw.text("", pdfSmall, strings.Join(by, " · "))
		if m.OrgURL != "" {
			p.Ln(pdfLine)
			pw.link(pdfSmall, m.OrgURL, m.OrgURL)
		}
		pw.black()
		p.Ln(pdfLine)
	}
	if m.ClaimCount() == 0 {
		p.Ln(pdfLine)
		pw.text("", pdfBody, "No claim has a verdict to publish yet.")
	}
}

func (pw *pdfWriter) article(a *articleView) {
	p := pw.p
	p.Ln(pdfLine)
	title := a.Title
	if title == "" {
		title = "Untitled article"
	}
	pw.text("B", 15, title)
	p.Ln(7.5)
	pw.grey()
	if by := a.Byline(); by != "" {
		pw.text("", pdfSmall, by)
		p.Ln(pdfLine)
	}
	if a.URL != "" {
		pw.link(pdfSmall, a.URL, a.URL)
		p.Ln(pdfLine)
	}
	pw.black()
	for i := range a.Claims {
		pw.claim(&a.Claims[i])
	}
}

func (pw *pdfWriter) claim(c *claimView) {
	p := pw.p
	p.Ln(pdfLine)
	pw.text("B", 13, "Claim "+strconv.Itoa(c.N))
	p.Ln(7)
	pw.text("I", 12, "“"+c.Quote+"”")
	p.Ln(6.5)
	if who := c.ClaimantLine(); who != "" {
		pw.text("", pdfBody, "— "+who)
		p.Ln(pdfLine)
	}
	p.Ln(2)
	pw.text("B", pdfBody, pw.m.VerdictName()+": "+c.Verdict)
	if c.Explanation != "" {
		pw.text("", pdfBody, " — "+c.Explanation)
	}
	p.Ln(pdfLine)
	for _, co := range c.Corrections {
		p.Ln(2)
		pw.text("B", pdfBody, "Corrected "+day(co.At))
		s := ""
		if co.What != "" {
			s += ": " + co.What
		}
		s += "."
		if co.Why != "" {
			s += " Why: " + co.Why
		}
		if co.Author != "" {
			s += " (" + co.Author + ")"
		}
		pw.text("", pdfBody, s)
		p.Ln(pdfLine)
	}
	for _, para := range paragraphs(c.Rationale) {
		p.Ln(2)
		pw.text("", pdfBody, para)
		p.Ln(pdfLine)
	}
	if len(c.Sources) > 0 {
		p.Ln(2)
		pw.text("B", pdfBody, "Sources")
		p.Ln(pdfLine)
		for i := range c.Sources {
			pw.source(i+1, &c.Sources[i])
		}
	}
	if len(c.Reviewers) > 0 {
		p.Ln(2)
		pw.grey()
		pw.text("I", pdfSmall, "Reviewed by "+reviewedBy(c.Reviewers)+".")
		pw.black()
		p.Ln(pdfLine)
	}
	if c.ReviewURL != "" {
		pw.grey()
		pw.text("", pdfSmall, "Published at ")
		pw.link(pdfSmall, c.ReviewURL, c.ReviewURL)
		pw.black()
		p.Ln(pdfLine)
	}
}

func (pw *pdfWriter) source(n int, s *sourceView) {
	p := pw.p
	pw.text("", pdfBody, strconv.Itoa(n)+". ")
	if s.URL != "" {
		pw.link(pdfBody, s.Title, s.URL)
	} else {
		pw.text("", pdfBody, s.Title)
	}
	p.Ln(pdfLine)
	pw.grey()
	if meta := s.Meta(); meta != "" {
		pw.text("", pdfSmall, meta)
		p.Ln(pdfLine)
	}
	for _, para := range paragraphs(s.Excerpt) {
		pw.text("I", pdfSmall, "“"+para+"”")
		p.Ln(pdfLine)
	}
	if len(s.Archives) > 0 {
		pw.text("", pdfSmall, "Archived:")
		for _, u := range s.Archives {
			pw.text("", pdfSmall, " ")
			pw.link(pdfSmall, u, u) // printed, a link is its URL
		}
		p.Ln(pdfLine)
	}
	if s.SnapshotSHA256 != "" {
		pw.text("", pdfSmall, "Snapshot "+s.SnapshotName+", SHA-256 "+s.SnapshotSHA256)
		p.Ln(pdfLine)
	}
	pw.black()
	p.Ln(1)
}

// text writes s in the style and size, flowing from where the last text
// ended.
func (pw *pdfWriter) text(style string, size float64, s string) {
	pw.p.SetFont(pdfFont, style, size)
	for _, chunk := range chunks(pdfGlyphs(pdfCut(s))) {
		pw.p.Write(lineFor(size), chunk)
	}
}

// pdfChunk is the most text given to fpdf's Write at once: its time grows
// with the square of its text's length (50,000 characters took 5 s), and
// text written in pieces flows on from where the last piece ended.
const pdfChunk = 512

// chunks splits s into pieces of about pdfChunk bytes, each ending after a
// space where there is one, so that lines break where they would have.
func chunks(s string) []string {
	var out []string
	for len(s) > pdfChunk {
		cut := strings.LastIndexByte(s[:pdfChunk], ' ') + 1
		if cut == 0 {
			cut = pdfChunk
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return append(out, s)
}

// link writes text as a link to url (an http(s) URL: see linkURL).
func (pw *pdfWriter) link(size float64, text, url string) {
	pw.p.SetFont(pdfFont, "", size)
	pw.p.SetTextColor(11, 79, 138)
	pw.p.WriteLinkString(lineFor(size), pdfGlyphs(pdfCut(text)), url)
	pw.setInk(pw.ink)
}

func (pw *pdfWriter) grey()  { pw.setInk([3]int{85, 85, 85}) }
func (pw *pdfWriter) black() { pw.setInk([3]int{26, 26, 26}) }

func (pw *pdfWriter) setInk(c [3]int) {
	pw.ink = c
	pw.p.SetTextColor(c[0], c[1], c[2])
}

func lineFor(size float64) float64 { return size * 0.5 }

// pdfCut cuts s at pdfMaxChars characters, saying so.
func pdfCut(s string) string {
	if len(s) <= pdfMaxChars {
		return s
	}
	r := []rune(s)
	if len(r) <= pdfMaxChars {
		return s
	}
	return string(r[:pdfMaxChars]) + fmt.Sprintf(" … [%d more characters are in the HTML and Markdown briefs]", len(r)-pdfMaxChars)
}

// pdfGlyphs is s with each character beyond the Basic Multilingual Plane
// (an emoji such as 👨, U+1F468) replaced by U+FFFD: fpdf's TrueType
// tables index only the first 65,536 code points and it panicked on
// them, failing the whole brief.
func pdfGlyphs(s string) string {
	for _, r := range s {
		if r > 0xFFFF {
			return strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return utf8.RuneError
				}
				return r
			}, s)
		}
	}
	return s
}
