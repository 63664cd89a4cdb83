package suggest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
)

func TestSameSpeaker(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Emmanuel Macron", "Emmanuel Macron", true},
		{"Macron", "Emmanuel Macron", true},
		{"Mr. Macron", "Emmanuel Macron", true},
		{"Brigitte Macron", "Emmanuel Macron", false},
		{"Rival Hillary Clinton", "Democrat Hillary Clinton", true},
		{"Bill Clinton", "Hillary Clinton", false},
		{"Russia", "Maria V. Zakharova", false},
		{"", "Russia", false},
	} {
		if got := sameSpeaker(c.a, c.b); got != c.want {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestScoreSpeakers(t *testing.T) {
	text := annotate.NewText("Anna Berg said the port grew. She added that it lost money. He said so.")
	an := func(a, b int) *annotate.Anchor { x, _ := text.Anchor(a, b); return &x }
	ex := &Example{Text: text, Speakers: []annotate.Speaker{{ID: "s1", Name: "Anna Berg"}},
		Attributions: []annotate.Attribution{
			{Source: an(0, 9), Content: []annotate.Anchor{*an(15, 28)}},                    // named
			{Source: an(30, 33), Content: []annotate.Anchor{*an(40, 58)}, SpeakerID: "s1"}, // she = Anna Berg
			{Source: an(60, 62), Content: []annotate.Anchor{*an(68, 70)}},                  // he: unknown
		}}
	res := &Result{Attributions: []Attribution{
		{Attribution: annotate.Attribution{Content: []annotate.Anchor{*an(15, 28)}}, Speaker: "Anna Berg"},
		{Attribution: annotate.Attribution{Content: []annotate.Anchor{*an(45, 58)}}, Speaker: "Berg"},
	}}
	got := ScoreSpeakers(ex, res)
	want := SpeakerScore{Named: SpeakerCount{1, 1, 1}, Referring: SpeakerCount{1, 1, 1}}
	if got != want {
		t.Errorf("ScoreSpeakers = %+v, want %+v", got, want)
	}
	res.Attributions[1].Speaker = "Russia"
	if got := ScoreSpeakers(ex, res); got.Referring.Right != 0 {
		t.Errorf("a wrong speaker counted right: %+v", got)
	}
}

// TestSpeakerResolution prints the speaker figures: on the seed,
// every gold speaker= note; on polnear-dev, every gold source that names its
// speaker (dev has no notes, so pronoun sources there have no gold speaker).
// Floors keep what the suggester reaches from slipping back.
func TestSpeakerResolution(t *testing.T) {
	sg := suggester(t)
	corpus := testcorpus.Dir(t, "corpus")
	for _, c := range []struct {
		dir        string
		named, ref float64 // floors of Right/Gold
	}{
		{"seed", 0.5, 0.5},
		{"polnear-dev", 0.5, 0},
	} {
		exs, _, err := LoadExamples(filepath.Join(corpus, c.dir))
		if err != nil {
			t.Fatal(err)
		}
		var total SpeakerScore
		for i := range exs {
			res, err := sg.Suggest(context.Background(), exs[i].Text, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			total.Add(ScoreSpeakers(&exs[i], res))
		}
		for _, l := range total.Lines() {
			t.Logf("%s: %s", c.dir, l)
		}
		if r := ratio(total.Named.Right, total.Named.Gold); r < c.named {
			t.Errorf("%s: named speakers right %.3f, want ≥ %.2f", c.dir, r, c.named)
		}
		if r := ratio(total.Referring.Right, total.Referring.Gold); r < c.ref {
			t.Errorf("%s: referring speakers right %.3f, want ≥ %.2f", c.dir, r, c.ref)
		}
	}
}
