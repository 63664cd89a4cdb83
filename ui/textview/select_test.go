package textview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// pressShifted sends key with Shift held, as the GLFW driver does:
// KeyDown(Shift), TypedKey, KeyUp(Shift).
func pressShifted(v *View, key fyne.KeyName) {
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: key})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

func TestShiftArrowsExtend(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	accent := runeIndex(t, shortText, "x\u0301")
	secondLine := runeIndex(t, shortText, "Critics")
	for _, tc := range []struct {
		name       string
		caret      int
		keys       []fyne.KeyName
		start, end int
	}{
		{"right by characters", 4, []fyne.KeyName{fyne.KeyRight, fyne.KeyRight, fyne.KeyRight}, 4, 7},
		{"left from caret", 4, []fyne.KeyName{fyne.KeyLeft, fyne.KeyLeft}, 2, 4},
		{"right then back", 4, []fyne.KeyName{fyne.KeyRight, fyne.KeyRight, fyne.KeyLeft}, 4, 5},
		{"over a combining mark", accent, []fyne.KeyName{fyne.KeyRight}, accent, accent + 2},
		{"back over a combining mark", accent + 2, []fyne.KeyName{fyne.KeyLeft}, accent, accent + 2},
		{"down a line", 0, []fyne.KeyName{fyne.KeyDown}, 0, -1},
		{"up at the top", 3, []fyne.KeyName{fyne.KeyUp}, 0, 3},
		{"down into paragraph two", secondLine - 2, []fyne.KeyName{fyne.KeyRight, fyne.KeyRight, fyne.KeyRight}, secondLine - 2, secondLine + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v.Tapped(&fyne.PointEvent{Position: caretPos(t, v, tc.caret).Add(fyne.NewPos(0.1, 0))})
			if s, e := v.Selection(); s != tc.caret || e != tc.caret {
				t.Fatalf("tap placed caret at %d,%d, want %d", s, e, tc.caret)
			}
			for _, k := range tc.keys {
				pressShifted(v, k)
			}
			s, e := v.Selection()
			if tc.end < 0 { // one line down: the caret must be on the next line
				p, i := v.lineOf(e)
				if s != tc.start || p != 0 || i != 1 {
					t.Errorf("Selection() = %d,%d (line %d.%d), want start %d on line 0.1", s, e, p, i, tc.start)
				}
				return
			}
			if s != tc.start || e != tc.end {
				t.Errorf("Selection() = %d,%d, want %d,%d", s, e, tc.start, tc.end)
			}
		})
	}
}

func TestCopyAndSelectAll(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	start := runeIndex(t, shortText, "“the")
	v.SetSelection(start, start+len([]rune("“the comfort force is ready”")))

	clip := test.NewClipboard()
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); got != "“the comfort force is ready”" {
		t.Errorf("Ctrl+C copied %q", got)
	}
	v.TypedShortcut(&fyne.ShortcutCopy{}) // no clipboard in the event: the app's
	if got := fyne.CurrentApp().Clipboard().Content(); got != "“the comfort force is ready”" {
		t.Errorf("Ctrl+C to the app clipboard copied %q", got)
	}

	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if s, e := v.Selection(); s != 0 || e != len([]rune(shortText)) {
		t.Errorf("Ctrl+A selected %d,%d", s, e)
	}
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if clip.Content() != shortText {
		t.Errorf("copy after Ctrl+A: %q", clip.Content())
	}
}

func TestKeysForwarded(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	var runes []rune
	var keys []fyne.KeyName
	v.OnTypedRune = func(r rune) { runes = append(runes, r) }
	v.OnTypedKey = func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) }
	test.Type(v, "cé")
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyLeft, fyne.KeyPageDown, fyne.KeyDown, fyne.KeyReturn} {
		v.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if string(runes) != "cé" {
		t.Errorf("runes forwarded: %q", string(runes))
	}
	want := []fyne.KeyName{fyne.KeyEscape, fyne.KeyLeft, fyne.KeyReturn}
	if len(keys) != len(want) || keys[0] != want[0] || keys[1] != want[1] || keys[2] != want[2] {
		t.Errorf("keys forwarded: %v, want %v (PageDown, Down consumed)", keys, want)
	}
}

func TestSelectionCallbacks(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	var calls [][2]int
	v.OnSelectionChanged = func(s, e int) { calls = append(calls, [2]int{s, e}) }
	v.SetSelection(12, 4)   // reversed: ordered
	v.SetSelection(4, 12)   // unchanged: no call
	v.SetSelection(-5, 1e9) // clamped
	v.SetText("new")        // cleared
	n := len([]rune(shortText))
	want := [][2]int{{4, 12}, {0, n}, {0, 0}}
	if len(calls) != len(want) {
		t.Fatalf("calls %v, want %v", calls, want)
	}
	for i := range want {
		if calls[i] != want[i] {
			t.Errorf("call %d = %v, want %v", i, calls[i], want[i])
		}
	}
}
