package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/annotate"
)

// TestWindowMasters compares the whole desk, with a highlight of each kind
// and an attribution open in its editor, to masters in light and dark.
func TestWindowMasters(t *testing.T) {
	for _, tt := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"desk_light.png", theme.VariantLight}, {"desk_dark.png", theme.VariantDark}} {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.app.Settings().SetTheme(theme.DefaultTheme())
			td.theme.Theme = theme.DefaultTheme()
			td.SetVariant(tt.variant)
			td.view.SetSelection(td.rangeOf("Forty thousand people live along this route"))
			td.createClaim()
			td.view.SetSelection(td.rangeOf("more than the city now spends on maintaining all of its public parks"))
			td.createNote()
			td.view.SetSelection(td.rangeOf("“This is the most important decision this council will take in a generation,”"))
			td.createAttribution()
			id := td.Selected()
			cue, _ := td.text.Anchor(td.rangeOf("said"))
			td.updateAttribution(id, "", func(a *annotate.Attribution) { a.Cue = &cue })
			src, _ := td.text.Anchor(td.rangeOf("Ms. Halvorsen"))
			td.updateAttribution(id, "", func(a *annotate.Attribution) { a.Source = &src })
			td.flush() // the status line says "saved" only once the writer is done
			td.view.SetSelection(0, 0)
			test.AssertImageMatches(t, tt.name, td.win.Canvas().Capture())
		})
	}
}
