package interchange

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestDetectFormat(t *testing.T) {
	d := testDocument(t)
	var native, w3c, cr, csvData, brat bytes.Buffer
	if err := WriteDocument(&native, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteW3C(&w3c, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteClaimReview(&cr, d, "Desk"); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&csvData, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteBrat(&brat, &d.Articles[0], d.Speakers); err != nil {
		t.Fatal(err)
	}
	items, _ := W3CAnnotations(d)
	tests := []struct {
		name, data string
		want       Format
	}{
		{"export.json", native.String(), FormatNative},
		{"report.pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", FormatPDF},
		{"no-extension", "%PDF-1.7\n", FormatPDF},
		{"page.html", "<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>", FormatHTML},
		{"saved", "<!doctype html>\n<html lang=en><body><article><p>Text.</p></article></body></html>", FormatHTML},
		{"notes.txt", "The council met.\n<b>not a page</b>", FormatText},
		{"export", "\uFEFF  " + native.String(), FormatNative},
		{"broken.json", `{"format": "factmark/1", "articles": [`, FormatNative},
		{"wrongtype.json", `{"format": "factmark/1", "articles": 3}`, FormatNative},
		{"other.json", `{"name": "something else"}`, FormatNative},
		{"not-json.json", `hello`, FormatNative},
		{"annotations.jsonld", w3c.String(), FormatW3C},
		{"one.json", string(items[0]), FormatW3C},
		{"list.json", "[" + string(items[0]) + "," + string(items[1]) + "]", FormatW3C},
		{"empty.json", "[]", FormatW3C},
		{"page.json", `{"type": "AnnotationPage", "items": []}`, FormatW3C},
		{"hypothesis.json", `{"@context": ["http://www.w3.org/ns/anno.jsonld", {"x": "y"}], "type": "Annotation"}`, FormatW3C},
		{"reviews.jsonld", cr.String(), FormatClaimReview},
		{"review.json", `{"@context": "https://schema.org/", "@type": "ClaimReview"}`, FormatClaimReview},
		{"reviews.json", `[{"@type": "ClaimReview", "claimReviewed": "x"}]`, FormatClaimReview},
		{"graph.json", `{"@graph": [{"@type": "ClaimReview"}]}`, FormatClaimReview},
		{"export.csv", csvData.String(), FormatCSV},
		{"export.txt", csvData.String(), FormatCSV},
		{"other.csv", "a,b\n1,2\n", FormatCSV},
		{"gold.ann", brat.String(), FormatBrat},
		{"gold", brat.String(), FormatBrat},
		{"empty.ann", "", FormatBrat},
		{"notes.ann", "#1\tAnnotatorNotes T1\tx\n", FormatBrat},
		{"article.txt", "The minister said so.\n", FormatText},
		{"article.md", "# Title\n\nT1 is a tab-less line.\n", FormatText},
		{"tabbed.txt", "Tea\tand biscuits\n", FormatText},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("DetectFormat(%q, %.40q) = %s, want %s", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestFormatNames(t *testing.T) {
	for _, f := range ExportFormats {
		if got, ok := ParseFormat(string(f)); !ok || got != f || f.Label() == string(f) || f.Ext() == "" {
			t.Errorf("format %q: ParseFormat %q %v, label %q, ext %q", f, got, ok, f.Label(), f.Ext())
		}
	}
	if _, ok := ParseFormat("yaml"); ok {
		t.Error("ParseFormat accepts yaml")
	}
}

// fakeFiles reads files from a map, as ImportInput.ReadFile.
func fakeFiles(files map[string][]byte) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) {
		if data, ok := files[filepath.ToSlash(filepath.Clean(path))]; ok {
			return data, nil
		}
		return nil, fs.ErrNotExist
	}
}

func TestParseImportBrat(t *testing.T) {
	d := testDocument(t)
	var ann bytes.Buffer
	if err := WriteBrat(&ann, &d.Articles[0], d.Speakers); err != nil {
		t.Fatal(err)
	}
	text := []byte(d.Articles[0].Text)
	tests := []struct {
		name  string
		files map[string][]byte
		want  string // error, or "" for success
	}{
		{"corpus/attributions/a_4e07.ann", map[string][]byte{"corpus/text/a.txt": text}, ""},
		{"seed/article.ann", map[string][]byte{"seed/article.txt": text}, ""},
		{"seed/article.ann", map[string][]byte{}, "the article's text is not beside the brat file (looked for seed/article.txt)"},
		{"corpus/a_4e07.ann", map[string][]byte{"corpus/a.txt": text}, ""}, // one annotator's file, the text beside it
		{"corpus/attributions/a_4e07.ann", map[string][]byte{},
			"the article's text is not beside the brat file (looked for corpus/attributions/a_4e07.txt, corpus/attributions/a.txt and corpus/text/a.txt)"},
		{"seed/article.ann", map[string][]byte{"seed/article.txt": []byte("\x00\x01")}, "the text beside it: binary content"},
	}
	for _, tt := range tests {
		im, err := ParseImport(FormatBrat, ImportInput{Name: tt.name, Data: ann.Bytes(), ReadFile: fakeFiles(tt.files), Scale: annotate.DefaultScale(), Now: importNow})
		if tt.want != "" {
			checkInvalid(t, err, tt.want)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if im.Format != FormatBrat || im.Count() != 6 || im.Doc.Articles[0].Title != d.Articles[0].Title || !im.Doc.Scale.Has("Mostly true") {
			t.Errorf("%s: %d annotations in %q", tt.name, im.Count(), im.Doc.Articles[0].Title)
		}
	}
	if _, err := ParseImport(FormatBrat, ImportInput{Name: "x.ann", Data: ann.Bytes()}); err == nil || !strings.Contains(err.Error(), "cannot be read here") {
		t.Errorf("brat without ReadFile: %v", err)
	}
	if _, err := ParseImport(FormatText, ImportInput{Data: text}); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("ParseImport of a text: %v", err)
	}
}

func TestParseImportDispatches(t *testing.T) {
	d := testDocument(t)
	var native, w3c, cr, csvData bytes.Buffer
	WriteDocument(&native, d)
	WriteW3C(&w3c, d)
	WriteClaimReview(&cr, d, "")
	WriteCSV(&csvData, d)
	for _, data := range [][]byte{native.Bytes(), w3c.Bytes(), cr.Bytes(), csvData.Bytes()} {
		f := DetectFormat("", data)
		im, err := ParseImport(f, ImportInput{Data: data, Lookup: DocumentLookup(d), Scale: d.Scale})
		if err != nil || im.Format != f || im.Count() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// No lookup: every annotation is an orphan, honestly reported.
	im, err := ParseImport(FormatW3C, ImportInput{Data: w3c.Bytes(), Scale: d.Scale})
	if err != nil || im.Count() != 0 || len(im.Orphans) != d.Count() || !strings.Contains(im.Orphans[0], "cannot be looked up") {
		t.Errorf("W3C without lookup: %v, %d orphans", err, len(im.Orphans))
	}
	lookupFails := func(string) (*annotate.Article, error) { return nil, errors.New("disk on fire") }
	im, err = ParseImport(FormatCSV, ImportInput{Data: csvData.Bytes(), Lookup: lookupFails, Scale: d.Scale})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("CSV with a failing lookup: %v, %v", im, err)
	}
}
