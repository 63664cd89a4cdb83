package webpage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// corpusDir returns ../shared/corpus/html-pages (or the one under
// $FACTMARK_SHARED), or skips the test.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(sharedRoot(), "corpus", "html-pages")
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		tb.Skipf("html-pages corpus not found (set FACTMARK_SHARED): %v", err)
	}
	return dir
}

// sharedRoot is $FACTMARK_SHARED, or ../shared beside the repository.
func sharedRoot() string {
	if dir := os.Getenv("FACTMARK_SHARED"); dir != "" {
		return dir
	}
	return filepath.Join("..", "..", "..", "shared")
}

// corpusPages lists the pages of the corpus: the folders with a source.html.
func corpusPages(tb testing.TB) []string {
	dir := corpusDir(tb)
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var pages []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "source.html")); e.IsDir() && err == nil {
			pages = append(pages, filepath.Join(dir, e.Name()))
		}
	}
	return pages
}

type expectedMeta struct {
	Title  string  `json:"title"`
	Byline *string `json:"byline"`
	Lang   *string `json:"lang"`
}

// TestCorpus measures Extract on the dev pages as the corpus README defines
// it (each page extracted twice must give the same result, checked) and
// asserts the targets: title right on ≥ 90% of pages, byline
// on ≥ 80% of those that have one, text token-F1 median ≥ 0.95 and 10th
// percentile ≥ 0.85.
func TestCorpus(t *testing.T) {
	pages := corpusPages(t)
	var titles, bylines, bylinePages, langs, langPages int
	var f1s []float64
	for _, dir := range pages {
		page := filepath.Base(dir)
		src, err := os.ReadFile(filepath.Join(dir, "source.html"))
		if err != nil {
			t.Fatal(err)
		}
		want := readExpected(t, dir)
		got, err := Extract(page+".html", src)
		if err != nil {
			t.Errorf("%s: %v", page, err)
			f1s = append(f1s, 0)
			continue
		}
		if again, err := Extract(page+".html", src); err != nil || !reflect.DeepEqual(got, again) {
			t.Errorf("%s: a second extraction differs (%v)", page, err)
		}
		if err := got.Check(); err != nil {
			t.Errorf("%s: %v", page, err)
		}
		if err := got.Meta.Validate(); err != nil {
			t.Errorf("%s: meta: %v", page, err)
		}
		f1 := tokenF1(got.Text, expectedText(t, dir))
		f1s = append(f1s, f1)
		titleOK := normTitle(got.Meta.Title) == normTitle(want.Title)
		if titleOK {
			titles++
		}
		bylineOK := "-"
		if names := bylineNames(want.Byline); len(names) > 0 {
			bylinePages++
			bylineOK = "no"
			if allFound(names, got.Meta.Authors) {
				bylines++
				bylineOK = "yes"
			}
		}
		if want.Lang != nil && *want.Lang != "" {
			langPages++
			if primary(got.Meta.Language) == primary(*want.Lang) {
				langs++
			}
		}
		t.Logf("%-26s F1 %.3f title %-5v byline %-3s authors %q date %q outlet %q lang %q url %q", page, f1, titleOK, bylineOK,
			got.Meta.Authors, got.Meta.Published, got.Meta.Outlet, got.Meta.Language, got.Meta.URL)
		if !titleOK {
			t.Logf("    title %q, want %q", got.Meta.Title, want.Title)
		}
		if bylineOK == "no" {
			t.Logf("    byline %q", *want.Byline)
		}
	}
	slices.Sort(f1s)
	median, p10 := quantile(f1s, 0.5), quantile(f1s, 0.1)
	titleRate := float64(titles) / float64(len(pages))
	bylineRate := float64(bylines) / float64(max(bylinePages, 1))
	t.Logf("%d pages: title %d/%d (%.1f%%), byline %d/%d (%.1f%%), language %d/%d, text F1 median %.3f, p10 %.3f, min %.3f",
		len(pages), titles, len(pages), 100*titleRate, bylines, bylinePages, 100*bylineRate, langs, langPages, median, p10, f1s[0])
	if titleRate < 0.9 {
		t.Errorf("title right on %.1f%% of pages, want ≥ 90%%", 100*titleRate)
	}
	if bylineRate < 0.8 {
		t.Errorf("byline right on %.1f%% of pages that have one, want ≥ 80%%", 100*bylineRate)
	}
	if median < 0.95 || p10 < 0.85 {
		t.Errorf("text token-F1 median %.3f (want ≥ 0.95), 10th percentile %.3f (want ≥ 0.85)", median, p10)
	}
}

func readExpected(t *testing.T, dir string) expectedMeta {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m expectedMeta
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// expectedText is the text content of expected.html: its text nodes joined.
func expectedText(t *testing.T, dir string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expected.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return textContent(doc)
}

// quantile returns the q-quantile of sorted values, interpolating linearly
// between the two nearest ranks.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	pos := q * float64(len(sorted)-1)
	i := int(pos)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (pos-float64(i))*(sorted[i+1]-sorted[i])
}

func normTitle(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

func primary(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// scoreTokens splits text into the tokens F1 counts: runs of letters,
// digits and marks, and each CJK character on its own.
func scoreTokens(s string) []string {
	var tokens []string
	var word []rune
	flush := func() {
		if len(word) > 0 {
			tokens = append(tokens, string(word))
			word = word[:0]
		}
	}
	for _, r := range norm.NFC.String(s) {
		switch {
		case isCJK(r):
			flush()
			tokens = append(tokens, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return tokens
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// tokenF1 is the F1 of the bag of tokens of got against want's.
func tokenF1(got, want string) float64 {
	g, w := scoreTokens(got), scoreTokens(want)
	if len(g) == 0 || len(w) == 0 {
		if len(g) == len(w) {
			return 1
		}
		return 0
	}
	counts := map[string]int{}
	for _, tok := range w {
		counts[tok]++
	}
	common := 0
	for _, tok := range g {
		if counts[tok] > 0 {
			counts[tok]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(g)), float64(common)/float64(len(w))
	return 2 * p * r / (p + r)
}

var (
	scoreURL   = regexp.MustCompile(`(?i)(?:https?://|www\.)\S+`)
	scoreWords = regexp.MustCompile(`[\p{L}\p{M}]+`)
	notNames   = map[string]bool{"by": true, "par": true, "por": true, "von": true, "and": true, "und": true, "et": true,
		"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
		"oct": true, "nov": true, "dec": true, "january": true, "february": true, "march": true, "april": true,
		"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}
)

// bylineNames returns the name tokens of an expected byline: of its first
// line with a name, without "By", dates, URLs, "and"; none for a byline
// that is only a date.
func bylineNames(byline *string) []string {
	if byline == nil {
		return nil
	}
	for _, line := range strings.Split(*byline, "\n") {
		var names []string
		for _, w := range scoreWords.FindAllString(scoreURL.ReplaceAllString(line, " "), -1) {
			if !notNames[strings.ToLower(w)] {
				names = append(names, strings.ToLower(w))
			}
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// allFound reports whether every name token is a token of the authors.
func allFound(names, authors []string) bool {
	have := map[string]bool{}
	for _, a := range authors {
		for _, w := range scoreWords.FindAllString(a, -1) {
			have[strings.ToLower(w)] = true
		}
	}
	for _, n := range names {
		if !have[n] {
			return false
		}
	}
	return true
}
