package annotate

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/internal/testcorpus"
)

var testNow = time.Date(2026, 3, 4, 9, 30, 0, 0, time.FixedZone("CET", 3600))

func TestNewArticle(t *testing.T) {
	raw := []byte("\uFEFF# Council approves “tram” — 2026\r\n\r\nThe council voted caf\u0065\u0301 27 to 18.\r\n")
	a, err := NewArticle(raw, ArticleMeta{
		URL:       " https://example.org/news/tram ",
		Outlet:    "The Ledger",
		Authors:   []string{"A. Writer"},
		Published: "2026-03-03",
	}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	wantText := "# Council approves “tram” — 2026\n\nThe council voted café 27 to 18.\n"
	checks := []struct{ field, got, want string }{
		{"Title", a.Title, "Council approves “tram” — 2026"},
		{"Text", a.Text, wantText},
		{"SHA256", a.SHA256, TextHash(wantText)},
		{"URL", a.URL, "https://example.org/news/tram"},
		{"Outlet", a.Outlet, "The Ledger"},
		{"Published", a.Published, "2026-03-03"},
		{"Language", a.Language, "en"},
		{"ImportedAt", a.ImportedAt.String(), "2026-03-04 08:30:00 +0000 UTC"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !validID(a.ID) {
		t.Errorf("ID %q is not a UUID", a.ID)
	}
	b, err := NewArticle(raw, ArticleMeta{}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if b.ID == a.ID {
		t.Error("two imports got the same ID")
	}
	if b.SHA256 != a.SHA256 {
		t.Error("the same text hashed differently")
	}
}

func TestTitleFromText(t *testing.T) {
	long := strings.Repeat("é", 250)
	tests := []struct {
		name, text, want string
	}{
		{"first line", "Headline\nBody", "Headline"},
		{"markdown heading", "# Headline\nBody", "Headline"},
		{"deeper heading", "### Headline ###\nBody", "Headline ###"},
		{"blank lines first", "\n\n   \n  Headline  \nBody", "Headline"},
		{"heading marks only, then text", "#\n##\nHeadline", "Headline"},
		{"cut to 200 code points", long + "\nBody", strings.Repeat("é", 199) + "…"},
		{"exactly 200 kept", strings.Repeat("é", 200), strings.Repeat("é", 200)},
		{"nothing usable", "\n#\n", "Untitled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TitleFromText(tt.text)
			if got != tt.want {
				t.Errorf("TitleFromText(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > 200 {
				t.Errorf("title has %d code points", n)
			}
		})
	}
}

func TestNewArticleTitleGiven(t *testing.T) {
	a, err := NewArticle([]byte("# From the text\nBody"), ArticleMeta{Title: "  Given title  ", Language: "fr"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Given title" || a.Language != "fr" {
		t.Errorf("Title, Language = %q, %q; want %q, %q", a.Title, a.Language, "Given title", "fr")
	}
}

func TestNewArticleErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		meta ArticleMeta
		want string // message prefix
	}{
		{"ftp URL", "Text", ArticleMeta{URL: "ftp://example.org/a"}, `url: "ftp://example.org/a" is not an http(s) URL`},
		{"no scheme", "Text", ArticleMeta{URL: "example.org/a"}, `url: "example.org/a" is not an http(s) URL`},
		{"no host", "Text", ArticleMeta{URL: "https:///path"}, `url: "https:///path" is not an http(s) URL`},
		{"bad month", "Text", ArticleMeta{Published: "2026-13-01"}, `published: "2026-13-01" is not a date (YYYY-MM-DD)`},
		{"US date", "Text", ArticleMeta{Published: "03/04/2026"}, `published: "03/04/2026" is not a date (YYYY-MM-DD)`},
		{"date with time", "Text", ArticleMeta{Published: "2026-03-04T10:00:00Z"}, `published: "2026-03-04T10:00:00Z" is not a date`},
		{"empty text", "  \n", ArticleMeta{}, "text is empty"},
		{"binary text", "PK\x03\x04\x00\x00", ArticleMeta{}, "binary content, not text: NUL byte at byte 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewArticle([]byte(tt.raw), tt.meta, testNow)
			if err == nil {
				t.Fatal("NewArticle succeeded")
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %q, want %q", ErrorCode(err), EINVALID)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to start with %q", err, tt.want)
			}
		})
	}
}

func TestArticleValidate(t *testing.T) {
	good, err := NewArticle([]byte("Headline\nBody “quoted”."), ArticleMeta{}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(a *Article)
		want   string
	}{
		{"good", func(a *Article) {}, ""},
		{"bad id", func(a *Article) { a.ID = "42" }, `id: "42" is not a UUID`},
		{"uuid without hyphens", func(a *Article) { a.ID = strings.ReplaceAll(a.ID, "-", "") }, "id: "},
		{"blank title", func(a *Article) { a.Title = " \t" }, "title: is empty"},
		{"CRLF text", func(a *Article) { a.Text = "a\r\nb"; a.SHA256 = TextHash(a.Text) }, "text: is not normalised"},
		{"decomposed text", func(a *Article) { a.Text = "cafe\u0301"; a.SHA256 = TextHash(a.Text) }, "text: is not normalised"},
		{"empty text", func(a *Article) { a.Text = ""; a.SHA256 = TextHash(a.Text) }, "text: is empty"},
		{"sha256 of another text", func(a *Article) { a.SHA256 = TextHash("other") }, "sha256: does not match the text"},
		{"upper-case sha256", func(a *Article) { a.SHA256 = strings.ToUpper(a.SHA256) }, "sha256: does not match the text"},
		{"bad url", func(a *Article) { a.URL = "javascript:alert(1)" }, "url: "},
		{"bad date", func(a *Article) { a.Published = "2026-02-30" }, `published: "2026-02-30" is not a date`},
		{"no import time", func(a *Article) { a.ImportedAt = time.Time{} }, "imported_at: is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := *good
			tt.change(&a)
			err := a.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate succeeded, want %q", tt.want)
			}
			if ErrorCode(err) != EINVALID || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %s %q, want %s %q…", ErrorCode(err), err, EINVALID, tt.want)
			}
		})
	}
}

func TestArticleSummaryAnnotations(t *testing.T) {
	s := ArticleSummary{Attributions: 28, Claims: 14, Notes: 3}
	if got := s.Annotations(); got != 45 {
		t.Errorf("Annotations = %d, want 45", got)
	}
}

// The seed article is UTF-8, NFC, with '\n' line ends: importing it must keep
// every byte, or the gold annotations' offsets would point elsewhere.
func TestNewArticleSeedKeepsText(t *testing.T) {
	raw := testcorpus.File(t, "corpus", "seed", "article.txt")
	if !IsNormalized(string(raw)) {
		t.Fatal("the seed article is not NFC with \\n line ends; the test's premise is wrong")
	}
	a, err := NewArticle(raw, ArticleMeta{}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != string(raw) {
		t.Fatalf("import changed the seed text: %d bytes in, %d out", len(raw), len(a.Text))
	}
	if a.SHA256 != TextHash(string(raw)) {
		t.Error("SHA256 is not the hash of the file")
	}
	// Code-point offsets as the gold uses them: the text is 5,077 code points
	// and the first curly quote is at 65; every span of the brat gold is a
	// valid anchor whose quote is the gold's text (fragments joined by a space).
	text := NewText(a.Text)
	if text.Len() != 5077 {
		t.Errorf("seed text is %d code points, want 5077", text.Len())
	}
	if got := text.Slice(65, 66); got != "“" {
		t.Errorf("code point 65 is %q, want “", got)
	}
	gold := testcorpus.File(t, "corpus", "seed", "article.ann")
	spans := 0
	for _, line := range strings.Split(string(gold), "\n") {
		if !strings.HasPrefix(line, "T") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("bad gold line %q", line)
		}
		_, ranges, _ := strings.Cut(f[1], " ")
		var quotes []string
		for _, r := range strings.Split(ranges, ";") {
			var start, end int
			if _, err := fmt.Sscanf(r, "%d %d", &start, &end); err != nil {
				t.Fatalf("%s: %v", f[0], err)
			}
			an, err := text.Anchor(start, end)
			if err != nil {
				t.Fatalf("%s: %v", f[0], err)
			}
			quotes = append(quotes, an.Exact)
		}
		if got := strings.Join(quotes, " "); got != f[2] {
			t.Errorf("%s: text at %s is %q, gold says %q", f[0], ranges, got, f[2])
		}
		spans++
	}
	if spans < 100 {
		t.Errorf("only %d gold spans checked", spans)
	}
	if !strings.HasPrefix(a.Title, "President Emmanuel Macron, from France, promised Thursday") {
		t.Errorf("title = %q", a.Title)
	}
}

// A title, outlet or author a file gives decomposed is kept in NFC, as
// the text is, so that a filter typed on a keyboard finds it.
func TestArticleMetaInNFC(t *testing.T) {
	const nfd, nfc = "Pen\u0303a Nieto", "Pe\u00f1a Nieto"
	a, err := NewArticle([]byte("Text.\n"), ArticleMeta{Title: " " + nfd, Outlet: nfd}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != nfc || a.Outlet != nfc {
		t.Errorf("NewArticle kept %+q / %+q, want %+q", a.Title, a.Outlet, nfc)
	}
	m := ArticleMeta{Title: nfd, Outlet: nfd, Authors: []string{nfd, " "}}.Trimmed()
	if m.Title != nfc || m.Outlet != nfc || len(m.Authors) != 1 || m.Authors[0] != nfc {
		t.Errorf("Trimmed = %+q", m)
	}
}
