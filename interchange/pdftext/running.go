package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Running headers, footers and page numbers are told from the text by where
// they stand and what they say, never by what a particular file looks like:
// a row at the top or bottom edge of a page is dropped when
//   - the same words (digits aside) stand at the same height on another page;
//   - it is a page number ("7", "Page 7", "– 7 –", "7 / 12", "Page 7 of 12");
//   - it is in a smaller face than the body and stands apart from the rest.

var pageNumberRe = regexp.MustCompile(`(?i)^[\p{P}\p{S}\s]*(page|p\.|pg\.?|seite|página|pagina)?\s*(\d{1,5}|[ivxlcdm]{1,8})(\s*(/|of|de|von|sur)\s*\d{1,5})?[\p{P}\p{S}\s]*$`)

var digitRunRe = regexp.MustCompile(`\d+`)

// runningKey is a line's text with its numbers masked, so that "Page 3" and
// "Page 4" are the same running footer.
func runningKey(s string) string {
	return strings.ToLower(digitRunRe.ReplaceAllString(strings.Join(strings.Fields(s), " "), "#"))
}

// dropRunning marks the running headers and footers of a document's pages.
// pages[i] holds page i's rows, top to bottom.
func dropRunning(pages [][]row, bodySize float64) {
	const edgeDepth = 2 // a header and a page number may be stacked
	type seen struct {
		page int
		y    float64
		text string
	}
	keys := map[string][]seen{}
	for p, ls := range pages {
		for _, i := range edgeLines(ls, edgeDepth) {
			t := ls[i].text()
			keys[runningKey(t)] = append(keys[runningKey(t)], seen{p, ls[i].y, t})
		}
	}
	repeated := func(p int, l *row) bool {
		t := l.text()
		for _, s := range keys[runningKey(t)] {
			if s.page != p && math.Abs(s.y-l.y) <= 2 && (s.text == t || numberedAlike(t, p, s.text, s.page)) {
				return true
			}
		}
		return false
	}
	for p, ls := range pages {
		for _, i := range edgeLines(ls, edgeDepth) {
			l := &ls[i]
			if repeated(p, l) || pageNumberRe.MatchString(l.text()) || smallApart(ls, i, bodySize) {
				l.drop = true
			}
		}
	}
}

// numberedAlike reports whether two lines that differ only in their numbers
// have a number that moves with the page, as a page number does (printed
// numbers may start elsewhere than 1: the offset from the page index is
// what stays the same).
func numberedAlike(a string, pa int, b string, pb int) bool {
	na, nb := digitRunRe.FindAllString(a, -1), digitRunRe.FindAllString(b, -1)
	for k := 0; k < len(na) && k < len(nb); k++ {
		x, errA := strconv.Atoi(na[k])
		y, errB := strconv.Atoi(nb[k])
		if errA == nil && errB == nil && x-pa == y-pb {
			return true
		}
	}
	return false
}

// edgeLines returns the indexes of the lines on the top and bottom edges of
// a page: the lines on the highest and lowest baselines, and, depth deep,
// the next baselines in.
func edgeLines(ls []row, depth int) []int {
	ys := map[float64]bool{}
	var sorted []float64
	for _, l := range ls {
		y := math.Round(l.y)
		if !ys[y] {
			ys[y] = true
			sorted = append(sorted, y)
		}
	}
	if len(sorted) == 0 {
		return nil
	}
	sortDesc(sorted)
	edge := map[float64]bool{}
	for i := 0; i < depth && i < len(sorted); i++ {
		edge[sorted[i]] = true
		edge[sorted[len(sorted)-1-i]] = true
	}
	var out []int
	for i, l := range ls {
		if edge[math.Round(l.y)] {
			out = append(out, i)
		}
	}
	return out
}

// smallApart reports whether line i is set smaller than the body and stands
// apart from every other line by more than two of its own line heights.
func smallApart(ls []row, i int, bodySize float64) bool {
	l := ls[i]
	if l.size >= bodySize*0.9 || len(l.words) > 16 {
		return false
	}
	for j, o := range ls {
		if j != i && !o.drop && math.Abs(o.y-l.y) < l.size*2.2 {
			return false
		}
	}
	return true
}

func sortDesc(xs []float64) { sort.Sort(sort.Reverse(sort.Float64Slice(xs))) }
