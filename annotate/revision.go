package annotate

import (
	"strings"
	"time"
)

// Revision is one version of an article's text. An article's Text is its
// current (last) revision; the earlier ones stay readable, and every
// annotation's anchors are on the current one.
type Revision struct {
	Number  int       `json:"number"` // from 1, in order
	Text    string    `json:"text"`   // normalised, as Article.Text
	SHA256  string    `json:"sha256"` // TextHash(Text)
	Created time.Time `json:"created"`

	// Pages, Turns and Source are the new text's pages, turns and source
	// file (with its bytes, SourceData) when its file had them:
	// ReviseArticle gives them to the article, replacing the old text's.
	// They are not kept per revision.
	Pages      []Page      `json:"-"`
	Turns      []Turn      `json:"-"`
	Source     *SourceFile `json:"-"`
	SourceData []byte      `json:"-"`
}

// Placement methods: how re-anchoring carried an annotation onto a new
// revision (see package annotate/reanchor).
const (
	PlacedExact  = "exact"  // the same words, the quote unchanged
	PlacedDiff   = "diff"   // mapped through the word diff and checked
	PlacedFuzzy  = "fuzzy"  // found by approximate search, with its score
	PlacedOrphan = "orphan" // its text is gone: kept with its old quote, on no text
	PlacedManual = "manual" // an orphan the user re-attached to a selection
)

// Placement records how an annotation was placed on the revision it is on.
type Placement struct {
	Revision int     `json:"revision"`
	Method   string  `json:"method"`
	Score    float64 `json:"score,omitempty"`
}

// validate checks a recorded placement (nil: none).
func (p *Placement) validate() error {
	if p == nil {
		return nil
	}
	switch {
	case p.Revision < 1:
		return fieldError("placement.revision", "%d is not a revision number (from 1)", p.Revision)
	case p.Method != PlacedExact && p.Method != PlacedDiff && p.Method != PlacedFuzzy && p.Method != PlacedOrphan && p.Method != PlacedManual:
		return fieldError("placement.method", "%q is not exact, diff, fuzzy, orphan or manual", p.Method)
	case !(p.Score >= 0 && p.Score <= 1):
		return fieldError("placement.score", "%v is not between 0 and 1", p.Score)
	}
	return nil
}

// Validate checks the revision: a number from 1, a text in normal form
// (NormalizeText) whose SHA-256 is given, and a time.
func (r *Revision) Validate() error {
	switch {
	case r.Number < 1:
		return fieldError("revision.number", "%d is not a revision number (from 1)", r.Number)
	case strings.TrimSpace(r.Text) == "":
		return fieldError("revision.text", "is empty")
	case !IsNormalized(r.Text):
		return fieldError("revision.text", "is not normalised (UTF-8, NFC, \\n line ends)")
	case len(r.Text) > MaxTextBytes:
		return fieldError("revision.text", "is %s; the limit is %s", SizeString(len(r.Text)), SizeString(MaxTextBytes))
	case r.SHA256 != TextHash(r.Text):
		return fieldError("revision.sha256", "%q is not the SHA-256 of the revision's text", r.SHA256)
	case r.Created.IsZero():
		return fieldError("revision.created", "is not set")
	}
	return nil
}
