package annotate

import "time"

// Revision is one version of an article's text. An article's Text is its
// current (last) revision; the earlier ones stay readable, and every
// annotation's anchors are on the current one.
type Revision struct {
	Number  int       `json:"number"` // from 1, in order
	Text    string    `json:"text"`   // normalised, as Article.Text
	SHA256  string    `json:"sha256"` // TextHash(Text)
	Created time.Time `json:"created"`
}

// Placement methods: how re-anchoring carried an annotation onto a new
// revision (see package annotate/reanchor).
const (
	PlacedExact  = "exact"  // the same words, the quote unchanged
	PlacedDiff   = "diff"   // mapped through the word diff and checked
	PlacedFuzzy  = "fuzzy"  // found by approximate search, with its score
	PlacedOrphan = "orphan" // its text is gone: kept with its old quote, on no text
)

// Placement records how an annotation was placed on the revision it is on.
type Placement struct {
	Revision int     `json:"revision"`
	Method   string  `json:"method"`
	Score    float64 `json:"score,omitempty"`
}
