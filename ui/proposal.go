package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// proposalEditor shows why a proposal was made and lets the user change its
// spans, speaker and kind before accepting it, or reject it.
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
	accept := widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), func() { d.acceptProposals(p) })
	accept.Importance = widget.HighImportance
	reject := widget.NewButtonWithIcon("Reject", theme.CancelIcon(), func() { d.rejectProposal(p) })
	return container.NewVBox(reason, form, container.NewHBox(accept, reject))
}

// attributionDraft edits a proposed attribution in memory.
func (d *Desk) attributionDraft(p *proposal, changed func()) *widget.Form {
	a := p.attr
	speaker := widget.NewEntry()
	speaker.SetPlaceHolder("Speaker")
	speaker.SetText(a.Speaker)
	speaker.OnChanged = func(s string) {
		a.Speaker, a.SpeakerID = s, ""
		if sp, ok := annotate.NewRegistry(d.speakers).Match(s); ok {
			a.SpeakerID = sp.ID
		}
		d.sugg.list.Refresh()
	}
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
		if sel, ok := d.selection(); ok {
			a.Content = []annotate.Anchor{sel}
			changed()
		}
	})
	addPiece := widget.NewButtonWithIcon("Add piece", theme.ContentAddIcon(), func() {
		if sel, ok := d.selection(); ok {
			a.Content = append(a.Content, sel)
			annotate.SortAnchors(a.Content)
			changed()
		}
	})
	return widget.NewForm(
		widget.NewFormItem("Speaker", speaker),
		widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Source", d.anchorRow(a.Source, "Set to selection", setPart(&a.Source))),
		widget.NewFormItem("Cue", d.anchorRow(a.Cue, "Set to selection", setPart(&a.Cue))),
		widget.NewFormItem("Content", container.NewVBox(content, container.NewHBox(replace, addPiece))),
	)
}

// acceptProposals turns proposals into annotations with origin suggested,
// attributions first so that claims inside them link to them; the whole lot
// is one undo step.
func (d *Desk) acceptProposals(ps ...*proposal) {
	if !d.editable() {
		return
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].attr != nil && ps[j].attr == nil })
	var ids []string
	var redo []func() error
	var done []*proposal
	for i, p := range ps {
		if i > 0 && p.attr == nil && ps[i-1].attr != nil {
			d.reloadAnnotations()
		}
		id, create, err := d.saveProposal(p)
		if err != nil {
			d.showError(fmt.Errorf("accepting %s: %w", p.label(), err))
			break
		}
		ids, redo, done = append(ids, id), append(redo, create), append(done, p)
	}
	if len(done) == 0 {
		return
	}
	ctx, svc := d.ctx, d.svc.Annotations
	d.hist.push(edit{label: fmt.Sprintf("accept %d suggestions", len(done)),
		undo: func() error { return eachErr(len(ids), func(i int) error { return svc.DeleteAnnotation(ctx, ids[i]) }) },
		redo: func() error { return eachErr(len(redo), func(i int) error { return redo[i]() }) },
	})
	d.sugg.remove(done...)
	d.reload()
	d.setStatus(fmt.Sprintf("accepted %d suggestions", len(done)))
}

func eachErr(n int, fn func(i int) error) error {
	for i := 0; i < n; i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	return nil
}

// saveProposal stores one proposal as an annotation and returns its ID and a
// function that makes it again (for redo).
func (d *Desk) saveProposal(p *proposal) (string, func() error, error) {
	meta := d.newMeta()
	meta.Origin = annotate.Suggested
	if p.attr != nil {
		a := cloneAttribution(p.attr.Attribution)
		a.Meta = meta
		if a.SpeakerID == "" && p.attr.Speaker != "" {
			id, err := d.resolveSpeaker(p.attr.Speaker)
			if err != nil {
				return "", nil, err
			}
			a.SpeakerID = id
		}
		if err := d.svc.Annotations.CreateAttribution(d.ctx, &a); err != nil {
			return "", nil, err
		}
		return a.ID, func() error { x := cloneAttribution(a); return d.svc.Annotations.CreateAttribution(d.ctx, &x) }, nil
	}
	c := p.sent.Claim()
	c.Meta = meta
	if at := d.attributionAround(p.sent.Anchor); at != nil {
		c.AttributionID, c.SpeakerID = at.ID, at.SpeakerID
	}
	if err := d.svc.Annotations.CreateClaim(d.ctx, &c); err != nil {
		return "", nil, err
	}
	return c.ID, func() error { x := cloneClaim(c); return d.svc.Annotations.CreateClaim(d.ctx, &x) }, nil
}

// rejectProposal drops a proposal and remembers the rejection; undo brings
// the proposal back.
func (d *Desk) rejectProposal(p *proposal) {
	if !d.editable() {
		return
	}
	id := d.article.ID
	if err := d.svc.Rejections.Reject(d.ctx, id, p.key); err != nil {
		d.showError(err)
		return
	}
	d.hist.push(edit{label: "reject suggestion",
		undo: func() error {
			if err := d.svc.Rejections.Unreject(d.ctx, id, p.key); err != nil {
				return err
			}
			if d.article != nil && d.article.ID == id {
				d.sugg.all = append(d.sugg.all, p)
				sort.SliceStable(d.sugg.all, func(i, j int) bool { return d.sugg.all[i].start() < d.sugg.all[j].start() })
			}
			return nil
		},
		redo: func() error {
			d.sugg.remove(p)
			return d.svc.Rejections.Reject(d.ctx, id, p.key)
		},
	})
	d.sugg.remove(p)
	d.setStatus("rejected; it will not be proposed again (Ctrl+Z undoes)")
}

// reloadAnnotations reads the open article's annotations again without
// redrawing, between the steps of a batch.
func (d *Desk) reloadAnnotations() {
	if ann, err := d.svc.Annotations.FindAnnotations(d.ctx, d.article.ID); err == nil {
		d.ann = ann
	}
}
