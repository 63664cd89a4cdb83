package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// Running headers, footers and page numbers are told from the text by where
// they stand and what they say, never by what a particular file looks like:
// a line at the top or bottom edge of a page is dropped when
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
// pages[i] holds page i's lines in reading order.
func dropRunning(pages [][]line, bodySize float64) {
	const edgeDepth = 2 // a header and a page number may be stacked
	type seen struct {
		page int
		y    float64
	}
	keys := map[string][]seen{}
	for p, ls := range pages {
		for _, i := range edgeLines(ls, edgeDepth) {
			k := runningKey(ls[i].text())
			keys[k] = append(keys[k], seen{p, ls[i].y})
		}
	}
	repeated := func(p int, l *line) bool {
		for _, s := range keys[runningKey(l.text())] {
			if s.page != p && math.Abs(s.y-l.y) <= 2 {
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

// edgeLines returns the indexes of the lines on the top and bottom edges of
// a page: the lines on the highest and lowest baselines, and, depth deep,
// the next baselines in.
func edgeLines(ls []line, depth int) []int {
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
func smallApart(ls []line, i int, bodySize float64) bool {
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
