package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
)

// TestSuggestOnTranscriptScoresByTurnSpeakers checks the Suggest button's
// path on a transcript with turns: every claim suggested in a turn names
// the turn's speaker (the registry's when the turn is theirs), and the
// check-worthiness scores are the model's with those turns as its speakers,
// not the scores of the same text read as one voice's article.
func TestSuggestOnTranscriptScoresByTurnSpeakers(t *testing.T) {
	td, _, alvarez := newDebateDesk(t)
	td.runSuggest()
	if !td.pumpUntil(func() bool { return len(td.sugg.all) > 0 }, 30*time.Second) {
		t.Fatalf("no suggestions after Suggest; status %q", td.status.Text)
	}
	s, err := suggest.New()
	if err != nil {
		t.Fatal(err)
	}
	reg := annotate.NewRegistry(td.speakers)
	withTurns, err := s.SuggestWith(context.Background(), td.text, reg, suggest.Options{Turns: td.article.Turns}, nil)
	if err != nil {
		t.Fatal(err)
	}
	flat, err := s.Suggest(context.Background(), td.text, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, asArticle := map[string]float64{}, map[string]float64{}
	for _, sn := range withTurns.Sentences {
		want[sn.Anchor.Exact] = sn.Score
	}
	for _, sn := range flat.Sentences {
		asArticle[sn.Anchor.Exact] = sn.Score
	}
	claims, differ := 0, 0
	for _, p := range td.sugg.all {
		if p.sent == nil {
			continue
		}
		claims++
		sn := p.sent
		turn := turnAt(td.article.Turns, sn.Anchor.Start)
		if turn == nil {
			if sn.Speaker != "" || !strings.HasSuffix(sn.Anchor.Exact, ":") {
				t.Errorf("%q outside every turn (only labels are) has speaker %q", sn.Anchor.Exact, sn.Speaker)
			}
			continue
		}
		wantID, wantName := "", turn.Speaker
		if turn.Speaker == "ALVAREZ" {
			wantID, wantName = alvarez, "Maria Alvarez"
		}
		if sn.Speaker != wantName || sn.SpeakerID != wantID {
			t.Errorf("%q in %s's turn: speaker %q (%q), want %q (%q)", sn.Anchor.Exact, turn.Speaker, sn.Speaker, sn.SpeakerID, wantName, wantID)
		}
		if w, ok := want[sn.Anchor.Exact]; !ok || w != sn.Score {
			t.Errorf("%q scores %.4f, the model with the turns %.4f (found %v)", sn.Anchor.Exact, sn.Score, w, ok)
		}
		if a, ok := asArticle[sn.Anchor.Exact]; ok && a != sn.Score {
			differ++
		}
	}
	if claims == 0 {
		t.Fatal("no claim suggested")
	}
	if differ == 0 {
		t.Error("every claim scores as in the text without turns: the turns' speakers did not reach the model")
	}
	for _, p := range td.sugg.all {
		if p.sent != nil && p.sent.Speaker != "" && !strings.Contains(p.label(), p.sent.Speaker+":") {
			t.Errorf("the list does not name the speaker: %q", p.label())
		}
	}
}

// turnAt is the turn that holds offset, or nil.
func turnAt(turns []annotate.Turn, offset int) *annotate.Turn {
	for i := range turns {
		if turns[i].Start <= offset && offset < turns[i].End {
			return &turns[i]
		}
	}
	return nil
}
