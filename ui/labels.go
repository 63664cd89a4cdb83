package ui

import (
	"reflect"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// briefLength is how many characters of an annotation's text a history
// label quotes: the status line shows it after the counts and the selection.
const briefLength = 40

// brief quotes s shortly for a label: white space collapsed, and cut at a
// word before briefLength characters, with "…", when longer.
func brief(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > briefLength {
		cut := string(r[:briefLength])
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
		s = strings.TrimRight(cut, " ·,;:") + "…"
	}
	return "“" + s + "”"
}

// unquoted is s without the quotation marks around it, so that a brief
// quote of a quote does not nest them.
func unquoted(s string) string {
	return strings.Trim(strings.TrimSpace(s), "“”‘’\"«»„‚")
}

// describe names an annotation for a history label: "claim “…”", "note on
// “…”", "attribution “speaker · cue · content…”".
func (d *Desk) describe(id string) string {
	switch d.findKind(id) {
	case kindAttribution:
		return "attribution " + brief(d.attributionSummary(d.findAttribution(id)))
	case kindClaim:
		return "claim " + brief(unquoted(firstExact(d.findClaim(id).Anchors)))
	case kindNote:
		return "note on " + brief(unquoted(firstExact(d.noteAnchors(d.findNote(id)))))
	}
	return noKind.String()
}

// attributionSummary is "speaker · cue · content", what of them is set.
func (d *Desk) attributionSummary(a *annotate.Attribution) string {
	var parts []string
	if who := d.speakerName(a.SpeakerID); who != "" {
		parts = append(parts, who)
	} else if a.Source != nil {
		parts = append(parts, a.Source.Exact)
	}
	if a.Cue != nil {
		parts = append(parts, a.Cue.Exact)
	}
	return strings.Join(append(parts, unquoted(firstExact(a.Content))), " · ")
}

func firstExact(as []annotate.Anchor) string {
	if len(as) == 0 {
		return ""
	}
	return as[0].Exact
}

// field is one thing the user can change in a T, named as a label says it.
type field[T any] struct {
	name string
	of   func(*T) any
}

var attributionFields = []field[annotate.Attribution]{
	{"speaker", func(a *annotate.Attribution) any { return a.SpeakerID }},
	{"source", func(a *annotate.Attribution) any { return a.Source }},
	{"cue", func(a *annotate.Attribution) any { return a.Cue }},
	{"content", func(a *annotate.Attribution) any { return a.Content }},
	{"kind", func(a *annotate.Attribution) any { return a.Kind }},
}

var claimFields = []field[annotate.Claim]{
	{"span", func(c *annotate.Claim) any { return c.Anchors }},
	{"speaker", func(c *annotate.Claim) any { return c.SpeakerID }},
	{"attribution", func(c *annotate.Claim) any { return c.AttributionID }},
	{"worthiness", func(c *annotate.Claim) any { return [2]any{c.Worthiness, c.WorthinessOrigin} }},
	{"status", func(c *annotate.Claim) any { return c.Status }},
	{"tags", func(c *annotate.Claim) any { return c.Tags }},
	{"review URL", func(c *annotate.Claim) any { return c.ReviewURL }},
}

var noteFields = []field[annotate.Note]{
	{"claim", func(n *annotate.Note) any { return n.ClaimID }},
	{"span", func(n *annotate.Note) any { return n.Target }},
	{"verdict", func(n *annotate.Note) any { return n.Verdict }},
	{"rationale", func(n *annotate.Note) any { return n.Rationale }},
	{"sources", func(n *annotate.Note) any { return n.Sources }},
}

var speakerFields = []field[annotate.Speaker]{
	{"name", func(s *annotate.Speaker) any { return s.Name }},
	{"aliases", func(s *annotate.Speaker) any { return s.Aliases }},
	{"role", func(s *annotate.Speaker) any { return s.Role }},
}

// editLabel names an edit of what by the fields it changes: "verdict of the
// note on “…”"; "edit …" when it changes none of them.
func editLabel[T any](fields []field[T], what string) func(old, next *T) string {
	return func(old, next *T) string {
		var changed []string
		for _, f := range fields {
			if !reflect.DeepEqual(f.of(old), f.of(next)) {
				changed = append(changed, f.name)
			}
		}
		if len(changed) == 0 {
			return "edit " + what
		}
		return strings.Join(changed, " and ") + " of the " + what
	}
}

// named is a label that does not depend on what the edit changes.
func named[T any](label string) func(old, next *T) string {
	return func(*T, *T) string { return label }
}
