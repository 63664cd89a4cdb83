package ui

import (
	"image/color"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/textview"
)

// Parts of an annotation a highlight can stand for, after the '/' of its ID.
const (
	partSource  = "source"
	partCue     = "cue"
	partContent = "content"
	partClaim   = "claim"
	partNote    = "note"
)

// highlights are the open article's annotations as coloured ranges.
func (d *Desk) highlights() []textview.Highlight {
	var hs []textview.Highlight
	add := func(id, part string, a annotate.Anchor, c textview.Highlight) {
		c.Start, c.End, c.ID = a.Start, a.End, id+"/"+part
		hs = append(hs, c)
	}
	for _, a := range d.ann.Attributions {
		if a.Source != nil {
			add(a.ID, partSource, *a.Source, textview.Highlight{Color: colorSource})
		}
		if a.Cue != nil {
			add(a.ID, partCue, *a.Cue, textview.Highlight{Color: colorCue})
		}
		for _, c := range a.Content {
			add(a.ID, partContent, c, textview.Highlight{Color: colorContent})
		}
	}
	for _, c := range d.ann.Claims {
		for _, a := range c.Anchors {
			add(c.ID, partClaim, a, textview.Highlight{Color: colorClaim})
		}
	}
	for _, n := range d.ann.Notes {
		for _, a := range d.noteAnchors(&n) {
			add(n.ID, partNote, a, textview.Highlight{Color: colorNote})
		}
	}
	if d.sugg != nil {
		for _, p := range d.sugg.shown {
			parts, spans := p.anchors()
			for i, a := range spans {
				add(proposalPrefix+p.key, parts[i], a, textview.Highlight{Color: partColor(parts[i]), Dashed: true})
			}
		}
	}
	return hs
}

// proposalPrefix marks the highlight IDs of suggestions.
const proposalPrefix = "suggestion:"

func partColor(part string) color.Color {
	switch part {
	case partSource:
		return colorSource
	case partCue:
		return colorCue
	case partContent:
		return colorContent
	case partClaim:
		return colorClaim
	}
	return colorNote
}

// highlightTapped selects what a tapped highlight stands for: an annotation
// in its panel, or a suggestion in the Suggestions tab.
func (d *Desk) highlightTapped(h textview.Highlight) {
	id := annotationID(h.ID)
	key, ok := strings.CutPrefix(id, proposalPrefix)
	if !ok {
		d.selectAnnotation(id, false)
		return
	}
	for i, p := range d.sugg.shown {
		if p.key == key {
			d.tabs.SelectIndex(tabSuggestions)
			d.sugg.list.Select(i)
			return
		}
	}
}

// noteAnchors are the spans a note is about: its target, or its claim's.
func (d *Desk) noteAnchors(n *annotate.Note) []annotate.Anchor {
	if n.Target != nil {
		return []annotate.Anchor{*n.Target}
	}
	if c := d.findClaim(n.ClaimID); c != nil {
		return c.Anchors
	}
	return nil
}

// annotationID is the annotation part of a highlight ID.
func annotationID(highlightID string) string {
	if i := strings.LastIndexByte(highlightID, '/'); i >= 0 {
		return highlightID[:i]
	}
	return highlightID
}

// findKind says what kind of annotation id is: "attribution", "claim",
// "note", or "" when the open article has none with that ID.
func (d *Desk) findKind(id string) string {
	switch {
	case id == "":
		return ""
	case d.findAttribution(id) != nil:
		return "attribution"
	case d.findClaim(id) != nil:
		return "claim"
	case d.findNote(id) != nil:
		return "note"
	}
	return ""
}

func (d *Desk) findAttribution(id string) *annotate.Attribution {
	for i := range d.ann.Attributions {
		if d.ann.Attributions[i].ID == id {
			return &d.ann.Attributions[i]
		}
	}
	return nil
}

func (d *Desk) findClaim(id string) *annotate.Claim {
	for i := range d.ann.Claims {
		if d.ann.Claims[i].ID == id {
			return &d.ann.Claims[i]
		}
	}
	return nil
}

func (d *Desk) findNote(id string) *annotate.Note {
	for i := range d.ann.Notes {
		if d.ann.Notes[i].ID == id {
			return &d.ann.Notes[i]
		}
	}
	return nil
}

// span is the range an annotation covers in the text, for scrolling to it.
func (d *Desk) span(id string) (start, end int, ok bool) {
	var anchors []annotate.Anchor
	switch d.findKind(id) {
	case "attribution":
		a := d.findAttribution(id)
		anchors = append(anchors, a.Content...)
		for _, x := range []*annotate.Anchor{a.Source, a.Cue} {
			if x != nil {
				anchors = append(anchors, *x)
			}
		}
	case "claim":
		anchors = d.findClaim(id).Anchors
	case "note":
		anchors = d.noteAnchors(d.findNote(id))
	}
	if len(anchors) == 0 {
		return 0, 0, false
	}
	start, end = anchors[0].Start, anchors[0].End
	for _, a := range anchors[1:] {
		start, end = min(start, a.Start), max(end, a.End)
	}
	return start, end, true
}
