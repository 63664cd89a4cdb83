package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// noteSaver saves a change to a note: the desk's updateNote, or for a note
// on a published claim the correction draft's (note.go).
type noteSaver func(key string, change func(*annotate.Note)) bool

// sourcesEditor edits a note's evidence records: URL, title, publisher,
// source type, the passage relied on, when it was accessed, archive URLs,
// whether it is withheld from exports, and a snapshot. Rows the user has
// added but not filled in stay in the editor and are not saved; a row with
// a URL or a title is. Each new record gets its ID at once, so that a
// snapshot or archive URL attached later names it.
type sourcesEditor struct {
	desk    *Desk
	noteID  string
	save    noteSaver
	rows    []annotate.Evidence
	box     *fyne.Container
	content fyne.CanvasObject
}

// today is the date a new record's accessed field starts with.
func today() string { return time.Now().Format("2006-01-02") }

func newSourcesEditor(d *Desk, n *annotate.Note, save noteSaver) *sourcesEditor {
	e := &sourcesEditor{desk: d, noteID: n.ID, save: save, rows: cloneNote(*n).Sources, box: container.NewVBox()}
	add := widget.NewButtonWithIcon("Add source", theme.ContentAddIcon(), func() {
		e.rows = append(e.rows, annotate.Evidence{ID: annotate.NewID(), Accessed: today(), Type: annotate.SourceOther})
		e.layout()
	})
	reuse := widget.NewButtonWithIcon("Reuse a record…", theme.ContentCopyIcon(), func() { d.pickEvidence(e) })
	if d.svc.Evidence == nil {
		reuse.Disable()
	}
	e.content = container.NewVBox(e.box, add, reuse)
	e.layout()
	return e
}

// layout rebuilds the rows' fields.
func (e *sourcesEditor) layout() {
	e.box.Objects = nil
	for i := range e.rows {
		e.box.Add(e.row(i))
	}
	e.box.Refresh()
}

// sourceTypeLabels are the source types as the select offers them.
func sourceTypeLabels() []string {
	labels := make([]string, len(annotate.SourceTypes))
	for i, t := range annotate.SourceTypes {
		labels[i] = t.Label()
	}
	return labels
}

// withheldTitle marks a withheld record wherever it is listed.
const withheldTitle = "WITHHELD from exports"

// evidenceTitle is a record's heading: its title or URL, and the withheld
// mark.
func evidenceTitle(r *annotate.Evidence) string {
	t := strings.TrimSpace(r.Title)
	if t == "" {
		t = r.URL
	}
	if t == "" {
		t = "(new source)"
	}
	if r.Withheld {
		t = "🔒 " + withheldTitle + " · " + t
	}
	return t
}

func (e *sourcesEditor) row(i int) fyne.CanvasObject {
	r := &e.rows[i]
	field := func(placeholder, value string, multi bool, set func(string)) *widget.Entry {
		f := widget.NewEntry()
		if multi {
			f = widget.NewMultiLineEntry()
			f.Wrapping = fyne.TextWrapWord
		}
		f.SetPlaceHolder(placeholder)
		f.SetText(value)
		f.OnChanged = func(s string) { set(s); e.store(i) }
		return f
	}
	kind := newSelect(sourceTypeLabels(), nil)
	if r.Type != "" {
		kind.SetSelected(r.Type.Label())
	}
	kind.OnChanged = func(label string) {
		for _, t := range annotate.SourceTypes {
			if t.Label() == label && t != e.rows[i].Type {
				e.rows[i].Type = t
				e.store(-1)
			}
		}
	}
	withheld := widget.NewCheck("Withheld for safety", nil)
	withheld.SetChecked(r.Withheld)
	withheld.OnChanged = func(on bool) {
		if on != e.rows[i].Withheld {
			e.rows[i].Withheld = on
			e.store(-1)
			e.layout() // the heading's mark
		}
	}
	remove := widget.NewButtonWithIcon("Remove source", theme.ContentRemoveIcon(), func() {
		e.rows = append(e.rows[:i:i], e.rows[i+1:]...)
		e.store(-1)
		e.layout()
	})
	title := widget.NewLabelWithStyle(evidenceTitle(r), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	if r.Withheld {
		title.Importance = widget.DangerImportance
	}
	return widget.NewCard("", "", container.NewVBox(
		title,
		field("URL (https://…)", r.URL, false, func(s string) { r.URL = strings.TrimSpace(s) }),
		field("Title", r.Title, false, func(s string) { r.Title = s }),
		field("Publisher", r.Publisher, false, func(s string) { r.Publisher = s }),
		kind,
		field("Accessed (YYYY-MM-DD)", r.Accessed, false, func(s string) { r.Accessed = strings.TrimSpace(s) }),
		field("The passage relied on", r.Excerpt, true, func(s string) { r.Excerpt = s }),
		field("Archive URLs (Wayback, archive.today, perma.cc), one a line", strings.Join(r.Archives, "\n"), true,
			func(s string) { r.Archives = archiveLines(s) }),
		withheld,
		hint("A withheld source stays in the project and out of every public export."),
		e.desk.snapshotRow(e, i),
		remove,
	))
}

// archiveLines are the archive URLs of the field, one a line, blank lines
// left out.
func archiveLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// filled reports whether a row is saved: it has a URL or a title.
func filled(r *annotate.Evidence) bool { return r.URL != "" || strings.TrimSpace(r.Title) != "" }

// store saves the filled-in rows; field edits of one row merge into one
// undo step.
func (e *sourcesEditor) store(row int) {
	var rows []annotate.Evidence
	for _, r := range e.rows {
		if filled(&r) {
			rows = append(rows, r)
		}
	}
	key := ""
	if row >= 0 {
		key = fmt.Sprintf("sources/%d", row)
	}
	e.save(key, func(x *annotate.Note) { x.Sources = rows })
}
