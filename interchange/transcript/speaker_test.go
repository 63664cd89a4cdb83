package transcript

import (
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestMatchSpeaker(t *testing.T) {
	reg := annotate.NewRegistry([]annotate.Speaker{
		{ID: "1", Name: "Donald Trump", Aliases: []string{"The Donald"}},
		{ID: "2", Name: "Hillary Clinton"},
		{ID: "3", Name: "Bill Clinton"},
		{ID: "4", Name: "Bernie Sanders"},
		{ID: "5", Name: "Lester Holt"},
		{ID: "6", Name: "Beto O'Rourke"},
	})
	for _, tc := range []struct {
		label, want string // want "" for no match
	}{
		{"TRUMP", "1"},
		{"Donald Trump", "1"},
		{"donald trump", "1"},
		{"THE DONALD", "1"},
		{"MR. TRUMP", "1"},
		{"HILLARY CLINTON", "2"},
		{"CLINTON", ""}, // two Clintons: the user chooses
		{"HILLARY CLINTON (D-NY), FORMER SECRETARY OF STATE, PRESIDENTIAL CANDIDATE", "2"},
		{"SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE", "4"},
		{"MODERATOR (HOLT)", "5"},
		{"Holt", "5"},
		{"O'ROURKE", "6"},
		{"PENCE", ""},
		{"AUDIENCE MEMBER", ""},
	} {
		s, ok := MatchSpeaker(tc.label, reg)
		if ok != (tc.want != "") || ok && s.ID != tc.want {
			t.Errorf("MatchSpeaker(%q) = %q, %v; want %q", tc.label, s.ID, ok, tc.want)
		}
	}
}
