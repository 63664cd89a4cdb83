package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// The fact-check workflow on the desk (issue 13): approvals, corrections,
// comments, evidence records and the change history. Every action goes
// through commit, as every other edit does, and has its undo step.

// WithWorkflow fills the workflow services Services lacks from project,
// when it has them (the store implements them as it grows them): the desk
// offers approvals, comments, evidence records and history only where a
// service is there.
func WithWorkflow(svc Services, project any) Services {
	if e, ok := project.(annotate.EvidenceService); ok && svc.Evidence == nil {
		svc.Evidence = e
	}
	if r, ok := project.(annotate.ReviewService); ok && svc.Review == nil {
		svc.Review = r
	}
	if c, ok := project.(annotate.CommentService); ok && svc.Comments == nil {
		svc.Comments = c
	}
	if a, ok := project.(annotate.AuditService); ok && svc.Audit == nil {
		svc.Audit = a
	}
	if k, ok := project.(annotate.KnownCheckService); ok && svc.Checks == nil {
		svc.Checks = k
	}
	return svc
}

// commitUndoable commits redo as one step of the history whose undo runs
// undo, and redraws: the shape of every workflow action (approvals,
// corrections, comments, evidence).
func (d *Desk) commitUndoable(redo deskstate.Change, undo ...deskstate.Op) bool {
	seq := d.commit(redo)
	if seq == 0 {
		return false
	}
	back := deskstate.Change{Label: "undo " + redo.Label, Ops: undo}
	d.hist.push(edit{label: redo.Label, undo: back, redo: redo, seq: seq})
	d.refresh(true)
	return true
}

// errNoService is what the desk says of a workflow action the project's
// store does not offer.
func errNoService(what string) error {
	return annotate.Errorf(annotate.EINVALID, "this project keeps no %s: open it with a Factmark that does", what)
}

// The workflow services as the writer's store (deskstate writes through
// them when its Store implements them).
func (w writeServices) Approve(ctx context.Context, claimID, reviewer string) (*annotate.Claim, error) {
	if w.svc.Review == nil {
		return nil, errNoService("approvals")
	}
	return w.svc.Review.Approve(ctx, claimID, reviewer)
}
func (w writeServices) WithdrawApproval(ctx context.Context, claimID, reviewer, why string) error {
	if w.svc.Review == nil {
		return errNoService("approvals")
	}
	return w.svc.Review.WithdrawApproval(ctx, claimID, reviewer, why)
}
func (w writeServices) CorrectNote(ctx context.Context, n *annotate.Note, why string) error {
	if w.svc.Review == nil {
		return errNoService("corrections")
	}
	return w.svc.Review.CorrectNote(ctx, n, why)
}
func (w writeServices) CreateComment(ctx context.Context, c *annotate.Comment) error {
	if w.svc.Comments == nil {
		return errNoService("comments")
	}
	return w.svc.Comments.CreateComment(ctx, c)
}
func (w writeServices) UpdateComment(ctx context.Context, c *annotate.Comment) error {
	if w.svc.Comments == nil {
		return errNoService("comments")
	}
	return w.svc.Comments.UpdateComment(ctx, c)
}
func (w writeServices) DeleteComment(ctx context.Context, id string) error {
	if w.svc.Comments == nil {
		return errNoService("comments")
	}
	return w.svc.Comments.DeleteComment(ctx, id)
}
func (w writeServices) FindComments(ctx context.Context, articleID string) ([]annotate.Comment, error) {
	if w.svc.Comments == nil {
		return nil, errNoService("comments")
	}
	return w.svc.Comments.FindComments(ctx, articleID)
}
func (w writeServices) FindEvidence(ctx context.Context) ([]annotate.EvidenceUse, error) {
	if w.svc.Evidence == nil {
		return nil, errNoService("evidence records")
	}
	return w.svc.Evidence.FindEvidence(ctx)
}
func (w writeServices) UpdateEvidence(ctx context.Context, e *annotate.Evidence) error {
	if w.svc.Evidence == nil {
		return errNoService("evidence records")
	}
	return w.svc.Evidence.UpdateEvidence(ctx, e)
}
func (w writeServices) AttachSnapshot(ctx context.Context, evidenceID, name string, data []byte) (*annotate.Snapshot, error) {
	if w.svc.Evidence == nil {
		return nil, errNoService("snapshots")
	}
	return w.svc.Evidence.AttachSnapshot(ctx, evidenceID, name, data)
}
func (w writeServices) SnapshotData(ctx context.Context, evidenceID string) ([]byte, *annotate.Snapshot, error) {
	if w.svc.Evidence == nil {
		return nil, nil, errNoService("snapshots")
	}
	return w.svc.Evidence.SnapshotData(ctx, evidenceID)
}
func (w writeServices) AttachArchiveURL(ctx context.Context, evidenceID, archiveURL string) (*annotate.Evidence, error) {
	if w.svc.Evidence == nil {
		return nil, errNoService("archive URLs")
	}
	return w.svc.Evidence.AttachArchiveURL(ctx, evidenceID, archiveURL)
}

// undoneWhy is why an approval taken back with undo is withdrawn: the log
// is append-only, so an approval once given is never erased, only
// withdrawn.
const undoneWhy = "undone"

// approvalsRequired is how many reviewers the project wants (at least 1).
func (d *Desk) approvalsRequired() int { return max(d.settings.ApprovalsRequired, 1) }

// canApprove says whether reviewer may approve the claim now, and if not why.
func (d *Desk) canApprove(c *annotate.Claim, reviewer string) (bool, string) {
	if ok, why := d.approvable(c); !ok {
		return false, why
	}
	for _, name := range c.ActiveReviewers() {
		if strings.EqualFold(name, reviewer) {
			return false, reviewer + " has approved this verdict already"
		}
	}
	return true, ""
}

// approvable says whether anyone may approve the claim now, and if not why.
func (d *Desk) approvable(c *annotate.Claim) (bool, string) {
	switch {
	case d.svc.Review == nil:
		return false, "this project keeps no approvals"
	case !c.Status.Approvable():
		return false, "a claim is approved once its verdict is proposed (status: verdict proposed)"
	case !d.hasVerdict(c.ID):
		return false, "the claim has no note with a verdict to approve"
	}
	return true, ""
}

// hasVerdict reports whether a note on the claim gives a verdict.
func (d *Desk) hasVerdict(claimID string) bool {
	for _, n := range d.ann.Notes {
		if n.ClaimID == claimID && strings.TrimSpace(n.Verdict) != "" {
			return true
		}
	}
	return false
}

// approveClaim records reviewer's approval of the claim's verdict; undo
// withdraws it (why "undone"), redo approves again.
func (d *Desk) approveClaim(id, reviewer string) bool {
	c := d.findClaim(id)
	reviewer = strings.TrimSpace(reviewer)
	if c == nil || d.article == nil {
		return false
	}
	if ok, why := d.canApprove(c, reviewer); !ok {
		d.setStatus(why)
		return false
	}
	label := "approve " + d.describe(id) + " as " + reviewer
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.Approve(d.article.ID, id, reviewer, time.Now())}}
	if !d.commitUndoable(redo, deskstate.UndoApprove(d.article.ID, id, reviewer, time.Now())) {
		return false
	}
	d.setStatus(d.approvalCount(d.findClaim(id)))
	return true
}

// withdrawApproval withdraws reviewer's approval with why; undo approves
// again (a new approval: the withdrawn one stays on record).
func (d *Desk) withdrawApproval(id, reviewer, why string) bool {
	why = strings.TrimSpace(why)
	if d.findClaim(id) == nil || d.article == nil {
		return false
	}
	label := "withdraw " + reviewer + "'s approval of " + d.describe(id)
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.Withdraw(d.article.ID, id, reviewer, why, time.Now())}}
	return d.commitUndoable(redo, deskstate.Approve(d.article.ID, id, reviewer, time.Now()))
}

// approvalCount is "1 of 2 approvals".
func (d *Desk) approvalCount(c *annotate.Claim) string {
	return fmt.Sprintf("%d of %d approvals", len(c.ActiveReviewers()), d.approvalsRequired())
}

// correctNote saves next, a changed note of a published claim, as a
// correction with why; undo is a correction back, "undone: why".
func (d *Desk) correctNote(next annotate.Note, why string) bool {
	old := d.findNote(next.ID)
	why = strings.TrimSpace(why)
	if old == nil {
		return false
	}
	if why == "" {
		d.setStatus("say why the published verdict is corrected")
		return false
	}
	prev := cloneNote(*old)
	next.Modified = time.Now().UTC()
	what := correctionWhat(&prev, &next)
	author := d.settings.Annotator
	label := "correct " + d.describe(next.ID)
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.Correct(next, author, what, why)}}
	back := prev
	back.Modified = next.Modified.Add(time.Millisecond)
	if !d.commitUndoable(redo, deskstate.Correct(back, author, correctionWhat(&next, &prev), undoneWhy+": "+why)) {
		return false
	}
	d.setStatus("corrected: " + what)
	return true
}

// correctionWhat says what a correction changes, field by field.
func correctionWhat(old, next *annotate.Note) string {
	var parts []string
	if old.Verdict != next.Verdict {
		parts = append(parts, fmt.Sprintf("verdict: %q → %q", old.Verdict, next.Verdict))
	}
	if old.Rationale != next.Rationale {
		parts = append(parts, "rationale changed")
	}
	if annotate.ApprovalHash([]annotate.Note{{Sources: old.Sources}}) != annotate.ApprovalHash([]annotate.Note{{Sources: next.Sources}}) {
		parts = append(parts, "evidence changed")
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, "; ")
}

// publishedNote reports whether the note is on a published claim, whose
// verdict, rationale and evidence change only by correction.
func (d *Desk) publishedNote(n *annotate.Note) bool {
	c := d.findClaim(n.ClaimID)
	return c != nil && c.Status.Published()
}

// statusChoices are the statuses the claim may move to, after its own.
func statusChoices(s annotate.Status) []annotate.Status {
	return append([]annotate.Status{s}, s.Next()...)
}

// moveClaim moves the claim to status, one of the moves its status allows.
func (d *Desk) moveClaim(id string, to annotate.Status) bool {
	c := d.findClaim(id)
	if c == nil || c.Status == to {
		return false
	}
	if !c.Status.CanBecome(to) {
		d.setStatus(fmt.Sprintf("a claim %s cannot become %s", c.Status.Label(), to.Label()))
		return false
	}
	return d.updateClaim(id, "", func(x *annotate.Claim) { x.Status = to })
}

// when is a time as the desk shows it: local, to the minute.
func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// buttonRow sets buttons in a row across an editor, wrapping onto more
// rows where the panel is too narrow for them: an editor is never wider
// than its panel (it scrolls only up and down).
func (d *Desk) buttonRow(buttons ...fyne.CanvasObject) fyne.CanvasObject {
	width := func() float32 { return d.claims.edit.Size().Width - theme.ScrollBarSize() }
	return container.New(&wrapLayout{width: width}, buttons...)
}
