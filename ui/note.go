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
	on := widget.NewLabel(spansText(d.noteAnchors(n)))
	if n.ClaimID != "" {
		on.SetText("claim " + on.Text)
	}
	on.Wrapping = fyne.TextWrapWord
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
