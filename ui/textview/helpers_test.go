package textview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// shortText is a short article with non-ASCII characters: curly quotes, an
// em dash, an emoji, a combining accent.
const shortText = "The minister said “the comfort force is ready” — and 🙂 smiled.\n" +
	"Critics called the plan x\u0301 naïve and flouillated.\n" +
	"\n" +
	"A third paragraph, long enough to wrap across several lines when the window is narrow, closes the sample."

// newTestView shows a view with text in an unpadded test window of the given size.
func newTestView(t testing.TB, text string, size fyne.Size) (fyne.Window, *View) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	v.SetText(text)
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(size)
	return w, v
}

// caretPos returns the position in the view of the caret before off, at
// the vertical middle of its line; the line must be visible.
func caretPos(t testing.TB, v *View, off int) fyne.Position {
	t.Helper()
	pos, ok := v.PositionOf(off)
	if !ok {
		t.Fatalf("offset %d is not visible", off)
	}
	return pos
}

// variantTheme forces the default theme's light or dark colours.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (th variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return th.Theme.Color(n, th.variant)
}

func forceVariant(v fyne.ThemeVariant) fyne.Theme {
	return variantTheme{Theme: theme.DefaultTheme(), variant: v}
}
