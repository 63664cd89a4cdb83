package interchange

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestImportRefusesControls gives every importer a control character in
// a field it reads: each refuses it, naming where.
func TestImportRefusesControls(t *testing.T) {
	native := func(edit func(d *annotate.Document)) []byte {
		d := testDocument(t)
		edit(d)
		var b bytes.Buffer
		if err := WriteDocument(&b, d); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	nativeTests := []struct {
		name string
		edit func(d *annotate.Document)
		want string
	}{
		{"title", func(d *annotate.Document) { d.Articles[0].Title = "Tram\x1b[31m" }, "articles[0].title: has the control character U+001B (ESC)"},
		{"outlet", func(d *annotate.Document) { d.Articles[0].Outlet = "Ledger\a" }, "articles[0].outlet: has the control character U+0007 (BEL)"},
		{"author", func(d *annotate.Document) { d.Articles[0].Authors = []string{"Ann\u009b"} }, "articles[0].authors[0]: has the control character U+009B"},
		{"url", func(d *annotate.Document) { d.Articles[0].URL = "https://x.example/\x1b" }, "articles[0].url: has the control character"},
		{"date", func(d *annotate.Document) { d.Articles[0].Published = "2026\x1b" }, "articles[0].published: has the control character"},
		{"speaker", func(d *annotate.Document) { d.Speakers[0].Name = "Zoë\x1b]0;x\a" }, "speakers[2].name: has the control character U+001B"},
		{"alias", func(d *annotate.Document) { d.Speakers[1].Aliases = []string{"ok", "bad\n"} }, "speakers[1].aliases[1]: has the control character U+000A"},
		{"role", func(d *annotate.Document) { d.Speakers[0].Role = "\x7f" }, "speakers[2].role: has the control character U+007F"},
		{"annotator", func(d *annotate.Document) { d.Articles[0].Claims[0].Author = "me\x1b" }, "articles[0].claims[2].author: has the control character"},
		{"tag", func(d *annotate.Document) { d.Articles[0].Claims[0].Tags = []string{"x\x1b"} }, "articles[0].claims[2].tags[0]: has the control character"},
		{"rationale", func(d *annotate.Document) { d.Articles[0].Notes[0].Rationale = "ok\nbut\x1b" }, "articles[0].notes[1].rationale: has the control character U+001B"},
		{"evidence", func(d *annotate.Document) { d.Articles[0].Notes[0].Sources[0].Title = "t\x1b" }, "articles[0].notes[1].sources[0].title: has the control character"},
		{"scale", func(d *annotate.Document) { d.Scale.Verdicts[0].Label = "True\x1b" }, "scale.verdicts[0].label: has the control character"},
	}
	// Sorting moves the annotations and speakers edited: the paths are
	// those of the document as read.
	for _, tt := range nativeTests {
		_, err := ParseDocument(native(tt.edit))
		t.Run("native "+tt.name, func(t *testing.T) { checkInvalid(t, err, tt.want) })
	}

	d := testDocument(t)
	src := TextSource(d.Articles[0].SHA256)
	target := `"target": {"source": "` + src + `", "selector": {"type": "TextQuoteSelector", "exact": "Kanalgade bus terminal"}}`
	_, err := ParseW3C([]byte(`{"type": "Annotation", "creator": {"name": "Eve\u001b[2J"}, `+target+`}`), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "the annotation: author: has the control character U+001B")
	_, err = ParseW3C([]byte(`{"type": "Annotation", "motivation": "highlighting",
	  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}, {"type": "TextualBody", "purpose": "identifying", "value": "Ortiz\u0007"}], `+target+`}`), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "body: has the control character U+0007 (BEL)")

	cr := `[{"@type": "ClaimReview", "claimReviewed": "Kanalgade bus terminal", "reviewRating": {"alternateName": "False"},
	  "itemReviewed": {"author": {"name": "Ortiz\u009b"}, "appearance": {"url": "` + src + `"}}}]`
	_, err = ParseClaimReview([]byte(cr), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "[0].itemReviewed.author: has the control character U+009B (CSI)")

	text := annotate.NewText(d.Articles[0].Text)
	kan := anchorIn(t, text, "", "Kanalgade bus terminal")
	var cb bytes.Buffer
	w := csv.NewWriter(&cb)
	w.Write(csvColumns)
	cells := map[string]string{"article_sha256": d.Articles[0].SHA256, "kind": "claim", "start": strconv.Itoa(kan.Start), "end": strconv.Itoa(kan.End), "quote": kan.Exact, "speaker": "Ortiz\x1b"}
	row := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		row[i] = cells[c]
	}
	w.Write(row)
	w.Flush()
	_, err = ParseCSV(cb.Bytes(), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "line 2: speaker: has the control character U+001B")

	ann := "T1\tClaim " + strconv.Itoa(kan.Start) + " " + strconv.Itoa(kan.End) + "\tKanalgade bus terminal\n#1\tAnnotatorNotes T1\tspeaker=Ortiz\x1b[0m\n"
	_, err = ParseBrat(text, d.Articles[0].ID, []byte(ann), importNow)
	checkInvalid(t, err, "line 1: T1: speaker note: has the control character U+001B")

	_, err = ParseImport(FormatBrat, ImportInput{Name: "a.ann", Data: []byte(ann), ReadFile: fakeFiles(map[string][]byte{"a.txt": []byte(d.Articles[0].Text)}),
		Meta: annotate.ArticleMeta{Title: "T\x1b"}, Scale: d.Scale, Now: importNow})
	checkInvalid(t, err, "title: has the control character")
	if err != nil && strings.ContainsRune(err.Error(), 0x1b) {
		t.Errorf("the error %q holds the control character itself", err)
	}
}

// TestImportNoteLineEnds reads a rationale and an excerpt with CRLF line
// ends, as Windows tools write them: they are kept with '\n'.
func TestImportNoteLineEnds(t *testing.T) {
	d := testDocument(t)
	src := TextSource(d.Articles[0].SHA256)
	data := `{"type": "Annotation", "motivation": "commenting",
	  "body": [{"type": "TextualBody", "value": "first\r\nsecond"}],
	  "target": {"source": "` + src + `", "selector": {"type": "TextQuoteSelector", "exact": "Kanalgade bus terminal"}}}`
	im, err := ParseW3C([]byte(data), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if n := im.Doc.Articles[0].Notes[0]; n.Rationale != "first\nsecond" {
		t.Errorf("rationale = %q", n.Rationale)
	}
}
