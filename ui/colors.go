package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/ui/textview"
)

// Highlight colours, one hue each, chosen so that every pair, and each
// against the theme's blue selection, stays clearly apart when drawn
// translucent over the light or the dark background
// (TestHighlightColorsStayApart): the parts of an attribution in magenta
// (source), red (cue) and amber (content), claims in teal, notes in lime.
// The view draws them translucent, so overlaps stay visible.
var (
	colorSource  = color.NRGBA{R: 0xC0, G: 0x26, B: 0xD3, A: 0xFF}
	colorCue     = color.NRGBA{R: 0xDC, G: 0x26, B: 0x26, A: 0xFF}
	colorContent = color.NRGBA{R: 0xF5, G: 0xA0, B: 0x0B, A: 0xFF}
	colorClaim   = color.NRGBA{R: 0x0F, G: 0x76, B: 0x6E, A: 0xFF}
	colorNote    = color.NRGBA{R: 0x4D, G: 0xC2, B: 0x1E, A: 0xFF}
)

// Change marks of an earlier revision (revisions.go): the words the next
// revision deleted in yellow, those this one inserted in mint: the hues
// left that stay apart from the annotations', the selection and the
// background in both themes (TestHighlightColorsStayApart).
var (
	colorDeleted  = color.NRGBA{R: 0xFF, G: 0xFF, B: 0x00, A: 0xFF}
	colorInserted = color.NRGBA{R: 0x00, G: 0xFF, B: 0xC0, A: 0xFF}
)

// changeKinds are the change marks, in the legend only while an earlier
// revision is shown.
var changeKinds = []kindColor{{"Deleted by the next revision", colorDeleted}, {"Inserted since the previous", colorInserted}}

// kindColor is one kind of highlight and its colour, for the legend.
type kindColor struct {
	name  string
	color color.NRGBA
}

// highlightKinds are the kinds of highlight in the order the legend shows them.
var highlightKinds = []kindColor{
	{"Source", colorSource}, {"Cue", colorCue}, {"Content", colorContent},
	{"Claim", colorClaim}, {"Note", colorNote},
}

// newLegend is a row of swatches naming the highlight colours, drawn as the
// view draws them, and the outlined pale band that marks a suggestion (in
// its kind's colour in the text; in the theme's text colour here, as it
// stands for every kind: suggestionSwatch).
//
// The annotation kinds' entries come first, then extra (the revision
// picker's change marks, hidden until an earlier revision is shown, when
// they replace the others: no annotation is drawn on it). The row asks
// for less than its width by what yieldTo returns, scrolling sideways
// then: the Orphans tab, while shown, takes that much from the article's
// side of the split so that every tab keeps its label at 1024×640.
func newLegend(yieldTo func() float32, extra ...fyne.CanvasObject) (fyne.CanvasObject, *fyne.Container) {
	row := container.NewHBox()
	for _, k := range highlightKinds {
		row.Add(legendEntry(k.name, textview.Tint(k.color), nil))
	}
	row.Add(swatchEntry("Suggestion", newSuggestionSwatch()))
	for _, o := range extra {
		row.Add(o)
	}
	padded := container.NewPadded(row)
	width := func() float32 { return max(0, padded.MinSize().Width-yieldTo()) }
	return container.New(minWidthLayout{width: width}, container.NewHScroll(padded)), row
}

// legendEntry is one swatch and its name; a stroke draws it as an outline.
func legendEntry(name string, fill, stroke color.Color) fyne.CanvasObject {
	sw := canvas.NewRectangle(fill)
	if stroke != nil {
		sw.StrokeColor, sw.StrokeWidth = stroke, 1
	}
	side := theme.TextSize()
	sw.SetMinSize(fyne.NewSize(side, side))
	return swatchEntry(name, sw)
}

// swatchEntry is a swatch and its name.
func swatchEntry(name string, swatch fyne.CanvasObject) fyne.CanvasObject {
	return container.NewHBox(container.NewCenter(swatch), widget.NewLabel(name))
}

// suggestionSwatch is the legend's swatch for a suggestion: the band the
// view draws for a dashed highlight (textview.DashedTint) of the theme's
// text colour, read again whenever it is refreshed, as a theme change
// refreshes every widget, so that it shows in light and dark alike.
type suggestionSwatch struct {
	widget.BaseWidget
	rect *canvas.Rectangle
}

func newSuggestionSwatch() *suggestionSwatch {
	s := &suggestionSwatch{rect: canvas.NewRectangle(color.Transparent)}
	s.rect.StrokeWidth = 1
	s.ExtendBaseWidget(s)
	return s
}

// colors are the swatch's fill and outline in the current theme.
func (s *suggestionSwatch) colors() (fill, stroke color.NRGBA) {
	fg := color.NRGBAModel.Convert(theme.ColorForWidget(theme.ColorNameForeground, s)).(color.NRGBA)
	fg.A = 0xff // a highlight's colour is opaque; DashedTint makes it pale
	return textview.DashedTint(fg)
}

// CreateRenderer is part of fyne.Widget.
func (s *suggestionSwatch) CreateRenderer() fyne.WidgetRenderer {
	r := &swatchRenderer{s: s}
	r.Refresh()
	return r
}

// swatchRenderer draws a suggestionSwatch as its one rectangle, a text
// size square.
type swatchRenderer struct{ s *suggestionSwatch }

func (r *swatchRenderer) Layout(size fyne.Size) { r.s.rect.Resize(size) }

func (r *swatchRenderer) MinSize() fyne.Size {
	side := theme.TextSize()
	return fyne.NewSize(side, side)
}

func (r *swatchRenderer) Refresh() {
	fill, stroke := r.s.colors()
	r.s.rect.FillColor, r.s.rect.StrokeColor = fill, stroke
	r.s.rect.Refresh()
}

func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.rect} }

func (r *swatchRenderer) Destroy() {}
