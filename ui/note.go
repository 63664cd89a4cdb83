package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

const noVerdict = "(no verdict yet)"

// noteItems lists the notes as "verdict — rationale".
func noteItems(d *Desk) []item { return allItems(d, len(d.ann.Notes), noteItem) }

// noteItem is the row of the note at i.
func noteItem(d *Desk, i int) item {
	n := &d.ann.Notes[i]
	label := verdictText(&d.settings.Scale, n.Verdict)
	if r := strings.TrimSpace(n.Rationale); r != "" {
		label += " — " + strings.Join(strings.Fields(r), " ")
	} else if as := d.noteAnchors(n); len(as) > 0 {
		label += " — on " + quote(as[0].Exact)
	}
	return item{n.ID, orphanPrefix(d.offText(n.ID)) + label}
}

// noteEditor edits the note with the ID. A note on a published claim is
// edited as a draft: its verdict, rationale and evidence change only by a
// correction, which asks why (correction.go).
func (d *Desk) noteEditor(id string) fyne.CanvasObject {
	n := d.findNote(id)
	if n == nil {
		return hint("Select text (or a claim) and press N to add a note.")
	}
	if n.Orphan {
		return d.orphanEditor(id)
	}
	save, cur := d.noteSaverFor(n)
	on := d.noteTarget(n)
	verdict := d.verdictField(cur(), save)
	rationale := widget.NewMultiLineEntry()
	rationale.Wrapping = fyne.TextWrapWord
	rationale.SetMinRowsVisible(5)
	rationale.SetPlaceHolder("Rationale: what the evidence shows and why the verdict follows")
	rationale.SetText(cur().Rationale)
	rationale.OnChanged = func(s string) {
		save("rationale", func(x *annotate.Note) { x.Rationale = s })
	}
	form := widget.NewForm(
		widget.NewFormItem("On", on),
		widget.NewFormItem("Verdict", verdict),
		widget.NewFormItem("Rationale", rationale),
		widget.NewFormItem("Evidence", newSourcesEditor(d, cur(), save).content),
	)
	for _, it := range d.placementItems(&n.Meta) {
		form.AppendItem(it)
	}
	del := widget.NewButtonWithIcon("Delete note", theme.DeleteIcon(), d.deleteSelected)
	buttons := d.buttonRow(d.historyButton(id), del)
	parts := []fyne.CanvasObject{form, buttons, d.commentsCard(id)}
	if d.publishedNote(n) {
		parts = append([]fyne.CanvasObject{d.correctionBar(id)}, parts...)
	}
	return container.NewVBox(parts...)
}

// noteTarget shows what the note is on in a box of fixed height, so that
// a long claim never moves Verdict and Rationale: a note on a span can have
// it set to the selection or grown and shrunk a word at a time; a note on a
// claim follows the claim.
func (d *Desk) noteTarget(n *annotate.Note) fyne.CanvasObject {
	id := n.ID
	if n.ClaimID != "" || n.Target == nil {
		l := widget.NewLabel("claim " + spansText(d.noteAnchors(n)))
		l.Wrapping = fyne.TextWrapWord
		s := container.NewVScroll(l)
		s.SetMinSize(fyne.NewSize(40, 2*lineHeight()+2*theme.InnerPadding()))
		return s
	}
	f := d.editorAnchor(n.Target, 2, id+"/target", func(s *annotate.Anchor, key string) bool {
		if s == nil {
			return false
		}
		return d.updateNote(id, key, func(x *annotate.Note) { x.Target = s })
	})
	return d.anchorFieldRow(f, "Set", false)
}

// verdictField edits the note's verdict through save: a choice of the
// scale's labels, or on a conclusion scale a one-line conclusion. A verdict
// the scale no longer has stays selected, marked, until the user picks
// another.
func (d *Desk) verdictField(n *annotate.Note, save noteSaver) fyne.CanvasObject {
	scale := &d.settings.Scale
	if scale.Conclusion {
		e := lineEntry(n.Verdict, "The conclusion, in one sentence", "verdict")
		e.OnChanged = func(s string) {
			save("verdict", func(x *annotate.Note) { x.Verdict = strings.TrimSpace(s) })
		}
		return e
	}
	options := append([]string{noVerdict}, scale.Labels()...)
	was, current := n.Verdict, verdictText(scale, n.Verdict)
	if scale.Flagged(n.Verdict) {
		options = append(options, current)
	}
	verdict := newSelect(options, nil)
	verdict.SetSelected(current)
	verdict.OnChanged = func(s string) {
		switch s {
		case noVerdict:
			s = ""
		case current:
			s = was
		}
		save("", func(x *annotate.Note) { x.Verdict = s })
	}
	return verdict
}

// flaggedSuffix marks a verdict that is not on the current scale.
const flaggedSuffix = " (not on the current scale)"

// verdictText is how a verdict is shown: noVerdict for none, and a label the
// scale no longer has marked as such.
func verdictText(s *annotate.Scale, verdict string) string {
	switch {
	case verdict == "":
		return noVerdict
	case s.Flagged(verdict):
		return verdict + flaggedSuffix
	}
	return verdict
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
