package deskstate

import (
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// TestValidateAfterAChangeOfScale: notes after a settings step are checked
// on its scale, so that one change can set a scale and relabel notes to it;
// before it, on the desk's.
func TestValidateAfterAChangeOfScale(t *testing.T) {
	politifact, _ := annotate.FindScalePreset("politifact")
	old := annotate.DefaultScale()
	meta := annotate.Meta{ID: "00000000-0000-4000-8000-000000000001", ArticleID: "00000000-0000-4000-8000-000000000003"}
	meta.Stamp("Ana", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	note := annotate.Note{Meta: meta,
		ClaimID: "00000000-0000-4000-8000-000000000002", Verdict: "Pants on Fire"}
	settings := UpdateSettings(annotate.Settings{Scale: politifact})
	tests := []struct {
		name string
		ops  []Op
		ok   bool
	}{
		{"scale, then note", []Op{settings, UpdateNote(note)}, true},
		{"note, then scale", []Op{UpdateNote(note), settings}, false},
		{"note alone", []Op{UpdateNote(note)}, false},
	}
	for _, tt := range tests {
		err := Change{Ops: tt.ops}.Validate("00000000-0000-4000-8000-000000000003", annotate.NewText("text"), &old)
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}
