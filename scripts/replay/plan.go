package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// The review's plan: what to do with each attribution suggestion, decided
// from the list as a reviewer reads it (its rows and the article's dashed
// highlights show every suggestion's spans, so two suggestions on the same
// sentence are seen side by side). Each gold attribution goes to the
// suggestion that is cheapest to fix into it, when fixing it and accepting
// costs no more than rejecting it and making the attribution by hand; every
// other suggestion is rejected.

// step is one fix of a suggestion's content: a key chord that moves the
// adjusted span (the first content piece) a word, or a piece selected in
// the article and P (it replaces the pieces it overlaps, or takes out the
// piece it is exactly).
type step struct {
	key   string
	piece *span
}

func (s step) cost() int {
	if s.key != "" {
		return 1
	}
	return 2
}

// wordKeys are the review list's word-step chords for the adjusted span
// (ui/review.go): Alt moves the start, Alt+Shift the end.
var wordKeys = []struct {
	chord       string
	grow, atEnd bool
}{
	{"alt+Left", true, false},
	{"alt+Right", false, false},
	{"alt+shift+Left", false, true},
	{"alt+shift+Right", true, true},
}

// contentSteps are the steps that make the content have into want, as the
// desk applies them; ok is false when no steps can (the last piece cannot
// be taken out).
func (g *goldSet) contentSteps(have, want []span) (steps []step, ok bool) {
	cur := append([]span(nil), have...)
	if len(cur) > 0 && !containsSpan(want, cur[0]) {
		for _, k := range wordKeys {
			if got, moved := g.wordStep(cur[0], k.grow, k.atEnd); moved && containsSpan(want, got) && !containsSpan(cur, got) {
				steps, cur[0] = append(steps, step{key: k.chord}), got
				break
			}
		}
	}
	for _, w := range want {
		if !containsSpan(cur, w) {
			steps, cur = append(steps, step{piece: &w}), withPiece(cur, w)
		}
	}
	for _, c := range append([]span(nil), cur...) {
		if !containsSpan(want, c) {
			if len(cur) == 1 {
				return nil, false
			}
			steps, cur = append(steps, step{piece: &c}), withPiece(cur, c)
		}
	}
	return steps, len(cur) == len(want) && len(cur) > 0 && sameSpans(cur, want)
}

// wordStep is the span grown or shrunk a word at one edge, as the desk's
// Alt+arrow keys do it (annotate.Text.GrowWord and ShrinkWord).
func (g *goldSet) wordStep(s span, grow, atEnd bool) (span, bool) {
	a, err := g.doc.Anchor(s[0], s[1])
	if err != nil {
		return s, false
	}
	var b annotate.Anchor
	var ok bool
	if grow {
		b, ok = g.doc.GrowWord(a, atEnd)
	} else {
		b, ok = g.doc.ShrinkWord(a, atEnd)
	}
	return span{b.Start, b.End}, ok
}

// withPiece is the desk's P on content (ui/spankeys.go): sel in place of
// the pieces it overlaps, in text order; a piece exactly goes, while
// another is left.
func withPiece(content []span, sel span) []span {
	for i, c := range content {
		if c == sel && len(content) > 1 {
			return append(append([]span(nil), content[:i]...), content[i+1:]...)
		}
	}
	out := []span{sel}
	for _, c := range content {
		if c[1] <= sel[0] || c[0] >= sel[1] {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func sameSpans(a, b []span) bool { return slices.Equal(a, b) }

// kinds is the order D turns an attribution's kind in.
var kinds = []string{"direct", "indirect", "mixed"}

// kindPresses is how many times D turns from into to.
func kindPresses(from, to string) int {
	i, j := indexOf(kinds, from), indexOf(kinds, to)
	if i < 0 || j < 0 {
		return 0
	}
	return (j - i + len(kinds)) % len(kinds)
}

func indexOf(ss []string, s string) int {
	for i, t := range ss {
		if t == s {
			return i
		}
	}
	return -1
}

// fixCost is what fixing the suggestion into the gold attribution takes
// before it is accepted, or -1 when the keys cannot (a source or cue the
// gold lacks cannot be taken off a suggestion). keep, when set, is a
// content piece left on to be split off after the fixes (T).
func (g *goldSet) fixCost(p *proposal, a *goldAttr, keep *span) int {
	if (a.source == nil && p.Source != nil) || (a.cue == nil && p.Cue != nil) {
		return -1
	}
	steps, ok := g.contentSteps(p.Content, withKept(a.content, keep))
	if !ok {
		return -1
	}
	n := 0
	for _, s := range steps {
		n += s.cost()
	}
	newSource := a.source != nil && !sameSpan(p.Source, a.source)
	if newSource {
		n += 2
	}
	if a.cue != nil && !sameSpan(p.Cue, a.cue) {
		n += 2
	}
	if !newSource && !sameSpeaker(p.Speaker, a.speaker) {
		n += 2 // E, a few letters, Enter
	}
	if keep != nil {
		n++ // T
	}
	return n + kindPresses(p.Kind, a.kind)
}

// withKept is the content with the piece kept added, in text order.
func withKept(content []span, keep *span) []span {
	if keep == nil {
		return content
	}
	out := append(append([]span(nil), content...), *keep)
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// sameSpeaker reports whether the suggestion's speaker will be the gold's
// once the registry names it: the same name, or the same surname (the
// registry matches a surname only one speaker has).
func sameSpeaker(suggested, gold string) bool {
	if suggested == gold {
		return true
	}
	s, g := strings.Fields(suggested), strings.Fields(gold)
	return len(s) == 1 && len(g) > 0 && s[0] == g[len(g)-1]
}

// handCost is what making the attribution by hand takes: select its
// content, A; each further piece, P; its source, S; its cue, Q.
func handCost(a *goldAttr) int {
	n := 2 * len(a.content)
	if a.source != nil {
		n += 2
	}
	if a.cue != nil {
		n += 2
	}
	return n
}

// decision is what the review does with one suggestion: fix it into gold
// and accept it (after splitting off the content piece split, T, which
// becomes the suggestion of another gold attribution); nil gold rejects it.
type decision struct {
	gold  *goldAttr
	split *span
}

// plan maps each suggestion (by its spans as listed) to what the review
// does with it; the ones it leaves out are rejected.
func (g *goldSet) plan(ps []*proposal) map[string]*decision {
	type pair struct {
		p       *proposal
		a       *goldAttr
		cost, n int
	}
	var pairs []pair
	for _, p := range ps {
		if p.Claim != nil {
			continue
		}
		for _, a := range g.attrs {
			n := 0
			for _, c := range p.Content {
				for _, d := range a.content {
					n += c.overlap(d)
				}
			}
			if cost := g.fixCost(p, a, nil); n > 0 && cost >= 0 && cost <= handCost(a) {
				pairs = append(pairs, pair{p, a, cost, n})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].cost != pairs[j].cost {
			return pairs[i].cost < pairs[j].cost
		}
		return pairs[i].n > pairs[j].n
	})
	out := map[string]*decision{}
	taken := map[*goldAttr]bool{}
	var fixed []pair
	for _, q := range pairs {
		k := q.p.key()
		if out[k] == nil && !taken[q.a] {
			out[k], taken[q.a] = &decision{gold: q.a}, true
			fixed = append(fixed, q)
		}
	}
	// A piece the fix would take out that is a gold attribution of its own
	// from the same source, without a cue, is split off instead, when that
	// costs less than taking it out and making that attribution by hand.
	for _, q := range fixed {
		for _, c := range q.p.Content {
			b := g.continuation(q.a, c, taken)
			if b == nil {
				continue
			}
			split := g.fixCost(q.p, q.a, &c) + 1 // and A on the piece split off
			if cost := g.fixCost(q.p, q.a, nil); split < cost+handCost(b) {
				out[q.p.key()].split = &c
				out[(&proposal{Source: q.a.source, Content: []span{c}}).key()] = &decision{gold: b}
				taken[b] = true
				break
			}
		}
	}
	return out
}

// continuation is the gold attribution not yet planned whose content is
// the piece c, with a's source and speaker and no cue, when c overlaps no
// piece of a's content.
func (g *goldSet) continuation(a *goldAttr, c span, taken map[*goldAttr]bool) *goldAttr {
	for _, d := range a.content {
		if c.overlap(d) > 0 {
			return nil
		}
	}
	for _, b := range g.attrs {
		if !taken[b] && b.cue == nil && sameSpans(b.content, []span{c}) && sameSpan(b.source, a.source) && b.speaker == a.speaker {
			return b
		}
	}
	return nil
}

// key names a suggestion by its spans as the list first shows them.
func (p *proposal) key() string {
	return fmt.Sprintf("%v %v %v", p.Source, p.Cue, p.Content)
}
