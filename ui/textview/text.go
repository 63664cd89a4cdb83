package textview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// lineObj is the canvas object showing one visible line: an image of its
// text, drawn once off screen (see raster.go).
type lineObj struct {
	canvas.Image
	text string // the line's text, trailing spaces trimmed
}

// lineTexts keeps one object per visible line. A line that stays on screen
// keeps its object from frame to frame (keyed by the line's first code
// point), so while scrolling only the lines that appear get a new image: the
// GL driver then uploads those alone and just moves the others.
type lineTexts struct {
	byLine map[int]*lineObj // objects of the last frame by line start
	next   map[int]*lineObj // being built for this frame
	spare  []*lineObj       // objects of lines no longer visible
	cache  rasterCache[string]
}

// addTexts places the visible lines' texts, after the rectangles.
func (r *renderer) addTexts() {
	lt := &r.texts
	if lt.byLine == nil {
		lt.byLine, lt.next = map[int]*lineObj{}, map[int]*lineObj{}
	}
	lt.cache.begin(r.style)
	clear(lt.next)
	for _, vl := range r.vis {
		if o, ok := lt.byLine[vl.start]; ok {
			lt.next[vl.start] = o
			delete(lt.byLine, vl.start)
		}
	}
	for _, o := range lt.byLine {
		lt.spare = append(lt.spare, o)
	}
	for _, vl := range r.vis {
		o, ok := lt.next[vl.start]
		if !ok {
			o = lt.take()
			lt.next[vl.start] = o
		}
		r.setText(o, vl)
	}
	lt.byLine, lt.next = lt.next, lt.byLine
	lt.cache.trim(lineCacheLimit(len(r.vis)))
}

// take returns a spare line object or a new one.
func (lt *lineTexts) take() *lineObj {
	if n := len(lt.spare); n > 0 {
		o := lt.spare[n-1]
		lt.spare = lt.spare[:n-1]
		return o
	}
	o := &lineObj{}
	// At its pixel size the image is blitted as is; should the sizes ever
	// differ by rounding, nearest-neighbour keeps the glyphs sharp.
	o.ScaleMode = canvas.ImageScalePixels
	return o
}

// setText shows line vl in o, and marks o changed when its image changed.
func (r *renderer) setText(o *lineObj, vl visLine) {
	v := r.v
	s := strings.TrimRight(v.doc.text[vl.bstart:vl.bend], " ")
	o.text = s
	if s == "" {
		return
	}
	li := r.texts.cache.get(s, r.raster.drawText)
	if li.img == nil {
		return
	}
	if o.Image.Image != li.img {
		o.Image.Image = li.img
		r.changed = append(r.changed, &o.Image)
	}
	// Where canvas.Text would draw it: at the top of the line's text box,
	// centred vertically when the box is taller than the text.
	pos := fyne.NewPos(v.left(), vl.y+v.m.spacing/2)
	if v.m.textH > li.minH {
		pos.Y += (v.m.textH - li.minH) / 2
	}
	o.Move(pos.Add(li.off))
	o.Resize(li.size)
	r.objects = append(r.objects, &o.Image)
}

// lineCacheLimit is how many line rasters are kept for n visible lines: two
// screens' worth, so a scroll back and forth redraws nothing while the memory
// of a long text stays that of a few screens.
func lineCacheLimit(n int) int { return 2*n + 8 }
