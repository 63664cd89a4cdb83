package main

import (
	"fmt"
	"log"
	"os"
	"time"
)

// run annotates the whole seed article in the desk.
func (r *replay) run(mode string) error {
	if err := r.start(); err != nil {
		return err
	}
	if mode == "suggest" {
		if err := r.review(); err != nil {
			return err
		}
	}
	before, made := r.count, 0
	for _, a := range r.gold.attrs {
		if !a.done {
			if err := r.makeAttribution(a); err != nil {
				return err
			}
			made++
		}
	}
	for _, c := range r.gold.claims {
		if !r.gold.done[c] {
			if err := r.makeClaim(c); err != nil {
				return err
			}
			made++
		}
	}
	if mode == "suggest" {
		r.decided("made by hand: what the suggestions missed", r.count) // makes the map
		r.decisions["made by hand: what the suggestions missed"] = [2]int{made, r.count.actions() - before.actions()}
	}
	r.screenshot("done-" + mode)
	return r.quit()
}

// makeAttribution makes one attribution by hand: select the content, A;
// the source, S (Enter to add a speaker the registry lacks); the cue, Q.
func (r *replay) makeAttribution(a *goldAttr) error {
	before := r.count
	prev := r.settle().Selected
	if err := r.drag(a.content[0]); err != nil {
		return err
	}
	r.key("a")
	if _, err := r.waitFor("the new attribution", 5*time.Second, func(g *geometry) bool {
		return g.Selected != prev && g.Tab == "Attributions"
	}); err != nil {
		return err
	}
	for _, c := range a.content[1:] {
		if err := r.drag(c); err != nil {
			return err
		}
		r.key("p")
	}
	if a.source != nil {
		if err := r.drag(*a.source); err != nil {
			return err
		}
		r.key("s")
		if os.Getenv("REPLAY_DEBUG") != "" {
			r.traceFocus()
		}
		if err := r.fixSpeaker(a.speaker); err != nil {
			return err
		}
	}
	if a.cue != nil {
		if err := r.drag(*a.cue); err != nil {
			return err
		}
		r.key("q")
	}
	r.fixKind(a.kind, func(g *geometry) string { return g.Kind })
	a.done = true
	log.Printf("replay: by hand %s: %d actions, %d typed", r.gold.quote(a.content[0]), r.count.actions()-before.actions(), r.count.typed-before.typed)
	r.manualAttrs++
	r.attrActions += r.count.actions() - before.actions()
	r.attrTyped += r.count.typed - before.typed
	return nil
}

// fixSpeaker makes the selected attribution's speaker want: Enter when the
// speaker field offers it, else the name typed there.
func (r *replay) fixSpeaker(want string) error {
	g := r.settle()
	switch {
	case g.Focus == "speaker" && g.Entry == want:
		r.key("Return")
	case g.Focus == "speaker":
		log.Printf("replay: the speaker field offers %q for %q: typed", g.Entry, want)
		r.key("ctrl+a")
		r.typeText(want)
		r.key("Return")
	case g.Speaker != want:
		log.Printf("replay: the source gave the speaker %q, not %q (focus %q, entry %q): typed", g.Speaker, want, g.Focus, g.Entry)
		at, ok := g.Widgets["speaker"]
		if !ok {
			return fmt.Errorf("no speaker field to fix %q (speaker %q)", want, g.Speaker)
		}
		r.click(at[0], at[1])
		r.key("ctrl+a")
		r.typeText(want)
		r.key("Return")
	}
	if g = r.settle(); g.Speaker != want {
		r.notes = append(r.notes, fmt.Sprintf("speaker %q where the gold has %q", g.Speaker, want))
	}
	return nil
}

// fixKind presses D until the kind is the gold's.
func (r *replay) fixKind(want string, kind func(*geometry) string) {
	for i := 0; i < 2 && kind(r.settle()) != want; i++ {
		log.Printf("replay: kind %q, not %q: D", kind(r.settle()), want)
		r.key("d")
	}
}

// makeClaim selects the claim and presses C.
func (r *replay) makeClaim(c span) error {
	if err := r.drag(c); err != nil {
		return err
	}
	r.key("c")
	r.gold.done[c] = true
	return nil
}

// review runs Suggest and decides on every suggestion: accept what the
// gold has (fixing its spans, speaker and kind first), reject the rest.
func (r *replay) review() error {
	g := r.settle()
	at, ok := g.Widgets["suggest"]
	if !ok {
		return fmt.Errorf("no Suggest button on the toolbar")
	}
	r.click(at[0], at[1])
	if _, err := r.waitFor("the suggestions", 60*time.Second, func(g *geometry) bool {
		return g.Tab == "Suggestions" && g.Proposal != nil && g.Focus == "suggestions"
	}); err != nil {
		return err
	}
	// Attributions first: the filter keeps them (their rows read
	// "attribution: …"); the claims are marked by hand afterwards and their
	// suggestions rejected at once (rejectClaimSuggestions).
	if err := r.filterSuggestions("attribution:"); err != nil {
		return err
	}
	if at, ok := r.settle().Widgets["suggestions-list"]; ok {
		r.click(at[0], at[1])
	}
	for i := 0; i < 400; i++ {
		g = r.settle()
		if g.Tab != "Suggestions" || g.Proposal == nil {
			return r.rejectClaimSuggestions()
		}
		if err := r.decide(g.Proposal); err != nil {
			return err
		}
	}
	return fmt.Errorf("the review did not end after 400 decisions")
}

// filterSuggestions types text into the Suggestions tab's filter in place
// of what it holds.
func (r *replay) filterSuggestions(text string) error {
	at, ok := r.settle().Widgets["suggestions-filter"]
	if !ok {
		return fmt.Errorf("no filter on the Suggestions tab")
	}
	r.click(at[0], at[1])
	r.key("ctrl+a")
	r.typeText(text)
	return nil
}

// rejectClaimSuggestions shows the claim suggestions and rejects them all
// in one step from the palette: the gold claims are then marked by hand
// (select and C), which costs what accepting a suggestion in its sentence
// does, without a key for each one the gold does not have.
func (r *replay) rejectClaimSuggestions() error {
	before := r.count
	if err := r.filterSuggestions("claim "); err != nil {
		return err
	}
	r.key("ctrl+k")
	r.typeText("reject every suggestion")
	g := r.key("Return")
	r.decided("claim suggestions rejected at once", before)
	log.Printf("replay: claim suggestions rejected at once: %s", g.Status)
	return nil
}

// decide accepts or rejects the suggestion under review.
func (r *replay) decide(p *proposal) error {
	before := r.count
	if p.Claim != nil {
		return r.decideClaim(*p.Claim)
	}
	a := r.gold.match(p)
	if a == nil {
		r.key("x")
		r.decided("attribution rejected", before)
		log.Printf("replay: attribution %v rejected", p.Content)
		return nil
	}
	defer func() {
		n := r.count.actions() - before.actions()
		if n == 1 {
			r.decided("attribution accepted as suggested", before)
		} else {
			r.decided("attribution fixed, then accepted", before)
		}
		log.Printf("replay: attribution %s accepted after %d actions", r.gold.quote(a.content[0]), n)
	}()
	if err := r.fixContent(a); err != nil {
		return err
	}
	if a.source != nil && !sameSpan(p.Source, a.source) {
		if err := r.drag(*a.source); err != nil {
			return err
		}
		r.key("s")
	}
	if a.cue != nil && !sameSpan(p.Cue, a.cue) {
		if err := r.drag(*a.cue); err != nil {
			return err
		}
		r.key("q")
	}
	if g := r.settle(); g.Proposal != nil && g.Proposal.Speaker != a.speaker {
		r.key("e")
		r.key("ctrl+a")
		r.typeText(a.speaker)
		r.key("Return")
	}
	r.fixKind(a.kind, func(g *geometry) string {
		if g.Proposal == nil {
			return ""
		}
		return g.Proposal.Kind
	})
	if g := r.settle(); g.Proposal == nil || g.Focus != "suggestions" {
		return fmt.Errorf("before accepting: the keyboard is in %q, not the suggestions list", g.Focus)
	}
	r.key("a")
	a.done = true
	return nil
}

func (g *goldSet) isClaim(s span) bool {
	for _, c := range g.claims {
		if c == s {
			return true
		}
	}
	return false
}

// match is the gold attribution not made yet that the suggestion is, with
// fixes the keys can make: its content overlaps the gold's most, every
// piece of it overlaps the gold's content, and it has no source or cue the
// gold lacks.
func (g *goldSet) match(p *proposal) *goldAttr {
	var best *goldAttr
	most := 0
	for _, a := range g.attrs {
		if a.done {
			continue
		}
		n := 0
		for _, c := range p.Content {
			for _, d := range a.content {
				n += c.overlap(d)
			}
		}
		if n > most {
			best, most = a, n
		}
	}
	if best == nil || (best.source == nil && p.Source != nil) || (best.cue == nil && p.Cue != nil) {
		return nil
	}
	return best
}

// decideClaim accepts a claim suggestion that is a gold claim, or holds
// one (select the claim in its sentence and press C), and rejects the rest.
func (r *replay) decideClaim(c span) error {
	before := r.count
	for _, g := range r.gold.claims {
		switch {
		case r.gold.done[g] || g[0] < c[0] || g[1] > c[1]:
			continue
		case g == c:
			r.key("a")
		default:
			if err := r.drag(g); err != nil {
				return err
			}
			r.key("c")
		}
		r.gold.done[g] = true
		r.decided("claim accepted (its span selected in the sentence and C)", before)
		log.Printf("replay: claim %s accepted", r.gold.quote(g))
		return nil
	}
	r.key("x")
	r.decided("claim rejected", before)
	log.Printf("replay: claim %s rejected", r.gold.quote(c))
	return nil
}

// fixContent makes the suggestion's content the gold's with P: each gold
// piece selected and P (it replaces what it overlaps), then each piece
// left over selected exactly and P (it goes).
func (r *replay) fixContent(a *goldAttr) error {
	for i := 0; i < 8; i++ {
		g := r.settle()
		if g.Proposal == nil {
			return fmt.Errorf("the suggestion went away while its content was fixed")
		}
		var next *span
		for _, c := range a.content {
			if !containsSpan(g.Proposal.Content, c) {
				next = &c
				break
			}
		}
		for _, c := range g.Proposal.Content {
			if next == nil && !containsSpan(a.content, c) {
				next = &c
			}
		}
		if next == nil {
			return nil
		}
		if err := r.drag(*next); err != nil {
			return err
		}
		r.key("p")
	}
	return fmt.Errorf("the content of %s could not be fixed", r.gold.quote(a.content[0]))
}

func containsSpan(ss []span, s span) bool {
	for _, t := range ss {
		if t == s {
			return true
		}
	}
	return false
}

func sameSpan(a, b *span) bool { return a != nil && b != nil && *a == *b }

// traceFocus logs where the keyboard goes in the second after a key.
func (r *replay) traceFocus() {
	var seen []string
	for i := 0; i < 40; i++ {
		if g, _, err := r.read(); err == nil && (len(seen) == 0 || seen[len(seen)-1] != g.Focus+"/"+g.Entry) {
			seen = append(seen, g.Focus+"/"+g.Entry)
		}
		time.Sleep(25 * time.Millisecond)
	}
	log.Printf("replay: focus after the key: %v", seen)
}
