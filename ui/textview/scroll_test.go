package textview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// shownLines returns the line objects the renderer shows, top to bottom,
// and how many objects it shows in all.
func shownLines(v *View) (lines []*lineObj, objects int) {
	r := test.WidgetRenderer(v).(*renderer)
	byImage := map[*canvas.Image]*lineObj{}
	for _, o := range r.texts.byLine {
		byImage[&o.Image] = o
	}
	objs := r.Objects()
	for _, o := range objs {
		if img, ok := o.(*canvas.Image); ok && byImage[img] != nil {
			lines = append(lines, byImage[img])
		}
	}
	return lines, len(objs)
}

// shownTexts returns the texts of the lines the renderer shows, and how
// many objects it shows in all.
func shownTexts(v *View) (texts []string, objects int) {
	lines, n := shownLines(v)
	for _, o := range lines {
		texts = append(texts, o.text)
	}
	return texts, n
}

// wrappedParagraphs counts the paragraphs wrapped exactly so far.
func wrappedParagraphs(v *View) int {
	n := 0
	for _, ls := range v.wc.lines {
		if ls != nil {
			n++
		}
	}
	return n
}

// maxObjects bounds the objects for a 900×700 view: a text per visible line
// (~30), a few highlight bands per line, selection, bar.
const maxObjects = 200

func TestScrollLongText(t *testing.T) {
	text, hs := megabyte()
	w, v := newTestView(t, text, fyne.NewSize(900, 700))
	v.SetHighlights(hs)
	w.Canvas().Capture()
	before, n := shownTexts(v)
	if n > maxObjects || len(before) < 20 {
		t.Fatalf("first frame: %d objects, %d texts", n, len(before))
	}
	center := fyne.NewPos(450, 350)
	for i := 0; i < 50; i++ {
		test.Scroll(w.Canvas(), center, 0, -120)
		if i%10 == 0 {
			w.Canvas().Capture()
		}
		if _, n := shownTexts(v); n > maxObjects {
			t.Fatalf("after %d scroll steps: %d objects", i+1, n)
		}
	}
	after, _ := shownTexts(v)
	if strings.Join(after, "\n") == strings.Join(before, "\n") {
		t.Error("scrolling did not change the visible lines")
	}
	if got := v.topLine(); got < 250 {
		t.Errorf("50 steps of 120 px moved to line %.1f", got)
	}
	if p := wrappedParagraphs(v); p > 60 {
		t.Errorf("%d of %d paragraphs wrapped: wrapping is not lazy", p, len(v.doc.paras))
	}
	test.Scroll(w.Canvas(), center, 0, 100000)
	if v.scr != (scrollState{}) {
		t.Errorf("scrolling far up: %+v, want the top", v.scr)
	}
}

func TestScrollKeepsLineObjects(t *testing.T) {
	text, _ := megabyte()
	w, v := newTestView(t, text, fyne.NewSize(900, 700))
	w.Canvas().Capture()
	r := test.WidgetRenderer(v).(*renderer)
	before := map[string]*lineObj{}
	lines, _ := shownLines(v)
	for _, o := range lines {
		before[o.text] = o
	}
	drawn := r.texts.cache.drawn
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	kept := 0
	lines, _ = shownLines(v)
	for _, o := range lines {
		if before[o.text] == o {
			kept++
		}
	}
	if d := r.texts.cache.drawn - drawn; d > 2 {
		t.Errorf("scrolling a line rasterised %d lines", d)
	}
	if kept < len(before)-2 || len(r.changed) > 2 {
		t.Errorf("scrolling a line kept %d of %d text objects and changed %d", kept, len(before), len(r.changed))
	}
}

func TestKeysScroll(t *testing.T) {
	text, _ := megabyte()
	_, v := newTestView(t, text, fyne.NewSize(900, 700))
	rows := v.viewHeight() / v.m.lineH
	page := v.viewHeight() - v.m.lineH // what a page key scrolls, in pixels
	near := func(got, want float32) bool { return got >= want-1 && got <= want+1 }
	for _, tc := range []struct {
		key  fyne.KeyName
		want func(px, top float32) bool // px: pixels scrolled; top: top line
	}{
		{fyne.KeyPageDown, func(px, _ float32) bool { return near(px, page) }},
		{fyne.KeyDown, func(px, _ float32) bool { return near(px, page+v.m.lineH) }},
		{fyne.KeyPageUp, func(px, _ float32) bool { return near(px, v.m.lineH) }},
		{fyne.KeyEnd, func(_, top float32) bool { return top >= float32(v.wc.counts.total())-rows-1 }},
		{fyne.KeyHome, func(px, _ float32) bool { return px == 0 }},
	} {
		v.TypedKey(&fyne.KeyEvent{Name: tc.key})
		px, top := scrolledPixels(v), v.topLine()
		if !tc.want(px, top) {
			t.Errorf("after %s: scrolled %.1f pixels, top line %.1f (a page is %.1f pixels, %.1f lines)", tc.key, px, top, page, rows)
		}
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	vis := v.visibleLines(nil)
	if last := vis[len(vis)-1]; last.end != v.doc.size || last.y+v.m.lineH > v.size.Height {
		t.Errorf("End: last visible line %+v, view height %v", last, v.size.Height)
	}
}

func TestSetSelectionFarDownScrolls(t *testing.T) {
	text, _ := megabyte()
	w, v := newTestView(t, text, fyne.NewSize(900, 700))
	start := v.doc.size * 4 / 5
	v.SetSelection(start, start+20)
	w.Canvas().Capture()
	if !v.offsetVisible(start) {
		t.Fatal("selection start not visible")
	}
	texts, _ := shownTexts(v)
	p, i := v.lineOf(start)
	want := strings.TrimRight(v.doc.text[v.wc.lines[p][i].bstart:v.wc.lines[p][i].bend], " ")
	at := -1
	for k, s := range texts {
		if s == want {
			at = k
		}
	}
	if at < 0 {
		t.Fatalf("selected line %q not among the texts shown", want)
	}
	if rows := len(texts); at < rows/5 || at > rows/2 {
		t.Errorf("selected line is row %d of %d, want near the top third", at, rows)
	}
	if n := wrappedParagraphs(v); n > 20 {
		t.Errorf("SetSelection wrapped %d paragraphs", n)
	}
}

func TestScrollBarDrag(t *testing.T) {
	text, _ := megabyte()
	w, v := newTestView(t, text, fyne.NewSize(900, 700))
	y, h, ok := v.barGeometry()
	if !ok || y != 0 || h <= 0 {
		t.Fatalf("bar geometry %v %v %v", y, h, ok)
	}
	grab := fyne.NewPos(v.size.Width-2, h/2)
	test.Drag(w.Canvas(), grab.Add(fyne.NewPos(0, 300)), 0, 300)
	if y2, _, _ := v.barGeometry(); y2 < 250 || y2 > 350 {
		t.Errorf("thumb moved to %v after a 300 px drag", y2)
	}
	if s, e := v.Selection(); s != e {
		t.Errorf("dragging the bar selected %d,%d", s, e)
	}
}

func TestSetTextSizeRewraps(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	before := v.wc.counts.total()
	v.SetTextSize(v.m.textSize * 2)
	if after := v.wc.counts.total(); after <= before {
		t.Errorf("doubling the text size: %d lines, was %d", after, before)
	}
	texts, _ := shownTexts(v)
	for _, s := range texts {
		if w := fyne.MeasureText(s, v.m.textSize, fyne.TextStyle{}).Width; w > v.wrapWidth()+1 {
			t.Errorf("line %q is %v wide, wrap width %v", s, w, v.wrapWidth())
		}
	}
}

func TestScrollRequestedBeforeShown(t *testing.T) {
	text, _ := megabyte()
	test.NewTempApp(t)
	v := New()
	v.SetText(text)
	start := v.doc.size / 2
	v.SetSelection(start, start+10)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(900, 700))
	if !v.offsetVisible(start) {
		t.Errorf("selection made before the view was shown is not in view: top %+v", v.scr)
	}
}

// scrolledPixels is how far the view is scrolled from the top, in pixels,
// counting the paragraph gaps; it wraps every paragraph above the view.
func scrolledPixels(v *View) float32 {
	px := v.scr.dy
	for p := 0; p <= v.scr.para; p++ {
		n := len(v.linesOf(p))
		if p == v.scr.para {
			n = v.scr.line
		}
		for l := 0; l < n; l++ {
			px += v.pitch(p, l)
		}
	}
	return px
}
