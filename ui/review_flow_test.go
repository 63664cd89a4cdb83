package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
)

// The review flow of issue 10: the suggestions listed attributions first,
// a suggestion's speaker named through the registry as it is now, and its
// speaker field completing a name from a few letters.

func TestSuggestionsListTheAttributionsBeforeTheClaims(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	claims, attrs, lastStart := 0, 0, -1
	for i, s := range td.sugg.shown {
		switch {
		case s.attr != nil && claims > 0:
			t.Fatalf("suggestion %d (%s) is an attribution after %d claims", i, s.label(), claims)
		case s.attr != nil:
			attrs++
		case claims == 0:
			claims, lastStart = 1, -1
		default:
			claims++
		}
		if s.start() < lastStart {
			t.Fatalf("suggestion %d (%s) starts at %d, before the one above it (%d)", i, s.label(), s.start(), lastStart)
		}
		lastStart = s.start()
	}
	if attrs == 0 || claims == 0 {
		t.Fatalf("the sample gave %d attribution and %d claim suggestions; the test needs both", attrs, claims)
	}
	// Once the attributions are decided, what is left is the claims, and
	// one command clears them.
	var all []*proposal
	for _, s := range td.sugg.shown {
		if s.attr != nil {
			all = append(all, s)
		}
	}
	td.rejectProposals(all...)
	if td.sugg.current == nil || td.sugg.current.sent == nil {
		t.Fatalf("after the attributions the review is on %v, want the first claim", td.sugg.current)
	}
	td.sugg.rejectAll()
	if len(td.sugg.shown) != 0 {
		t.Fatalf("%d suggestions left after rejecting every one shown", len(td.sugg.shown))
	}
}

// oneSuggestion shows a suggestion of the sample's first quotation whose
// speaker is the mention "Halvorsen" alone, as the suggester gives it for a
// name it did not find in the registry.
func (td *testDesk) oneSuggestion(speaker string) *proposal {
	td.t.Helper()
	qs, qe := td.rangeOf("“This is the most important decision this council will take in a generation,”")
	ss, se := td.rangeOf("Ms. Halvorsen")
	anchor := func(s, e int) annotate.Anchor {
		a, err := td.text.Anchor(s, e)
		if err != nil {
			td.t.Fatal(err)
		}
		return a
	}
	src := anchor(ss, se)
	a := suggest.Attribution{Attribution: annotate.Attribution{Source: &src, Content: []annotate.Anchor{anchor(qs, qe)}, Kind: annotate.Direct},
		Speaker: speaker, Mention: src.Exact}
	td.tabs.SelectIndex(tabSuggestions)
	td.sugg.set(&suggest.Result{Attributions: []suggest.Attribution{a}}, nil)
	td.win.Canvas().Focus(td.sugg.list)
	if td.sugg.current == nil {
		td.t.Fatal("the suggestion is not under review")
	}
	return td.sugg.current
}

func TestASuggestionsSpeakerIsNamedThroughTheRegistryAsItIsNow(t *testing.T) {
	td := newTestDesk(t, nil)
	ids := td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen"})
	p := td.oneSuggestion("Halvorsen")
	if p.attr.SpeakerID != ids["Ingrid Halvorsen"] || p.attr.Speaker != "Ingrid Halvorsen" {
		t.Fatalf("the suggestion's speaker is %q (ID %q), want the registry's Ingrid Halvorsen", p.attr.Speaker, p.attr.SpeakerID)
	}
	if got := p.label(); got[:len("attribution: Ingrid Halvorsen")] != "attribution: Ingrid Halvorsen" {
		t.Fatalf("the list says %q", got)
	}
	td.press('a')
	got := td.stored().Attributions
	if len(got) != 1 || got[0].SpeakerID != ids["Ingrid Halvorsen"] {
		t.Fatalf("accepted as %+v", got)
	}
}

func TestSuggestionSpeakerFieldCompletesAFewLetters(t *testing.T) {
	td := newTestDesk(t, nil)
	ids := td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen"}, annotate.Speaker{Name: "José Ortiz"})
	p := td.oneSuggestion("José Ortiz") // the suggester picked the wrong one
	td.press('e')
	entry, ok := td.win.Canvas().Focused().(*speakerEntry)
	if !ok {
		t.Fatalf("E focused %T, want the speaker field", td.win.Canvas().Focused())
	}
	if entry.SelectedText() != "José Ortiz" {
		t.Fatalf("the field selected %q on focus, want the whole name", entry.SelectedText())
	}
	for _, r := range "halv" { // replaces the selected name
		entry.TypedRune(r)
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.attr.SpeakerID != ids["Ingrid Halvorsen"] || p.attr.Speaker != "Ingrid Halvorsen" {
		t.Fatalf("E, halv, Enter made the speaker %q (ID %q), want Ingrid Halvorsen", p.attr.Speaker, p.attr.SpeakerID)
	}
	if td.win.Canvas().Focused() != td.sugg.list {
		t.Fatalf("after Enter the keyboard is in %T, not the review list", td.win.Canvas().Focused())
	}
	// Enter on the name unchanged changes nothing and comes back too.
	td.press('e')
	td.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.attr.SpeakerID != ids["Ingrid Halvorsen"] || td.win.Canvas().Focused() != td.sugg.list {
		t.Fatalf("Enter on the unchanged name: speaker %q, focus %T", p.attr.Speaker, td.win.Canvas().Focused())
	}
	// A name nobody has stays a name: no speaker is added until the
	// suggestion is accepted.
	before := len(td.speakers)
	td.press('e')
	entry = td.win.Canvas().Focused().(*speakerEntry)
	for _, r := range "Qwxz Vbnm" {
		entry.TypedRune(r)
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.attr.SpeakerID != "" || p.attr.Speaker != "Qwxz Vbnm" || len(td.speakers) != before {
		t.Fatalf("a new name gave speaker %q (ID %q), %d speakers (was %d)", p.attr.Speaker, p.attr.SpeakerID, len(td.speakers), before)
	}
	td.press('a')
	got := td.stored().Attributions
	if len(got) != 1 || td.speakerName(got[0].SpeakerID) != "Qwxz Vbnm" {
		t.Fatalf("accepted with speaker %q", td.speakerName(got[0].SpeakerID))
	}
}

func TestASuggestionsLoneSurnameIsNamedInFull(t *testing.T) {
	td := newTestDesk(t, nil)
	p := td.oneSuggestion("Halvorsen") // the registry has nobody yet
	if p.attr.Speaker != "Ingrid Halvorsen" || p.attr.SpeakerID != "" {
		t.Fatalf("the suggestion's speaker is %q (ID %q), want the text's Ingrid Halvorsen, not yet a speaker", p.attr.Speaker, p.attr.SpeakerID)
	}
}

// twoPieceSuggestion shows a suggestion of the sample's two-sentence
// quotation as one attribution of two pieces, with a source and a cue, as
// the suggester sometimes joins a quotation and the one that goes on.
func (td *testDesk) twoPieceSuggestion() *proposal {
	td.t.Helper()
	p := td.oneSuggestion("Ingrid Halvorsen")
	cs, ce := td.rangeOf("said")
	ss, se := td.rangeOf("“Forty thousand people live along this route, and today most of them have no choice but to sit in traffic.”")
	cue, err := td.text.Anchor(cs, ce)
	if err != nil {
		td.t.Fatal(err)
	}
	second, err := td.text.Anchor(ss, se)
	if err != nil {
		td.t.Fatal(err)
	}
	p.attr.Cue = &cue
	p.attr.Content = append(p.attr.Content, second)
	td.sugg.spanChanged()
	return p
}

func TestSplitMakesAPieceASuggestionOfItsOwn(t *testing.T) {
	td := newTestDesk(t, nil)
	p := td.twoPieceSuggestion()
	first, second := p.attr.Content[0], p.attr.Content[1]
	td.press('t')
	if len(p.attr.Content) != 1 || p.attr.Content[0] != first {
		t.Fatalf("after T the suggestion holds %v, want the first piece only", p.attr.Content)
	}
	if len(td.sugg.shown) != 2 || td.sugg.current != p {
		t.Fatalf("after T %d suggestions are shown, current %v", len(td.sugg.shown), td.sugg.current)
	}
	split := td.sugg.shown[1]
	if a := split.attr; a == nil || len(a.Content) != 1 || a.Content[0] != second || a.Cue != nil ||
		a.Source == nil || *a.Source != *p.attr.Source || a.Source == p.attr.Source || a.Speaker != p.attr.Speaker || a.Kind != annotate.Direct {
		t.Fatalf("the piece split off is %+v", split.attr)
	}
	td.press('t') // twice in a row: one piece is left, which stays
	if len(p.attr.Content) != 1 || len(td.sugg.shown) != 2 {
		t.Fatalf("T on a one-piece suggestion left %v and %d shown", p.attr.Content, len(td.sugg.shown))
	}
	td.press('a')
	if td.sugg.current != split {
		t.Fatal("after accepting, the review is not on the piece split off")
	}
	td.press('a')
	got := td.stored().Attributions
	if len(got) != 2 || got[1].Cue != nil || got[1].Content[0].Start != second.Start || got[1].SpeakerID != got[0].SpeakerID {
		t.Fatalf("accepted as %+v", got)
	}
	td.undo()
	if n := len(td.stored().Attributions); n != 1 || td.sugg.current == nil || td.sugg.current.attr.Content[0] != second {
		t.Fatalf("undo left %d attributions and the review on %v", n, td.sugg.current)
	}
}

func TestSplitTakesTheAdjustedPiece(t *testing.T) {
	td := newTestDesk(t, nil)
	p := td.twoPieceSuggestion()
	first, second := p.attr.Content[0], p.attr.Content[1]
	// Alt+Down from Content 1 (the span adjusted first) is Content 2.
	td.pressChord(fyne.KeyDown, fyne.KeyModifierAlt)
	if name, _ := p.activeSpan(); name != "Content 2" {
		t.Fatalf("Alt+Down adjusts %q", name)
	}
	td.press('t')
	if len(p.attr.Content) != 1 || p.attr.Content[0] != first || td.sugg.shown[1].attr.Content[0] != second {
		t.Fatalf("T on Content 2 left %v", p.attr.Content)
	}
	if name, _ := p.activeSpan(); name != "Content 1" {
		t.Fatalf("after the split the span keys adjust %q, want the content left", name)
	}
}

func TestTheSuggestionsSpeakerIsInSightInTheSmallestWindow(t *testing.T) {
	td := newTestDesk(t, nil)
	td.win.Resize(fyne.NewSize(1024, 640))
	td.suggestNow()
	longest := -1 // the attribution suggestion with the longest reason
	for i, s := range td.sugg.shown {
		if s.attr != nil && (longest < 0 || len(s.attr.Reason) > len(td.sugg.shown[longest].attr.Reason)) {
			longest = i
		}
	}
	if longest < 0 {
		t.Fatal("no attribution suggestion to review")
	}
	td.sugg.list.Select(longest)
	td.press('e')
	entry, ok := td.win.Canvas().Focused().(*speakerEntry)
	if !ok {
		t.Fatalf("E focused %T", td.win.Canvas().Focused())
	}
	var scroll *container.Scroll
	walk(td.sugg.content, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && s.Content == td.sugg.edit {
			scroll = s
		}
	})
	if scroll == nil {
		t.Fatal("no scroll around the suggestion's editor")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject
	if bottom, fold := pos(entry).Y+entry.Size().Height, pos(scroll).Y+scroll.Size().Height; bottom > fold {
		t.Fatalf("the speaker field ends at y=%.0f, under the editor's fold at %.0f", bottom, fold)
	}
}
