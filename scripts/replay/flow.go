package main

import (
	"fmt"
	"log"
	"os"
	"slices"
	"strconv"
	"strings"
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
	n, err := r.markClaims()
	if err != nil {
		return err
	}
	made += n
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
	if err := r.fixCue(a.cue); err != nil {
		return err
	}
	r.fixKind(a.kind, func(g *geometry) string { return g.Kind })
	a.done = true
	r.known[a.speaker] = a.speaker != ""
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
		r.typeText(r.speakerLetters(want)) // the field selected its text on focus
		r.key("Return")
	case g.Speaker != want:
		log.Printf("replay: the source gave the speaker %q, not %q (focus %q, entry %q): typed", g.Speaker, want, g.Focus, g.Entry)
		at, ok := g.Widgets["speaker"]
		if !ok {
			return fmt.Errorf("no speaker field to fix %q (speaker %q)", want, g.Speaker)
		}
		r.click(at[0], at[1])
		r.key("ctrl+a")
		r.typeText(r.speakerLetters(want))
		r.key("Return")
	}
	if g = r.settle(); g.Speaker != want {
		r.notes = append(r.notes, fmt.Sprintf("speaker %q where the gold has %q", g.Speaker, want))
	}
	return nil
}

// speakerLetters is what to type in a speaker field for want: the surname
// when the registry has the speaker (its surname alone names one speaker,
// and Enter takes that one), else the whole name for a new speaker.
func (r *replay) speakerLetters(want string) string {
	if r.known[want] {
		f := strings.Fields(want)
		return f[len(f)-1]
	}
	return want
}

// fixCue makes the selected attribution's cue want: the desk may have set
// the cue beside the source already (S); else the cue is selected and Q,
// and a cue the gold lacks is cleared with its button.
func (r *replay) fixCue(want *span) error {
	g := r.settle()
	switch {
	case want != nil && g.Cue != nil && *g.Cue == *want:
		return nil
	case want != nil:
		if err := r.drag(*want); err != nil {
			return err
		}
		r.key("q")
	case g.Cue != nil:
		at, ok := g.Widgets["cue-clear"]
		if !ok {
			return fmt.Errorf("the desk set a cue %v the gold lacks, and there is no button to clear it", *g.Cue)
		}
		log.Printf("replay: the desk set a cue %v the gold lacks: cleared", *g.Cue)
		r.click(at[0], at[1])
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

// markClaims marks every gold claim not made yet with the claim marker: M
// (with the keyboard in the article), then one drag each. With the
// keyboard elsewhere, the first claim is selected (which gives the article
// the keyboard), then M, and C makes that first one.
func (r *replay) markClaims() (int, error) {
	before, made := r.count, 0
	for _, c := range r.gold.claims {
		if r.gold.done[c] {
			continue
		}
		g := r.settle()
		n := r.claimCount()
		switch {
		case !g.Marking && g.Focus == "text":
			r.key("m")
			fallthrough
		case g.Marking:
			if err := r.drag(c); err != nil {
				return made, err
			}
		default:
			if err := r.drag(c); err != nil {
				return made, err
			}
			r.key("m") // before C: a claim's editor may take the keyboard
			r.key("c")
		}
		if _, err := r.waitFor("the claim "+r.gold.quote(c), 5*time.Second, func(g *geometry) bool { return claimCount(g) > n }); err != nil {
			return made, err
		}
		r.gold.done[c] = true
		made++
	}
	if made > 0 {
		log.Printf("replay: %d claims marked: %d actions", made, r.count.actions()-before.actions())
	}
	return made, nil
}

// claimCount is the number of claims the status line counts ("… · 3
// claims · …"), or -1 when it says none.
func claimCount(g *geometry) int {
	for _, part := range strings.Split(g.Status, " · ") {
		if f := strings.Fields(part); len(f) == 2 && (f[1] == "claims" || f[1] == "claim") {
			if n, err := strconv.Atoi(f[0]); err == nil {
				return n
			}
		}
	}
	return -1
}

func (r *replay) claimCount() int { return claimCount(r.settle()) }

// review runs Suggest and decides on every attribution suggestion with the
// plan made from the list (plan.go): fix and accept, or reject. The list
// holds the attributions first; when the claims come, they are rejected in
// one step from the palette, and the gold claims are marked by hand
// (markClaims): the suggested claims are whole sentences, the gold's claims
// parts of them, so a drag each is the least any of them takes.
func (r *replay) review() error {
	before := r.count
	g := r.settle()
	at, ok := g.Widgets["suggest"]
	if !ok {
		return fmt.Errorf("no Suggest button on the toolbar")
	}
	r.click(at[0], at[1])
	g, err := r.waitFor("the suggestions", 60*time.Second, func(g *geometry) bool {
		return g.Tab == "Suggestions" && g.Proposal != nil && g.Focus == "suggestions"
	})
	if err != nil {
		return err
	}
	r.decided("starting: Suggest", before)
	plan := r.gold.plan(g.Proposals)
	log.Printf("replay: %d suggestions listed; the plan fixes %d of them", len(g.Proposals), len(plan))
	for i := 0; i < 400; i++ {
		g = r.settle()
		switch {
		case g.Tab != "Suggestions" || g.Proposal == nil:
			return nil
		case g.Proposal.Claim != nil:
			return r.rejectTheRest()
		}
		if err := r.decide(g.Proposal, plan); err != nil {
			return err
		}
	}
	return fmt.Errorf("the review did not end after 400 decisions")
}

// rejectTheRest rejects every suggestion the list still shows (the claims)
// in one step, from the palette.
func (r *replay) rejectTheRest() error {
	before := r.count
	r.key("ctrl+k")
	r.typeText("reject every")
	g := r.key("Return")
	r.decided("claim suggestions rejected at once", before)
	log.Printf("replay: claim suggestions rejected at once: %s", g.Status)
	return nil
}

// decide fixes and accepts the attribution suggestion under review, or
// rejects it, as the plan says.
func (r *replay) decide(p *proposal, plan map[string]*decision) error {
	before := r.count
	d := plan[p.key()]
	if d == nil || d.gold.done {
		r.key("x")
		r.decided("attribution rejected", before)
		log.Printf("replay: attribution %v rejected", p.Content)
		return nil
	}
	a := d.gold
	defer func() {
		n := r.count.actions() - before.actions()
		if n == 1 {
			r.decided("attribution accepted as suggested", before)
		} else {
			r.decided("attribution fixed, then accepted", before)
		}
		log.Printf("replay: attribution %s accepted after %d actions", r.gold.quote(a.content[0]), n)
	}()
	if err := r.fixContent(p, a, d.split); err != nil {
		return err
	}
	if a.source != nil && !sameSpan(p.Source, a.source) {
		log.Printf("replay: fix source %s → %s", r.gold.quoteP(p.Source), r.gold.exact(*a.source))
		if err := r.drag(*a.source); err != nil {
			return err
		}
		r.key("s")
	}
	if a.cue != nil && !sameSpan(p.Cue, a.cue) {
		log.Printf("replay: fix cue %s → %s", r.gold.quoteP(p.Cue), r.gold.exact(*a.cue))
		if err := r.drag(*a.cue); err != nil {
			return err
		}
		r.key("q")
	}
	if g := r.settle(); g.Proposal != nil && g.Proposal.Speaker != a.speaker {
		log.Printf("replay: fix speaker %q → %q", g.Proposal.Speaker, a.speaker)
		r.key("e")
		r.typeText(r.speakerLetters(a.speaker)) // the field selected its text on focus
		r.key("Return")
		if g := r.settle(); g.Proposal == nil || g.Proposal.Speaker != a.speaker {
			return fmt.Errorf("the speaker field made the speaker %q, not %q", g.Proposal.Speaker, a.speaker)
		}
	}
	if d.split != nil {
		log.Printf("replay: split off %s", r.gold.exact(*d.split))
		if g := r.key("t"); g.Proposal == nil || !sameSpans(g.Proposal.Content, a.content) {
			return fmt.Errorf("T left the content %v, not %v", g.Proposal.Content, a.content)
		}
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
	r.known[a.speaker] = a.speaker != ""
	return nil
}

// fixContent makes the suggestion's content the gold's (with the piece
// to split off kept) with the planned steps: a word-step chord where one moves the first piece onto a gold
// piece, else each gold piece selected and P (it replaces what it
// overlaps), then each piece left over selected exactly and P (it goes).
func (r *replay) fixContent(p *proposal, a *goldAttr, keep *span) error {
	want := withKept(a.content, keep)
	steps, ok := r.gold.contentSteps(p.Content, want)
	if !ok {
		return fmt.Errorf("no steps make the content %v into %v", p.Content, want)
	}
	for _, s := range steps {
		g := r.settle()
		if g.Proposal == nil {
			return fmt.Errorf("the suggestion went away while its content was fixed")
		}
		if s.key != "" {
			log.Printf("replay: fix content %v (gold %v): %s", g.Proposal.Content, a.content, s.key)
			r.key(s.key)
			continue
		}
		log.Printf("replay: fix content %v (gold %v): piece %s", g.Proposal.Content, a.content, r.gold.exact(*s.piece))
		if err := r.drag(*s.piece); err != nil {
			return err
		}
		r.key("p")
	}
	if g := r.settle(); g.Proposal == nil || !sameSpans(g.Proposal.Content, want) {
		return fmt.Errorf("the content of %s is %v after its fixes, not %v", r.gold.quote(a.content[0]), g.Proposal.Content, want)
	}
	return nil
}

func containsSpan(ss []span, s span) bool { return slices.Contains(ss, s) }

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
