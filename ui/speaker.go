package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/sahilm/fuzzy"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// speakerField edits which registry speaker something is attributed to. It
// suggests names and aliases by fuzzy match as the user types; a name that
// matches a speaker picks it, and Enter on a new name adds a speaker.
func (d *Desk) speakerField(current string, set func(id string)) fyne.CanvasObject {
	e := widget.NewSelectEntry(nil)
	e.SetPlaceHolder("Name (Enter adds a new speaker)")
	e.SetText(d.speakerName(current))
	e.OnChanged = func(s string) {
		e.SetOptions(d.speakerSuggestions(s))
		if sp, ok := annotate.NewRegistry(d.speakers).Match(s); ok && sp.ID != current {
			current = sp.ID
			set(sp.ID)
		}
	}
	e.OnSubmitted = func(s string) {
		id, err := d.resolveSpeaker(s)
		if err != nil {
			d.showError(err)
			return
		}
		if id != current {
			current = id
			set(id)
		}
	}
	details := d.speakerDetails(current)
	return container.NewVBox(e, details)
}

// speakerSuggestions are the speakers whose name or alias fuzzily matches s,
// best first, as canonical names.
func (d *Desk) speakerSuggestions(s string) []string {
	var names []string
	var owner []string
	for _, sp := range d.speakers {
		for _, n := range append([]string{sp.Name}, sp.Aliases...) {
			names = append(names, n)
			owner = append(owner, sp.Name)
		}
	}
	if strings.TrimSpace(s) == "" {
		return unique(owner, 10)
	}
	var out []string
	for _, m := range fuzzy.Find(s, names) {
		out = append(out, owner[m.Index])
	}
	return unique(out, 10)
}

func unique(list []string, limit int) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] && len(out) < limit {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// resolveSpeaker finds the speaker a name means, adding one if none does.
// An empty name means no speaker.
func (d *Desk) resolveSpeaker(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	if sp, ok := annotate.NewRegistry(d.speakers).Match(name); ok {
		return sp.ID, nil
	}
	now := time.Now().UTC()
	sp := annotate.Speaker{ID: annotate.NewID(), Name: name, Created: now, Modified: now}
	if d.commit(deskstate.Change{Label: "add speaker " + name, Ops: []deskstate.Op{deskstate.CreateSpeaker(sp)}}) == 0 {
		return "", annotate.Errorf(annotate.EINVALID, "speaker %q was not added", name)
	}
	d.setStatus("added speaker " + name)
	return sp.ID, nil
}

// speakerDetails edits the aliases and role of the speaker with the ID.
func (d *Desk) speakerDetails(id string) fyne.CanvasObject {
	sp := d.findSpeaker(id)
	if sp == nil {
		return widget.NewLabel("")
	}
	aliases := widget.NewEntry()
	aliases.SetPlaceHolder("Aliases, separated by commas (Mr. Macron, the President)")
	aliases.SetText(strings.Join(sp.Aliases, ", "))
	aliases.OnChanged = func(s string) {
		d.updateSpeaker(id, "aliases", func(sp *annotate.Speaker) { sp.Aliases = splitComma(s) })
	}
	role := widget.NewEntry()
	role.SetPlaceHolder("Role or affiliation")
	role.SetText(sp.Role)
	role.OnChanged = func(s string) {
		d.updateSpeaker(id, "role", func(sp *annotate.Speaker) { sp.Role = strings.TrimSpace(s) })
	}
	return widget.NewForm(widget.NewFormItem("Aliases", aliases), widget.NewFormItem("Role", role))
}

func (d *Desk) findSpeaker(id string) *annotate.Speaker {
	for i := range d.speakers {
		if d.speakers[i].ID == id {
			return &d.speakers[i]
		}
	}
	return nil
}

// updateSpeaker saves a change to a speaker, as one undo step per field.
func (d *Desk) updateSpeaker(id, key string, change func(*annotate.Speaker)) {
	sp := d.findSpeaker(id)
	if sp == nil {
		return
	}
	update(d, "edit speaker "+sp.Name, keyed("speaker/"+id, key), sp, cloneSpeaker, deskstate.UpdateSpeaker, change)
}

// splitComma splits a comma-separated list, dropping empty entries.
func splitComma(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
