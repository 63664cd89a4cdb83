package textview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// runeIndex returns the code-point index of the first sub in s.
func runeIndex(t testing.TB, s, sub string) int {
	t.Helper()
	b := strings.Index(s, sub)
	if b < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return len([]rune(s[:b]))
}

func TestOffsetAtNonASCII(t *testing.T) {
	const text = "He said “hi” — 🙂 ok x\u0301y naïve."
	_, v := newTestView(t, text, fyne.NewSize(600, 100))
	runes := []rune(text)
	// x of the caret before code point i, measured on the whole line's
	// prefix by Fyne, independently of the view's word-width sums.
	x := func(i int) float32 {
		return v.left() + fyne.MeasureText(string(runes[:i]), v.m.textSize, fyne.TextStyle{}).Width
	}
	y := v.m.pad + v.m.lineH/2
	for _, tc := range []struct {
		name       string
		char       string // the character clicked
		start, end int    // its code points
	}{
		{"opening curly quote", "“", 8, 9},
		{"closing curly quote", "”", 11, 12},
		{"em dash", "—", 13, 14},
		{"emoji", "🙂", 15, 16},
		{"x with combining acute", "x\u0301", 20, 22},
		{"y after combining mark", "y", 22, 23},
		{"precomposed i diaeresis", "ï", 26, 27},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(runes[tc.start:tc.end]); got != tc.char {
				t.Fatalf("table: runes[%d:%d] = %q, want %q", tc.start, tc.end, got, tc.char)
			}
			x0, x1 := x(tc.start), x(tc.end)
			left := fyne.NewPos(x0+(x1-x0)/4, y)
			right := fyne.NewPos(x0+3*(x1-x0)/4, y)
			if got := v.OffsetAt(left); got != tc.start {
				t.Errorf("OffsetAt(left quarter) = %d, want %d", got, tc.start)
			}
			if got := v.OffsetAt(right); got != tc.end {
				t.Errorf("OffsetAt(right quarter) = %d, want %d", got, tc.end)
			}
			if got := v.charAt(right); got != tc.start {
				t.Errorf("charAt(right quarter) = %d, want %d", got, tc.start)
			}
		})
	}
	for px := float32(0); px < 600; px += 0.5 {
		if got := v.OffsetAt(fyne.NewPos(px, y)); got == 21 {
			t.Fatalf("OffsetAt(%v) = 21, inside x + combining acute", px)
		}
	}
}

func TestOffsetAtOutsideText(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 400))
	if got := v.OffsetAt(fyne.NewPos(100, -50)); got != 0 {
		t.Errorf("above the text: %d, want 0", got)
	}
	if got := v.OffsetAt(fyne.NewPos(100, 390)); got != len([]rune(shortText)) {
		t.Errorf("below the text: %d, want %d", got, len([]rune(shortText)))
	}
	if got := v.charAt(fyne.NewPos(350, v.m.pad+v.m.lineH*2.5)); got != -1 {
		t.Errorf("charAt past the end of a line = %d, want -1", got)
	}
}

func TestDragSelectsPhrase(t *testing.T) {
	w, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	for _, phrase := range []string{
		"comfort force",
		"“the comfort force is ready” — and 🙂",
		"x\u0301 naïve",
		"flouillated.\n\nA third",            // across paragraphs and a blank line
		"long enough to wrap across several", // across a wrap
	} {
		t.Run(phrase, func(t *testing.T) {
			var got [2]int
			v.OnSelectionChanged = func(s, e int) { got = [2]int{s, e} }
			start := runeIndex(t, shortText, phrase)
			end := start + len([]rune(phrase))
			from, to := caretPos(t, v, start), caretPos(t, v, end)
			// test.Drag sends one Dragged event at pos with Dragged = delta:
			// the drag started at pos - delta.
			test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
			if s, e := v.Selection(); s != start || e != end {
				t.Errorf("Selection() = %d,%d, want %d,%d", s, e, start, end)
			}
			if got != [2]int{start, end} {
				t.Errorf("OnSelectionChanged got %v", got)
			}
			if v.SelectedText() != phrase {
				t.Errorf("SelectedText() = %q", v.SelectedText())
			}
		})
	}
}

func TestDragBackwardsAndAutoscroll(t *testing.T) {
	w, v := newTestView(t, strings.Repeat("line of text\n", 200), fyne.NewSize(300, 200))
	from := caretPos(t, v, 13*3+4) // line 3, after "line"
	to := fyne.NewPos(from.X, from.Y-2*v.m.lineH)
	test.Drag(w.Canvas(), to, 0, to.Y-from.Y)
	if s, e := v.Selection(); s != 13+4 || e != 13*3+4 {
		t.Errorf("backward drag: %d,%d, want %d,%d", s, e, 13+4, 13*3+4)
	}
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 10)}})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 400)}, Dragged: fyne.NewDelta(0, 390)})
	v.DragEnd()
	if v.scr.para == 0 {
		t.Error("dragging below the view did not scroll")
	}
	if _, e := v.Selection(); e <= 13*6 {
		t.Errorf("selection end %d did not follow the drag below the view", e)
	}
}

func TestDoubleTapSelectsWord(t *testing.T) {
	const text = "Officials don’t say “x\u0301yz” — 🙂 well-known claims."
	_, v := newTestView(t, text, fyne.NewSize(600, 100))
	for _, tc := range []struct{ click, want string }{
		{"cials", "Officials"},
		{"n’t", "don’t"},
		{"yz", "x\u0301yz"},
		{"🙂", "🙂"},
		{"known", "known"},
		{"—", "—"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			i := runeIndex(t, text, tc.click)
			pos := caretPos(t, v, i).Add(fyne.NewPos(1, 0))
			v.DoubleTapped(&fyne.PointEvent{Position: pos})
			if got := v.SelectedText(); got != tc.want {
				t.Errorf("double-click at %q selected %q, want %q", tc.click, got, tc.want)
			}
		})
	}
}

func TestShiftClickExtends(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	a, b := runeIndex(t, shortText, "minister"), runeIndex(t, shortText, "ready")
	v.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, PointEvent: fyne.PointEvent{Position: caretPos(t, v, a)}})
	v.Tapped(&fyne.PointEvent{Position: caretPos(t, v, a)})
	v.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift,
		PointEvent: fyne.PointEvent{Position: caretPos(t, v, b)}})
	v.Tapped(&fyne.PointEvent{Position: caretPos(t, v, b)})
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("shift+click: %d,%d, want %d,%d", s, e, a, b)
	}
}

func TestTapHighlight(t *testing.T) {
	w, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	long := Highlight{Start: 4, End: 30, ID: "long"}
	short := Highlight{Start: 8, End: 12, ID: "short"}
	v.SetHighlights([]Highlight{short, long})
	for _, tc := range []struct {
		name string
		off  int
		want string // "" = no callback
	}{
		{"inside both", 9, "short"},
		{"inside long only", 5, "long"},
		{"outside", 40, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			v.OnHighlightTapped = func(h Highlight) { got = h.ID }
			test.TapCanvas(w.Canvas(), caretPos(t, v, tc.off).Add(fyne.NewPos(1, 0)))
			if got != tc.want {
				t.Errorf("tapped %q, want %q", got, tc.want)
			}
			if s, e := v.Selection(); s != e {
				t.Errorf("a tap left a selection %d,%d", s, e)
			}
		})
	}
	if c := w.Canvas().Focused(); c != v {
		t.Errorf("tap did not focus the view: %v", c)
	}
}

// TestTapAgainCyclesOverlappingHighlights: two highlights on one span are
// reported in turn by clicks on it; a click elsewhere starts over.
func TestTapAgainCyclesOverlappingHighlights(t *testing.T) {
	w, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	v.SetHighlights([]Highlight{{Start: 8, End: 12, ID: "claim"}, {Start: 8, End: 12, ID: "note"}, {Start: 20, End: 24, ID: "other"}})
	var got []string
	v.OnHighlightTapped = func(h Highlight) { got = append(got, h.ID) }
	tap := func(off int) {
		test.TapCanvas(w.Canvas(), caretPos(t, v, off).Add(fyne.NewPos(1, 0)))
	}
	tap(9)
	tap(10)
	tap(9)
	tap(21)
	tap(9)
	if len(got) != 5 || got[0] == got[1] || got[2] != got[0] || got[3] != "other" || got[4] != got[0] {
		t.Errorf("taps reported %v; want the two overlapping in turn, then other, then the first again", got)
	}
}

func TestSecondaryTapForwarded(t *testing.T) {
	_, v := newTestView(t, shortText, fyne.NewSize(360, 300))
	v.SetSelection(4, 12)
	var got *fyne.PointEvent
	v.OnSecondaryTapped = func(pe *fyne.PointEvent) { got = pe }
	test.TapSecondaryAt(v, fyne.NewPos(20, 20))
	if got == nil || got.Position != fyne.NewPos(20, 20) {
		t.Errorf("OnSecondaryTapped got %v", got)
	}
	if s, e := v.Selection(); s != 4 || e != 12 {
		t.Errorf("right click changed the selection to %d,%d", s, e)
	}
}

func TestDragSelectedReportsTheSelectionOnceTheDragEnds(t *testing.T) {
	w, v := newTestView(t, strings.Repeat("line of text\n", 200), fyne.NewSize(300, 200))
	var got [][2]int
	v.OnDragSelected = func(s, e int) { got = append(got, [2]int{s, e}) }
	from, to := caretPos(t, v, 13+5), caretPos(t, v, 13+7)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	if len(got) != 0 {
		t.Fatalf("reported %v while the drag went on", got)
	}
	v.DragEnd()
	if len(got) != 1 || got[0] != [2]int{13 + 5, 13 + 7} {
		t.Fatalf("a drag over “of” reported %v, want [[18 20]]", got)
	}
	// A drag of the scroll bar selects nothing and reports nothing.
	bar := fyne.NewPos(v.Size().Width-1, 20)
	test.Drag(w.Canvas(), bar.Add(fyne.NewDelta(0, 40)), 0, 40)
	if v.scr.para == 0 {
		t.Fatal("the drag did not move the scroll bar")
	}
	if len(got) != 1 {
		t.Fatalf("a scroll-bar drag reported %v", got[1:])
	}
}
