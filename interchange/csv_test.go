package interchange

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func writeCSV(t testing.TB, d *annotate.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// csvTestDocument is the test document with text a spreadsheet would run as
// a formula, a tag with the list separator and a source with a bar.
func csvTestDocument(t testing.TB) *annotate.Document {
	d := testDocument(t)
	a := &d.Articles[0]
	a.Notes[0].Rationale = "=HYPERLINK(\"https://evil.example\")\nsecond line"
	a.Notes[0].Author = "'quoted"
	a.Notes[1].Sources[0].Title = "Timetable | eastern line; 2026"
	for i := range a.Claims {
		if a.Claims[i].ID == clJourney {
			a.Claims[i].Tags = []string{"transport; buses", `back\slash`}
		}
	}
	return d
}

func TestCSVRoundTrip(t *testing.T) {
	d := csvTestDocument(t)
	first := writeCSV(t, d)
	if !isCSVHeader(first) || DetectFormat("x.txt", first) != FormatCSV {
		t.Fatal("the export does not start with the header DetectFormat knows")
	}
	if !bytes.Contains(first, []byte("\r\n")) || bytes.Count(first, []byte("\r\n")) < 9 {
		t.Error("rows do not end in CRLF (RFC 4180)")
	}
	recs, err := csv.NewReader(bytes.NewReader(first)).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if len(recs) != 1+d.Count() {
		t.Fatalf("%d rows, want a header and %d", len(recs), d.Count())
	}
	for _, r := range recs[1:] {
		for i, cell := range r {
			if startsFormula(cell) && csvColumns[i] != "start" {
				t.Errorf("column %s: %q would run as a formula", csvColumns[i], cell)
			}
		}
	}
	im, err := ParseCSV(first, DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if im.Count() != d.Count() || len(im.Orphans) != 0 {
		t.Fatalf("read back %d annotations, orphans %q", im.Count(), im.Orphans)
	}
	second := writeCSV(t, im.Doc)
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export differs:\n%s", firstDiff(first, second))
	}
	got, want := &im.Doc.Articles[0], &d.Articles[0]
	for i := range want.Notes {
		g, w := got.Notes[i], want.Notes[i]
		g.ArticleID, w.ArticleID = "", ""
		g.Created, g.Modified, w.Created, w.Modified = g.Created.UTC(), g.Modified.UTC(), w.Created.UTC(), w.Modified.UTC()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("note %d = %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Claims {
		g, w := got.Claims[i], want.Claims[i]
		if !reflect.DeepEqual(g.Anchors, w.Anchors) || !reflect.DeepEqual(g.Tags, w.Tags) || g.AttributionID != w.AttributionID ||
			!reflect.DeepEqual(g.Worthiness, w.Worthiness) || g.WorthinessOrigin != w.WorthinessOrigin || g.Status != w.Status {
			t.Errorf("claim %d = %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Attributions {
		g, w := got.Attributions[i], want.Attributions[i]
		if !reflect.DeepEqual(g.Source, w.Source) || !reflect.DeepEqual(g.Cue, w.Cue) || !reflect.DeepEqual(g.Content, w.Content) || g.Kind != w.Kind {
			t.Errorf("attribution %d = %+v\nwant %+v", i, g, w)
		}
	}
}

func TestEscapedLists(t *testing.T) {
	for _, items := range [][]string{{"a"}, {"a; b", `c\d`, "e\nf"}, {"", "x"}} {
		if got := splitEscaped(joinEscaped(items, ';', "; "), ';'); !reflect.DeepEqual(got, items) {
			t.Errorf("split(join(%q)) = %q", items, got)
		}
	}
	for _, s := range []string{"", "=1+1", "-3", "@x", "'", "'=", "''", "'hello", "hello", "\tx"} {
		if got := unguardFormula(guardFormula(s)); got != s {
			t.Errorf("unguard(guard(%q)) = %q", s, got)
		}
		if g := guardFormula(s); startsFormula(g) {
			t.Errorf("guard(%q) = %q still starts a formula", s, g)
		}
	}
}

func TestParseCSVErrors(t *testing.T) {
	d := testDocument(t)
	header := strings.Join(csvColumns, ",") + "\r\n"
	sha := d.Articles[0].SHA256
	text := annotate.NewText(d.Articles[0].Text)
	kan := anchorIn(t, text, "", "Kanalgade bus terminal")
	row := func(cells map[string]string) string {
		r := make([]string, len(csvColumns))
		for i, c := range csvColumns {
			r[i] = cells[c]
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(r)
		w.Flush()
		return b.String()
	}
	claim := func(extra map[string]string) string {
		cells := map[string]string{"article_sha256": sha, "kind": "claim", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact}
		for k, v := range extra {
			cells[k] = v
		}
		return row(cells)
	}
	tests := []struct{ name, data, want string }{
		{"empty", "", "the file is empty"},
		{"other header", "a,b,c\r\n", "line 1: the header has no column \"article_sha256\""},
		{"bare quote", header + claim(nil) + "x,\"y\"z\r\n", "line 3, column 5: extraneous or missing \" in quoted-field"},
		{"field count", header + "a,b\r\n", "line 2, column 1: wrong number of fields"},
		{"bad kind", header + claim(map[string]string{"kind": "comment"}), "line 2: kind: \"comment\" is not attribution, claim or note"},
		{"unknown article", header + claim(map[string]string{"article_sha256": "abc"}), "line 2: article_sha256: its article urn:sha256:abc is not in the project"},
		{"bad offsets", header + claim(map[string]string{"start": "x"}), "line 2: start: \"x-"},
		{"past the end", header + claim(map[string]string{"end": "999999"}), "line 2: start: end 999999 is past the end"},
		{"wrong quote", header + claim(map[string]string{"quote": "Kanalgade tram"}), "line 2: quote: \"Kanalgade tram\" is not the text at"},
		{"bad worthiness", header + claim(map[string]string{"worthiness": "high"}), "line 2: worthiness: \"high\" is not a number"},
		{"out of range", header + claim(map[string]string{"worthiness": "2"}), "line 2: worthiness: 2 is not between 0 and 1"},
		{"bad status", header + claim(map[string]string{"status": "done"}), "line 2: status: \"done\" is not a claim status"},
		{"bad time", header + claim(map[string]string{"created": "today"}), "line 2: created: \"today\" is not a date-time"},
		{"twice", header + claim(map[string]string{"id": "c1000000-0000-4000-8000-000000000009"}) + claim(map[string]string{"id": "c1000000-0000-4000-8000-000000000009"}),
			"line 3: annotation c1000000-0000-4000-8000-000000000009 appears twice (first at line 2)"},
		{"verdict off the scale", header + row(map[string]string{"article_sha256": sha, "kind": "note", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact, "verdict": "Pants on fire"}),
			"line 2: verdict: \"Pants on fire\" is not on the rating scale"},
		{"attribution without kind", header + row(map[string]string{"article_sha256": sha, "kind": "attribution", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact}),
			"line 2: kind: \"\" is not direct, indirect or mixed"},
		{"bad source", header + row(map[string]string{"article_sha256": sha, "kind": "attribution", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact,
			"attribution_kind": "direct", "source": "Kanalgade", "source_start": strconv.Itoa(kan.Start), "source_end": strconv.Itoa(kan.Start + 3)}), "line 2: source: \"Kanalgade\" is not the text at"},
		{"too many source fields", header + row(map[string]string{"article_sha256": sha, "kind": "note", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact,
			"sources": "a | b | c | d | e | f"}), "line 2: sources: \"a | b | c | d | e | f\" has more than"},
		{"bad source url", header + row(map[string]string{"article_sha256": sha, "kind": "note", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact,
			"sources": "ftp://x | Title"}), "line 2: sources[0].url: \"ftp://x\" is not an http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCSV([]byte(tt.data), DocumentLookup(d), d.Scale, importNow)
			checkInvalid(t, err, tt.want)
		})
	}
}
