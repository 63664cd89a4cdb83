package interchange

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// testDocumentV2 is testDocument with what factmark/2 adds: the article's
// pages, turns (one matched to a speaker, with times; one only labelled)
// and source file.
func testDocumentV2(t testing.TB) *annotate.Document {
	t.Helper()
	d := testDocument(t)
	a := &d.Articles[0].Article
	n := utf8.RuneCountInString(a.Text)
	paras := paragraphSpans(a.Text)
	if len(paras) < 3 {
		t.Fatalf("the sample has %d paragraphs", len(paras))
	}
	a.Pages = []annotate.Page{{Number: 1, Start: 0, End: paras[2][0]}, {Number: 2, Start: paras[2][0], End: n}}
	a.Turns = []annotate.Turn{
		{Speaker: "HALVORSEN", SpeakerID: spHalvorsen, Start: paras[1][0], End: paras[1][1], TimeStart: ptr(12.5), TimeEnd: ptr(31.04)},
		{Speaker: "Reporter", Start: paras[2][0], End: paras[2][1]},
	}
	a.Source = &annotate.SourceFile{Name: "brennport-ledger.pdf", Type: "application/pdf", SHA256: annotate.FileHash([]byte("%PDF-1.7 sample"))}
	return d
}

// paragraphSpans are the code-point spans of text's non-blank lines.
func paragraphSpans(text string) [][2]int {
	var spans [][2]int
	at := 0
	for _, line := range strings.Split(text, "\n") {
		n := utf8.RuneCountInString(line)
		if strings.TrimSpace(line) != "" {
			spans = append(spans, [2]int{at, at + n})
		}
		at += n + 1
	}
	return spans
}

// A document with pages, turns and a source is written as factmark/2, which
// the factmark/2 schema accepts and factmark/1's refuses; it reads back to
// the same document and writes the same bytes again.
func TestNativeV2RoundTrip(t *testing.T) {
	d := testDocumentV2(t)
	first := writeDoc(t, d)
	if !bytes.HasPrefix(first, []byte("{\n  \"format\": \"factmark/2\",\n")) {
		t.Fatalf("written as %.40q", first)
	}
	for _, want := range []string{`"pages": [`, `"number": 2`, `"turns": [`, `"speaker": "HALVORSEN"`,
		`"speaker_id": "` + spHalvorsen + `"`, `"time_start": 12.5`, `"time_end": 31.04`, `"source": {`,
		`"name": "brennport-ledger.pdf"`, `"type": "application/pdf"`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	// Optional fields are left out: the second turn has no speaker_id or times.
	if n := bytes.Count(first, []byte(`"speaker_id"`)); n != 1 {
		t.Errorf("%d speaker_id fields; want the matched turn's only", n)
	}
	validateSchema(t, first)
	if err := compileSchemaOf(t, annotate.NativeFormatV1).Validate(decodeInstance(t, first)); err == nil {
		t.Error("the factmark/1 schema accepts a document with turns")
	}
	parsed, err := ParseDocument(first)
	if err != nil {
		t.Fatal(err)
	}
	want := testDocumentV2(t).Articles[0].Article
	got := parsed.Articles[0].Article
	if !reflect.DeepEqual(got.Pages, want.Pages) || !reflect.DeepEqual(got.Turns, want.Turns) || !reflect.DeepEqual(got.Source, want.Source) {
		t.Errorf("read back pages %+v turns %+v source %+v", got.Pages, got.Turns, got.Source)
	}
	if second := writeDoc(t, parsed); !bytes.Equal(first, second) {
		t.Fatalf("write → parse → write changed the bytes:\n%s", firstDiff(first, second))
	}
}

// The factmark/2 golden file pins the new fields' names and order as
// sample.factmark.json pins factmark/1's.
func TestNativeV2Golden(t *testing.T) {
	out := writeDoc(t, testDocumentV2(t))
	golden := filepath.Join("testdata", "sample.factmark2.json")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestNativeV2Golden -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("WriteDocument output differs from %s:\n%s", golden, firstDiff(want, out))
	}
}

// The factmark/2 schema refuses wrong pages, turns and sources where they
// are; the common cases are TestNativeSchemaRejects's.
func TestNativeV2SchemaRejects(t *testing.T) {
	schema := compileSchemaOf(t, annotate.NativeFormat)
	good := writeDoc(t, testDocumentV2(t))
	art := func(v any) map[string]any { return v.(map[string]any)["articles"].([]any)[0].(map[string]any) }
	field := func(v any, list string, i int) map[string]any { return art(v)[list].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		change func(v any)
		at     string
	}{
		{"page 0", func(v any) { field(v, "pages", 0)["number"] = json.Number("0") }, "/articles/0/pages/0/number"},
		{"page without end", func(v any) { delete(field(v, "pages", 1), "end") }, "/articles/0/pages/1"},
		{"turn speaker blank", func(v any) { field(v, "turns", 0)["speaker"] = " " }, "/articles/0/turns/0/speaker"},
		{"turn speaker_id a name", func(v any) { field(v, "turns", 0)["speaker_id"] = "Halvorsen" }, "/articles/0/turns/0/speaker_id"},
		{"turn negative time", func(v any) { field(v, "turns", 0)["time_start"] = json.Number("-1") }, "/articles/0/turns/0/time_start"},
		{"turn unknown field", func(v any) { field(v, "turns", 1)["voice"] = "x" }, "/articles/0/turns/1"},
		{"source without sha256", func(v any) { delete(art(v)["source"].(map[string]any), "sha256") }, "/articles/0/source"},
		{"source type not a media type", func(v any) { art(v)["source"].(map[string]any)["type"] = "pdf" }, "/articles/0/source/type"},
		{"source with bytes", func(v any) { art(v)["source"].(map[string]any)["data"] = "JVBERi0=" }, "/articles/0/source"},
		{"version 1", func(v any) { v.(map[string]any)["format"] = "factmark/1" }, "/format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := decodeInstance(t, good)
			tt.change(v)
			if err := schema.Validate(v); err == nil {
				t.Fatal("schema accepted the broken document")
			}
		})
	}
}

// ParseDocument reads factmark/2's fields and refuses them where they are
// wrong, naming the place; a factmark/1 document may not have them.
func TestParseDocumentV2Errors(t *testing.T) {
	good := string(writeDoc(t, testDocumentV2(t)))
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q not in the document", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"turns in factmark/1", replace(`"format": "factmark/2"`, `"format": "factmark/1"`), `articles[0].pages: a factmark/1 document has no pages`},
		{"turn of an unknown speaker", replace(spHalvorsen+`",
          "start"`, spHalvorsen[:35]+`f",
          "start"`), "articles[0].turns[0].speaker_id: no speaker"},
		{"turn past the text", func() string {
			d := testDocumentV2(t)
			d.Articles[0].Turns[1].End = 99999
			return string(writeDoc(t, d))
		}(), "articles[0].turns: [1]: span"},
		{"source hash upper case", replace(`"sha256": "`+annotate.FileHash([]byte("%PDF-1.7 sample")), `"sha256": "`+strings.ToUpper(annotate.FileHash([]byte("%PDF-1.7 sample")))), "articles[0].source.sha256"},
		{"unknown field in a turn", replace(`"speaker": "Reporter",`, `"speaker": "Reporter", "voice": "x",`), `unknown field "voice"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDocument([]byte(tt.doc))
			if err == nil || annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDocument = %v; want EINVALID with %q", err, tt.want)
			}
		})
	}
}

// The other exporters do not carry pages, turns or sources, and a document
// with them writes as one without.
func TestExportFormatsIgnoreProvenance(t *testing.T) {
	for _, f := range ExportFormats {
		if f == FormatNative {
			continue
		}
		var with, without bytes.Buffer
		if err := WriteFormat(&with, f, testDocumentV2(t), "Desk"); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if err := WriteFormat(&without, f, testDocument(t), "Desk"); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if !bytes.Equal(with.Bytes(), without.Bytes()) {
			t.Errorf("%s: a document with turns writes other bytes:\n%s", f, firstDiff(without.Bytes(), with.Bytes()))
		}
	}
}
