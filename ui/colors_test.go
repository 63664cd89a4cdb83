package ui

import (
	"image/color"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/ui/textview"
)

// minDeltaE is the least CIE76 colour difference between two highlight
// kinds, or a kind and the selection, as drawn over the background: about
// twice what reads as "clearly different" side by side in small areas.
const minDeltaE = 20

// TestHighlightColorsStayApart draws every kind's tint and the selection
// over the background of both variants and checks that every pair differs
// by at least minDeltaE, and that the text stays readable on every tint.
func TestHighlightColorsStayApart(t *testing.T) {
	test.NewTempApp(t)
	th := theme.DefaultTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		fg := th.Color(theme.ColorNameForeground, v)
		type drawn struct {
			name string
			rgb  [3]float64
		}
		all := []drawn{{"selection", over(th.Color(theme.ColorNameSelection, v), bg)}, {"background", over(bg, bg)}}
		for _, k := range append(slices.Clone(highlightKinds), changeKinds...) {
			rgb := over(textview.Tint(k.color), bg)
			all = append(all, drawn{k.name, rgb})
			if c := contrast(rgb, over(fg, bg)); c < 3.5 {
				t.Errorf("variant %d: text on %s has contrast %.1f, want >= 3.5", v, k.name, c)
			}
		}
		for i, a := range all {
			for _, b := range all[i+1:] {
				if d := deltaE(a.rgb, b.rgb); d < minDeltaE {
					t.Errorf("variant %d: %s and %s differ by ΔE %.1f, want >= %d", v, a.name, b.name, d, minDeltaE)
				}
			}
		}
	}
}

// over is c drawn with its alpha over an opaque bg, as sRGB in 0..1.
func over(c, bg color.Color) [3]float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(f, g uint8) float64 { return (float64(f)*a + float64(g)*(1-a)) / 255 }
	return [3]float64{mix(n.R, b.R), mix(n.G, b.G), mix(n.B, b.B)}
}

func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// luminance is the relative luminance of an sRGB colour (WCAG).
func luminance(c [3]float64) float64 {
	return 0.2126*linear(c[0]) + 0.7152*linear(c[1]) + 0.0722*linear(c[2])
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// lab converts sRGB to CIE L*a*b* under D65.
func lab(c [3]float64) [3]float64 {
	r, g, b := linear(c[0]), linear(c[1]), linear(c[2])
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// deltaE is the CIE76 difference of two sRGB colours.
func deltaE(a, b [3]float64) float64 {
	p, q := lab(a), lab(b)
	return math.Sqrt((p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2]))
}

// TestSuggestionSwatchFollowsTheTheme: the legend's Suggestion swatch is
// the band the view draws for a suggestion (textview.DashedTint) in the
// theme's text colour, in light and in dark, after each switch, and its
// outline stands out from the background.
func TestSuggestionSwatchFollowsTheTheme(t *testing.T) {
	td := newTestDesk(t, nil)
	sw := findSwatch(td.revs.row)
	if sw == nil {
		t.Fatal("no Suggestion swatch in the legend")
	}
	th := theme.DefaultTheme()
	td.app.Settings().SetTheme(th)
	td.theme.Theme = th
	seen := map[fyne.ThemeVariant]color.NRGBA{}
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight, theme.VariantDark} {
		td.SetVariant(v)
		td.win.Canvas().Capture()
		fg := color.NRGBAModel.Convert(th.Color(theme.ColorNameForeground, v)).(color.NRGBA)
		fg.A = 0xff
		wantFill, wantStroke := textview.DashedTint(fg)
		if sw.rect.FillColor != wantFill || sw.rect.StrokeColor != wantStroke {
			t.Errorf("variant %d: the swatch is %v outlined %v, want %v outlined %v", v, sw.rect.FillColor, sw.rect.StrokeColor, wantFill, wantStroke)
		}
		bg := th.Color(theme.ColorNameBackground, v)
		if d := deltaE(over(sw.rect.StrokeColor, bg), over(bg, bg)); d < minDeltaE {
			t.Errorf("variant %d: the swatch's outline differs from the background by ΔE %.1f, want >= %d", v, d, minDeltaE)
		}
		seen[v] = wantStroke
	}
	if seen[theme.VariantDark] == seen[theme.VariantLight] {
		t.Error("the swatch is drawn the same in light and dark")
	}
}

// findSwatch is the suggestion swatch among the objects under o.
func findSwatch(o fyne.CanvasObject) *suggestionSwatch {
	switch x := o.(type) {
	case *suggestionSwatch:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if s := findSwatch(c); s != nil {
				return s
			}
		}
	}
	return nil
}
