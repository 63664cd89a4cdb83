package ui

import (
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// selection is the article view's selection as an anchor, if there is one.
func (d *Desk) selection() (annotate.Anchor, bool) {
	if d.text == nil || d.revs.earlier() {
		return annotate.Anchor{}, false // an earlier revision's offsets are not the current text's
	}
	start, end := d.view.Selection()
	a, err := d.text.Anchor(start, end)
	return a, err == nil && end > start
}

// blankSelection is what the status line says when the selection is only
// white space (a double-click on a space selects one): nothing is made of it.
const blankSelection = "select some text, not only spaces"

// textSelection is the selection, when it holds more than white space; else
// the status line says what to select (what, or blankSelection).
func (d *Desk) textSelection(what string) (annotate.Anchor, bool) {
	sel, ok := d.selection()
	switch {
	case ok && !isBlank(sel.Exact):
		return sel, true
	case d.blankSelected():
		d.setStatus(blankSelection)
	default:
		d.setStatus(what)
	}
	return annotate.Anchor{}, false
}

// blankSelected reports whether text is selected and all of it is white
// space (the domain refuses an anchor on it).
func (d *Desk) blankSelected() bool {
	start, end := d.view.Selection()
	if d.text == nil || start < 0 || end > d.text.Len() || end <= start {
		return false
	}
	return isBlank(d.text.Slice(start, end))
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// newMeta is the meta of an annotation the user makes on the open article,
// stamped (ID, times) before it is queued, so that undo, redo and the
// writer all name the same annotation.
func (d *Desk) newMeta(origin annotate.Origin) annotate.Meta {
	m := annotate.Meta{ArticleID: d.article.ID, Author: d.settings.Annotator, Origin: origin}
	m.Stamp(d.settings.Annotator, time.Now())
	return m
}

// createAttribution makes the selection the content of a new attribution,
// or selects the attribution whose content it is already.
func (d *Desk) createAttribution() {
	sel, ok := d.textSelection("select the content of the attribution first")
	if !ok {
		return
	}
	for _, a := range d.ann.Attributions {
		if sameSpans(a.Content, []annotate.Anchor{sel}) {
			d.selectAnnotation(a.ID, false)
			d.setStatus("this text is an attribution's content already; it is selected")
			return
		}
	}
	a := annotate.Attribution{Meta: d.newMeta(annotate.Manual), Content: []annotate.Anchor{sel}, Kind: guessKind(sel.Exact)}
	d.create("add attribution "+brief(unquoted(sel.Exact)), a.ID, deskstate.CreateAttribution(a))
}

// guessKind calls a selection in quotation marks direct, one with a quotation
// inside mixed, and any other (blank ones too) indirect.
func guessKind(s string) annotate.Kind {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return annotate.Indirect
	}
	const open, close = "“\"«„", "”\"»“"
	switch {
	case strings.ContainsRune(open, r[0]) && strings.ContainsRune(close, r[len(r)-1]):
		return annotate.Direct
	case strings.ContainsAny(string(r), open):
		return annotate.Mixed
	}
	return annotate.Indirect
}

// createClaim makes the selection a new claim, or selects the claim of
// exactly that span; inside an attribution's content, the claim comes from
// it and its speaker, and else inside a transcript's turn its claimant is
// the turn's speaker.
func (d *Desk) createClaim() {
	sel, ok := d.textSelection("select the claim's text first")
	if !ok {
		return
	}
	if s := d.reviewedClaim(sel); s != nil {
		d.acceptClaimAs(s, sel)
		return
	}
	for _, c := range d.ann.Claims {
		if sameSpans(c.Anchors, []annotate.Anchor{sel}) {
			d.selectAnnotation(c.ID, false)
			d.setStatus("this text is a claim already; it is selected")
			return
		}
	}
	c := annotate.Claim{Meta: d.newMeta(annotate.Manual), Anchors: []annotate.Anchor{sel}, Status: annotate.StatusCandidate}
	said := ""
	if a := d.attributionAround(sel); a != nil {
		c.AttributionID, c.SpeakerID = a.ID, a.SpeakerID
	} else {
		said = d.turnClaimant(&c) // a transcript's turn says who spoke it (turns.go)
	}
	d.create("add claim "+brief(unquoted(sel.Exact)), c.ID, deskstate.CreateClaim(c))
	if said != "" && d.selected == c.ID {
		d.setStatus(said)
	}
}

// attributionAround is the attribution whose content contains the span.
func (d *Desk) attributionAround(s annotate.Anchor) *annotate.Attribution {
	for i, a := range d.ann.Attributions {
		if a.Orphan {
			continue // its content is on no text
		}
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
	n := annotate.Note{Meta: d.newMeta(annotate.Manual)}
	sel, ok := d.selection()
	if c := d.findClaim(d.selected); c != nil && d.tabs.SelectedIndex() == tabClaims && (!ok || d.isSpanOf(c.ID, sel)) {
		n.ClaimID = c.ID
	} else if sel, ok = d.textSelection("select text or a claim to write a note on"); ok {
		n.Target = &sel
	} else {
		return
	}
	d.create("add note on "+d.noteTopic(&n), n.ID, deskstate.CreateNote(n))
}

// noteTopic quotes what a note is on, briefly.
func (d *Desk) noteTopic(n *annotate.Note) string {
	if as := d.noteAnchors(n); len(as) > 0 {
		return brief(unquoted(as[0].Exact))
	}
	return "a claim"
}

// create commits the new annotation id, records the undo step (delete it;
// redo makes it again with the same ID and times) and selects it.
func (d *Desk) create(label, id string, op deskstate.Op) {
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{op}}
	seq := d.commit(redo)
	if seq == 0 {
		return
	}
	undo := deskstate.Change{Label: "undo " + label, Ops: []deskstate.Op{deskstate.Delete(d.article.ID, id)}}
	d.hist.push(edit{label: label, undo: undo, redo: redo, seq: seq})
	// Selected first, so that the redraw builds only the new one's editor
	// and fills its list's rows once, where the list scrolled to.
	d.selectAnnotation(id, false)
	d.refresh(false)
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
	what := d.describe(id)
	label := "delete " + what
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.Delete(d.article.ID, id)}}
	seq := d.commit(redo)
	if seq == 0 {
		return
	}
	d.hist.push(edit{label: label, undo: deskstate.Change{Label: "undo " + label, Ops: restore}, redo: redo, seq: seq})
	d.selected = ""
	d.refresh(true)
	d.setStatus("deleted " + what + " — Ctrl+Z undoes")
}

// restorer returns the steps that recreate the annotation and what its
// deletion takes with it, as they are now.
func (d *Desk) restorer(id string) []deskstate.Op {
	switch d.findKind(id) {
	case kindAttribution:
		ops := []deskstate.Op{deskstate.CreateAttribution(*d.findAttribution(id))}
		for _, c := range d.ann.Claims {
			if c.AttributionID == id {
				ops = append(ops, deskstate.UpdateClaim(c))
			}
		}
		return ops
	case kindClaim:
		ops := []deskstate.Op{deskstate.CreateClaim(*d.findClaim(id))}
		for _, n := range d.ann.Notes {
			if n.ClaimID == id {
				ops = append(ops, deskstate.CreateNote(n))
			}
		}
		return ops
	case kindNote:
		return []deskstate.Op{deskstate.CreateNote(*d.findNote(id))}
	}
	return nil
}

// undo takes back the last edit.
func (d *Desk) undo() {
	e, found, done := d.hist.undo(func(e edit) int { return d.commit(e.undo) })
	d.afterHistory(found, done, "undid "+e.label, e.afterUndo, "nothing to undo")
}

// redo makes the last undone edit again.
func (d *Desk) redo() {
	e, found, done := d.hist.redo(func(e edit) int { return d.commit(e.redo) })
	d.afterHistory(found, done, "redid "+e.label, e.afterRedo, "nothing to redo")
}

// afterHistory redraws after an undo or redo; a refused one has said why.
func (d *Desk) afterHistory(found, done bool, said string, after func(), none string) {
	switch {
	case !found:
		d.setStatus(none)
		return
	case !done:
		return
	}
	if after != nil {
		after()
	}
	if d.findKind(d.selected) == noKind {
		d.selected = ""
	}
	d.refresh(true)
	d.setStatus(said)
}

// selectAnnotation selects the annotation in its panel and marks its text in
// the view. fromPanel says the panel itself asked, so it need not be told.
func (d *Desk) selectAnnotation(id string, fromPanel bool) {
	p, tab, ok := d.panelFor(d.findKind(id))
	if !ok {
		return
	}
	d.hist.seal()
	d.selected = id
	if !fromPanel {
		d.tabs.SelectIndex(tab)
		p.selectID(id)
	} else {
		p.showEditor()
	}
	if start, end, ok := d.span(id); ok && !d.revs.earlier() {
		d.view.SetSelection(start, end)
	}
}

// Tabs of the right-hand side, in order.
const (
	tabAttributions = iota
	tabClaims
	tabNotes
	tabSuggestions
	tabOrphans // only while the article has orphans (orphans.go)
)

// panelFor is the panel and tab that list annotations of the kind; ok is
// false for noKind, which has none (callers must not guess one).
func (d *Desk) panelFor(kind annKind) (p *panel, tab int, ok bool) {
	switch kind {
	case kindAttribution:
		return d.attrs, tabAttributions, true
	case kindClaim:
		return d.claims, tabClaims, true
	case kindNote:
		return d.notes, tabNotes, true
	}
	return nil, -1, false
}

// isSpanOf reports whether sel is exactly the span the annotation covers.
func (d *Desk) isSpanOf(id string, sel annotate.Anchor) bool {
	start, end, ok := d.span(id)
	return ok && start == sel.Start && end == sel.End
}
