package annotate

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Origin says who made an annotation: the user, or a suggestion the user
// accepted.
type Origin string

// Origins.
const (
	Manual    Origin = "manual"
	Suggested Origin = "suggested"
)

func (o Origin) valid() bool { return o == Manual || o == Suggested }

// Meta is what every annotation carries. ID and Created are set once, when the
// annotation is made, and never change (an undone delete brings them back as
// they were); Modified changes with every edit. ArticleID is the article the
// annotation's anchors point into.
type Meta struct {
	ID        string    `json:"id"`
	ArticleID string    `json:"-"`
	Author    string    `json:"author"` // annotator name from settings
	Origin    Origin    `json:"origin"`
	Created   time.Time `json:"created"`
	Modified  time.Time `json:"modified"`

	// Placement is how re-anchoring placed the annotation on a new
	// revision of its article (nil when it was made on the current one);
	// Orphan is set when its text is gone from the current revision: its
	// anchors keep the old quote and point at no text of the article.
	Placement *Placement `json:"placement,omitempty"`
	Orphan    bool       `json:"orphan,omitempty"`
}

func (m *Meta) validate() error {
	switch {
	case !validID(m.ID):
		return fieldError("id", "%q is not a UUID", m.ID)
	case !validID(m.ArticleID):
		return fieldError("article", "%q is not an article ID", m.ArticleID)
	case !m.Origin.valid():
		return fieldError("origin", "%q is not manual or suggested", m.Origin)
	case m.Created.IsZero():
		return fieldError("created", "is not set")
	case m.Modified.Before(m.Created):
		return fieldError("modified", "is before created")
	}
	if err := m.Placement.validate(); err != nil {
		return err
	}
	return CheckLine("author", m.Author)
}

// anchorText is the text m's anchors must lie in: none for an orphan, whose
// anchors keep the quote and offsets they had on an earlier revision.
func (m *Meta) anchorText(text *Text) *Text {
	if m.Orphan {
		return nil
	}
	return text
}

// Stamp fills the ID, times, origin and author of a new annotation where they
// are unset.
func (m *Meta) Stamp(author string, now time.Time) {
	if m.ID == "" {
		m.ID = NewID()
	}
	if m.Created.IsZero() {
		m.Created = now.UTC()
	}
	if m.Modified.IsZero() {
		m.Modified = m.Created
	}
	if m.Origin == "" {
		m.Origin = Manual
	}
	if m.Author == "" {
		m.Author = author
	}
}

// Kind is how an attribution reports speech.
type Kind string

// Kinds of attribution.
const (
	Direct   Kind = "direct"   // a verbatim quote
	Indirect Kind = "indirect" // a paraphrase
	Mixed    Kind = "mixed"    // a paraphrase with quoted fragments
)

// Attribution records who said what: the speaker mention (Source), the words
// that report the speech (Cue: "said", "according to"), the content in one or
// more pieces, the speaker it resolves to in the registry and how it is
// reported. Source and Cue are optional, as in the corpora.
type Attribution struct {
	Meta
	Source    *Anchor  `json:"source,omitempty"`
	Cue       *Anchor  `json:"cue,omitempty"`
	Content   []Anchor `json:"content"`
	SpeakerID string   `json:"speaker,omitempty"`
	Kind      Kind     `json:"kind"`
}

// Validate checks the attribution against its article's text.
func (a *Attribution) Validate(text *Text) error {
	if err := a.Meta.validate(); err != nil {
		return err
	}
	if a.Kind != Direct && a.Kind != Indirect && a.Kind != Mixed {
		return fieldError("kind", "%q is not direct, indirect or mixed", a.Kind)
	}
	if len(a.Content) == 0 {
		return fieldError("content", "has no pieces; an attribution needs its content")
	}
	text = a.anchorText(text)
	if err := checkOptional(text, "source", a.Source); err != nil {
		return err
	}
	if err := checkOptional(text, "cue", a.Cue); err != nil {
		return err
	}
	if err := checkAnchors(text, "content", a.Content); err != nil {
		return err
	}
	return checkRef("speaker", a.SpeakerID)
}

// Start is where the attribution begins in the text, for ordering.
func (a *Attribution) Start() int {
	start := firstStart(a.Source, a.Cue)
	if len(a.Content) > 0 && (start < 0 || a.Content[0].Start < start) {
		start = a.Content[0].Start
	}
	return start
}

// Status is where a claim stands in review.
type Status string

// Label is the status as the user reads it.
func (s Status) Label() string { return strings.ReplaceAll(string(s), "_", " ") }

// Claim is a check-worthy statement: its span (one or more pieces), who made
// it (a registry speaker and/or the attribution it comes from), how
// check-worthy it is (0–1; nil until scored, by the user or a suggestion) and
// where its review stands.
type Claim struct {
	Meta
	Anchors          []Anchor `json:"anchors"`
	SpeakerID        string   `json:"claimant,omitempty"`
	AttributionID    string   `json:"attribution,omitempty"`
	Worthiness       *float64 `json:"worthiness,omitempty"`
	WorthinessOrigin Origin   `json:"worthiness_origin,omitempty"`
	Status           Status   `json:"status"`
	Tags             []string `json:"tags,omitempty"`
	// ReviewURL is where the claim's fact-check is published, when the
	// user gives it for this claim: it wins over the settings' pattern
	// (Settings.ReviewURL) as the ClaimReview's url. An http(s) URL, or
	// empty.
	ReviewURL string `json:"review_url,omitempty"`
	// Approvals and Corrections are the claim's sign-offs and the
	// corrections of its published verdict (issue 13), oldest first. The
	// store keeps them: ReviewService changes them, UpdateClaim keeps what
	// is stored whatever the claim it is given carries.
	Approvals   []Approval   `json:"approvals,omitempty"`
	Corrections []Correction `json:"corrections,omitempty"`
	// CheckedBefore are the earlier fact-checks (KnownCheck.ID: a claim of
	// the project or a feed's review) the user linked as saying the same
	// thing (issue 14).
	CheckedBefore []string `json:"checked_before,omitempty"`
}

// Validate checks the claim against its article's text.
func (c *Claim) Validate(text *Text) error {
	if err := c.Meta.validate(); err != nil {
		return err
	}
	if len(c.Anchors) == 0 {
		return fieldError("anchors", "is empty; a claim needs its span")
	}
	if err := checkAnchors(c.anchorText(text), "anchors", c.Anchors); err != nil {
		return err
	}
	if err := checkRef("claimant", c.SpeakerID); err != nil {
		return err
	}
	if err := checkRef("attribution", c.AttributionID); err != nil {
		return err
	}
	if w := c.Worthiness; w != nil && (*w < 0 || *w > 1 || *w != *w) {
		return fieldError("worthiness", "%v is not between 0 and 1", *w)
	}
	if c.Worthiness != nil && !c.WorthinessOrigin.valid() {
		return fieldError("worthiness_origin", "%q is not manual or suggested", c.WorthinessOrigin)
	}
	if !validStatus(c.Status) {
		return fieldError("status", "%q is not a claim status (%s)", c.Status, statusNames())
	}
	for i, t := range c.Tags {
		if strings.TrimSpace(t) == "" {
			return fieldError("tags", "tag %d is empty", i+1)
		}
		if err := CheckLine(indexed("tags", i), t); err != nil {
			return err
		}
	}
	for i, id := range c.CheckedBefore {
		if strings.TrimSpace(id) == "" || id == c.ID {
			return fieldError(indexed("checked_before", i), "%q is not an earlier fact-check", id)
		}
		if err := CheckLine(indexed("checked_before", i), id); err != nil {
			return err
		}
	}
	return CheckReviewURL("review_url", c.ReviewURL)
}

// Start is where the claim begins in the text, for ordering.
func (c *Claim) Start() int {
	if len(c.Anchors) == 0 {
		return -1
	}
	return c.Anchors[0].Start
}

func validStatus(s Status) bool {
	for _, t := range Statuses {
		if s == t {
			return true
		}
	}
	return false
}

// Evidence is a source a fact-check note relies on, as a record a reader
// can follow: one record (by ID) may support several notes. Withheld keeps
// it out of every public export (IFCN principle 2) while it stays in the
// project.
type Evidence struct {
	ID        string     `json:"id,omitempty"` // a UUID; the store gives one to a new record
	URL       string     `json:"url,omitempty"`
	Title     string     `json:"title,omitempty"`
	Publisher string     `json:"publisher,omitempty"`
	Type      SourceType `json:"type,omitempty"`
	Accessed  string     `json:"accessed,omitempty"` // YYYY-MM-DD, or an RFC 3339 time
	Excerpt   string     `json:"excerpt,omitempty"`  // the passage relied on
	Archives  []string   `json:"archives,omitempty"` // archive URLs (Wayback, archive.today, perma.cc)
	Snapshot  *Snapshot  `json:"snapshot,omitempty"`
	Withheld  bool       `json:"withheld,omitempty"`
}

func (e *Evidence) validate(field string) error {
	if err := firstError(CheckLine(field+".url", e.URL), CheckLine(field+".title", e.Title),
		CheckLine(field+".publisher", e.Publisher), CheckLine(field+".accessed", e.Accessed),
		CheckText(field+".excerpt", e.Excerpt)); err != nil {
		return err
	}
	switch {
	case e.ID != "" && !validID(e.ID):
		return fieldError(field+".id", "%q is not a UUID", e.ID)
	case e.URL == "" && strings.TrimSpace(e.Title) == "":
		return fieldError(field, "needs a URL or a title")
	case e.URL != "" && !ValidURL(e.URL):
		return fieldError(field+".url", "%q is not an http(s) URL", e.URL)
	case e.Accessed != "" && !validAccessed(e.Accessed):
		return fieldError(field+".accessed", "%q is not a date (YYYY-MM-DD) or time (RFC 3339)", e.Accessed)
	case e.Type != "" && !slices.Contains(SourceTypes, e.Type):
		return fieldError(field+".type", "%q is not a source type (%s)", e.Type, sourceTypeNames())
	}
	for i, u := range e.Archives {
		if !ValidURL(u) {
			return fieldError(indexed(field+".archives", i), "%q is not an http(s) URL", u)
		}
	}
	return e.Snapshot.validate(field + ".snapshot")
}

// Note is a fact-check note: on a claim (ClaimID) or on any span (Target),
// exactly one of the two; a verdict from the project's rating scale (empty
// until decided), the rationale and the evidence.
type Note struct {
	Meta
	ClaimID   string     `json:"claim,omitempty"`
	Target    *Anchor    `json:"target,omitempty"`
	Verdict   string     `json:"verdict,omitempty"`
	Rationale string     `json:"rationale,omitempty"`
	Sources   []Evidence `json:"sources,omitempty"`
}

// Validate checks the note against its article's text and the rating scale.
func (n *Note) Validate(text *Text, scale *Scale) error {
	if err := n.Meta.validate(); err != nil {
		return err
	}
	switch {
	case n.ClaimID == "" && n.Target == nil:
		return fieldError("target", "a note needs a claim or a span")
	case n.ClaimID != "" && n.Target != nil:
		return fieldError("target", "a note is on a claim or on a span, not both")
	}
	if err := checkRef("claim", n.ClaimID); err != nil {
		return err
	}
	if err := checkOptional(n.anchorText(text), "target", n.Target); err != nil {
		return err
	}
	if err := firstError(CheckLine("verdict", n.Verdict), CheckText("rationale", n.Rationale)); err != nil {
		return err
	}
	if n.Verdict != "" && !scale.Has(n.Verdict) {
		return fieldError("verdict", "%q is not on the rating scale %q", n.Verdict, scale.Name)
	}
	for i := range n.Sources {
		if err := n.Sources[i].validate(indexed("sources", i)); err != nil {
			return err
		}
	}
	return nil
}

// checkOptional checks a against text, or, with no text (an orphan's
// anchors), only that it is a quote with offsets.
func checkOptional(text *Text, field string, a *Anchor) error {
	if a == nil {
		return nil
	}
	if text == nil {
		return checkOrphanAnchor(field, *a)
	}
	return text.Check(field, *a)
}

// checkAnchors checks each of as, named field[i] in errors. The name is
// made only for an anchor that fails (checked again with it): a string a
// piece was most of what checking a large document allocated.
func checkAnchors(text *Text, field string, as []Anchor) error {
	for i := range as {
		if err := checkOptional(text, field, &as[i]); err != nil {
			return checkOptional(text, indexed(field, i), &as[i])
		}
	}
	return nil
}

// checkOrphanAnchor checks an anchor on no text: its offsets are where its
// quote was on the revision it lost, so they must still span the quote.
func checkOrphanAnchor(field string, a Anchor) error {
	switch {
	case a.Start < 0 || a.End <= a.Start:
		return fieldError(field, "[%d, %d) is not a span", a.Start, a.End)
	case utf8.RuneCountInString(a.Exact) != a.End-a.Start:
		return fieldError(field+".exact", "%q is not %d characters long, as its offsets say", Clip(a.Exact), a.End-a.Start)
	}
	return firstError(CheckText(field+".exact", a.Exact), CheckText(field+".prefix", a.Prefix), CheckText(field+".suffix", a.Suffix))
}

func checkRef(field, id string) error {
	if id != "" && !validID(id) {
		return fieldError(field, "%q is not an ID", id)
	}
	return nil
}

func indexed(field string, i int) string {
	return field + "[" + itoa(i) + "]"
}
