package suggest

import (
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// tokSpan returns the tokens of the n-th (from 1) occurrence of sub in d.
func tokSpan(t *testing.T, d *doc, sub string, n int) [2]int {
	t.Helper()
	s := string(d.rs)
	at := -1
	for k := 0; k < n; k++ {
		i := strings.Index(s[at+1:], sub)
		if i < 0 {
			t.Fatalf("%q occurs fewer than %d times", sub, n)
		}
		at += 1 + i
	}
	start := len([]rune(s[:at]))
	i, j := d.tokenSpan(start, start+len([]rune(sub)))
	return [2]int{i, j}
}

// raw is a tagger output written as text: cue, source and content pieces,
// each "text#n" for the n-th occurrence (default the first).
type raw struct {
	cue, source string
	content     []string
}

func (r raw) build(t *testing.T, d *doc) rawAttr {
	t.Helper()
	sp := func(s string) [2]int {
		n := 1
		if i := strings.LastIndex(s, "#"); i > 0 {
			n = int(s[i+1] - '0')
			s = s[:i]
		}
		return tokSpan(t, d, s, n)
	}
	a := rawAttr{cue: sp(r.cue), margin: 4}
	if r.source != "" {
		a.source = sp(r.source)
	}
	for _, c := range r.content {
		a.content = append(a.content, sp(c))
	}
	return a
}

func finishText(t *testing.T, text string, reg *annotate.Registry, raws ...raw) []Attribution {
	t.Helper()
	d := newDoc(text)
	var rs []rawAttr
	for _, r := range raws {
		rs = append(rs, r.build(t, d))
	}
	return d.finish(annotate.NewText(text), rs, reg)
}

func contentText(a Attribution) string {
	var parts []string
	for _, c := range a.Content {
		parts = append(parts, c.Exact)
	}
	return strings.Join(parts, " | ")
}

func TestSplitQuoteGetsItsSecondHalf(t *testing.T) {
	text := "But he wanted plans to move more quickly.\n“Unfortunately,” he said, “what we would like to do in a week takes months to achieve.”"
	got := finishText(t, text, nil, raw{cue: "said", source: "he#2", content: []string{"“Unfortunately,”"}})
	if len(got) != 1 {
		t.Fatalf("got %d attributions, want 1", len(got))
	}
	want := "“Unfortunately,” | “what we would like to do in a week takes months to achieve.”"
	if c := contentText(got[0]); c != want {
		t.Errorf("content = %q, want %q", c, want)
	}
	if got[0].Kind != annotate.Direct {
		t.Errorf("kind = %s, want direct", got[0].Kind)
	}
}

func TestContinuationQuotes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // contents of the continuations
	}{
		{
			"same paragraph",
			"“I think all the leaders are all loaded,” said Zelensky at a press conference. “I think they will not abandon us.”",
			[]string{"“I think they will not abandon us.”"},
		},
		{
			"next paragraph, then two",
			"“We will win,” said Ms. Clinton.\n“We will build.” “We will grow.”\nThe crowd cheered.",
			[]string{"“We will build.”", "“We will grow.”"},
		},
		{
			"not after a paraphrase",
			"Ms. Clinton said that they would win. “We will build.”",
			nil,
		},
		{
			"not when the next sentence is narrative",
			"“We will win,” said Ms. Clinton. The crowd cheered. “We will build.”",
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(tt.text)
			cue := "said"
			var content string
			if strings.HasPrefix(tt.text, "“") {
				content = tt.text[:strings.Index(tt.text, "”")+len("”")]
			} else {
				content = "that they would win"
			}
			src := "Zelensky"
			if strings.Contains(tt.text, "Clinton") {
				src = "Ms. Clinton"
			}
			_ = d
			got := finishText(t, tt.text, nil, raw{cue: cue, source: src, content: []string{content}})
			var conts []string
			for _, a := range got[1:] {
				if a.Cue != nil {
					t.Errorf("continuation %q has a cue", contentText(a))
				}
				if a.Source == nil || a.Source.Exact != src {
					t.Errorf("continuation %q: source %v, want %q", contentText(a), a.Source, src)
				}
				conts = append(conts, contentText(a))
			}
			if strings.Join(conts, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("continuations %q, want %q", conts, tt.want)
			}
		})
	}
}

func TestPronounResolvesToNearestCompatibleSpeaker(t *testing.T) {
	text := "Mr. Macron said the force was ready. Maria V. Zakharova, a spokeswoman for the ministry, said it was unacceptable. He added that talks would go on. She said they would not."
	got := finishText(t, text, nil,
		raw{cue: "said", source: "Mr. Macron", content: []string{"the force was ready"}},
		raw{cue: "said#2", source: "Maria V. Zakharova, a spokeswoman for the ministry,", content: []string{"it was unacceptable"}},
		raw{cue: "added", source: "He", content: []string{"that talks would go on"}},
		raw{cue: "said#3", source: "She", content: []string{"they would not"}},
	)
	want := []string{"Macron", "Maria V. Zakharova", "Macron", "Maria V. Zakharova"}
	for i, a := range got {
		if a.Speaker != want[i] {
			t.Errorf("attribution %d (%q): speaker %q, want %q", i, a.Mention, a.Speaker, want[i])
		}
	}
	if !strings.Contains(got[2].Reason, "refers to Macron") {
		t.Errorf("reason %q does not explain the pronoun", got[2].Reason)
	}
}

func TestApposition(t *testing.T) {
	tests := []struct{ mention, name string }{
		{"Maria V. Zakharova, a spokesperson for the Russian Ministry of Foreign Affairs,", "Maria V. Zakharova"},
		{"President Volodymyr Zelensky, from Ukraine", "Volodymyr Zelensky"},
		{"Prime Minister Keir Starmer", "Keir Starmer"},
		{"Mr. Macron", "Macron"},
		{"the source", "the source"},
		{"Prime Minister Keir Starmer of Great Britain", "Keir Starmer"},
		{"Trump’s special envoy Steve Witkoff", "Steve Witkoff"},
		{"Ursula von der Leyen", "Ursula von der Leyen"},
		{"Russia", "Russia"},
		{"NATO officials", "NATO"},
	}
	for _, tt := range tests {
		if got := nameOf(tt.mention); got != tt.name {
			t.Errorf("nameOf(%q) = %q, want %q", tt.mention, got, tt.name)
		}
	}
}

func TestSpeakersCanonicalWithinTextAndRegistry(t *testing.T) {
	text := "President Emmanuel Macron promised support. Mr. Macron said it was firm. Starmer said so too."
	raws := []raw{
		{cue: "promised", source: "President Emmanuel Macron", content: []string{"support"}},
		{cue: "said", source: "Mr. Macron", content: []string{"it was firm"}},
		{cue: "said#2", source: "Starmer", content: []string{"so too"}},
	}
	got := finishText(t, text, nil, raws...)
	for i, want := range []string{"Emmanuel Macron", "Emmanuel Macron", "Starmer"} {
		if got[i].Speaker != want || got[i].SpeakerID != "" {
			t.Errorf("without registry, attribution %d: speaker %q (id %q), want %q", i, got[i].Speaker, got[i].SpeakerID, want)
		}
	}
	now := time.Now()
	reg := annotate.NewRegistry([]annotate.Speaker{
		{ID: annotate.NewID(), Name: "Emmanuel Macron", Aliases: []string{"the Élysée"}, Created: now, Modified: now},
		{ID: annotate.NewID(), Name: "Sir Keir Starmer", Created: now, Modified: now},
	})
	got = finishText(t, text, reg, raws...)
	for i, want := range []string{"Emmanuel Macron", "Emmanuel Macron", "Sir Keir Starmer"} {
		if got[i].Speaker != want || got[i].SpeakerID == "" {
			t.Errorf("with registry, attribution %d: speaker %q (id %q), want %q with its ID", i, got[i].Speaker, got[i].SpeakerID, want)
		}
	}
	if got[0].SpeakerID != got[1].SpeakerID {
		t.Errorf("the two Macron mentions have different IDs")
	}
	if !strings.Contains(got[2].Reason, "in the registry") {
		t.Errorf("reason %q does not mention the registry", got[2].Reason)
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		text, content string
		want          annotate.Kind
	}{
		{"He said “we will win.”", "“we will win.”", annotate.Direct},
		{"He said that a “league of neighbours” would help.", "that a “league of neighbours” would help", annotate.Mixed},
		{"He said that they would help.", "that they would help", annotate.Indirect},
	}
	for _, tt := range tests {
		got := finishText(t, tt.text, nil, raw{cue: "said", source: "He", content: []string{tt.content}})
		if got[0].Kind != tt.want {
			t.Errorf("%q: kind %s, want %s", tt.text, got[0].Kind, tt.want)
		}
	}
}

// TestPronounSkipsTheEmployer: "she" after "Maria V. Zakharova, a
// spokesperson for the Russian Ministry of Foreign Affairs" is Zakharova:
// the ministry she speaks for is not her gender (it made her a group, and
// "she" went to Russia before her).
func TestPronounSkipsTheEmployer(t *testing.T) {
	text, srcs := sources(t, "Russia| warned.", "Maria V. Zakharova, a spokesperson for the Russian Ministry of Foreign Affairs,| said so.", "She| added.")
	earlier := []Named{{Mention: srcs[0].Exact, Speaker: "Russia", Start: srcs[0].Start},
		{Mention: srcs[1].Exact, Speaker: "Maria V. Zakharova", Start: srcs[1].Start}}
	if got, _ := Antecedent(text.String(), srcs[2], earlier); got != 1 {
		t.Errorf("Antecedent(she) = %d, want 1 (Zakharova)", got)
	}
	for m, want := range map[string]gender{"a spokeswoman for the ministry": female, "the Ministry of Foreign Affairs": group,
		"Maria V. Zakharova, a spokesperson for the Russian Ministry": unknown, "Mr. Macron": male} {
		if got := mentionGender(m); got != want {
			t.Errorf("mentionGender(%q) = %v, want %v", m, got, want)
		}
	}
}

// TestNestedAttributionDropped: an attribution found inside another's
// content, cue and source, is left out; one whose source stands outside
// stays.
func TestNestedAttributionDropped(t *testing.T) {
	text := "The minister said the report listed the European promises to invest in drones. Critics said it was late."
	got := finishText(t, text, nil,
		raw{cue: "said", source: "The minister", content: []string{"the report listed the European promises to invest in drones"}},
		raw{cue: "promises", source: "the European", content: []string{"to invest in drones"}},
		raw{cue: "said#2", source: "Critics", content: []string{"it was late"}},
	)
	var mentions []string
	for _, a := range got {
		mentions = append(mentions, a.Mention)
	}
	if strings.Join(mentions, "|") != "The minister|Critics" {
		t.Errorf("attributions by %q, want The minister and Critics", mentions)
	}
}
