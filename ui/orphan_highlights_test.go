package ui

import (
	"testing"

	"github.com/factmark/factmark/annotate"
)

// An orphan's anchors are on no text of the article: it has no highlight.
func TestOrphansHaveNoHighlights(t *testing.T) {
	a := annotate.Anchor{Start: 900, End: 905, Exact: "gone."}
	for _, orphan := range []bool{false, true} {
		m := annotate.Meta{ID: "x", Orphan: orphan}
		got := len(attributionHighlights(nil, &annotate.Attribution{Meta: m, Cue: &a, Content: []annotate.Anchor{a}})) +
			len(claimHighlights(nil, &annotate.Claim{Meta: m, Anchors: []annotate.Anchor{a, a}}))
		if want := map[bool]int{false: 4, true: 0}[orphan]; got != want {
			t.Errorf("orphan %v: %d highlights, want %d", orphan, got, want)
		}
	}
}
