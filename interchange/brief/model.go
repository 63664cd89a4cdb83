package brief

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// Format is one of the brief's file formats.
type Format string

// The brief's formats.
const (
	HTML     Format = "html"
	Markdown Format = "md"
	PDF      Format = "pdf"
)

// Options choose what the brief holds and how it is written.
type Options struct {
	Format Format
	// ApprovedOnly limits the brief to the claims with the approvals the
	// settings require (annotate.Claim.Approved); by default every claim
	// with a verdict is in it.
	ApprovedOnly bool
	// Date is the brief's date, printed under its title and the PDF's
	// creation date. Zero means the latest change to what the brief holds
	// (a claim, note, approval or correction), so that the same project
	// writes the same bytes.
	Date time.Time
	// NoArticleText leaves the article's text (with the claims
	// highlighted) out of the HTML page.
	NoArticleText bool
}

// model is what every format writes: the brief, with every string
// cleaned (clean) and withheld evidence gone. Its head (organisation,
// date, title) and counts are known before the first article is written:
// a streamed brief gathers them on a first pass over the articles
// (WriteFrom), and Articles is then nil, each article written as it comes.
type model struct {
	Org, OrgURL string
	Date        time.Time
	Conclusion  bool // the scale's verdicts are one-sentence conclusions
	Articles    []articleView
	// claims and articles count what the brief holds; firstTitle is its
	// first article's title, the brief's own when it is the only one.
	claims, articles int
	firstTitle       string
	latest           time.Time // the latest change to what the brief holds
}

type articleView struct {
	Title, Outlet, Published, URL string
	Authors                       []string
	Text                          string // the article's text, "" when left out
	Claims                        []claimView
}

type claimView struct {
	N                      int    // 1-based, through the whole brief: anchors #claim-N
	Quote                  string // the claim's words, pieces joined by " … "
	Anchors                []span // the claim's pieces in the article's text
	Claimant, ClaimantRole string
	Verdict, Explanation   string
	Rationale              string
	Sources                []sourceView
	Reviewers              []reviewer
	Corrections            []correction
	ReviewURL              string
	lastChange             time.Time // the latest change to what the claim shows
}

type span struct{ Start, End int }

type sourceView struct {
	Title, URL, Publisher, Type, Accessed, Excerpt string
	Archives                                       []string
	SnapshotName, SnapshotSHA256                   string
}

type reviewer struct {
	Name string
	At   time.Time
}

type correction struct {
	At                time.Time
	Author, What, Why string
}

// newModel gathers the brief of doc: the claims with a verdict (and the
// approvals settings require, with ApprovedOnly), in text order, article
// by article; articles without such claims are left out.
func newModel(doc *annotate.Document, settings annotate.Settings, opts Options) *model {
	m := newHead(doc, settings)
	b := newBuilder(doc, settings, opts)
	for i := range doc.Articles {
		if av, ok := b.view(&doc.Articles[i]); ok {
			m.add(&av)
			m.Articles = append(m.Articles, av)
		}
	}
	m.date(opts)
	return m
}

// newHead is the model of a brief that holds nothing yet, signed by the
// settings' organisation; head is the document's head (its scale).
func newHead(head *annotate.Document, settings annotate.Settings) *model {
	m := &model{Org: clean(settings.Organization), Conclusion: head.Scale.Conclusion}
	if annotate.ValidURL(settings.OrganizationURL) {
		m.OrgURL = clean(settings.OrganizationURL)
	}
	return m
}

// add counts the article's view into what the brief holds.
func (m *model) add(av *articleView) {
	m.articles++
	if m.articles == 1 {
		m.firstTitle = av.Title
	}
	for i := range av.Claims {
		m.claims++
		m.latest = later(m.latest, av.Claims[i].lastChange)
	}
}

// date sets the brief's date: the options', or the latest change to what
// it holds.
func (m *model) date(opts Options) {
	m.Date = opts.Date
	if m.Date.IsZero() {
		m.Date = m.latest
	}
}

// builder makes the view of each article in turn, numbering the claims
// through the whole brief.
type builder struct {
	settings  annotate.Settings
	opts      Options
	scale     annotate.Scale
	speakers  map[string]*annotate.Speaker
	explained map[string]string // Scale.Explain builds the presets each time
	n         int
}

// newBuilder is the builder of a brief of the document whose head (scale
// and speakers) is given.
func newBuilder(head *annotate.Document, settings annotate.Settings, opts Options) *builder {
	b := &builder{settings: settings, opts: opts, scale: head.Scale,
		speakers: make(map[string]*annotate.Speaker, len(head.Speakers)), explained: map[string]string{}}
	for i := range head.Speakers {
		s := head.Speakers[i]
		b.speakers[s.ID] = &s
	}
	return b
}

func (b *builder) explain(label string) string {
	e, ok := b.explained[label]
	if !ok {
		e = clean(b.scale.Explain(label))
		b.explained[label] = e
	}
	return e
}

// view is the article as the brief shows it; ok is false when none of its
// claims is in the brief.
func (b *builder) view(a *annotate.ArticleDoc) (av articleView, ok bool) {
	av = articleView{Title: clean(a.Title), Outlet: clean(a.Outlet), Published: clean(a.Published),
		URL: linkURL(a.URL), Authors: cleanAll(a.Authors)}
	byClaim, attrs := notesByClaim(a), attributionsByID(a)
	for _, c := range sortedClaims(a) {
		if b.opts.ApprovedOnly && !c.SignedOff(b.settings.ApprovalsRequired) {
			continue
		}
		notes := byClaim[c.ID]
		verdict := latestVerdict(notes)
		if verdict == nil {
			continue
		}
		b.n++
		cv := newClaimView(b.n, c, verdict, notes, attrs, b.speakers, &b.scale, b.explain)
		cv.ReviewURL = reviewURL(c, verdict, cv.Quote, b.settings.ReviewURL)
		av.Claims = append(av.Claims, cv)
	}
	if len(av.Claims) == 0 {
		return av, false
	}
	if !b.opts.NoArticleText {
		av.Text = cleanRunes(a.Text)
	}
	return av, true
}

// sortedClaims are the article's claims in text order, not orphaned (an
// orphan's words are gone from the article).
func sortedClaims(a *annotate.ArticleDoc) []*annotate.Claim {
	var list []*annotate.Claim
	for i := range a.Claims {
		if !a.Claims[i].Orphan {
			list = append(list, &a.Claims[i])
		}
	}
	slices.SortStableFunc(list, func(x, y *annotate.Claim) int {
		if x.Start() != y.Start() {
			return x.Start() - y.Start()
		}
		return strings.Compare(x.ID, y.ID)
	})
	return list
}

// notesByClaim are the article's notes on each claim, in ID order, but
// orphans: gathered once for the article (looking them up claim by claim
// took 50 s for 100k annotations).
func notesByClaim(a *annotate.ArticleDoc) map[string][]*annotate.Note {
	by := map[string][]*annotate.Note{}
	for i := range a.Notes {
		if n := &a.Notes[i]; n.ClaimID != "" && !n.Orphan {
			by[n.ClaimID] = append(by[n.ClaimID], n)
		}
	}
	for _, notes := range by {
		slices.SortFunc(notes, func(x, y *annotate.Note) int { return strings.Compare(x.ID, y.ID) })
	}
	return by
}

// latestVerdict is the note with the verdict that stands: the last one
// changed (the larger ID on a tie), as the ClaimReview export chooses; nil
// when no note has a verdict.
func latestVerdict(notes []*annotate.Note) *annotate.Note {
	var best *annotate.Note
	for _, n := range notes {
		if strings.TrimSpace(n.Verdict) == "" {
			continue
		}
		if best == nil || n.Modified.After(best.Modified) || n.Modified.Equal(best.Modified) && n.ID > best.ID {
			best = n
		}
	}
	return best
}

func newClaimView(n int, c *annotate.Claim, verdict *annotate.Note, notes []*annotate.Note, attrs map[string]*annotate.Attribution,
	speakers map[string]*annotate.Speaker, scale *annotate.Scale, explain func(string) string) claimView {
	cv := claimView{N: n, Verdict: clean(verdict.Verdict), Rationale: cleanText(verdict.Rationale)}
	if !scale.Conclusion {
		cv.Explanation = explain(verdict.Verdict)
	}
	var pieces []string
	for _, an := range c.Anchors {
		pieces = append(pieces, strings.TrimSpace(an.Exact))
		cv.Anchors = append(cv.Anchors, span{an.Start, an.End})
	}
	cv.Quote = cleanText(strings.Join(pieces, " … "))
	cv.Claimant, cv.ClaimantRole = claimant(c, attrs, speakers)
	cv.Sources = sources(verdict, notes)
	cv.lastChange = later(c.Modified, verdict.Modified)
	for i := range c.Approvals {
		if ap := &c.Approvals[i]; ap.Active() {
			cv.lastChange = later(cv.lastChange, ap.At)
			if !slices.ContainsFunc(cv.Reviewers, func(r reviewer) bool { return r.Name == clean(ap.Reviewer) }) {
				cv.Reviewers = append(cv.Reviewers, reviewer{clean(ap.Reviewer), ap.At})
			}
		}
	}
	for _, co := range c.Corrections {
		cv.lastChange = later(cv.lastChange, co.At)
		cv.Corrections = append(cv.Corrections, correction{co.At, clean(co.Author), cleanText(co.What), cleanText(co.Why)})
	}
	return cv
}

// reviewURL is where the claim's fact-check is published: its own URL, or
// the settings' pattern filled in for it (as the ClaimReview export does),
// or "" when neither is an http(s) URL.
func reviewURL(c *annotate.Claim, verdict *annotate.Note, quote, pattern string) string {
	if c.ReviewURL != "" {
		return linkURL(c.ReviewURL)
	}
	if pattern == "" || annotate.CheckReviewURLPattern("review.url", pattern) != nil {
		return ""
	}
	return linkURL(annotate.ExpandReviewURL(pattern, annotate.ReviewURLValues{Claim: quote, ID: c.ID, Date: verdict.Created}))
}

// claimant is who made the claim: its speaker, or its attribution's
// speaker, or the words its attribution names the speaker with.
func claimant(c *annotate.Claim, attrs map[string]*annotate.Attribution, speakers map[string]*annotate.Speaker) (name, role string) {
	id := c.SpeakerID
	var source string
	if at := attrs[c.AttributionID]; at != nil && c.AttributionID != "" {
		if id == "" {
			id = at.SpeakerID
		}
		if at.Source != nil {
			source = at.Source.Exact
		}
	}
	if s := speakers[id]; s != nil {
		return clean(s.Name), clean(s.Role)
	}
	return clean(source), ""
}

// attributionsByID are the article's attributions by their IDs.
func attributionsByID(a *annotate.ArticleDoc) map[string]*annotate.Attribution {
	m := make(map[string]*annotate.Attribution, len(a.Attributions))
	for i := range a.Attributions {
		m[a.Attributions[i].ID] = &a.Attributions[i]
	}
	return m
}

// sources are the evidence of the claim's notes that is not withheld: the
// verdict note's first, then the others', each record once (by ID, or by
// URL and title when it has none).
func sources(verdict *annotate.Note, notes []*annotate.Note) []sourceView {
	var list []sourceView
	seen := map[string]bool{}
	add := func(n *annotate.Note) {
		for _, e := range n.Sources {
			key := e.ID
			if key == "" {
				key = e.URL + "\x00" + e.Title
			}
			if e.Withheld || seen[key] {
				continue
			}
			seen[key] = true
			list = append(list, newSourceView(&e))
		}
	}
	add(verdict)
	for _, n := range notes {
		if n != verdict {
			add(n)
		}
	}
	return list
}

func newSourceView(e *annotate.Evidence) sourceView {
	sv := sourceView{Title: clean(e.Title), URL: linkURL(e.URL), Publisher: clean(e.Publisher), Accessed: clean(e.Accessed),
		Excerpt: cleanText(e.Excerpt)}
	if e.Type != "" {
		sv.Type = clean(e.Type.Label())
	}
	if sv.Title == "" {
		sv.Title = clean(e.URL) // a record needs a URL or a title
	}
	for _, u := range e.Archives {
		if u := linkURL(u); u != "" {
			sv.Archives = append(sv.Archives, u)
		}
	}
	if s := e.Snapshot; s != nil {
		sv.SnapshotName, sv.SnapshotSHA256 = clean(s.Name), clean(s.SHA256)
	}
	return sv
}

// linkURL is u when it is an http(s) URL a reader may follow, cleaned;
// otherwise "" (javascript:, data:, and anything unparsable never become
// links).
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	if !utf8.ValidString(u) || strings.ContainsFunc(u, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
		return ""
	}
	if !annotate.ValidURL(u) {
		return ""
	}
	return u
}

// archiveName is what a link to an archived copy says: the archive's
// host (web.archive.org, archive.ph, perma.cc).
func archiveName(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return strings.TrimPrefix(p.Host, "www.")
	}
	return u
}

// clean makes s one line of text: invalid UTF-8 replaced, control
// characters and line breaks turned into spaces, outer space trimmed.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cleanText is clean for text of several lines: \n line ends kept (\r\n
// and \r become \n), other control characters turned into spaces.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return '\n'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cleanRunes is cleanText that keeps every code point where it is, for
// the article's text, which the claims' offsets point into: each invalid
// byte and each control character but \n becomes one character.
func cleanRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		case r != '\n' && unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func cleanAll(list []string) []string {
	var out []string
	for _, s := range list {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// paragraphs splits text at blank lines, dropping empty ones.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Trim(p, "\n "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// day is t's date, YYYY-MM-DD in UTC.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// reviewedBy says who approved the verdict and when.
func reviewedBy(rs []reviewer) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Name + " (" + day(r.At) + ")"
	}
	return joinAnd(parts)
}

// joinAnd joins items as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Byline is the article's outlet, authors and date, as one line.
func (a articleView) Byline() string {
	var parts []string
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	if len(a.Authors) > 0 {
		parts = append(parts, "by "+joinAnd(a.Authors))
	}
	if a.Published != "" {
		parts = append(parts, a.Published)
	}
	return strings.Join(parts, " · ")
}

// ClaimantLine is the claimant with their role, or "".
func (c claimView) ClaimantLine() string {
	if c.ClaimantRole != "" && c.Claimant != "" {
		return c.Claimant + ", " + c.ClaimantRole
	}
	return c.Claimant
}

// VerdictName is what the verdict is called: a conclusion on a conclusion
// scale, else a verdict.
func (m *model) VerdictName() string {
	if m.Conclusion {
		return "Conclusion"
	}
	return "Verdict"
}

// Meta is a source's publisher, type and access date, as one line.
func (s sourceView) Meta() string {
	var parts []string
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if s.Type != "" {
		parts = append(parts, s.Type)
	}
	if s.Accessed != "" {
		parts = append(parts, "accessed "+s.Accessed)
	}
	return strings.Join(parts, " · ")
}

// Title is the brief's title.
func (m *model) Title() string {
	if m.articles == 1 && m.firstTitle != "" {
		return "Fact-check: " + m.firstTitle
	}
	return "Fact-check brief"
}

// ClaimCount is the number of claims in the brief.
func (m *model) ClaimCount() int { return m.claims }
