package ui

import "image/color"

// Highlight colours: the three parts of an attribution in related warm
// shades, claims in blue, notes in green. The view draws them translucent,
// so overlaps stay visible.
var (
	colorSource  = color.NRGBA{R: 0xD9, G: 0x5F, B: 0x0E, A: 0xFF}
	colorCue     = color.NRGBA{R: 0xB9, G: 0x1C, B: 0x1C, A: 0xFF}
	colorContent = color.NRGBA{R: 0xF2, G: 0xB7, B: 0x05, A: 0xFF}
	colorClaim   = color.NRGBA{R: 0x25, G: 0x63, B: 0xEB, A: 0xFF}
	colorNote    = color.NRGBA{R: 0x16, G: 0xA3, B: 0x4A, A: 0xFF}
)
