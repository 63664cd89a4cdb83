package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// TestGeometryPointsAtTheCharacters: every caret the geometry file gives is
// where the view's own hit test finds that offset, and the file is written
// when the state changes.
func TestGeometryPointsAtTheCharacters(t *testing.T) {
	td := newTestDesk(t, nil)
	g := td.geometry()
	if len(g.Carets) < 100 || g.Focus == "" && g.Tab == "" {
		t.Fatalf("geometry has %d carets, focus %q, tab %q", len(g.Carets), g.Focus, g.Tab)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(td.view)
	for _, c := range g.Carets {
		p := fyne.NewPos(float32(c[1])-abs.X, float32(c[2])-abs.Y)
		if got := td.view.OffsetAt(p); got < c[0]-1 || got > c[0]+1 {
			t.Fatalf("caret %d drawn at %v is offset %d there", c[0], p, got)
		}
	}
	path := filepath.Join(t.TempDir(), "geometry.json")
	last := td.saveGeometry(path, nil)
	b, err := os.ReadFile(path)
	var got geometry
	if err != nil || json.Unmarshal(b, &got) != nil || len(got.Carets) != len(g.Carets) {
		t.Fatalf("geometry file not written: %v", err)
	}
	if again := td.saveGeometry(path, last); string(again) != string(last) {
		t.Error("an unchanged state was written again")
	}
}
