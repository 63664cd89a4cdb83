package suggest

import (
	"github.com/factmark/factmark/annotate"
)

// turnIndex is a transcript's turns as the check-worthiness model needs
// them: where each lies and who speaks it.
type turnIndex struct {
	turns []annotate.Turn
	who   []turnSpeaker
}

// turnSpeaker is who speaks a turn: key groups the turns of one speaker
// (the registry speaker's ID, else the label made canonical, so that
// "TRUMP" and "Trump" are one voice); name and id are what a sentence of the
// turn carries.
type turnSpeaker struct {
	key, name, id string
}

// newTurnIndex resolves each turn's speaker: the registry speaker the turn
// names (SpeakerID), else the one reg, which may be nil, matches to its
// label, else the label alone. It returns nil without turns.
func newTurnIndex(turns []annotate.Turn, reg *annotate.Registry) *turnIndex {
	if len(turns) == 0 {
		return nil
	}
	ti := &turnIndex{turns: turns, who: make([]turnSpeaker, len(turns))}
	byID := map[string]string{}
	if reg != nil {
		for _, sp := range reg.Speakers() {
			byID[sp.ID] = sp.Name
		}
	}
	for i, t := range turns {
		w := turnSpeaker{name: t.Speaker, id: t.SpeakerID}
		if w.id != "" {
			if name, ok := byID[w.id]; ok {
				w.name = name
			}
		} else if reg != nil {
			if sp, ok := reg.Match(t.Speaker); ok {
				w.name, w.id = sp.Name, sp.ID
			}
		}
		w.key = w.id
		if w.key == "" {
			w.key = "label " + annotate.NameKey(t.Speaker)
		}
		ti.who[i] = w
	}
	return ti
}

// split cuts the sentences (token ranges of d, in order) where a turn
// begins or ends, so that no sentence has words of two turns or of a turn
// and the labels between turns, and returns the pieces with the turn each
// lies in (-1 for none). A token lies in the turn its first code point is in.
func (ti *turnIndex) split(d *doc, spans [][2]int) (pieces [][2]int, turnOf []int) {
	k := 0 // the first turn that does not end before the current token
	at := func(i int) int {
		start := d.toks[i].Start
		for k < len(ti.turns) && ti.turns[k].End <= start {
			k++
		}
		if k < len(ti.turns) && ti.turns[k].Start <= start {
			return k
		}
		return -1
	}
	for _, sp := range spans {
		from, cur := sp[0], at(sp[0])
		for i := sp[0] + 1; i < sp[1]; i++ {
			if t := at(i); t != cur {
				pieces, turnOf = append(pieces, [2]int{from, i}), append(turnOf, cur)
				from, cur = i, t
			}
		}
		pieces, turnOf = append(pieces, [2]int{from, sp[1]}), append(turnOf, cur)
	}
	return pieces, turnOf
}

// contexts places the sentences in their turns as the CLEF transcripts the
// model learned from place their lines: a sentence's speaker is its turn's,
// and a turn (for the speaker features and for pooling) is a run of
// sentences by one speaker, so that two turns of one speaker in a row are
// one, as the CLEF data counts them. The speaker statistics count only the
// sentences in turns; a sentence outside every turn has no speaker
// features and is pooled with nothing. It returns each sentence's context
// and turn number (for pool), and false when no sentence lies in a turn.
func (ti *turnIndex) contexts(sents [][]token, turnOf []int) ([]lineCtx, []int, bool) {
	var speaker []string
	var run []int
	var question []bool
	var in []int // the sentences in turns, by index
	for i, t := range turnOf {
		if t < 0 {
			continue
		}
		key := ti.who[t].key
		r := 0
		if n := len(speaker); n > 0 {
			r = run[n-1]
			if speaker[n-1] != key {
				r++
			}
		}
		speaker, run, question = append(speaker, key), append(run, r), append(question, isQuestion(sents[i]))
		in = append(in, i)
	}
	if len(in) == 0 {
		return nil, nil, false
	}
	sub := lineContexts(speaker, run, question)
	ctx := make([]lineCtx, len(sents))
	turn := make([]int, len(sents))
	for i := range ctx {
		ctx[i] = lineCtx{none: true}
		turn[i] = -1 - i // pooled with nothing
	}
	for j, i := range in {
		ctx[i], turn[i] = sub[j], run[j]
	}
	return ctx, turn, true
}

// spokenInTurns keeps the attributions whose cue lies in a turn, without
// turns all of them. It drops those the taggers read into the labels
// between turns, "CARSON:" taken for a source and its cue: the turn
// already says who speaks its words, and the attribution repeated it with
// a content cut where the tagger guessed (in the desk, 314 of a CLEF
// debate's 546 attributions, each to be rejected by hand).
func spokenInTurns(attrs []Attribution, turns []annotate.Turn) []Attribution {
	if len(turns) == 0 {
		return attrs
	}
	out := attrs[:0]
	for _, a := range attrs {
		if a.Cue == nil || annotate.TurnAt(turns, a.Cue.Start) >= 0 {
			out = append(out, a)
		}
	}
	return out
}

// personalSpeaker gives a source "I" or "me" that lies in a turn the
// turn's speaker; any other personal pronoun ("you", "us") stays
// unnamed, as "I" does outside turns.
func (d *doc) personalSpeaker(w *work) {
	if d.turns == nil || !isFirstPerson(w.mention) {
		return
	}
	if k := annotate.TurnAt(d.turns.turns, d.toks[w.source[0]].Start); k >= 0 {
		who := d.turns.who[k]
		w.speaker, w.id, w.why = who.name, who.id, "the speaker of the turn it is said in"
	}
}
