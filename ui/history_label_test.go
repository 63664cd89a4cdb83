package ui

import (
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestUndoAndRedoSayWhatTheyDid: the status line after Ctrl+Z and
// Ctrl+Shift+Z names the edit: which field of which annotation, quoted
// briefly, or what was added or deleted.
func TestUndoAndRedoSayWhatTheyDid(t *testing.T) {
	const quoteText = "“This is the most important decision this council will take in a generation,”"
	tests := []struct {
		name       string
		do         func(td *testDesk, t *testing.T)
		undid, red string
	}{
		{"add claim", func(td *testDesk, t *testing.T) { td.addClaimOn("€412 million") },
			"undid add claim “€412 million”", "redid add claim “€412 million”"},
		{"add attribution", func(td *testDesk, t *testing.T) { td.addAttributionOn(quoteText) },
			"undid add attribution “This is the most important decision…”",
			"redid add attribution “This is the most important decision…”"},
		{"add note on a span", func(td *testDesk, t *testing.T) {
			td.view.SetSelection(td.rangeOf("two were absent"))
			td.createNote()
		}, "undid add note on “two were absent”", "redid add note on “two were absent”"},
		{"note rationale typed in two goes", func(td *testDesk, t *testing.T) {
			td.view.SetSelection(td.rangeOf("two were absent"))
			td.createNote()
			id := td.Selected()
			td.updateNote(id, "rationale", func(n *annotate.Note) { n.Rationale = "Min" })
			td.updateNote(id, "rationale", func(n *annotate.Note) { n.Rationale = "Minutes" })
		}, "undid rationale of the note on “two were absent”", "redid rationale of the note on “two were absent”"},
		{"claim status", func(td *testDesk, t *testing.T) {
			id := td.addClaimOn("€412 million")
			td.updateClaim(id, "", func(c *annotate.Claim) { c.Status = annotate.StatusResearching })
		}, "undid status of the claim “€412 million”", "redid status of the claim “€412 million”"},
		{"claim tags", func(td *testDesk, t *testing.T) {
			id := td.addClaimOn("€412 million")
			td.updateClaim(id, "tags", func(c *annotate.Claim) { c.Tags = []string{"budget"} })
		}, "undid tags of the claim “€412 million”", "redid tags of the claim “€412 million”"},
		{"note verdict", func(td *testDesk, t *testing.T) {
			td.addClaimOn("€412 million")
			td.tabs.SelectIndex(tabClaims)
			td.view.SetSelection(0, 0)
			td.createNote()
			td.updateNote(td.Selected(), "", func(n *annotate.Note) { n.Verdict = "True" })
		}, "undid verdict of the note on “€412 million”", "redid verdict of the note on “€412 million”"},
		{"attribution source and speaker", func(td *testDesk, t *testing.T) {
			id := td.addAttributionOn(quoteText)
			src := td.anchorOn("Ms. Halvorsen")
			sid, err := td.resolveSpeaker("Ingrid Halvorsen")
			if err != nil {
				t.Fatal(err)
			}
			td.updateAttribution(id, "", func(a *annotate.Attribution) { a.Source, a.SpeakerID = &src, sid })
		}, "undid speaker and source of the attribution “This is the most important decision…”",
			"redid speaker and source of the attribution “This is the most important decision…”"},
		{"speaker role", func(td *testDesk, t *testing.T) {
			sid, err := td.resolveSpeaker("Ingrid Halvorsen")
			if err != nil {
				t.Fatal(err)
			}
			td.updateSpeaker(sid, "role", func(s *annotate.Speaker) { s.Role = "Mayor" })
		}, "undid role of the speaker “Ingrid Halvorsen”", "redid role of the speaker “Ingrid Halvorsen”"},
		{"delete attribution", func(td *testDesk, t *testing.T) {
			id := td.addAttributionOn(quoteText)
			src, cue := td.anchorOn("Ms. Halvorsen"), td.anchorOn("said")
			td.updateAttribution(id, "", func(a *annotate.Attribution) { a.Source, a.Cue = &src, &cue })
			td.hist.seal()
			td.selectAnnotation(id, false)
			td.deleteSelected()
			if want := "deleted attribution “Ms. Halvorsen · said · This is the most…” — Ctrl+Z undoes"; td.save.note != want {
				t.Errorf("after delete the status says %q, want %q", td.save.note, want)
			}
		}, "undid delete attribution “Ms. Halvorsen · said · This is the most…”",
			"redid delete attribution “Ms. Halvorsen · said · This is the most…”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			tt.do(td, t)
			td.undo()
			if got := td.save.note; got != tt.undid {
				t.Errorf("after undo the status says %q, want %q", got, tt.undid)
			}
			td.redo()
			if got := td.save.note; got != tt.red {
				t.Errorf("after redo the status says %q, want %q", got, tt.red)
			}
		})
	}
}

// addClaimOn makes a claim of the phrase and returns its ID.
func (td *testDesk) addClaimOn(phrase string) string {
	td.view.SetSelection(td.rangeOf(phrase))
	td.createClaim()
	return td.Selected()
}

// addAttributionOn makes an attribution of the phrase and returns its ID.
func (td *testDesk) addAttributionOn(phrase string) string {
	td.view.SetSelection(td.rangeOf(phrase))
	td.createAttribution()
	return td.Selected()
}

// anchorOn is the anchor of the phrase's first occurrence.
func (td *testDesk) anchorOn(phrase string) annotate.Anchor {
	a, err := td.text.Anchor(td.rangeOf(phrase))
	if err != nil {
		td.t.Fatal(err)
	}
	return a
}
