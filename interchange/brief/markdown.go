package brief

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// head is the brief's title and byline.
func (mw *mdWriter) head(m *model) error {
	mw.line("# " + mdEscape(m.Title()))
	mw.blank()
	if by := mdByline(m); by != "" {
		mw.line(by)
		mw.blank()
	}
	if m.ClaimCount() == 0 {
		mw.line("No claim has a verdict to publish yet.")
		mw.blank()
	}
	return mw.err
}

func (mw *mdWriter) article(m *model, a *articleView) error {
	mw.articleBody(m, a)
	return mw.err
}

func (mw *mdWriter) end(m *model) error {
	mw.line(fmt.Sprintf("*%d %s checked. Made with Factmark.*", m.ClaimCount(), plural(m.ClaimCount(), "claim")))
	return mw.err
}

func mdByline(m *model) string {
	var parts []string
	if m.Org != "" {
		org := mdEscape(m.Org)
		if m.OrgURL != "" {
			org = mdLink(m.Org, m.OrgURL)
		}
		parts = append(parts, "Fact-checked by "+org)
	}
	if !m.Date.IsZero() {
		parts = append(parts, day(m.Date))
	}
	return strings.Join(parts, " · ")
}

// mdWriter writes the brief as CommonMark for a CMS. Every piece of
// text is escaped (mdEscape), so that a title, a quote or a rationale is
// shown as written and never becomes markup, raw HTML or a link; links are
// only the model's http(s) URLs.
type mdWriter struct {
	w   io.Writer
	err error
}

func (mw *mdWriter) line(s string) {
	if mw.err == nil {
		_, mw.err = io.WriteString(mw.w, s+"\n")
	}
}

func (mw *mdWriter) blank() { mw.line("") }

func (mw *mdWriter) articleBody(m *model, a *articleView) {
	title := a.Title
	if title == "" {
		title = "Untitled article"
	}
	mw.line("## " + mdEscape(title))
	mw.blank()
	var head []string
	if by := a.Byline(); by != "" {
		head = append(head, mdEscape(by))
	}
	if a.URL != "" {
		head = append(head, mdLink(a.URL, a.URL))
	}
	if len(head) > 0 {
		mw.line(strings.Join(head, "\\\n"))
		mw.blank()
	}
	for i := range a.Claims {
		mw.claim(m, &a.Claims[i])
	}
}

func (mw *mdWriter) claim(m *model, c *claimView) {
	mw.line(fmt.Sprintf("### Claim %d", c.N))
	mw.blank()
	quote := paragraphs(c.Quote)
	for i, p := range quote {
		text := mdText(p)
		if i == 0 {
			text = "“" + text
		}
		if i == len(quote)-1 {
			text += "”"
		}
		mw.quoted("> ", text)
		if i < len(quote)-1 {
			mw.line(">")
		}
	}
	if who := c.ClaimantLine(); who != "" {
		mw.line(">")
		mw.line("> — " + mdEscape(who))
	}
	mw.blank()
	verdict := "**" + m.VerdictName() + ":** " + mdEscape(c.Verdict)
	if c.Explanation != "" {
		verdict += " — " + mdEscape(c.Explanation)
	}
	mw.line(verdict)
	mw.blank()
	for _, co := range c.Corrections {
		mw.line(mdCorrection(co))
		mw.blank()
	}
	for _, p := range paragraphs(c.Rationale) {
		mw.line(mdText(p))
		mw.blank()
	}
	if len(c.Sources) > 0 {
		mw.line("**Sources**")
		mw.blank()
		for i := range c.Sources {
			mw.source(i+1, &c.Sources[i])
		}
		mw.blank()
	}
	if len(c.Reviewers) > 0 {
		mw.line("*Reviewed by " + mdEscape(reviewedBy(c.Reviewers)) + ".*")
		mw.blank()
	}
	if c.ReviewURL != "" {
		mw.line("Published at " + mdLink(c.ReviewURL, c.ReviewURL))
		mw.blank()
	}
}

func mdCorrection(co correction) string {
	s := "**Corrected " + day(co.At) + "**"
	if co.What != "" {
		s += ": " + mdEscape(strings.Join(strings.Fields(co.What), " "))
	}
	s += "."
	if co.Why != "" {
		s += " Why: " + mdEscape(strings.Join(strings.Fields(co.Why), " "))
	}
	if co.Author != "" {
		s += " (" + mdEscape(co.Author) + ")"
	}
	return s
}

// source writes the n-th source as an item of an ordered list; its
// further lines are indented to stay in the item.
func (mw *mdWriter) source(n int, s *sourceView) {
	num := strconv.Itoa(n) + ". "
	indent := strings.Repeat(" ", len(num))
	title := mdEscape(s.Title)
	if s.URL != "" {
		title = mdLink(s.Title, s.URL)
	}
	lines := []string{title}
	if meta := s.Meta(); meta != "" {
		lines = append(lines, mdEscape(meta))
	}
	if len(s.Archives) > 0 {
		links := make([]string, len(s.Archives))
		for i, u := range s.Archives {
			links[i] = mdLink(archiveName(u), u)
		}
		lines = append(lines, "Archived: "+strings.Join(links, ", "))
	}
	if s.SnapshotSHA256 != "" {
		lines = append(lines, mdEscape("Snapshot "+s.SnapshotName+", SHA-256 "+s.SnapshotSHA256))
	}
	mw.line(num + strings.Join(lines, "\\\n"+indent))
	for _, p := range paragraphs(s.Excerpt) {
		mw.line("")
		mw.quoted(indent+"> ", mdText(p))
	}
}

// quoted writes text (lines joined by hard breaks) with prefix before
// each line.
func (mw *mdWriter) quoted(prefix, text string) {
	for _, l := range strings.Split(text, "\n") {
		mw.line(prefix + l)
	}
}

// mdText is a paragraph of text escaped, its line breaks kept as hard
// breaks (a backslash at the line's end).
func mdText(p string) string {
	lines := strings.Split(p, "\n")
	for i, l := range lines {
		lines[i] = mdEscape(l)
	}
	return strings.Join(lines, "\\\n")
}

// mdEscape escapes one line of text so that CommonMark (and GitHub's
// extensions) shows it as it is: a backslash before every character that
// is markup anywhere in a line, and before what starts a block at the
// line's start (a heading, quote, list or rule). Leading spaces, which
// would make a code block, are dropped.
func mdEscape(s string) string {
	s = strings.TrimLeft(s, " ")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>&|~$!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if out == "" {
		return out
	}
	switch out[0] {
	case '#', '-', '+', '=', ':':
		return "\\" + out
	}
	// "1." and "1)" start an ordered list.
	digits := len(out) - len(strings.TrimLeft(out, "0123456789"))
	if digits > 0 && digits < len(out) && (out[digits] == '.' || out[digits] == ')') {
		return out[:digits] + "\\" + out[digits:]
	}
	return out
}

// mdLink is a link to url (an http(s) URL, see linkURL) with the text
// shown as it is. The URL's characters that would end or break the link
// are percent-encoded.
func mdLink(text, url string) string {
	return "[" + mdEscape(text) + "](" + linkDestination.Replace(url) + ")"
}

var linkDestination = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", " ", "%20", "\\", "%5C", "`", "%60")

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
