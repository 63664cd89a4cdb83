package textview

import (
	"image/color"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// MarginLabel is a caption drawn in the margin left of the text, beside the
// line that holds Offset: a transcript turn's speaker and time, say. It is
// not part of the text: it cannot be selected, and a click on it is a click
// at the start of its line.
type MarginLabel struct {
	Offset int    // code point whose line the label stands beside
	Text   string // one line; cut with "…" when the margin is narrower
}

// Sizes of the margin, in characters of the caption font.
const (
	marginMaxChars = 26 // the widest the margin grows for long labels
	marginMinChars = 5  // below this the labels are not drawn at all
)

// margin is the labels and the room they need.
type margin struct {
	labels []MarginLabel      // sorted by Offset
	want   float32            // width of the widest label, capped; 0 without labels
	size   float32            // caption font size
	charW  float32            // its average character width
	fg     color.Color        // caption colour
	widths map[string]float32 // measured widths at size
}

// SetMarginLabels replaces the labels drawn left of the text (nil: none).
// The text column narrows to make room for them where the view is too
// narrow to hold both; a wide view puts them in the space left of its
// centred column. SetText removes them, as their offsets point into the
// old text.
func (v *View) SetMarginLabels(labels []MarginLabel) {
	v.ready()
	ls := slices.Clone(labels)
	slices.SortStableFunc(ls, func(a, b MarginLabel) int { return a.Offset - b.Offset })
	v.mg.labels = ls
	v.measureMargin()
	v.refit(false)
	v.Refresh()
}

// MarginLabels returns the labels, in order of offset.
func (v *View) MarginLabels() []MarginLabel { return slices.Clone(v.mg.labels) }

// applyMarginTheme takes the caption's size and colour from the theme th,
// scaled with the view's text size, and measures the labels again when the
// size changed.
func (v *View) applyMarginTheme(th fyne.Theme, variant fyne.ThemeVariant) {
	size := v.m.textSize * th.Size(theme.SizeNameCaptionText) / th.Size(theme.SizeNameText)
	v.mg.fg = th.Color(theme.ColorNamePlaceHolder, variant)
	if size != v.mg.size || v.mg.widths == nil {
		v.mg.size = size
		v.mg.widths = map[string]float32{}
		v.mg.charW = v.captionWidth(sampleLine) / float32(len(sampleLine))
		v.measureMargin()
	}
}

// measureMargin finds the width the widest label needs. Labels are
// measured with their digits as zeros: the theme's digits are all as wide,
// so a thousand turns' times cost a measurement per speaker and format,
// not one per turn.
func (v *View) measureMargin() {
	v.mg.want = 0
	if len(v.mg.labels) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, l := range v.mg.labels {
		shape := digitsAsZero(l.Text)
		if seen[shape] {
			continue
		}
		seen[shape] = true
		v.mg.want = max(v.mg.want, v.captionWidth(shape))
	}
	v.mg.want = min(v.mg.want, marginMaxChars*v.mg.charW)
}

// digitsAsZero is s with every ASCII digit made '0'.
func digitsAsZero(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '0'
		}
		return r
	}, s)
}

// captionWidth measures s in the caption font, from the cache when seen.
func (v *View) captionWidth(s string) float32 {
	if w, ok := v.mg.widths[s]; ok {
		return w
	}
	w := fyne.MeasureText(s, v.mg.size, fyne.TextStyle{}).Width
	v.mg.widths[s] = w
	return w
}

// marginGap is the space between a label and the text.
func (v *View) marginGap() float32 { return v.m.charW * 2 }

// marginRoom is the width kept left of the text for the labels and their
// gap: what the widest needs, at most a third of the view, and nothing
// when that would leave too little to read a label by.
func (v *View) marginRoom() float32 {
	if v.mg.want <= 0 {
		return 0
	}
	gap := v.marginGap()
	room := min(v.mg.want+gap, (v.size.Width-2*v.m.pad)/3)
	if room-gap < min(v.mg.want, marginMinChars*v.mg.charW) {
		return 0
	}
	return room
}

// labelOn returns the text of the labels beside line vl: the first one's,
// and "+N" for N more (two turns starting on one line); "" for none.
func (v *View) labelOn(vl visLine) string {
	ls := v.mg.labels
	i := sort.Search(len(ls), func(i int) bool { return ls[i].Offset >= vl.start })
	j := i
	for j < len(ls) && (ls[j].Offset < vl.end || vl.last && ls[j].Offset == vl.end) {
		j++
	}
	switch {
	case j == i:
		return ""
	case j-i == 1:
		return ls[i].Text
	}
	return ls[i].Text + " +" + strconv.Itoa(j-i-1)
}

// fitLabel cuts s with "…" to fit in width of the caption font.
func (v *View) fitLabel(s string, width float32) string {
	if v.captionWidth(s) <= width {
		return s
	}
	rs := []rune(s)
	k := sort.Search(len(rs), func(k int) bool { return v.captionWidth(string(rs[:k])+"…") > width })
	if k <= 1 {
		return "…"
	}
	return strings.TrimRight(string(rs[:k-1]), " ") + "…"
}

// labelImages shows the margin labels as images of themselves drawn once
// off screen, as the lines are (see raster.go).
type labelImages struct {
	cache rasterCache[string]
	objs  []*canvas.Image
	n     int
}

// addLabels draws the labels of the visible lines right-aligned against
// the text's left edge, their baseline on the line's.
func (r *renderer) addLabels() {
	v := r.v
	li := &r.labels
	li.n = 0
	room := v.marginRoom()
	if room <= 0 {
		return
	}
	st := r.style
	st.size, st.fg = v.mg.size, nrgba(v.mg.fg)
	li.cache.begin(st)
	for _, vl := range r.vis {
		if s := v.labelOn(vl); s != "" {
			r.addLabel(v.fitLabel(s, room-v.marginGap()), vl)
		}
	}
	li.cache.trim(4*li.n + 16)
}

// addLabel places one label's image beside line vl.
func (r *renderer) addLabel(s string, vl visLine) {
	v, li := r.v, &r.labels
	ra := li.cache.get(s, r.raster.drawText)
	if ra.img == nil {
		return
	}
	if li.n == len(li.objs) {
		li.objs = append(li.objs, &canvas.Image{ScaleMode: canvas.ImageScalePixels})
	}
	o := li.objs[li.n]
	li.n++
	if o.Image != ra.img {
		o.Image = ra.img
		r.changed = append(r.changed, o)
	}
	// Baselines meet where the ascent, about four fifths of a text's box,
	// ends: the caption's box starts that much of the height difference
	// lower.
	x := v.left() - v.marginGap() - v.captionWidth(s)
	y := vl.y + v.m.spacing/2 + baseline*(v.m.textH-ra.minH)
	o.Move(fyne.NewPos(x, y).Add(ra.off))
	o.Resize(ra.size)
	r.objects = append(r.objects, o)
}

// baseline is the share of a line of text's height above its baseline.
const baseline = 0.78
