package brief

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Fixed IDs, so that the golden files do not change from run to run.
const (
	articleID  = "a0000000-0000-4000-8000-000000000001"
	speakerID  = "50000000-0000-4000-8000-000000000001"
	attribID   = "e0000000-0000-4000-8000-000000000001"
	claimOneID = "c0000000-0000-4000-8000-000000000001"
	claimTwoID = "c0000000-0000-4000-8000-000000000002"
	claimNoID  = "c0000000-0000-4000-8000-000000000003"
	noteOneID  = "b0000000-0000-4000-8000-000000000001"
	noteTwoID  = "b0000000-0000-4000-8000-000000000002"
	noteOldID  = "b0000000-0000-4000-8000-000000000003"
	noteNoID   = "b0000000-0000-4000-8000-000000000004"
	withheldID = "d0000000-0000-4000-8000-000000000009"
)

// withheldMarker is in every field of the withheld evidence record; no
// brief may contain it.
const withheldMarker = "QZXWITHHELD"

const testText = "Brennport’s budget under scrutiny\n\n" +
	"Mayor Zoë Kowalczyk said on Monday that the new bridge cost 34 percent more than planned. " +
	"The councillor from Łódź added that unemployment has halved since 2020 — a figure the office disputes.\n\n" +
	"Residents said the ferry carries “about 9,000 people a day”."

func at(t time.Time, days int) time.Time { return t.AddDate(0, 0, days) }

var base = time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC)

// anchorOf is the anchor of the first occurrence of phrase in text, with
// code-point offsets.
func anchorOf(tb testing.TB, text, phrase string) annotate.Anchor {
	tb.Helper()
	i := strings.Index(text, phrase)
	if i < 0 {
		tb.Fatalf("%q is not in the text", phrase)
	}
	start := utf8.RuneCountInString(text[:i])
	return annotate.Anchor{Start: start, End: start + utf8.RuneCountInString(phrase), Exact: phrase}
}

func meta(id string, created time.Time) annotate.Meta {
	return annotate.Meta{ID: id, ArticleID: articleID, Author: "Ana", Origin: annotate.Manual, Created: created, Modified: created}
}

func testScale() annotate.Scale {
	return annotate.Scale{Name: "Test scale", Verdicts: []annotate.Verdict{
		{Label: "True", Value: 3, Explanation: "Accurate as stated."},
		{Label: "Mostly true", Value: 2, Explanation: "Accurate, but it needs context."},
		{Label: "False", Value: 1, Explanation: "Not accurate."},
	}}
}

func testSettings() annotate.Settings {
	return annotate.Settings{Organization: "Brennport Fact Desk", OrganizationURL: "https://facts.example/",
		ApprovalsRequired: 2, Scale: testScale()}
}

// testDocument is one article with three claims: one approved by two
// reviewers with a verdict, public and withheld evidence; one published
// and corrected, with one approval; one still being researched, without a
// verdict.
func testDocument(tb testing.TB) *annotate.Document {
	tb.Helper()
	art := annotate.Article{ID: articleID, Title: "Brennport’s budget under scrutiny", URL: "https://news.example/brennport-budget",
		Outlet: "Łódź Courier", Authors: []string{"Zoë Adams", "Piotr Nowak"}, Published: "2026-10-29", Language: "en",
		Text: testText, SHA256: annotate.TextHash(testText), ImportedAt: base}
	src := anchorOf(tb, testText, "The councillor from Łódź")
	attr := annotate.Attribution{Meta: meta(attribID, base), Source: &src, Content: []annotate.Anchor{anchorOf(tb, testText, "unemployment has halved since 2020")}, Kind: annotate.Indirect}
	one := annotate.Claim{Meta: meta(claimOneID, base), Anchors: []annotate.Anchor{anchorOf(tb, testText, "the new bridge cost 34 percent more than planned")},
		SpeakerID: speakerID, Status: annotate.StatusApproved,
		Approvals: []annotate.Approval{
			{Reviewer: "Kai Osei", At: at(base, 2), Hash: "h"},
			{Reviewer: "Old Reviewer", At: at(base, 1), Hash: "h0", Withdrawn: ptr(at(base, 2)), WithdrawnWhy: "the rationale changed"},
			{Reviewer: "Mia Brandt", At: at(base, 3), Hash: "h"},
		}}
	two := annotate.Claim{Meta: meta(claimTwoID, base), Anchors: []annotate.Anchor{anchorOf(tb, testText, "unemployment has halved since 2020")},
		AttributionID: attribID, Status: annotate.StatusCorrected, ReviewURL: "https://facts.example/fact-check/unemployment-halved",
		Approvals:   []annotate.Approval{{Reviewer: "Kai Osei", At: at(base, 2), Hash: "h"}},
		Corrections: []annotate.Correction{{At: at(base, 5), Author: "Kai Osei", What: `verdict: "Mostly true" → "False"`, Why: "The office published revised figures."}}}
	none := annotate.Claim{Meta: meta(claimNoID, base), Anchors: []annotate.Anchor{anchorOf(tb, testText, "about 9,000 people a day")}, Status: annotate.StatusResearching}
	noteOne := annotate.Note{Meta: meta(noteOneID, at(base, 1)), ClaimID: claimOneID, Verdict: "Mostly true",
		Rationale: "The council’s accounts show the bridge cost €41.2m against a budget of €30.8m.\n\nThat is 33.8 percent over, which rounds to the mayor’s figure.",
		Sources: []annotate.Evidence{
			{ID: "d0000000-0000-4000-8000-000000000001", URL: "https://council.example/accounts-2025.pdf", Title: "Annual accounts 2025", Publisher: "Brennport Council",
				Type: annotate.SourceOfficialData, Accessed: "2026-10-31", Excerpt: "Capital works: bridge, €41.2m (budget €30.8m).",
				Archives: []string{"https://web.archive.org/web/20261031000000/https://council.example/accounts-2025.pdf"},
				Snapshot: &annotate.Snapshot{Name: "accounts-2025.pdf", MediaType: "application/pdf", Size: 1024, SHA256: strings.Repeat("ab", 32)}},
			{ID: withheldID, URL: "https://" + strings.ToLower(withheldMarker) + ".example/", Title: withheldMarker + " council insider", Publisher: withheldMarker,
				Type: annotate.SourceExpert, Excerpt: withheldMarker + " said off the record", Withheld: true},
		}}
	noteOld := annotate.Note{Meta: meta(noteOldID, base), ClaimID: claimTwoID, Verdict: "Mostly true", Rationale: "First look: the figures seemed right."}
	noteTwo := annotate.Note{Meta: meta(noteTwoID, at(base, 4)), ClaimID: claimTwoID, Verdict: "False",
		Rationale: "Revised figures show unemployment fell from 8.1% to 6.9%, not by half.",
		Sources: []annotate.Evidence{{ID: "d0000000-0000-4000-8000-000000000002", Title: "Labour market bulletin, October", Publisher: "Regional Statistics Office",
			Type: annotate.SourceDocument, Accessed: "2026-11-03"}}}
	noteNo := annotate.Note{Meta: meta(noteNoID, base), ClaimID: claimNoID, Rationale: "Waiting for the ferry company."}
	return &annotate.Document{Format: annotate.NativeFormat, Scale: testScale(),
		Speakers: []annotate.Speaker{{ID: speakerID, Name: "Zoë Kowalczyk", Role: "Mayor of Brennport", Created: base, Modified: base}},
		Articles: []annotate.ArticleDoc{{Article: art, Attributions: []annotate.Attribution{attr},
			Claims: []annotate.Claim{one, two, none}, Notes: []annotate.Note{noteOne, noteOld, noteTwo, noteNo}}}}
}

func ptr[T any](v T) *T { return &v }

// write is the brief of doc in format f with the test settings.
func write(tb testing.TB, doc *annotate.Document, f Format, opts Options) []byte {
	tb.Helper()
	opts.Format = f
	var buf bytes.Buffer
	if err := Write(&buf, doc, testSettings(), opts); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, firstDiff(want, got))
	}
}

// firstDiff shows where a and b first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "want …" + string(a[from:min(len(a), i+80)]) + "…\ngot  …" + string(b[from:min(len(b), i+80)]) + "…"
}
