package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestGuardedSelectIgnoresATapOffCanvas: a Select tapped after its editor
// was replaced is in no window; Fyne's own panics there on the GLFW driver
// (the crash make soak found; the test driver does not reproduce it), ours
// does nothing. On a canvas it opens its pop-up as before.
func TestGuardedSelectIgnoresATapOffCanvas(t *testing.T) {
	test.NewTempApp(t)
	guarded := newSelect([]string{"a", "b"}, nil)
	if panics(func() { guarded.Tapped(&fyne.PointEvent{}) }) {
		t.Fatal("the guarded Select panics when tapped off canvas")
	}
	if panics(func() { guarded.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) }) {
		t.Fatal("the guarded Select panics on a key off canvas")
	}
	w := test.NewTempWindow(t, guarded)
	w.Resize(fyne.NewSize(200, 200))
	test.Tap(guarded)
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("tapping the guarded Select on a canvas opened no pop-up")
	}
}

func panics(fn func()) (did bool) {
	defer func() { did = recover() != nil }()
	fn()
	return false
}
