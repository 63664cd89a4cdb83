package brief

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// TestWithheldNeverAppears writes every format of a document whose
// withheld record (on the claim with a verdict, and on the claim's other
// note) carries withheldMarker in every field: no byte of any brief may
// have it. The PDF is read uncompressed too (UTF-16 in its content
// streams), and through pdftotext when it is installed.
func TestWithheldNeverAppears(t *testing.T) {
	doc := testDocument(t)
	a := &doc.Articles[0]
	withheld := a.Notes[0].Sources[1]
	if !withheld.Withheld || !strings.Contains(withheld.Title, withheldMarker) {
		t.Fatal("the test document's withheld record is not where the test expects it")
	}
	withheld.Archives = []string{"https://web.archive.org/web/2026/https://" + strings.ToLower(withheldMarker) + ".example/"}
	withheld.Snapshot = &annotate.Snapshot{Name: withheldMarker + ".pdf", MediaType: "application/pdf", Size: 9, SHA256: strings.Repeat("9", 64)}
	a.Notes[0].Sources[1] = withheld
	a.Notes[2].Sources = append(a.Notes[2].Sources, withheld) // and on another claim's verdict note
	markers := []string{withheldMarker, strings.ToLower(withheldMarker), strings.Repeat("9", 64)}
	for _, f := range []Format{HTML, Markdown, PDF} {
		data := write(t, doc, f, Options{})
		for _, m := range markers {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(m))) {
				t.Errorf("%s: the withheld record's %q is in the brief", f, m)
			}
		}
		if f == PDF && strings.Contains(strings.ToLower(pdfText(t, data)), strings.ToLower(withheldMarker)) {
			t.Errorf("pdf: the withheld record is in the PDF's text")
		}
	}
	var raw bytes.Buffer
	if err := writePDFCompressed(&raw, newModel(doc, testSettings(), Options{}), false); err != nil {
		t.Fatal(err)
	}
	for _, m := range markers {
		if bytes.Contains(raw.Bytes(), []byte(m)) || bytes.Contains(raw.Bytes(), utf16Escaped(m)) {
			t.Errorf("uncompressed pdf: the withheld record's %q is in it", m)
		}
	}
	if !bytes.Contains(raw.Bytes(), utf16Escaped("Annual accounts 2025")) {
		t.Error("uncompressed pdf: the public source's title is not found either: the search is blind")
	}
}

// TestHostilePDF checks the PDF of the hostile document: it is made, its
// only links are http(s), and its text has the hostile strings as text.
func TestHostilePDF(t *testing.T) {
	doc, s := hostileDocument(t)
	var raw bytes.Buffer
	if err := writePDFCompressed(&raw, newModel(doc, s, Options{}), false); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(raw.Bytes()), []byte("javascript")) {
		t.Errorf("the PDF has a javascript: link or action")
	}
	if n := bytes.Count(raw.Bytes(), []byte("/URI ")); n != 0 {
		t.Errorf("the PDF has %d links; every URL of the hostile document is javascript:", n)
	}
	if !strings.Contains(collapse(contentText(raw.Bytes())), "<img src=x onerror=alert(2)>") {
		t.Error("the hostile text is not shown as text")
	}
}

// TestBadText checks text no valid project holds but a damaged or
// hand-edited document might: invalid UTF-8, control characters, a
// rationale of megabytes, anchors outside the text. Every format is
// written, as valid UTF-8 where it is text, and the PDF is cut short
// rather than thousands of pages.
func TestBadText(t *testing.T) {
	doc := testDocument(t)
	a := &doc.Articles[0]
	a.Title = "Bad \xff\xfe title\x00\x1b[31m"
	a.Text = a.Text + "\xff\x01"
	a.Claims[0].Anchors[0].Exact = "broken \xc3( quote\r\nline"
	a.Claims[1].Anchors = append(a.Claims[1].Anchors, annotate.Anchor{Start: 1 << 20, End: 1<<20 + 5, Exact: "gone"})
	big := strings.Repeat("A long rationale sentence, repeated to make megabytes. ", 40_000) // ~2.2 MB
	a.Notes[0].Rationale = big
	for _, f := range []Format{HTML, Markdown, PDF} {
		data := write(t, doc, f, Options{})
		if f != PDF && !utf8.Valid(data) {
			t.Errorf("%s: the brief is not valid UTF-8", f)
		}
		if f != PDF && (bytes.ContainsAny(data, "\x00\x1b\x01") || bytes.Contains(data, []byte("\r"))) {
			t.Errorf("%s: control characters got through", f)
		}
		if f != PDF && !bytes.Contains(data, []byte("Bad \uFFFD title")) {
			t.Errorf("%s: the invalid bytes are not replaced", f)
		}
		if f == PDF && len(data) > 4<<20 {
			t.Errorf("pdf: %d bytes for a cut rationale", len(data))
		}
	}
	pdf := pdfText(t, write(t, doc, PDF, Options{}))
	if !strings.Contains(pdf, "more characters are in the HTML and Markdown briefs") {
		t.Error("the PDF does not say the rationale was cut")
	}
}

func BenchmarkBigRationalePDF(b *testing.B) {
	doc := testDocument(b)
	doc.Articles[0].Notes[0].Rationale = strings.Repeat("A long rationale sentence. ", 80_000)
	for b.Loop() {
		write(b, doc, PDF, Options{})
	}
}
