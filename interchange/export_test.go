package interchange

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// exportProject is a fake project holding the ClaimReview tests' document:
// one article with attributions, claims and notes, two of them reviews.
func exportProject(t *testing.T) *fakeStore {
	return &fakeStore{exports: crTestDocument(t), settings: annotate.Settings{Organization: "Desk & Co", OrganizationURL: "https://desk.example/"}}
}

// TestExportFormatIsWriteFormat: each single-file export holds the bytes
// WriteFormatBy writes, with the project's organisation, and says what it
// holds.
func TestExportFormatIsWriteFormat(t *testing.T) {
	s := exportProject(t)
	d := crTestDocument(t)
	tests := []struct {
		f       Format
		count   int
		summary string
	}{
		{FormatNative, d.Count(), "exported 9 annotations of 1 article as Factmark JSON to out"},
		{FormatW3C, d.Count(), "exported 9 annotations of 1 article as W3C Web Annotation to out"},
		{FormatCSV, d.Count(), "exported 9 annotations of 1 article as CSV to out"},
		{FormatClaimReview, 2, "exported 2 ClaimReview reviews of 1 article to out"},
	}
	for _, tt := range tests {
		t.Run(string(tt.f), func(t *testing.T) {
			ex, err := ExportFormat(context.Background(), s.store(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := WriteFormatBy(&want, tt.f, crTestDocument(t), Organization{Name: "Desk & Co", URL: "https://desk.example/"}); err != nil {
				t.Fatal(err)
			}
			if len(ex.Files) != 1 || ex.Files[0].Name != "" || !bytes.Equal(ex.Files[0].Data, want.Bytes()) || ex.Folder {
				t.Errorf("files %d, folder %v; bytes equal WriteFormatBy's: %v", len(ex.Files), ex.Folder, bytes.Equal(ex.Files[0].Data, want.Bytes()))
			}
			if ex.Count() != tt.count || ex.Summary("out") != tt.summary {
				t.Errorf("Count %d, Summary %q; want %d, %q", ex.Count(), ex.Summary("out"), tt.count, tt.summary)
			}
			if p := ex.Paths("/tmp/x.out"); len(p) != 1 || p[0] != "/tmp/x.out" {
				t.Errorf("Paths = %q", p)
			}
		})
	}
	if d.Count() != 9 {
		t.Fatalf("the test document has %d annotations; the summaries above say 9", d.Count())
	}
}

func TestExportErrors(t *testing.T) {
	s := exportProject(t)
	if _, err := ExportFormat(context.Background(), s.store(), FormatCSV, "no-such-article"); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("unknown article: %v", err)
	}
	if _, err := ExportBratFolder(context.Background(), s.store(), "no-such-article"); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("brat, unknown article: %v", err)
	}
	empty := &fakeStore{exports: &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale()}}
	if _, err := ExportFormat(context.Background(), empty.store(), FormatBrat); err == nil || !strings.Contains(err.Error(), "no article to export") {
		t.Errorf("one brat file of no article: %v", err)
	}
}

// TestExportBratFolder writes the folder through the caller's write, and
// the files read back as brat.
func TestExportBratFolder(t *testing.T) {
	s := exportProject(t)
	d := crTestDocument(t)
	ex, err := ExportBratFolder(context.Background(), s.store())
	if err != nil {
		t.Fatal(err)
	}
	name := BratName(&d.Articles[0].Article)
	if !ex.Folder || len(ex.Files) != 2 || ex.Files[0].Name != name+".txt" || ex.Files[1].Name != name+".ann" || string(ex.Files[0].Data) != d.Articles[0].Text {
		t.Fatalf("files %+v", ex.Files)
	}
	a := &d.Articles[0]
	spans := len(a.Attributions) + len(a.Claims)
	want := "exported 1 article (2 files), " + howMany(spans, "annotation") + " as brat to dir; " + howMany(len(a.Notes), "note") + " left out (brat has no notes)"
	if ex.Count() != spans || ex.Summary("dir") != want {
		t.Errorf("Count %d, Summary %q; want %d, %q", ex.Count(), ex.Summary("dir"), spans, want)
	}
	dir := t.TempDir()
	if err := ex.Write(dir, func(p string, data []byte) error { return os.WriteFile(p, data, 0o600) }); err != nil {
		t.Fatal(err)
	}
	ann, err := os.ReadFile(filepath.Join(dir, name+".ann"))
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := ParseBratText([]byte(a.Text), a.ID, ann, bratNow)
	if err != nil || len(b.Attributions)+len(b.Claims) != spans {
		t.Errorf("read back: %v", err)
	}
	// The first error stops the writing.
	calls := 0
	err = ex.Write(dir, func(string, []byte) error { calls++; return errors.New("disk full") })
	if err == nil || calls != 1 {
		t.Errorf("Write after a failure: %v, %d calls", err, calls)
	}
}

// TestBratNamesNeverShared: two articles whose names differ only in case
// would be one file on some file systems; the export is refused before any
// file is made.
func TestBratNamesNeverShared(t *testing.T) {
	doc := &annotate.Document{Articles: []annotate.ArticleDoc{{Article: annotate.Article{ID: "a1", Title: "One"}},
		{Article: annotate.Article{ID: "b2", Title: "Two"}}, {Article: annotate.Article{ID: "c3", Title: "one"}}}}
	byTitle := func(a *annotate.Article) string { return a.Title }
	_, err := bratFolder(doc, byTitle)
	if annotate.ErrorCode(err) != annotate.ECONFLICT || !strings.Contains(err.Error(), "articles a1 and c3 would both be exported as one.txt") {
		t.Errorf("bratFolder = %v", err)
	}
	doc.Articles = doc.Articles[:2]
	files, err := bratFolder(doc, byTitle)
	if err != nil || len(files) != 4 || files[0].Name != "One.txt" || files[3].Name != "Two.ann" {
		t.Errorf("bratFolder = %+v, %v", files, err)
	}
}

func TestHowMany(t *testing.T) {
	for n, want := range map[int]string{0: "0 notes", 1: "1 note", 2: "2 notes"} {
		if got := howMany(n, "note"); got != want {
			t.Errorf("howMany(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestHowManyGroupsThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0 articles", 1: "1 article", 999: "999 articles", 1000: "1,000 articles",
		10000: "10,000 articles", 1000000: "1,000,000 articles", 1234567: "1,234,567 articles"} {
		if got := howMany(n, "article"); got != want {
			t.Errorf("howMany(%d) = %q, want %q", n, got, want)
		}
	}
}
