package textview

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestLineImagesMatchText checks that the view's line images give the
// pixels canvas.Text objects of the same lines would: glyphs where hit
// testing (fyne.MeasureText sums) expects them. Anti-aliased edges may differ
// by a level or two: the off-screen capture stores the glyphs unpremultiplied
// in 8 bits on their way into the image.
func TestLineImagesMatchText(t *testing.T) {
	for _, size := range []float32{0, 11, 23} {
		w, v := newTestView(t, shortText, fyne.NewSize(360, 240))
		v.SetTextSize(size)
		got := w.Canvas().Capture()
		var texts []fyne.CanvasObject
		for _, vl := range v.visibleLines(nil) {
			s := v.doc.text[vl.bstart:vl.bend]
			tx := canvas.NewText(s, v.m.fg)
			tx.TextSize = v.m.textSize
			tx.Move(fyne.NewPos(v.m.pad, vl.y+v.m.spacing/2))
			tx.Resize(fyne.NewSize(v.wrapWidth(), v.m.textH))
			texts = append(texts, tx)
		}
		ref := test.NewTempWindow(t, container.NewWithoutLayout(texts...))
		ref.SetPadded(false)
		ref.Resize(fyne.NewSize(360, 240))
		want := ref.Canvas().Capture()
		area := got.Bounds()
		area.Max.X -= int(v.m.pad) // not the scroll bar
		off, worst := differingPixels(got, want, area, 2)
		if off > 0 {
			t.Errorf("text size %v: %d pixels differ from canvas.Text by more than 2 levels (at worst %d)", v.m.textSize, off, worst)
		}
	}
}

// differingPixels counts the pixels of area where a channel of a and b
// differs by more than tol, and returns the largest difference.
func differingPixels(a, b image.Image, area image.Rectangle, tol int) (n, worst int) {
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			ar, ag, ab, aa := a.At(x, y).RGBA()
			br, bg, bb, ba := b.At(x, y).RGBA()
			d := 0
			for _, c := range [][2]uint32{{ar, br}, {ag, bg}, {ab, bb}, {aa, ba}} {
				d = max(d, abs(int(c[0]>>8)-int(c[1]>>8)))
			}
			worst = max(worst, d)
			if d > tol {
				n++
			}
		}
	}
	return n, worst
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestStrokedBandsMatchRectangles checks that a stroked band's image gives
// the pixels of the canvas.Rectangle it stands for, at whole and fractional
// positions.
func TestStrokedBandsMatchRectangles(t *testing.T) {
	test.NewTempApp(t)
	var rz rasterizer
	fill, stroke, width := bandColors(color.NRGBA{R: 0x22, G: 0xbb, B: 0x44, A: 0xff}, true)
	var imgs, rects []fyne.CanvasObject
	for i, b := range []struct{ x, y, w, h float32 }{
		{10, 10, 120, 23.078125}, {20.5, 50.25, 57.3, 11.5}, {3.75, 90.671875, 200.125, 7.69},
	} {
		k := newBandKey(b.w, b.h, fill, stroke, width)
		ra := rz.drawBand(k, rasterStyle{scale: 1})
		if ra.img == nil {
			t.Fatalf("band %d: nothing drawn", i)
		}
		img := canvas.NewImageFromImage(ra.img)
		img.ScaleMode = canvas.ImageScalePixels
		img.Move(fyne.NewPos(b.x, b.y).Add(ra.off))
		img.Resize(ra.size)
		imgs = append(imgs, img)
		rc := canvas.NewRectangle(fill)
		rc.StrokeColor, rc.StrokeWidth = stroke, width
		rc.Move(fyne.NewPos(b.x, b.y))
		rc.Resize(fyne.NewSize(b.w, b.h))
		rects = append(rects, rc)
	}
	capture := func(objs []fyne.CanvasObject) image.Image {
		w := test.NewTempWindow(t, container.NewWithoutLayout(objs...))
		w.SetPadded(false)
		w.Resize(fyne.NewSize(240, 120))
		return w.Canvas().Capture()
	}
	got, want := capture(imgs), capture(rects)
	if off, worst := differingPixels(got, want, got.Bounds(), 2); off > 0 {
		t.Errorf("%d pixels differ from canvas.Rectangle by more than 2 levels (at worst %d)", off, worst)
	}
}

// TestLineImagesIncremental checks that a selection drag rasterises no line,
// a scroll step only the lines that appear, and that the cache stays bounded.
func TestLineImagesIncremental(t *testing.T) {
	text, hs := megabyte()
	w, v := newTestView(t, text, fyne.NewSize(900, 700))
	v.SetHighlights(hs)
	w.Canvas().Capture()
	r := test.WidgetRenderer(v).(*renderer)
	li := &r.texts.cache
	// the first frame also rasterised a few lines of the window's layout
	// at its minimum size
	if rows := len(r.vis); li.drawn < rows-2 || li.drawn > rows+4 {
		t.Fatalf("first frame rasterised %d lines for %d visible", li.drawn, rows)
	}

	drawn := li.drawn
	lh := v.m.lineH
	test.Drag(w.Canvas(), fyne.NewPos(400, 12*lh), 300, 8*lh)
	w.Canvas().Capture()
	if s, e := v.Selection(); s == e {
		t.Fatal("drag selected nothing")
	}
	if li.drawn != drawn {
		t.Errorf("a selection drag rasterised %d lines", li.drawn-drawn)
	}

	center := fyne.NewPos(450, 350)
	for i := 0; i < 100; i++ {
		drawn = li.drawn
		test.Scroll(w.Canvas(), center, 0, -40)
		if max := int(40/lh) + 2; li.drawn-drawn > max {
			t.Fatalf("scroll step %d rasterised %d lines, want at most %d", i, li.drawn-drawn, max)
		}
		if n, limit := len(li.entries), lineCacheLimit(len(r.vis)); n > limit {
			t.Fatalf("after %d scroll steps %d images cached, limit %d", i+1, n, limit)
		}
	}

	drawn = li.drawn
	for i := 0; i < 10; i++ { // back up a few screens: all still cached
		test.Scroll(w.Canvas(), center, 0, 40)
	}
	if li.drawn != drawn {
		t.Errorf("scrolling back over cached lines rasterised %d", li.drawn-drawn)
	}
}

// TestLineImagesFollowTheme checks that a new theme variant, text size or
// text re-rasterises the lines in the new style.
func TestLineImagesFollowTheme(t *testing.T) {
	w, v := newTestView(t, shortText, fyne.NewSize(360, 240))
	test.ApplyTheme(t, forceVariant(theme.VariantLight))
	w.Canvas().Capture()
	r := test.WidgetRenderer(v).(*renderer)
	light := r.texts.cache.style
	drawn := r.texts.cache.drawn

	test.ApplyTheme(t, forceVariant(theme.VariantDark))
	w.Canvas().Capture()
	if r.texts.cache.style.fg == light.fg || r.texts.cache.drawn == drawn {
		t.Errorf("dark variant: style %+v (light %+v), rasterised %d", r.texts.cache.style, light, r.texts.cache.drawn-drawn)
	}
	lines, _ := shownLines(v)
	if len(lines) == 0 {
		t.Fatal("no lines shown")
	}
	if !inkHasColour(lines[0].Image.Image, r.texts.cache.style.fg.R) {
		t.Error("dark variant: first line not drawn in the dark foreground")
	}

	drawn = r.texts.cache.drawn
	v.SetTextSize(v.m.textSize + 4)
	if r.texts.cache.drawn == drawn || r.texts.cache.style.size != v.m.textSize {
		t.Errorf("new text size not re-rasterised: style %+v", r.texts.cache.style)
	}

	gen := r.texts.cache.style.gen
	v.SetText("Another text.")
	if r.texts.cache.style.gen == gen || len(r.texts.cache.entries) != 1 {
		t.Errorf("new text: gen %d, %d images cached", r.texts.cache.style.gen, len(r.texts.cache.entries))
	}
}

// inkHasColour reports whether some fully opaque pixel of img has red r.
func inkHasColour(img image.Image, r uint8) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			cr, _, _, ca := img.At(x, y).RGBA()
			if ca == 0xffff && uint8(cr>>8) == r {
				return true
			}
		}
	}
	return false
}
