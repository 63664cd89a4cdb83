package interchange

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

var importNow = time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)

func writeW3C(t testing.TB, d *annotate.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteW3C(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestW3CRoundTrip exports the test document, reads the export back against
// the same article and exports again: the bytes are the same, and the
// annotations are the ones exported, IDs and times included.
func TestW3CRoundTrip(t *testing.T) {
	d := w3cTestDocument(t)
	first := writeW3C(t, d)
	im, err := ParseW3C(first, DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Orphans) != 0 || im.Count() != d.Count() || im.Format != FormatW3C {
		t.Fatalf("%d annotations, orphans %q; want %d and none", im.Count(), im.Orphans, d.Count())
	}
	second := writeW3C(t, im.Doc)
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export differs:\n%s", firstDiff(first, second))
	}
	got, want := &im.Doc.Articles[0], &d.Articles[0]
	for i := range want.Notes {
		g, w := got.Notes[i], want.Notes[i]
		g.ArticleID, w.ArticleID = "", ""
		if !reflect.DeepEqual(g, w) {
			t.Errorf("note %d = %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Claims {
		g, w := got.Claims[i], want.Claims[i]
		if g.ID != w.ID || !g.Created.Equal(w.Created) || !g.Modified.Equal(w.Modified) || g.Origin != w.Origin ||
			!reflect.DeepEqual(g.Anchors, w.Anchors) || !reflect.DeepEqual(g.Tags, w.Tags) || g.AttributionID != w.AttributionID {
			t.Errorf("claim %d = %+v\nwant %+v", i, g, w)
		}
	}
	var sample map[string]any
	if err := json.Unmarshal(first, &sample); err != nil || sample["type"] != "AnnotationCollection" || sample["total"] != float64(d.Count()) {
		t.Errorf("export is not an AnnotationCollection of %d: %v", d.Count(), err)
	}
}

// TestParseW3CForeign reads annotations from another tool: a Hypothesis
// comment whose position is stale, a highlight, a reply to nothing in the
// text and a quote the text does not have.
func TestParseW3CForeign(t *testing.T) {
	d := testDocument(t)
	art := &d.Articles[0].Article
	art.URL = "https://ledger.example/tram"
	text := annotate.NewText(art.Text)
	quote := anchorIn(t, text, "", "€412 million")
	foreign := `{
  "@context": "http://www.w3.org/ns/anno.jsonld",
  "type": "AnnotationPage",
  "items": [
    {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      "id": "https://hypothes.is/a/AbC123",
      "type": "Annotation",
      "motivation": "commenting",
      "creator": "acct:reader@hypothes.is",
      "created": "2026-03-10T08:00:00.000000+00:00",
      "modified": "2026-03-10T08:05:00.000000+00:00",
      "body": [
        {"type": "TextualBody", "value": "Is this **before** inflation?", "format": "text/markdown"},
        {"type": "TextualBody", "purpose": "tagging", "value": "budget"}
      ],
      "target": [{
        "source": "https://ledger.example/tram#section-2",
        "selector": [
          {"type": "TextPositionSelector", "start": ` + strconv.Itoa(quote.Start+7) + `, "end": ` + strconv.Itoa(quote.End+7) + `},
          {"type": "TextQuoteSelector", "exact": "€412 million", "prefix": ` + jsonString(quote.Prefix) + `, "suffix": ` + jsonString(quote.Suffix) + `}
        ]
      }]
    },
    {
      "type": "Annotation",
      "target": {"source": "https://ledger.example/tram", "selector": {"type": "TextQuoteSelector", "exact": "Kanalgade bus terminal"}}
    },
    {
      "id": "https://hypothes.is/a/whole",
      "type": "Annotation",
      "bodyValue": "Good piece.",
      "target": "https://ledger.example/tram"
    },
    {
      "id": "https://hypothes.is/a/gone",
      "type": "Annotation",
      "target": {"source": "https://ledger.example/tram", "selector": {"type": "TextQuoteSelector", "exact": "words that are not there"}}
    },
    {
      "id": "https://hypothes.is/a/elsewhere",
      "type": "Annotation",
      "target": {"source": "https://other.example/", "selector": {"type": "TextQuoteSelector", "exact": "x"}}
    }
  ]
}`
	im, err := ParseW3C([]byte(foreign), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Doc.Articles) != 1 || len(im.Doc.Articles[0].Notes) != 2 || len(im.Orphans) != 3 {
		t.Fatalf("%d articles, orphans %q", len(im.Doc.Articles), im.Orphans)
	}
	n := im.Doc.Articles[0].Notes[0]
	if n.Target == nil || *n.Target != quote || n.Rationale != "Is this **before** inflation?\n\nTags: budget" ||
		n.Author != "acct:reader@hypothes.is" || !n.Created.Equal(time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)) || n.Origin != annotate.Manual {
		t.Errorf("Hypothesis note = %+v", n)
	}
	again, err := ParseW3C([]byte(foreign), DocumentLookup(d), d.Scale, importNow.Add(time.Hour))
	if err != nil || again.Doc.Articles[0].Notes[0].ID != n.ID || again.Doc.Articles[0].Notes[1].ID != im.Doc.Articles[0].Notes[1].ID {
		t.Error("importing the same annotations again gave other IDs")
	}
	for i, want := range []string{"targets the whole of https://ledger.example/tram", "the quote \"words that are not there\" is not in the article",
		"its article https://other.example/ is not in the project"} {
		if !strings.Contains(im.Orphans[i], want) {
			t.Errorf("orphan %d = %q, want %q", i, im.Orphans[i], want)
		}
	}
	if !strings.HasPrefix(im.Orphans[0], "items[2] (") {
		t.Errorf("orphan does not say where it is: %q", im.Orphans[0])
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestParseW3CErrors(t *testing.T) {
	d := testDocument(t)
	src := TextSource(d.Articles[0].SHA256)
	target := `"target": {"source": "` + src + `", "selector": {"type": "TextQuoteSelector", "exact": "Kanalgade bus terminal"}}`
	tests := []struct{ name, data, want string }{
		{"not JSON", `{"type": "Annotation",`, "invalid JSON at line 1, column 22: unexpected end of JSON input"},
		{"trailing data", `{"type": "Annotation", ` + target + `} x`, "invalid JSON at line 1, column 203: invalid character 'x' after top-level value"},
		{"not an object", `"Annotation"`, "the document is not an annotation"},
		{"not an annotation", `{"type": "Note", ` + target + `}`, "type: is not an Annotation"},
		{"item not an object", `[{"type": "Annotation", ` + target + `}, 3]`, "[1]: must be an annotation object, not a number"},
		{"no target", `{"type": "Annotation"}`, "target: is missing"},
		{"target without source", `{"type": "Annotation", "target": {"selector": []}}`, "target.source: has no source"},
		{"target of a number", `{"type": "Annotation", "target": [3]}`, "target[0]: must be an IRI or a SpecificResource, not a number"},
		{"bad position", `{"type": "Annotation", "target": {"source": "` + src + `", "selector": [{"type": "TextPositionSelector", "start": "a", "end": 3}]}}`,
			"target.selector[0].start: must be a whole number, not a string"},
		{"negative position", `{"type": "Annotation", "target": {"source": "` + src + `", "selector": {"type": "TextPositionSelector", "start": -1, "end": 3}}}`,
			"target.selector.start: -1 is not a whole number ≥ 0"},
		{"empty quote", `{"type": "Annotation", "target": {"source": "` + src + `", "selector": {"type": "TextQuoteSelector", "exact": ""}}}`,
			"target.selector.exact: is missing or empty"},
		{"bad created", `{"type": "Annotation", "created": "yesterday", ` + target + `}`, "created: \"yesterday\" is not a date-time"},
		{"id not a string", `{"type": "Annotation", "id": 7, ` + target + `}`, "id: must be a string, not a number"},
		{"modified before created", `{"type": "Annotation", "created": "2026-03-02T00:00:00Z", "modified": "2026-03-01T00:00:00Z", ` + target + `}`,
			"modified: 2026-03-01T00:00:00Z is before created"},
		{"twice", `[{"id": "urn:uuid:40000000-0000-4000-8000-000000000009", "type": "Annotation", ` + target + `},
			{"id": "urn:uuid:40000000-0000-4000-8000-000000000009", "type": "Annotation", ` + target + `}]`,
			"[1].id: annotation 40000000-0000-4000-8000-000000000009 appears twice (first at [0].id)"},
		{"body value", `{"type": "Annotation", "body": {"type": "TextualBody", "value": 3}, ` + target + `}`, "body.value: a TextualBody's value must be a string"},
		{"page by reference", `{"type": "AnnotationCollection", "first": "https://example.org/page1"}`, "first: pages must be embedded objects"},
		{"bad worthiness", `{"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"},
			{"type": "TextualBody", "purpose": "classifying", "value": "check-worthiness: high"}], ` + target + `}`, "body: \"high\" is not a check-worthiness"},
		{"bad status", `{"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"},
			{"type": "TextualBody", "purpose": "classifying", "value": "status: done"}], ` + target + `}`, "the annotation: status: \"done\" is not a claim status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseW3C([]byte(tt.data), DocumentLookup(d), d.Scale, importNow)
			checkInvalid(t, err, tt.want)
		})
	}
}

// TestParseW3CPartial reads notes without the claims they link to: each
// stays on its own span, and a claim's link to a missing attribution is
// dropped.
func TestParseW3CPartial(t *testing.T) {
	d := testDocument(t)
	items, err := W3CAnnotations(d)
	if err != nil {
		t.Fatal(err)
	}
	var notes, claims []string
	for _, it := range items {
		switch {
		case bytes.Contains(it, []byte(`"motivation":"assessing"`)):
			notes = append(notes, string(it))
		case bytes.Contains(it, []byte(`"value":"claim"`)):
			claims = append(claims, string(it))
		}
	}
	data := "[" + strings.Join(append(notes, claims...), ",") + "]"
	im, err := ParseW3C([]byte(data), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	a := &im.Doc.Articles[0]
	if len(a.Notes) != 1 || len(a.Claims) != 3 || a.Notes[0].ClaimID != clJourney || a.Notes[0].Target != nil {
		t.Fatalf("note = %+v", a.Notes)
	}
	for _, c := range a.Claims {
		if c.AttributionID != "" {
			t.Errorf("claim %s links to attribution %s, which the file does not have", c.ID, c.AttributionID)
		}
	}
	im, err = ParseW3C([]byte("["+strings.Join(notes, ",")+"]"), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if n := im.Doc.Articles[0].Notes[0]; n.ClaimID != "" || n.Target == nil || n.Target.Exact != "cut the journey between Holmvik and the city centre from 41 minutes by bus to 19 minutes by tram" {
		t.Fatalf("a note without its claim = %+v; want it on the claim's span", n)
	}
}
