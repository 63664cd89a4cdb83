package textview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// metrics are the sizes and colours the view takes from the theme.
type metrics struct {
	textSize float32 // font size
	pad      float32 // inner padding around the text, as stock widgets
	spacing  float32 // space between lines
	textH    float32 // height of a line of text
	lineH    float32 // textH + spacing: the line pitch
	paraGap  float32 // extra space after a paragraph's last line
	spaceW   float32 // width of ' '
	charW    float32 // average width of a character of running text
	font     fyne.Resource
	fg       color.Color // text
	sel      color.Color // selection
	bar      color.Color // scroll bar thumb
}

// ready reads the theme once if nothing has been laid out yet.
func (v *View) ready() {
	if v.m.lineH == 0 {
		v.applyTheme()
	}
}

// applyTheme re-reads sizes and colours from the widget's theme; a new font
// or text size drops the measured widths and re-wraps.
func (v *View) applyTheme() {
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	size := v.textSize
	if size <= 0 {
		size = th.Size(theme.SizeNameText)
	}
	font := th.Font(fyne.TextStyle{})
	newFont := size != v.m.textSize || font != v.m.font
	if newFont {
		v.m.textSize, v.m.font = size, font
		v.wc.widths = map[string]float32{}
		v.wc.sumW, v.wc.sumN = 0, 0
		v.m.textH = fyne.MeasureText("M", size, fyne.TextStyle{}).Height
		v.m.spaceW = v.measure(" ")
		v.m.charW = v.measure(sampleLine) / float32(len(sampleLine))
	}
	v.m.pad = th.Size(theme.SizeNameInnerPadding)
	v.m.spacing = th.Size(theme.SizeNameLineSpacing)
	v.m.lineH = v.m.textH + v.m.spacing
	v.m.paraGap = v.m.textH / 2
	v.m.fg = th.Color(theme.ColorNameForeground, variant)
	v.m.sel = th.Color(theme.ColorNameSelection, variant)
	v.m.bar = th.Color(theme.ColorNameScrollBar, variant)
	v.applyMarginTheme(th, variant)
	v.refit(newFont)
}

// sampleLine is English running text with its letters in about their usual
// proportions; its average character width sizes the reading column.
const sampleLine = "The council voted to build the line, and its members said so plainly."
