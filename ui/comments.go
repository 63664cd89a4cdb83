package ui

import (
	"fmt"
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

// loadComments reads the article's comments with the pending changes
// applied, as loadAnnotations does annotations; none when the project keeps
// none or they cannot be read (the status line says so).
func (d *Desk) loadComments(articleID string) []annotate.Comment {
	if d.svc.Comments == nil {
		return nil
	}
	pending := d.save.q.Pending()
	list, err := d.svc.Comments.FindComments(d.ctx, articleID)
	if err != nil {
		d.showError(fmt.Errorf("the comments could not be read: %w", err))
		return nil
	}
	st := deskstate.State{ArticleID: articleID, Comments: list}
	for _, c := range pending {
		st.Apply(c)
	}
	return st.Comments
}

// commentsOn is the annotation's comments, oldest first.
func (d *Desk) commentsOn(annotationID string) []annotate.Comment {
	var list []annotate.Comment
	for _, c := range d.comments {
		if c.AnnotationID == annotationID {
			list = append(list, c)
		}
	}
	return list
}

// findComment is the comment with the ID, or nil.
func (d *Desk) findComment(id string) *annotate.Comment {
	for i := range d.comments {
		if d.comments[i].ID == id {
			return &d.comments[i]
		}
	}
	return nil
}

// addComment adds a comment by the settings' annotator on the annotation,
// a reply when parentID is set; undo deletes it.
func (d *Desk) addComment(annotationID, parentID, body string) bool {
	body = strings.TrimSpace(body)
	if d.article == nil || d.svc.Comments == nil {
		d.setStatus("this project keeps no comments")
		return false
	}
	if body == "" {
		d.setStatus("write the comment first")
		return false
	}
	now := time.Now().UTC()
	c := annotate.Comment{ID: annotate.NewID(), ArticleID: d.article.ID, AnnotationID: annotationID, ParentID: parentID,
		Author: d.settings.Annotator, Body: body, Created: now, Modified: now}
	what := "comment on "
	if parentID != "" {
		what = "reply on "
	}
	label := what + d.describe(annotationID)
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.CreateComment(c)}}
	return d.commitUndoable(redo, deskstate.DeleteComment(c))
}

// resolveComment sets the resolved state of the thread the comment starts;
// undo sets it back.
func (d *Desk) resolveComment(id string, resolved bool) bool {
	c := d.findComment(id)
	if c == nil || c.Resolved == resolved {
		return false
	}
	old, next := *c, *c
	next.Resolved, next.Modified = resolved, time.Now().UTC()
	label := "resolve comment"
	if !resolved {
		label = "reopen comment"
	}
	label += " on " + d.describe(c.AnnotationID)
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.UpdateComment(next)}}
	return d.commitUndoable(redo, deskstate.UpdateComment(old))
}

// deleteComment deletes one's own comment and its replies; undo makes them
// again with their IDs and times.
func (d *Desk) deleteComment(id string) bool {
	c := d.findComment(id)
	if c == nil {
		return false
	}
	if c.Author != d.settings.Annotator {
		d.setStatus("only " + orDefault(c.Author, "its author") + " may delete this comment")
		return false
	}
	gone := append([]annotate.Comment{*c}, d.replies(id)...)
	var redoOps, undoOps []deskstate.Op
	for i := len(gone) - 1; i >= 0; i-- {
		redoOps = append(redoOps, deskstate.DeleteComment(gone[i]))
	}
	for _, g := range gone {
		undoOps = append(undoOps, deskstate.CreateComment(g))
	}
	label := "delete comment on " + d.describe(c.AnnotationID)
	redo := deskstate.Change{Label: label, Ops: redoOps}
	seq := d.commit(redo)
	if seq == 0 {
		return false
	}
	d.hist.push(edit{label: label, undo: deskstate.Change{Label: "undo " + label, Ops: undoOps}, redo: redo, seq: seq})
	d.refresh(true)
	return true
}

// replies are the comments under the comment, at any depth, in order.
func (d *Desk) replies(id string) []annotate.Comment {
	var out []annotate.Comment
	for _, c := range d.comments {
		if c.ParentID == id {
			out = append(out, c)
			out = append(out, d.replies(c.ID)...)
		}
	}
	return out
}

// commentsCard shows the annotation's threads, each reply under what it
// answers, with Reply, Resolve and (one's own) Delete, and a field to add
// a comment (Enter adds it).
func (d *Desk) commentsCard(annotationID string) fyne.CanvasObject {
	if d.svc.Comments == nil {
		return container.NewVBox()
	}
	list := d.commentsOn(annotationID)
	box := container.NewVBox()
	for _, c := range list {
		if c.ParentID == "" || d.findComment(c.ParentID) == nil {
			d.addThread(box, c, 0)
		}
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder("Add a comment (Enter)")
	add := widget.NewButtonWithIcon("Comment", theme.MailSendIcon(), func() { d.addComment(annotationID, "", entry.Text) })
	entry.OnSubmitted = func(s string) { d.addComment(annotationID, "", s) }
	open := 0
	for _, c := range list {
		if c.ParentID == "" && !c.Resolved {
			open++
		}
	}
	title := fmt.Sprintf("Comments (%d, %d open)", len(list), open)
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return widget.NewCard("", "", container.NewVBox(head, box, container.NewBorder(nil, nil, nil, add, entry)))
}

// addThread adds the comment and its replies to box, indented by depth.
func (d *Desk) addThread(box *fyne.Container, c annotate.Comment, depth int) {
	box.Add(d.commentRow(c, depth))
	for _, r := range d.comments {
		if r.ParentID == c.ID {
			d.addThread(box, r, depth+1)
		}
	}
}

// commentLabel is the comment's heading: author, time, and whether its
// thread is resolved.
func commentLabel(c *annotate.Comment) string {
	label := orDefault(c.Author, "(no name)") + " · " + when(c.Created)
	if c.ParentID != "" {
		label = "↳ " + label
	}
	if c.Resolved {
		label += " · resolved"
	}
	return label
}

func (d *Desk) commentRow(c annotate.Comment, depth int) fyne.CanvasObject {
	id := c.ID
	head := widget.NewLabelWithStyle(commentLabel(&c), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(c.Body)
	body.Wrapping = fyne.TextWrapWord
	if c.Resolved {
		body.Importance = widget.LowImportance
	}
	reply := widget.NewButton("Reply", func() { d.askReply(c.AnnotationID, id) })
	buttons := container.NewHBox(reply)
	if c.ParentID == "" {
		resolve := widget.NewButton("Resolve", func() { d.resolveComment(id, true) })
		if c.Resolved {
			resolve = widget.NewButton("Reopen", func() { d.resolveComment(id, false) })
		}
		buttons.Add(resolve)
	}
	if c.Author == d.settings.Annotator {
		buttons.Add(widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.deleteComment(id) }))
	}
	row := container.NewVBox(head, body, buttons)
	if depth == 0 {
		return row
	}
	indent := canvasSpacer(float32(min(depth, 4)) * 2 * theme.Padding() * 4)
	return container.NewBorder(nil, nil, indent, nil, row)
}

// askReply asks for a reply to the comment.
func (d *Desk) askReply(annotationID, parentID string) {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	dlg := dialog.NewForm("Reply", "Reply", "Cancel", []*widget.FormItem{widget.NewFormItem("Reply", e)}, func(ok bool) {
		if ok {
			d.addComment(annotationID, parentID, e.Text)
		}
	}, d.win)
	dlg.Resize(fyne.NewSize(min(480, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(e)
}

// askComment asks for a comment on the selected annotation (the command's
// key, Ctrl+M).
func (d *Desk) askComment() {
	id := d.selected
	if d.findKind(id) == noKind {
		d.setStatus("select an annotation to comment on")
		return
	}
	if d.svc.Comments == nil {
		d.setStatus("this project keeps no comments")
		return
	}
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	dlg := dialog.NewForm("Comment on "+d.describe(id), "Comment", "Cancel", []*widget.FormItem{widget.NewFormItem("Comment", e)}, func(ok bool) {
		if ok {
			d.addComment(id, "", e.Text)
		}
	}, d.win)
	dlg.Resize(fyne.NewSize(min(480, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(e)
}
