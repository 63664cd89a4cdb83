package ui

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestManualAttributionByPartKeys: select the content and press A, the
// source and press S, the cue and press Q; the speaker comes from the
// registry with no typing.
func TestManualAttributionByPartKeys(t *testing.T) {
	td := newTestDesk(t, nil)
	ids := td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen"})
	steps := []struct {
		phrase string
		key    rune
	}{
		{"“This is the most important decision this council will take in a generation,”", 'a'},
		{"Ms. Halvorsen", 's'},
		{"said", 'q'},
	}
	for _, s := range steps {
		start, end := td.within("“This is the most important decision this council will take in a generation,” Ms. Halvorsen said.", s.phrase)
		td.view.SetSelection(start, end)
		td.win.Canvas().Focus(td.view)
		td.press(s.key)
	}
	got := td.stored().Attributions
	if len(got) != 1 {
		t.Fatalf("%d attributions stored, want 1", len(got))
	}
	a := got[0]
	if a.Source == nil || a.Source.Exact != "Ms. Halvorsen" || a.Cue == nil || a.Cue.Exact != "said" ||
		len(a.Content) != 1 || a.SpeakerID != ids["Ingrid Halvorsen"] || a.Kind != annotate.Direct {
		t.Fatalf("stored source %v cue %v content %d speaker %q kind %s", a.Source, a.Cue, len(a.Content), td.speakerName(a.SpeakerID), a.Kind)
	}
	// P on a selection inside the content replaces that piece; P on
	// other text adds a piece.
	start, end := td.rangeOf("“Forty thousand people live along this route")
	td.view.SetSelection(start, end)
	td.press('p')
	start, end = td.rangeOf("This is the most important decision")
	td.view.SetSelection(start, end)
	td.press('p')
	a = td.stored().Attributions[0]
	if len(a.Content) != 2 || a.Content[0].Exact != "This is the most important decision" ||
		a.Content[1].Exact != "“Forty thousand people live along this route" {
		t.Fatalf("content after P twice: %+v", a.Content)
	}
	td.undo()
	if a = td.stored().Attributions[0]; len(a.Content) != 2 || a.Content[0].Exact[:3] != "“" {
		t.Fatalf("undo of P left %+v", a.Content)
	}
}

// TestPartKeysNeedAnAttribution: S with text selected but no attribution
// says what to do and changes nothing.
func TestPartKeysNeedAnAttribution(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("Ms. Halvorsen"))
	td.win.Canvas().Focus(td.view)
	td.press('s')
	if got := td.stored(); len(got.Attributions)+len(got.Claims)+len(got.Notes) != 0 {
		t.Fatalf("S stored %+v", got)
	}
	if want := "select an attribution (or add one with A) before setting its source"; !strings.Contains(td.status.Text, want) {
		t.Errorf("status %q, want %q", td.status.Text, want)
	}
}

// TestPartKeysFixASuggestionBeforeItIsAccepted: under review, S, Q and P
// change the suggestion, the keyboard goes back to the list, and A accepts
// the fixed one.
func TestPartKeysFixASuggestionBeforeItIsAccepted(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	var s *proposal
	for _, p := range td.sugg.shown {
		if p.attr != nil && p.attr.Cue != nil && p.attr.Cue.Exact == "said" {
			s = p
			break
		}
	}
	if s == nil {
		t.Fatal("no attribution suggestion with the cue “said”")
	}
	td.sugg.list.Select(td.sugg.index(s))
	cue := *s.attr.Cue
	td.view.SetSelection(cue.Start, cue.End)
	td.win.Canvas().Focus(td.view)
	td.press('s') // the cue as the source: wrong, but a change we can see
	if s.attr.Source == nil || s.attr.Source.Exact != "said" {
		t.Fatalf("S left the source %+v", s.attr.Source)
	}
	if td.win.Canvas().Focused() != td.sugg.list {
		t.Fatal("the keyboard did not go back to the Suggestions list")
	}
	td.press('a')
	got := td.stored().Attributions
	if len(got) != 1 || got[0].Source == nil || got[0].Source.Exact != "said" {
		t.Fatalf("accepted %+v", got)
	}
}

// TestKindKeyCycles: D turns the selected attribution direct → indirect →
// mixed → direct, each an undoable edit.
func TestKindKeyCycles(t *testing.T) {
	td := newTestDesk(t, nil)
	td.newAttribution("“This is the most important decision this council will take in a generation,”")
	td.win.Canvas().Focus(td.view)
	for _, want := range []annotate.Kind{annotate.Indirect, annotate.Mixed, annotate.Direct} {
		td.press('d')
		if got := td.stored().Attributions[0].Kind; got != want {
			t.Fatalf("after D the kind is %s, want %s", got, want)
		}
	}
	td.undo()
	if got := td.stored().Attributions[0].Kind; got != annotate.Mixed {
		t.Fatalf("undo left %s, want mixed", got)
	}
}

// TestPOnAPieceTakesItOut: P on a selection that is a content piece exactly
// takes the piece out while another is left; on the last piece it changes
// nothing.
func TestPOnAPieceTakesItOut(t *testing.T) {
	td := newTestDesk(t, nil)
	td.newAttribution("“This is the most important decision this council will take in a generation,”")
	td.win.Canvas().Focus(td.view)
	td.view.SetSelection(td.rangeOf("“Forty thousand people live along this route"))
	td.press('p')
	if n := len(td.stored().Attributions[0].Content); n != 2 {
		t.Fatalf("%d pieces after adding one", n)
	}
	td.view.SetSelection(td.rangeOf("“Forty thousand people live along this route"))
	td.press('p')
	c := td.stored().Attributions[0].Content
	if len(c) != 1 || !strings.HasPrefix(c[0].Exact, "“This is") {
		t.Fatalf("P on the piece left %+v", c)
	}
	td.view.SetSelection(c[0].Start, c[0].End)
	td.press('p')
	if n := len(td.stored().Attributions[0].Content); n != 1 {
		t.Fatalf("P on the last piece left %d pieces", n)
	}
}

// TestCOnAClaimSuggestionAcceptsThePart: with a claim suggestion under
// review, C on part of its sentence accepts it with that span, and the
// keyboard is back in the list on the next suggestion.
func TestCOnAClaimSuggestionAcceptsThePart(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	var s *proposal
	for _, p := range td.sugg.shown {
		if p.sent != nil && len([]rune(p.sent.Anchor.Exact)) > 30 {
			s = p
			break
		}
	}
	if s == nil {
		t.Fatal("no claim suggestion")
	}
	td.sugg.list.Select(td.sugg.index(s))
	a := s.sent.Anchor
	part := annotate.Anchor{Start: a.Start, End: a.Start + 20}
	for part.End < a.End && strings.TrimSpace(td.text.Slice(part.End-1, part.End)) == "" {
		part.End++
	}
	td.view.SetSelection(part.Start, part.End)
	td.win.Canvas().Focus(td.view)
	td.press('c')
	got := td.stored().Claims
	if len(got) != 1 || got[0].Anchors[0].Start != part.Start || got[0].Anchors[0].End != part.End || got[0].Origin != annotate.Suggested {
		t.Fatalf("claims stored %+v", got)
	}
	if td.win.Canvas().Focused() != td.sugg.list || td.sugg.current == s {
		t.Error("the review did not go on in the list")
	}
}
