package suggest

import "testing"

// TestWordListsAreTheLists checks that a word's bits in wordLists are the
// lists it is in, and that it names no word outside them.
func TestWordListsAreTheLists(t *testing.T) {
	lists := []struct {
		bit uint8
		set map[string]bool
	}{{inMonths, monthWords}, {inQuantities, quantityWords}, {inCompares, compareWords},
		{inChanges, changeWords}, {inReports, reportWords}, {inOpinions, opinionWords}}
	words := map[string]bool{"the": true, "percenter": true}
	for _, l := range lists {
		for w := range l.set {
			words[w] = true
		}
	}
	for w := range words {
		var want uint8
		for _, l := range lists {
			if l.set[w] {
				want |= l.bit
			}
		}
		if got := wordLists[w]; got != want {
			t.Errorf("wordLists[%q] = %06b, want %06b", w, got, want)
		}
	}
	if len(wordLists) >= len(words) {
		t.Errorf("wordLists has %d words, more than the lists' %d", len(wordLists), len(words)-2)
	}
}
