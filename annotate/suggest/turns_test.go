package suggest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// labelled writes lines as a "NAME:" transcript, one paragraph a run of
// lines by one speaker, and returns the text and its turns (the words after
// each label), as a plain transcript's import finds them.
func labelled(lines []TranscriptLine) (string, []annotate.Turn) {
	var b strings.Builder
	var turns []annotate.Turn
	n := 0 // code points written
	write := func(s string) { b.WriteString(s); n += len([]rune(s)) }
	for i, l := range lines {
		if i == 0 || lines[i-1].Speaker != l.Speaker {
			if i > 0 {
				write("\n")
			}
			write(l.Speaker + ": ")
			turns = append(turns, annotate.Turn{Speaker: l.Speaker, Start: n})
		} else {
			write(" ")
		}
		write(l.Text)
		turns[len(turns)-1].End = n
	}
	return b.String(), turns
}

// debateLines is a made-up debate: a moderator's questions, two candidates'
// answers, an audience reaction.
var debateLines = []TranscriptLine{
	{Speaker: "MODERATOR", Text: "Good evening and welcome to the debate."},
	{Speaker: "MODERATOR", Text: "Senator, what would you do about jobs?"},
	{Speaker: "LARSEN", Text: "Thank you.", Worthy: false},
	{Speaker: "LARSEN", Text: "Unemployment in this state fell to 4 percent in 2019.", Worthy: true},
	{Speaker: "LARSEN", Text: "We created 40,000 jobs in two years, more than any state in the region.", Worthy: true},
	{Speaker: "LARSEN", Text: "I believe we can do even better."},
	{Speaker: "OKAFOR", Text: "That is simply not true."},
	{Speaker: "OKAFOR", Text: "The state lost 12,000 manufacturing jobs since 2017.", Worthy: true},
	{Speaker: "AUDIENCE", Text: "(APPLAUSE)"},
	{Speaker: "MODERATOR", Text: "Senator Larsen, your response?"},
	{Speaker: "LARSEN", Text: "Those numbers count the factory the province closed, not us."},
	{Speaker: "LARSEN", Text: "Thank you all for coming tonight."},
}

// TestTurnsGiveTheCLEFFeatures checks that a transcript imported with its
// turns is scored as the model's training data is: each line's score, found
// back through the article's sentences, is the one RankTranscript gives
// the line itself, so the features (speaker, turn, pooling) are the same.
func TestTurnsGiveTheCLEFFeatures(t *testing.T) {
	s := suggester(t)
	tr := Transcript{Name: "made-up", Lines: debateLines}
	text, turns := labelled(tr.Lines)
	want := s.RankTranscript(&tr)
	got, err := s.RankArticle(context.Background(), &tr, annotate.NewText(text), turns)
	if err != nil {
		t.Fatal(err)
	}
	if got.Unmatched != 0 {
		t.Errorf("%d lines not found in the text", got.Unmatched)
	}
	if !reflect.DeepEqual(got.Scored, want.Scored) || math.Abs(got.AP-want.AP) > 1e-12 {
		t.Errorf("with turns the lines score\n%v (AP %.4f), as CLEF lines\n%v (AP %.4f)", got.Scored, got.AP, want.Scored, want.AP)
	}
	flat, err := s.RankArticle(context.Background(), &tr, annotate.NewText(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(flat.Scored, want.Scored) {
		t.Error("without turns the lines score as with them: the turns changed nothing")
	}
}

func TestSuggestWithTurns(t *testing.T) {
	text, turns := labelled(debateLines)
	larsen := annotate.Speaker{ID: annotate.NewID(), Name: "Anne Larsen", Aliases: []string{"Larsen"}}
	okafor := annotate.Speaker{ID: annotate.NewID(), Name: "Tunde Okafor"}
	for i := range turns {
		if turns[i].Speaker == "OKAFOR" {
			turns[i].SpeakerID = okafor.ID // matched by the import
		}
	}
	reg := annotate.NewRegistry([]annotate.Speaker{larsen, okafor})
	at := annotate.NewText(text)
	s := suggester(t)
	res, err := s.SuggestWith(context.Background(), at, reg, Options{Turns: turns}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := s.Suggest(context.Background(), at, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The turns take away the attributions cued in a label ("LARSEN:" read
	// as a source and its cue: seen on a CLEF debate in the desk) and
	// change no other.
	var spoken []Attribution
	labels := 0
	for _, a := range plain.Attributions {
		if a.Cue != nil && annotate.TurnAt(turns, a.Cue.Start) < 0 {
			labels++
			continue
		}
		spoken = append(spoken, a)
	}
	if len(res.Attributions) != len(spoken) || len(spoken) > 0 && !reflect.DeepEqual(res.Attributions, spoken) {
		t.Errorf("with turns the attributions are\n%+v\nwithout turns, less the %d cued in a label,\n%+v", res.Attributions, labels, spoken)
	}
	for _, a := range res.Attributions {
		if a.Cue != nil && annotate.TurnAt(turns, a.Cue.Start) < 0 {
			t.Errorf("attribution cued by %q (%d), outside every turn", a.Cue.Exact, a.Cue.Start)
		}
	}
	wantBy := map[string][2]string{ // turn label → Speaker, SpeakerID
		"MODERATOR": {"MODERATOR", ""}, "LARSEN": {"Anne Larsen", larsen.ID},
		"OKAFOR": {"Tunde Okafor", okafor.ID}, "AUDIENCE": {"AUDIENCE", ""},
	}
	inTurns := 0
	for _, sn := range res.Sentences {
		a := sn.Anchor
		if err := at.Check("sentence", a); err != nil {
			t.Fatal(err)
		}
		turn := -1
		for k, tu := range turns {
			if a.Start < tu.End && tu.Start < a.End {
				if a.Start < tu.Start || a.End > tu.End {
					t.Errorf("sentence %q crosses the edge of turn %d (%d–%d)", a.Exact, k, tu.Start, tu.End)
				}
				turn = k
			}
		}
		if turn < 0 { // "MODERATOR:" was a claim suggestion (seen in the desk on a debate)
			t.Errorf("%q, outside every turn (only the labels are), is a sentence to check", a.Exact)
			continue
		}
		inTurns++
		w := wantBy[turns[turn].Speaker]
		if sn.Speaker != w[0] || sn.SpeakerID != w[1] || sn.Claim().SpeakerID != w[1] {
			t.Errorf("%q in %s's turn: speaker %q (%q), claimant %q; want %q (%q)",
				a.Exact, turns[turn].Speaker, sn.Speaker, sn.SpeakerID, sn.Claim().SpeakerID, w[0], w[1])
		}
	}
	if inTurns != len(debateLines) {
		t.Errorf("%d sentences in turns, want the %d lines", inTurns, len(debateLines))
	}
	for _, sn := range plain.Sentences {
		if sn.Speaker != "" || sn.SpeakerID != "" {
			t.Errorf("without turns %q has speaker %q (%s)", sn.Anchor.Exact, sn.Speaker, sn.SpeakerID)
		}
	}
	again, err := s.SuggestWith(context.Background(), at, reg, Options{Turns: turns}, nil)
	if err != nil || !reflect.DeepEqual(again, res) {
		t.Errorf("a second run differs (error %v)", err)
	}
}

func TestSuggestWithBadTurns(t *testing.T) {
	text := annotate.NewText("A: We cut taxes. B: No you did not.")
	for _, turns := range [][]annotate.Turn{
		{{Speaker: "A", Start: 3, End: 99}},
		{{Speaker: "A", Start: 3, End: 16}, {Speaker: "B", Start: 10, End: 20}},
		{{Speaker: " ", Start: 3, End: 16}},
	} {
		_, err := suggester(t).SuggestWith(context.Background(), text, nil, Options{Turns: turns}, nil)
		var ae *annotate.Error
		if !errors.As(err, &ae) || ae.Code != annotate.EINVALID || !strings.Contains(ae.Message, "turns") {
			t.Errorf("turns %+v: error %v, want EINVALID naming the turns", turns, err)
		}
	}
}

// TestLineScores maps sentences back to lines as an import may have
// changed them: labels kept in the text or a line's label made a turn of
// its own, quotes made curly, lines joined into one sentence or one split
// in two, and a line the text lacks.
func TestLineScores(t *testing.T) {
	text := "HOLT: Good evening. “Welcome,” he said.\nCLINTON: Thank you, Lester.\nBLITZER: Thank you, Senator. Jobs rose 4%. Prices fell."
	lines := []TranscriptLine{
		{Text: "Good evening."},
		{Text: `"Welcome," he said.`},
		{Text: "Thank you, Lester. BLITZER: Thank you, Senator."}, // the import split it
		{Text: "Jobs rose 4%. Prices fell."},                      // the suggester split it
		{Text: "This line was never said."},
	}
	r := func(s string) int { return len([]rune(text[:strings.Index(text, s)])) }
	sents := []Sentence{
		{Anchor: annotate.Anchor{Start: 0, End: r(" “Welcome")}, logit: 1},              // "HOLT: Good evening."
		{Anchor: annotate.Anchor{Start: r("“Welcome"), End: r("\nCLINTON")}, logit: 2},  //
		{Anchor: annotate.Anchor{Start: r("CLINTON"), End: r("\nBLITZER")}, logit: 3},   //
		{Anchor: annotate.Anchor{Start: r("BLITZER"), End: r(" Jobs")}, logit: 4},       // the longer part of line 3
		{Anchor: annotate.Anchor{Start: r("Jobs"), End: r(" Prices")}, logit: 5},        // "Jobs rose 4%." the longer
		{Anchor: annotate.Anchor{Start: r("Prices"), End: len([]rune(text))}, logit: 6}, //
	}
	got, unmatched := lineScores(text, sents, lines)
	want := []float64{1, 2, 4, 5, math.Inf(-1)}
	if !reflect.DeepEqual(got, want) || unmatched != 1 {
		t.Errorf("line scores %v (%d unmatched), want %v (1)", got, unmatched, want)
	}
}

func TestAlignWords(t *testing.T) {
	w := func(s string) []alnumWord { return words(s) }
	for _, c := range []struct {
		a, b string
		want []int
	}{
		{"a b c", "a b c", []int{0, 1, 2}},
		{"a b c d", "x y a b c d", []int{2, 3, 4, 5}},
		{"a b c d", "a b LABEL TWO c d", []int{0, 1, 4, 5}},
		{"a b SAID c d", "a b c d", []int{0, 1, -1, 2, 3}},
		{"a b c", "a z c", []int{0, -1, 2}},
		{"", "a", []int{}},
	} {
		if got := alignWords(w(c.a), w(c.b)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("align %q with %q: %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestTurnSpeakerIsTheModelsSpeaker checks that on a transcript imported
// with turns the model's speaker of each sentence is its turn's speaker,
// resolved as newTurnIndex resolves it: every line scores as the CLEF line
// would with the speaker given in want (RankTranscript), so the speaker
// features and the pooling see the turns' speakers. Where the turns name
// other voices than the lines, the scores must also differ from the lines'
// own, or the speaker would not be reaching the model.
func TestTurnSpeakerIsTheModelsSpeaker(t *testing.T) {
	s := suggester(t)
	larsen := annotate.Speaker{ID: annotate.NewID(), Name: "Anne Larsen", Aliases: []string{"Senator Larsen"}}
	reg := annotate.NewRegistry([]annotate.Speaker{larsen})
	// debateLines' turns: 0 MODERATOR, 1 LARSEN, 2 OKAFOR, 3 AUDIENCE,
	// 4 MODERATOR, 5 LARSEN.
	for _, c := range []struct {
		name    string
		labels  map[int]string // turn → label, where it differs from the lines'
		ids     map[int]string // turn → SpeakerID
		reg     *annotate.Registry
		want    map[string]string // line speaker → the speaker the model must see
		changed bool              // the voices differ from the lines'
	}{
		{name: "labels as the lines"},
		{name: "one voice's labels in other case", labels: map[int]string{5: "Larsen"}},
		{name: "one registry speaker under two labels", labels: map[int]string{1: "ANNE LARSEN", 5: "THE SENATOR"},
			ids: map[int]string{1: larsen.ID, 5: larsen.ID}, reg: reg},
		{name: "a label matched to the registry", labels: map[int]string{5: "SENATOR ANNE LARSEN"}, ids: map[int]string{1: larsen.ID}, reg: reg},
		{name: "a title in one label", labels: map[int]string{1: "SENATOR LARSEN"}},
		{name: "two labels, two voices", labels: map[int]string{1: "ANNE LARSEN"},
			want: map[string]string{"LARSEN@1": "ANNE LARSEN"}, changed: true},
		{name: "a turn given to another speaker", labels: map[int]string{2: "LARSEN"},
			want: map[string]string{"OKAFOR@2": "LARSEN"}, changed: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, turns := labelled(debateLines)
			for k, l := range c.labels {
				turns[k].Speaker = l
			}
			for k, id := range c.ids {
				turns[k].SpeakerID = id
			}
			res, err := s.SuggestWith(context.Background(), annotate.NewText(text), c.reg, Options{Turns: turns}, nil)
			if err != nil {
				t.Fatal(err)
			}
			raw, unmatched := lineScores(text, res.Sentences, debateLines)
			if unmatched != 0 {
				t.Fatalf("%d lines not found", unmatched)
			}
			want := Transcript{Name: "as heard", Lines: slices.Clone(debateLines)}
			turn := -1
			for i := range want.Lines {
				if i == 0 || debateLines[i-1].Speaker != debateLines[i].Speaker {
					turn++
				}
				if sp, ok := c.want[fmt.Sprintf("%s@%d", debateLines[i].Speaker, turn)]; ok {
					want.Lines[i].Speaker = sp
				}
			}
			got := make([]Scored, len(raw))
			for i, z := range raw {
				got[i] = Scored{Score: displayScore(z), Worthy: debateLines[i].Worthy}
			}
			if w := s.RankTranscript(&want).Scored; !reflect.DeepEqual(got, w) {
				t.Errorf("the lines score\n%v\nwith the turns' speakers as CLEF lines\n%v", got, w)
			}
			same := reflect.DeepEqual(got, s.RankTranscript(&Transcript{Lines: debateLines}).Scored)
			if same == c.changed {
				t.Errorf("scores the same as with the lines' own speakers: %v, want %v", same, !c.changed)
			}
		})
	}
}

func TestSpokenInTurns(t *testing.T) {
	text := "CARSON: We cut taxes, Reagan said.\nBLITZER: Governor?"
	turns := []annotate.Turn{{Speaker: "CARSON", Start: 8, End: 34}, {Speaker: "BLITZER", Start: 44, End: 53}}
	at := func(s, e int) *annotate.Anchor {
		return &annotate.Anchor{Start: s, End: e, Exact: string([]rune(text)[s:e])}
	}
	label := Attribution{Attribution: annotate.Attribution{Source: at(0, 6), Cue: at(6, 7)}}
	said := Attribution{Attribution: annotate.Attribution{Source: at(22, 28), Cue: at(29, 33)}}
	loose := Attribution{Attribution: annotate.Attribution{Content: []annotate.Anchor{*at(8, 21)}}}
	label2 := Attribution{Attribution: annotate.Attribution{Source: at(35, 42), Cue: at(42, 43)}}
	got := spokenInTurns([]Attribution{label, said, loose, label2}, turns)
	if len(got) != 2 || got[0].Cue != said.Cue || got[1].Cue != nil {
		t.Errorf("kept %+v; want the one cued by %q and the loose quotation", got, said.Cue.Exact)
	}
	if all := spokenInTurns([]Attribution{label, said}, nil); len(all) != 2 {
		t.Errorf("without turns %d of 2 kept", len(all))
	}
}

// TestFirstPersonIsTheTurnsSpeaker: in a debate in the desk every source
// "I" had become "Maria I", after a source "Maria I was mentioned": "I"
// was taken for a surname. In a turn "I" is the turn's speaker; outside
// turns it names no one.
func TestFirstPersonIsTheTurnsSpeaker(t *testing.T) {
	lines := []TranscriptLine{
		{Speaker: "RUBIO", Text: "Maria I was mentioned in that, and Maria Elena Salinas said so."},
		{Speaker: "LARSEN", Text: "Thank you. I think that we would cut taxes by 4 percent, and we did."},
	}
	text, turns := labelled(lines)
	s := suggester(t)
	at := annotate.NewText(text)
	for _, c := range []struct {
		turns []annotate.Turn
		want  string
	}{{turns, "LARSEN"}, {nil, ""}} {
		res, err := s.SuggestWith(context.Background(), at, nil, Options{Turns: c.turns}, nil)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range res.Attributions {
			if a.Source == nil || a.Source.Exact != "I" {
				continue
			}
			found = true
			if a.Speaker != c.want || a.Mention != "I" {
				t.Errorf("with %d turns: source \"I\" of %q: speaker %q, mention %q; want %q", len(c.turns), a.Cue.Exact, a.Speaker, a.Mention, c.want)
			}
			if c.want != "" && !strings.Contains(a.Reason, "the speaker of the turn") {
				t.Errorf("reason %q does not say the turn named the speaker", a.Reason)
			}
		}
		if !found {
			t.Fatalf("no attribution with the source \"I\" in %q: the test needs one", text)
		}
	}
}
