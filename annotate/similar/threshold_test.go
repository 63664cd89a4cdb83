package similar

import (
	"testing"
)

// TestMatchThreshold measures MinMatchScore on the train tweets: the share
// of correct first matches it keeps, and the share of tweets whose claim
// is not in the library (their verified claims removed) that it silences.
// Those tweets' best remaining match is often a fact-check of the same
// story, so the threshold cannot silence them all.
func TestMatchThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the library twice (-short)")
	}
	d := loadCLEF(t)
	gold := map[string]bool{}
	for _, r := range d.trainQ {
		for id := range r {
			gold[id] = true
		}
	}
	var rest []Claim
	for _, c := range d.ix.claims {
		if !gold[c.ID] {
			rest = append(rest, c)
		}
	}
	without := NewIndex(rest)
	var correct, kept, silenced int
	for _, q := range d.train {
		if ms := d.ix.Search(q.Text, 1); len(ms) > 0 && d.trainQ[q.ID][ms[0].ID] {
			correct++
			if ms[0].Score >= MinMatchScore {
				kept++
			}
		}
		if ms := without.Matches(q.Text); len(ms) == 0 {
			silenced++
		}
	}
	keep := float64(kept) / float64(correct)
	t.Logf("MinMatchScore %.1f keeps %.1f%% of %d correct first matches; shows nothing for %.1f%% of %d tweets whose claim is missing",
		MinMatchScore, 100*keep, correct, 100*float64(silenced)/float64(len(d.train)), len(d.train))
	if keep < 0.94 {
		t.Errorf("MinMatchScore keeps %.1f%% of correct first matches, want ≥ 94%%: choose it again", 100*keep)
	}
}
