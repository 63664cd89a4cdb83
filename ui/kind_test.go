package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestEachKindHasItsPanel: an annotation of each kind is found as that kind,
// selecting it shows its own tab with it in the list, and an ID of no
// annotation has no panel (it used to fall back to Notes).
func TestEachKindHasItsPanel(t *testing.T) {
	td := newTestDesk(t, nil)
	tests := []struct {
		key, phrase, tab string
		kind             annKind
	}{
		{"a", "“The budget is sound on paper,”", "Attributions", kindAttribution},
		{"c", "€230 million", "Claims", kindClaim},
		{"n", "paper", "Notes", kindNote},
	}
	for _, tt := range tests {
		td.view.SetSelection(td.rangeOf(tt.phrase))
		test.Type(td.view, tt.key)
		id := td.Selected()
		if got := td.findKind(id); got != tt.kind {
			t.Fatalf("%s on %q made %q, a %v; want a %v", tt.key, tt.phrase, id, got, tt.kind)
		}
		td.tabs.SelectIndex(tabSuggestions)
		td.selectAnnotation(id, false)
		p, tab, ok := td.panelFor(tt.kind)
		if !ok || td.tabs.SelectedIndex() != tab || td.tabs.Selected().Text != tt.tab || p.index(id) < 0 {
			t.Errorf("%v %q: tab %q, panel has it at %d, want tab %q", tt.kind, id, td.tabs.Selected().Text, p.index(id), tt.tab)
		}
	}
	if k := td.findKind("no-such-id"); k != noKind {
		t.Errorf("findKind of an unknown ID is %v, want noKind", k)
	}
	if p, tab, ok := td.panelFor(noKind); ok || p != nil || tab != -1 {
		t.Errorf("panelFor(noKind) = %v, %d, %v; want no panel", p, tab, ok)
	}
	before := td.Selected()
	td.selectAnnotation("no-such-id", false)
	if td.Selected() != before || td.tabs.Selected().Text != "Notes" {
		t.Errorf("selecting an unknown ID moved to %q, tab %q", td.Selected(), td.tabs.Selected().Text)
	}
}

// TestKindNames are what labels and the palette say.
func TestKindNames(t *testing.T) {
	want := map[annKind]string{noKind: "no annotation", kindAttribution: "attribution", kindClaim: "claim", kindNote: "note"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("%d.String() = %q, want %q", k, k.String(), s)
		}
	}
}
