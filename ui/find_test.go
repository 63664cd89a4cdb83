package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// TestFindTwiceReplacesTheQuery: Ctrl+F a second time selects the old query,
// so typing replaces it instead of appending to it.
func TestFindTwiceReplacesTheQuery(t *testing.T) {
	td := newTestDesk(t, nil)
	td.shortcut(fyne.KeyF, false)
	test.Type(td.find.entry, "Kanalgade")
	td.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	td.shortcut(fyne.KeyF, false)
	test.Type(td.find.entry, "Strandvej")
	if got := td.find.entry.Text; got != "Strandvej" {
		t.Fatalf("the second Ctrl+F typed into %q, want the query replaced", got)
	}
	want, wantEnd := td.rangeOf("Strandvej")
	if s, e := td.view.Selection(); s != want || e != wantEnd {
		t.Fatalf("the second search selected %d–%d, want %d–%d", s, e, want, wantEnd)
	}
}

// TestFindAgainInTheBarReplacesTheQuery: Ctrl+F pressed while typing in
// the bar selects the query too.
func TestFindAgainInTheBarReplacesTheQuery(t *testing.T) {
	td := newTestDesk(t, nil)
	td.shortcut(fyne.KeyF, false)
	test.Type(td.find.entry, "Kanalgade")
	td.find.entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	test.Type(td.find.entry, "Strandvej")
	if got := td.find.entry.Text; got != "Strandvej" {
		t.Fatalf("Ctrl+F in the bar, then typing, searches %q", got)
	}
}

// TestFindNotFoundLeavesNothingSelected: once the query is not found, the
// earlier match is no longer selected, in the bar or after Escape, so the
// next key cannot annotate it.
func TestFindNotFoundLeavesNothingSelected(t *testing.T) {
	for _, tc := range []struct {
		name  string
		again bool // search with a second Ctrl+F, not by typing on
	}{
		{"typing on", false},
		{"second Ctrl+F", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.shortcut(fyne.KeyF, false)
			test.Type(td.find.entry, "that")
			if s, e := td.view.Selection(); e <= s {
				t.Fatal("typing a word of the text selected nothing")
			}
			if tc.again {
				td.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
				td.shortcut(fyne.KeyF, false)
			}
			test.Type(td.find.entry, " it wrote")
			if got := td.find.count.Text; got != "not found" {
				t.Fatalf("searching %q says %q, want not found", td.find.entry.Text, got)
			}
			if s, e := td.view.Selection(); e > s {
				t.Fatalf("after not found %d–%d is still selected", s, e)
			}
			td.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if s, e := td.view.Selection(); e > s {
				t.Fatalf("after Escape %d–%d is selected", s, e)
			}
			test.Type(td.view, "c")
			if n := len(td.stored().Claims); n != 0 {
				t.Fatalf("C after a failed search made %d claims", n)
			}
		})
	}
}
