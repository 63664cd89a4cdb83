package textview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// lineTexts keeps one canvas.Text per visible line. A line that stays on
// screen keeps its object from frame to frame (keyed by the line's first
// code point), so while scrolling only the lines that appear get new text:
// the GL driver then re-rasterises those alone and just moves the others.
type lineTexts struct {
	byLine map[int]*canvas.Text // objects of the last frame by line start
	next   map[int]*canvas.Text // being built for this frame
	spare  []*canvas.Text       // objects of lines no longer visible
}

// addTexts places the visible lines' texts, after the rectangles.
func (r *renderer) addTexts() {
	lt := &r.texts
	if lt.byLine == nil {
		lt.byLine, lt.next = map[int]*canvas.Text{}, map[int]*canvas.Text{}
	}
	clear(lt.next)
	for _, vl := range r.vis {
		if t, ok := lt.byLine[vl.start]; ok {
			lt.next[vl.start] = t
			delete(lt.byLine, vl.start)
		}
	}
	for _, t := range lt.byLine {
		lt.spare = append(lt.spare, t)
	}
	for _, vl := range r.vis {
		t, ok := lt.next[vl.start]
		if !ok {
			t = lt.take()
			lt.next[vl.start] = t
		}
		r.setText(t, vl)
	}
	lt.byLine, lt.next = lt.next, lt.byLine
}

// take returns a spare text object or a new one.
func (lt *lineTexts) take() *canvas.Text {
	if n := len(lt.spare); n > 0 {
		t := lt.spare[n-1]
		lt.spare = lt.spare[:n-1]
		return t
	}
	return &canvas.Text{}
}

// setText shows line vl in t, trailing spaces trimmed, and marks t changed
// when its content or style changed.
func (r *renderer) setText(t *canvas.Text, vl visLine) {
	v := r.v
	s := strings.TrimRight(v.doc.text[vl.bstart:vl.bend], " ")
	if t.Text != s || t.Color != v.m.fg || t.TextSize != v.m.textSize {
		t.Text, t.Color, t.TextSize = s, v.m.fg, v.m.textSize
		r.changed = append(r.changed, t)
	}
	t.Move(fyne.NewPos(v.m.pad, vl.y+v.m.spacing/2))
	t.Resize(fyne.NewSize(v.wrapWidth(), v.m.textH))
	if s != "" {
		r.objects = append(r.objects, t)
	}
}
