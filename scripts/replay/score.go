package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/store"
)

// score compares the project with the gold: the attribution fields under
// the rules of `factmark eval attributions` (exact F1 of 1), and each
// attribution's speaker and kind, and the claims' spans.
func (r *replay) score() ([]string, error) {
	db, err := store.OpenExisting(r.db)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ctx := context.Background()
	arts, err := db.FindArticles(ctx)
	if err != nil || len(arts) != 1 {
		return nil, fmt.Errorf("the project has %d articles (%v), want the seed", len(arts), err)
	}
	ann, err := db.FindAnnotations(ctx, arts[0].ID)
	if err != nil {
		return nil, err
	}
	speakers, err := db.FindSpeakers(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, sp := range speakers {
		names[sp.ID] = sp.Name
	}
	var problems []string
	sc := suggest.ScoreAttributions(r.goldAttributions(), ann.Attributions)
	for _, f := range []struct {
		name string
		s    suggest.FieldScore
	}{{"source", sc.Source}, {"cue", sc.Cue}, {"content", sc.Content}} {
		if e := f.s.Exact; e.F1() != 1 {
			problems = append(problems, fmt.Sprintf("%s exact F1 %.3f (gold %d, made %d, matched %d)", f.name, e.F1(), e.Gold, e.Pred, e.Matched))
		}
	}
	problems = append(problems, r.checkSpeakersAndKinds(ann.Attributions, names)...)
	problems = append(problems, r.checkClaims(ann.Claims)...)
	return problems, nil
}

// goldAttributions are the gold as annotate values, for the scorer.
func (r *replay) goldAttributions() []annotate.Attribution {
	anchor := func(s span) annotate.Anchor { return annotate.Anchor{Start: s[0], End: s[1]} }
	var out []annotate.Attribution
	for _, a := range r.gold.attrs {
		var x annotate.Attribution
		if a.source != nil {
			s := anchor(*a.source)
			x.Source = &s
		}
		if a.cue != nil {
			c := anchor(*a.cue)
			x.Cue = &c
		}
		for _, c := range a.content {
			x.Content = append(x.Content, anchor(c))
		}
		out = append(out, x)
	}
	return out
}

func (r *replay) checkSpeakersAndKinds(made []annotate.Attribution, names map[string]string) []string {
	var problems []string
	for _, a := range r.gold.attrs {
		var m *annotate.Attribution
		for i := range made {
			if len(made[i].Content) > 0 && made[i].Content[0].Start == a.content[0][0] && made[i].Content[0].End == a.content[0][1] {
				m = &made[i]
			}
		}
		switch {
		case m == nil:
			problems = append(problems, "no attribution with the content "+r.gold.quote(a.content[0]))
		case names[m.SpeakerID] != a.speaker:
			problems = append(problems, fmt.Sprintf("speaker %q for %s, gold %q", names[m.SpeakerID], r.gold.quote(a.content[0]), a.speaker))
		case string(m.Kind) != a.kind:
			problems = append(problems, fmt.Sprintf("kind %s for %s, gold %s", m.Kind, r.gold.quote(a.content[0]), a.kind))
		}
	}
	return problems
}

func (r *replay) checkClaims(made []annotate.Claim) []string {
	var got []span
	for _, c := range made {
		for _, a := range c.Anchors {
			got = append(got, span{a.Start, a.End})
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i][0] < got[j][0] })
	if fmt.Sprint(got) != fmt.Sprint(r.gold.claims) {
		return []string{fmt.Sprintf("claims %v, gold %v", got, r.gold.claims)}
	}
	return nil
}
