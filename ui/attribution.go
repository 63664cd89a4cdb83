package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// attributionItems lists the attributions in text order.
func attributionItems(d *Desk) []item {
	return allItems(d, len(d.ann.Attributions), attributionItem)
}

// attributionItem is the row of the attribution at i.
func attributionItem(d *Desk, i int) item {
	a := &d.ann.Attributions[i]
	return item{a.ID, d.attributionLabel(a)}
}

// attributionLabel sums an attribution up as "speaker · cue · “content” (kind)".
func (d *Desk) attributionLabel(a *annotate.Attribution) string {
	who := d.speakerName(a.SpeakerID)
	if who == "" && a.Source != nil {
		who = a.Source.Exact
	}
	if who == "" {
		who = "(no speaker)"
	}
	parts := []string{who}
	if a.Cue != nil {
		parts = append(parts, a.Cue.Exact)
	}
	parts = append(parts, firstQuote(a.Content))
	return strings.Join(parts, " · ") + " (" + string(a.Kind) + ")"
}

// quote shortens a span's text for a one-line label; a blank one (which
// the domain refuses, but an older project may hold) is shown as “ ”.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "…"
	}
	for _, open := range []string{"“", "\"", "«", "„"} {
		if strings.HasPrefix(s, open) {
			return s
		}
	}
	if s == "" {
		s = " "
	}
	return "“" + s + "”"
}

// attributionEditor edits the attribution with the ID.
func (d *Desk) attributionEditor(id string) fyne.CanvasObject {
	a := d.findAttribution(id)
	if a == nil {
		return hint("Select text and press A to add an attribution.")
	}
	speaker := d.speakerField(a.SpeakerID, func(sid string) {
		d.updateAttribution(id, "", func(x *annotate.Attribution) { x.SpeakerID = sid })
	})
	kind := widget.NewRadioGroup([]string{string(annotate.Direct), string(annotate.Indirect), string(annotate.Mixed)}, nil)
	kind.Horizontal = true
	kind.Required = true
	kind.SetSelected(string(a.Kind))
	kind.OnChanged = func(s string) {
		if s != "" && annotate.Kind(s) != d.findAttribution(id).Kind {
			d.updateAttribution(id, "", func(x *annotate.Attribution) { x.Kind = annotate.Kind(s) })
		}
	}
	form := widget.NewForm(
		widget.NewFormItem("Speaker", speaker),
		widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Source", d.anchorRow(a.Source, "Set source", func(s *annotate.Anchor) {
			d.updateAttribution(id, "", func(x *annotate.Attribution) { x.Source = s })
		})),
		widget.NewFormItem("Cue", d.anchorRow(a.Cue, "Set cue", func(s *annotate.Anchor) {
			d.updateAttribution(id, "", func(x *annotate.Attribution) { x.Cue = s })
		})),
		widget.NewFormItem("Content", d.contentPieces(a)),
	)
	del := widget.NewButtonWithIcon("Delete attribution", theme.DeleteIcon(), d.deleteSelected)
	return container.NewVBox(form, del)
}

// anchorRow shows an optional span with a button that sets it to the
// selection and one that clears it.
func (d *Desk) anchorRow(a *annotate.Anchor, setLabel string, set func(*annotate.Anchor)) fyne.CanvasObject {
	text := "(none)"
	if a != nil {
		text = quote(a.Exact)
	}
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	setButton := widget.NewButton(setLabel, func() {
		if sel, ok := d.textSelection("select the text in the article first"); ok {
			set(&sel)
		}
	})
	clearButton := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { set(nil) })
	if a == nil {
		clearButton.Disable()
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(setButton, clearButton), label)
}

// contentPieces lists the content's pieces, each removable while more than
// one is left, and adds the selection as a further piece.
func (d *Desk) contentPieces(a *annotate.Attribution) fyne.CanvasObject {
	id := a.ID
	box := container.NewVBox()
	for i, c := range a.Content {
		label := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, quote(c.Exact)))
		label.Wrapping = fyne.TextWrapWord
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			d.updateAttribution(id, "", func(x *annotate.Attribution) {
				x.Content = append(x.Content[:i:i], x.Content[i+1:]...)
			})
		})
		if len(a.Content) == 1 {
			remove.Disable()
		}
		box.Add(container.NewBorder(nil, nil, nil, remove, label))
	}
	box.Add(widget.NewButtonWithIcon("Add content piece", theme.ContentAddIcon(), func() {
		sel, ok := d.textSelection("select the further piece of content first")
		if !ok {
			return
		}
		d.updateAttribution(id, "", func(x *annotate.Attribution) {
			x.Content = append(x.Content, sel)
			annotate.SortAnchors(x.Content)
		})
	}))
	return box
}
