package annotate

import "sort"

// Anchor ties an annotation to a span of an article's text, the way W3C's
// TextPositionSelector and TextQuoteSelector do together: Start and End are
// code-point offsets (End exclusive), Exact is the text between them, Prefix
// and Suffix up to ContextLen code points either side, kept so that the span
// can be found again if a text is ever re-imported with changes. An anchor
// whose Exact does not match the text at its offsets is invalid.
type Anchor struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// Len is the anchor's length in code points.
func (a Anchor) Len() int { return a.End - a.Start }

// Overlaps reports whether a and b share at least one code point.
func (a Anchor) Overlaps(b Anchor) bool { return a.Start < b.End && b.Start < a.End }

// firstStart is the smallest start among anchors, or -1 when there are none:
// annotations are listed in text order by it.
func firstStart(anchors ...*Anchor) int {
	first := -1
	for _, a := range anchors {
		if a != nil && (first < 0 || a.Start < first) {
			first = a.Start
		}
	}
	return first
}

// SortAnchors puts anchors in text order.
func SortAnchors(as []Anchor) {
	sort.Slice(as, func(i, j int) bool {
		return as[i].Start < as[j].Start || as[i].Start == as[j].Start && as[i].End < as[j].End
	})
}
