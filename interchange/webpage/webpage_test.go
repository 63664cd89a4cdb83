package webpage

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestExtractArticle checks the text of a hand-written page: headings, list
// items, the block quote and the caption each a paragraph, a <br> a line
// break, the byline kept where the page has it, and no navigation, share
// links, related stories, comments, footer, screen-reader labels or scripts.
func TestExtractArticle(t *testing.T) {
	got, err := Extract("article.html", readTestdata(t, "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := string(readTestdata(t, "article.txt"))
	if got.Text != want {
		t.Errorf("text:\n%s\n--- want:\n%s", got.Text, want)
	}
	for _, bad := range []string{"Home", "Share on", "More from Local", "comment", "do not show", "inline script", "All rights", "Image caption"} {
		if strings.Contains(got.Text, bad) {
			t.Errorf("text has %q, which is not the article's", bad)
		}
	}
	wantMeta := annotate.ArticleMeta{
		Title:     "Harbour council delays the dredging vote",
		URL:       "https://news.example.org/2024/03/harbour-vote",
		Outlet:    "Example Gazette",
		Authors:   []string{"Ana Pereira", "Tom Okafor"},
		Published: "2024-03-05",
		Language:  "en-GB",
	}
	if !reflect.DeepEqual(got.Meta, wantMeta) {
		t.Errorf("meta = %+v\nwant %+v", got.Meta, wantMeta)
	}
	if err := got.Check(); err != nil {
		t.Error(err)
	}
}

// TestExtractCharsets reads pages in the encodings they declare: a meta
// http-equiv charset, a meta charset, a UTF-16 byte-order mark.
func TestExtractCharsets(t *testing.T) {
	for _, tc := range []struct {
		file, title, inText string
	}{
		{"latin1.html", "La médiathèque aura son budget", "Le conseil municipal a adopté mardi soir le budget de la médiathèque"},
		{"shiftjis.html", "港の浚渫計画、採決を延期", "港湾議会は火曜日、北航路の浚渫計画の採決を延期した。"},
		{"utf16.html", "Harbour council delays the dredging vote", "What the fishermen want\n\nThe fishermen's association"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got, err := Extract(tc.file, readTestdata(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if got.Meta.Title != tc.title {
				t.Errorf("title %q, want %q", got.Meta.Title, tc.title)
			}
			if !strings.Contains(got.Text, tc.inText) {
				t.Errorf("text does not have %q:\n%s", tc.inText, got.Text)
			}
		})
	}
}

// TestExtractDeterministic extracts the same page twice: the import keeps
// the original file so that the text can be derived again from it.
func TestExtractDeterministic(t *testing.T) {
	data := readTestdata(t, "article.html")
	a, err := Extract("article.html", data)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, err := Extract("article.html", data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two extractions differ:\n%+v\n%+v", a, b)
		}
	}
}

// TestExtractNormalises checks that the text is NFC with \n line ends
// whatever the page's form: decomposed accents, CRLF inside <pre>, control
// characters that a page may carry.
func TestExtractNormalises(t *testing.T) {
	body := strings.Repeat("<p>Cafe\u0301 owners met the mayor on Monday to talk about the terraces, the noise rules and the new bins.\x01</p>\r\n", 8)
	page := "<html><head><title>Cafe\u0301s</title></head><body><article>" + body + "<p>&nbsp;</p><p>\u00a0 Indented\u00a0</p><pre>line one\r\n  line two</pre></article></body></html>"
	got, err := Extract("nfd.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, "Café owners") || strings.Contains(got.Text, "\u0301") || strings.Contains(got.Text, "\r") || strings.Contains(got.Text, "\x01") {
		t.Errorf("text not normalised: %q", got.Text)
	}
	if strings.Contains(got.Text, "\n\n\u00a0") || !strings.Contains(got.Text, "\n\nIndented\n\n") {
		t.Errorf("no-break spaces at paragraph edges kept: %q", got.Text)
	}
	if !strings.Contains(got.Text, "line one\n  line two") {
		t.Errorf("<pre> lines not kept: %q", got.Text)
	}
	if got.Meta.Title != "Cafés" {
		t.Errorf("title %q, want NFC %q", got.Meta.Title, "Cafés")
	}
	if err := got.Check(); err != nil {
		t.Error(err)
	}
}

// TestMetaFallbacks checks where each detail comes from when readability
// gives none, and that values that would not validate are dropped.
func TestMetaFallbacks(t *testing.T) {
	body := "<body><article>" + strings.Repeat("<p>The regional court heard the appeal of the two farmers against the water board on Thursday, and will rule next month.</p>", 6) + "</article></body></html>"
	for _, tc := range []struct {
		name, head string
		want       annotate.ArticleMeta
	}{
		{"og locale and url", `<head><meta property="og:locale" content="pt_BR"><meta property="og:url" content="https://example.com.br/a"><title>T</title></head>`,
			annotate.ArticleMeta{Title: "T", URL: "https://example.com.br/a", Language: "pt-BR"}},
		{"relative canonical without base", `<head><link rel="canonical" href="/only/a/path"><title>T</title></head>`,
			annotate.ArticleMeta{Title: "T"}},
		{"non-web canonical", `<head><link rel="canonical" href="ftp://example.org/a"><title>T</title></head>`,
			annotate.ArticleMeta{Title: "T"}},
		{"bad date and bad language", `<head><meta property="article:published_time" content="sometime in spring"><meta http-equiv="content-language" content="not a language"><title>T</title></head>`,
			annotate.ArticleMeta{Title: "T"}},
		{"meta date and author", `<head><meta name="date" content="2021-11-30"><meta name="author" content="By Jane Roe, John Doe"><title>T</title></head>`,
			annotate.ArticleMeta{Title: "T", Published: "2021-11-30", Authors: []string{"Jane Roe", "John Doe"}}},
		{"JSON-LD only", `<head><script type="application/ld+json">{"@type":"Article","headline":"From JSON-LD","datePublished":"2020-02-29","author":{"@type":"Person","name":"Mia Chen"},"publisher":{"name":"The Ledger"},"url":"http://ledger.example/x","inLanguage":"de"}</script></head>`,
			annotate.ArticleMeta{Title: "From JSON-LD", URL: "http://ledger.example/x", Outlet: "The Ledger", Authors: []string{"Mia Chen"}, Published: "2020-02-29", Language: "de"}},
		{"site named by its address", `<head><meta property="og:site_name" content="http://www.example.net"><title>T</title></head>`,
			annotate.ArticleMeta{Title: "T", Outlet: "example.net"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Extract("meta.html", []byte("<html>"+tc.head+body))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Meta, tc.want) {
				t.Errorf("meta = %+v\nwant %+v", got.Meta, tc.want)
			}
			if err := got.Meta.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestSavedFromMark reads the page's address from the comment browsers put
// before a saved page, when the page names none itself.
func TestSavedFromMark(t *testing.T) {
	body := strings.Repeat("<p>The regional court heard the appeal of the two farmers against the water board on Thursday.</p>", 8)
	for _, tc := range []struct{ page, want string }{
		{"<!-- saved from url=(0031)https://example.org/2020/story -->\n<html><body>" + body, "https://example.org/2020/story"},
		{"<!-- saved from url=(0014)about:internet -->\n<html><body>" + body, ""},
		{"<html><body><!-- saved from url=(0022)http://example.org/x -->" + body, ""},
	} {
		got, err := Extract("saved.html", []byte(tc.page))
		if err != nil {
			t.Fatal(err)
		}
		if got.Meta.URL != tc.want {
			t.Errorf("URL %q, want %q", got.Meta.URL, tc.want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	for _, tc := range []struct {
		byline string
		want   []string
	}{
		{"By Jane Doe", []string{"Jane Doe"}},
		{"Stella Kim, Jennifer Jett", []string{"Stella Kim", "Jennifer Jett"}},
		{"by Lucas Nolan22 Dec 2016651", []string{"Lucas Nolan"}},
		{"Par Sébastien Farcis", []string{"Sébastien Farcis"}},
		{"Alexandre Hervaud et Jérémy Piette", []string{"Alexandre Hervaud", "Jérémy Piette"}},
		{"Bradley M. Kuhn (http://ebb.org/bkuhn/)", []string{"Bradley M. Kuhn"}},
		{"By Kelli Miller\n   WebMD Health News", []string{"Kelli Miller"}},
		{"Reuters, AFP", []string{"Reuters", "AFP"}},
		{"Di Stefano and Rossi", []string{"Di Stefano", "Rossi"}},
		{"di Mario Rossi", []string{"Mario Rossi"}},
		{"Written by A. Smith & B. Jones", []string{"A. Smith", "B. Jones"}},
		{"March 3, 2020", nil},
		{"Updated at 10:32 on the morning of the third day of the festival of the harvest", nil},
		{"", nil},
	} {
		if got := splitAuthors(tc.byline); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", tc.byline, got, tc.want)
		}
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		data string
		want bool
	}{
		{"<!DOCTYPE html><html><body>x</body></html>", true},
		{"\uFEFF  <html lang=en>", true},
		{"<!-- saved from url=(0022)http://example.com/ -->\n<html>", true},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", true},
		{"<head><title>x</title></head>", true},
		{"<meta charset=utf-8><title>x</title>", true},
		{"# A Markdown article\n\n<p>with some HTML</p>", false},
		{"<!-- a Markdown comment -->\n# Title", false},
		{"Plain text that mentions <html> tags.", false},
		{"<htmlish>", false},
		{"", false},
		{"\x89PNG\r\n\x1a\n", false},
		{`{"format": "factmark/1"}`, false},
	} {
		if got := Sniff([]byte(tc.data)); got != tc.want {
			t.Errorf("Sniff(%q) = %v, want %v", tc.data, got, tc.want)
		}
	}
	if !Sniff(readTestdata(t, "utf16.html")) {
		t.Error("Sniff(UTF-16 page) = false")
	}
	if !IsPage("Saved.HTM", []byte("not really")) || IsPage("notes.md", []byte("# Notes")) {
		t.Error("IsPage does not go by the extension")
	}
}

// TestSniffCorpus checks that every corpus page is told apart from text.
func TestSniffCorpus(t *testing.T) {
	for _, dir := range corpusPages(t) {
		data, err := os.ReadFile(filepath.Join(dir, "source.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !Sniff(data) {
			t.Errorf("%s: Sniff = false", filepath.Base(dir))
		}
	}
}
