package textview

import (
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
