package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// correctionDraft is the changed note of a published claim, kept while the
// user edits it and until they save it as a correction (or leave it).
type correctionDraft struct {
	note  annotate.Note
	dirty bool
}

// noteSaverFor is how the note editor saves and reads the note: straight
// through updateNote, or for a note on a published claim into the
// correction draft, which only a correction saves.
func (d *Desk) noteSaverFor(n *annotate.Note) (noteSaver, func() *annotate.Note) {
	id := n.ID
	if !d.publishedNote(n) {
		save := func(key string, change func(*annotate.Note)) bool {
			cur := d.findNote(id)
			if cur == nil {
				return false
			}
			next := cloneNote(*cur)
			change(&next)
			if key == "" && annotate.ApprovalHash([]annotate.Note{*cur}) == annotate.ApprovalHash([]annotate.Note{next}) {
				return false // the choice the note has already
			}
			return d.updateNote(id, key, change)
		}
		return save, func() *annotate.Note { return d.findNote(id) }
	}
	if d.draft == nil || d.draft.note.ID != id {
		d.draft = &correctionDraft{note: cloneNote(*n)}
	}
	draft := d.draft
	save := func(key string, change func(*annotate.Note)) bool {
		change(&draft.note)
		draft.dirty = true
		d.setStatus("the change is a correction: Save correction… records it, with why")
		return true
	}
	return save, func() *annotate.Note { return &draft.note }
}

// correctionBar says the claim is published and offers to save the draft
// as a correction.
func (d *Desk) correctionBar(id string) fyne.CanvasObject {
	l := widget.NewLabel("Published: a change to the verdict, rationale or evidence is a correction, saved with why.")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	save := widget.NewButtonWithIcon("Save correction…", theme.DocumentSaveIcon(), func() { d.askCorrection(id) })
	discard := widget.NewButton("Discard changes", func() {
		d.draft = nil
		d.refresh(true)
	})
	return container.NewVBox(l, d.buttonRow(save, discard))
}

// askCorrection asks why the published verdict is corrected (required) and
// saves the draft as a correction.
func (d *Desk) askCorrection(id string) {
	if d.draft == nil || d.draft.note.ID != id || !d.draft.dirty {
		d.setStatus("change the verdict, rationale or evidence first; then save the correction")
		return
	}
	why := widget.NewMultiLineEntry()
	why.Wrapping = fyne.TextWrapWord
	why.SetMinRowsVisible(2)
	why.SetPlaceHolder("Why the published verdict changes (shown with the correction)")
	why.Validator = requiredText("say why")
	what := widget.NewLabel(correctionWhat(d.findNote(id), &d.draft.note))
	what.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewForm("Correct a published verdict", "Save correction", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Change", what), widget.NewFormItem("Why", why)}, func(ok bool) {
			if ok {
				d.saveCorrection(id, why.Text)
			}
		}, d.win)
	dlg.Resize(fyne.NewSize(min(520, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(why)
}

// saveCorrection saves the draft as a correction with why.
func (d *Desk) saveCorrection(id, why string) bool {
	if d.draft == nil || d.draft.note.ID != id {
		return false
	}
	next := cloneNote(d.draft.note)
	if !d.correctNote(next, why) {
		return false
	}
	d.draft = nil
	d.refresh(true)
	return true
}
