package textview

// Benchmarks of whole frames in the software test driver (900×700 window),
// run with: go test -run '^$' -bench . ./ui/textview
//
// Each reports ms/op (the whole operation including the frame capture) and
// ms-above-floor/op: minus the cost of capturing an empty window of the same
// size, measured once per process (BenchmarkEmptyFrame measures it too).
// BenchmarkOurs50KB also reports x-faster-than-RichText: RichText's time
// above the floor divided by ours, for the same 50 KB text, both cold.

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

var benchSize = fyne.NewSize(900, 700)

// benchWindow shows content in a new 900×700 test window of the current app.
func benchWindow(content fyne.CanvasObject) fyne.Window {
	w := test.NewWindow(content)
	w.Resize(benchSize)
	return w
}

// msPerOp is the benchmark's timed duration per iteration in milliseconds.
func msPerOp(b *testing.B) float64 {
	return float64(b.Elapsed().Nanoseconds()) / 1e6 / float64(b.N)
}

// report adds ms/op and ms-above-floor/op to the benchmark's results.
func report(b *testing.B) float64 {
	ms := msPerOp(b)
	b.ReportMetric(ms, "ms/op")
	b.ReportMetric(ms-frameFloor(), "ms-above-floor/op")
	return ms
}

// median runs f n times and returns the median duration in milliseconds.
func median(n int, f func()) float64 {
	d := make([]float64, n)
	for i := range d {
		t := time.Now()
		f()
		d[i] = float64(time.Since(t).Nanoseconds()) / 1e6
	}
	sort.Float64s(d)
	return d[n/2]
}

var (
	floorOnce sync.Once
	floorMS   float64
)

// frameFloor is the median time to capture an empty 900×700 window.
func frameFloor() float64 {
	floorOnce.Do(func() {
		test.NewApp()
		w := benchWindow(container.NewWithoutLayout())
		for i := 0; i < 5; i++ {
			w.Canvas().Capture()
		}
		floorMS = median(31, func() { w.Canvas().Capture() })
	})
	return floorMS
}

func BenchmarkEmptyFrame(b *testing.B) {
	frameFloor()
	test.NewApp()
	w := benchWindow(container.NewWithoutLayout())
	w.Canvas().Capture()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Canvas().Capture()
	}
	report(b)
}

// loadCold times, in a fresh app (cold text-measurement caches), showing
// text with highlights in a new view and capturing the first frame.
func loadCold(b *testing.B, text string, hs []Highlight) {
	frameFloor()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		test.NewApp()
		b.StartTimer()
		v := New()
		w := benchWindow(v)
		v.SetText(text)
		v.SetHighlights(hs)
		w.Canvas().Capture()
	}
}

func BenchmarkLoad1MBCold(b *testing.B) {
	text, hs := megabyte()
	loadCold(b, text, hs)
	report(b)
}

var (
	text50Once sync.Once
	text50     string
	richMS     float64 // RichText's cold first frame for text50, once measured
)

func fiftyKB() string {
	text50Once.Do(func() { text50 = genProse(50*1024, 4) })
	return text50
}

// richTextLoad shows text in a wrapping RichText (one paragraph segment per
// line of text, as RichText is meant to be fed) in a VScroll in a fresh app
// and captures the first frame.
func richTextLoad(text string) {
	richTextLoadIn(text, true)
}

// richTextLoadIn is richTextLoad, with or without the VScroll.
func richTextLoadIn(text string, scroll bool) {
	test.NewApp()
	var segs []widget.RichTextSegment
	for _, p := range strings.Split(text, "\n") {
		segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: p})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	var content fyne.CanvasObject = rt
	if scroll {
		content = container.NewVScroll(rt)
	}
	w := benchWindow(content)
	w.Canvas().Capture()
}

func BenchmarkRichText50KB(b *testing.B) {
	text := fiftyKB()
	frameFloor()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		richTextLoad(text)
	}
	richMS = report(b)
}

// BenchmarkRichText50KBNoScroll is BenchmarkRichText50KB with the RichText
// as the window's content (it shows only the first screenful then): most of
// RichText's time in a VScroll goes to re-wrapping during layout.
func BenchmarkRichText50KBNoScroll(b *testing.B) {
	text := fiftyKB()
	frameFloor()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		richTextLoadIn(text, false)
	}
	report(b)
}

func BenchmarkOurs50KB(b *testing.B) {
	text := fiftyKB()
	loadCold(b, text, nil)
	ours := report(b)
	if richMS == 0 { // BenchmarkRichText50KB did not run: measure it once
		b.StopTimer()
		richMS = median(1, func() { richTextLoad(text) })
	}
	floor := frameFloor()
	ratio := (richMS - floor) / (ours - floor)
	b.ReportMetric(ratio, "x-faster-than-RichText")
	b.Logf("50 KB cold first frame: RichText %.1f ms, ours %.1f ms, floor %.1f ms: ours is %.0f× faster above the floor",
		richMS, ours, floor, ratio)
}

// megabyteWindow shows the 1 MB text with 10k highlights and paints it once.
func megabyteWindow() (fyne.Window, *View) {
	text, hs := megabyte()
	test.NewApp()
	v := New()
	w := benchWindow(v)
	v.SetText(text)
	v.SetHighlights(hs)
	w.Canvas().Capture()
	return w, v
}

// BenchmarkPainterBound captures a window holding only the line images of
// the view's first frame of the 1 MB text, without the view: the cost of
// blitting them, a lower bound for a scroll or drag step.
func BenchmarkPainterBound(b *testing.B) {
	frameFloor()
	_, v := megabyteWindow()
	bare := bareLines(v, false)
	w := benchWindow(container.NewWithoutLayout(bare...))
	w.Canvas().Capture()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Canvas().Capture()
	}
	report(b)
	b.ReportMetric(float64(len(bare)), "lines")
}

// BenchmarkPainterBoundText is BenchmarkPainterBound with each line drawn
// as a canvas.Text, as the view did before it cached line images: the
// software painter shapes and rasterises every glyph on every frame.
func BenchmarkPainterBoundText(b *testing.B) {
	frameFloor()
	_, v := megabyteWindow()
	bare := bareLines(v, true)
	w := benchWindow(container.NewWithoutLayout(bare...))
	w.Canvas().Capture()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Canvas().Capture()
	}
	report(b)
	b.ReportMetric(float64(len(bare)), "lines")
}

// bareLines returns copies of the line objects the view shows, placed where
// it shows them: its images, or canvas.Texts of the same lines.
func bareLines(v *View, asText bool) []fyne.CanvasObject {
	lines, _ := shownLines(v)
	var bare []fyne.CanvasObject
	for _, o := range lines {
		if asText {
			t := canvas.NewText(o.text, v.m.fg)
			t.TextSize = v.m.textSize
			t.Move(fyne.NewPos(o.Position().X, o.Position().Y))
			t.Resize(fyne.NewSize(v.wrapWidth(), v.m.textH))
			bare = append(bare, t)
			continue
		}
		img := canvas.NewImageFromImage(o.Image.Image)
		img.ScaleMode = o.ScaleMode
		img.Move(o.Position())
		img.Resize(o.Size())
		bare = append(bare, img)
	}
	return bare
}

func BenchmarkScrollStep(b *testing.B) {
	frameFloor()
	w, v := megabyteWindow()
	center := fyne.NewPos(450, 350)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Scroll(w.Canvas(), center, 0, -40)
		w.Canvas().Capture()
	}
	b.StopTimer()
	if v.topLine() == 0 {
		b.Fatal("did not scroll")
	}
	report(b)
}

func BenchmarkDragStep(b *testing.B) {
	frameFloor()
	w, v := megabyteWindow()
	lh := v.m.lineH
	start := fyne.NewPos(100, 3*lh)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start}})
	prev := start
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pos := fyne.NewPos(150+float32(i%13)*40, float32(4+i%25)*lh)
		d := fyne.NewDelta(pos.X-prev.X, pos.Y-prev.Y)
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
		w.Canvas().Capture()
		prev = pos
	}
	b.StopTimer()
	v.DragEnd()
	if s, e := v.Selection(); s == e {
		b.Fatal("drag selected nothing")
	}
	report(b)
}

// BenchmarkScrollStepWithMargin is BenchmarkScrollStep with a transcript's
// margin: a speaker and time beside every paragraph of the 1 MB text
// (thousands of turns), all SetMarginLabels and the scrolling included.
func BenchmarkScrollStepWithMargin(b *testing.B) {
	frameFloor()
	w, v := megabyteWindow()
	speakers := []string{"MODERATOR", "Maria Alvarez", "Tom Brennan"}
	labels := make([]MarginLabel, 0, len(v.doc.paras))
	for i, p := range v.doc.paras {
		labels = append(labels, MarginLabel{Offset: p.start, Text: speakers[i%3] + " " + clock(i*17)})
	}
	setStart := time.Now()
	v.SetMarginLabels(labels)
	set := float64(time.Since(setStart).Microseconds()) / 1000
	w.Canvas().Capture()
	center := fyne.NewPos(450, 350)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Scroll(w.Canvas(), center, 0, -40)
		w.Canvas().Capture()
	}
	b.StopTimer()
	if v.topLine() == 0 || v.marginRoom() == 0 {
		b.Fatal("did not scroll, or no margin")
	}
	report(b)
	b.ReportMetric(float64(len(labels)), "labels")
	b.ReportMetric(set, "ms-to-set-labels")
}

// clock spells seconds as h:mm:ss.
func clock(s int) string {
	return strconv.Itoa(s/3600) + ":" + strconv.Itoa(s/600%6) + strconv.Itoa(s/60%10) + ":" + strconv.Itoa(s%60/10) + strconv.Itoa(s%10)
}
