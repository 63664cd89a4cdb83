package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// archiveQueue is what the Archive queue dialog shows: the records with a
// URL but no archive URL yet.
func (d *Desk) archiveQueue() ([]annotate.Evidence, error) {
	all, err := d.projectEvidence()
	if err != nil {
		return nil, err
	}
	records := make([]annotate.Evidence, len(all))
	for i := range all {
		records[i] = all[i].Evidence
	}
	return annotate.ArchiveQueue(records), nil
}

// archiveList is the queue as the to-archive list: URLs, one a line.
func archiveList(queue []annotate.Evidence) string {
	var b strings.Builder
	for _, e := range queue {
		b.WriteString(e.URL)
		b.WriteByte('\n')
	}
	return b.String()
}

// archiveTarget is the record of the queue an archive URL archives (by the
// URL it carries), or the chosen one; "" when neither.
func archiveTarget(queue []annotate.Evidence, archiveURL string, chosen int) string {
	if original, ok := annotate.ArchivedURL(archiveURL); ok {
		if i := slices.IndexFunc(queue, func(e annotate.Evidence) bool { return e.URL == original }); i >= 0 {
			return queue[i].ID
		}
	}
	if chosen >= 0 && chosen < len(queue) {
		return queue[chosen].ID
	}
	return ""
}

// attachArchive adds the archive URL to the record; undo puts the record
// back as it was.
func (d *Desk) attachArchive(prev annotate.Evidence, archiveURL string) bool {
	archiveURL = strings.TrimSpace(archiveURL)
	if !annotate.IsArchiveURL(archiveURL) && !annotate.ValidURL(archiveURL) {
		d.setStatus(fmt.Sprintf("%q is not an archive URL (Wayback, archive.today, perma.cc)", archiveURL))
		return false
	}
	label := "attach archive URL to " + brief(evidenceTitle(&prev))
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.AttachArchive(prev.ID, archiveURL)}}
	if !d.commitUndoable(redo, deskstate.UpdateEvidence(prev)) {
		return false
	}
	d.setStatus("archive URL attached to " + brief(evidenceTitle(&prev)))
	return true
}

// showArchiveQueue opens the Archive queue: the records to archive next
// time the machine is online, Copy list (their URLs, one a line), and a
// field to paste an archive URL into, which attaches to the record whose
// URL it archives (or to the record selected in the list).
func (d *Desk) showArchiveQueue() {
	queue, err := d.archiveQueue()
	if err != nil {
		d.showError(err)
		return
	}
	chosen := -1
	list := widget.NewList(func() int { return len(queue) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(queue[i].URL + " — " + evidenceTitle(&queue[i]))
		})
	list.OnSelected = func(i widget.ListItemID) { chosen = i }
	head := widget.NewLabel(fmt.Sprintf("%d %s to archive", len(queue), plural(len(queue), "source", "sources")))
	copyList := widget.NewButtonWithIcon("Copy list", theme.ContentCopyIcon(), func() {
		d.app.Clipboard().SetContent(archiveList(queue))
		d.setStatus(fmt.Sprintf("copied %d URLs to archive", len(queue)))
	})
	paste := widget.NewEntry()
	paste.SetPlaceHolder("Paste an archive URL (web.archive.org/web/…, archive.ph/…, perma.cc/…)")
	attach := func() {
		target := archiveTarget(queue, paste.Text, chosen)
		if target == "" {
			d.setStatus("select the source this archive URL keeps (its URL is not in it)")
			return
		}
		i := slices.IndexFunc(queue, func(e annotate.Evidence) bool { return e.ID == target })
		if d.attachArchive(queue[i], paste.Text) {
			queue = slices.Delete(queue, i, i+1)
			chosen = -1
			list.UnselectAll()
			list.Refresh()
			head.SetText(fmt.Sprintf("%d %s to archive", len(queue), plural(len(queue), "source", "sources")))
			paste.SetText("")
		}
	}
	paste.OnSubmitted = func(string) { attach() }
	attachButton := widget.NewButton("Attach", attach)
	top := container.NewBorder(nil, nil, nil, copyList, head)
	bottom := container.NewBorder(nil, nil, nil, attachButton, paste)
	dlg := dialog.NewCustom("Archive queue", "Close", container.NewBorder(top, bottom, nil, nil, list), d.win)
	size := d.win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(820, size.Width-40), min(480, size.Height-40)))
	dlg.Show()
	d.win.Canvas().Focus(paste)
}
