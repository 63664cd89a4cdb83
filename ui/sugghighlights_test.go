package ui

import (
	"fmt"
	"slices"
	"testing"

	"github.com/factmark/factmark/ui/textview"
)

// The suggestions' filters redraw only the suggestions' highlights: after
// each change the view shows exactly the desk's highlights, the dashed
// ones of the suggestions shown now and none of those hidden.
func TestSuggestionFiltersRedrawTheirHighlights(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("Kanalgade bus terminal"))
	td.createClaim()
	td.suggestNow()
	steps := []struct {
		name string
		do   func()
	}{
		{"suggested", func() {}},
		{"claims only", func() { td.sugg.kind.SetSelected(kindClaims) }},
		{"attributions only", func() { td.sugg.kind.SetSelected(kindAttributions) }},
		{"all, score ≥ 0.5", func() { td.sugg.kind.SetSelected(kindAll); td.sugg.minScore.SetValue(0.5) }},
		{"filter text", func() { td.sugg.filter.SetText("a") }},
		{"filter matching none", func() { td.sugg.filter.SetText("zzzzqqq") }},
		{"filter cleared", func() { td.sugg.filter.SetText(""); td.sugg.minScore.SetValue(0) }},
	}
	for _, s := range steps {
		s.do()
		if got, want := drawnHighlights(td.view.Highlights()), drawnHighlights(td.highlights()); !slices.Equal(got, want) {
			t.Errorf("%s: the view draws %d highlights, the desk has %d:\n%q\n%q", s.name, len(got), len(want), got, want)
		}
	}
	if dashed(td.view.Highlights()) == 0 {
		t.Fatal("no suggestion is drawn")
	}
	td.sugg.filter.SetText("zzzzqqq")
	if n := dashed(td.view.Highlights()); n != 0 {
		t.Errorf("with no suggestion shown the view draws %d dashed highlights", n)
	}
}

// drawnHighlights are the highlights as sorted strings, their drawing
// order aside.
func drawnHighlights(hs []textview.Highlight) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = fmt.Sprintf("%d-%d %s %v", h.Start, h.End, h.ID, h.Dashed)
	}
	slices.Sort(out)
	return out
}

func dashed(hs []textview.Highlight) (n int) {
	for _, h := range hs {
		if h.Dashed {
			n++
		}
	}
	return n
}
