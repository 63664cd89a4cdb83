package ui

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The Claims list hands each annotation's own label to whichever row shows
// it: after claims are added above the visible rows (every row moves to
// another row object), scrolled to, and the theme is changed, the rows on
// screen read, top to bottom, a run of the panel's rows in order, once
// each, drawn in the theme's colour.
func TestRowLabelsFollowTheirAnnotations(t *testing.T) {
	for _, limit := range []int{rowLabelLimit, 8} { // 8: fewer than the rows shown, labels reused at once
		t.Run(itoa(limit), func(t *testing.T) { testRowLabels(t, limit) })
	}
}

func testRowLabels(t *testing.T, limit int) {
	td := newTestDesk(t, nil)
	td.claims.labels.limit = limit
	td.win.Resize(fyne.NewSize(1280, 800))
	words := wordStarts(string(td.article.Text))
	for _, w := range words[10:70] {
		td.view.SetSelection(w[0], w[1])
		td.createClaim()
	}
	td.tabs.SelectIndex(tabClaims)
	check := func(when string) {
		t.Helper()
		td.win.Canvas().Capture()
		shown := visibleLabels(td.claims.list)
		rows := td.claims.Rows()
		if len(shown) < 3 {
			t.Fatalf("%s: %d rows on screen", when, len(shown))
		}
		first := slices.Index(rows, shown[0])
		if first < 0 || first+len(shown) > len(rows) || !slices.Equal(rows[first:first+len(shown)], shown) {
			t.Fatalf("%s: the rows on screen read\n%q\nnot a run of the panel's rows\n%q", when, shown, rows)
		}
	}
	check("after the claims were made")
	for i, w := range words[2:6] { // each above every row: all of them move
		td.view.SetSelection(w[0], w[1])
		td.createClaim()
		check("after a claim above the others " + itoa(i))
	}
	td.claims.list.ScrollToBottom()
	check("scrolled to the bottom")
	td.claims.list.ScrollToTop()
	check("scrolled back to the top")
	td.SetVariant(theme.VariantLight)
	td.SetVariant(theme.VariantDark)
	td.claims.list.ScrollToBottom()
	check("after the theme changed")
	td.undo()
	check("after an undo")
}

// wordStarts are the spans of the text's words, in code points.
func wordStarts(text string) [][2]int {
	var out [][2]int
	start := -1
	i := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
		i++
	}
	return out
}

// visibleLabels are the texts of the labels the list draws, top to bottom.
func visibleLabels(list fyne.Widget) []string {
	type at struct {
		y    float32
		text string
	}
	var found []at
	var walk func(o fyne.CanvasObject, y float32)
	walk = func(o fyne.CanvasObject, y float32) {
		if !o.Visible() {
			return
		}
		y += o.Position().Y
		switch x := o.(type) {
		case *widget.Label:
			found = append(found, at{y, x.Text})
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, y)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, y)
			}
		}
	}
	for _, c := range test.WidgetRenderer(list).Objects() {
		walk(c, 0)
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].y < found[j].y })
	var out []string
	for _, f := range found {
		if strings.TrimSpace(f.text) != "" {
			out = append(out, f.text)
		}
	}
	return out
}
