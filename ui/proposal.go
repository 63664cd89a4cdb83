package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/ui/deskstate"
)

// proposalEditor shows why a proposal was made and lets the user change its
// spans, speaker and kind; the decision bar above it accepts or rejects it.
func (d *Desk) proposalEditor(p *proposal) fyne.CanvasObject {
	reason := widget.NewLabel(p.reason())
	reason.Wrapping = fyne.TextWrapWord
	changed := func() {
		d.sugg.list.Refresh()
		d.sugg.showEditor()
		d.view.SetHighlights(d.highlights())
	}
	var form *widget.Form
	if p.attr != nil {
		form = d.attributionDraft(p, changed)
	} else {
		form = widget.NewForm(widget.NewFormItem("Claim", d.anchorRow(&p.sent.Anchor, "Set to selection", func(a *annotate.Anchor) {
			if a != nil {
				p.sent.Anchor = *a
				changed()
			}
		})))
	}
	keys := widget.NewLabel("Keys: " + reviewKeysText + ".")
	keys.Wrapping = fyne.TextWrapWord
	keys.Importance = widget.LowImportance
	// The fields come first: E takes the keyboard to the speaker, which
	// must be in sight without scrolling in the smallest window (1024×640),
	// where a long reason above it pushed it under the fold.
	return container.NewVBox(form, reason, keys)
}

// attributionDraft edits a proposed attribution in memory.
func (d *Desk) attributionDraft(p *proposal, changed func()) *widget.Form {
	a := p.attr
	speaker := d.proposalSpeakerField(a, changed)
	d.sugg.firstField = speaker.entry
	kind := widget.NewRadioGroup([]string{string(annotate.Direct), string(annotate.Indirect), string(annotate.Mixed)}, func(s string) {
		if s != "" {
			a.Kind = annotate.Kind(s)
		}
	})
	kind.Horizontal, kind.Required = true, true
	kind.SetSelected(string(a.Kind))
	setPart := func(dst **annotate.Anchor) func(*annotate.Anchor) {
		return func(s *annotate.Anchor) { *dst = s; changed() }
	}
	content := widget.NewLabel(spansText(a.Content))
	content.Wrapping = fyne.TextWrapWord
	replace := widget.NewButton("Set to selection", func() {
		if sel, ok := d.textSelection("select the text in the article first"); ok {
			a.Content = []annotate.Anchor{sel}
			changed()
		}
	})
	addPiece := widget.NewButtonWithIcon("Add piece", theme.ContentAddIcon(), func() {
		if sel, ok := d.textSelection("select the text in the article first"); ok {
			a.Content = append(a.Content, sel)
			annotate.SortAnchors(a.Content)
			changed()
		}
	})
	return widget.NewForm(
		widget.NewFormItem("Speaker", speaker.content),
		widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Source", d.anchorRow(a.Source, "Set to selection", setPart(&a.Source))),
		widget.NewFormItem("Cue", d.anchorRow(a.Cue, "Set to selection", setPart(&a.Cue))),
		widget.NewFormItem("Content", container.NewVBox(content, container.NewHBox(replace, addPiece))),
	)
}

// proposalSpeakerField is a suggestion's speaker field. It completes as an
// annotation's does (speakerField): E, a few letters of a name or alias,
// Enter. A name no speaker has stays a name until the suggestion is
// accepted (proposalOp adds the speaker then, so a rejected suggestion
// leaves no speaker behind). After Enter, a pick or an offer the keyboard
// goes back to the review list, where A accepts.
func (d *Desk) proposalSpeakerField(a *suggest.Attribution, changed func()) *speakerChooser {
	back := func() { d.win.Canvas().Focus(d.sugg.list) }
	f := d.newSpeakerChooser("", a.SpeakerID, func(id string) {
		a.SpeakerID, a.Speaker = id, d.speakerName(id)
		changed()
	})
	f.newName = func(s string) {
		a.SpeakerID, a.Speaker = "", s
		changed()
	}
	f.done = back
	if a.SpeakerID == "" {
		f.name = a.Speaker
		f.entry.SetText(a.Speaker)
	}
	return f
}

// acceptProposals turns proposals into annotations with origin suggested,
// attributions first so that claims inside them link to them; the whole lot
// is one change and one undo step.
func (d *Desk) acceptProposals(ps ...*proposal) {
	if !d.editable() {
		return
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].attr != nil && ps[j].attr == nil })
	var ops, undo []deskstate.Op
	var accepted []annotate.Attribution
	for _, p := range ps {
		op, id, ok := d.proposalOp(p, accepted)
		if !ok {
			break
		}
		if err := (deskstate.Change{Ops: []deskstate.Op{op}}).Validate(d.article.ID, d.text, &d.settings.Scale); err != nil {
			d.showError(fmt.Errorf("accepting %s: %w", p.label(), err))
			break
		}
		if p.attr != nil {
			accepted = append(accepted, op.Attribution())
		}
		ops = append(ops, op)
		undo = append([]deskstate.Op{deskstate.Delete(d.article.ID, id)}, undo...)
	}
	if len(ops) == 0 {
		return
	}
	done := ps[:len(ops)]
	label := fmt.Sprintf("accept %d %s", len(ops), plural(len(ops), "suggestion", "suggestions"))
	if len(ops) == 1 {
		label = "accept " + done[0].label()
	}
	redo := deskstate.Change{Label: label, Ops: ops}
	seq := d.commit(redo)
	if seq == 0 {
		return
	}
	id := d.article.ID
	done = append([]*proposal(nil), done...)
	d.hist.push(edit{label: label, undo: deskstate.Change{Label: "undo " + label, Ops: undo}, redo: redo, seq: seq,
		afterUndo: func() {
			if d.article != nil && d.article.ID == id {
				d.sugg.restore(done...)
			}
		},
		afterRedo: func() { d.sugg.remove(done...) },
	})
	d.sugg.remove(done...)
	if d.findKind(d.selected) == noKind {
		d.selected = ""
	}
	d.refresh(true)
	d.setStatus(fmt.Sprintf("accepted %d %s", len(ops), plural(len(ops), "suggestion", "suggestions")))
}

// proposalOp is the step that makes a proposal an annotation, and its ID. A
// claim inside an attribution, one of the article's or one accepted with it,
// comes from that attribution; any other claim in a transcript's turn, from
// the turn's speaker. A speaker named but not in the registry is
// added first. It reports false, with the error shown, when it cannot.
func (d *Desk) proposalOp(p *proposal, accepted []annotate.Attribution) (deskstate.Op, string, bool) {
	meta := d.newMeta(annotate.Suggested)
	if p.attr != nil {
		a := cloneAttribution(p.attr.Attribution)
		a.Meta = meta
		if a.SpeakerID == "" && p.attr.Speaker != "" {
			id, err := d.resolveSpeaker(p.attr.Speaker)
			if err != nil {
				d.showError(fmt.Errorf("accepting %s: %w", p.label(), err))
				return deskstate.Op{}, "", false
			}
			a.SpeakerID = id
		}
		return deskstate.CreateAttribution(a), a.ID, true
	}
	c := p.sent.Claim()
	c.Meta = meta
	around := d.attributionAround(p.sent.Anchor)
	for i := range accepted {
		if around == nil && contains(accepted[i].Content, p.sent.Anchor) {
			around = &accepted[i]
		}
	}
	if around != nil {
		c.AttributionID, c.SpeakerID = around.ID, around.SpeakerID
	} else {
		// The turn the claim lies in names its claimant, as for a claim
		// made by hand: the one around the span as the user left it.
		c.SpeakerID = ""
		d.turnClaimant(&c)
	}
	return deskstate.CreateClaim(c), c.ID, true
}

// contains reports whether one of the pieces holds the span.
func contains(pieces []annotate.Anchor, s annotate.Anchor) bool {
	for _, c := range pieces {
		if c.Start <= s.Start && s.End <= c.End {
			return true
		}
	}
	return false
}

// rejectProposal drops a proposal and remembers the rejection; undo brings
// the proposal back.
func (d *Desk) rejectProposal(p *proposal) { d.rejectProposals(p) }

// rejectProposals rejects proposals as one undo step: none of them is
// proposed again.
func (d *Desk) rejectProposals(ps ...*proposal) {
	if !d.editable() || len(ps) == 0 {
		return
	}
	id := d.article.ID
	label := "reject " + ps[0].label()
	if len(ps) > 1 {
		label = fmt.Sprintf("reject %d suggestions", len(ps))
	}
	redo := deskstate.Change{Label: label}
	undo := deskstate.Change{Label: "undo " + label}
	for _, p := range ps {
		redo.Ops = append(redo.Ops, deskstate.Reject(id, p.key))
		undo.Ops = append(undo.Ops, deskstate.Unreject(id, p.key))
	}
	seq := d.commit(redo)
	if seq == 0 {
		return
	}
	d.hist.push(edit{label: label, seq: seq, redo: redo, undo: undo,
		afterUndo: func() {
			if d.article != nil && d.article.ID == id {
				d.sugg.restore(ps...)
			}
		},
		afterRedo: func() { d.sugg.remove(ps...) },
	})
	d.sugg.remove(ps...)
	if len(ps) == 1 {
		d.setStatus("rejected; it will not be proposed again (Ctrl+Z undoes)")
		return
	}
	d.setStatus(fmt.Sprintf("rejected %d suggestions; they will not be proposed again (Ctrl+Z undoes)", len(ps)))
}
