package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// addSpeakers puts speakers in the registry, as the user would have.
func (td *testDesk) addSpeakers(speakers ...annotate.Speaker) map[string]string {
	td.t.Helper()
	ids := map[string]string{}
	for _, sp := range speakers {
		id, err := td.resolveSpeaker(sp.Name)
		if err != nil {
			td.t.Fatal(err)
		}
		if len(sp.Aliases) > 0 {
			td.updateSpeaker(id, "", func(x *annotate.Speaker) { x.Aliases = sp.Aliases })
		}
		ids[sp.Name] = id
	}
	return ids
}

// editor is the editor shown in the panel of the selected annotation.
func (td *testDesk) editor() fyne.CanvasObject {
	td.t.Helper()
	p, _, _ := td.panelFor(td.findKind(td.selected))
	if p == nil || len(p.edit.Objects) == 0 {
		td.t.Fatal("no editor is shown")
	}
	return p.edit.Objects[0]
}

// find is the first object in the editor that ok accepts.
func find[T fyne.CanvasObject](td *testDesk, ok func(T) bool) T {
	td.t.Helper()
	var found T
	var any bool
	walk(td.editor(), func(o fyne.CanvasObject) {
		if x, is := o.(T); is && !any && ok(x) {
			found, any = x, true
		}
	})
	if !any {
		td.t.Fatalf("the editor has no %T that fits", found)
	}
	return found
}

func (td *testDesk) speakerEntry() *speakerEntry {
	return find(td, func(*speakerEntry) bool { return true })
}

func (td *testDesk) anchorField(key string) *anchorField {
	return find(td, func(f *anchorField) bool { return strings.HasSuffix(f.key, key) })
}

func (td *testDesk) button(prefix string) *widget.Button {
	return find(td, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, prefix) })
}

// newAttribution makes an attribution on the phrase, selected in its editor.
func (td *testDesk) newAttribution(phrase string) string {
	td.view.SetSelection(td.rangeOf(phrase))
	td.createAttribution()
	return td.Selected()
}

func (td *testDesk) setSourceTo(phrase string) {
	td.view.SetSelection(td.rangeOf(phrase))
	test.Tap(td.button("Set source"))
}

// TestSpeakerArrowListsEverySpeaker: the drop-down arrow opens the list of
// speakers every time, before anything is typed (it opened an empty menu
// until the user typed), and a pick sets the speaker.
func TestSpeakerArrowListsEverySpeaker(t *testing.T) {
	td := newTestDesk(t, nil)
	ids := td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen"}, annotate.Speaker{Name: "José Ortiz"})
	id := td.newAttribution("Forty thousand people live along this route")
	for try := 0; try < 3; try++ {
		e := td.speakerEntry()
		if !slices.Contains(test.WidgetRenderer(e).Objects(), e.ActionItem) {
			t.Fatal("the entry does not draw its arrow")
		}
		test.Tap(e.ActionItem.(*widget.Button))
		overlayMenu(t, td)
		if got := menuLabels(e.list); strings.Join(got, "|") != "Ingrid Halvorsen|José Ortiz" {
			t.Fatalf("try %d: the list shows %q", try, got)
		}
		td.win.Canvas().Overlays().Top().Hide()
		td.win.Canvas().Overlays().Remove(td.win.Canvas().Overlays().Top())
	}
	e := td.speakerEntry()
	td.win.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // ↓ opens it too, and takes the keys
	menu := overlayMenu(t, td)
	menu.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	menu.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	menu.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := td.findAttribution(id).SpeakerID; got != ids["José Ortiz"] {
		t.Errorf("speaker = %q, want José Ortiz's %q", td.speakerName(got), ids["José Ortiz"])
	}
}

// overlayMenu is the list the speaker field opened, which has the focus.
func overlayMenu(t *testing.T, td *testDesk) fyne.Focusable {
	t.Helper()
	if td.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no list opened")
	}
	m, ok := td.win.Canvas().Focused().(*widget.PopUpMenu)
	if !ok {
		t.Fatalf("the list does not have the focus (%T has)", td.win.Canvas().Focused())
	}
	return m
}

func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Label)
	}
	return out
}

// TestSpeakerTyping: the field completes what is typed (fuzzy over names
// and aliases); Enter takes the best match, or adds a new speaker when
// nothing matches; the row under the field offers the name as a new
// speaker or an alias in one click.
func TestSpeakerTyping(t *testing.T) {
	tests := []struct {
		name, typed string
		click       string // a button of the offers row to tap instead of Enter
		want        string // the speaker set
		alias       string // an alias the best match gains
		speakers    int    // in the registry afterwards
	}{
		{name: "fuzzy name", typed: "halv", want: "Ingrid Halvorsen", speakers: 2},
		{name: "fuzzy alias", typed: "mayr", want: "Ingrid Halvorsen", speakers: 2},
		{name: "surname", typed: "Mr. Ortiz", want: "José Ortiz", speakers: 2},
		{name: "new name", typed: "Zoë Lindqvist", want: "Zoë Lindqvist", speakers: 3},
		{name: "new speaker despite a match", typed: "Ingrid Hal", click: "New “", want: "Ingrid Hal", speakers: 3},
		{name: "alias of the best match", typed: "Ingrid Hal", click: "Alias of Ingrid Halvorsen", want: "Ingrid Halvorsen", alias: "Ingrid Hal", speakers: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen", Aliases: []string{"the mayor"}}, annotate.Speaker{Name: "José Ortiz"})
			id := td.newAttribution("Forty thousand people live along this route")
			e := td.speakerEntry()
			td.win.Canvas().Focus(e)
			test.Type(e, tt.typed)
			if tt.click != "" {
				test.Tap(td.button(tt.click))
			} else {
				e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			}
			if got := td.speakerName(td.findAttribution(id).SpeakerID); got != tt.want {
				t.Errorf("speaker = %q, want %q", got, tt.want)
			}
			if len(td.speakers) != tt.speakers {
				t.Errorf("%d speakers, want %d", len(td.speakers), tt.speakers)
			}
			if tt.alias != "" {
				sp := td.findSpeaker(td.findAttribution(id).SpeakerID)
				if !strings.Contains(strings.Join(sp.Aliases, "|"), tt.alias) {
					t.Errorf("aliases = %q, want %q among them", sp.Aliases, tt.alias)
				}
			}
			stored := td.stored()
			if got := stored.Attributions[0].SpeakerID; got != td.findAttribution(id).SpeakerID {
				t.Errorf("stored speaker %q differs from the desk's", got)
			}
		})
	}
}

// within is the range of sub inside the first occurrence of context.
func (td *testDesk) within(context, sub string) (int, int) {
	start, _ := td.rangeOf(context)
	i := strings.Index(context, sub)
	if i < 0 {
		td.t.Fatalf("%q lacks %q", context, sub)
	}
	s := start + len([]rune(context[:i]))
	return s, s + len([]rune(sub))
}

// TestSetSourceFillsSpeaker: setting a source resolves it through the
// registry, a pronoun by the suggester's resolver among the speakers and
// names before it; an unknown name (or a pronoun's, named in the text but
// no speaker yet) waits in the focused speaker field, where Enter adds it.
func TestSetSourceFillsSpeaker(t *testing.T) {
	type said struct{ content, source string }
	halvorsen := said{"This is the most important decision", "Ms. Halvorsen"}
	ortiz := said{"The budget is sound on paper", "Mr. Ortiz"}
	tests := []struct {
		name    string
		before  []said
		content string
		source  [2]string // the source, inside a context that finds it
		want    string
		offered string // the name left in the speaker field
	}{
		{name: "title and surname", content: halvorsen.content, source: [2]string{"Ms. Halvorsen", "Ms. Halvorsen"}, want: "Ingrid Halvorsen"},
		{name: "full name with title", content: "disputed those figures", source: [2]string{"Councillor José Ortiz", "Councillor José Ortiz"}, want: "José Ortiz"},
		{name: "pronoun", before: []said{halvorsen}, content: "ridership forecasts prepared by the city’s transport department",
			source: [2]string{"She said that ridership", "She"}, want: "Ingrid Halvorsen"},
		{name: "pronoun skips a clash", before: []said{halvorsen, ortiz}, content: "had been completed three months ahead of schedule",
			source: [2]string{"She noted that the western", "She"}, want: "Ingrid Halvorsen"},
		{name: "pronoun for a name no source gave", before: []said{halvorsen, ortiz}, content: "We did not invent these numbers",
			source: [2]string{"numbers,” she said", "she"}, offered: "Zoë Lindqvist"},
		{name: "pronoun with nobody before", content: "ridership forecasts prepared by the city’s transport department",
			source: [2]string{"She said that ridership", "She"}, want: ""},
		{name: "unknown name", content: "defended the forecasts", source: [2]string{"Zoë Lindqvist, the city", "Zoë Lindqvist"}, offered: "Zoë Lindqvist"},
		{name: "unknown surname takes the text's full name", content: "defended the forecasts", source: [2]string{"According to Ms. Lindqvist", "Ms. Lindqvist"}, offered: "Zoë Lindqvist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen"}, annotate.Speaker{Name: "José Ortiz"})
			for _, b := range tt.before {
				td.newAttribution(b.content)
				td.setSourceTo(b.source)
			}
			id := td.newAttribution(tt.content)
			td.view.SetSelection(td.within(tt.source[0], tt.source[1]))
			test.Tap(td.button("Set source"))
			a := td.findAttribution(id)
			if a.Source == nil || a.Source.Exact != tt.source[1] {
				t.Fatalf("source = %+v", a.Source)
			}
			if got := td.speakerName(a.SpeakerID); got != tt.want {
				t.Errorf("speaker = %q, want %q", got, tt.want)
			}
			e := td.speakerEntry()
			if tt.offered == "" {
				return
			}
			if e.Text != tt.offered || td.win.Canvas().Focused() != e {
				t.Fatalf("speaker field holds %q (focused: %v), want %q focused", e.Text, td.win.Canvas().Focused() == e, tt.offered)
			}
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // one key adds the speaker
			if got := td.speakerName(td.findAttribution(id).SpeakerID); got != tt.offered {
				t.Errorf("after Enter the speaker is %q, want %q", got, tt.offered)
			}
		})
	}
}

// TestManualAttributionInSixActions counts a whole attribution made by hand
// for a known speaker: select the content, A, select the source, Set
// source, select the cue, Set cue; no typing.
func TestManualAttributionInSixActions(t *testing.T) {
	td := newTestDesk(t, nil)
	td.addSpeakers(annotate.Speaker{Name: "Ingrid Halvorsen"})
	actions := 0
	drag := func(phrase string) {
		td.dragSelect(td.rangeOf(phrase))
		actions++
	}
	drag("“This is the most important decision this council will take in a generation,”")
	td.win.Canvas().Focus(td.view)
	test.Type(td.view, "a")
	actions++
	drag("Ms. Halvorsen")
	test.Tap(td.button("Set source"))
	actions++
	drag("said. “Forty")
	td.view.SetSelection(td.rangeOf("said")) // the drag above is the action; the test needs the one word
	test.Tap(td.button("Set cue"))
	actions++
	stored := td.stored()
	if len(stored.Attributions) != 1 {
		t.Fatalf("%d attributions", len(stored.Attributions))
	}
	a := stored.Attributions[0]
	if a.Source == nil || a.Cue == nil || td.speakerName(a.SpeakerID) != "Ingrid Halvorsen" || a.Kind != annotate.Direct {
		t.Errorf("attribution = source %v cue %v speaker %q kind %s", a.Source, a.Cue, td.speakerName(a.SpeakerID), a.Kind)
	}
	if actions > 6 {
		t.Errorf("%d actions, want at most 6", actions)
	}
}

// TestAnchorFieldsStepAWord: every anchor of the editors grows and shrinks
// a word at a time from the keyboard, and is set to the selection with
// Enter; a run of steps is one undo step.
func TestAnchorFieldsStepAWord(t *testing.T) {
	tests := []struct {
		name  string
		make  func(td *testDesk)
		field string
		keys  []string // "→", "←", "⇧←", "⇧→", "↵" (Enter with the selection below)
		sel   string
		want  string
	}{
		{name: "source", make: func(td *testDesk) {
			td.newAttribution("This is the most important decision")
			td.setSourceTo("Ms. Halvorsen")
		}, field: "/source", keys: []string{"→", "→", "⇧→"}, want: "Halvorsen said."}, // the sentence's full stop is a word of its own, “Ms.” one word
		{name: "cue", make: func(td *testDesk) {
			td.newAttribution("This is the most important decision")
			td.view.SetSelection(td.rangeOf("Halvorsen said"))
			test.Tap(td.button("Set cue"))
		}, field: "/cue", keys: []string{"⇧→"}, want: "said"},
		{name: "content piece", make: func(td *testDesk) {
			td.newAttribution("the most important decision")
		}, field: "/content/0", keys: []string{"⇧←", "⇧←", "⇧←", "←"}, want: "“This is the most important"}, // and so is the quotation mark
		{name: "claim", make: func(td *testDesk) {
			td.view.SetSelection(td.rangeOf("Forty thousand people"))
			td.createClaim()
		}, field: "/claim/0", keys: []string{"→", "→", "→"}, want: "Forty thousand people live along this"},
		{name: "note target by Enter", make: func(td *testDesk) {
			td.view.SetSelection(td.rangeOf("public parks"))
			td.createNote()
		}, field: "/target", keys: []string{"↵"}, sel: "maintaining all of its public parks", want: "maintaining all of its public parks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			tt.make(td)
			id := td.Selected()
			before, _, _ := td.span(id)
			f := td.anchorField(tt.field)
			orig := f.Text()
			if tt.sel != "" {
				td.view.SetSelection(td.rangeOf(tt.sel))
			}
			td.win.Canvas().Focus(f)
			for _, k := range tt.keys {
				pressAnchorKey(f, k)
			}
			want := quote(tt.want)
			if f.lines > 1 {
				want = "“" + tt.want + "”"
			}
			if f.Text() != want {
				t.Errorf("field shows %s, want %s", f.Text(), want)
			}
			if td.win.Canvas().Focused() != fyne.Focusable(f) {
				t.Errorf("the field lost the focus")
			}
			if !strings.Contains(spanTexts(td, id), tt.want) {
				t.Errorf("the annotation's spans are %q, want %q among them", spanTexts(td, id), tt.want)
			}
			td.undo()
			if got := td.anchorField(tt.field).Text(); got != orig {
				t.Errorf("one undo gives %s, want %s", got, orig)
			}
			if after, _, _ := td.span(id); after != before {
				t.Errorf("undo left the span at %d, want %d", after, before)
			}
		})
	}
}

func pressAnchorKey(f *anchorField, k string) {
	shift := strings.HasPrefix(k, "⇧")
	if shift {
		f.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	name := map[string]fyne.KeyName{"→": fyne.KeyRight, "←": fyne.KeyLeft, "↵": fyne.KeyReturn}[strings.TrimPrefix(k, "⇧")]
	f.TypedKey(&fyne.KeyEvent{Name: name})
	if shift {
		f.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
}

// spanTexts are the texts of every anchor of the annotation.
func spanTexts(td *testDesk, id string) string {
	var parts []string
	add := func(as ...*annotate.Anchor) {
		for _, a := range as {
			if a != nil {
				parts = append(parts, a.Exact)
			}
		}
	}
	if a := td.findAttribution(id); a != nil {
		add(a.Source, a.Cue)
		for i := range a.Content {
			add(&a.Content[i])
		}
	}
	if c := td.findClaim(id); c != nil {
		for i := range c.Anchors {
			add(&c.Anchors[i])
		}
	}
	if n := td.findNote(id); n != nil {
		add(n.Target)
	}
	return strings.Join(parts, "|")
}

// TestEditorsDoNotMoveWithLongText: a long claim or quote does not push the
// fields under it down (a click meant for Verdict landed in Rationale).
func TestEditorsDoNotMoveWithLongText(t *testing.T) {
	long := strings.Repeat("The council voted on the tram line again and again. ", 12)
	text := []byte("Short claim here. " + long + "\nEnd.")
	pos := func(make func(td *testDesk), fieldOf func(td *testDesk) fyne.CanvasObject) fyne.Position {
		td := newTestDesk(t, text)
		make(td)
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(fieldOf(td))
	}
	verdict := func(td *testDesk) fyne.CanvasObject { return find(td, func(*guardedSelect) bool { return true }) }
	claimNote := func(phrase string) func(td *testDesk) {
		return func(td *testDesk) {
			td.view.SetSelection(td.rangeOf(phrase))
			td.createClaim()
			td.createNote()
		}
	}
	spanNote := func(phrase string) func(td *testDesk) {
		return func(td *testDesk) {
			td.view.SetSelection(td.rangeOf(phrase))
			td.createNote()
		}
	}
	status := func(td *testDesk) fyne.CanvasObject { return find(td, func(*guardedSelect) bool { return true }) }
	claim := func(phrase string) func(td *testDesk) {
		return func(td *testDesk) {
			td.view.SetSelection(td.rangeOf(phrase))
			td.createClaim()
		}
	}
	speaker := func(td *testDesk) fyne.CanvasObject { return td.speakerEntry() }
	attribution := func(phrase string) func(td *testDesk) {
		return func(td *testDesk) { td.newAttribution(phrase) }
	}
	short, longPhrase := "Short claim here.", strings.TrimSpace(long)
	for _, tt := range []struct {
		name        string
		short, long func(td *testDesk)
		field       func(td *testDesk) fyne.CanvasObject
	}{
		{"note on a claim: Verdict", claimNote(short), claimNote(longPhrase), verdict},
		{"note on a span: Verdict", spanNote(short), spanNote(longPhrase), verdict},
		{"claim: Status", claim(short), claim(longPhrase), status},
		{"attribution: Speaker", attribution(short), attribution(longPhrase), speaker},
	} {
		if a, b := pos(tt.short, tt.field), pos(tt.long, tt.field); a != b {
			t.Errorf("%s is at %v under a short text and at %v under a long one", tt.name, a, b)
		}
	}
}

// TestSettingASpeakerMovesNothing: in the trial, adding the speaker showed
// its aliases and role above Cue, and the click meant for Set cue landed in
// Aliases.
func TestSettingASpeakerMovesNothing(t *testing.T) {
	td := newTestDesk(t, nil)
	td.newAttribution("This is the most important decision")
	at := func(label string) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(td.button(label))
	}
	before := []fyne.Position{at("Set source"), at("Set cue"), at("Add content piece")}
	td.setSourceTo("Ms. Halvorsen")
	td.speakerEntry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // adds Halvorsen
	if td.findAttribution(td.Selected()).SpeakerID == "" {
		t.Fatal("no speaker was set")
	}
	after := []fyne.Position{at("Set source"), at("Set cue"), at("Add content piece")}
	if !slices.Equal(before, after) {
		t.Errorf("buttons at %v before the speaker was set, at %v after", before, after)
	}
}

func TestFullerName(t *testing.T) {
	text := "Mayor Ingrid Halvorsen spoke. Ms. Halvorsen said. The Halvorsen Plan. Mr. Okafor said. Residents led by Ana Kovač, and Ms. Kovač."
	for name, want := range map[string]string{
		"Halvorsen":        "Ingrid Halvorsen",
		"Okafor":           "Okafor", // "Mr." is a title, not a name
		"Ingrid Halvorsen": "Ingrid Halvorsen",
		"the ministry":     "the ministry",
		"Nobody":           "Nobody",
		"Kovač":            "Ana Kovač",
		"":                 "",
	} {
		if got := fullerName(text, name); got != want {
			t.Errorf("fullerName(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestFixingASourceResolvesItAgain: a source dragged a little too far names
// nobody; shrinking it from the keyboard finds the speaker (or offers the
// right new name), and the focus stays on the source.
func TestFixingASourceResolvesItAgain(t *testing.T) {
	tests := []struct {
		name, context, source string
		want, offered         string
	}{
		{"known speaker", "Mr. Ortiz said, “but", "Mr. Ortiz said", "José Ortiz", ""},
		{"new name", "Mr. Okafor said the city", "Mr. Okafor said", "", "Samuel Okafor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.addSpeakers(annotate.Speaker{Name: "José Ortiz"})
			id := td.newAttribution("sound on paper")
			td.view.SetSelection(td.within(tt.context, tt.source))
			test.Tap(td.button("Set source"))
			f := td.anchorField("/source")
			td.win.Canvas().Focus(f)
			pressAnchorKey(f, "←")
			if got := td.speakerName(td.findAttribution(id).SpeakerID); got != tt.want {
				t.Errorf("speaker = %q, want %q", got, tt.want)
			}
			if got := td.speakerEntry().Text; tt.offered != "" && got != tt.offered {
				t.Errorf("speaker field offers %q, want %q", got, tt.offered)
			}
			if focused, ok := td.win.Canvas().Focused().(*anchorField); !ok || focused.key != id+"/source" {
				t.Errorf("focus is on %T, want the source", td.win.Canvas().Focused())
			}
		})
	}
}

// TestSetSourceFillsTheCueBeside: a source set on an attribution without a
// cue brings the cue the suggester's tagger finds beside it ("Mr. Ortiz
// said"), in the same undo step; a cue already set stays, and a source
// with no reporting word beside it brings none.
func TestSetSourceFillsTheCueBeside(t *testing.T) {
	td := newTestDesk(t, nil)
	id := td.newAttribution("“The budget is sound on paper,”")
	td.setSourceTo("Mr. Ortiz")
	a := td.findAttribution(id)
	if a.Cue == nil || a.Cue.Exact != "said" {
		t.Fatalf("cue after the source = %+v, want “said”", a.Cue)
	}
	if cue := td.anchorField("/cue"); cue.anchor == nil || cue.anchor.Exact != "said" {
		t.Errorf("the editor's cue field shows %+v", cue.anchor)
	}
	td.undo() // one step: source and cue go together
	if a := td.findAttribution(id); a.Source != nil || a.Cue != nil {
		t.Fatalf("after one undo: source %+v, cue %+v", a.Source, a.Cue)
	}

	// A cue set first stays when the source is set.
	td.view.SetSelection(td.rangeOf("is where"))
	test.Tap(td.button("Set cue"))
	td.setSourceTo("Mr. Ortiz")
	if a := td.findAttribution(id); a.Cue == nil || a.Cue.Exact != "is where" {
		t.Errorf("a cue set by hand became %+v", a.Cue)
	}

	// No reporting word beside the source: no cue.
	id = td.newAttribution("opened the session by telling councillors")
	td.setSourceTo("Mayor Ingrid Halvorsen")
	if a := td.findAttribution(id); a.Cue != nil {
		t.Errorf("cue %+v beside “Mayor Ingrid Halvorsen”, want none", a.Cue)
	}
}

// TestUndoInTheSpeakerFieldUndoesTheSource: after S leaves a new name
// waiting in the focused speaker field, Ctrl+Z there undoes the source (it
// undid nothing: the field had no typing of its own to undo); once
// something is typed, the field undoes its typing first.
func TestUndoInTheSpeakerFieldUndoesTheSource(t *testing.T) {
	td, id, e := nameWaiting(t)
	e.TypedShortcut(&fyne.ShortcutUndo{})
	if a := td.findAttribution(id); a.Source != nil {
		t.Fatalf("Ctrl+Z in the untouched speaker field left the source %+v", a.Source)
	}

	td.setSourceTo("Zoë Lindqvist")
	e = td.speakerEntry()
	td.win.Canvas().Focus(e)
	e.TypedRune('x')
	e.TypedShortcut(&fyne.ShortcutUndo{})
	if a := td.findAttribution(id); a.Source == nil {
		t.Fatal("Ctrl+Z after typing in the speaker field undid the source, not the typing")
	}
}

// TestEscapeLeavesTheSpeakerField: Escape in the speaker field drops the
// name a source left there, keeps the attribution's speaker, and hands the
// keyboard back to the article (it stayed in the field).
func TestEscapeLeavesTheSpeakerField(t *testing.T) {
	td, id, e := nameWaiting(t)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f := td.win.Canvas().Focused(); f != nil {
		t.Errorf("after Escape the keyboard is in %T", f)
	}
	if e.Text != "" {
		t.Errorf("after Escape the field holds %q, want the speaker it has (none)", e.Text)
	}
	if a := td.findAttribution(id); a.SpeakerID != "" || a.Source == nil {
		t.Errorf("after Escape: speaker %q, source %+v", a.SpeakerID, a.Source)
	}
}

// nameWaiting is a desk whose new attribution got the source “Zoë
// Lindqvist”, a name no speaker has: it waits in the focused speaker
// field, e.
func nameWaiting(t *testing.T) (td *testDesk, id string, e *speakerEntry) {
	t.Helper()
	td = newTestDesk(t, nil)
	id = td.newAttribution("defended the forecasts")
	td.setSourceTo("Zoë Lindqvist")
	e = td.speakerEntry()
	if td.win.Canvas().Focused() != e || e.Text != "Zoë Lindqvist" {
		t.Fatalf("speaker field holds %q, focused %v", e.Text, td.win.Canvas().Focused() == e)
	}
	return td, id, e
}
