package pdftext

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// devDir is ../shared/corpus/pdf-dev (or $FACTMARK_SHARED/corpus/pdf-dev),
// or $FACTMARK_PDF_CORPUS, to measure another set made the same way (such
// as the held-out one); the test skips when it is absent.
func devDir(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("FACTMARK_PDF_CORPUS"); dir != "" {
		return dir
	}
	shared := os.Getenv("FACTMARK_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	dir := filepath.Join(shared, "corpus", "pdf-dev")
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		tb.Skipf("pdf-dev corpus not found (set FACTMARK_SHARED): %v", err)
	}
	return dir
}

// facts is the part of a pdf-dev .json the evaluation uses.
type facts struct {
	PageStarts []int     `json:"page_starts"`
	Headers    []*string `json:"headers"`
	Footers    []*string `json:"footers"`
	Title      string    `json:"title"`
}

type devCase struct {
	name  string
	pdf   []byte
	truth string
	facts facts
}

func devCases(tb testing.TB) []devCase {
	dir := devDir(tb)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var out []devCase
	for _, f := range files {
		stem := strings.TrimSuffix(f, ".pdf")
		c := devCase{name: filepath.Base(f)}
		var err error
		if c.pdf, err = os.ReadFile(f); err != nil {
			tb.Fatal(err)
		}
		txt, err := os.ReadFile(stem + ".txt")
		if err != nil {
			tb.Fatal(err)
		}
		c.truth = string(txt)
		js, err := os.ReadFile(stem + ".json")
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(js, &c.facts); err != nil {
			tb.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestDevCorpus measures Extract on pdf-dev against the targets: word
// similarity to the source median ≥ 0.98 and minimum ≥ 0.95; page starts
// within one paragraph of the truth on ≥ 95% of pages; no running header or
// footer string more often in the text than in the source.
func TestDevCorpus(t *testing.T) {
	cases := devCases(t)
	var sims []float64
	pagesRight, pagesAll, exact, leaks, titles := 0, 0, 0, 0, 0
	for _, c := range cases {
		ex, err := Extract(c.name, c.pdf)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if err := ex.Check(); err != nil {
			t.Errorf("%s: Check: %v", c.name, err)
		}
		// Factmark's texts are NFC; a few sources are not.
		got, want := strings.Fields(ex.Text), strings.Fields(norm.NFC.String(c.truth))
		sim, align := wordSimilarity(got, want)
		sims = append(sims, sim)
		right := 0
		for i, p := range ex.Pages {
			if i >= len(c.facts.PageStarts) {
				break
			}
			ok, same := pageStartRight(ex.Text, p.Start, c.truth, c.facts.PageStarts[i], align)
			if ok {
				right++
			}
			if same {
				exact++
			}
		}
		if len(ex.Pages) != len(c.facts.PageStarts) {
			t.Errorf("%s: %d pages, want %d", c.name, len(ex.Pages), len(c.facts.PageStarts))
		}
		pagesRight += right
		pagesAll += len(c.facts.PageStarts)
		for _, s := range append(append([]*string(nil), c.facts.Headers...), c.facts.Footers...) {
			if s != nil && countString(ex.Text, *s) > countString(c.truth, *s) {
				leaks++
				t.Errorf("%s: running string %q left in the text", c.name, *s)
			}
		}
		title := strings.Join(strings.Fields(norm.NFC.String(strings.SplitN(c.truth, "\n\n", 2)[0])), " ")
		if ex.Meta.Title == title {
			titles++
		}
		t.Logf("%-55s similarity %.4f, page starts %d/%d, title %v", c.name, sim, right, len(c.facts.PageStarts), ex.Meta.Title == title)
	}
	if len(sims) == 0 {
		t.Fatal("nothing extracted")
	}
	sort.Float64s(sims)
	med, lo := sims[len(sims)/2], sims[0]
	share := float64(pagesRight) / float64(pagesAll)
	t.Logf("%s: %d PDFs: similarity median %.4f, min %.4f; page starts right %d/%d (%.1f%%), at the very word %d; running strings left %d; titles %d/%d",
		filepath.Base(devDir(t)), len(sims), med, lo, pagesRight, pagesAll, 100*share, exact, leaks, titles, len(cases))
	if med < 0.98 || lo < 0.95 {
		t.Errorf("similarity median %.4f (target ≥ 0.98), min %.4f (target ≥ 0.95)", med, lo)
	}
	if share < 0.95 {
		t.Errorf("page starts right %.1f%% (target ≥ 95%%)", 100*share)
	}
}

// wordSimilarity is the word-level similarity of the README: 2·M / (|a|+|b|)
// where M is the length of the longest common subsequence of the two word
// sequences (whitespace aside), as Python's difflib ratio on word lists.
// align maps each word of a that is in the subsequence to its word in b.
func wordSimilarity(a, b []string) (float64, map[int]int) {
	if len(a)+len(b) == 0 {
		return 1, nil
	}
	n, m := len(a), len(b)
	dp := make([][]int32, n+1)
	for i := range dp {
		dp[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				dp[i][j] = dp[i+1][j+1] + 1
			case dp[i+1][j] >= dp[i][j+1]:
				dp[i][j] = dp[i+1][j]
			default:
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	align := map[int]int{}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			align[i] = j
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(dp[0][0]) / float64(n+m), align
}

var blankLines = regexp.MustCompile(`\n\s*\n`)

// pageStartRight reports whether a page start at code point got in the
// extracted text falls within one paragraph of the true start want in the
// source: the word it starts at is mapped to the source through the word
// alignment, and the source paragraphs of the two are compared. same says
// whether it maps to the very word the page starts with.
func pageStartRight(text string, got int, truth string, want int, align map[int]int) (ok, same bool) {
	gw := wordIndexAt(text, got)
	src := -1
	for k := gw; k < gw+20 && src < 0; k++ { // the nearest aligned word
		if j, ok := align[k]; ok {
			src = j - (k - gw)
		}
	}
	if src < 0 {
		return false, false
	}
	srcOffset := wordOffset(truth, max(src, 0))
	d := paragraphIndex(truth, srcOffset) - paragraphIndex(truth, want)
	return d >= -1 && d <= 1, wordIndexAt(truth, want) == src
}

// wordIndexAt is the index of the whitespace-separated word at or after the
// code point off.
func wordIndexAt(s string, off int) int {
	prefix := s
	if i := byteOffset(s, off); i < len(s) {
		prefix = s[:i]
	}
	n := len(strings.Fields(prefix))
	if prefix != "" && !strings.ContainsAny(prefix[len(prefix)-1:], " \n") && off > 0 {
		n-- // off is inside a word (a page break in a hyphenated word)
	}
	return max(n, 0)
}

// wordOffset is the code-point offset of word k of s.
func wordOffset(s string, k int) int {
	in, count := false, -1
	i := 0
	for _, r := range s {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !space && !in {
			count++
			if count == k {
				return i
			}
		}
		in = !space
		i++
	}
	return i
}

func byteOffset(s string, off int) int {
	for i := range s {
		if off == 0 {
			return i
		}
		off--
	}
	return len(s)
}

// paragraphIndex counts the blank-line breaks before code point off.
func paragraphIndex(s string, off int) int {
	return len(blankLines.FindAllStringIndex(s[:byteOffset(s, off)], -1))
}

func countString(s, sub string) int { return strings.Count(s, sub) }
