package annotate

import (
	"math"
	"strings"
	"testing"
	"time"
)

// Fixed IDs keep test failures readable and the canonical order predictable.
const (
	testArticleID = "a0000000-0000-4000-8000-000000000001"
	testSpeakerID = "5e000000-0000-4000-8000-000000000001"
	testAttrID    = "at000000-0000-4000-8000-000000000001"
)

// annotationText is a short article with curly quotes, an em dash and an
// accent, so that every anchor in these tests counts code points.
const annotationText = "Mayor Ingrid Halvorsen said the tram would cut the trip “from 41 minutes to 19” — a claim José Ortiz disputed.\n"

func mustAnchor(t testing.TB, text *Text, quote string) Anchor {
	t.Helper()
	i := strings.Index(text.String(), quote)
	if i < 0 {
		t.Fatalf("%q is not in the text", quote)
	}
	start := len([]rune(text.String()[:i]))
	a, err := text.Anchor(start, start+len([]rune(quote)))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func ptr[T any](v T) *T { return &v }

func testMeta(id string) Meta {
	created := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	return Meta{ID: id, ArticleID: testArticleID, Author: "Zoë", Origin: Manual, Created: created, Modified: created.Add(time.Minute)}
}

func testAttribution(t testing.TB, text *Text) Attribution {
	return Attribution{
		Meta:      testMeta("a7700000-0000-4000-8000-000000000001"),
		Source:    ptr(mustAnchor(t, text, "Mayor Ingrid Halvorsen")),
		Cue:       ptr(mustAnchor(t, text, "said")),
		Content:   []Anchor{mustAnchor(t, text, "the tram would cut the trip “from 41 minutes to 19”")},
		SpeakerID: testSpeakerID,
		Kind:      Mixed,
	}
}

func testClaim(t testing.TB, text *Text) Claim {
	return Claim{
		Meta:             testMeta("c1000000-0000-4000-8000-000000000001"),
		Anchors:          []Anchor{mustAnchor(t, text, "“from 41 minutes to 19”")},
		SpeakerID:        testSpeakerID,
		AttributionID:    "a7700000-0000-4000-8000-000000000001",
		Worthiness:       ptr(0.8),
		WorthinessOrigin: Suggested,
		Status:           StatusResearching,
		Tags:             []string{"transport", "figures"},
	}
}

func testNote(t testing.TB, text *Text) Note {
	return Note{
		Meta:      testMeta("40000000-0000-4000-8000-000000000001"),
		ClaimID:   "c1000000-0000-4000-8000-000000000001",
		Verdict:   "Mostly true",
		Rationale: "The timetable says 21 minutes — close to “19”.",
		Sources: []Evidence{
			{URL: "https://example.org/timetable", Title: "Tram timetable", Accessed: "2026-03-05"},
			{Title: "Interview with the transport department"},
		},
	}
}

// checkInvalid asserts that err is EINVALID and its message starts with the
// field it names.
func checkInvalid(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("Validate: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Validate succeeded, want %q", want)
	}
	if ErrorCode(err) != EINVALID {
		t.Errorf("code = %q, want %q (%v)", ErrorCode(err), EINVALID, err)
	}
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want it to start with %q", err, want)
	}
}

func TestMetaValidate(t *testing.T) {
	text := NewText(annotationText)
	tests := []struct {
		name   string
		change func(*Meta)
		want   string
	}{
		{"good", func(*Meta) {}, ""},
		{"empty author is allowed", func(m *Meta) { m.Author = "" }, ""},
		{"modified equals created", func(m *Meta) { m.Modified = m.Created }, ""},
		{"bad id", func(m *Meta) { m.ID = "c1" }, `id: "c1" is not a UUID`},
		{"empty id", func(m *Meta) { m.ID = "" }, `id: "" is not a UUID`},
		{"braced uuid", func(m *Meta) { m.ID = "{" + m.ID[:34] + "}" }, "id: "},
		{"no article", func(m *Meta) { m.ArticleID = "" }, `article: "" is not an article ID`},
		{"bad origin", func(m *Meta) { m.Origin = "imported" }, `origin: "imported" is not manual or suggested`},
		{"empty origin", func(m *Meta) { m.Origin = "" }, `origin: "" is not manual or suggested`},
		{"no created", func(m *Meta) { m.Created = time.Time{} }, "created: is not set"},
		{"modified before created", func(m *Meta) { m.Modified = m.Created.Add(-time.Second) }, "modified: is before created"},
	}
	// Meta is checked the same way for every kind of annotation.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, c, n := testAttribution(t, text), testClaim(t, text), testNote(t, text)
			tt.change(&a.Meta)
			tt.change(&c.Meta)
			tt.change(&n.Meta)
			checkInvalid(t, a.Validate(text), tt.want)
			checkInvalid(t, c.Validate(text), tt.want)
			scale := DefaultScale()
			checkInvalid(t, n.Validate(text, &scale), tt.want)
		})
	}
}

func TestAttributionValidate(t *testing.T) {
	text := NewText(annotationText)
	tests := []struct {
		name   string
		change func(*Attribution)
		want   string
	}{
		{"good", func(*Attribution) {}, ""},
		{"no source, no cue, no speaker", func(a *Attribution) { a.Source, a.Cue, a.SpeakerID = nil, nil, "" }, ""},
		{"direct", func(a *Attribution) { a.Kind = Direct }, ""},
		{"several content pieces", func(a *Attribution) {
			a.Content = []Anchor{mustAnchor(t, text, "the tram would cut the trip"), mustAnchor(t, text, "“from 41 minutes to 19”")}
		}, ""},
		{"no content", func(a *Attribution) { a.Content = nil }, "content: has no pieces"},
		{"empty content", func(a *Attribution) { a.Content = []Anchor{} }, "content: has no pieces"},
		{"bad kind", func(a *Attribution) { a.Kind = "quoted" }, `kind: "quoted" is not direct, indirect or mixed`},
		{"no kind", func(a *Attribution) { a.Kind = "" }, `kind: "" is not direct, indirect or mixed`},
		{"source quote mismatch", func(a *Attribution) { a.Source.Exact = "Mayor Ingrid Halvorson" }, `source: quote "Mayor Ingrid Halvorson" does not match`},
		{"cue out of range", func(a *Attribution) { a.Cue.Start, a.Cue.End = 200, 204 }, "cue: end 204 is past the end of the text"},
		{"content piece straight quotes", func(a *Attribution) {
			a.Content = append(a.Content, Anchor{Start: 56, End: 79, Exact: `"from 41 minutes to 19"`})
		}, "content[1]: quote"},
		{"content negative", func(a *Attribution) { a.Content[0].Start = -1 }, "content[0]: start -1 is negative"},
		{"speaker not an ID", func(a *Attribution) { a.SpeakerID = "Ingrid Halvorsen" }, `speaker: "Ingrid Halvorsen" is not an ID`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testAttribution(t, text)
			tt.change(&a)
			checkInvalid(t, a.Validate(text), tt.want)
		})
	}
}

func TestClaimValidate(t *testing.T) {
	text := NewText(annotationText)
	tests := []struct {
		name   string
		change func(*Claim)
		want   string
	}{
		{"good", func(*Claim) {}, ""},
		{"unscored, unattributed", func(c *Claim) {
			c.Worthiness, c.WorthinessOrigin, c.SpeakerID, c.AttributionID, c.Tags = nil, "", "", "", nil
		}, ""},
		{"worthiness 0", func(c *Claim) { c.Worthiness = ptr(0.0) }, ""},
		{"worthiness 1", func(c *Claim) { c.Worthiness = ptr(1.0) }, ""},
		{"each status", func(c *Claim) { c.Status = StatusDismissed }, ""},
		{"no anchors", func(c *Claim) { c.Anchors = nil }, "anchors: is empty"},
		{"anchor mismatch", func(c *Claim) { c.Anchors[0].Exact = "“from 41 minutes to 20”" }, "anchors[0]: quote"},
		{"second anchor empty", func(c *Claim) { c.Anchors = append(c.Anchors, Anchor{Start: 4, End: 4}) }, "anchors[1]: end 4 is not after start 4"},
		{"claimant not an ID", func(c *Claim) { c.SpeakerID = "halvorsen" }, `claimant: "halvorsen" is not an ID`},
		{"attribution not an ID", func(c *Claim) { c.AttributionID = testAttrID }, `attribution: "at000000`},
		{"worthiness 1.5", func(c *Claim) { c.Worthiness = ptr(1.5) }, "worthiness: 1.5 is not between 0 and 1"},
		{"worthiness negative", func(c *Claim) { c.Worthiness = ptr(-0.1) }, "worthiness: -0.1 is not between 0 and 1"},
		{"worthiness NaN", func(c *Claim) { c.Worthiness = ptr(math.NaN()) }, "worthiness: NaN is not between 0 and 1"},
		{"worthiness without origin", func(c *Claim) { c.WorthinessOrigin = "" }, `worthiness_origin: "" is not manual or suggested`},
		{"worthiness bad origin", func(c *Claim) { c.WorthinessOrigin = "model" }, `worthiness_origin: "model" is not manual or suggested`},
		{"bad status", func(c *Claim) { c.Status = "done" }, `status: "done" is not a claim status (candidate, selected, researching, verdict_proposed, approved, published, corrected, not_checkable, dismissed, outdated)`},
		{"status label, not value", func(c *Claim) { c.Status = "in review" }, `status: "in review" is not a claim status`},
		{"no status", func(c *Claim) { c.Status = "" }, `status: "" is not a claim status`},
		{"blank tag", func(c *Claim) { c.Tags = []string{"transport", " "} }, "tags: tag 2 is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testClaim(t, text)
			tt.change(&c)
			checkInvalid(t, c.Validate(text), tt.want)
		})
	}
}

func TestNoteValidate(t *testing.T) {
	text := NewText(annotationText)
	scale := DefaultScale()
	tests := []struct {
		name   string
		change func(*Note)
		want   string
	}{
		{"good", func(*Note) {}, ""},
		{"on a span", func(n *Note) { n.ClaimID, n.Target = "", ptr(mustAnchor(t, text, "José Ortiz disputed")) }, ""},
		{"no verdict yet", func(n *Note) { n.Verdict, n.Sources = "", nil }, ""},
		{"evidence with URL only", func(n *Note) { n.Sources = []Evidence{{URL: "http://example.org/x?y=1"}} }, ""},
		{"neither claim nor target", func(n *Note) { n.ClaimID = "" }, "target: a note needs a claim or a span"},
		{"both claim and target", func(n *Note) { n.Target = ptr(mustAnchor(t, text, "José Ortiz")) }, "target: a note is on a claim or on a span, not both"},
		{"claim not an ID", func(n *Note) { n.ClaimID = "claim-1" }, `claim: "claim-1" is not an ID`},
		{"target mismatch", func(n *Note) {
			n.ClaimID = ""
			n.Target = &Anchor{Start: 90, End: 100, Exact: "Jose Ortiz"}
		}, `target: quote "Jose Ortiz" does not match`},
		{"verdict not on scale", func(n *Note) { n.Verdict = "Pants on fire" }, `verdict: "Pants on fire" is not on the rating scale "Factmark default"`},
		{"verdict case differs", func(n *Note) { n.Verdict = "mostly true" }, `verdict: "mostly true" is not on the rating scale`},
		{"evidence empty", func(n *Note) { n.Sources = append(n.Sources, Evidence{Publisher: "Ledger"}) }, "sources[2]: needs a URL or a title"},
		{"evidence blank title", func(n *Note) { n.Sources[1].Title = "  " }, "sources[1]: needs a URL or a title"},
		{"evidence bad URL", func(n *Note) { n.Sources[0].URL = "www.example.org/timetable" }, `sources[0].url: "www.example.org/timetable" is not an http(s) URL`},
		{"evidence file URL", func(n *Note) { n.Sources[1].URL = "file:///etc/passwd" }, `sources[1].url: "file:///etc/passwd" is not an http(s) URL`},
		{"evidence bad date", func(n *Note) { n.Sources[0].Accessed = "5 March 2026" }, `sources[0].accessed: "5 March 2026" is not a date (YYYY-MM-DD)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := testNote(t, text)
			tt.change(&n)
			checkInvalid(t, n.Validate(text, &scale), tt.want)
		})
	}
}

func TestAnnotationFixtureOffsets(t *testing.T) {
	// The fixtures' offsets are code points: “ and — are one each.
	text := NewText(annotationText)
	c := testClaim(t, text)
	if got := c.Anchors[0]; got.Start != 56 || got.End != 79 {
		t.Errorf("claim anchor = %d–%d, want 56–79", got.Start, got.End)
	}
	if a := mustAnchor(t, text, "José Ortiz"); a.Start != 90 || a.End != 100 {
		t.Errorf("José Ortiz = %d–%d, want 90–100", a.Start, a.End)
	}
}

func TestMetaStamp(t *testing.T) {
	now := time.Date(2026, 3, 4, 11, 0, 0, 0, time.FixedZone("CET", 3600))
	var m Meta
	m.Stamp("Zoë", now)
	if !validID(m.ID) || m.Author != "Zoë" || m.Origin != Manual || !m.Created.Equal(now) ||
		m.Created.Location() != time.UTC || !m.Modified.Equal(m.Created) {
		t.Errorf("Stamp on an empty Meta = %+v", m)
	}
	// Stamp keeps what is set: an undone delete restores the annotation as it was.
	kept := Meta{ID: "c1000000-0000-4000-8000-000000000001", Author: "Ana", Origin: Suggested,
		Created: now.Add(-time.Hour), Modified: now.Add(-time.Minute)}
	m = kept
	m.Stamp("Zoë", now)
	if m != kept {
		t.Errorf("Stamp changed set fields: %+v, want %+v", m, kept)
	}
}

func TestAnnotationStart(t *testing.T) {
	text := NewText(annotationText)
	a := testAttribution(t, text)
	if got := a.Start(); got != 0 {
		t.Errorf("Attribution.Start = %d, want 0 (the source)", got)
	}
	a.Source = nil
	if got := a.Start(); got != 23 {
		t.Errorf("Attribution.Start without source = %d, want 23 (the cue)", got)
	}
	a.Cue = nil
	if got := a.Start(); got != 28 {
		t.Errorf("Attribution.Start with content only = %d, want 28", got)
	}
	c := testClaim(t, text)
	if got := c.Start(); got != 56 {
		t.Errorf("Claim.Start = %d, want 56", got)
	}
}

func TestStatusLabel(t *testing.T) {
	want := []string{"candidate", "selected", "researching", "verdict proposed", "approved", "published",
		"corrected", "not checkable", "dismissed", "outdated"}
	for i, s := range Statuses {
		if s.Label() != want[i] {
			t.Errorf("%q.Label() = %q, want %q", s, s.Label(), want[i])
		}
	}
}

func TestErrors(t *testing.T) {
	inner := Errorf(ENOTFOUND, "no article 42")
	tests := []struct {
		err                    error
		code, msg, text, cause string
	}{
		{nil, "", "", "", ""},
		{Errorf(EINVALID, "title: is %s", "empty"), EINVALID, "title: is empty", "title: is empty", ""},
		// The internal cause stays out of the message and goes to the log.
		{&Error{Code: ECONFLICT, Message: "exists", Err: errString("UNIQUE constraint")}, ECONFLICT, "exists", "exists", "UNIQUE constraint"},
		{&Error{Code: EINTERNAL, Err: errString("disk I/O")}, EINTERNAL, "disk I/O", "disk I/O", ""},
		// Context wrapped around an *Error is kept for the user.
		{errWrap{inner}, ENOTFOUND, "wrapped: no article 42", "wrapped: no article 42", ""},
		{errString("disk full"), EINTERNAL, "internal error: disk full", "disk full", ""},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.code)
		}
		if got := ErrorMessage(tt.err); got != tt.msg {
			t.Errorf("ErrorMessage(%v) = %q, want %q", tt.err, got, tt.msg)
		}
		if tt.err != nil && tt.err.Error() != tt.text {
			t.Errorf("Error() = %q, want %q", tt.err.Error(), tt.text)
		}
		if got := Cause(tt.err); got != tt.cause {
			t.Errorf("Cause(%v) = %q, want %q", tt.err, got, tt.cause)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }

type errWrap struct{ err error }

func (e errWrap) Error() string { return "wrapped: " + e.err.Error() }
func (e errWrap) Unwrap() error { return e.err }
