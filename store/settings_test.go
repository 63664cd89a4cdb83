package store

import (
	"context"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestChangeScale: switching the scale with verdicts in use relabels the
// notes the map names, keeps the others' labels as retired (the notes are
// flagged, still valid, still editable and exported), and a bad map changes
// nothing.
func TestChangeScale(t *testing.T) {
	politifact, _ := annotate.FindScalePreset("politifact")
	tests := []struct {
		name     string
		mapping  map[string]string
		verdicts []string // of the two notes afterwards
		flagged  []bool
		version  int
		err      string
	}{
		{"no map", nil, []string{"Mostly false", "True"}, []bool{true, false}, 1, ""},
		{"map", map[string]string{"Mostly false": "Pants on Fire"}, []string{"Pants on Fire", "True"}, []bool{false, false}, 1, ""},
		{"map to a label off the new scale", map[string]string{"Mostly false": "Mostly false"}, []string{"Mostly false", "True"}, nil, 0,
			`"Mostly false" is not on the new scale`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			first, second := f.note(t), f.note(t)
			second.Verdict = "True"
			f.mustCreate(t, first)
			f.mustCreate(t, second)
			ch, err := f.db.ChangeScale(ctx, politifact, tt.mapping)
			if tt.err != "" {
				wantError(t, err, annotate.EINVALID, tt.err)
			} else if err != nil {
				t.Fatal(err)
			}
			s, err := f.db.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tt.err != "" {
				if s.Scale.Name != annotate.DefaultScale().Name {
					t.Errorf("a refused change set the scale to %q", s.Scale.Name)
				}
			} else if s.Scale.Version != tt.version || s.Scale.Name != politifact.Name || ch.Scale.Version != tt.version {
				t.Errorf("stored scale %q version %d (change says %d)", s.Scale.Name, s.Scale.Version, ch.Scale.Version)
			}
			notes := f.annotations(t).Notes
			for i, n := range notes {
				want := tt.verdicts[map[string]int{first.ID: 0, second.ID: 1}[n.ID]]
				if n.Verdict != want {
					t.Errorf("note %d: verdict %q, want %q", i, n.Verdict, want)
				}
				if tt.flagged != nil && s.Scale.Flagged(n.Verdict) != tt.flagged[map[string]int{first.ID: 0, second.ID: 1}[n.ID]] {
					t.Errorf("note %q: flagged %v", n.Verdict, s.Scale.Flagged(n.Verdict))
				}
			}
			if tt.err != "" {
				return
			}
			// A flagged note is still saved when edited, and the project exports and imports.
			first = findNote(f.annotations(t), first.ID).(*annotate.Note)
			first.Rationale = "Edited after the change of scale."
			if err := f.db.UpdateNote(ctx, first); err != nil {
				t.Fatalf("editing a note after the change: %v", err)
			}
			doc, err := f.db.Export(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := doc.Validate(); err != nil {
				t.Fatalf("the export does not validate: %v", err)
			}
			if doc.NeededFormat() != annotate.NativeFormat {
				t.Errorf("a versioned scale needs %s", doc.NeededFormat())
			}
			g := newFixture(t)
			if _, err := g.db.Import(ctx, doc); err != nil {
				t.Fatalf("import of the export: %v", err)
			}
		})
	}
}

// TestUpdateSettingsKeepsVerdicts: a new scale through UpdateSettings (the
// desk's dialog) never drops a label in use, and the same ratings keep the
// stored version and retired labels whatever the caller sends.
func TestUpdateSettingsKeepsVerdicts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.mustCreate(t, f.note(t)) // "Mostly false"
	afp, _ := annotate.FindScalePreset("afp")
	s, _ := f.db.Settings(ctx)
	s.Scale = afp
	if err := f.db.UpdateSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, _ := f.db.Settings(ctx)
	if !got.Scale.Has("Mostly false") || !got.Scale.Flagged("Mostly false") || got.Scale.Version != 1 {
		t.Fatalf("after the change: retired %+v, version %d", got.Scale.Retired, got.Scale.Version)
	}
	s.Annotator = "Ana"
	if err := f.db.UpdateSettings(ctx, s); err != nil { // s.Scale has no retired labels
		t.Fatal(err)
	}
	got, _ = f.db.Settings(ctx)
	if !got.Scale.Has("Mostly false") || got.Scale.Version != 1 || got.Annotator != "Ana" {
		t.Errorf("after saving the same scale: retired %+v, version %d", got.Scale.Retired, got.Scale.Version)
	}
	use, err := f.db.VerdictsInUse(ctx)
	if err != nil || len(use) != 1 || use["Mostly false"] != 1 {
		t.Errorf("VerdictsInUse = %v, %v", use, err)
	}
}

// TestChangeScaleSwap: a map may swap two labels.
func TestChangeScaleSwap(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a, b := f.note(t), f.note(t)
	b.Verdict = "True"
	f.mustCreate(t, a)
	f.mustCreate(t, b)
	if _, err := f.db.ChangeScale(ctx, annotate.DefaultScale(), map[string]string{"True": "Mostly false", "Mostly false": "True"}); err != nil {
		t.Fatal(err)
	}
	all := f.annotations(t)
	if findNote(all, a.ID).(*annotate.Note).Verdict != "True" || findNote(all, b.ID).(*annotate.Note).Verdict != "Mostly false" {
		t.Errorf("swap: %+v", all.Notes)
	}
}

// TestOlderScaleInAnyOrder: a project whose scale an older Factmark stored
// worst first still saves its other settings, and exports a document that
// reads back; only a new scale must be in order.
func TestOlderScaleInAnyOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.db.Exec(`INSERT INTO settings (key, value) VALUES ('scale', '{"name":"Old","verdicts":[{"label":"False","value":1},{"label":"True","value":2}]}')`); err != nil {
		t.Fatal(err)
	}
	s, err := f.db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Annotator = "Ana"
	if err := f.db.UpdateSettings(ctx, s); err != nil {
		t.Fatalf("saving the annotator on an older scale: %v", err)
	}
	n := f.note(t)
	n.Verdict = "True"
	f.mustCreate(t, n)
	doc, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(); err != nil {
		t.Errorf("the export of an older scale does not validate: %v", err)
	}
	s.Scale.Name = "Old, renamed"
	wantError(t, f.db.UpdateSettings(ctx, s), annotate.EINVALID, "out of order")
}
