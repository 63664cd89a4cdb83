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
	verdict := n.Verdict
	if verdict == "" {
		verdict = noVerdict
	}
	label := verdict
	if r := strings.TrimSpace(n.Rationale); r != "" {
		label += " — " + strings.Join(strings.Fields(r), " ")
	} else if as := d.noteAnchors(n); len(as) > 0 {
		label += " — on " + quote(as[0].Exact)
	}
	return item{n.ID, label}
}

// noteEditor edits the note with the ID.
func (d *Desk) noteEditor(id string) fyne.CanvasObject {
	n := d.findNote(id)
	if n == nil {
		return hint("Select text (or a claim) and press N to add a note.")
	}
	on := d.noteTarget(n)
	verdict := newSelect(append([]string{noVerdict}, d.verdictLabels()...), nil)
	verdict.SetSelected(orDefault(n.Verdict, noVerdict))
	verdict.OnChanged = func(s string) {
		if s == noVerdict {
			s = ""
		}
		if s != d.findNote(id).Verdict {
			d.updateNote(id, "", func(x *annotate.Note) { x.Verdict = s })
		}
	}
	rationale := widget.NewMultiLineEntry()
	rationale.Wrapping = fyne.TextWrapWord
	rationale.SetMinRowsVisible(5)
	rationale.SetPlaceHolder("Rationale: what the evidence shows and why the verdict follows")
	rationale.SetText(n.Rationale)
	rationale.OnChanged = func(s string) {
		d.updateNote(id, "rationale", func(x *annotate.Note) { x.Rationale = s })
	}
	form := widget.NewForm(
		widget.NewFormItem("On", on),
		widget.NewFormItem("Verdict", verdict),
		widget.NewFormItem("Rationale", rationale),
		widget.NewFormItem("Evidence", newSourcesEditor(d, n).content),
	)
	del := widget.NewButtonWithIcon("Delete note", theme.DeleteIcon(), d.deleteSelected)
	return container.NewVBox(form, del)
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

func (d *Desk) verdictLabels() []string {
	var labels []string
	for _, v := range d.settings.Scale.Verdicts {
		labels = append(labels, v.Label)
	}
	return labels
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
