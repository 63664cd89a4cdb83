package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/annotate"
)

// TestSettingsDialog: the dialog saves the annotator, the organisation and
// its URL, the theme and the text size as one change; the look follows at
// once, and Undo takes it all back, in the desk and in the project.
func TestSettingsDialog(t *testing.T) {
	td := newTestDesk(t, nil)
	size := td.theme.textSize
	td.showSettings()
	f := td.dialogFields()
	set(f.entry("Tester"), "Ana Núñez")
	set(f.entry("The fact-checking organisation"), "Brennport Fact Desk")
	set(f.entry("https://…"), "https://factdesk.example/")
	f.selects[0].SetSelected("Dark")
	f.selects[1].SetSelected("20")
	test.Tap(f.button("Save"))
	want := annotate.Settings{Annotator: "Ana Núñez", Organization: "Brennport Fact Desk", OrganizationURL: "https://factdesk.example/",
		Theme: "dark", TextSize: 20, Scale: annotate.DefaultScale()}
	td.flush()
	got, err := td.db.Settings(context.Background())
	if err != nil || !settingsEqual(got, want) || !settingsEqual(td.settings, want) {
		t.Fatalf("stored %+v (%v), desk %+v; want %+v", got, err, td.settings, want)
	}
	if !td.theme.forced || td.theme.variant != theme.VariantDark || td.theme.textSize != 20 {
		t.Errorf("look: forced %v variant %v size %v", td.theme.forced, td.theme.variant, td.theme.textSize)
	}
	td.createClaimOn("Forty thousand people")
	if a := td.stored().Claims[0].Author; a != "Ana Núñez" {
		t.Errorf("a new claim's author is %q", a)
	}
	td.undo() // the claim
	td.undo() // the settings
	td.flush()
	got, _ = td.db.Settings(context.Background())
	if got.Annotator != "Tester" || got.Theme != "" || td.settings.OrganizationURL != "" || td.theme.forced || td.theme.textSize != size {
		t.Errorf("after undo: stored %+v, desk %+v, forced %v size %v", got, td.settings, td.theme.forced, td.theme.textSize)
	}
}

func (td *testDesk) createClaimOn(phrase string) {
	td.view.SetSelection(td.rangeOf(phrase))
	td.createClaim()
}

func settingsEqual(a, b annotate.Settings) bool {
	return a.Annotator == b.Annotator && a.Organization == b.Organization && a.OrganizationURL == b.OrganizationURL &&
		a.Theme == b.Theme && a.TextSize == b.TextSize && a.Scale.Name == b.Scale.Name
}

// TestSettingsDialogRefuses: a bad value keeps Save disabled, and nothing
// is saved.
func TestSettingsDialogRefuses(t *testing.T) {
	for _, tt := range []struct {
		field, value string
	}{
		{"https://…", "factdesk.example"},
		{"https://…", "javascript:alert(1)"},
		{"Tester", "Ana\x1b[5m"},
		{"The fact-checking organisation", "Desk\u0007"},
	} {
		td := newTestDesk(t, nil)
		td.showSettings()
		f := td.dialogFields()
		e := f.entry(tt.field)
		e.SetText(tt.value)
		if !f.button("Save").Disabled() {
			t.Errorf("%q in %s: Save is enabled", tt.value, tt.field)
		}
	}
}

// TestSettingsOnStart: a project's theme and text size are shown when the
// desk starts.
func TestSettingsOnStart(t *testing.T) {
	td := newTestDesk(t, nil)
	s := td.settings
	s.Theme, s.TextSize = "light", 24
	if err := td.db.UpdateSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	d, err := newDesk(td.app, td.svc, td.pump)
	if err != nil {
		t.Fatal(err)
	}
	defer d.stopSaving()
	if !d.theme.forced || d.theme.variant != theme.VariantLight || d.theme.textSize != 24 {
		t.Errorf("look on start: forced %v variant %v size %v", d.theme.forced, d.theme.variant, d.theme.textSize)
	}
}
