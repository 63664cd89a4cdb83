package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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

// TestSettingsDialogScale: the dialog offers the presets; choosing one saves
// it as one undoable change that relabels nothing: the note's verdict the new
// scale lacks stays, flagged in the list and still selected in its editor,
// and the note stays editable. Undo brings the old scale back.
func TestSettingsDialogScale(t *testing.T) {
	td := annotatedDesk(t) // a note with "Mostly true"
	td.showSettings()
	f := td.dialogFields()
	scale := f.selects[2]
	if want := []string{"Factmark default", "PolitiFact Truth-O-Meter", "Snopes", "AFP / Meta partner ratings", "AAP FactCheck", "Full Fact conclusions"}; !slices.Equal(scale.Options, want) {
		t.Fatalf("scale options %q, want %q", scale.Options, want)
	}
	if scale.Selected != "Factmark default" {
		t.Errorf("selected %q", scale.Selected)
	}
	scale.SetSelected("PolitiFact Truth-O-Meter")
	test.Tap(f.button("Save"))
	m := td.dialogFields() // the mapping step
	if len(m.selects) != 1 || m.selects[0].Selected != keepFlagged {
		t.Fatalf("mapping step: %d selects", len(m.selects))
	}
	test.Tap(m.button("Save"))
	td.flush()
	got, err := td.db.Settings(context.Background())
	if err != nil || got.Scale.Preset != "politifact" || td.settings.Scale.Preset != "politifact" {
		t.Fatalf("stored scale %q (%v), desk %q", got.Scale.Name, err, td.settings.Scale.Name)
	}
	note := td.stored().Notes[0]
	if note.Verdict != "Mostly true" || !got.Scale.Flagged(note.Verdict) {
		t.Fatalf("verdict %q flagged %v after the change", note.Verdict, got.Scale.Flagged(note.Verdict))
	}
	if rows := td.notes.Rows(); len(rows) != 1 || !strings.HasPrefix(rows[0], "Mostly true"+flaggedSuffix) {
		t.Errorf("note rows %q", rows)
	}
	td.tabs.SelectIndex(tabNotes)
	td.notes.selectID(note.ID)
	var verdict *guardedSelect
	walkTree(td.editor(), func(o fyne.CanvasObject) {
		if s, ok := o.(*guardedSelect); ok && verdict == nil && slices.Contains(s.Options, noVerdict) {
			verdict = s
		}
	})
	if verdict == nil || verdict.Selected != "Mostly true"+flaggedSuffix || !slices.Contains(verdict.Options, "Pants on Fire") {
		t.Fatalf("verdict select %+v", verdict)
	}
	td.updateNote(note.ID, "rationale", func(n *annotate.Note) { n.Rationale = "Still editable." })
	td.flush()
	if n := td.stored().Notes[0]; n.Rationale != "Still editable." || n.Verdict != "Mostly true" {
		t.Fatalf("editing a flagged note: %+v", n)
	}
	verdict.SetSelected("Mostly True")
	td.flush()
	if n := td.stored().Notes[0]; n.Verdict != "Mostly True" {
		t.Errorf("picking a verdict of the new scale: %q", n.Verdict)
	}
	td.undo() // the verdict
	td.undo() // the rationale
	td.undo() // the scale
	td.flush()
	got, _ = td.db.Settings(context.Background())
	if got.Scale.Name != "Factmark default" || td.settings.Scale.Name != "Factmark default" || td.stored().Notes[0].Verdict != "Mostly true" {
		t.Errorf("after undo: stored %q, desk %q, verdict %q", got.Scale.Name, td.settings.Scale.Name, td.stored().Notes[0].Verdict)
	}
	if rows := td.notes.Rows(); strings.Contains(rows[0], flaggedSuffix) {
		t.Errorf("after undo the note is still flagged: %q", rows)
	}
}

// TestSettingsDialogConclusionScale: on Full Fact's scale a note's verdict
// is a typed conclusion, saved as the note's verdict.
func TestSettingsDialogConclusionScale(t *testing.T) {
	td := annotatedDesk(t)
	td.showSettings()
	f := td.dialogFields()
	f.selects[2].SetSelected("Full Fact conclusions")
	test.Tap(f.button("Save")) // no mapping step: any verdict is a conclusion
	td.flush()
	note := td.stored().Notes[0]
	td.tabs.SelectIndex(tabNotes)
	td.notes.selectID(note.ID)
	var conclusion *widget.Entry
	walkTree(td.editor(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "The conclusion, in one sentence" {
			conclusion = e
		}
	})
	if conclusion == nil || conclusion.Text != "Mostly true" {
		t.Fatalf("conclusion entry %+v", conclusion)
	}
	conclusion.SetText("The overrun was 34 percent, as the audit says.")
	td.flush()
	if v := td.stored().Notes[0].Verdict; v != "The overrun was 34 percent, as the audit says." {
		t.Errorf("verdict %q", v)
	}
}

// TestSettingsDialogScaleMap: the mapping step relabels the article's notes
// in the same change as the new scale; one undo brings back both.
func TestSettingsDialogScaleMap(t *testing.T) {
	tests := []struct {
		choice, verdict string
		cancel          bool
	}{
		{"Mostly True", "Mostly True", false},
		{keepFlagged, "Mostly true", false},
		{"Mostly True", "Mostly true", true}, // Cancel saves nothing
	}
	for _, tt := range tests {
		t.Run(tt.choice, func(t *testing.T) {
			td := annotatedDesk(t)
			td.showSettings()
			f := td.dialogFields()
			f.selects[2].SetSelected("PolitiFact Truth-O-Meter")
			test.Tap(f.button("Save"))
			m := td.dialogFields()
			if !slices.Contains(m.selects[0].Options, "Pants on Fire") {
				t.Fatalf("mapping options %q", m.selects[0].Options)
			}
			m.selects[0].SetSelected(tt.choice)
			if tt.cancel {
				test.Tap(m.button("Cancel"))
			} else {
				test.Tap(m.button("Save"))
			}
			td.flush()
			got, _ := td.db.Settings(context.Background())
			if v := td.stored().Notes[0].Verdict; v != tt.verdict || (got.Scale.Preset == "politifact") == tt.cancel {
				t.Fatalf("verdict %q, scale %q", v, got.Scale.Name)
			}
			if tt.cancel {
				return
			}
			td.undo()
			td.flush()
			got, _ = td.db.Settings(context.Background())
			if v := td.stored().Notes[0].Verdict; v != "Mostly true" || got.Scale.Name != "Factmark default" {
				t.Errorf("after one undo: verdict %q, scale %q", v, got.Scale.Name)
			}
			td.redo()
			td.flush()
			if v := td.stored().Notes[0].Verdict; v != tt.verdict {
				t.Errorf("after redo: verdict %q", v)
			}
		})
	}
}
