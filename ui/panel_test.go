package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// TestEmptyPanelsSayWhatToDo checks that a panel with nothing selected says
// how to add an annotation of its kind, on opening and once the selected one is deleted.
func TestEmptyPanelsSayWhatToDo(t *testing.T) {
	td := newTestDesk(t, nil)
	check := func(when string) {
		t.Helper()
		for _, tt := range []struct {
			name string
			p    *panel
			want string
		}{{"attributions", td.attrs, "press A"}, {"claims", td.claims, "press C"}, {"notes", td.notes, "press N"}} {
			if got := panelHint(tt.p); !strings.Contains(got, tt.want) {
				t.Errorf("%s: %s panel says %q, want it to contain %q", when, tt.name, got, tt.want)
			}
		}
	}
	check("on opening")
	td.view.SetSelection(td.rangeOf("Forty thousand people live along this route"))
	td.createClaim()
	td.deleteSelected()
	check("after deleting the selected claim")
}

// panelHint is the text of the hint a panel's editor area shows, or "".
func panelHint(p *panel) string {
	if len(p.edit.Objects) != 1 {
		return ""
	}
	if l, ok := p.edit.Objects[0].(*widget.Label); ok {
		return l.Text
	}
	return ""
}
