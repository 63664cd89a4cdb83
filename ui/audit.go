package ui

import (
	"encoding/json"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// maxValueShown is how many characters of a field's old or new value a
// history line shows.
const maxValueShown = 80

// historyLine is one audit entry as the history reads: when, who, what
// was done, and the field's old and new value (a claim's approvals and
// corrections as what was added or withdrawn).
func historyLine(e *annotate.AuditEntry) string {
	line := when(e.At) + " · " + orDefault(e.Who, "(no name)") + " · " + e.Action
	if what, ok := signOffChange(e); ok {
		return line + ": " + what
	}
	if e.Action == "import" {
		return when(e.At) + " · " + orDefault(e.Who, "(no name)") + " · " + importedFrom(e.New)
	}
	if e.Field == "" {
		return line + " " + e.Kind // the whole record: its fields are the lines after
	}
	line += " " + strings.ReplaceAll(e.Field, "_", " ")
	old, next := auditValue(e.Old), auditValue(e.New)
	if e.Field == "status" {
		old, next = strings.ReplaceAll(old, "_", " "), strings.ReplaceAll(next, "_", " ")
	}
	switch {
	case old != "" && next != "":
		line += ": " + old + " → " + next
	case next != "":
		line += ": " + next
	case old != "":
		line += ": was " + old
	}
	return line
}

// importedFrom describes an import's entry by the file it came from:
// "imported from “ana.json”". Its new value also holds the document's
// format version ("factmark/2", whatever the file's format was) and the
// records it added: neither says more to the reader of a history.
func importedFrom(raw string) string {
	var v struct{ Source string }
	readJSON(raw, &v)
	if v.Source == "" {
		return "imported"
	}
	return "imported from " + quote(v.Source)
}

// auditValue shows a field's value as JSON holds it: a string without its
// quotes' escapes, a list or record compacted, cut to maxValueShown.
func auditValue(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw == "null" {
		return ""
	}
	var s string
	if json.Unmarshal([]byte(raw), &s) == nil {
		if s == "" {
			return ""
		}
		raw = quote(s)
	}
	raw = strings.Join(strings.Fields(raw), " ")
	if r := []rune(raw); len(r) > maxValueShown {
		raw = string(r[:maxValueShown-1]) + "…"
	}
	return raw
}

// showHistory shows the annotation's history, oldest first, from the
// project's append-only log. Changes still being written are not in the
// log yet; the dialog says how many.
func (d *Desk) showHistory(id string) {
	if d.svc.Audit == nil {
		d.setStatus("this project keeps no history of changes")
		return
	}
	if d.findKind(id) == noKind {
		d.setStatus("select an annotation to see its history")
		return
	}
	entries, err := d.svc.Audit.FindHistory(d.ctx, id)
	if err != nil {
		d.showError(fmt.Errorf("the history of %s could not be read: %w", d.describe(id), err))
		return
	}
	dlg := d.historyDialog(d.describe(id), entries)
	d.escapeCloses(dlg)
	dlg.Show()
}

// escapeCloses lets Escape close dlg, as it closes the shortcut sheet: a
// dialog that only shows something (the history) needs no other key.
func (d *Desk) escapeCloses(dlg dialog.Dialog) {
	d.sheet = dlg
	dlg.SetOnClosed(func() {
		if d.sheet == dlg {
			d.sheet = nil
		}
	})
}

// typingRun is how close together edits of one field by one person are
// shown as one line: typing in a field logs a change a keystroke.
const typingRun = 2 * time.Minute

// historyLines are the entries as lines, each run of one person's updates
// to one field (typing) shown as one line from the first old value to the
// last new one, with how many edits it took.
func historyLines(entries []annotate.AuditEntry) []string {
	var lines []string
	entries = slices.DeleteFunc(slices.Clone(entries), func(e annotate.AuditEntry) bool { return e.Field == "modified" })
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && sameRun(&entries[j-1], &entries[j]) {
			j++
		}
		e := entries[i]
		if j-i > 1 {
			e.New = entries[j-1].New
			lines = append(lines, historyLine(&e)+fmt.Sprintf(" (%d edits)", j-i))
		} else {
			lines = append(lines, historyLine(&e))
		}
		i = j
	}
	return lines
}

// sameRun reports whether b continues a's run of typing in one field (a
// status is chosen, not typed: each move is a line).
func sameRun(a, b *annotate.AuditEntry) bool {
	return a.Action == "update" && b.Action == "update" && a.Field != "" && a.Field == b.Field && a.Field != "status" &&
		a.EntityID == b.EntityID && a.Who == b.Who && b.At.Sub(a.At) < typingRun
}

// historyDialog lists the entries, one a line.
func (d *Desk) historyDialog(title string, entries []annotate.AuditEntry) dialog.Dialog {
	lines := historyLines(entries)
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	head := fmt.Sprintf("%d %s, oldest first", len(entries), plural(len(entries), "change", "changes"))
	if n := d.save.q.Len(); n > 0 {
		head += fmt.Sprintf(" — %d %s not written yet, not listed", n, plural(n, "change", "changes"))
	}
	if len(lines) == 0 {
		head = "No changes recorded yet."
	}
	content := container.NewBorder(widget.NewLabel(head), nil, nil, nil, list)
	dlg := dialog.NewCustom("History of "+title, "Close", content, d.win)
	size := d.win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(900, size.Width-40), min(520, size.Height-40)))
	return dlg
}

// canvasSpacer is an empty object width wide.
func canvasSpacer(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// signOffChange describes a change to a claim's approvals or corrections:
// who approved, whose approval was withdrawn and why, what was corrected
// and why; ok is false for other fields or values it cannot read.
func signOffChange(e *annotate.AuditEntry) (string, bool) {
	switch e.Field {
	case "approvals":
		var old, next []annotate.Approval
		if !readJSON(e.Old, &old) || !readJSON(e.New, &next) {
			return "", false
		}
		var parts []string
		for i, a := range next {
			switch {
			case i >= len(old):
				parts = append(parts, "approved by "+a.Reviewer)
			case old[i].Active() && !a.Active():
				parts = append(parts, "withdrew "+a.Reviewer+"'s approval: "+orDefault(a.WithdrawnWhy, "no reason given"))
			}
		}
		return strings.Join(parts, "; "), len(parts) > 0
	case "corrections":
		var old, next []annotate.Correction
		if !readJSON(e.Old, &old) || !readJSON(e.New, &next) || len(next) <= len(old) {
			return "", false
		}
		var parts []string
		for _, k := range next[len(old):] {
			parts = append(parts, "correction: "+k.What+" — why: "+k.Why)
		}
		return strings.Join(parts, "; "), true
	}
	return "", false
}

// readJSON reads an audit value into v; "" is none.
func readJSON(raw string, v any) bool {
	if strings.TrimSpace(raw) == "" {
		return true
	}
	return json.Unmarshal([]byte(raw), v) == nil
}
