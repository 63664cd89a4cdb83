package textview

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// transcriptText is three turns, the second long enough to wrap.
var transcriptText = "Good evening and welcome to the debate.\n" +
	strings.Repeat("We have built more homes this year than in the five years before, and we will build more. ", 6) + "\n" +
	"That is not what the figures say."

// turnOffsets are where the view's paragraphs start.
func turnOffsets(v *View) []int {
	var offs []int
	for _, p := range v.doc.paras {
		offs = append(offs, p.start)
	}
	return offs
}

// labelObjects are the label images the renderer shows.
func labelObjects(v *View) []*canvas.Image {
	r := test.WidgetRenderer(v).(*renderer)
	return r.labels.objs[:r.labels.n]
}

// TestMarginLabelsStandBesideTheirLines checks, on a narrow and a wide
// view, that each label is drawn left of the text and inside the view,
// on the line holding its offset, and that the text column keeps its
// place on a wide view and narrows to make room on a narrow one.
func TestMarginLabelsStandBesideTheirLines(t *testing.T) {
	for _, tt := range []struct {
		name     string
		width    float32
		narrower bool // the column must make room
	}{{"narrow", 500, true}, {"wide", 1800, false}} {
		t.Run(tt.name, func(t *testing.T) {
			w, v := newTestView(t, transcriptText, fyne.NewSize(tt.width, 600))
			leftBefore, wrapBefore := v.left(), v.wc.width
			offs := turnOffsets(v)
			v.SetMarginLabels([]MarginLabel{{offs[0], "MODERATOR 0:00"}, {offs[1], "ALVAREZ 0:12"}, {offs[2], "BRENNAN 1:05:09"}})
			w.Canvas().Refresh(v)
			if tt.narrower {
				if v.left() <= leftBefore || v.wc.width >= wrapBefore {
					t.Errorf("text at %v wrapping to %v, was %v and %v: want the column to make room", v.left(), v.wc.width, leftBefore, wrapBefore)
				}
			} else if v.left() != leftBefore || v.wc.width != wrapBefore {
				t.Errorf("wide view moved the column: left %v→%v, width %v→%v", leftBefore, v.left(), wrapBefore, v.wc.width)
			}
			objs := labelObjects(v)
			if len(objs) != 3 {
				t.Fatalf("%d labels drawn, want 3", len(objs))
			}
			for i, o := range objs {
				pos, _ := v.PositionOf(offs[i])
				top, bottom := pos.Y-v.m.lineH/2, pos.Y+v.m.lineH/2
				switch {
				case o.Position().X < 0 || o.Position().X+o.Size().Width > v.left():
					t.Errorf("label %d spans x %v–%v; the text starts at %v", i, o.Position().X, o.Position().X+o.Size().Width, v.left())
				case o.Position().Y < top || o.Position().Y+o.Size().Height > bottom:
					t.Errorf("label %d spans y %v–%v, its line %v–%v", i, o.Position().Y, o.Position().Y+o.Size().Height, top, bottom)
				}
			}
		})
	}
}

// TestMarginLabelsAreNotText checks that the labels add nothing to the
// text or its selection, and that a click on one is a click at the start
// of its line.
func TestMarginLabelsAreNotText(t *testing.T) {
	w, v := newTestView(t, transcriptText, fyne.NewSize(500, 600))
	offs := turnOffsets(v)
	v.SetMarginLabels([]MarginLabel{{offs[1], "ALVAREZ 0:12"}})
	w.Canvas().Refresh(v)
	o := labelObjects(v)[0]
	mid := o.Position().Add(fyne.NewDelta(o.Size().Width/2, o.Size().Height/2))
	if got := v.OffsetAt(mid); got != offs[1] {
		t.Errorf("click on the label hits %d, want its line's start %d", got, offs[1])
	}
	test.Tap(v) // the view takes the keyboard
	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if v.SelectedText() != transcriptText {
		t.Errorf("select all holds %q…", v.SelectedText()[:40])
	}
	v.SetText("Another text.")
	if len(v.MarginLabels()) != 0 || v.marginRoom() != 0 {
		t.Errorf("SetText kept %d labels", len(v.MarginLabels()))
	}
}

// TestMarginLabelText checks what a line's label says: one label as it is,
// two on a line as the first and "+1", a label wider than the margin cut
// with an ellipsis that fits, and none on lines no label points at.
func TestMarginLabelText(t *testing.T) {
	w, v := newTestView(t, transcriptText, fyne.NewSize(500, 600))
	offs := turnOffsets(v)
	long := "Alexandra Montgomery-Fitzwilliam of the Opposition 1:02:03"
	v.SetMarginLabels([]MarginLabel{{offs[2] + 5, "B"}, {offs[2], "A"}, {offs[1], long}})
	w.Canvas().Refresh(v)
	vis := v.visibleLines(nil)
	room := v.marginRoom() - v.marginGap()
	for _, vl := range vis {
		got := v.labelOn(vl)
		switch vl.start {
		case offs[0]:
			if got != "" {
				t.Errorf("first line labelled %q", got)
			}
		case offs[1]:
			cut := v.fitLabel(got, room)
			if got != long || !strings.HasSuffix(cut, "…") || v.captionWidth(cut) > room {
				t.Errorf("long label %q drawn as %q (%v wide, room %v)", got, cut, v.captionWidth(cut), room)
			}
		case offs[2]:
			if got != "A +1" {
				t.Errorf("line with two labels says %q, want %q", got, "A +1")
			}
		default:
			if got != "" {
				t.Errorf("line at %d labelled %q", vl.start, got)
			}
		}
	}
}

// TestMarginHidesWhenTooNarrow checks that a view too narrow to hold a
// readable label draws none and gives the text all its width.
func TestMarginHidesWhenTooNarrow(t *testing.T) {
	w, v := newTestView(t, transcriptText, fyne.NewSize(120, 400))
	v.SetMarginLabels([]MarginLabel{{0, "MODERATOR 0:00"}})
	w.Canvas().Refresh(v)
	if v.marginRoom() != 0 || len(labelObjects(v)) != 0 || v.left() != v.m.pad {
		t.Errorf("a 120-wide view keeps %v for labels and draws %d", v.marginRoom(), len(labelObjects(v)))
	}
}

// TestMarginMeasuresShapesNotTurns checks that thousands of labels that
// differ only in their times cost a few measurements, not one each.
func TestMarginMeasuresShapesNotTurns(t *testing.T) {
	text := strings.Repeat("A turn of a long debate.\n", 3000)
	_, v := newTestView(t, text, fyne.NewSize(800, 600))
	labels := make([]MarginLabel, 0, 3000)
	for i := range 3000 {
		labels = append(labels, MarginLabel{Offset: i * 25, Text: fmt.Sprintf("SPEAKER%d %d:%02d", i%3, i/60, i%60)})
	}
	v.SetMarginLabels(labels)
	clear(v.mg.widths) // what drawing the visible ones measured
	v.measureMargin()
	if n := len(v.mg.widths); n > 4 {
		t.Errorf("%d measurements for 3000 labels of 3 speakers", n)
	}
	if v.marginRoom() <= 0 {
		t.Errorf("no room for the labels on an 800-wide view")
	}
}
