package deskstate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
)

// The fact-check workflow's steps (issue 13): sign-offs, corrections,
// comments and evidence records. Each is applied to the desk's state as the
// store applies it, so the desk shows it at once, and written through the
// store's workflow services, which a Store may implement (a store without
// them refuses the step with a message, and the desk goes back to what the
// store holds).
const (
	approveClaim opKind = iota + 100
	withdrawApproval
	correctNote
	createComment
	updateComment
	deleteComment
	updateEvidence
	attachArchive
	attachSnapshot
)

// workflowOp is what a workflow step carries besides Op's own fields.
type workflowOp struct {
	claimID  string
	reviewer string
	why      string
	at       time.Time
	comment  annotate.Comment
	evidence annotate.Evidence
	archive  string
	what     string             // correctNote: what changed
	snapshot *annotate.Snapshot // attachSnapshot: what data is
	data     []byte
	// ifStanding makes a withdrawal of an approval that no longer stands
	// (a change withdrew it already) a step that does nothing.
	ifStanding bool
}

// Approve records reviewer's approval of the claim's verdict at the time.
// An approval is never taken back by undo: the log is append-only, so undo
// withdraws it (Withdraw with why "undone").
func Approve(articleID, claimID, reviewer string, at time.Time) Op {
	return Op{kind: approveClaim, articleID: articleID, wf: &workflowOp{claimID: claimID, reviewer: reviewer, at: at.UTC()}}
}

// UndoApprove is the undo of an approval: it withdraws reviewer's approval
// with why "undone" when it still stands, and does nothing when a change
// has withdrawn it since.
func UndoApprove(articleID, claimID, reviewer string, at time.Time) Op {
	op := Withdraw(articleID, claimID, reviewer, "undone", at)
	op.wf.ifStanding = true
	return op
}

// Withdraw withdraws reviewer's standing approval of the claim, with why.
func Withdraw(articleID, claimID, reviewer, why string, at time.Time) Op {
	return Op{kind: withdrawApproval, articleID: articleID, wf: &workflowOp{claimID: claimID, reviewer: reviewer, why: why, at: at.UTC()}}
}

// Correct saves a changed note of a published claim as a correction: the
// claim records what changed (what), by whom, when and why, and becomes
// corrected.
func Correct(n annotate.Note, author, what, why string) Op {
	return Op{kind: correctNote, note: CloneNote(n), articleID: n.ArticleID,
		wf: &workflowOp{claimID: n.ClaimID, reviewer: author, why: why, what: what, at: n.Modified.UTC()}}
}

// CreateComment adds a stamped comment (ID and times set).
func CreateComment(c annotate.Comment) Op {
	return Op{kind: createComment, articleID: c.ArticleID, wf: &workflowOp{comment: c}}
}

// UpdateComment saves a comment's body or resolved state.
func UpdateComment(c annotate.Comment) Op {
	return Op{kind: updateComment, articleID: c.ArticleID, wf: &workflowOp{comment: c}}
}

// DeleteComment deletes the comment (the desk offers it to its author).
func DeleteComment(c annotate.Comment) Op {
	return Op{kind: deleteComment, articleID: c.ArticleID, wf: &workflowOp{comment: c}}
}

// UpdateEvidence changes an evidence record everywhere it is used; its
// snapshot stays (AttachSnapshot replaces it, nothing removes it).
func UpdateEvidence(e annotate.Evidence) Op {
	return Op{kind: updateEvidence, wf: &workflowOp{evidence: cloneEvidence(e)}}
}

// AttachArchive adds an archive URL to the record with the ID.
func AttachArchive(evidenceID, archiveURL string) Op {
	return Op{kind: attachArchive, wf: &workflowOp{evidence: annotate.Evidence{ID: evidenceID}, archive: archiveURL}}
}

// AttachSnapshot stores data, a file called name, as the record's snapshot.
func AttachSnapshot(evidenceID, name string, data []byte) Op {
	return Op{kind: attachSnapshot, wf: &workflowOp{evidence: annotate.Evidence{ID: evidenceID},
		snapshot: SnapshotOf(name, data), data: data}}
}

// SnapshotOf describes data as the store will: its name, sniffed type,
// size and SHA-256.
func SnapshotOf(name string, data []byte) *annotate.Snapshot {
	kind, _, _ := strings.Cut(http.DetectContentType(data), ";")
	sum := sha256.Sum256(data)
	return &annotate.Snapshot{Name: name, MediaType: kind, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// Comment is the comment a comment step carries.
func (op Op) Comment() (annotate.Comment, bool) {
	if op.wf == nil {
		return annotate.Comment{}, false
	}
	switch op.kind {
	case createComment, updateComment, deleteComment:
		return op.wf.comment, true
	}
	return annotate.Comment{}, false
}

func cloneEvidence(e annotate.Evidence) annotate.Evidence {
	e.Archives = slices.Clone(e.Archives)
	if e.Snapshot != nil {
		s := *e.Snapshot
		e.Snapshot = &s
	}
	return e
}

// errNoWorkflow is the error of a workflow step on a store without the
// service it needs.
func errNoWorkflow(what string) error {
	return annotate.Errorf(annotate.EINVALID, "this project keeps no %s yet: open it with a newer Factmark", what)
}

// writeWorkflow writes a workflow step through the service that takes it.
func (op Op) writeWorkflow(ctx context.Context, s Store) error {
	w := op.wf
	switch op.kind {
	case approveClaim, withdrawApproval, correctNote:
		rs, ok := s.(annotate.ReviewService)
		if !ok {
			return errNoWorkflow("approvals or corrections")
		}
		switch op.kind {
		case approveClaim:
			_, err := rs.Approve(annotate.WithActor(ctx, w.reviewer), w.claimID, w.reviewer)
			return err
		case withdrawApproval:
			err := rs.WithdrawApproval(ctx, w.claimID, w.reviewer, w.why)
			if w.ifStanding && annotate.ErrorCode(err) == annotate.ENOTFOUND {
				return nil // withdrawn already
			}
			return err
		}
		n := CloneNote(op.note)
		return rs.CorrectNote(annotate.WithActor(ctx, w.reviewer), &n, w.why)
	case createComment, updateComment, deleteComment:
		cs, ok := s.(annotate.CommentService)
		if !ok {
			return errNoWorkflow("comments")
		}
		c := w.comment
		switch op.kind {
		case createComment:
			return cs.CreateComment(annotate.WithActor(ctx, c.Author), &c)
		case updateComment:
			return cs.UpdateComment(ctx, &c)
		}
		return cs.DeleteComment(ctx, c.ID)
	}
	es, ok := s.(annotate.EvidenceService)
	if !ok {
		return errNoWorkflow("evidence records")
	}
	switch op.kind {
	case updateEvidence:
		e := cloneEvidence(w.evidence)
		return es.UpdateEvidence(ctx, &e)
	case attachArchive:
		_, err := es.AttachArchiveURL(ctx, w.evidence.ID, w.archive)
		return err
	case attachSnapshot:
		_, err := es.AttachSnapshot(ctx, w.evidence.ID, w.snapshot.Name, w.data)
		return err
	}
	return annotate.Errorf(annotate.EINTERNAL, "unknown change %d", op.kind)
}

// validateWorkflow checks a workflow step before it is queued.
func (op Op) validateWorkflow(text *annotate.Text, scale *annotate.Scale) error {
	w := op.wf
	switch op.kind {
	case approveClaim, withdrawApproval:
		if strings.TrimSpace(w.reviewer) == "" {
			return annotate.Errorf(annotate.EINVALID, "reviewer: is empty; give the reviewer's name (Settings → Your name)")
		}
		if op.kind == withdrawApproval && strings.TrimSpace(w.why) == "" {
			return annotate.Errorf(annotate.EINVALID, "withdrawal: say why the approval is withdrawn")
		}
	case correctNote:
		if strings.TrimSpace(w.why) == "" {
			return annotate.Errorf(annotate.EINVALID, "correction: say why the published verdict is corrected")
		}
		if text != nil && !op.note.Orphan {
			return op.note.Validate(text, scale)
		}
	case createComment, updateComment:
		if strings.TrimSpace(w.comment.Body) == "" {
			return annotate.Errorf(annotate.EINVALID, "comment: is empty; write something")
		}
		return annotate.CheckText("comment", w.comment.Body)
	case attachArchive:
		if !annotate.ValidURL(strings.TrimSpace(w.archive)) {
			return annotate.Errorf(annotate.EINVALID, "archive URL: %q is not an http(s) URL", w.archive)
		}
	case attachSnapshot:
		switch {
		case w.snapshot.Size == 0:
			return annotate.Errorf(annotate.EINVALID, "snapshot %s: the file is empty", w.snapshot.Name)
		case w.snapshot.Size > annotate.MaxSnapshotSize:
			return annotate.Errorf(annotate.EINVALID, "snapshot %s: %d MB is over the %d MB a project keeps; attach a smaller file",
				w.snapshot.Name, w.snapshot.Size>>20, annotate.MaxSnapshotSize>>20)
		case !slices.Contains(annotate.SnapshotMediaTypes, w.snapshot.MediaType):
			return annotate.Errorf(annotate.EINVALID, "snapshot %s: a %s file is not a snapshot; attach a PDF, HTML page, image or text",
				w.snapshot.Name, w.snapshot.MediaType)
		}
	}
	return nil
}

// applyWorkflow makes a workflow step in the state as the store makes it.
// Each step is harmless applied again (see Apply).
func (s *State) applyWorkflow(op Op) {
	w := op.wf
	switch op.kind {
	case createComment, updateComment:
		if op.articleID == s.ArticleID {
			s.Comments = put(s.Comments, w.comment, func(c *annotate.Comment) string { return c.ID })
			s.CommentsChanged = true
			s.touch(w.comment.AnnotationID)
		}
		return
	case deleteComment:
		if op.articleID == s.ArticleID {
			s.Comments = slices.DeleteFunc(s.Comments, func(c annotate.Comment) bool { return c.ID == w.comment.ID })
			s.CommentsChanged = true
			s.touch(w.comment.AnnotationID)
		}
		return
	}
	if s.Ann == nil {
		return
	}
	s.bind()
	switch op.kind {
	case updateEvidence, attachArchive, attachSnapshot:
		s.applyEvidence(op)
		return
	}
	if op.articleID != s.ArticleID {
		return
	}
	i := s.Index.Claim(s.Ann, w.claimID)
	if i < 0 {
		return
	}
	c := &s.Ann.Claims[i]
	switch op.kind {
	case approveClaim:
		s.approve(c, w)
	case withdrawApproval:
		s.withdraw(c, w.reviewer, w.why, w.at)
	case correctNote:
		s.correct(c, op)
	}
	s.touch(c.ID)
}

func (s *State) approve(c *annotate.Claim, w *workflowOp) {
	at := w.at
	for _, a := range c.Approvals {
		if a.Reviewer == w.reviewer && a.At.Equal(w.at) {
			if a.Active() {
				return // applied already
			}
			at = time.Now().UTC() // approved again (redo): a new approval
		}
	}
	c.Approvals = append(slices.Clone(c.Approvals), annotate.Approval{Reviewer: w.reviewer, At: at, Hash: s.approvalHash(c.ID)})
	if c.Status == annotate.StatusVerdictProposed && c.Approved(s.Settings.ApprovalsRequired) {
		c.Status = annotate.StatusApproved
	}
}

// withdraw withdraws the standing approvals of reviewer ("" for every
// reviewer); an approved claim that falls short goes back to verdict
// proposed.
func (s *State) withdraw(c *annotate.Claim, reviewer, why string, at time.Time) bool {
	changed := false
	for j := range c.Approvals {
		if a := &c.Approvals[j]; a.Active() && (reviewer == "" || a.Reviewer == reviewer) {
			if !changed {
				c.Approvals = slices.Clone(c.Approvals)
				a = &c.Approvals[j]
			}
			t := at
			if t.Before(a.At) {
				t = time.Now().UTC() // an undo step made before the approval it takes back
			}
			a.Withdrawn, a.WithdrawnWhy, changed = &t, why, true
		}
	}
	if c.Status == annotate.StatusApproved && !c.Approved(s.Settings.ApprovalsRequired) {
		c.Status = annotate.StatusVerdictProposed
	}
	return changed
}

func (s *State) correct(c *annotate.Claim, op Op) {
	w := op.wf
	for _, k := range c.Corrections {
		if k.At.Equal(w.at) && k.Why == w.why {
			return
		}
	}
	v := CloneNote(op.note)
	s.Ann.Notes, _ = place(s.Index, s.Ann.Notes, kindNote, v.ID, v, s.noteKey)
	s.touch(v.ID)
	c.Corrections = append(slices.Clone(c.Corrections), annotate.Correction{At: w.at, Author: w.reviewer, What: w.what, Why: w.why})
	c.Status = annotate.StatusCorrected
	s.withdrawStale(c.ID, w.at)
}

// applyEvidence changes the record in every note of the article that uses it.
func (s *State) applyEvidence(op Op) {
	w := op.wf
	for i := range s.Ann.Notes {
		n := &s.Ann.Notes[i]
		for j := range n.Sources {
			e := &n.Sources[j]
			if e.ID != w.evidence.ID {
				continue
			}
			n.Sources = slices.Clone(n.Sources)
			e = &n.Sources[j]
			switch op.kind {
			case updateEvidence:
				snap := e.Snapshot // the store keeps it: only AttachSnapshot changes it
				*e = cloneEvidence(w.evidence)
				e.Snapshot = snap
			case attachArchive:
				if !slices.Contains(e.Archives, w.archive) {
					e.Archives = append(slices.Clone(e.Archives), w.archive)
				}
			case attachSnapshot:
				snap := *w.snapshot
				e.Snapshot = &snap
			}
			s.touch(n.ID)
			s.withdrawStale(n.ClaimID, time.Now())
		}
	}
}

// approvalHash is the ApprovalHash of the claim's notes as they are now.
func (s *State) approvalHash(claimID string) string {
	var notes []annotate.Note
	for _, n := range s.Ann.Notes {
		if n.ClaimID == claimID {
			notes = append(notes, n)
		}
	}
	return annotate.ApprovalHash(notes)
}

// withdrawStale withdraws, as the store does, the standing approvals of the
// claim that approved what its notes no longer say.
func (s *State) withdrawStale(claimID string, at time.Time) {
	if claimID == "" {
		return
	}
	i := s.Index.Claim(s.Ann, claimID)
	if i < 0 {
		return
	}
	c := &s.Ann.Claims[i]
	hash := s.approvalHash(claimID)
	stale := false
	for _, a := range c.Approvals {
		stale = stale || a.Active() && a.Hash != hash
	}
	if !stale {
		return
	}
	c.Approvals = slices.Clone(c.Approvals)
	for j := range c.Approvals {
		if a := &c.Approvals[j]; a.Active() && a.Hash != hash {
			t := at.UTC()
			a.Withdrawn, a.WithdrawnWhy = &t, StaleWhy
		}
	}
	if c.Status == annotate.StatusApproved && !c.Approved(s.Settings.ApprovalsRequired) {
		c.Status = annotate.StatusVerdictProposed
	}
	s.touch(c.ID)
}

// StaleWhy is why an approval of something that changed was withdrawn.
const StaleWhy = "the verdict, rationale or evidence changed after approval"

// noteClaim is the claim of the note with the ID, or "".
func (s *State) noteClaim(id string) string {
	if i := s.Index.Note(s.Ann, id); i >= 0 {
		return s.Ann.Notes[i].ClaimID
	}
	return ""
}
