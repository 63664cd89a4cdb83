package textview

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestWideViewReadsAsCentredColumn checks that on a wide view lines wrap to
// a column of about columnChars characters centred in the view, and that
// clicks in the column still hit the offsets they are over.
func TestWideViewReadsAsCentredColumn(t *testing.T) {
	text := strings.Repeat("A paragraph of plain words that wraps across several lines of the column. ", 12)
	for _, tt := range []struct {
		name    string
		width   float32
		centred bool // the column is narrower than the view
	}{{"narrow", 400, false}, {"wide", 1800, true}} {
		t.Run(tt.name, func(t *testing.T) {
			_, v := newTestView(t, text, fyne.NewSize(tt.width, 600))
			col := v.columnWidth()
			if col < 60*v.m.textSize/2 || col > 95*v.m.textSize/2 {
				t.Errorf("column is %v wide at text size %v, want about 70–90 characters", col, v.m.textSize)
			}
			left, _ := v.PositionOf(0)
			if tt.centred {
				if v.wc.width != col {
					t.Errorf("lines wrap to %v, want the column's %v", v.wc.width, col)
				}
				right := tt.width - left.X - col
				if d := left.X - right; d < -1 || d > 1 {
					t.Errorf("column starts at %v and ends %v from the right edge, want it centred", left.X, right)
				}
			} else if left.X != v.m.pad {
				t.Errorf("narrow view's text starts at %v, want the padding %v", left.X, v.m.pad)
			}
			for _, off := range []int{0, 5, 77, 300, 600} {
				if got := v.OffsetAt(caretPos(t, v, off)); got != off {
					t.Errorf("click at the caret of %d hits %d", off, got)
				}
			}
		})
	}
}

// TestParagraphsHaveSpaceBetween checks that wrapped lines of a paragraph
// stand a line apart and paragraphs a line and a gap, and that clicks on
// each line, and in the gap under a paragraph, hit that paragraph's text.
func TestParagraphsHaveSpaceBetween(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(300, 600))
	if v.m.paraGap <= 0 {
		t.Fatalf("paragraph gap is %v, want some space", v.m.paraGap)
	}
	var vis []visLine
	for _, l := range v.visibleLines(nil) {
		if l.start < l.end { // a blank line between paragraphs takes no room (TestBlankLinesTakeNoRoom)
			vis = append(vis, l)
		}
	}
	for i := 1; i < len(vis); i++ {
		want := v.m.lineH
		if vis[i-1].last {
			want += v.m.paraGap
		}
		if d := vis[i].y - vis[i-1].y; d != want {
			t.Errorf("line %d stands %v below line %d, want %v", i, d, i-1, want)
		}
		mid := fyne.NewPos(v.left()+1, vis[i].y+v.m.lineH/2)
		if got := v.OffsetAt(mid); got != vis[i].start {
			t.Errorf("click at the start of line %d hits %d, want %d", i, got, vis[i].start)
		}
		if vis[i-1].last {
			gap := fyne.NewPos(v.left()+1, vis[i-1].y+v.m.lineH+v.m.paraGap/2)
			if got := v.OffsetAt(gap); got != vis[i-1].start {
				t.Errorf("click in the gap under line %d hits %d, want its start %d", i-1, got, vis[i-1].start)
			}
		}
	}
}

// TestBlankLinesTakeNoRoom: paragraphs parted by a blank line (as web pages,
// PDFs and most articles come) stand as far apart as paragraphs parted by a
// line end, and a click where the blank line would be lands in the gap.
func TestBlankLinesTakeNoRoom(t *testing.T) {
	tops := func(text string) []float32 {
		_, v := newTestView(t, text, fyne.NewSize(300, 600))
		var ys []float32
		for _, l := range v.visibleLines(nil) {
			if l.start < l.end {
				ys = append(ys, l.y)
			}
		}
		return ys
	}
	one, blank := tops("First paragraph.\nSecond paragraph.\nThird."), tops("First paragraph.\n\nSecond paragraph.\n\n\nThird.")
	if fmt.Sprint(one) != fmt.Sprint(blank) {
		t.Errorf("lines at %v with blank lines between, %v without", blank, one)
	}
	_, v := newTestView(t, "First paragraph.\n\nSecond paragraph.", fyne.NewSize(300, 600))
	second := v.visibleLines(nil)[2]
	if got := v.OffsetAt(fyne.NewPos(v.left()+1, second.y+v.m.lineH/2)); got != second.start {
		t.Errorf("a click on the second paragraph hits %d, want %d", got, second.start)
	}
}
