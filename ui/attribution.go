package ui

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
)

// attributionItems lists the attributions in text order.
func attributionItems(d *Desk) []item {
	return allItems(d, len(d.ann.Attributions), attributionItem)
}

// attributionItem is the row of the attribution at i.
func attributionItem(d *Desk, i int) item {
	a := &d.ann.Attributions[i]
	return item{a.ID, orphanPrefix(a.Orphan) + d.attributionLabel(a)}
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
	if a.Orphan {
		return d.orphanEditor(id)
	}
	speaker := d.newSpeakerChooser(id+"/speaker", a.SpeakerID, func(sid string) {
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
	source := d.editorAnchor(a.Source, 1, id+"/source", func(s *annotate.Anchor, key string) bool {
		if key != "" {
			return d.stepSource(id, s, key, speaker)
		}
		return d.setSource(id, s)
	})
	cue := d.editorAnchor(a.Cue, 1, id+"/cue", func(s *annotate.Anchor, key string) bool {
		return d.updateAttribution(id, key, func(x *annotate.Attribution) { x.Cue = s })
	})
	form := widget.NewForm(
		widget.NewFormItem("Source", d.anchorFieldRow(source, "Set source", true)),
		widget.NewFormItem("Speaker", speaker.content),
		widget.NewFormItem("Cue", d.anchorFieldRow(cue, "Set cue", true)),
		widget.NewFormItem("Content", d.contentPieces(a)),
		widget.NewFormItem("Kind", kind),
	)
	for _, it := range append(d.placementItems(&a.Meta), d.speakerDetails(a.SpeakerID)...) {
		form.AppendItem(it)
	}
	del := widget.NewButtonWithIcon("Delete attribution", theme.DeleteIcon(), d.deleteSelected)
	return container.NewVBox(form, d.buttonRow(d.historyButton(a.ID), del), d.commentsCard(a.ID))
}

// contentPieces lists the content's pieces, each fixed from the keyboard
// and removable while more than one is left, and adds the selection as a
// further piece.
func (d *Desk) contentPieces(a *annotate.Attribution) fyne.CanvasObject {
	id := a.ID
	box := container.NewVBox()
	for i, c := range a.Content {
		field := d.editorAnchor(&c, 1, fmt.Sprintf("%s/content/%d", id, i), func(s *annotate.Anchor, key string) bool {
			if s == nil {
				return false
			}
			return d.updateAttribution(id, key, func(x *annotate.Attribution) {
				if i < len(x.Content) {
					x.Content[i] = *s
					if key == "" {
						annotate.SortAnchors(x.Content)
					}
				}
			})
		})
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			d.updateAttribution(id, "", func(x *annotate.Attribution) {
				x.Content = append(x.Content[:i:i], x.Content[i+1:]...)
			})
		})
		if len(a.Content) == 1 {
			remove.Disable()
		}
		box.Add(container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), remove, field))
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

// editorAnchor makes an anchor field for an editor; the field named by
// d.focus.want takes the focus once the editor is shown.
func (d *Desk) editorAnchor(a *annotate.Anchor, lines int, key string, set func(*annotate.Anchor, string) bool) *anchorField {
	f := newAnchorField(d, a, lines, key, func(a *annotate.Anchor, k string) bool {
		if k == "" {
			d.focus.want = key // the editor is rebuilt: come back to this field
		}
		ok := set(a, k)
		d.focus.apply(d)
		return ok
	})
	d.focus.offer(key, f)
	return f
}

// editorFocus hands the focus to a field of an editor that is rebuilt: want
// names the field (by its key) that should have it once the editor is
// shown, and name is the text a speaker field named by want starts with (a
// source's name that the registry does not know yet).
type editorFocus struct {
	want, name string
	found      fyne.Focusable
}

// offer is called by each field as an editor is built.
func (f *editorFocus) offer(key string, w fyne.Focusable) {
	if key != "" && key == f.want {
		f.found = w
	}
}

// apply focuses the field that was wanted, if it was built, and forgets it.
func (f *editorFocus) apply(d *Desk) {
	w := f.found
	f.want, f.name, f.found = "", "", nil
	if w != nil {
		d.win.Canvas().Focus(w)
	}
}

// setSource sets the attribution's source and, from it, its speaker: the
// registry's speaker the source names ("Mr. Macron" → Emmanuel Macron), or
// for a pronoun the speaker of the nearest compatible named source before
// it, as the suggester does. A name the registry does not know is left in
// the speaker field, focused, where Enter adds it as a new speaker.
func (d *Desk) setSource(id string, s *annotate.Anchor) bool {
	a := d.findAttribution(id)
	if a == nil {
		return false
	}
	speaker, cue := a.SpeakerID, a.Cue
	if s != nil {
		var name string
		speaker, name = d.sourceSpeaker(id, *s, a.SpeakerID)
		if name != "" {
			d.focus.want, d.focus.name = id+"/speaker", name
		}
		if cue == nil {
			cue = d.cueBeside(*s, a.Content)
		}
	}
	return d.updateAttribution(id, "", func(x *annotate.Attribution) { x.Source, x.SpeakerID, x.Cue = s, speaker, cue })
}

// cueBeside is the cue the suggester's cue tagger finds right beside a
// source just set ("Mr. Ortiz said"), for an attribution that has none
// yet: one undo step sets both, and Q sets another cue as before. Nil when
// the tagger finds none there.
func (d *Desk) cueBeside(source annotate.Anchor, content []annotate.Anchor) *annotate.Anchor {
	if d.article == nil {
		return nil
	}
	if c, ok := suggest.CueBeside(d.article.Text, source, content); ok {
		return &c
	}
	return nil
}

// stepSource saves a source grown or shrunk from the keyboard. While the
// attribution has no speaker, the source is resolved again: a registry
// speaker is set (the editor is rebuilt, the focus stays on the source), and
// a new name replaces the one the speaker field offers.
func (d *Desk) stepSource(id string, s *annotate.Anchor, key string, speaker *speakerChooser) bool {
	a := d.findAttribution(id)
	if a == nil || s == nil || a.SpeakerID != "" {
		return d.updateAttribution(id, key, func(x *annotate.Attribution) { x.Source = s })
	}
	sp, name := d.sourceSpeaker(id, *s, "")
	if sp != "" {
		d.focus.want = id + "/source"
		ok := d.updateAttribution(id, "", func(x *annotate.Attribution) { x.Source, x.SpeakerID = s, sp })
		d.focus.apply(d)
		return ok
	}
	ok := d.updateAttribution(id, key, func(x *annotate.Attribution) { x.Source = s })
	if ok && name != "" {
		speaker.entry.SetText(name)
	}
	return ok
}

// sourceSpeaker is the speaker a source names, or current when it names
// none; name is set to the name in it when the registry does not know it
// and the attribution has no speaker yet.
func (d *Desk) sourceSpeaker(id string, s annotate.Anchor, current string) (speaker, name string) {
	mention := strings.TrimRight(strings.TrimSpace(s.Exact), " ,")
	if suggest.IsPersonal(mention) {
		return d.personalSpeaker(mention, s, current)
	}
	if suggest.IsReferring(mention) {
		var before []annotate.Attribution
		for _, b := range d.ann.Attributions {
			if b.ID != id && b.Source != nil && b.Source.Start < s.Start {
				before = append(before, b)
			}
		}
		// Antecedent wants the sources in text order; the desk keeps
		// attributions in the order of their content.
		sort.SliceStable(before, func(i, j int) bool { return before[i].Source.Start < before[j].Source.Start })
		earlier := make([]suggest.Named, len(before))
		ids := make([]string, len(before))
		for i, b := range before {
			earlier[i], ids[i] = suggest.Named{Mention: b.Source.Exact, Speaker: d.speakerName(b.SpeakerID), Start: b.Source.Start}, b.SpeakerID
		}
		i, named := suggest.Antecedent(d.article.Text, s, earlier)
		if i >= 0 {
			return ids[i], ""
		}
		if named != "" && current == "" {
			return current, named // named in the text, not yet a speaker
		}
		if suggest.IsPronoun(mention) {
			return current, ""
		}
	}
	reg := annotate.NewRegistry(d.speakers)
	for _, m := range []string{mention, suggest.NameOf(mention)} {
		if sp, ok := reg.Match(m); ok {
			return sp.ID, ""
		}
	}
	if current == "" {
		name = fullerName(d.article.Text, suggest.NameOf(mention))
	}
	return current, name
}

// fullerName is the fullest form of a one-word name (a surname, "Halvorsen")
// that the text gives ("Mayor Ingrid Halvorsen" → "Ingrid Halvorsen"), as
// the suggester makes names canonical within a text; else name.
func fullerName(text, name string) string {
	if name == "" || strings.ContainsAny(name, " \t") || !unicode.IsUpper([]rune(name)[0]) {
		return name
	}
	re, err := regexp.Compile(`((?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}` + regexp.QuoteMeta(name) + `)(?:[^\p{L}\p{N}]|$)`)
	if err != nil {
		return name
	}
	best := name
	for _, m := range re.FindAllStringSubmatch(text, 50) {
		if full := suggest.NameOf(m[1]); strings.HasSuffix(full, name) && len(strings.Fields(full)) > len(strings.Fields(best)) {
			best = full
		}
	}
	return best
}
