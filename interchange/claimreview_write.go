package interchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// schema.org ClaimReview (https://schema.org/ClaimReview), the markup
// fact-checkers publish their verdicts in and CMSs and search engines read.
// Factmark writes one ClaimReview for every claim with a verdict; when
// several notes give the claim a verdict, the one changed last is the
// review (CheckClaimReviews says so):
//
//   - claimReviewed is the claim's text, its pieces joined by " … ";
//   - url is where the review is published: the claim's own review URL, or
//     the settings' pattern filled in for the claim (see
//     annotate.ExpandReviewURL); left out when neither is set. @id is
//     urn:uuid: of the note, which an import reads back;
//   - reviewRating is a Rating whose alternateName is the verdict, whose
//     ratingValue, bestRating and worstRating place it on the project's
//     scale (a verdict off the numeric range, like "Unverifiable", one no
//     longer on the scale, and every verdict of a conclusion scale have no
//     numbers), and whose ratingExplanation is the first paragraph of the
//     rationale: the short why, where reviewBody is the whole rationale;
//   - itemReviewed is the Claim (@id urn:uuid: of the claim): its author
//     the claimant, a Person (the speaker registry does not say whether a
//     speaker is a person or a body, and most claimants are people) with
//     the speaker's role or affiliation as description; datePublished the
//     article's date; appearance the article, a CreativeWork with its url
//     (an article without one has @id urn:sha256: of its text, so that an
//     import finds it, and no url), headline (the title), date, publisher
//     (the outlet) and authors; firstAppearance the earliest dated article
//     of the export with the same claim, when the claim is in more than one;
//   - author is the organisation from the settings; datePublished the day
//     the note was last changed, dateCreated and dateModified its times
//     (dateModified the last correction's, when the claim was corrected);
//     citation the sources of evidence, but those withheld for safety;
//   - correction, on a claim whose published verdict was corrected, is a
//     CorrectionComment per correction, oldest first: its text says what
//     changed and why, dateCreated when, author who.
//
// Every URL written is an http(s) URL (anything else is left out), and the
// JSON escapes <, > and &, so that the output is safe inside a
// <script type="application/ld+json"> block.

// SchemaOrgContext is the schema.org JSON-LD context.
const SchemaOrgContext = "https://schema.org"

type crGraph struct {
	Context string          `json:"@context"`
	Graph   []crClaimReview `json:"@graph"`
}

type crClaimReview struct {
	Type          string    `json:"@type"`
	ID            string    `json:"@id"`
	URL           string    `json:"url,omitempty"`
	ClaimReviewed string    `json:"claimReviewed"`
	ReviewRating  crRating  `json:"reviewRating"`
	ItemReviewed  crClaim   `json:"itemReviewed"`
	Author        *crThing  `json:"author,omitempty"`
	DatePublished string    `json:"datePublished"`
	DateCreated   string    `json:"dateCreated"`
	DateModified  string    `json:"dateModified"`
	ReviewBody    string    `json:"reviewBody,omitempty"`
	Citation      []crThing `json:"citation,omitempty"`
	Correction    []crThing `json:"correction,omitempty"`
}

type crRating struct {
	Type              string `json:"@type"`
	AlternateName     string `json:"alternateName"`
	RatingValue       *int   `json:"ratingValue,omitempty"`
	BestRating        *int   `json:"bestRating,omitempty"`
	WorstRating       *int   `json:"worstRating,omitempty"`
	RatingExplanation string `json:"ratingExplanation,omitempty"`
}

type crClaim struct {
	Type            string   `json:"@type"`
	ID              string   `json:"@id"`
	Author          *crThing `json:"author,omitempty"`
	DatePublished   string   `json:"datePublished,omitempty"`
	Appearance      crThing  `json:"appearance"`
	FirstAppearance *crThing `json:"firstAppearance,omitempty"`
}

// crThing is a Person, an Organization or a CreativeWork.
type crThing struct {
	Type          string    `json:"@type"`
	ID            string    `json:"@id,omitempty"`
	Name          string    `json:"name,omitempty"`
	URL           string    `json:"url,omitempty"`
	Headline      string    `json:"headline,omitempty"`
	Description   string    `json:"description,omitempty"`
	DatePublished string    `json:"datePublished,omitempty"`
	Publisher     *crThing  `json:"publisher,omitempty"`
	Author        []crThing `json:"author,omitempty"`
	Text          string    `json:"text,omitempty"`        // a CorrectionComment's
	DateCreated   string    `json:"dateCreated,omitempty"` // a CorrectionComment's
}

// claimPieceSep joins the pieces of a claim in claimReviewed.
const claimPieceSep = " … "

// Organization is the fact-checking organisation ClaimReview names as each
// review's author — its name and web site — and the pattern of the URLs it
// publishes reviews at (annotate.Settings.ReviewURL). Any may be empty.
type Organization struct {
	Name, URL string
	ReviewURL string
}

// OrganizationOf is the organisation the settings name.
func OrganizationOf(s annotate.Settings) Organization {
	return Organization{Name: s.Organization, URL: s.OrganizationURL, ReviewURL: s.ReviewURL}
}

// WriteClaimReview writes a ClaimReview for every claim with a verdict, as
// one JSON-LD @graph. organization is the fact-checking organisation that
// authors the reviews; it is left out when empty.
func WriteClaimReview(w io.Writer, d *annotate.Document, organization string) error {
	return WriteClaimReviewBy(w, d, Organization{Name: organization})
}

// WriteClaimReviewBy writes ClaimReview as WriteClaimReview does, with the
// organisation's name and URL as the author and its review URL pattern.
func WriteClaimReviewBy(w io.Writer, d *annotate.Document, org Organization) error {
	d = WithoutWithheld(d)
	d.Sort() // the articles too, as the store hands them out
	_, err := writeClaimReviewFrom(w, documentPasses(d), org, false, nil)
	return err
}

// crStats are what a ClaimReview export held: its reviews, the articles
// they are on, and (when checked) what they lack.
type crStats struct {
	reviews, articles int
	issues            []ClaimReviewIssue
}

// writeClaimReviewFrom writes the @graph of the articles src hands out, one
// article at a time. The first pass finds the claims that appear in
// several articles (each review names the earliest), counts the reviews
// and, when checked, checks them as CheckClaimReviews does; check, when
// given, sees the issues before anything is written and stops the export
// with its error. The second pass writes.
func writeClaimReviewFrom(w io.Writer, src articlePasses, org Organization, checked bool,
	check func([]ClaimReviewIssue) error) (crStats, error) {
	var st crStats
	var cx *crContext
	var firsts firstAppearanceSet
	var unreviewed []ClaimReviewIssue // CheckClaimReviews lists these after every review's
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ") // an item of the graph, as writeJSON indents it
	started, sep := false, "\n    "
	start := func() error {
		started = true
		cx.first = firsts.result()
		st.issues = append(st.issues, unreviewed...)
		if check != nil {
			if err := check(st.issues); err != nil {
				return err
			}
		}
		_, err := fmt.Fprintf(bw, "{\n  \"@context\": %q,\n  \"@graph\": [", SchemaOrgContext)
		return err
	}
	head := func(d *annotate.Document) error {
		cx = newCRContext(&annotate.Document{Scale: d.Scale, Speakers: d.Speakers}, org)
		return nil
	}
	article := func(pass int, a *annotate.ArticleDoc) error {
		d := WithoutWithheld(oneArticle(a))
		d.Sort()
		a = &d.Articles[0]
		items := claimReviewItems(d)
		if pass == 0 {
			firsts.add(a)
			if len(items) > 0 {
				st.reviews += len(items)
				st.articles++
			}
			if checked {
				issues, more := cx.checkArticle(d, items)
				st.issues, unreviewed = append(st.issues, issues...), append(unreviewed, more...)
			}
			return nil
		}
		if !started {
			if err := start(); err != nil {
				return err
			}
		}
		for _, it := range items {
			buf.Reset()
			if err := enc.Encode(cx.review(it)); err != nil {
				return fmt.Errorf("write ClaimReview: %w", err)
			}
			bw.WriteString(sep)
			sep = ",\n    "
			if _, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
				return err
			}
		}
		return nil
	}
	if err := src(2, head, article); err != nil {
		return crStats{}, err
	}
	if !started {
		if err := start(); err != nil {
			return crStats{}, err
		}
	}
	if st.reviews > 0 {
		bw.WriteString("\n  ]\n}\n")
	} else {
		bw.WriteString("]\n}\n")
	}
	return st, bw.Flush()
}

// crItem is one review to write: a claim, the note whose verdict is the
// review's, and how many of the claim's notes give verdicts.
type crItem struct {
	article  *annotate.ArticleDoc
	claim    *annotate.Claim
	note     *annotate.Note
	verdicts []string // the verdicts of the claim's notes, in their order
}

// claimReviewItems are the reviews of d, in the order of d's notes: one per
// claim with a verdict, by the note with a verdict changed last (the later
// ID when two were changed at once).
func claimReviewItems(d *annotate.Document) []crItem {
	var items []crItem
	for i := range d.Articles {
		a := &d.Articles[i]
		claims := make(map[string]*annotate.Claim, len(a.Claims))
		for j := range a.Claims {
			claims[a.Claims[j].ID] = &a.Claims[j]
		}
		latest := map[string]*annotate.Note{}
		verdicts := map[string][]string{}
		for j := range a.Notes {
			n := &a.Notes[j]
			if n.Verdict == "" || claims[n.ClaimID] == nil {
				continue
			}
			verdicts[n.ClaimID] = append(verdicts[n.ClaimID], n.Verdict)
			if l := latest[n.ClaimID]; l == nil || n.Modified.After(l.Modified) || n.Modified.Equal(l.Modified) && n.ID > l.ID {
				latest[n.ClaimID] = n
			}
		}
		for j := range a.Notes {
			n := &a.Notes[j]
			if n.Verdict != "" && latest[n.ClaimID] == n {
				items = append(items, crItem{article: a, claim: claims[n.ClaimID], note: n, verdicts: verdicts[n.ClaimID]})
			}
		}
	}
	return items
}

// crContext is what every review of a document draws on.
type crContext struct {
	org         Organization
	scale       *annotate.Scale
	worst, best int
	speakers    map[string]*annotate.Speaker
	first       map[string]*annotate.Article // claim text key → the earliest dated article with it, when in several
}

func newCRContext(d *annotate.Document, org Organization) *crContext {
	cx := &crContext{org: org, scale: &d.Scale, speakers: make(map[string]*annotate.Speaker, len(d.Speakers))}
	cx.worst, cx.best = d.Scale.Range()
	for i := range d.Speakers {
		cx.speakers[d.Speakers[i].ID] = &d.Speakers[i]
	}
	cx.first = firstAppearances(d)
	return cx
}

// claimKey is what two claims of the same words share: their text, lower
// case, spaces collapsed.
func claimKey(text string) string { return strings.Join(strings.Fields(strings.ToLower(text)), " ") }

// firstAppearances maps the text of each claim found in more than one
// article of d to the earliest of them with a publication date.
func firstAppearances(d *annotate.Document) map[string]*annotate.Article {
	var set firstAppearanceSet
	for i := range d.Articles {
		set.add(&d.Articles[i])
	}
	return set.result()
}

// firstAppearanceSet gathers firstAppearances an article at a time,
// holding each claim's text key and a copy of each article's details
// without its text.
type firstAppearanceSet struct {
	keys map[string]*firstAppearance
}

type firstAppearance struct {
	lastID   string // the last article the claim was seen in
	articles int    // how many articles it is in
	first    *annotate.Article
}

func (s *firstAppearanceSet) add(a *annotate.ArticleDoc) {
	if s.keys == nil {
		s.keys = map[string]*firstAppearance{}
	}
	var details *annotate.Article // made once, for the first claim that needs it
	for j := range a.Claims {
		k := claimKey(claimText(&a.Claims[j]))
		f := s.keys[k]
		if f == nil {
			f = &firstAppearance{}
			s.keys[k] = f
		}
		if f.lastID != a.ID || f.articles == 0 {
			f.lastID = a.ID
			f.articles++
		}
		if a.Published != "" && (f.first == nil || a.Published < f.first.Published) {
			if details == nil {
				details = articleDetails(&a.Article)
			}
			f.first = details
		}
	}
}

func (s *firstAppearanceSet) result() map[string]*annotate.Article {
	first := map[string]*annotate.Article{}
	for k, f := range s.keys {
		if f.articles >= 2 && f.first != nil {
			first[k] = f.first
		}
	}
	return first
}

// articleDetails is a copy of what appearance reads of the article: not
// its text, pages or turns.
func articleDetails(a *annotate.Article) *annotate.Article {
	return &annotate.Article{ID: a.ID, Title: a.Title, URL: a.URL, Outlet: a.Outlet, Authors: a.Authors,
		Published: a.Published, SHA256: a.SHA256, ImportedAt: a.ImportedAt}
}

// claimText is claimReviewed: the claim's pieces, joined.
func claimText(c *annotate.Claim) string {
	pieces := make([]string, len(c.Anchors))
	for i, x := range c.Anchors {
		pieces[i] = x.Exact
	}
	return strings.Join(pieces, claimPieceSep)
}

func (cx *crContext) review(it crItem) crClaimReview {
	a, c, n := &it.article.Article, it.claim, it.note
	text := claimText(c)
	r := crClaimReview{
		Type: "ClaimReview", ID: "urn:uuid:" + n.ID, URL: cx.reviewURL(c, n, text),
		ClaimReviewed: text,
		ReviewRating:  cx.rating(n),
		ItemReviewed:  crClaim{Type: "Claim", ID: "urn:uuid:" + c.ID, DatePublished: a.Published, Appearance: appearance(a)},
		DatePublished: n.Modified.UTC().Format("2006-01-02"),
		DateCreated:   timeString(n.Created), DateModified: timeString(n.Modified),
		ReviewBody: n.Rationale,
	}
	if cx.org.Name != "" || safeURL(cx.org.URL) != "" {
		r.Author = &crThing{Type: "Organization", Name: cx.org.Name, URL: safeURL(cx.org.URL)}
	}
	if sp := cx.speakers[c.SpeakerID]; sp != nil {
		r.ItemReviewed.Author = &crThing{Type: "Person", Name: sp.Name, Description: sp.Role}
	}
	if f := cx.first[claimKey(text)]; f != nil {
		first := appearance(f)
		r.ItemReviewed.FirstAppearance = &first
	}
	r.Correction = corrections(c)
	if last := lastCorrection(c); last.After(n.Modified) {
		r.DateModified = timeString(last)
	}
	for _, e := range n.Sources {
		if e.Withheld { // WithoutWithheld took them out; never one here
			continue
		}
		cite := crThing{Type: "CreativeWork", Name: e.Title, URL: safeURL(e.URL)}
		if e.Publisher != "" {
			cite.Publisher = &crThing{Type: "Organization", Name: e.Publisher}
		}
		if cite.Name != "" || cite.URL != "" {
			r.Citation = append(r.Citation, cite)
		}
	}
	return r
}

// corrections are the claim's corrections as schema.org CorrectionComments.
func corrections(c *annotate.Claim) []crThing {
	var list []crThing
	for _, x := range c.Corrections {
		text := strings.TrimSpace(x.What)
		if why := strings.TrimSpace(x.Why); why != "" {
			text += ". Why: " + why
		}
		cc := crThing{Type: "CorrectionComment", Text: "Corrected " + x.At.UTC().Format("2006-01-02") + ": " + text,
			DatePublished: x.At.UTC().Format("2006-01-02"), DateCreated: timeString(x.At)}
		if x.Author != "" {
			cc.Author = []crThing{{Type: "Person", Name: x.Author}}
		}
		list = append(list, cc)
	}
	return list
}

// appearance is the article as a CreativeWork.
func appearance(a *annotate.Article) crThing {
	w := crThing{Type: "CreativeWork", URL: safeURL(a.URL), Headline: a.Title, DatePublished: a.Published}
	if w.URL == "" {
		w.ID = TextSource(a.SHA256)
	}
	if a.Outlet != "" {
		w.Publisher = &crThing{Type: "Organization", Name: a.Outlet}
	}
	for _, au := range a.Authors {
		w.Author = append(w.Author, crThing{Type: "Person", Name: au})
	}
	return w
}

// rating is the Rating of the note's verdict: its numbers when the verdict
// is on the current scale with a value, and the rationale's first
// paragraph as the explanation.
func (cx *crContext) rating(n *annotate.Note) crRating {
	r := crRating{Type: "Rating", AlternateName: n.Verdict, RatingExplanation: firstParagraph(n.Rationale)}
	if v, ok := cx.ratingValue(n.Verdict); ok {
		value, worst, best := v, cx.worst, cx.best
		r.RatingValue, r.BestRating, r.WorstRating = &value, &best, &worst
	}
	return r
}

// ratingValue is the verdict's value on the scale, if it has one.
func (cx *crContext) ratingValue(verdict string) (int, bool) {
	if cx.scale.Conclusion || cx.best == 0 {
		return 0, false
	}
	v, ok := cx.scale.Find(verdict)
	return v.Value, ok && v.Value > 0
}

// firstParagraph is the text up to its first blank line, trimmed.
func firstParagraph(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// reviewURL is where the claim's review is published: its own URL, else
// the organisation's pattern filled in, else "" (not known).
func (cx *crContext) reviewURL(c *annotate.Claim, n *annotate.Note, text string) string {
	if u := safeURL(c.ReviewURL); u != "" {
		return u
	}
	if cx.org.ReviewURL == "" || annotate.CheckReviewURLPattern("review_url", cx.org.ReviewURL) != nil {
		return ""
	}
	return safeURL(annotate.ExpandReviewURL(cx.org.ReviewURL, annotate.ReviewURLValues{Claim: text, ID: c.ID, Date: n.Created}))
}

// safeURL is u if it is an http(s) URL, else "": no javascript: or other
// scheme reaches a page that renders the markup.
func safeURL(u string) string {
	if annotate.ValidURL(u) {
		return u
	}
	return ""
}
