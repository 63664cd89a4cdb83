package annotate

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestCheckLine(t *testing.T) {
	tests := []struct {
		s         string
		line, txt string // the error's start for CheckLine and CheckText; "" for none
	}{
		{"Brennport Ledger", "", ""},
		{"tab\tinside", "", ""},
		{"Zoë Åberg — “quoted”", "", ""},
		{"two\nlines", "f: has the control character U+000A (LF) at character 4", ""},
		{"red \x1b[31m", "f: has the control character U+001B (ESC) at character 5 of \"red \\x1b[31m\"", "f: has the control character U+001B (ESC)"},
		{"bell\a", "f: has the control character U+0007 (BEL)", "f: has the control character U+0007 (BEL)"},
		{"cr\r", "f: has the control character U+000D (CR)", "f: has the control character U+000D (CR)"},
		{"del\x7f", "f: has the control character U+007F (DEL)", "f: has the control character U+007F (DEL)"},
		{"csi\u009b2J", "f: has the control character U+009B (CSI)", "f: has the control character U+009B (CSI)"},
		{"nel\u0085", "f: has the control character U+0085 (NEL)", "f: has the control character U+0085 (NEL)"},
		{"bad \xff", "f: is not valid UTF-8 (bad byte at byte 4)", "f: is not valid UTF-8"},
	}
	for _, tt := range tests {
		checkInvalid(t, CheckLine("f", tt.s), tt.line)
		checkInvalid(t, CheckText("f", tt.s), tt.txt)
	}
}

func TestArticleMetaValidate(t *testing.T) {
	tests := []struct {
		meta ArticleMeta
		want string
	}{
		{ArticleMeta{Title: "A title", URL: "https://x.example/a", Outlet: "Ledger", Authors: []string{"A", "B"}, Published: "2026-03-04", Language: "en"}, ""},
		{ArticleMeta{Title: "\x1b]0;owned\a"}, "title: has the control character U+001B (ESC)"},
		{ArticleMeta{Title: "one\ntwo"}, "title: has the control character U+000A (LF)"},
		{ArticleMeta{Outlet: "Ledger\a"}, "outlet: has the control character U+0007 (BEL)"},
		{ArticleMeta{Authors: []string{"A", "B\u009b"}}, "authors[1]: has the control character U+009B (CSI)"},
		{ArticleMeta{URL: "https://x.example/\x1b"}, "url: has the control character U+001B"},
		{ArticleMeta{URL: "ftp://x.example/"}, "url: \"ftp://x.example/\" is not an http(s) URL"},
		{ArticleMeta{Published: "2026-03-04\x1b"}, "published: has the control character U+001B"},
		{ArticleMeta{Published: "March"}, "published: \"March\" is not a date"},
		{ArticleMeta{Language: "en\x00"}, "language: has the control character U+0000 (NUL)"},
	}
	for _, tt := range tests {
		checkInvalid(t, tt.meta.Validate(), tt.want)
		if tt.want != "" {
			_, err := NewArticle([]byte("A text.\n"), tt.meta, importNow)
			checkInvalid(t, err, tt.want)
		}
	}
}

func TestArticleTextControls(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"Title\n\tIndented,\fform feed\vand vertical tab.\r\n", ""},
		{"Fran\u00c3\u0083\u00c2\u00a7ois, mis-decoded as in PolNeAR.\n", ""}, // C1 kept
		{"Title\nab\x1b[2Jcd\n", "the text has the control character U+001B (ESC) at line 2, column 3 (byte 8)"},
		{"Title\n\x7f\n", "the text has the control character U+007F (DEL) at line 2, column 1 (byte 6)"},
		{"Ti€\a\n", "the text has the control character U+0007 (BEL) at line 1, column 4 (byte 5)"},
	}
	pad := strings.Repeat("Long enough not to look binary. ", 10)
	for _, tt := range tests {
		_, err := NormalizeText([]byte(tt.raw + pad))
		checkInvalid(t, err, tt.want)
	}
	a, err := NewArticle([]byte("\u0085Fran\u009bçois\tsaid\n"), ArticleMeta{}, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "François said" {
		t.Errorf("title = %q, want the first line without its control characters", a.Title)
	}
	bad := *a
	bad.Text = "ab\x1bcd"
	bad.SHA256 = TextHash(bad.Text)
	checkInvalid(t, bad.Validate(), "text: has the control character U+001B (ESC) at line 1, column 3 (byte 2)")
}

// TestImportRefusesControls gives every importer a control character in
// a field it reads: each refuses it, naming where.
func TestImportRefusesControls(t *testing.T) {
	native := func(edit func(d *Document)) []byte {
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
		edit func(d *Document)
		want string
	}{
		{"title", func(d *Document) { d.Articles[0].Title = "Tram\x1b[31m" }, "articles[0].title: has the control character U+001B (ESC)"},
		{"outlet", func(d *Document) { d.Articles[0].Outlet = "Ledger\a" }, "articles[0].outlet: has the control character U+0007 (BEL)"},
		{"author", func(d *Document) { d.Articles[0].Authors = []string{"Ann\u009b"} }, "articles[0].authors[0]: has the control character U+009B"},
		{"url", func(d *Document) { d.Articles[0].URL = "https://x.example/\x1b" }, "articles[0].url: has the control character"},
		{"date", func(d *Document) { d.Articles[0].Published = "2026\x1b" }, "articles[0].published: has the control character"},
		{"speaker", func(d *Document) { d.Speakers[0].Name = "Zoë\x1b]0;x\a" }, "speakers[2].name: has the control character U+001B"},
		{"alias", func(d *Document) { d.Speakers[1].Aliases = []string{"ok", "bad\n"} }, "speakers[1].aliases[1]: has the control character U+000A"},
		{"role", func(d *Document) { d.Speakers[0].Role = "\x7f" }, "speakers[2].role: has the control character U+007F"},
		{"annotator", func(d *Document) { d.Articles[0].Claims[0].Author = "me\x1b" }, "articles[0].claims[2].author: has the control character"},
		{"tag", func(d *Document) { d.Articles[0].Claims[0].Tags = []string{"x\x1b"} }, "articles[0].claims[2].tags[0]: has the control character"},
		{"rationale", func(d *Document) { d.Articles[0].Notes[0].Rationale = "ok\nbut\x1b" }, "articles[0].notes[1].rationale: has the control character U+001B"},
		{"evidence", func(d *Document) { d.Articles[0].Notes[0].Sources[0].Title = "t\x1b" }, "articles[0].notes[1].sources[0].title: has the control character"},
		{"scale", func(d *Document) { d.Scale.Verdicts[0].Label = "True\x1b" }, "scale.verdicts[0].label: has the control character"},
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
	_, err := ParseW3C([]byte(`{"type": "Annotation", "creator": {"name": "Eve\u001b[2J"}, `+target+`}`), d.Lookup(), d.Scale, importNow)
	checkInvalid(t, err, "the annotation: author: has the control character U+001B")
	_, err = ParseW3C([]byte(`{"type": "Annotation", "motivation": "highlighting",
	  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}, {"type": "TextualBody", "purpose": "identifying", "value": "Ortiz\u0007"}], `+target+`}`), d.Lookup(), d.Scale, importNow)
	checkInvalid(t, err, "body: has the control character U+0007 (BEL)")

	cr := `[{"@type": "ClaimReview", "claimReviewed": "Kanalgade bus terminal", "reviewRating": {"alternateName": "False"},
	  "itemReviewed": {"author": {"name": "Ortiz\u009b"}, "appearance": {"url": "` + src + `"}}}]`
	_, err = ParseClaimReview([]byte(cr), d.Lookup(), d.Scale, importNow)
	checkInvalid(t, err, "[0].itemReviewed.author: has the control character U+009B (CSI)")

	text := NewText(d.Articles[0].Text)
	kan := anchorIn(t, text, "", "Kanalgade bus terminal")
	var cb bytes.Buffer
	w := csv.NewWriter(&cb)
	w.Write(csvColumns)
	cells := map[string]string{"article_sha256": d.Articles[0].SHA256, "kind": "claim", "start": itoa(kan.Start), "end": itoa(kan.End), "quote": kan.Exact, "speaker": "Ortiz\x1b"}
	row := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		row[i] = cells[c]
	}
	w.Write(row)
	w.Flush()
	_, err = ParseCSV(cb.Bytes(), d.Lookup(), d.Scale, importNow)
	checkInvalid(t, err, "line 2: speaker: has the control character U+001B")

	ann := "T1\tClaim " + itoa(kan.Start) + " " + itoa(kan.End) + "\tKanalgade bus terminal\n#1\tAnnotatorNotes T1\tspeaker=Ortiz\x1b[0m\n"
	_, err = ParseBrat(text, d.Articles[0].ID, []byte(ann), importNow)
	checkInvalid(t, err, "line 1: T1: speaker note: has the control character U+001B")

	_, err = ParseImport(FormatBrat, ImportInput{Name: "a.ann", Data: []byte(ann), ReadFile: fakeFiles(map[string][]byte{"a.txt": []byte(d.Articles[0].Text)}),
		Meta: ArticleMeta{Title: "T\x1b"}, Scale: d.Scale, Now: importNow})
	checkInvalid(t, err, "title: has the control character")
	if err != nil && strings.ContainsRune(err.Error(), 0x1b) {
		t.Errorf("the error %q holds the control character itself", err)
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		s    Settings
		want string
	}{
		{Settings{Annotator: "Zoë", Organization: "Brennport Fact Desk", Scale: DefaultScale()}, ""},
		{Settings{Annotator: "Zoë\x1b[5m", Scale: DefaultScale()}, "annotator: has the control character U+001B"},
		{Settings{Organization: "Desk\n", Scale: DefaultScale()}, "organization: has the control character U+000A"},
		{Settings{}, "scale.name: is empty"},
		{Settings{OrganizationURL: "https://desk.example/about", Theme: "dark", TextSize: 18, Scale: DefaultScale()}, ""},
		{Settings{OrganizationURL: "desk.example", Scale: DefaultScale()}, "organization_url: \"desk.example\" is not an http(s) URL"},
		{Settings{Theme: "blue", Scale: DefaultScale()}, "theme: \"blue\" is not light, dark or empty (follow the system)"},
		{Settings{TextSize: 4, Scale: DefaultScale()}, "text_size: 4 is not between 9 and 40"},
	}
	for _, tt := range tests {
		checkInvalid(t, tt.s.Validate(), tt.want)
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
	im, err := ParseW3C([]byte(data), d.Lookup(), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if n := im.Doc.Articles[0].Notes[0]; n.Rationale != "first\nsecond" {
		t.Errorf("rationale = %q", n.Rationale)
	}
}
