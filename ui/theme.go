package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// deskTheme is the default theme with the light/dark toggle: until the user
// toggles, the variant follows the system.
type deskTheme struct {
	fyne.Theme
	app      fyne.App
	variant  fyne.ThemeVariant
	forced   bool    // the user chose the variant
	textSize float32 // the article's text size
}

func newDeskTheme(app fyne.App) *deskTheme {
	return &deskTheme{Theme: app.Settings().Theme(), app: app, textSize: theme.TextSize()}
}

// Color gives the chosen variant's colour when the user chose one.
func (t *deskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	return t.Theme.Color(n, v)
}

// toggleTheme switches between light and dark.
func (d *Desk) toggleTheme() {
	t := d.theme
	if !t.forced {
		t.variant = d.app.Settings().ThemeVariant()
	}
	t.forced = true
	if t.variant == theme.VariantDark {
		t.variant = theme.VariantLight
	} else {
		t.variant = theme.VariantDark
	}
	d.app.Settings().SetTheme(t)
	d.view.Refresh()
}

// SetVariant forces the light or dark variant, for tests and settings.
func (d *Desk) SetVariant(v fyne.ThemeVariant) {
	d.theme.variant, d.theme.forced = v, true
	d.app.Settings().SetTheme(d.theme)
	d.view.Refresh()
}

func itoa(i int) string { return strconv.Itoa(i) }

// EmbeddedFonts are the bytes of the fonts Fyne carries in the binary (its
// theme's text faces, symbols and emoji). Fyne reads them only to parse a
// face, once for each text style it meets, and keeps the parsed copy; the
// caller may tell the system it needs their pages no longer.
func EmbeddedFonts() [][]byte {
	var fonts [][]byte
	for _, r := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont(),
		theme.DefaultTextItalicFont(), theme.DefaultTextBoldItalicFont(),
		theme.DefaultTextMonospaceFont(), theme.DefaultSymbolFont(), theme.DefaultEmojiFont()} {
		if r != nil {
			fonts = append(fonts, r.Content())
		}
	}
	return fonts
}
