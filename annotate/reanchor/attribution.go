package reanchor

import (
	"fmt"

	"github.com/factmark/factmark/annotate"
)

// PlaceAll places each anchor on its own (the pieces of a claim, say): a
// piece that loses its text is an orphan in the result, whatever became of
// the others; what that means for the annotation is the caller's decision.
func (m *Mapper) PlaceAll(anchors []annotate.Anchor) []Placement {
	out := make([]Placement, len(anchors))
	for i, a := range anchors {
		out[i] = m.Place(a)
	}
	return out
}

// AttributionPlacement is an attribution carried onto the new text.
type AttributionPlacement struct {
	// Attribution is the attribution on the new text: every part that kept
	// its text, re-anchored; a lost source or cue is nil and lost content
	// pieces are left out. Meta, speaker and kind are as they were.
	Attribution annotate.Attribution
	// Source and Cue are where the old source and cue went (nil when the
	// attribution had none); Content has one placement per old piece.
	Source, Cue *Placement
	Content     []Placement
	// Lost names the parts that lost their text, as the desk says them:
	// "source", "cue", "content 2" (pieces numbered from 1).
	Lost []string
}

// Orphan reports whether the attribution lost all its content: it is then
// an orphan as a whole, kept with its old anchors, even if its source or cue
// survived.
func (p AttributionPlacement) Orphan() bool { return len(p.Attribution.Content) == 0 }

// PlaceAttribution places every part of a on its own. An attribution whose
// content survives but whose cue (or source) was deleted keeps its content
// and loses only that part, and Lost says so.
func (m *Mapper) PlaceAttribution(a annotate.Attribution) AttributionPlacement {
	out := AttributionPlacement{Attribution: a}
	out.Attribution.Source, out.Attribution.Cue, out.Attribution.Content = nil, nil, nil
	if a.Source != nil {
		p := m.Place(*a.Source)
		out.Source = &p
		if p.IsOrphan() {
			out.Lost = append(out.Lost, "source")
		} else {
			out.Attribution.Source = &p.Anchor
		}
	}
	if a.Cue != nil {
		p := m.Place(*a.Cue)
		out.Cue = &p
		if p.IsOrphan() {
			out.Lost = append(out.Lost, "cue")
		} else {
			out.Attribution.Cue = &p.Anchor
		}
	}
	out.Content = m.PlaceAll(a.Content)
	for i, p := range out.Content {
		if p.IsOrphan() {
			out.Lost = append(out.Lost, fmt.Sprintf("content %d", i+1))
		} else {
			out.Attribution.Content = append(out.Attribution.Content, p.Anchor)
		}
	}
	return out
}
