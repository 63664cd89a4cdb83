package textview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// renderer draws the visible lines: highlight bands, then selection, then
// one image of each line's text (see raster.go), then the margin's labels,
// then the scroll bar.
// Objects are pooled; only those in use are returned by Objects.
type renderer struct {
	v       *View
	style   rasterStyle // this build's
	raster  rasterizer
	texts   lineTexts
	stroked bandImages
	labels  labelImages // the margin's (margin.go)
	rects   []*canvas.Rectangle
	nRect   int
	bar     *canvas.Rectangle
	tick    canvas.Rectangle // never shown: refreshing it makes the canvas repaint
	objects []fyne.CanvasObject
	vis     []visLine           // scratch: the visible lines
	hits    []int               // scratch: highlights overlapping them
	bands   []band              // scratch: one line's bands
	changed []fyne.CanvasObject // line objects whose image changed this build
}

// Layout is part of fyne.WidgetRenderer.
func (r *renderer) Layout(size fyne.Size) {
	r.v.resize(size)
	r.build()
}

// MinSize is part of fyne.WidgetRenderer.
func (r *renderer) MinSize() fyne.Size { return r.v.MinSize() }

// Refresh is part of fyne.WidgetRenderer: it re-reads the theme and redraws.
func (r *renderer) Refresh() {
	r.v.applyTheme()
	r.build()
}

// Objects is part of fyne.WidgetRenderer.
func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy is part of fyne.WidgetRenderer.
func (r *renderer) Destroy() {}

// build lays out the objects for the current state and asks the canvas to
// repaint, re-uploading only the line images that changed.
func (r *renderer) build() {
	v := r.v
	r.vis = v.visibleLines(r.vis[:0])
	r.objects, r.changed = r.objects[:0], r.changed[:0]
	r.nRect = 0
	r.style = v.rasterStyle()
	r.stroked.begin(r.style)
	r.hits = r.hits[:0]
	if n := len(r.vis); n > 0 {
		r.hits = v.hl.overlapping(r.vis[0].start, r.vis[n-1].end+1, r.hits)
	}
	for _, vl := range r.vis {
		r.addBands(vl)
	}
	start, end := v.Selection()
	for _, vl := range r.vis {
		r.addSelection(vl, start, end)
	}
	r.stroked.end()
	r.addTexts()
	r.addLabels()
	r.addBar()
	r.repaint()
}

// repaint refreshes the changed line objects, and an invisible rectangle so the
// canvas repaints even when none changed. Refreshing the whole widget would
// make the GL driver discard the textures of every line.
func (r *renderer) repaint() {
	c := r.v.canvas()
	if c == nil {
		return
	}
	for _, o := range r.changed {
		c.Refresh(o)
	}
	c.Refresh(&r.tick)
}

// rect returns the next pooled rectangle, added to the objects.
func (r *renderer) rect() *canvas.Rectangle {
	if r.nRect == len(r.rects) {
		r.rects = append(r.rects, &canvas.Rectangle{})
	}
	rc := r.rects[r.nRect]
	r.nRect++
	r.objects = append(r.objects, rc)
	return rc
}

// place positions a rectangle from x0 to x1 (text coordinates) at y, h high.
func (r *renderer) place(rc *canvas.Rectangle, x0, x1, y, h float32) {
	rc.Move(fyne.NewPos(r.v.left()+x0, y))
	rc.Resize(fyne.NewSize(x1-x0, h))
}

// addBands draws the highlights of one line as bands; overlapping ones
// split the line's height into lanes.
func (r *renderer) addBands(vl visLine) {
	r.bands = r.bands[:0]
	for _, j := range r.hits {
		h := r.v.hl.hs[j]
		if s, e := max(h.Start, vl.start), min(h.End, vl.end); s < e {
			r.bands = append(r.bands, band{idx: j, start: s, end: e})
		}
	}
	assignLanes(r.bands)
	for _, b := range r.bands {
		r.addBand(vl, b)
	}
}

func (r *renderer) addBand(vl visLine, b band) {
	v := r.v
	h := v.hl.hs[b.idx]
	laneH := v.m.lineH / float32(b.lanes)
	fill, stroke, width := bandColors(h.Color, h.Dashed)
	x0, x1, y := v.xAt(vl.line, b.start), v.xAt(vl.line, b.end), vl.y+float32(b.lane)*laneH
	if stroke != nil {
		r.addStrokedBand(newBandKey(x1-x0, laneH, fill, stroke, width), fyne.NewPos(v.left()+x0, y))
		return
	}
	rc := r.rect()
	rc.FillColor, rc.StrokeColor, rc.StrokeWidth = fill, nil, 0
	rc.CornerRadius = 0
	r.place(rc, x0, x1, y, laneH)
}

// defaultColor is used for highlights without a colour.
var defaultColor = color.NRGBA{R: 0xff, G: 0xc8, B: 0x00, A: 0xff}

// Tint is the fill the view draws for a highlight of colour c: opaque
// colours become translucent so that overlaps and the text stay visible.
// A legend draws its swatches with it to match the text.
func Tint(c color.Color) color.NRGBA {
	if c == nil {
		c = defaultColor
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	if n.A == 0xff {
		n.A = 0x70
	}
	return n
}

// bandColors returns fill, stroke and stroke width for a highlight: its
// Tint; dashed ones get DashedTint's paler fill and outline.
func bandColors(c color.Color, dashed bool) (fill, stroke color.Color, width float32) {
	if !dashed {
		return Tint(c), nil, 0
	}
	fill, stroke = DashedTint(c)
	return fill, stroke, 1
}

// DashedTint is the fill and the outline the view draws for a dashed
// (suggested) highlight of colour c: a third of Tint's opacity, and an
// outline in c. A legend draws its swatches with it to match the text.
func DashedTint(c color.Color) (fill, stroke color.NRGBA) {
	n := Tint(c)
	stroke = color.NRGBA{R: n.R, G: n.G, B: n.B, A: 0xd0}
	n.A /= 3
	return n, stroke
}

// addSelection draws the selection's part of one line; a selected '\n'
// shows as a space-wide block at the end of the paragraph.
func (r *renderer) addSelection(vl visLine, start, end int) {
	v := r.v
	if start >= end {
		return
	}
	s, e := max(start, vl.start), min(end, vl.end)
	newline := vl.last && start <= vl.end && end > vl.end
	if s > e || (s == e && !newline) {
		return
	}
	x0, x1 := v.xAt(vl.line, s), v.xAt(vl.line, e)
	if newline {
		x1 += v.m.spaceW
	}
	rc := r.rect()
	rc.FillColor, rc.StrokeColor, rc.StrokeWidth = v.m.sel, nil, 0
	r.place(rc, x0, x1, vl.y, v.m.lineH)
}

// addBar draws the scroll bar thumb when the text is longer than the view.
func (r *renderer) addBar() {
	v := r.v
	y, h, ok := v.barGeometry()
	if !ok {
		return
	}
	if r.bar == nil {
		r.bar = &canvas.Rectangle{}
	}
	w := v.m.pad / 2
	r.bar.FillColor, r.bar.CornerRadius = v.m.bar, w/2
	r.bar.Move(fyne.NewPos(v.size.Width-w-1, y))
	r.bar.Resize(fyne.NewSize(w, h))
	r.objects = append(r.objects, r.bar)
}

// bandImages shows stroked (dashed-style) highlight bands as images of
// themselves drawn once off screen (see raster.go): the software painter
// would rasterise their outline again on every frame.
type bandImages struct {
	cache rasterCache[bandKey]
	objs  []*canvas.Image
	n     int // objects in use this build
}

// begin starts a build in style st.
func (bi *bandImages) begin(st rasterStyle) {
	bi.cache.begin(st)
	bi.n = 0
}

// end evicts images of bands no longer seen beyond a few screens' worth.
func (bi *bandImages) end() {
	bi.cache.trim(4*bi.n + 16)
}

// addStrokedBand shows the band k with its rectangle's top left at pos.
func (r *renderer) addStrokedBand(k bandKey, pos fyne.Position) {
	bi := &r.stroked
	ra := bi.cache.get(k, r.raster.drawBand)
	if ra.img == nil {
		return
	}
	if bi.n == len(bi.objs) {
		bi.objs = append(bi.objs, &canvas.Image{ScaleMode: canvas.ImageScalePixels})
	}
	o := bi.objs[bi.n]
	bi.n++
	if o.Image != ra.img {
		o.Image = ra.img
		r.changed = append(r.changed, o)
	}
	o.Move(pos.Add(ra.off))
	o.Resize(ra.size)
	r.objects = append(r.objects, o)
}
