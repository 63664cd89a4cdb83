package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
)

// suggestNow runs the suggester on the open article and fills the tab, as
// the Suggest button does in the background.
func (td *testDesk) suggestNow() {
	td.t.Helper()
	res, rejected, err := td.suggestFor(td.ctx, td.article.ID, td.text, td.article.Turns, annotate.NewRegistry(td.speakers), nil)
	if err != nil {
		td.t.Fatal(err)
	}
	td.showSuggestions(td.article.ID, res, rejected)
}

// proposalWith returns the shown proposal whose label contains s.
func (td *testDesk) proposalWith(s string) *proposal {
	td.t.Helper()
	for _, p := range td.sugg.shown {
		if strings.Contains(p.label(), s) {
			return p
		}
	}
	td.t.Fatalf("no suggestion shown with %q among %d", s, len(td.sugg.shown))
	return nil
}

func TestSuggestAcceptRejectAndRemember(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	if td.tabs.Selected().Text != "Suggestions" || len(td.sugg.shown) == 0 {
		t.Fatalf("Suggest showed %d suggestions in tab %q", len(td.sugg.shown), td.tabs.Selected().Text)
	}
	dashed := 0
	for _, h := range td.highlights() {
		if h.Dashed {
			dashed++
		}
	}
	if dashed == 0 {
		t.Fatal("suggestions are not drawn as dashed highlights")
	}

	attr := td.proposalWith("attribution:")
	td.acceptProposals(attr)
	got := td.stored().Attributions
	if len(got) != 1 || got[0].Origin != annotate.Suggested || !sameSpans(got[0].Content, attr.attr.Content) {
		t.Fatalf("accepting stored %+v", got)
	}

	claim := td.proposalWith("claim ")
	key := claim.key
	td.rejectProposal(claim)
	td.suggestNow()
	for _, p := range td.sugg.all {
		if p.key == key {
			t.Fatal("a rejected suggestion was proposed again")
		}
		if p.attr != nil && sameSpans(p.attr.Content, attr.attr.Content) {
			t.Fatal("an accepted attribution was proposed again")
		}
	}
	td.undo() // the rejection
	td.flush()
	if rejected, _ := td.db.FindRejections(td.ctx, td.article.ID); rejected[key] {
		t.Fatal("undo did not forget the rejection")
	}
}

func TestSuggestionEditedThenAccepted(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	p := td.proposalWith("claim ")
	start, end := td.rangeOf("€412 million")
	td.view.SetSelection(start, end)
	sel, _ := td.selection()
	p.sent.Anchor = sel // as "Set to selection" in its editor does
	td.acceptProposals(p)
	claims := td.stored().Claims
	if len(claims) != 1 || claims[0].Anchors[0].Start != start || claims[0].Anchors[0].End != end {
		t.Fatalf("edited claim stored as %+v", claims)
	}
	if claims[0].Worthiness == nil || claims[0].WorthinessOrigin != annotate.Suggested {
		t.Fatal("accepted claim lost its suggested score")
	}
}

func TestAcceptAllShownIsOneUndoStep(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	td.sugg.kind.SetSelected(kindClaims)
	best := 0.0
	for _, p := range td.sugg.shown {
		best = max(best, p.sent.Score)
	}
	td.sugg.minScore.SetValue(best - 0.1) // the best few
	n := len(td.sugg.shown)
	if n == 0 || n == len(td.sugg.all) {
		t.Fatalf("filtering by score shows %d of %d suggestions", n, len(td.sugg.all))
	}
	td.sugg.acceptAll()
	if got := len(td.stored().Claims); got != n {
		t.Fatalf("accept all stored %d claims, want %d", got, n)
	}
	if len(td.sugg.shown) != 0 {
		t.Fatalf("%d accepted suggestions still shown", len(td.sugg.shown))
	}
	td.undo()
	if got := len(td.stored().Claims); got != 0 {
		t.Fatalf("one undo left %d claims", got)
	}
}

// press types r into the focused widget, as the window does.
func (td *testDesk) press(r rune) {
	td.t.Helper()
	f := td.win.Canvas().Focused()
	if f == nil {
		td.t.Fatalf("nothing has the keyboard for %q", r)
	}
	f.TypedRune(r)
}

// pressKey sends a key to the focused widget.
func (td *testDesk) pressKey(k fyne.KeyName) {
	td.t.Helper()
	f := td.win.Canvas().Focused()
	if f == nil {
		td.t.Fatalf("nothing has the keyboard for %s", k)
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

// pressChord sends a modified key to the focused widget, as a shortcut, the
// way the window does for Alt and Ctrl chords.
func (td *testDesk) pressChord(k fyne.KeyName, mod fyne.KeyModifier) {
	td.t.Helper()
	f, ok := td.win.Canvas().Focused().(fyne.Shortcutable)
	if !ok {
		td.t.Fatalf("the focused widget takes no shortcuts for %s", k)
	}
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod})
}

// wantCurrent checks that s is the selected suggestion, in the list and as
// the article's selection, scrolled into view.
func (td *testDesk) wantCurrent(s *proposal, what string) {
	td.t.Helper()
	if td.sugg.current != s {
		got := "none"
		if td.sugg.current != nil {
			got = td.sugg.current.label()
		}
		td.t.Fatalf("%s: current suggestion is %s, want %s", what, got, s.label())
	}
	if i := td.sugg.index(s); len(td.sugg.list.selected()) != 1 || td.sugg.list.selected()[0] != i {
		td.t.Fatalf("%s: list selection %v, want [%d]", what, td.sugg.list.selected(), i)
	}
	_, spans := s.anchors()
	start, _ := td.view.Selection()
	if start != spans[0].Start && start > spans[0].Start {
		td.t.Fatalf("%s: article selection starts at %d, want the suggestion's %d", what, start, spans[0].Start)
	}
	if _, ok := td.view.PositionOf(start); !ok {
		td.t.Fatalf("%s: the suggestion at %d is not scrolled into view", what, start)
	}
	if td.win.Canvas().Focused() != td.sugg.list {
		td.t.Fatalf("%s: the suggestions list does not have the keyboard", what)
	}
}

func TestReviewKeysDecideAndMoveOn(t *testing.T) {
	td := newTestDesk(t, nil)
	td.win.Resize(fyne.NewSize(1280, 800))
	td.suggestNow()
	if len(td.sugg.shown) < 8 {
		t.Fatalf("only %d suggestions shown", len(td.sugg.shown))
	}
	shown := append([]*proposal(nil), td.sugg.shown...)
	td.wantCurrent(shown[0], "after Suggest")

	td.press('j')
	td.wantCurrent(shown[1], "J")
	td.pressKey(fyne.KeyDown)
	td.wantCurrent(shown[2], "Down")
	td.press('k')
	td.wantCurrent(shown[1], "K")

	td.press('a') // accept shown[1]
	if got := td.stored(); len(got.Attributions)+len(got.Claims) != 1 {
		t.Fatalf("A stored %d attributions and %d claims, want one annotation", len(got.Attributions), len(got.Claims))
	}
	td.wantCurrent(shown[2], "after accepting with A")
	td.pressKey(fyne.KeyDelete) // reject shown[2]
	td.wantCurrent(shown[3], "after rejecting with Delete")
	td.press('x') // reject shown[3]
	td.wantCurrent(shown[4], "after rejecting with X")
	td.pressKey(fyne.KeyReturn) // accept shown[4]
	td.wantCurrent(shown[5], "after accepting with Enter")
	td.pressKey(fyne.KeyUp)
	td.wantCurrent(shown[0], "Up skips decided suggestions")
	td.pressKey(fyne.KeyUp)
	td.wantCurrent(shown[0], "Up at the first")

	td.flush()
	rejected, _ := td.db.FindRejections(td.ctx, td.article.ID)
	if !rejected[shown[2].key] || !rejected[shown[3].key] || len(rejected) != 2 {
		t.Fatalf("rejections stored %v, want those of %q and %q", rejected, shown[2].label(), shown[3].label())
	}
	if got := len(td.sugg.shown); got != len(shown)-4 {
		t.Fatalf("%d suggestions left, want %d", got, len(shown)-4)
	}

	// Backspace undoes the last decision and brings its suggestion back.
	td.press('j')
	td.pressKey(fyne.KeyBackspace)
	td.wantCurrent(shown[4], "after undoing an accept")
	if got := td.stored(); len(got.Attributions)+len(got.Claims) != 1 {
		t.Fatalf("undo left %d annotations, want 1", len(got.Attributions)+len(got.Claims))
	}
	td.pressKey(fyne.KeyBackspace)
	td.wantCurrent(shown[3], "after undoing a reject")
}

func TestReviewLastSuggestionSelectsThePrevious(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	n := len(td.sugg.shown)
	last, before := td.sugg.shown[n-1], td.sugg.shown[n-2]
	td.pressKey(fyne.KeyEnd)
	td.wantCurrent(last, "End")
	td.press('r')
	td.wantCurrent(before, "after rejecting the last")
	for range n - 1 {
		td.press('x')
	}
	if td.sugg.current != nil || len(td.sugg.shown) != 0 {
		t.Fatalf("after rejecting all, %d shown, current %v", len(td.sugg.shown), td.sugg.current)
	}
	td.press('a') // nothing to decide on: no crash, nothing stored
	td.pressKey(fyne.KeyDown)
	if got := td.stored(); len(got.Attributions)+len(got.Claims) != 0 {
		t.Fatal("a key with no suggestion stored something")
	}
}

func TestAcceptAllUndoBringsSuggestionsBack(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	n := len(td.sugg.shown)
	td.sugg.acceptAll()
	td.pressKey(fyne.KeyBackspace) // one undo step for them all
	if got := td.stored(); len(got.Attributions)+len(got.Claims) != 0 {
		t.Fatalf("one undo left %d annotations", len(got.Attributions)+len(got.Claims))
	}
	if len(td.sugg.shown) != n {
		t.Fatalf("undoing accept all shows %d suggestions, want %d", len(td.sugg.shown), n)
	}
	td.redo()
	if len(td.sugg.shown) != 0 {
		t.Fatalf("redoing accept all left %d suggestions", len(td.sugg.shown))
	}
}

// TestDecisionBarStaysPut checks that Accept and Reject are at the same place,
// above the fold, whatever the suggestion's length.
func TestDecisionBarStaysPut(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 640}} {
		td := newTestDesk(t, nil)
		td.win.Resize(size)
		td.suggestNow()
		short, long := td.sugg.shown[0], td.sugg.shown[0]
		for _, p := range td.sugg.shown {
			if h := td.proposalEditor(p).MinSize().Height; h > td.proposalEditor(long).MinSize().Height {
				long = p
			} else if h < td.proposalEditor(short).MinSize().Height {
				short = p
			}
		}
		if td.proposalEditor(long).MinSize().Height-td.proposalEditor(short).MinSize().Height < 50 {
			t.Fatalf("the suggestions' editors differ too little in height to tell")
		}
		var where []fyne.Position
		for _, p := range []*proposal{short, long} {
			td.sugg.list.Select(td.sugg.index(p))
			td.wantCurrent(p, "selected")
			for _, b := range []*widget.Button{td.sugg.bar.accept, td.sugg.bar.reject} {
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				if !b.Visible() || pos.Y+b.Size().Height > size.Height || b.Size().Height <= 0 || b.Disabled() {
					t.Fatalf("%v: %q at %v (%v) is not usable in the window", size, b.Text, pos, b.Size())
				}
				where = append(where, pos)
			}
		}
		if where[0] != where[2] || where[1] != where[3] {
			t.Fatalf("%v: the buttons moved from %v to %v between a short and a long suggestion", size, where[:2], where[2:])
		}
	}
}

func TestHiddenClaimsCounted(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	below := func(v float64) (n int) {
		for _, p := range td.sugg.all {
			if p.sent != nil && p.sent.Score < v {
				n++
			}
		}
		return n
	}
	tests := []struct {
		kind, filter string
		score        float64
		want         string
	}{
		{kindAll, "", 0, "to review"},
		{kindAll, "", 0.3, fmt.Sprintf("%d claims below 0.30 hidden", below(0.3))},
		{kindClaims, "", 0.3, fmt.Sprintf("%d claims below 0.30 hidden", below(0.3))},
		{kindAttributions, "", 0.3, "to review"},
		{kindAll, "", 1, fmt.Sprintf("%d claims below 1.00 hidden", below(1))},
	}
	for _, tt := range tests {
		td.sugg.kind.SetSelected(tt.kind)
		td.sugg.filter.SetText(tt.filter)
		td.sugg.minScore.SetValue(tt.score)
		got := td.sugg.countLbl.Text
		if !strings.Contains(got, tt.want) || tt.want == "to review" && strings.Contains(got, "hidden") {
			t.Errorf("%s, filter %q, ≥ %.2f: %q, want %q", tt.kind, tt.filter, tt.score, got, tt.want)
		}
		if want := fmt.Sprintf("%d to review", len(td.sugg.shown)); !strings.HasPrefix(got, want) {
			t.Errorf("%s ≥ %.2f: %q, want it to start %q", tt.kind, tt.score, got, want)
		}
	}
	if below(0.3) == 0 || below(1) == below(0.3) {
		t.Fatalf("the sample's scores do not tell the thresholds apart: %d, %d", below(0.3), below(1))
	}
}

func TestDefaultThresholdSaysWhatItHides(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	if td.sugg.minScore.Value != suggest.MinClaimScore {
		t.Fatalf("threshold %.2f, want the default %.2f", td.sugg.minScore.Value, suggest.MinClaimScore)
	}
	td.sugg.minScore.SetValue(0.3)
	td.suggestNow()
	n := 0
	for _, p := range td.sugg.all {
		if p.sent != nil && p.sent.Score < 0.3 {
			n++
		}
	}
	if want := fmt.Sprintf("(%d %s below 0.30 hidden)", n, plural(n, "claim", "claims")); n == 0 || !strings.Contains(td.status.Text, want) {
		t.Fatalf("status %q, want it to say %q", td.status.Text, want)
	}
	var scores []float64
	for _, p := range td.sugg.all {
		if p.sent != nil {
			scores = append(scores, p.sent.Score)
		}
	}
	slices.Sort(scores)
	one := math.Ceil(100*scores[0]+1e-9) / 100 // the slider's steps are 0.01
	if len(scores) < 2 || scores[1] < one {
		t.Fatalf("claim scores %v: no threshold hides exactly one", scores)
	}
	td.sugg.minScore.SetValue(one)
	td.suggestNow()
	if td.sugg.hidden != 1 || !strings.Contains(td.status.Text, "(1 claim below") {
		t.Errorf("%d hidden; status %q, want it to say 1 claim", td.sugg.hidden, td.status.Text)
	}
}

// secondClaimSuggestion is a test desk showing every claim suggested,
// with the second selected.
func secondClaimSuggestion(t *testing.T) (*testDesk, *proposal) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	td.sugg.kind.SetSelected(kindClaims)
	td.sugg.minScore.SetValue(0)
	td.sugg.list.Select(1)
	return td, td.sugg.shown[1]
}

func TestSpanKeysAdjustASuggestion(t *testing.T) {
	td, p := secondClaimSuggestion(t)
	orig := p.sent.Anchor
	td.pressChord(fyne.KeyRight, fyne.KeyModifierAlt) // start a word right
	first, _ := td.text.ShrinkWord(orig, false)
	if p.sent.Anchor != first {
		t.Fatalf("Alt+Right gave %q, want %q", p.sent.Anchor.Exact, first.Exact)
	}
	td.pressChord(fyne.KeyLeft, fyne.KeyModifierAlt) // and back
	td.pressChord(fyne.KeyLeft, fyne.KeyModifierAlt|fyne.KeyModifierShift)
	shorter, _ := td.text.ShrinkWord(orig, true)
	if p.sent.Anchor.Start != orig.Start || p.sent.Anchor.End != shorter.End {
		t.Fatalf("Alt+Left then Alt+Shift+Left gave %q, want %q", p.sent.Anchor.Exact, shorter.Exact)
	}
	if s, e := td.view.Selection(); s != p.sent.Anchor.Start || e != p.sent.Anchor.End {
		t.Fatalf("the article selects %d–%d, not the adjusted span", s, e)
	}
	td.pressChord(fyne.KeyRight, fyne.KeyModifierAlt|fyne.KeyModifierShift)
	if p.sent.Anchor != orig {
		t.Fatalf("growing the end back gave %q, want %q", p.sent.Anchor.Exact, orig.Exact)
	}

	// S sets the span to the article's selection, and A accepts it as adjusted.
	start, end := td.rangeOf("€412 million")
	td.view.SetSelection(start, end)
	td.press('e') // nothing to type in a claim: the keys stay with the list
	if td.win.Canvas().Focused() != td.sugg.list || !strings.Contains(td.status.Text, "nothing to type") {
		t.Fatalf("E on a claim focused %T, status %q", td.win.Canvas().Focused(), td.status.Text)
	}
	td.press('s')
	if p.sent.Anchor.Start != start || p.sent.Anchor.End != end {
		t.Fatalf("S set the span to %q", p.sent.Anchor.Exact)
	}
	td.press('a')
	claims := td.stored().Claims
	if len(claims) != 1 || claims[0].Anchors[0].Start != start || claims[0].Anchors[0].End != end {
		t.Fatalf("accepted %+v", claims)
	}
	// the key it was proposed under is kept, so a rejection would be remembered as proposed
	if p.key != (&suggest.Sentence{Anchor: orig}).Key() {
		t.Fatalf("key changed to %q", p.key)
	}
}

// TestReasonSaysSpansWereChanged: once the reviewer moves a suggestion's
// span, its reason says it was given for the spans as they were; moved
// back, it reads as suggested again.
func TestReasonSaysSpansWereChanged(t *testing.T) {
	td, p := secondClaimSuggestion(t)
	const before = "As suggested, before your changes to its spans: "
	if strings.HasPrefix(p.reason(), before) {
		t.Fatalf("an untouched suggestion's reason is %q", p.reason())
	}
	td.pressChord(fyne.KeyRight, fyne.KeyModifierAlt)
	if !strings.HasPrefix(p.reason(), before) || !strings.Contains(labelTexts(td.sugg.edit), before) {
		t.Fatalf("after Alt+Right the reason is %q; the editor shows %q", p.reason(), labelTexts(td.sugg.edit))
	}
	td.pressChord(fyne.KeyLeft, fyne.KeyModifierAlt)
	if strings.HasPrefix(p.reason(), before) {
		t.Fatalf("moved back, the reason is %q", p.reason())
	}
}

func TestSpanKeysAtTheTextEdges(t *testing.T) {
	td := newTestDesk(t, []byte("Prices rose 12 percent in 2025, the minister said."))
	td.suggestNow()
	td.sugg.kind.SetSelected(kindClaims)
	td.sugg.minScore.SetValue(0)
	p := td.sugg.shown[0]
	td.sugg.list.Select(0)
	orig := p.sent.Anchor
	td.pressChord(fyne.KeyLeft, fyne.KeyModifierAlt) // the start is the text's
	td.pressChord(fyne.KeyRight, fyne.KeyModifierAlt|fyne.KeyModifierShift)
	if p.sent.Anchor != orig || !strings.Contains(td.status.Text, "cannot grow further") {
		t.Fatalf("growing at the text's edges gave %q, status %q", p.sent.Anchor.Exact, td.status.Text)
	}
	for range 20 {
		td.pressChord(fyne.KeyLeft, fyne.KeyModifierAlt|fyne.KeyModifierShift)
	}
	if p.sent.Anchor.Exact != "Prices" || !strings.Contains(td.status.Text, "cannot shrink further") {
		t.Fatalf("shrinking to nothing gave %q, status %q", p.sent.Anchor.Exact, td.status.Text)
	}
}

func TestSpanKeysPickTheAttributionsSpan(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	td.sugg.kind.SetSelected(kindAttributions)
	var p *proposal
	for i, s := range td.sugg.shown {
		if s.attr.Source != nil && s.attr.Cue != nil {
			p = s
			td.sugg.list.Select(i)
			break
		}
	}
	if p == nil {
		t.Fatal("no suggested attribution with a source and a cue")
	}
	if name, _ := p.activeSpan(); name != "Content 1" || td.sugg.bar.part.Selected != "Content 1" {
		t.Fatalf("adjusting %q first (picker %q), want the content", name, td.sugg.bar.part.Selected)
	}
	td.pressChord(fyne.KeyUp, fyne.KeyModifierAlt)
	td.pressChord(fyne.KeyUp, fyne.KeyModifierAlt)
	td.pressChord(fyne.KeyUp, fyne.KeyModifierAlt) // stops at the first
	if name, _ := p.activeSpan(); name != "Source" || td.sugg.bar.part.Selected != "Source" {
		t.Fatalf("Alt+Up ×3 adjusts %q, want Source", name)
	}
	src := *p.attr.Source
	td.pressChord(fyne.KeyLeft, fyne.KeyModifierAlt)
	want, ok := td.text.GrowWord(src, false)
	if ok && *p.attr.Source != want {
		t.Fatalf("Alt+Left on the source gave %q, want %q", p.attr.Source.Exact, want.Exact)
	}
	td.pressChord(fyne.KeyDown, fyne.KeyModifierAlt)
	if name, _ := p.activeSpan(); name != "Cue" {
		t.Fatalf("Alt+Down adjusts %q, want Cue", name)
	}

	// E goes to the speaker; Enter there comes back to the keys.
	td.press('e')
	entry, ok := td.win.Canvas().Focused().(*speakerEntry)
	if !ok || entry.Text != p.attr.Speaker {
		t.Fatalf("E focused %T, want the speaker entry", td.win.Canvas().Focused())
	}
	test.Type(entry, "x")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if td.win.Canvas().Focused() != td.sugg.list {
		t.Fatal("Enter in the speaker did not give the keys back to the list")
	}
}

func TestReviewListPassesOtherShortcuts(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	td.press('a')
	td.pressChord(fyne.KeyZ, fyne.KeyModifierShortcutDefault) // undo, from the window's shortcuts
	if got := td.stored(); len(got.Attributions)+len(got.Claims) != 0 {
		t.Fatal("Ctrl+Z in the suggestions list did not undo")
	}
}

func TestReviewKeysInAReadOnlyProject(t *testing.T) {
	td, _ := readOnlyDesk(t)
	td.suggestNow()
	first := td.sugg.shown[0]
	td.wantCurrent(first, "after Suggest")
	if !td.sugg.bar.accept.Disabled() || !td.sugg.bar.reject.Disabled() || td.sugg.bar.next.Disabled() {
		t.Fatal("read-only: Accept and Reject should be disabled, Next enabled")
	}
	td.press('a')
	td.press('x')
	td.pressChord(fyne.KeyRight, fyne.KeyModifierAlt)
	if td.sugg.current != first || len(td.sugg.shown) == 0 || !strings.Contains(td.status.Text, "read-only") {
		t.Fatalf("read-only: the keys decided or changed something (status %q)", td.status.Text)
	}
	td.press('j')
	td.wantCurrent(td.sugg.shown[1], "J in a read-only project")
}

// TestRejectAllShownIsOneUndoStep: the claims left once the ones worth
// checking are accepted go in one step, are not proposed again, and come
// back with one undo.
func TestRejectAllShownIsOneUndoStep(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	td.sugg.kind.SetSelected(kindClaims)
	n, all := len(td.sugg.shown), len(td.sugg.all)
	if n == 0 || n == all {
		t.Fatalf("the claims filter shows %d of %d suggestions", n, all)
	}
	td.sugg.rejectAll()
	if len(td.sugg.shown) != 0 || len(td.sugg.all) != all-n {
		t.Fatalf("after rejecting all shown: %d shown, %d left of %d", len(td.sugg.shown), len(td.sugg.all), all)
	}
	td.flush()
	rejected, err := td.db.FindRejections(td.ctx, td.article.ID)
	if err != nil || len(rejected) != n {
		t.Fatalf("%d rejections stored (%v), want %d", len(rejected), err, n)
	}
	if got := td.stored(); len(got.Claims) != 0 {
		t.Fatalf("rejecting stored %d claims", len(got.Claims))
	}
	td.undo()
	td.flush()
	if rejected, _ := td.db.FindRejections(td.ctx, td.article.ID); len(rejected) != 0 || len(td.sugg.shown) != n {
		t.Fatalf("one undo left %d rejections and shows %d claims, want 0 and %d", len(rejected), len(td.sugg.shown), n)
	}
}

// TestTapAfterTheFilterTakesTheKeys: typed in the filter, a tap on a
// suggestion, then A (as the hint says) accepted nothing: the filter kept
// the keyboard and took the "a" ("we remain" became "we remaina" and the
// list emptied; seen in the real window on a debate).
func TestTapAfterTheFilterTakesTheKeys(t *testing.T) {
	td := newTestDesk(t, nil)
	td.suggestNow()
	c := td.win.Canvas()
	c.Focus(td.sugg.filter)
	test.Type(td.sugg.filter, "said")
	if len(td.sugg.shown) == 0 {
		t.Fatal("no suggestion holds \"said\"")
	}
	before := len(td.ann.Attributions) + len(td.ann.Claims)
	td.sugg.list.Select(0) // the tap
	if c.Focused() != td.sugg.list {
		t.Fatalf("after the tap the keyboard is with %T, not the list", c.Focused())
	}
	td.press('a')
	td.flush()
	if after := len(td.ann.Attributions) + len(td.ann.Claims); after != before+1 || td.sugg.filter.Text != "said" {
		t.Errorf("A after the tap: %d annotations (was %d), filter %q", after, before, td.sugg.filter.Text)
	}
}
