package interchange

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// crSettings are complete settings for a ClaimReview export.
func crSettings() annotate.Settings {
	return annotate.Settings{Organization: "Brennport Fact Desk", OrganizationURL: "https://factdesk.example/",
		ReviewURL: "https://factdesk.example/fact-check/{slug}", Scale: annotate.DefaultScale()}
}

// crOnly is the test document reduced to the journey claim and its note,
// with the settings' scale.
func crOnly(t *testing.T, s annotate.Settings) *annotate.Document {
	d := crTestDocument(t)
	d.Scale = s.Scale
	a := &d.Articles[0]
	a.Claims = slices.DeleteFunc(a.Claims, func(c annotate.Claim) bool { return c.ID != clJourney })
	a.Notes = slices.DeleteFunc(a.Notes, func(n annotate.Note) bool { return n.ClaimID != clJourney })
	return d
}

func journeyNote(d *annotate.Document) *annotate.Note {
	for i := range d.Articles[0].Notes {
		if n := &d.Articles[0].Notes[i]; n.ID == noJourney {
			return n
		}
	}
	return nil
}

func journeyClaim(d *annotate.Document) *annotate.Claim {
	for i := range d.Articles[0].Claims {
		if c := &d.Articles[0].Claims[i]; c.ID == clJourney {
			return c
		}
	}
	return nil
}

// crExport writes the document's ClaimReview with the settings and reads
// the @graph back.
func crExport(t *testing.T, d *annotate.Document, s annotate.Settings) []map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := WriteClaimReviewBy(&b, d, OrganizationOf(s)); err != nil {
		t.Fatal(err)
	}
	var g struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(b.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	return g.Graph
}

// at is the value at a dotted path in a JSON object ("" when absent).
func at(m map[string]any, path string) any {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[k]
	}
	return v
}

// TestClaimReviewCases: what each kind of claim exports, and what the
// check says it lacks; every export is checked against schema.org.
func TestClaimReviewCases(t *testing.T) {
	s := loadSchemaOrg(t)
	fullFact, _ := annotate.FindScalePreset("fullfact")
	tests := []struct {
		name     string
		settings func(*annotate.Settings)
		doc      func(*annotate.Document)
		reviews  int
		want     map[string]any // path → value in the first review; nil: absent
		issues   []string       // "field required|recommended", in order
	}{
		{name: "complete claim", reviews: 1,
			want: map[string]any{
				"url":                                    "https://factdesk.example/fact-check/cut-the-journey-between-holmvik-and-the-city-centre-from-41",
				"author.name":                            "Brennport Fact Desk",
				"author.url":                             "https://factdesk.example/",
				"itemReviewed.author.@type":              "Person",
				"itemReviewed.author.name":               "Ingrid Halvorsen",
				"itemReviewed.author.description":        "Mayor of Brennport",
				"itemReviewed.datePublished":             "2026-03-04",
				"itemReviewed.appearance.url":            "https://ledger.example/tram",
				"itemReviewed.appearance.@id":            nil,
				"itemReviewed.appearance.headline":       "Brennport council approves €412 million tram line after five-hour debate",
				"itemReviewed.appearance.publisher.name": "The Brennport Ledger (sample)",
				"itemReviewed.firstAppearance":           nil,
				"reviewRating.alternateName":             "Mostly true",
				"reviewRating.ratingValue":               4.0,
				"reviewRating.bestRating":                5.0,
				"reviewRating.worstRating":               1.0,
				"reviewRating.ratingExplanation":         "The timetable gives 21 minutes, not “19”; the bus takes 41 <on a good day>.",
			}},
		{name: "the claim's own URL wins", reviews: 1,
			doc:  func(d *annotate.Document) { journeyClaim(d).ReviewURL = "https://factdesk.example/checks/journey" },
			want: map[string]any{"url": "https://factdesk.example/checks/journey"}},
		{name: "no review URL", reviews: 1,
			settings: func(s *annotate.Settings) { s.ReviewURL = "" },
			want:     map[string]any{"url": nil, "@id": "urn:uuid:" + noJourney},
			issues:   []string{"url required"}},
		{name: "claim without claimant", reviews: 1,
			doc:    func(d *annotate.Document) { journeyClaim(d).SpeakerID = "" },
			want:   map[string]any{"itemReviewed.author": nil},
			issues: []string{"itemReviewed.author recommended"}},
		{name: "no organisation", reviews: 1,
			settings: func(s *annotate.Settings) { s.Organization, s.OrganizationURL = "", "" },
			want:     map[string]any{"author": nil},
			issues:   []string{"author recommended"}},
		{name: "article without URL or date", reviews: 1,
			doc: func(d *annotate.Document) { d.Articles[0].URL, d.Articles[0].Published = "", "" },
			want: map[string]any{"itemReviewed.appearance.url": nil, "itemReviewed.appearance.@id": "urn:sha256:" + d0SHA(t),
				"itemReviewed.appearance.headline": "Brennport council approves €412 million tram line after five-hour debate",
				"itemReviewed.datePublished":       nil},
			issues: []string{"itemReviewed.appearance recommended", "itemReviewed.datePublished recommended"}},
		{name: "off-scale verdict", reviews: 1,
			settings: func(s *annotate.Settings) {
				s.Scale.Retired = []annotate.Verdict{{Label: "Pants on fire"}}
			},
			doc:    func(d *annotate.Document) { journeyNote(d).Verdict = "Pants on fire" },
			want:   map[string]any{"reviewRating.alternateName": "Pants on fire", "reviewRating.ratingValue": nil, "reviewRating.bestRating": nil},
			issues: []string{"reviewRating.ratingValue recommended"}},
		{name: "unrated verdict", reviews: 1,
			doc:    func(d *annotate.Document) { journeyNote(d).Verdict = "Unverifiable" },
			want:   map[string]any{"reviewRating.ratingValue": nil, "reviewRating.worstRating": nil},
			issues: []string{"reviewRating.ratingValue recommended"}},
		{name: "conclusion scale", reviews: 1,
			settings: func(s *annotate.Settings) { s.Scale = fullFact },
			doc:      func(d *annotate.Document) { journeyNote(d).Verdict = "It takes 21 minutes, not 19." },
			want:     map[string]any{"reviewRating.alternateName": "It takes 21 minutes, not 19.", "reviewRating.ratingValue": nil, "reviewRating.bestRating": nil}},
		{name: "two verdicts on one claim", reviews: 1,
			doc: func(d *annotate.Document) {
				n := *journeyNote(d)
				n.ID, n.Verdict, n.Rationale = "40000000-0000-4000-8000-000000000009", "False", "Corrected.\n\nThe timetable changed."
				n.Modified = n.Modified.Add(1)
				d.Articles[0].Notes = append(d.Articles[0].Notes, n)
			},
			want:   map[string]any{"@id": "urn:uuid:40000000-0000-4000-8000-000000000009", "reviewRating.alternateName": "False", "reviewRating.ratingExplanation": "Corrected.", "reviewBody": "Corrected.\n\nThe timetable changed."},
			issues: []string{"reviewRating recommended"}},
		{name: "checked claim without a verdict", reviews: 0,
			doc:    func(d *annotate.Document) { d.Articles[0].Notes = nil },
			issues: []string{"reviewRating.alternateName required"}},
		{name: "a claim in two articles", reviews: 2,
			doc: func(d *annotate.Document) {
				b := d.Articles[0]
				b.ID, b.URL, b.Published, b.Title = "a1c2e3f4-0000-4000-8000-000000000002", "https://ledger.example/tram-again", "2026-02-01", "Earlier"
				b.ImportedAt = b.ImportedAt.Add(1)
				b.Claims = slices.Clone(b.Claims)
				b.Claims[0].ID = "c1000000-0000-4000-8000-000000000009"
				b.Notes = slices.Clone(b.Notes)
				b.Notes[0].ID, b.Notes[0].ClaimID = "40000000-0000-4000-8000-00000000000a", b.Claims[0].ID
				d.Articles = append(d.Articles, b)
			},
			want: map[string]any{"itemReviewed.appearance.url": "https://ledger.example/tram", "itemReviewed.firstAppearance.url": "https://ledger.example/tram-again",
				"itemReviewed.firstAppearance.datePublished": "2026-02-01"}},
		{name: "withheld fields: none yet, every source is cited", reviews: 1,
			want: map[string]any{"citation": []any{
				map[string]any{"@type": "CreativeWork", "name": "Eastern line timetable", "url": "https://example.org/brennport/tram?route=east&lang=en",
					"publisher": map[string]any{"@type": "Organization", "name": "Brennport Transport"}},
				map[string]any{"@type": "CreativeWork", "url": "https://example.org/bus/4"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			settings := crSettings()
			if tt.settings != nil {
				tt.settings(&settings)
			}
			d := crOnly(t, settings)
			if tt.doc != nil {
				tt.doc(d)
			}
			var issues []string
			for _, is := range CheckClaimReviews(d, settings) {
				need := "recommended"
				if is.Required {
					need = "required"
				}
				issues = append(issues, is.Field+" "+need)
				if is.ClaimID == "" || is.ArticleID == "" || is.Message == "" || !strings.HasPrefix(is.Claim, "cut the journey") {
					t.Errorf("issue %+v does not name its claim or say what to do", is)
				}
			}
			if !slices.Equal(issues, tt.issues) {
				t.Errorf("issues %q, want %q", issues, tt.issues)
			}
			graph := crExport(t, d, settings)
			if len(graph) != tt.reviews {
				t.Fatalf("%d reviews, want %d", len(graph), tt.reviews)
			}
			for i, r := range graph {
				s.check(t, "@graph["+strconv.Itoa(i)+"]", r)
			}
			for path, want := range tt.want {
				got := at(graph[0], path)
				if g, _ := json.Marshal(got); string(g) != mustJSON(t, want) {
					t.Errorf("%s = %s, want %s", path, g, mustJSON(t, want))
				}
			}
		})
	}
}

func d0SHA(t *testing.T) string { return crTestDocument(t).Articles[0].SHA256 }

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestClaimReviewIssueString: the line the command line prints.
func TestClaimReviewIssueString(t *testing.T) {
	is := ClaimReviewIssue{Claim: "cut the journey", Field: "url", Required: true, Message: "no review URL"}
	if got, want := is.String(), "“cut the journey”: url (required): no review URL"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if n := RequiredMissing([]ClaimReviewIssue{{ClaimID: "a", Required: true}, {ClaimID: "a", Required: true}, {ClaimID: "b"}}); n != 1 {
		t.Errorf("RequiredMissing = %d, want 1 claim", n)
	}
}

// TestClaimReviewHostileFields puts </script>, <img onerror> and
// javascript: into every field a user or an import can fill: the export
// holds no raw <, > or &, never "javascript:" as a URL, and reads back.
func TestClaimReviewHostileFields(t *testing.T) {
	const hostile = `</script><img src=x onerror=alert(1)> javascript:alert(1) & <!--`
	d := crTestDocument(t)
	s := crSettings()
	s.Organization = hostile
	s.Scale = annotate.Scale{Name: hostile, Verdicts: []annotate.Verdict{{Label: hostile, Value: 2, Explanation: hostile}, {Label: "False", Value: 1}}}
	d.Scale = s.Scale
	for i := range d.Speakers {
		d.Speakers[i].Name, d.Speakers[i].Role = hostile+" "+strconv.Itoa(i), hostile
	}
	a := &d.Articles[0]
	a.Title, a.Outlet, a.Authors = hostile, hostile, []string{hostile}
	for i := range a.Notes {
		n := &a.Notes[i]
		if n.Verdict != "" {
			n.Verdict = hostile
		}
		n.Rationale = hostile + "\n\n" + hostile
		for j := range n.Sources {
			n.Sources[j].Title, n.Sources[j].Publisher = hostile, hostile
		}
		n.Sources = append(n.Sources, annotate.Evidence{URL: "javascript:alert(1)", Title: hostile})
	}
	// A URL that is not http(s) never becomes a url, wherever it comes from.
	a.URL = "javascript:alert(1)"
	a.Claims[0].ReviewURL = "javascript:alert(1)"
	s.OrganizationURL = "javascript:alert(1)"
	var b bytes.Buffer
	if err := WriteClaimReviewBy(&b, d, OrganizationOf(s)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "<>&") || strings.Contains(strings.ToLower(out), "</script") {
		t.Fatalf("raw HTML in the export:\n%s", out)
	}
	var g struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(b.Bytes(), &g); err != nil || len(g.Graph) != 2 {
		t.Fatalf("%v, %d reviews", err, len(g.Graph))
	}
	var urls func(path string, v any)
	urls = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if (k == "url" || k == "@id") && strings.Contains(strings.ToLower(x.(string)), "javascript") {
					t.Errorf("%s.%s = %q", path, k, x)
				}
				urls(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				urls(path+"["+strconv.Itoa(i)+"]", x)
			}
		}
	}
	urls("", map[string]any{"@graph": toAny(g.Graph)})
	if r := g.Graph[0]; at(r, "reviewRating.alternateName") != hostile || at(r, "author.name") != hostile || at(r, "itemReviewed.author.description") != hostile ||
		at(r, "itemReviewed.appearance.headline") != hostile || at(r, "reviewRating.ratingExplanation") != hostile {
		t.Errorf("the text did not come through as text: %v", r)
	}
	for _, is := range CheckClaimReviews(d, s) {
		if is.Field == "itemReviewed.appearance" || is.Field == "author.url" {
			continue // the javascript: URLs count as none
		}
		if is.Field == "url" && is.ClaimID == a.Claims[0].ID {
			continue
		}
		if is.Required && is.Field != "url" {
			t.Errorf("unexpected issue %+v", is)
		}
	}
}

func toAny(list []map[string]any) []any {
	out := make([]any, len(list))
	for i, m := range list {
		out[i] = m
	}
	return out
}

// TestExportFormatIssues: a ClaimReview export carries what its reviews
// lack, for the desk and the command line to show; other formats none.
func TestExportFormatIssues(t *testing.T) {
	s := exportProject(t) // no review URL pattern
	ex, err := ExportFormat(context.Background(), s.store(), FormatClaimReview)
	if err != nil {
		t.Fatal(err)
	}
	if RequiredMissing(ex.Issues) != 2 || ex.Issues[0].Field != "url" || !ex.Issues[0].Required {
		t.Errorf("issues %+v; want url required on both reviews", ex.Issues)
	}
	if ex, err := ExportFormat(context.Background(), s.store(), FormatW3C); err != nil || ex.Issues != nil {
		t.Errorf("W3C: %v, issues %v", err, ex.Issues)
	}
}
