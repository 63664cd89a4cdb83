package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

// bridgeURL is where the fixtures' article was published.
const bridgeURL = "https://ledger.example/2026/03/harbour-bridge-repairs"

// readHypothesis reads a fixture of testdata/hypothesis.
func readHypothesis(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "hypothesis", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// bridgeArticle is the fixtures' article, with the URL url.
func bridgeArticle(t testing.TB, url string) *annotate.Article {
	t.Helper()
	a, err := annotate.NewArticle(readHypothesis(t, "article.txt"), annotate.ArticleMeta{URL: url}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// hypothesisInput is an import of data into a project of the articles:
// looked up by source as the store does (SameSource), and listed.
func hypothesisInput(data []byte, articles ...*annotate.Article) ImportInput {
	return ImportInput{
		Name: "hypothesis.json", Data: data, Scale: annotate.DefaultScale(), Now: testNow,
		Lookup: func(source string) (*annotate.Article, error) {
			for _, a := range articles {
				if SameSource(a, source) {
					return a, nil
				}
			}
			return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", source)
		},
		Articles: func() ([]*annotate.Article, error) { return articles, nil },
	}
}

// noteWant is what a note made from a Hypothesis annotation must be.
type noteWant struct {
	hid, exact, author, rationale string
	created, modified             string
}

func TestParseHypothesis(t *testing.T) {
	onPage := bridgeArticle(t, bridgeURL)
	noURL := bridgeArticle(t, "")
	kowalski := noteWant{"Xk3bT1qwEe-pQ2Jd0vN1aA", "twice the estimate given in 2024", "Renata Kowalski",
		"The 2024 estimate was 31 million, not 24: see the council minutes of 12 May 2024.\n\nTags: budget, needs-source",
		"2026-03-09T14:02:11.482913Z", "2026-03-09T14:05:40.100224Z"}
	searchNotes := []noteWant{
		{"e4Rt5HrAEe-8p2Nn1Xy7bQ", "the bridge would close to cars for eleven months", "lnovak",
			"Closure length: the engineer's report says nine months.\n\nhttps://city.example/reports/bridge-2026.pdf\n\nTags: closure",
			"2026-03-11T09:00:00Z", "2026-03-12T10:30:00Z"},
		{"f1Yu6IrBEe-3kQw7Zp0sTg", "a ferry would run every twenty minutes", "Lena Novak",
			"Ferry frequency confirmed by the port authority.", "2026-03-11T09:10:00Z", "2026-03-11T09:10:00Z"},
		{"h3Pa8KrDEe-Qw5e6Rt1yUi", "the deck was sound", "tbrandt", "", "2026-03-11T12:00:00Z", "2026-03-11T12:00:00Z"},
	}
	exportOrphans := []string{`annotations[3] (Hypothesis d9Wn2GqzEe-Vx0a9k3Jr5Q): the quote "40,000 vehicles a week" is not in the article`}
	exportOmitted := []string{"annotations[2] (Hypothesis c2Lm8FqyEe-4m1tq6Z8e0g): " + hypothesisPageNote}
	oneOn := func(uri string) string {
		return `{"id": "one", "uri": "` + uri + `", "text": "Check.", "user": "acct:ab@hypothes.is",
	  "created": "2026-03-01T10:00:00+01:00",
	  "target": [{"source": "` + uri + `", "selector": [{"type": "TextQuoteSelector", "exact": "30,000 vehicles a day"}]}]}`
	}
	one := oneOn(bridgeURL)
	oneWant := noteWant{"one", "30,000 vehicles a day", "ab", "Check.", "2026-03-01T09:00:00Z", "2026-03-01T09:00:00Z"}
	tests := []struct {
		name     string
		data     string
		articles []*annotate.Article
		chosen   *annotate.Article
		notes    []noteWant
		orphans  []string // each orphan starts with one, in order
		omitted  []string
	}{
		{"export: uri with host case, utm_ parameters, slash and fragment", string(readHypothesis(t, "export.json")),
			[]*annotate.Article{onPage}, nil, []noteWant{kowalski}, exportOrphans, exportOmitted},
		{"search: by uri, by canonical link, one on a page not in the project", string(readHypothesis(t, "search.json")),
			[]*annotate.Article{onPage}, nil, searchNotes,
			[]string{"rows[2] (Hypothesis g8Io7JrCEe-Lm2x4Vb9nUw): its page https://other.example/news/tram-delays is not an article of the project"}, nil},
		{"export on the chosen article, which has no URL", string(readHypothesis(t, "export.json")),
			[]*annotate.Article{noURL}, noURL, []noteWant{kowalski}, exportOrphans, exportOmitted},
		{"search on the chosen article: every annotation goes there", string(readHypothesis(t, "search.json")),
			[]*annotate.Article{noURL}, noURL, searchNotes,
			[]string{`rows[2] (Hypothesis g8Io7JrCEe-Lm2x4Vb9nUw): the quote "the tram line opened two years late" is not in the article`}, nil},
		{"no article has the URL", string(readHypothesis(t, "export.json")), []*annotate.Article{noURL}, nil, nil,
			[]string{"annotations[0] (Hypothesis Xk3bT1qwEe-pQ2Jd0vN1aA): its page https://Ledger.example/", "annotations[3] (",
				"annotations[1] (Hypothesis b7Q0c1qxEe-mTq9bO2cLhw): a reply in a thread whose annotation was not imported"}, exportOmitted},
		{"two articles with the URL", oneOn("https://LEDGER.example/2026/03/harbour-bridge-repairs"), []*annotate.Article{onPage, bridgeArticle(t, bridgeURL+"/#x")}, nil, nil,
			[]string{"the annotation (Hypothesis one): 2 articles have the URL"}, nil},
		{"one annotation", one, []*annotate.Article{onPage}, nil, []noteWant{oneWant}, nil, nil},
		{"a list of annotations", "[" + one + "]", []*annotate.Article{onPage}, nil, []noteWant{oneWant}, nil, nil},
		{"empty search results", `{"total": 0, "rows": []}`, []*annotate.Article{onPage}, nil, nil, nil, nil},
		{"a page note whose selector list is empty", `{"rows": [{"id": "p", "uri": "` + bridgeURL + `", "target": [{"source": "x", "selector": []}]}]}`,
			[]*annotate.Article{onPage}, nil, nil, nil, []string{"rows[0] (Hypothesis p): " + hypothesisPageNote}},
		{"a page note without target", `{"rows": [{"uri": "` + bridgeURL + `", "text": "t"}]}`,
			[]*annotate.Article{onPage}, nil, nil, nil, []string{"rows[0] (no ID): " + hypothesisPageNote}},
		{"only a RangeSelector", `{"rows": [{"id": "r", "uri": "` + bridgeURL + `", "target": [{"selector": [{"type": "RangeSelector", "startContainer": "/p[1]"}]}]}]}`,
			[]*annotate.Article{onPage}, nil, nil, []string{"rows[0] (Hypothesis r): it has no TextQuoteSelector or TextPositionSelector"}, nil},
		{"no uri and no source", `{"rows": [{"id": "u", "target": [{"selector": {"type": "TextQuoteSelector", "exact": "the deck was sound"}}]}]}`,
			[]*annotate.Article{onPage}, nil, nil, []string{"rows[0] (Hypothesis u): it names no page"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := hypothesisInput([]byte(tt.data), tt.articles...)
			in.Article = tt.chosen
			im, err := ParseImport(DetectFormat("h.json", in.Data), in)
			if err != nil {
				t.Fatal(err)
			}
			if im.Format != FormatHypothesis {
				t.Errorf("format %s", im.Format)
			}
			checkNotes(t, im, tt.notes)
			checkLines(t, "orphans", im.Orphans, tt.orphans)
			checkLines(t, "omitted", im.Omitted, tt.omitted)
		})
	}
}

func checkNotes(t *testing.T, im *Imported, want []noteWant) {
	t.Helper()
	var notes []annotate.Note
	for _, a := range im.Doc.Articles {
		notes = append(notes, a.Notes...)
	}
	if len(notes) != len(want) {
		t.Fatalf("%d notes, want %d: %+v", len(notes), len(want), notes)
	}
	for i, w := range want {
		n := notes[i]
		id := uuid.NewSHA1(idSpace, []byte("https://hypothes.is/a/"+w.hid)).String()
		if n.ID != id || n.Target == nil || n.Target.Exact != w.exact || n.Author != w.author || n.Rationale != w.rationale ||
			n.Origin != annotate.Manual || n.Verdict != "" || n.ClaimID != "" ||
			timeString(n.Created) != w.created || timeString(n.Modified) != w.modified {
			t.Errorf("note %d = %+v (target %+v)\nwant %+v, ID %s", i, n, n.Target, w, id)
		}
	}
}

func checkLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %q, want %d starting %q", what, got, len(want), want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s[%d] = %q, want it to start with %q", what, i, got[i], want[i])
		}
	}
}

// TestParseHypothesisWithoutListing: without the project's list of articles,
// only URLs the lookup knows as they are find the article; a lookup that
// fails for another reason than ENOTFOUND ends the import.
func TestParseHypothesisWithoutListing(t *testing.T) {
	in := hypothesisInput(readHypothesis(t, "export.json"), bridgeArticle(t, bridgeURL))
	in.Articles = nil
	im, err := ParseHypothesis(in)
	if err != nil || im.Count() != 0 || len(im.Orphans) != 3 { // the two notes and the reply to the first
		t.Fatalf("ParseHypothesis = %d notes, orphans %q, %v; want the first annotation's URL not found", im.Count(), im.Orphans, err)
	}
	in.Lookup = func(string) (*annotate.Article, error) {
		return nil, annotate.Errorf(annotate.EBUSY, "the project is busy")
	}
	if _, err := ParseHypothesis(in); annotate.ErrorCode(err) != annotate.EBUSY {
		t.Errorf("a busy project: %v, want EBUSY", err)
	}
	in = hypothesisInput(readHypothesis(t, "export.json"))
	in.Lookup, in.Articles = nil, func() ([]*annotate.Article, error) { return nil, annotate.Errorf(annotate.EINTERNAL, "disk gone") }
	if _, err := ParseHypothesis(in); annotate.ErrorCode(err) != annotate.EINTERNAL {
		t.Errorf("articles cannot be listed: %v, want EINTERNAL", err)
	}
}

// TestParseHypothesisBadInput: a file that is not right is refused, with the
// JSON path of what is wrong.
func TestParseHypothesisBadInput(t *testing.T) {
	export := readHypothesis(t, "export.json")
	row := func(fields string) string {
		return `{"total": 1, "rows": [{"id": "a", "uri": "` + bridgeURL + `", ` + fields + `}]}`
	}
	sel := `"target": [{"source": "` + bridgeURL + `", "selector": [{"type": "TextQuoteSelector", "exact": "the deck was sound"}]}]`
	huge := row(`"text": "` + strings.Repeat("a", maxHypothesisText+1) + `", ` + sel)
	tests := []struct {
		name, data, want string
	}{
		{"truncated export", string(export[:len(export)/2]), "invalid JSON"},
		{"truncated search", `{"total": 2, "rows": [{"id": "a", "uri": "https://x.example/"`, "invalid JSON"},
		{"rows not a list", `{"total": 1, "rows": {"id": "a"}}`, "rows: must be a list of annotations, not an object"},
		{"rows null", `{"total": 0, "rows": null}`, "rows: must be a list of annotations, not null"},
		{"annotations not a list", `{"export_date": "2026-03-10T08:15:00Z", "annotations": "none"}`, "annotations: must be a list of annotations, not a string"},
		{"an annotation that is not an object", `{"total": 1, "rows": [3]}`, "rows[0]: must be an annotation object, not a number"},
		{"neither annotations nor rows", `{"export_date": "2026-03-10T08:15:00Z"}`, "the document has no annotations"},
		{"a string", `"rows"`, "the document is not Hypothesis annotations"},
		{"text a number", row(`"text": 3, ` + sel), "rows[0].text: must be a string, not a number"},
		{"huge text", huge, "rows[0].text: is 16 MB long; an annotation's text can be at most 16 MB"},
		{"tags not a list", row(`"tags": "a b", ` + sel), "rows[0].tags: must be a list of strings, not a string"},
		{"a tag not a string", row(`"tags": ["a", 2], ` + sel), "rows[0].tags[1]: must be a string, not a number"},
		{"references not a list", row(`"references": "b", ` + sel), "rows[0].references: must be a list of strings"},
		{"id not a string", `{"rows": [{"id": 7}]}`, "rows[0].id: must be a string, not a number"},
		{"uri not a string", `{"rows": [{"uri": ["x"], ` + sel + `}]}`, "rows[0].uri: must be a string, not an array"},
		{"target not an object", row(`"target": ["` + bridgeURL + `"]`), "rows[0].target[0]: must be an object with a source and selectors, not a string"},
		{"source not a string", row(`"target": [{"source": 1, "selector": []}]`), "rows[0].target[0].source: must be a string"},
		{"quote without exact", row(`"target": [{"selector": [{"type": "TextQuoteSelector", "prefix": "a"}]}]`), "rows[0].target[0].selector[0].exact: is missing or empty"},
		{"position not a number", row(`"target": [{"selector": [{"type": "TextPositionSelector", "start": "1", "end": 2}]}]`), "rows[0].target[0].selector[0].start: must be a whole number"},
		{"bad created", row(`"created": "yesterday", ` + sel), `rows[0].created: "yesterday" is not a date-time`},
		{"updated before created", row(`"created": "2026-03-02T00:00:00Z", "updated": "2026-03-01T00:00:00Z", ` + sel), "rows[0].updated: 2026-03-01T00:00:00Z is before created"},
		{"display name not a string", row(`"user_info": {"display_name": 5}, ` + sel), "rows[0].user_info.display_name: must be a string"},
		{"a control character in the display name", row(`"user_info": {"display_name": "R\u001b[2J"}, ` + sel), "rows[0]: author: has the control character U+001B (ESC)"},
		{"a lone CR in the text", row(`"text": "a\rb", ` + sel), "rows[0]: rationale: has the control character U+000D (CR)"},
		{"the same annotation twice", `{"rows": [` + strings.Repeat(`{"id": "a", "uri": "`+bridgeURL+`", `+sel+`},`, 2) + `{"id": "b"}]}`, "rows[1].id: annotation "},
		{"invalid UTF-8", "{\"rows\": [{\"text\": \"caf\xe9\"}]}", "invalid JSON: not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, err := ParseHypothesis(hypothesisInput([]byte(tt.data), bridgeArticle(t, bridgeURL)))
			if err == nil {
				t.Fatalf("ParseHypothesis = %d notes, orphans %q; want an error about %q", im.Count(), im.Orphans, tt.want)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v (%s), want EINVALID with %q", err, annotate.ErrorCode(err), tt.want)
			}
		})
	}
}

// TestDetectHypothesis: both Hypothesis shapes (and a list of annotations,
// and one) are recognised, truncated too, and no other format is taken for
// them.
func TestDetectHypothesis(t *testing.T) {
	export, search := readHypothesis(t, "export.json"), readHypothesis(t, "search.json")
	d := testDocument(t)
	var native, w3c, cr bytes.Buffer
	if err := firstError(WriteDocument(&native, d), WriteW3C(&w3c, d), WriteClaimReview(&cr, d, "Desk")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data string
		want       Format
	}{
		{"export", string(export), FormatHypothesis},
		{"search", string(search), FormatHypothesis},
		{"export, its start only", string(export[:200]), FormatHypothesis},
		{"search, its start only", string(search[:200]), FormatHypothesis},
		{"search, rows first", `{"rows": [], "total": 0}`, FormatHypothesis},
		{"annotations alone", `{"annotations": []}`, FormatHypothesis},
		{"a list of annotations", `[{"id": "a", "created": "2026-03-01T00:00:00Z", "user": "acct:a@hypothes.is", "uri": "https://x.example/"}]`, FormatHypothesis},
		{"one annotation", `{"id": "a", "user": "acct:a@hypothes.is", "uri": "https://x.example/"}`, FormatHypothesis},
		{"native", native.String(), FormatNative},
		{"W3C collection, which has a total", w3c.String(), FormatW3C},
		{"W3C collection, total first", `{"total": 0, "type": "AnnotationCollection"}`, FormatW3C},
		{"W3C annotation with an acct: user before its type", `[{"user": "acct:a@hypothes.is", "type": "Annotation"}]`, FormatW3C},
		{"Hypothesis's JSON-LD is W3C", `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hypothes.is/a/x", "creator": "acct:a@hypothes.is"}`, FormatW3C},
		{"ClaimReview", cr.String(), FormatClaimReview},
		{"rows that are not a list", `{"rows": 3}`, FormatNative},
		{"a user that is not an account", `{"user": "someone"}`, FormatNative},
	}
	for _, tt := range tests {
		if got := DetectFormat("annotations.json", []byte(tt.data)); got != tt.want {
			t.Errorf("%s: DetectFormat = %s, want %s", tt.name, got, tt.want)
		}
	}
	if FormatHypothesis.Label() != "Hypothesis annotations (export or API search)" || FormatHypothesis.Ext() != ".json" {
		t.Errorf("label %q, ext %q", FormatHypothesis.Label(), FormatHypothesis.Ext())
	}
	if _, ok := ParseFormat(string(FormatHypothesis)); ok || slices.Contains(ExportFormats, FormatHypothesis) {
		t.Error("Hypothesis is read, not written")
	}
}

func TestNormalURL(t *testing.T) {
	same := [][]string{
		{bridgeURL, bridgeURL + "/", "https://Ledger.EXAMPLE/2026/03/harbour-bridge-repairs#comments", "HTTPS://ledger.example:443" + "/2026/03/harbour-bridge-repairs",
			"http://ledger.example/2026/03/harbour-bridge-repairs/?utm_source=x&UTM_Medium=email&fbclid=1&gclid=2", " " + bridgeURL + " "},
		{"https://x.example/story?id=3&page=2", "https://x.example/story?page=2&id=3&utm_campaign=z"},
		{"https://x.example", "https://x.example/", "http://X.example:80"},
		{"urn:x-pdf:6f2a", "urn:x-pdf:6f2a#p3"},
	}
	for _, group := range same {
		for _, u := range group[1:] {
			if normalURL(u) != normalURL(group[0]) {
				t.Errorf("normalURL(%q) = %q, want %q as for %q", u, normalURL(u), normalURL(group[0]), group[0])
			}
		}
	}
	different := [][2]string{
		{bridgeURL, "https://ledger.example/2026/03/harbour-bridge"},
		{bridgeURL, "https://www.ledger.example/2026/03/harbour-bridge-repairs"},
		{"https://x.example/story?id=3", "https://x.example/story?id=4"},
		{"https://x.example/Story", "https://x.example/story"},
		{"https://x.example:8080/a", "https://x.example/a"},
		{"urn:x-pdf:6f2a", "urn:x-pdf:6F2A"},
	}
	for _, p := range different {
		if normalURL(p[0]) == normalURL(p[1]) {
			t.Errorf("normalURL(%q) = normalURL(%q) = %q, want them different", p[0], p[1], normalURL(p[0]))
		}
	}
}

func TestReportListsOmitted(t *testing.T) {
	r := &Report{Format: FormatHypothesis, Omitted: []string{"rows[1] (Hypothesis b): " + hypothesisEmptyReply}}
	lines := r.Lines(0)
	if !r.LeftOut() || len(lines) != 3 || lines[1] != "left out 1 annotation Factmark has no place for yet:" ||
		lines[2] != "  rows[1] (Hypothesis b): a reply without text or tags; a comment needs words" {
		t.Errorf("LeftOut %v, Lines %q", r.LeftOut(), lines)
	}
}

func FuzzParseHypothesis(f *testing.F) {
	for _, name := range []string{"export.json", "search.json"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "hypothesis", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"total": 1, "rows": [{"id": "a", "uri": "` + bridgeURL + `", "references": ["b"]}]}`))
	f.Add([]byte(`{"rows": [{"id": "b", "uri": "` + bridgeURL + `", "text": "Root.", "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "30,000 vehicles a day"}]}]},
	  {"id": "c", "uri": "` + bridgeURL + `", "text": "Reply.", "references": ["b"]}, {"id": "d", "text": "Deeper.", "tags": ["x"], "references": ["b", "c"]}]}`))
	f.Add([]byte(`[{"user": "acct:a@hypothes.is", "target": [{"selector": [{"type": "TextPositionSelector", "start": 0, "end": 5}]}]}]`))
	text, err := os.ReadFile(filepath.Join("testdata", "hypothesis", "article.txt"))
	if err != nil {
		f.Fatal(err)
	}
	art, err := annotate.NewArticle(text, annotate.ArticleMeta{URL: bridgeURL}, fuzzNow)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat("h.json", data)
		in := hypothesisInput(data, art)
		in.Now = fuzzNow
		im, err := ParseHypothesis(in)
		if err != nil {
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		if err := im.Doc.Validate(); err != nil {
			t.Fatalf("the document made is not valid: %v", err)
		}
		var buf bytes.Buffer
		if err := WriteDocument(&buf, im.Doc); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseDocument(buf.Bytes()); err != nil {
			t.Fatalf("the document made does not read back: %v", err)
		}
	})
}
