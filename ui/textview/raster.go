package textview

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
)

// Why lines are images: Fyne's software painter (the test driver, and so
// every benchmark and master) shapes and rasterises every canvas.Text glyph
// again on every frame, about 1 ms for a 130-character line, and rasterises
// a stroked rectangle's outline again too. A canvas.Image whose pixel size
// equals the object's pixel size is blitted as it is (the painter's drawTex
// path), and the GL driver keeps it as a texture until it is refreshed. So
// the view has Fyne itself draw each line's text, and each dashed highlight
// band, once on an off-screen software canvas (same shaping, glyph
// positions, fallback fonts and anti-aliasing as in the window), and shows
// the result as an image: a scroll step rasterises only the lines that
// appear, a selection change none.

// rasterStyle is what the rasters depend on besides their own key. A change
// of any of them drops every cached raster.
type rasterStyle struct {
	size  float32     // text size
	fg    color.NRGBA // text colour (follows the theme variant)
	scale float32     // pixels per Fyne unit of the canvas showing the view
	font  string      // name of the theme's text font
	gen   int         // View.gen: a new text drops the old one's images
}

// raster is an object drawn off screen, cropped to its visible pixels.
type raster struct {
	img  *image.RGBA // premultiplied, as GL textures and draw.Over want; nil: nothing visible
	off  fyne.Delta  // where img starts from where the object's drawing starts, in Fyne units
	size fyne.Size   // img's size in Fyne units, which the painters turn back into its pixels
	minH float32     // for text: its own height (canvas.Text centres it in a taller box)
	used uint64      // frame that last used it
}

// rasterCache keeps rasters by key, evicting the least recently used beyond
// a limit.
type rasterCache[K comparable] struct {
	style   rasterStyle
	entries map[K]*raster
	frame   uint64
	drawn   int // rasters made so far, for tests
}

// begin starts a frame drawn in style st.
func (c *rasterCache[K]) begin(st rasterStyle) {
	if c.entries == nil || st != c.style {
		c.entries = map[K]*raster{}
		c.style = st
	}
	c.frame++
}

// get returns the raster for k, making it with draw if it is not cached.
func (c *rasterCache[K]) get(k K, draw func(K, rasterStyle) *raster) *raster {
	e, ok := c.entries[k]
	if !ok {
		c.drawn++
		e = draw(k, c.style)
		c.entries[k] = e
	}
	e.used = c.frame
	return e
}

// trim evicts the least recently used rasters when there are more than
// limit, down to three quarters of it; rasters of this frame stay.
func (c *rasterCache[K]) trim(limit int) {
	if len(c.entries) <= limit {
		return
	}
	type aged struct {
		k    K
		used uint64
	}
	all := make([]aged, 0, len(c.entries))
	for k, e := range c.entries {
		all = append(all, aged{k, e.used})
	}
	slices.SortFunc(all, func(a, b aged) int {
		switch {
		case a.used < b.used:
			return -1
		case a.used > b.used:
			return 1
		}
		return 0
	})
	for _, a := range all {
		if len(c.entries) <= limit*3/4 || a.used == c.frame {
			break
		}
		delete(c.entries, a.k)
	}
}

// rasterizer draws objects off screen with Fyne's software painter.
type rasterizer struct {
	textCanvas test.WindowlessCanvas
	text       *canvas.Text
	rectCanvas test.WindowlessCanvas
	rect       *canvas.Rectangle
}

// drawText rasterises s as a canvas.Text in style st draws it at the top
// left of its box: the same pixels, glyph for glyph.
func (rz *rasterizer) drawText(s string, st rasterStyle) *raster {
	if rz.textCanvas == nil {
		rz.text = &canvas.Text{}
		rz.textCanvas = offscreen(rz.text)
	}
	t := rz.text
	t.Text, t.Color, t.TextSize = s, st.fg, st.size
	min := t.MinSize()
	r := capture(rz.textCanvas, min, st.scale)
	r.minH = min.Height
	return r
}

// bandKey is what a stroked highlight band looks like.
type bandKey struct {
	w, h         float32
	fill, stroke color.NRGBA
	strokeWidth  float32
	pad          float32 // the painter's margin around a stroked rectangle
}

// newBandKey describes a w×h rectangle filled and stroked as given.
func newBandKey(w, h float32, fill, stroke color.Color, width float32) bandKey {
	return bandKey{w: w, h: h, fill: nrgba(fill), stroke: nrgba(stroke), strokeWidth: width, pad: width + 2}
}

// drawBand rasterises a stroked rectangle as the painter draws it: the
// raster's offset is from the rectangle's top left.
func (rz *rasterizer) drawBand(k bandKey, st rasterStyle) *raster {
	if rz.rectCanvas == nil {
		rz.rect = &canvas.Rectangle{}
		rz.rectCanvas = offscreen(container.NewWithoutLayout(rz.rect))
	}
	rc := rz.rect
	rc.FillColor, rc.StrokeColor, rc.StrokeWidth = k.fill, k.stroke, k.strokeWidth
	rc.Move(fyne.NewPos(k.pad, k.pad))
	rc.Resize(fyne.NewSize(k.w, k.h))
	r := capture(rz.rectCanvas, fyne.NewSize(k.w+2*k.pad, k.h+2*k.pad), st.scale)
	r.off.DX, r.off.DY = r.off.DX-k.pad, r.off.DY-k.pad
	return r
}

// offscreen returns a transparent unpadded software canvas showing content.
func offscreen(content fyne.CanvasObject) test.WindowlessCanvas {
	c := software.NewTransparentCanvas()
	c.SetPadded(false)
	c.SetContent(content)
	return c
}

// capture paints c at size and scale and crops the result to its visible
// pixels.
func capture(c test.WindowlessCanvas, size fyne.Size, scale float32) *raster {
	c.SetScale(scale)
	c.Resize(size)
	r := &raster{}
	src, ok := c.Capture().(*image.NRGBA)
	if !ok {
		return r
	}
	ink := inkBounds(src)
	if ink.Empty() {
		return r
	}
	// Only the ink is blitted each frame: the software painter's cost is
	// per pixel, transparent or not.
	r.img = image.NewRGBA(image.Rect(0, 0, ink.Dx(), ink.Dy()))
	draw.Draw(r.img, r.img.Rect, src, ink.Min, draw.Src)
	r.off = fyne.NewDelta(float32(ink.Min.X)/scale, float32(ink.Min.Y)/scale)
	r.size = fyne.NewSize(unitsFor(ink.Dx(), scale), unitsFor(ink.Dy(), scale))
	return r
}

// unitsFor returns the length in Fyne units that the painters turn back into
// px pixels at scale: the software painter takes the ceiling of units×scale,
// GL rounds the object's start and end.
func unitsFor(px int, scale float32) float32 {
	u := float32(px) / scale
	for u*scale > float32(px) {
		u = math.Nextafter32(u, 0)
	}
	return u
}

// inkBounds returns the smallest rectangle holding all the image's
// non-transparent pixels.
func inkBounds(m *image.NRGBA) image.Rectangle {
	b := m.Rect
	ink := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := m.Pix[m.PixOffset(b.Min.X, y):m.PixOffset(b.Max.X, y)]
		first := -1
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0 {
				first = i / 4
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for i := len(row) - 1; i > 4*first; i -= 4 {
			if row[i] != 0 {
				last = i / 4
				break
			}
		}
		ink.Min.X, ink.Max.X = min(ink.Min.X, b.Min.X+first), max(ink.Max.X, b.Min.X+last+1)
		ink.Min.Y, ink.Max.Y = min(ink.Min.Y, y), y+1
	}
	if ink.Empty() {
		return image.Rectangle{}
	}
	return ink
}

// nrgba converts a colour, nil to transparent.
func nrgba(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{}
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// pixelScale returns the pixels per Fyne unit a canvas draws at: its scale,
// times the GL driver's texture scale (2 on a macOS Retina display, where
// the window's scale stays 1 but the frame buffer has twice the pixels).
func pixelScale(c fyne.Canvas) float32 {
	s := c.Scale()
	if s <= 0 {
		return 1
	}
	const probe = 1000
	px, _ := c.PixelCoordinateForPosition(fyne.NewPos(probe, 0))
	if tex := float32(px) / (probe * s); tex > 1.5 {
		s *= float32(int(tex + 0.5))
	}
	return s
}

// rasterStyle is the style the view's rasters are drawn in.
func (v *View) rasterStyle() rasterStyle {
	st := rasterStyle{size: v.m.textSize, fg: nrgba(v.m.fg), scale: 1, gen: v.gen}
	if v.m.font != nil {
		st.font = v.m.font.Name()
	}
	if c := v.canvas(); c != nil {
		st.scale = pixelScale(c)
	}
	return st
}
