package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// snapshotWait is how long opening a snapshot waits for the writes before
// it (the snapshot's own attachment among them).
const snapshotWait = 5 * time.Second

// snapshotText describes a snapshot: "name · 12 KB · SHA-256 1a2b3c4d".
func snapshotText(s *annotate.Snapshot) string {
	if s == nil {
		return "no snapshot"
	}
	return fmt.Sprintf("%s · %s · SHA-256 %s", s.Name, sizeText(s.Size), shortHash(s.SHA256))
}

func shortHash(h string) string { return h[:min(len(h), 12)] }

// sizeText is a file size for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// snapshotRow shows the record's snapshot with Attach and Open.
func (d *Desk) snapshotRow(e *sourcesEditor, i int) fyne.CanvasObject {
	r := e.rows[i]
	label := widget.NewLabel(snapshotText(r.Snapshot))
	label.Wrapping = fyne.TextWrapBreak // the name, size and hash all show
	attach := widget.NewButtonWithIcon("Snapshot…", theme.FileIcon(), func() { d.chooseSnapshot(e.rows[i]) })
	open := widget.NewButtonWithIcon("Open", theme.FileApplicationIcon(), func() { d.openSnapshot(e.rows[i].ID) })
	if r.Snapshot == nil {
		open.Disable()
	}
	if d.svc.Evidence == nil {
		attach.Disable()
		open.Disable()
	}
	return container.NewVBox(label, container.NewHBox(attach, open))
}

// chooseSnapshot asks for the file to keep as the record's snapshot.
func (d *Desk) chooseSnapshot(r annotate.Evidence) {
	if !filled(&r) {
		d.setStatus("give the source a URL or a title before attaching a snapshot")
		return
	}
	exts := []string{".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".txt"}
	chooseLocalFile(d.win, exts, d.showError, func(path string) {
		data, err := readLocal(path, annotate.MaxSnapshotSize)
		if err != nil {
			d.showError(err)
			return
		}
		d.attachSnapshot(r.ID, filepath.Base(path), data)
	}).Show()
}

// findEvidence is the record with the ID among the open article's notes.
func (d *Desk) findEvidence(id string) *annotate.Evidence {
	for i := range d.ann.Notes {
		for j := range d.ann.Notes[i].Sources {
			if e := &d.ann.Notes[i].Sources[j]; e.ID == id {
				return e
			}
		}
	}
	return nil
}

// attachSnapshot keeps data as the record's snapshot. Undo puts back the
// snapshot it replaced; the first snapshot of a record cannot be undone,
// since a project never drops a snapshot (attach another to replace it),
// and the status line says so.
func (d *Desk) attachSnapshot(evidenceID, name string, data []byte) bool {
	old := d.findEvidence(evidenceID)
	if old == nil {
		d.setStatus("save the source (a URL or a title) before attaching a snapshot")
		return false
	}
	var undo []deskstate.Op
	if old.Snapshot != nil {
		if prev, err := d.snapshotBytes(evidenceID); err == nil {
			undo = []deskstate.Op{deskstate.AttachSnapshot(evidenceID, old.Snapshot.Name, prev)}
		}
	}
	label := "attach snapshot " + name
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.AttachSnapshot(evidenceID, name, data)}}
	seq := d.commit(redo)
	if seq == 0 {
		return false
	}
	if undo == nil {
		d.hist.seal()
		d.refresh(true)
		d.setStatus("attached " + name + "; a snapshot stays with its source (attach another to replace it), so this is not undone with Ctrl+Z")
		return true
	}
	d.hist.push(edit{label: label, undo: deskstate.Change{Label: "undo " + label, Ops: undo}, redo: redo, seq: seq})
	d.refresh(true)
	return true
}

// snapshotBytes reads the record's stored snapshot, once the writes before
// it are done.
func (d *Desk) snapshotBytes(evidenceID string) ([]byte, error) {
	if d.svc.Evidence == nil {
		return nil, errNoService("snapshots")
	}
	if !d.save.q.Wait(snapshotWait) {
		return nil, annotate.Errorf(annotate.EBUSY, "the snapshot is still being saved; try again in a moment")
	}
	data, _, err := d.svc.Evidence.SnapshotData(d.ctx, evidenceID)
	return data, err
}

// openSnapshot writes the snapshot to a temporary file and opens it with
// the system's viewer.
func (d *Desk) openSnapshot(evidenceID string) {
	data, err := d.snapshotBytes(evidenceID)
	if err != nil {
		d.showError(err)
		return
	}
	name := "snapshot"
	if e := d.findEvidence(evidenceID); e != nil && e.Snapshot != nil {
		name = e.Snapshot.Name
	}
	path, err := writeTemp(name, data)
	if err != nil {
		d.showError(annotate.Errorf(annotate.EINTERNAL, "the snapshot could not be written to a temporary file: %v", err))
		return
	}
	if err := d.app.OpenURL(&url.URL{Scheme: "file", Path: path}); err != nil {
		d.showError(err)
	}
}

// writeTemp writes data to a new file in the temporary folder, named after
// name (its extension kept, so the system picks the viewer).
func writeTemp(name string, data []byte) (string, error) {
	ext := filepath.Ext(name)
	f, err := os.CreateTemp("", "factmark-snapshot-*"+ext)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// projectEvidence is every record of the project, the open article's as
// the desk has them (newer than the store while writes are pending).
func (d *Desk) projectEvidence() ([]annotate.EvidenceUse, error) {
	var all []annotate.EvidenceUse
	if d.svc.Evidence != nil {
		var err error
		if all, err = d.svc.Evidence.FindEvidence(d.ctx); err != nil {
			return nil, err
		}
	}
	for _, n := range d.ann.Notes {
		for _, e := range n.Sources {
			i := slices.IndexFunc(all, func(u annotate.EvidenceUse) bool { return u.ID == e.ID })
			if i < 0 {
				all = append(all, annotate.EvidenceUse{Evidence: e})
				i = len(all) - 1
			}
			all[i].Evidence = e
			if !slices.Contains(all[i].Notes, n.ID) {
				all[i].Notes = append(all[i].Notes, n.ID)
			}
		}
	}
	return all, nil
}

// evidenceLine is a record in a list: its heading, type and URL.
func evidenceLine(e *annotate.Evidence) string {
	line := evidenceTitle(e)
	if e.Type != "" {
		line += " · " + e.Type.Label()
	}
	if e.URL != "" && e.Title != "" {
		line += " · " + e.URL
	}
	return line
}

// pickEvidence offers the project's records for the note to reuse; the
// chosen one is added to the note's sources as it is (the same record).
func (d *Desk) pickEvidence(e *sourcesEditor) {
	all, err := d.projectEvidence()
	if err != nil {
		d.showError(err)
		return
	}
	var options []string
	var records []annotate.Evidence
	for _, u := range all {
		if !slices.ContainsFunc(e.rows, func(r annotate.Evidence) bool { return r.ID == u.ID }) {
			options = append(options, evidenceLine(&u.Evidence))
			records = append(records, u.Evidence)
		}
	}
	if len(options) == 0 {
		d.setStatus("the project has no other evidence records to reuse")
		return
	}
	pick := newSelect(options, nil)
	dlg := dialog.NewForm("Reuse an evidence record", "Add", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Record", pick)}, func(ok bool) {
			if i := pick.SelectedIndex(); ok && i >= 0 {
				e.rows = append(e.rows, records[i])
				e.store(-1)
				e.layout()
			}
		}, d.win)
	dlg.Resize(fyne.NewSize(min(640, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
}

// claimEvidence lists the evidence of the claim's notes, each record with
// what it supports (the verdicts of the notes that cite it); nil when none.
func (d *Desk) claimEvidence(claimID string) fyne.CanvasObject {
	type use struct {
		e        annotate.Evidence
		verdicts []string
	}
	var uses []use
	for _, n := range d.ann.Notes {
		if n.ClaimID != claimID {
			continue
		}
		for _, e := range n.Sources {
			i := slices.IndexFunc(uses, func(u use) bool { return u.e.ID == e.ID && e.ID != "" })
			if i < 0 {
				uses = append(uses, use{e: e})
				i = len(uses) - 1
			}
			uses[i].verdicts = append(uses[i].verdicts, verdictText(&d.settings.Scale, n.Verdict))
		}
	}
	if len(uses) == 0 {
		return nil
	}
	box := container.NewVBox()
	for _, u := range uses {
		l := widget.NewLabel(evidenceLine(&u.e) + " — supports: " + strings.Join(u.verdicts, "; "))
		l.Wrapping = fyne.TextWrapWord
		if u.e.Withheld {
			l.Importance = widget.DangerImportance
		}
		box.Add(l)
	}
	return box
}

// historyButton opens the annotation's history.
func (d *Desk) historyButton(id string) *widget.Button {
	b := widget.NewButtonWithIcon("History", theme.HistoryIcon(), func() { d.showHistory(id) })
	if d.svc.Audit == nil {
		b.Disable()
	}
	return b
}
