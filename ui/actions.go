package ui

import (
	"strings"

	"github.com/factmark/factmark/annotate"
)

// selection is the article view's selection as an anchor, if there is one.
func (d *Desk) selection() (annotate.Anchor, bool) {
	if d.text == nil {
		return annotate.Anchor{}, false
	}
	start, end := d.view.Selection()
	a, err := d.text.Anchor(start, end)
	return a, err == nil
}

// newMeta is the meta of an annotation the user makes on the open article.
func (d *Desk) newMeta() annotate.Meta {
	return annotate.Meta{ArticleID: d.article.ID, Author: d.settings.Annotator, Origin: annotate.Manual}
}

// createAttribution makes the selection the content of a new attribution.
func (d *Desk) createAttribution() {
	sel, ok := d.selection()
	if !ok {
		d.setStatus("select the content of the attribution first")
		return
	}
	a := annotate.Attribution{Meta: d.newMeta(), Content: []annotate.Anchor{sel}, Kind: guessKind(sel.Exact)}
	d.create("add attribution", &a.Meta, func() error { x := a; return d.svc.Annotations.CreateAttribution(d.ctx, &x) },
		func() error { return d.svc.Annotations.CreateAttribution(d.ctx, &a) })
}

// guessKind calls a selection in quotation marks direct, one with a quotation
// inside mixed, and any other indirect.
func guessKind(s string) annotate.Kind {
	s = strings.TrimSpace(s)
	const open, close = "“\"«„", "”\"»“"
	first, last := []rune(s)[0], []rune(s)[len([]rune(s))-1]
	switch {
	case strings.ContainsRune(open, first) && strings.ContainsRune(close, last):
		return annotate.Direct
	case strings.ContainsAny(s, "“\"«„"):
		return annotate.Mixed
	}
	return annotate.Indirect
}

// createClaim makes the selection a new claim; inside an attribution's
// content, the claim comes from it and its speaker.
func (d *Desk) createClaim() {
	sel, ok := d.selection()
	if !ok {
		d.setStatus("select the claim's text first")
		return
	}
	c := annotate.Claim{Meta: d.newMeta(), Anchors: []annotate.Anchor{sel}, Status: annotate.StatusNew}
	if a := d.attributionAround(sel); a != nil {
		c.AttributionID, c.SpeakerID = a.ID, a.SpeakerID
	}
	d.create("add claim", &c.Meta, func() error { x := c; return d.svc.Annotations.CreateClaim(d.ctx, &x) },
		func() error { return d.svc.Annotations.CreateClaim(d.ctx, &c) })
}

// attributionAround is the attribution whose content contains the span.
func (d *Desk) attributionAround(s annotate.Anchor) *annotate.Attribution {
	for i, a := range d.ann.Attributions {
		for _, c := range a.Content {
			if c.Start <= s.Start && s.End <= c.End {
				return &d.ann.Attributions[i]
			}
		}
	}
	return nil
}

// createNote adds a note on the claim selected in the Claims tab when the
// text selected is that claim's (or nothing), and else on the selection.
func (d *Desk) createNote() {
	n := annotate.Note{Meta: d.newMeta()}
	sel, ok := d.selection()
	if c := d.findClaim(d.selected); c != nil && d.tabs.Selected().Text == "Claims" && (!ok || d.isSpanOf(c.ID, sel)) {
		n.ClaimID = c.ID
	} else if ok {
		n.Target = &sel
	} else {
		d.setStatus("select text or a claim to write a note on")
		return
	}
	d.create("add note", &n.Meta, func() error { x := n; return d.svc.Annotations.CreateNote(d.ctx, &x) },
		func() error { return d.svc.Annotations.CreateNote(d.ctx, &n) })
}

// create saves a new annotation through save, which stamps meta, records the
// undo step, and selects the new annotation. redo makes it again with the
// same ID.
func (d *Desk) create(label string, meta *annotate.Meta, redo, save func() error) {
	if err := save(); err != nil {
		d.showError(err)
		return
	}
	id := meta.ID
	d.hist.push(edit{label: label, undo: func() error { return d.svc.Annotations.DeleteAnnotation(d.ctx, id) }, redo: redo})
	d.reload()
	d.selectAnnotation(id, false)
}

// deleteSelected deletes the selected annotation; undo brings it back with
// the notes that went with a claim and the links claims had to an attribution.
func (d *Desk) deleteSelected() {
	id := d.selected
	restore := d.restorer(id)
	if restore == nil {
		d.setStatus("nothing selected to delete")
		return
	}
	if err := d.svc.Annotations.DeleteAnnotation(d.ctx, id); err != nil {
		d.showError(err)
		return
	}
	d.hist.push(edit{label: "delete " + d.findKind(id), undo: restore,
		redo: func() error { return d.svc.Annotations.DeleteAnnotation(d.ctx, id) }})
	d.selected = ""
	d.reload()
	d.setStatus("deleted — Ctrl+Z undoes")
}

// restorer returns a function that recreates the annotation and what its
// deletion takes with it, as they are now.
func (d *Desk) restorer(id string) func() error {
	ctx, svc := d.ctx, d.svc.Annotations
	switch d.findKind(id) {
	case "attribution":
		a := *d.findAttribution(id)
		var linked []annotate.Claim
		for _, c := range d.ann.Claims {
			if c.AttributionID == id {
				linked = append(linked, c)
			}
		}
		return func() error {
			if err := svc.CreateAttribution(ctx, &a); err != nil {
				return err
			}
			for _, c := range linked {
				if err := svc.UpdateClaim(ctx, &c); err != nil {
					return err
				}
			}
			return nil
		}
	case "claim":
		c := *d.findClaim(id)
		var notes []annotate.Note
		for _, n := range d.ann.Notes {
			if n.ClaimID == id {
				notes = append(notes, n)
			}
		}
		return func() error {
			if err := svc.CreateClaim(ctx, &c); err != nil {
				return err
			}
			for _, n := range notes {
				if err := svc.CreateNote(ctx, &n); err != nil {
					return err
				}
			}
			return nil
		}
	case "note":
		n := *d.findNote(id)
		return func() error { return svc.CreateNote(ctx, &n) }
	}
	return nil
}

// undo takes back the last edit.
func (d *Desk) undo() {
	label, ok, err := d.hist.undo()
	d.afterHistory("undid "+label, ok, err, "nothing to undo")
}

// redo makes the last undone edit again.
func (d *Desk) redo() {
	label, ok, err := d.hist.redo()
	d.afterHistory("redid "+label, ok, err, "nothing to redo")
}

func (d *Desk) afterHistory(done string, ok bool, err error, none string) {
	switch {
	case !ok:
		d.setStatus(none)
	case err != nil:
		d.showError(err)
	default:
		d.reload()
		d.setStatus(done)
	}
}

// selectAnnotation selects the annotation in its panel and marks its text in
// the view. fromPanel says the panel itself asked, so it need not be told.
func (d *Desk) selectAnnotation(id string, fromPanel bool) {
	kind := d.findKind(id)
	if kind == "" {
		return
	}
	d.hist.seal()
	d.selected = id
	p, tab := d.panelFor(kind)
	if !fromPanel {
		d.tabs.SelectIndex(tab)
		p.selectID(id)
	} else {
		p.showEditor()
	}
	if start, end, ok := d.span(id); ok {
		d.view.SetSelection(start, end)
	}
}

// Tabs of the right-hand side, in order.
const (
	tabAttributions = iota
	tabClaims
	tabNotes
	tabSuggestions
)

func (d *Desk) panelFor(kind string) (*panel, int) {
	switch kind {
	case "attribution":
		return d.attrs, tabAttributions
	case "claim":
		return d.claims, tabClaims
	}
	return d.notes, tabNotes
}

// isSpanOf reports whether sel is exactly the span the annotation covers.
func (d *Desk) isSpanOf(id string, sel annotate.Anchor) bool {
	start, end, ok := d.span(id)
	return ok && start == sel.Start && end == sel.End
}
