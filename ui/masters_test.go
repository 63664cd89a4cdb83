package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/annotate"
)

// TestWindowMasters compares the whole desk, with a highlight of each kind
// and an attribution open in its editor, to masters in light and dark, at
// the test window's size, the small 1024×640 and a full-HD 1920×1080 (where
// the article reads as a centred column).
func TestWindowMasters(t *testing.T) {
	for _, tt := range []struct {
		name    string
		size    fyne.Size // zero: the test window's own
		variant fyne.ThemeVariant
	}{
		{"desk_light.png", fyne.Size{}, theme.VariantLight},
		{"desk_dark.png", fyne.Size{}, theme.VariantDark},
		{"desk_1024x640_dark.png", fyne.NewSize(1024, 640), theme.VariantDark},
		{"desk_1920x1080_light.png", fyne.NewSize(1920, 1080), theme.VariantLight},
		{"desk_1920x1080_dark.png", fyne.NewSize(1920, 1080), theme.VariantDark},
	} {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			if !tt.size.IsZero() {
				td.win.Resize(tt.size)
			}
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

// TestTranscriptMaster compares the desk on a transcript at 1280×800, each
// turn's speaker and time in the margin and a claim made in a turn, to its
// master.
func TestTranscriptMaster(t *testing.T) {
	td, _, _ := newDebateDesk(t)
	td.app.Settings().SetTheme(theme.DefaultTheme())
	td.theme.Theme = theme.DefaultTheme()
	td.SetVariant(theme.VariantLight)
	td.view.SetSelection(td.rangeOf("Crime in our city fell by twelve percent last year"))
	td.createClaim()
	td.flush()
	td.view.SetSelection(0, 0)
	test.AssertImageMatches(t, "desk_transcript_1280x800_light.png", td.win.Canvas().Capture())
}
