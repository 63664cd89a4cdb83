package ui

import (
	"fmt"
	"slices"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
)

// The part keys label the selection as a part of an attribution, the way
// brat and doccano label a span with one key: with an attribution selected
// (or an attribution suggestion under review), select its source in the
// article and press S, its cue and press Q, a piece of its content and
// press P. A manual attribution is then six actions: select the content, A;
// the source, S; the cue, Q.

// attrPart is a part of an attribution the part keys set.
type attrPart int

const (
	partKeySource attrPart = iota
	partKeyCue
	partKeyContent
)

func (p attrPart) String() string {
	return [...]string{"source", "cue", "content"}[p]
}

// setPart sets the part of the target attribution to the selection: the
// suggestion under review when the Suggestions tab shows one, else the
// selected attribution.
func (d *Desk) setPart(part attrPart) {
	sel, ok := d.textSelection(fmt.Sprintf("select the %s in the article first", part))
	if !ok {
		return
	}
	if s := d.reviewedAttribution(); s != nil {
		d.setProposalPart(s, part, sel)
		return
	}
	a := d.findAttribution(d.selected)
	if a == nil {
		d.setStatus(fmt.Sprintf("select an attribution (or add one with A) before setting its %s", part))
		return
	}
	switch part {
	case partKeySource:
		d.setSource(a.ID, &sel)
	case partKeyCue:
		d.updateAttribution(a.ID, "", func(x *annotate.Attribution) { x.Cue = &sel })
	case partKeyContent:
		d.updateAttribution(a.ID, "", func(x *annotate.Attribution) { x.Content = withPiece(x.Content, sel) })
	}
	d.focus.apply(d)
}

// reviewedAttribution is the attribution suggestion the Suggestions tab
// shows, when it is the tab in front.
func (d *Desk) reviewedAttribution() *proposal {
	if d.tabs == nil || d.tabs.SelectedIndex() != tabSuggestions {
		return nil
	}
	if s := d.sugg.current; s != nil && s.attr != nil {
		return s
	}
	return nil
}

// setProposalPart changes a suggestion before it is accepted; a new source
// names its speaker again through the registry, as for an annotation. The
// keyboard goes back to the list, so that A accepts it next.
func (d *Desk) setProposalPart(s *proposal, part attrPart, sel annotate.Anchor) {
	p := d.sugg
	switch part {
	case partKeySource:
		s.attr.Source = &sel
		s.attr.Speaker = d.proposalSpeaker(sel, s.attr.Speaker)
		s.part = "Source"
	case partKeyCue:
		s.attr.Cue = &sel
		s.part = "Cue"
	case partKeyContent:
		s.attr.Content = withPiece(s.attr.Content, sel)
		s.part = ""
	}
	p.spanChanged()
	d.win.Canvas().Focus(p.list)
}

// proposalSpeaker is the name of the speaker a suggestion's new source
// names: the registry's speaker, the antecedent of a pronoun among the
// article's attributions, or the name in the mention; else current.
func (d *Desk) proposalSpeaker(source annotate.Anchor, current string) string {
	id, name := d.sourceSpeaker("", source, "")
	if sp := d.findSpeaker(id); sp != nil {
		return sp.Name
	}
	if name != "" {
		return name
	}
	return current
}

// withPiece is content with sel as a piece: in place of the pieces it
// overlaps, else added; in text order. A selection that is a piece
// exactly takes it out, while another is left.
func withPiece(content []annotate.Anchor, sel annotate.Anchor) []annotate.Anchor {
	if i := slices.IndexFunc(content, func(c annotate.Anchor) bool { return c.Start == sel.Start && c.End == sel.End }); i >= 0 && len(content) > 1 {
		return slices.Delete(slices.Clone(content), i, i+1)
	}
	out := []annotate.Anchor{sel}
	for _, c := range content {
		if c.End <= sel.Start || c.Start >= sel.End {
			out = append(out, c)
		}
	}
	annotate.SortAnchors(out)
	return out
}

// nextKind is the kind D turns an attribution to: direct, indirect, mixed
// and round again.
func nextKind(k annotate.Kind) annotate.Kind {
	switch k {
	case annotate.Direct:
		return annotate.Indirect
	case annotate.Indirect:
		return annotate.Mixed
	}
	return annotate.Direct
}

// cycleKind is D: the next kind for the suggestion under review, else for
// the selected attribution.
func (d *Desk) cycleKind() {
	if s := d.reviewedAttribution(); s != nil {
		s.attr.Kind = nextKind(s.attr.Kind)
		d.sugg.spanChanged()
		d.setStatus("kind: " + string(s.attr.Kind))
		return
	}
	a := d.findAttribution(d.selected)
	if a == nil {
		d.setStatus("select an attribution to change its kind")
		return
	}
	k := nextKind(a.Kind)
	if d.updateAttribution(a.ID, "", func(x *annotate.Attribution) { x.Kind = k }) {
		d.setStatus("kind: " + string(k))
	}
}

// reviewedClaim is the claim suggestion under review when the selection
// overlaps it: C then means "this part of it is the claim".
func (d *Desk) reviewedClaim(sel annotate.Anchor) *proposal {
	if d.tabs == nil || d.tabs.SelectedIndex() != tabSuggestions {
		return nil
	}
	s := d.sugg.current
	if s == nil || s.sent == nil || sel.End <= s.sent.Anchor.Start || sel.Start >= s.sent.Anchor.End {
		return nil
	}
	return s
}

// acceptClaimAs accepts a claim suggestion with the selection as its span,
// and the review goes on with the keyboard in the list.
func (d *Desk) acceptClaimAs(s *proposal, sel annotate.Anchor) {
	s.sent.Anchor = sel
	d.acceptProposals(s)
	d.win.Canvas().Focus(d.sugg.list)
}

// splitPiece is T on an attribution suggestion: a content piece becomes a
// suggestion of its own, with the same source and speaker and no cue, the
// way a quotation that goes on after "…,” she said. “…" is annotated (the
// suggester proposes such continuations so too, but sometimes joins them
// to the quotation before). The piece is the adjusted span when that is a
// content piece after the first (Alt+Down picks it), else the last piece,
// so that T works right after S or Q have fixed the source or cue the new
// suggestion takes. The suggestion under review keeps the rest; the new one
// is listed in text order and reviewed like any other. Nothing is written:
// both are suggestions until accepted.
func (p *suggestionsPanel) splitPiece() {
	d := p.desk
	s := p.current
	if s == nil || s.attr == nil {
		d.setStatus("splitting works on the attribution suggestion under review, in the Suggestions tab")
		return
	}
	if !d.editable() {
		return
	}
	content := s.attr.Content
	if len(content) < 2 {
		d.setStatus("only a suggestion with two or more content pieces can be split (P adds a piece)")
		return
	}
	at := len(content) - 1
	if name, _ := s.activeSpan(); name != "Content 1" {
		var i int
		if _, err := fmt.Sscanf(name, "Content %d", &i); err == nil && i >= 2 && i <= len(content) {
			at = i - 1
		}
	}
	piece := content[at]
	na := &suggest.Attribution{Attribution: cloneAttribution(s.attr.Attribution), Speaker: s.attr.Speaker, Mention: s.attr.Mention,
		Confidence: s.attr.Confidence, Reason: "Split off from a suggestion by the reviewer: a quotation that goes on from the same source."}
	na.Cue, na.Content, na.Kind = nil, []annotate.Anchor{piece}, guessKind(piece.Exact)
	s.attr.Content = slices.Delete(slices.Clone(content), at, at+1)
	s.attr.Reason += " The reviewer split a piece off as an attribution of its own."
	s.part = ""
	p.all = append(p.all, &proposal{key: na.Key(), attr: na})
	p.sortAll()
	p.apply()
	p.spanChanged()
	d.setStatus("split off " + quote(piece.Exact) + " as an attribution of its own; it is reviewed after this one")
}
