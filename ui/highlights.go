package ui

import (
	"image/color"
	"slices"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
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

// highlights are the open article's annotations as coloured ranges, each
// in the group of its annotation's ID (a suggestion's: proposalPrefix and
// its key), so that a change redraws only its annotations' (refresh).
func (d *Desk) highlights() []textview.Highlight {
	var hs []textview.Highlight
	for i := range d.ann.Attributions {
		if !d.ann.Attributions[i].Orphan {
			hs = attributionHighlights(hs, &d.ann.Attributions[i])
		}
	}
	for i := range d.ann.Claims {
		if !d.ann.Claims[i].Orphan {
			hs = claimHighlights(hs, &d.ann.Claims[i])
		}
	}
	for i := range d.ann.Notes {
		if n := &d.ann.Notes[i]; !d.offText(n.ID) {
			hs = d.noteHighlights(hs, n)
		}
	}
	if d.sugg != nil {
		for _, p := range d.sugg.shown {
			hs = suggestionHighlights(hs, p)
		}
	}
	return hs
}

// suggestionHighlights appends a shown suggestion's dashed highlights, in
// the group proposalPrefix and its key.
func suggestionHighlights(hs []textview.Highlight, p *proposal) []textview.Highlight {
	parts, spans := p.anchors()
	for i, a := range spans {
		hs = addHighlight(hs, proposalPrefix+p.key, parts[i], a, textview.Highlight{Color: partColor(parts[i]), Dashed: true})
	}
	return hs
}

// highlightsOf are the highlights of the annotation with the ID, none when
// the article has no such annotation or it is on no text (an orphan's
// offsets point at other words, or past the end).
func (d *Desk) highlightsOf(id string) []textview.Highlight {
	if d.offText(id) {
		return nil
	}
	if a := d.findAttribution(id); a != nil {
		return attributionHighlights(nil, a)
	}
	if c := d.findClaim(id); c != nil {
		return claimHighlights(nil, c)
	}
	if n := d.findNote(id); n != nil {
		return d.noteHighlights(nil, n)
	}
	return nil
}

// addHighlight appends the highlight of one part of an annotation.
func addHighlight(hs []textview.Highlight, id, part string, a annotate.Anchor, c textview.Highlight) []textview.Highlight {
	c.Start, c.End, c.ID, c.Group = a.Start, a.End, id+"/"+part, id
	return append(hs, c)
}

// An orphan (its text gone from this revision) has no highlight: its
// anchors are on no text of the article.
func attributionHighlights(hs []textview.Highlight, a *annotate.Attribution) []textview.Highlight {
	if a.Orphan {
		return hs
	}
	if a.Source != nil {
		hs = addHighlight(hs, a.ID, partSource, *a.Source, textview.Highlight{Color: colorSource})
	}
	if a.Cue != nil {
		hs = addHighlight(hs, a.ID, partCue, *a.Cue, textview.Highlight{Color: colorCue})
	}
	for _, c := range a.Content {
		hs = addHighlight(hs, a.ID, partContent, c, textview.Highlight{Color: colorContent})
	}
	return hs
}

func claimHighlights(hs []textview.Highlight, c *annotate.Claim) []textview.Highlight {
	if c.Orphan {
		return hs
	}
	for _, a := range c.Anchors {
		hs = addHighlight(hs, c.ID, partClaim, a, textview.Highlight{Color: colorClaim})
	}
	return hs
}

func (d *Desk) noteHighlights(hs []textview.Highlight, n *annotate.Note) []textview.Highlight {
	for _, a := range d.noteAnchors(n) {
		hs = addHighlight(hs, n.ID, partNote, a, textview.Highlight{Color: colorNote})
	}
	return hs
}

// drawState is what the view and the panels show of the desk's
// annotations: which Annotations value, and what changed in it since.
type drawState struct {
	ann      *annotate.Annotations // drawn whole; another value is drawn again whole
	touched  []string              // IDs of the annotations changed since
	moved    bool                  // annotations were added, removed or reordered
	speakers bool                  // a speaker was added or edited
}

// noteChanges records what applied changes touched, for refresh.
func (d *Desk) noteChanges(st *deskstate.State) {
	d.drawn.touched = append(d.drawn.touched, st.Touched...)
	d.drawn.moved = d.drawn.moved || st.Moved
	d.drawn.speakers = d.drawn.speakers || st.SpeakersChanged
}

// removedAny reports whether an annotation changed since the last refresh
// is gone (its kind, and so its panel, is not known any more).
func (d *Desk) removedAny() bool {
	for _, id := range d.drawn.touched {
		if d.findKind(id) == noKind {
			return true
		}
	}
	return false
}

// redrawHighlights shows the changed annotations' highlights; all when
// the desk's annotations were replaced (an article opened, the store
// reread). The view leaves a group whose highlights did not change alone.
func (d *Desk) redrawHighlights() (whole bool) {
	if d.revs.earlier() {
		d.drawn.ann = nil // the view shows an earlier revision: drawn whole on return
		return false
	}
	if d.drawn.ann != d.ann {
		d.drawn.ann = d.ann
		d.view.SetHighlights(d.highlights())
		return true
	}
	groups := make(map[string][]textview.Highlight, len(d.drawn.touched))
	for _, id := range d.drawn.touched {
		groups[id] = d.highlightsOf(id)
	}
	d.view.SetHighlightsFor(groups)
	return false
}

// touchNotesOnClaims adds to the touched annotations the notes on touched
// claims: they stand on the claim's text and their rows quote it.
func (d *Desk) touchNotesOnClaims() {
	var claims []string
	for _, id := range d.drawn.touched {
		if d.findClaim(id) != nil {
			claims = append(claims, id)
		}
	}
	if len(claims) == 0 {
		return
	}
	for i := range d.ann.Notes {
		if n := &d.ann.Notes[i]; n.ClaimID != "" && slices.Contains(claims, n.ClaimID) {
			d.drawn.touched = append(d.drawn.touched, n.ID)
		}
	}
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
// An orphan's, or an orphan claim's, are none: they are on no text.
func (d *Desk) noteAnchors(n *annotate.Note) []annotate.Anchor {
	if n.Orphan {
		return nil
	}
	if n.Target != nil {
		return []annotate.Anchor{*n.Target}
	}
	if c := d.findClaim(n.ClaimID); c != nil && !c.Orphan {
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

// findKind says what kind of annotation id is, or noKind when the open
// article has none with that ID.
func (d *Desk) findKind(id string) annKind {
	switch {
	case id == "":
		return noKind
	case d.findAttribution(id) != nil:
		return kindAttribution
	case d.findClaim(id) != nil:
		return kindClaim
	case d.findNote(id) != nil:
		return kindNote
	}
	return noKind
}

// findAttribution, findClaim and findNote look the annotation up in the
// desk's ID index: a key press makes several lookups, and scanning
// thousands of annotations for each showed.
func (d *Desk) findAttribution(id string) *annotate.Attribution {
	if i := d.idx.Attribution(d.ann, id); i >= 0 {
		return &d.ann.Attributions[i]
	}
	return nil
}

func (d *Desk) findClaim(id string) *annotate.Claim {
	if i := d.idx.Claim(d.ann, id); i >= 0 {
		return &d.ann.Claims[i]
	}
	return nil
}

func (d *Desk) findNote(id string) *annotate.Note {
	if i := d.idx.Note(d.ann, id); i >= 0 {
		return &d.ann.Notes[i]
	}
	return nil
}

// span is the range an annotation covers in the text, for scrolling to it.
func (d *Desk) span(id string) (start, end int, ok bool) {
	var anchors []annotate.Anchor
	if d.offText(id) {
		return 0, 0, false // an orphan is on no text
	}
	switch d.findKind(id) {
	case kindAttribution:
		a := d.findAttribution(id)
		if a.Orphan {
			break
		}
		anchors = append(anchors, a.Content...)
		for _, x := range []*annotate.Anchor{a.Source, a.Cue} {
			if x != nil {
				anchors = append(anchors, *x)
			}
		}
	case kindClaim:
		if c := d.findClaim(id); !c.Orphan {
			anchors = c.Anchors
		}
	case kindNote:
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
