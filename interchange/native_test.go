package interchange

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.factmark.json from the current writer")

// IDs of the test document, fixed so that its bytes are reproducible.
const (
	docArticleID = "a1c2e3f4-0000-4000-8000-000000000001"
	spHalvorsen  = "5b000000-0000-4000-8000-000000000001"
	spOrtiz      = "5b000000-0000-4000-8000-000000000002"
	spLindqvist  = "5b000000-0000-4000-8000-000000000003"
	atHalvorsen  = "a7000000-0000-4000-8000-000000000001"
	atOrtiz      = "a7000000-0000-4000-8000-000000000002"
	atLindqvist  = "a7000000-0000-4000-8000-000000000003"
	clJourney    = "c1000000-0000-4000-8000-000000000001"
	clBudget     = "c1000000-0000-4000-8000-000000000002"
	clRidership  = "c1000000-0000-4000-8000-000000000003"
	noJourney    = "40000000-0000-4000-8000-000000000001"
	noOptimistic = "40000000-0000-4000-8000-000000000002"
)

// anchorIn anchors quote at its first occurrence after context, which must
// occur in text: it tells apart the many "said" of an article.
func anchorIn(t testing.TB, text *annotate.Text, context, quote string) annotate.Anchor {
	t.Helper()
	s := text.String()
	i := strings.Index(s, context)
	if i < 0 {
		t.Fatalf("%q is not in the text", context)
	}
	j := strings.Index(s[i:], quote)
	if j < 0 {
		t.Fatalf("%q is not in the text after %q", quote, context)
	}
	start := len([]rune(s[:i+j]))
	a, err := text.Anchor(start, start+len([]rune(quote)))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// testDocument is the sample article with three speakers and annotations of
// every kind, curly quotes in their spans, and times in two zones, one with
// nanoseconds, so that the round trip is tested on what users produce.
func testDocument(t testing.TB) *annotate.Document {
	t.Helper()
	imported := time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC)
	art := annotate.SampleArticle(imported)
	art.ID = docArticleID
	text := annotate.NewText(art.Text)
	meta := func(id string, minute int) annotate.Meta {
		c := time.Date(2026, 3, 4, 9, minute, 0, 0, time.UTC)
		return annotate.Meta{ID: id, Author: "Zoë Åberg", Origin: annotate.Manual, Created: c, Modified: c.Add(90 * time.Second)}
	}
	suggested := meta(clRidership, 20)
	suggested.Origin = annotate.Suggested
	suggested.Created = time.Date(2026, 3, 4, 10, 20, 0, 123456789, time.FixedZone("", 3600))
	suggested.Modified = suggested.Created

	speakerTime := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	d := &annotate.Document{
		Format: annotate.NativeFormat,
		Scale:  annotate.DefaultScale(),
		// Deliberately not in canonical order.
		Speakers: []annotate.Speaker{
			{ID: spLindqvist, Name: "Zoë Lindqvist", Role: "Director of transport", Created: speakerTime, Modified: speakerTime},
			{ID: spOrtiz, Name: "José Ortiz", Aliases: []string{"Councillor Ortiz", "the finance committee chair"}, Role: "Civic Alliance", Created: speakerTime, Modified: speakerTime.Add(time.Hour)},
			{ID: spHalvorsen, Name: "Ingrid Halvorsen", Aliases: []string{"the Mayor"}, Role: "Mayor of Brennport", Created: speakerTime, Modified: speakerTime},
		},
		Articles: []annotate.ArticleDoc{{
			Article: *art,
			Attributions: []annotate.Attribution{
				{
					Meta:      meta(atOrtiz, 2),
					Source:    ptr(anchorIn(t, text, "“The budget is sound", "Mr. Ortiz")),
					Cue:       ptr(anchorIn(t, text, "“The budget is sound", "said")),
					Content:   []annotate.Anchor{anchorIn(t, text, "“The budget", "“The budget is sound on paper,”"), anchorIn(t, text, "“The budget", "“but paper is where Brennport’s projects always look their best.”")},
					SpeakerID: spOrtiz,
					Kind:      annotate.Direct,
				},
				{
					Meta:      meta(atHalvorsen, 1),
					Source:    ptr(anchorIn(t, text, "“This is the most", "Ms. Halvorsen")),
					Cue:       ptr(anchorIn(t, text, "“This is the most", "said")),
					Content:   []annotate.Anchor{anchorIn(t, text, "", "“This is the most important decision this council will take in a generation,”")},
					SpeakerID: spHalvorsen,
					Kind:      annotate.Direct,
				},
				{
					Meta:    meta(atLindqvist, 3),
					Source:  ptr(anchorIn(t, text, "According to", "Ms. Lindqvist")),
					Cue:     ptr(anchorIn(t, text, "", "According to")),
					Content: []annotate.Anchor{anchorIn(t, text, "According to", "the department’s model had been tested against passenger counts on the existing western tram line")},
					Kind:    annotate.Indirect,
				},
			},
			Claims: []annotate.Claim{
				{
					Meta:      meta(clBudget, 11),
					Anchors:   []annotate.Anchor{anchorIn(t, text, "Kanalgade", "had finished 34 percent over budget and two years late")},
					SpeakerID: spOrtiz,
					Status:    annotate.StatusCandidate,
				},
				suggestedClaim(t, text, suggested),
				{
					Meta:             meta(clJourney, 10),
					Anchors:          []annotate.Anchor{anchorIn(t, text, "", "cut the journey between Holmvik and the city centre from 41 minutes by bus to 19 minutes by tram")},
					SpeakerID:        spHalvorsen,
					Worthiness:       ptr(0.9),
					WorthinessOrigin: annotate.Manual,
					Status:           annotate.StatusVerdictProposed,
					Tags:             []string{"transport", "travel time"},
				},
			},
			Notes: []annotate.Note{
				{
					Meta:      meta(noOptimistic, 31),
					Target:    ptr(anchorIn(t, text, "", "“optimistic rather than firm”")),
					Rationale: "The auditor’s words — not the council’s.",
					Sources:   []annotate.Evidence{{Title: "Regional auditor’s report", Publisher: "Regional audit office", Accessed: "2026-03-05"}},
				},
				{
					Meta:      meta(noJourney, 30),
					ClaimID:   clJourney,
					Verdict:   "Mostly true",
					Rationale: "The timetable gives 21 minutes, not “19”; the bus takes 41 <on a good day>.",
					Sources: []annotate.Evidence{
						{URL: "https://example.org/brennport/tram?route=east&lang=en", Title: "Eastern line timetable", Publisher: "Brennport Transport", Accessed: "2026-03-05", Excerpt: "Holmvik – Central: 21 min"},
						{URL: "https://example.org/bus/4"},
					},
				},
			},
		}},
	}
	return d
}

func suggestedClaim(t testing.TB, text *annotate.Text, m annotate.Meta) annotate.Claim {
	return annotate.Claim{
		Meta: m,
		Anchors: []annotate.Anchor{
			anchorIn(t, text, "", "38,000 passengers a day within two years of opening"),
			anchorIn(t, text, "", "about 9,500 car journeys off the eastern ring road every weekday"),
		},
		SpeakerID:        spHalvorsen,
		AttributionID:    atHalvorsen,
		Worthiness:       ptr(0.55),
		WorthinessOrigin: annotate.Suggested,
		Status:           annotate.StatusResearching,
	}
}

func writeDoc(t testing.TB, d *annotate.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDocument(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestNativeRoundTrip(t *testing.T) {
	d := testDocument(t)
	if err := d.Validate(); err != nil {
		t.Fatalf("test document is invalid: %v", err)
	}
	first := writeDoc(t, d)
	parsed, err := ParseDocument(first)
	if err != nil {
		t.Fatalf("ParseDocument of WriteDocument's output: %v", err)
	}
	second := writeDoc(t, parsed)
	if !bytes.Equal(first, second) {
		t.Fatalf("write → parse → write changed the bytes:\n%s", firstDiff(first, second))
	}
	// The parsed document is the written one, with ArticleID restored.
	if got := parsed.Count(); got != 8 {
		t.Errorf("Count = %d, want 8", got)
	}
	a := &parsed.Articles[0]
	if a.Text != d.Articles[0].Text || a.SHA256 != d.Articles[0].SHA256 {
		t.Error("article text changed in the round trip")
	}
	for _, m := range []annotate.Meta{a.Attributions[0].Meta, a.Claims[1].Meta, a.Notes[0].Meta} {
		if m.ArticleID != docArticleID {
			t.Errorf("annotation %s: ArticleID = %q, want %q", m.ID, m.ArticleID, docArticleID)
		}
	}
	c := a.Claims[1]
	if c.ID != clRidership || !c.Created.Equal(time.Date(2026, 3, 4, 9, 20, 0, 123456789, time.UTC)) || c.Created.Nanosecond() != 123456789 {
		t.Errorf("claims[1] = %s created %v, want %s with nanoseconds kept", c.ID, c.Created, clRidership)
	}
	if c.Worthiness == nil || *c.Worthiness != 0.55 || c.WorthinessOrigin != annotate.Suggested || c.Origin != annotate.Suggested {
		t.Errorf("claims[1] worthiness = %v %q origin %q", c.Worthiness, c.WorthinessOrigin, c.Origin)
	}
	if b := a.Claims[2]; b.ID != clBudget || b.Worthiness != nil || b.WorthinessOrigin != "" {
		t.Errorf("claims[2] = %s worthiness %v %q, want %s unscored", b.ID, b.Worthiness, b.WorthinessOrigin, clBudget)
	}
	// Writing twice gives the same bytes, and so does writing a copy in
	// another order: the canonical order does not depend on the input's.
	if again := writeDoc(t, d); !bytes.Equal(first, again) {
		t.Error("two writes of the same document differ")
	}
}

func TestNativeCanonicalOrder(t *testing.T) {
	d := testDocument(t)
	out := writeDoc(t, d) // sorts d in place
	var ids []string
	for _, s := range d.Speakers {
		ids = append(ids, s.Name)
	}
	a := &d.Articles[0]
	for _, x := range a.Attributions {
		ids = append(ids, x.ID)
	}
	for _, x := range a.Claims {
		ids = append(ids, x.ID)
	}
	for _, x := range a.Notes {
		ids = append(ids, x.ID)
	}
	want := []string{"Ingrid Halvorsen", "José Ortiz", "Zoë Lindqvist",
		atHalvorsen, atOrtiz, atLindqvist,
		clJourney, clRidership, clBudget,
		noJourney, noOptimistic}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("order after WriteDocument:\n got %v\nwant %v", ids, want)
	}
	// The same project assembled in another order writes the same bytes.
	e := testDocument(t)
	x := &e.Articles[0]
	x.Claims[0], x.Claims[2] = x.Claims[2], x.Claims[0]
	x.Notes[0], x.Notes[1] = x.Notes[1], x.Notes[0]
	e.Speakers[0], e.Speakers[1] = e.Speakers[1], e.Speakers[0]
	if !bytes.Equal(out, writeDoc(t, e)) {
		t.Error("the same document in another order wrote other bytes")
	}
}

func TestNativeWriteForm(t *testing.T) {
	out := writeDoc(t, testDocument(t))
	s := string(out)
	for _, want := range []string{
		"{\n  \"format\": \"factmark/1\",\n  \"scale\": {\n",
		`"exact": "“The budget is sound on paper,”"`,       // curly quotes as they are, not \u escapes
		`41 \u003con a good day\u003e.`,                    // HTML escaped, safe inside <script>
		`"created": "2026-03-04T10:20:00.123456789+01:00"`, // RFC 3339 with the zone as given
		`"worthiness": 0.55`,
		`"worthiness_origin": "suggested"`,
		`"status": "in_review"`,
		`"claimant": "` + spHalvorsen + `"`,
		`"attribution": "` + atHalvorsen + `"`,
		`"speaker": "` + spOrtiz + `"`,
		`"imported_at": "2026-03-04T08:00:00Z"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	for _, not := range []string{`\u201c`, `<on a good day>`, `"article_id"`, `"ArticleID"`, "null"} {
		if strings.Contains(s, not) {
			t.Errorf("output contains %s", not)
		}
	}
	if !bytes.HasSuffix(out, []byte("}\n")) {
		t.Error("output does not end with a newline")
	}
}

// An empty project and an article without annotations write empty lists, not
// null: the schema requires arrays, and the same project must give the same
// bytes whether its lists came back nil or empty from storage.
func TestNativeEmptyLists(t *testing.T) {
	art := annotate.SampleArticle(testNow)
	art.ID = docArticleID
	nilDoc := &annotate.Document{Scale: annotate.DefaultScale(), Articles: []annotate.ArticleDoc{{Article: *art}}}
	emptyDoc := &annotate.Document{Scale: annotate.DefaultScale(), Speakers: []annotate.Speaker{}, Articles: []annotate.ArticleDoc{{
		Article: *art, Attributions: []annotate.Attribution{}, Claims: []annotate.Claim{}, Notes: []annotate.Note{}}}}
	a, b := writeDoc(t, nilDoc), writeDoc(t, emptyDoc)
	if !bytes.Equal(a, b) {
		t.Errorf("nil and empty lists write differently:\n%s", firstDiff(a, b))
	}
	for _, want := range []string{`"speakers": []`, `"attributions": []`, `"claims": []`, `"notes": []`} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	validateSchema(t, a)
	if _, err := ParseDocument(a); err != nil {
		t.Fatal(err)
	}
	none := writeDoc(t, &annotate.Document{Scale: annotate.DefaultScale()})
	if !bytes.Contains(none, []byte(`"articles": []`)) {
		t.Errorf("a project with no articles writes %s", none)
	}
	validateSchema(t, none)
}

// The golden file pins the format: a change to a struct tag, the order or the
// indentation shows up here, and the schema must follow it. Run with -update
// to accept a deliberate change.
func TestNativeGolden(t *testing.T) {
	out := writeDoc(t, testDocument(t))
	golden := filepath.Join("testdata", "sample.factmark.json")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestNativeGolden -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("WriteDocument output differs from %s:\n%s", golden, firstDiff(want, out))
	}
	if _, err := ParseDocument(want); err != nil {
		t.Errorf("golden file does not parse: %v", err)
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(same lines)"
}

// --- schema ---

// compileSchema compiles the factmark/1 schema, which the test document
// (without pages, turns or source) is written in.
func compileSchema(t testing.TB) *jsonschema.Schema {
	return compileSchemaOf(t, annotate.NativeFormatV1)
}

// compileSchemaOf compiles the schema of a version of the native document.
func compileSchemaOf(t testing.TB, format string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(NativeSchemaOf(format)))
	if err != nil {
		t.Fatalf("the schema of %s is not JSON: %v", format, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // draft 2020-12 treats format as an annotation unless told
	url, _ := doc.(map[string]any)["$id"].(string)
	if want := "/factmark-" + strings.TrimPrefix(format, "factmark/") + ".schema.json"; !strings.HasSuffix(url, want) {
		t.Fatalf("the schema of %s has $id %q", format, url)
	}
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("NativeSchema does not compile: %v", err)
	}
	return s
}

func decodeInstance(t testing.TB, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// validateSchema checks a written document against the schema of the
// version it says it is.
func validateSchema(t testing.TB, data []byte) {
	t.Helper()
	v := decodeInstance(t, data)
	format, _ := v.(map[string]any)["format"].(string)
	if err := compileSchemaOf(t, format).Validate(v); err != nil {
		t.Fatalf("schema of %s rejects WriteDocument's output: %v", format, err)
	}
}

func TestNativeSchemaAcceptsWrittenDocument(t *testing.T) {
	for _, schema := range [][]byte{NativeSchema, NativeSchemaV1} {
		var m map[string]any
		if err := json.Unmarshal(schema, &m); err != nil {
			t.Fatal(err)
		}
		if m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("$schema = %v", m["$schema"])
		}
	}
	validateSchema(t, writeDoc(t, testDocument(t)))
	validateSchema(t, writeDoc(t, testDocumentV2(t)))
}

// Each case breaks the written document in one place; the schema must reject
// it and point at that place (a JSON pointer into the instance).
func TestNativeSchemaRejects(t *testing.T) {
	schema := compileSchema(t)
	good := writeDoc(t, testDocument(t))
	art := func(v any) map[string]any { return v.(map[string]any)["articles"].([]any)[0].(map[string]any) }
	item := func(v any, list string, i int) map[string]any {
		return art(v)[list].([]any)[i].(map[string]any)
	}
	anchor := func(v any) map[string]any { return item(v, "claims", 0)["anchors"].([]any)[0].(map[string]any) }
	tests := []struct {
		name   string
		change func(v any)
		at     string // the instance location the error names
	}{
		{"negative start", func(v any) { anchor(v)["start"] = json.Number("-1") }, "/articles/0/claims/0/anchors/0/start"},
		{"fractional end", func(v any) { anchor(v)["end"] = json.Number("12.5") }, "/articles/0/claims/0/anchors/0/end"},
		{"empty exact", func(v any) { anchor(v)["exact"] = "" }, "/articles/0/claims/0/anchors/0/exact"},
		{"prefix of 33", func(v any) { anchor(v)["prefix"] = strings.Repeat("é", 33) }, "/articles/0/claims/0/anchors/0/prefix"},
		{"unknown field in anchor", func(v any) { anchor(v)["page"] = json.Number("1") }, "/articles/0/claims/0/anchors/0"},
		{"unknown top-level field", func(v any) { v.(map[string]any)["version"] = "1" }, ""},
		{"unknown field in claim", func(v any) { item(v, "claims", 0)["score"] = json.Number("1") }, "/articles/0/claims/0/score"},
		{"article_id is not exported", func(v any) { item(v, "notes", 0)["article_id"] = docArticleID }, "/articles/0/notes/0/article_id"},
		{"missing format", func(v any) { delete(v.(map[string]any), "format") }, ""},
		{"wrong format", func(v any) { v.(map[string]any)["format"] = "factmark/2" }, "/format"},
		{"created not a date-time", func(v any) { item(v, "claims", 0)["created"] = "yesterday" }, "/articles/0/claims/0/created"},
		{"date-time without zone", func(v any) { item(v, "claims", 0)["modified"] = "2026-03-04T10:00:00" }, "/articles/0/claims/0/modified"},
		{"published not a date", func(v any) { art(v)["published"] = "2026-02-30" }, "/articles/0/published"},
		{"accessed not a date", func(v any) {
			item(v, "notes", 0)["sources"].([]any)[0].(map[string]any)["accessed"] = "March 5"
		}, "/articles/0/notes/0/sources/0/accessed"},
		{"bad id", func(v any) { item(v, "attributions", 0)["id"] = "a1" }, "/articles/0/attributions/0/id"},
		{"bad speaker ref", func(v any) { item(v, "attributions", 0)["speaker"] = "Ingrid" }, "/articles/0/attributions/0/speaker"},
		{"bad origin", func(v any) { item(v, "attributions", 0)["origin"] = "imported" }, "/articles/0/attributions/0/origin"},
		{"bad kind", func(v any) { item(v, "attributions", 0)["kind"] = "quoted" }, "/articles/0/attributions/0/kind"},
		{"missing kind", func(v any) { delete(item(v, "attributions", 0), "kind") }, "/articles/0/attributions/0"},
		{"no content", func(v any) { item(v, "attributions", 0)["content"] = []any{} }, "/articles/0/attributions/0/content"},
		{"null content", func(v any) { item(v, "attributions", 0)["content"] = nil }, "/articles/0/attributions/0/content"},
		{"bad status", func(v any) { item(v, "claims", 0)["status"] = "done" }, "/articles/0/claims/0/status"},
		{"worthiness 1.5", func(v any) { item(v, "claims", 0)["worthiness"] = json.Number("1.5") }, "/articles/0/claims/0/worthiness"},
		{"worthiness without origin", func(v any) { delete(item(v, "claims", 0), "worthiness_origin") }, "/articles/0/claims/0"},
		{"blank tag", func(v any) { item(v, "claims", 0)["tags"] = []any{" "} }, "/articles/0/claims/0/tags/0"},
		{"note on claim and span", func(v any) { item(v, "notes", 0)["target"] = item(v, "notes", 1)["target"] }, "/articles/0/notes/0"},
		{"note on nothing", func(v any) { delete(item(v, "notes", 1), "target") }, "/articles/0/notes/1"},
		{"evidence without URL or title", func(v any) {
			item(v, "notes", 0)["sources"] = []any{map[string]any{"publisher": "Ledger"}}
		}, "/articles/0/notes/0/sources/0"},
		{"evidence ftp URL", func(v any) {
			item(v, "notes", 0)["sources"].([]any)[1].(map[string]any)["url"] = "ftp://example.org/x"
		}, "/articles/0/notes/0/sources/1/url"},
		{"article url relative", func(v any) { art(v)["url"] = "/news/tram" }, "/articles/0/url"},
		{"sha256 upper case", func(v any) { art(v)["sha256"] = strings.ToUpper(art(v)["sha256"].(string)) }, "/articles/0/sha256"},
		{"blank title", func(v any) { art(v)["title"] = "  " }, "/articles/0/title"},
		{"null notes", func(v any) { art(v)["notes"] = nil }, "/articles/0/notes"},
		{"speaker without name", func(v any) { v.(map[string]any)["speakers"].([]any)[0].(map[string]any)["name"] = "—" }, "/speakers/0/name"},
		{"scale without verdicts", func(v any) { v.(map[string]any)["scale"].(map[string]any)["verdicts"] = []any{} }, "/scale/verdicts"},
		{"negative verdict value", func(v any) {
			v.(map[string]any)["scale"].(map[string]any)["verdicts"].([]any)[0].(map[string]any)["value"] = json.Number("-1")
		}, "/scale/verdicts/0/value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := decodeInstance(t, good)
			tt.change(v)
			err := schema.Validate(v)
			if err == nil {
				t.Fatal("schema accepted the broken document")
			}
			verr, ok := err.(*jsonschema.ValidationError)
			if !ok {
				t.Fatalf("error is %T, want *jsonschema.ValidationError: %v", err, err)
			}
			if !hasLocation(verr, tt.at) {
				t.Errorf("error does not point at %q:\n%v", tt.at, err)
			}
		})
	}
}

// hasLocation reports whether the error, or one of its causes, is at the
// JSON pointer at ("" is the document itself).
func hasLocation(e *jsonschema.ValidationError, at string) bool {
	loc := ""
	for _, p := range e.InstanceLocation {
		loc += "/" + p
	}
	if loc == at && len(e.Causes) == 0 {
		return true
	}
	for _, c := range e.Causes {
		if hasLocation(c, at) {
			return true
		}
	}
	return false
}

// Without AssertFormat, draft 2020-12 only annotates format: this guards the
// compile step above from silently losing date-time checks.
func TestNativeSchemaFormatAssertion(t *testing.T) {
	v := decodeInstance(t, writeDoc(t, testDocument(t)))
	v.(map[string]any)["speakers"].([]any)[0].(map[string]any)["created"] = "not a time"
	if err := compileSchema(t).Validate(v); err == nil || !strings.Contains(err.Error(), "date-time") {
		t.Errorf("asserting compiler: %v, want a date-time error", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(NativeSchemaV1))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("s.json", doc); err != nil {
		t.Fatal(err)
	}
	if err := c.MustCompile("s.json").Validate(v); err != nil {
		t.Errorf("a non-asserting compiler checked format after all (%v): the guard above is moot", err)
	}
}

// --- parsing bad documents ---

func TestParseDocumentErrors(t *testing.T) {
	good := writeDoc(t, testDocument(t))
	gs := string(good)
	replace := func(old, new string) func() string {
		return func() string {
			if !strings.Contains(gs, old) {
				t.Fatalf("%q not in the document", old)
			}
			return strings.Replace(gs, old, new, 1)
		}
	}
	// JSON with a value changed through the generic tree, for structural cases.
	edit := func(f func(d map[string]any)) func() string {
		return func() string {
			var d map[string]any
			if err := json.Unmarshal(good, &d); err != nil {
				t.Fatal(err)
			}
			f(d)
			b, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	art := func(d map[string]any) map[string]any { return d["articles"].([]any)[0].(map[string]any) }
	list := func(d map[string]any, name string) []any { return art(d)[name].([]any) }
	obj := func(d map[string]any, name string, i int) map[string]any { return list(d, name)[i].(map[string]any) }
	// The first claim's first start value, and its line.
	const claimStart = `"anchors": [` + "\n" + `            {` + "\n" + `              "start": `
	startAt := strings.Index(gs, claimStart) + len(claimStart)
	startLine := strings.Count(gs[:startAt], "\n") + 1
	tests := []struct {
		name string
		doc  func() string
		want []string // substrings of the message, in order
	}{
		{"empty", func() string { return "" }, []string{"invalid JSON", "line 1, column 1", "ends too soon"}},
		{"truncated", func() string { return gs[:len(gs)/2] }, []string{"invalid JSON at " + position(good, int64(len(gs)/2)), "ends too soon"}},
		{"syntax error", replace(`"format": "factmark/1",`, `"format": "factmark/1"`), []string{"invalid JSON at line 3, column 3", "invalid character"}},
		{"trailing garbage", func() string { return gs + "garbage" }, []string{"more data after the document at line " + fmt.Sprint(strings.Count(gs, "\n")+1) + ", column 1"}},
		{"trailing brace", func() string { return gs + "}" }, []string{"more data after the document"}},
		{"second document", func() string { return gs + gs }, []string{"more data after the document"}},
		{"trailing white space is fine", func() string { return gs + "\n\t \r\n" }, nil},
		{"not an object", func() string { return "[]" }, []string{"invalid JSON at line 1", "the document must be an object, not array"}},
		{"wrong type", func() string {
			return gs[:startAt] + `"x"` + gs[startAt+strings.IndexByte(gs[startAt:], ','):]
		}, []string{fmt.Sprintf("invalid JSON at line %d, column ", startLine), "articles.claims.anchors.start must be a whole number, not string"}},
		{"fractional offset", func() string {
			return gs[:startAt] + `1.5` + gs[startAt+strings.IndexByte(gs[startAt:], ','):]
		}, []string{fmt.Sprintf("invalid JSON at line %d, column ", startLine), "articles.claims.anchors.start must be a whole number, not number 1.5"}},
		{"speakers not a list", replace(`"speakers": [`, `"speakers": {"a": 1}, "x": [`), []string{"invalid JSON at line 36, column ", "speakers must be an array, not object"}},
		{"worthiness a word", replace(`"worthiness": 0.9`, `"worthiness": "high"`), []string{"invalid JSON at line ", "articles.claims.worthiness must be a number, not string"}},
		{"kind not a string", replace(`"kind": "direct"`, `"kind": true`), []string{"articles.attributions.kind must be a string, not bool"}},
		{"created not a time", replace(`"created": "2026-03-04T09:01:00Z"`, `"created": "yesterday"`), []string{"invalid JSON", `"yesterday"`}},
		{"unknown field", replace(`"format": "factmark/1",`, `"format": "factmark/1", "colour": "red",`), []string{`unknown field "colour"`}},
		{"wrong format", replace(`"format": "factmark/1"`, `"format": "factmark/9"`), []string{`format: "factmark/9" is not "factmark/1" or "factmark/2"`, "update Factmark"}},
		{"no format", replace(`"format": "factmark/1",`, ``), []string{`format: "" is not "factmark/1" or "factmark/2"`}},
		{"factmark/2 without turns is fine", replace(`"format": "factmark/1"`, `"format": "factmark/2"`), nil},
		{"claim anchor mismatch", edit(func(d map[string]any) {
			obj(d, "claims", 0)["anchors"].([]any)[0].(map[string]any)["exact"] = "cut the journey"
		}), []string{`articles[0].claims[0].anchors[0]: quote "cut the journey" does not match the text at`}},
		{"attribution content mismatch", edit(func(d map[string]any) {
			obj(d, "attributions", 1)["content"].([]any)[1].(map[string]any)["exact"] = `"but paper is where Brennport's projects always look their best."`
		}), []string{"articles[0].attributions[1].content[1]: quote"}},
		{"note target out of range", edit(func(d map[string]any) {
			obj(d, "notes", 1)["target"].(map[string]any)["end"] = 99999
		}), []string{"articles[0].notes[1].target: end 99999 is past the end of the text (4934 code points)"}},
		{"sha256 mismatch", edit(func(d map[string]any) { art(d)["text"] = art(d)["text"].(string) + "!" }), []string{"articles[0].sha256: does not match the text"}},
		{"note on unknown claim", edit(func(d map[string]any) { obj(d, "notes", 0)["claim"] = "c1000000-0000-4000-8000-0000000000ff" }),
			[]string{"articles[0].notes[0].claim: no claim c1000000-0000-4000-8000-0000000000ff in this article"}},
		{"claim by unknown speaker", edit(func(d map[string]any) { obj(d, "claims", 2)["claimant"] = "5b000000-0000-4000-8000-0000000000ff" }),
			[]string{"articles[0].claims[2].claimant: no speaker 5b000000-0000-4000-8000-0000000000ff in the document"}},
		{"claim from unknown attribution", edit(func(d map[string]any) { obj(d, "claims", 1)["attribution"] = atLindqvist[:35] + "f" }),
			[]string{"articles[0].claims[1].attribution: no attribution " + atLindqvist[:35] + "f in this article"}},
		{"attribution by unknown speaker", edit(func(d map[string]any) { obj(d, "attributions", 0)["speaker"] = spLindqvist[:35] + "f" }),
			[]string{"articles[0].attributions[0].speaker: no speaker"}},
		{"claim refers to a note as attribution", edit(func(d map[string]any) { obj(d, "claims", 1)["attribution"] = noJourney }),
			[]string{"articles[0].claims[1].attribution: no attribution " + noJourney}},
		{"duplicate claim ID", edit(func(d map[string]any) { obj(d, "claims", 1)["id"] = clJourney }),
			[]string{"articles[0].claims[1].id: " + clJourney + " appears twice"}},
		{"note with a claim's ID", edit(func(d map[string]any) { obj(d, "notes", 1)["id"] = clBudget }),
			[]string{"articles[0].notes[1].id: " + clBudget + " appears twice"}},
		{"duplicate speaker ID", edit(func(d map[string]any) {
			d["speakers"].([]any)[2].(map[string]any)["id"] = spHalvorsen
		}), []string{"speakers[2].id: " + spHalvorsen + " appears twice"}},
		{"speaker with no name", edit(func(d map[string]any) { d["speakers"].([]any)[1].(map[string]any)["name"] = "" }),
			[]string{"speakers[1].name: is empty"}},
		{"duplicate article", edit(func(d map[string]any) {
			a := art(d)
			d["articles"] = []any{a, map[string]any{"id": a["id"], "title": "Copy", "text": a["text"], "sha256": a["sha256"],
				"imported_at": a["imported_at"], "attributions": []any{}, "claims": []any{}, "notes": []any{}}}
		}), []string{"articles[1].id: " + docArticleID + " appears twice"}},
		{"verdict not on scale", edit(func(d map[string]any) { obj(d, "notes", 0)["verdict"] = "Pants on fire" }),
			[]string{`articles[0].notes[0].verdict: "Pants on fire" is not on the rating scale "Factmark default"`}},
		{"worthiness 1.5", edit(func(d map[string]any) { obj(d, "claims", 0)["worthiness"] = 1.5 }),
			[]string{"articles[0].claims[0].worthiness: 1.5 is not between 0 and 1"}},
		{"bad scale", edit(func(d map[string]any) { d["scale"].(map[string]any)["verdicts"] = []any{} }),
			[]string{"scale.verdicts: is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDocument([]byte(tt.doc()))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("ParseDocument: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseDocument accepted it (%d articles)", len(d.Articles))
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code = %q, want %q", annotate.ErrorCode(err), annotate.EINVALID)
			}
			msg, rest := err.Error(), err.Error()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("error %q lacks %q", msg, w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestReadDocument(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.factmark.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteDocument(f, testDocument(t)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	d, err := ReadDocument(r)
	if err != nil {
		t.Fatal(err)
	}
	if d.Count() != 8 || len(d.Speakers) != 3 || d.Articles[0].ID != docArticleID {
		t.Errorf("read %d annotations, %d speakers, article %s", d.Count(), len(d.Speakers), d.Articles[0].ID)
	}
}
