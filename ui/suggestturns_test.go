package ui

import (
	"strings"
	"testing"
)

// TestClaimSuggestionInATurnIsItsSpeakers: on a transcript the suggester
// gets the article's turns, so its sentences leave out the "NAME:" labels
// and name their turn's speaker, and an accepted claim suggestion has the
// turn's speaker as claimant, as a claim made by hand would.
func TestClaimSuggestionInATurnIsItsSpeakers(t *testing.T) {
	td, _, alvarez := newDebateDesk(t)
	td.suggestNow()
	find := func(phrase string) *proposal {
		t.Helper()
		for _, p := range td.sugg.all {
			if p.sent != nil && strings.Contains(p.sent.Anchor.Exact, phrase) {
				return p
			}
		}
		t.Fatalf("no claim suggestion on %q", phrase)
		return nil
	}
	if got := find("Good evening").sent.Anchor.Exact; got != "Good evening." {
		t.Errorf("the first sentence is %q, want %q without the label", got, "Good evening.")
	}
	crime := find("Crime in our city fell")
	jobs := find("lost three thousand jobs")
	for _, c := range []struct {
		p    *proposal
		want string
	}{{crime, " · Maria Alvarez: "}, {jobs, " · BRENNAN: "}} {
		if !strings.Contains(c.p.label(), c.want) {
			t.Errorf("label %q does not name the turn's speaker (%q)", c.p.label(), c.want)
		}
	}
	td.acceptProposals(crime, jobs)
	td.flush()
	by := map[string]string{}
	for _, c := range td.stored().Claims {
		by[c.Anchors[0].Exact] = c.SpeakerID
	}
	if got, ok := by[crime.sent.Anchor.Exact]; !ok || got != alvarez {
		t.Errorf("the claim in Alvarez's turn has claimant %q (stored %v), want %q", got, ok, alvarez)
	}
	if got, ok := by[jobs.sent.Anchor.Exact]; !ok || got != "" {
		t.Errorf("the claim in BRENNAN's turn (not in the registry) has claimant %q (stored %v), want none", got, ok)
	}
}
