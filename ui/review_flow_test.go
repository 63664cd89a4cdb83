package ui

import (
	"testing"

	"fyne.io/fyne/v2"

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
