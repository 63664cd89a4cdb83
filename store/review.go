package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.ReviewService = (*DB)(nil)

// reviewMu serialises the changes that read a claim's approvals or a note
// before their transaction (UpdateClaim keeps the stored approvals,
// UpdateNote compares the note with the stored one) with the changes that
// write approvals, so that neither loses the other's. One process rarely
// has two projects open: one lock for all costs nothing.
var reviewMu sync.Mutex

// withdrawnWhy is why a change withdraws the approvals it invalidates.
const withdrawnWhy = "the verdict, rationale or evidence changed after approval"

// requiredApprovals is how many reviewers must approve a claim.
func requiredApprovals(s annotate.Settings) int { return max(s.ApprovalsRequired, 1) }

// findClaim reads the claim with the ID.
func findClaim(ctx context.Context, q queryer, id string) (*annotate.Claim, error) {
	byArticle, err := queryAnnotations(ctx, q, "WHERE a.id = ? AND a.kind = 'claim'", id)
	if err != nil {
		return nil, err
	}
	for _, all := range byArticle {
		return &all.Claims[0], nil
	}
	return nil, annotate.Errorf(annotate.ENOTFOUND, "no claim %s", id)
}

// readNote reads the note with the ID, with its sources.
func readNote(ctx context.Context, q queryer, id string) (*annotate.Note, error) {
	byArticle, err := queryAnnotations(ctx, q, "WHERE a.id = ? AND a.kind = 'note'", id)
	if err != nil {
		return nil, err
	}
	for _, all := range byArticle {
		return &all.Notes[0], nil
	}
	return nil, annotate.Errorf(annotate.ENOTFOUND, "no note %s", id)
}

// claimNotes reads the notes on the claim, with their sources.
func claimNotes(ctx context.Context, q queryer, claimID string) ([]annotate.Note, error) {
	byArticle, err := queryAnnotations(ctx, q, "WHERE a.claim_id = ? AND a.kind = 'note'", claimID)
	var notes []annotate.Note
	for _, all := range byArticle {
		notes = append(notes, all.Notes...)
	}
	return notes, err
}

// cloneClaim copies c deep enough for the audit log's "before".
func cloneClaim(c *annotate.Claim) *annotate.Claim {
	old := *c
	old.Approvals = slices.Clone(c.Approvals)
	old.Corrections = slices.Clone(c.Corrections)
	return &old
}

// saveClaim writes c's body, stamped modified, and logs the change from old
// as action.
func (db *DB) saveClaim(ctx context.Context, tx *sql.Tx, who, action string, old, c *annotate.Claim) error {
	if now := db.now(); now.After(c.Modified) {
		c.Modified = now
	}
	body, err := json.Marshal(claimRow(c).body)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE annotations SET body = ?, modified = ? WHERE id = ? AND kind = 'claim'",
		string(body), timeText(c.Modified), c.ID); err != nil {
		return err
	}
	return db.appendAudit(ctx, tx, who, change{action: action, kind: "claim", entity: c.ID, article: c.ArticleID,
		old: reviewRecord(old), new: reviewRecord(c)})
}

// reviewRecord is a claim as a review's entries compare it: without its
// times, which every save changes (each entry has its own), so that the
// entries are the approvals, corrections and status that changed.
func reviewRecord(c *annotate.Claim) annotate.Claim {
	r := *c
	r.Created, r.Modified = time.Time{}, time.Time{}
	return r
}

// withdrawStale withdraws c's standing approvals of another hash than
// hash, and moves an approved claim that falls short back to verdict
// proposed. It reports whether it changed anything.
func (db *DB) withdrawStale(c *annotate.Claim, hash, why string, required int) bool {
	now := db.now()
	changed := false
	for i := range c.Approvals {
		if a := &c.Approvals[i]; a.Active() && a.Hash != hash {
			a.Withdrawn, a.WithdrawnWhy = &now, why
			changed = true
		}
	}
	if changed && c.Status == annotate.StatusApproved && !c.Approved(required) {
		c.Status = annotate.StatusVerdictProposed
	}
	return changed
}

// recheckApprovals withdraws, in tx, the standing approvals of the claims
// whose ApprovalHash a change made in tx changed.
func (db *DB) recheckApprovals(ctx context.Context, tx *sql.Tx, who string, claimIDs []string) error {
	slices.Sort(claimIDs)
	var s annotate.Settings
	loaded := false
	for _, id := range slices.Compact(claimIDs) {
		if id == "" {
			continue
		}
		c, err := findClaim(ctx, tx, id)
		if annotate.ErrorCode(err) == annotate.ENOTFOUND {
			continue // deleted with the change
		} else if err != nil {
			return err
		}
		if len(c.ActiveReviewers()) == 0 {
			continue
		}
		if !loaded {
			if err := scanSettings(ctx, tx, &s); err != nil {
				return err
			}
			loaded = true
		}
		notes, err := claimNotes(ctx, tx, id)
		if err != nil {
			return err
		}
		old := cloneClaim(c)
		if db.withdrawStale(c, annotate.ApprovalHash(notes), withdrawnWhy, requiredApprovals(s)) {
			if err := db.saveClaim(ctx, tx, who, "withdraw", old, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// recheckAllApprovals rechecks every claim with approvals, after a change
// to many notes at once (a relabelling of the scale).
func (db *DB) recheckAllApprovals(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM annotations WHERE kind = 'claim' AND instr(body, '"approvals"') > 0`)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var s annotate.Settings
	if err := scanSettings(ctx, tx, &s); err != nil {
		return err
	}
	return db.recheckApprovals(ctx, tx, db.actor(ctx, s), ids)
}

// reviewTx runs fn on the stored claim in a write transaction, with the
// settings and the actor, and saves the claim as action when fn changed it.
func (db *DB) reviewTx(ctx context.Context, op, action, claimID string,
	fn func(tx *sql.Tx, c *annotate.Claim, s annotate.Settings) error) (*annotate.Claim, error) {
	if err := db.writable(op); err != nil {
		return nil, err
	}
	reviewMu.Lock()
	defer reviewMu.Unlock()
	var c *annotate.Claim
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var s annotate.Settings
		if err := scanSettings(ctx, tx, &s); err != nil {
			return err
		}
		var err error
		if c, err = findClaim(ctx, tx, claimID); err != nil {
			return err
		}
		old := cloneClaim(c)
		if err := fn(tx, c, s); err != nil {
			return err
		}
		if reflect.DeepEqual(old, c) {
			return nil
		}
		return db.saveClaim(ctx, tx, db.actor(ctx, s), action, old, c)
	})
	if err != nil {
		return nil, asAnnotateError(op, err)
	}
	return c, nil
}

// Approve records reviewer's approval of the claim's verdict as it is now
// (its ApprovalHash) and moves the claim to approved once the settings'
// number of reviewers approve.
func (db *DB) Approve(ctx context.Context, claimID, reviewer string) (*annotate.Claim, error) {
	reviewer = strings.TrimSpace(reviewer)
	if reviewer == "" {
		return nil, annotate.Errorf(annotate.EINVALID, "reviewer: is empty; give the name of who approves")
	}
	if err := annotate.CheckLine("reviewer", reviewer); err != nil {
		return nil, err
	}
	return db.reviewTx(ctx, "approve the claim", "approve", claimID, func(tx *sql.Tx, c *annotate.Claim, s annotate.Settings) error {
		if !c.Status.Approvable() {
			return annotate.Errorf(annotate.ECONFLICT, "claim %s is %s: only a claim whose verdict is proposed (or a published one's correction) can be approved", c.ID, c.Status.Label())
		}
		notes, err := claimNotes(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(notes, func(n annotate.Note) bool { return n.Verdict != "" }) {
			return annotate.Errorf(annotate.ECONFLICT, "claim %s has no note with a verdict: there is nothing to approve yet", c.ID)
		}
		hash := annotate.ApprovalHash(notes)
		db.withdrawStale(c, hash, withdrawnWhy, requiredApprovals(s))
		for _, a := range c.Approvals {
			if a.Active() && a.Reviewer == reviewer {
				return annotate.Errorf(annotate.ECONFLICT, "%s approved claim %s already (%s); an approval counts once per reviewer", reviewer, c.ID, a.At.Format("2006-01-02 15:04"))
			}
		}
		c.Approvals = append(c.Approvals, annotate.Approval{Reviewer: reviewer, At: db.now(), Hash: hash})
		if c.Status == annotate.StatusVerdictProposed && c.Approved(requiredApprovals(s)) {
			c.Status = annotate.StatusApproved
		}
		return nil
	})
}

// WithdrawApproval withdraws reviewer's standing approval of the claim,
// with why; an approved claim that falls short goes back to verdict
// proposed.
func (db *DB) WithdrawApproval(ctx context.Context, claimID, reviewer, why string) error {
	why = strings.TrimSpace(why)
	if why == "" {
		return annotate.Errorf(annotate.EINVALID, "why: is empty; say why the approval is withdrawn")
	}
	if err := annotate.CheckText("why", why); err != nil {
		return err
	}
	_, err := db.reviewTx(ctx, "withdraw the approval", "withdraw", claimID, func(tx *sql.Tx, c *annotate.Claim, s annotate.Settings) error {
		now := db.now()
		found := false
		for i := range c.Approvals {
			if a := &c.Approvals[i]; a.Active() && a.Reviewer == strings.TrimSpace(reviewer) {
				a.Withdrawn, a.WithdrawnWhy = &now, why
				found = true
			}
		}
		if !found {
			return annotate.Errorf(annotate.ENOTFOUND, "claim %s has no standing approval by %s", c.ID, reviewer)
		}
		if c.Status == annotate.StatusApproved && !c.Approved(requiredApprovals(s)) {
			c.Status = annotate.StatusVerdictProposed
		}
		return nil
	})
	return err
}

// CorrectNote changes a note of a published claim: the claim records the
// correction (what changed, when, by whom, why) and becomes corrected; the
// approvals of the verdict as it was are withdrawn.
func (db *DB) CorrectNote(ctx context.Context, n *annotate.Note, why string) error {
	why = strings.TrimSpace(why)
	if why == "" {
		return annotate.Errorf(annotate.EINVALID, "why: is empty; a correction says why it was made")
	}
	if err := annotate.CheckText("why", why); err != nil {
		return err
	}
	reviewMu.Lock()
	defer reviewMu.Unlock()
	return db.update(ctx, &n.Meta, func(t *annotate.Text) (row, error) {
		return db.noteRow(ctx, n, t, noteEdit{correct: true, why: why})
	})
}

// noteEdit is which change of a note db.noteRow builds: a create, an
// update (update) or a correction (correct, with why).
type noteEdit struct {
	update, correct bool
	why             string
}

// noteHook is what a note's save does in its transaction after the row:
// write its sources as records, refuse a plain change of a published
// verdict, record a correction, and withdraw the approvals the change
// invalidates. The stored note is read first, for the comparison.
func (db *DB) noteHook(ctx context.Context, n *annotate.Note, s annotate.Settings, edit noteEdit) (func(context.Context, *sql.Tx) error, error) {
	var old *annotate.Note
	if edit.update || edit.correct {
		var err error
		if old, err = readNote(ctx, db.db, n.ID); annotate.ErrorCode(err) == annotate.ENOTFOUND {
			return nil, annotate.Errorf(annotate.ENOTFOUND, "no note %s in this article", n.ID)
		} else if err != nil {
			return nil, dbError("save annotation", err)
		}
	}
	if edit.correct && (n.ClaimID == "" || n.ClaimID != old.ClaimID) {
		return nil, annotate.Errorf(annotate.EINVALID, "claim: a correction changes a note of its published claim; it cannot move the note")
	}
	who := db.actor(ctx, s)
	return func(ctx context.Context, tx *sql.Tx) error {
		l := newLinker(tx)
		defer l.close()
		changes, err := l.link(ctx, n.ID, n.Sources, n.Modified, old == nil)
		if err != nil {
			return err
		}
		if err := db.appendAudit(ctx, tx, who, changes...); err != nil {
			return err
		}
		claims := []string{n.ClaimID}
		if old != nil {
			claims = append(claims, old.ClaimID)
			if err := db.checkPublished(ctx, tx, who, old, n, edit); err != nil {
				return err
			}
		}
		for _, c := range changes {
			if c.action == "update" {
				using, err := claimsUsing(ctx, tx, c.entity)
				if err != nil {
					return err
				}
				claims = append(claims, using...)
			}
		}
		return db.recheckApprovals(ctx, tx, who, claims)
	}, nil
}

// checkPublished compares the note as saved in tx with old: a plain update
// that changes what a published claim's reviewers approved is refused; a
// correction must change it, and is recorded on the claim.
func (db *DB) checkPublished(ctx context.Context, tx *sql.Tx, who string, old, n *annotate.Note, edit noteEdit) error {
	for _, id := range slices.Compact([]string{old.ClaimID, n.ClaimID}) {
		if id == "" {
			continue
		}
		c, err := findClaim(ctx, tx, id)
		if err != nil {
			return err
		}
		cur, err := readNote(ctx, tx, n.ID)
		if err != nil {
			return err
		}
		what := correctionWhat(old, cur, old.ClaimID != n.ClaimID)
		switch {
		case edit.correct && !c.Status.Published():
			return annotate.Errorf(annotate.ECONFLICT, "claim %s is %s, not published: edit its note instead of correcting it", c.ID, c.Status.Label())
		case edit.correct && what == "":
			return annotate.Errorf(annotate.EINVALID, "the correction changes neither the verdict, the rationale nor the evidence of note %s; there is nothing to correct", n.ID)
		case edit.correct:
			n.Sources = cur.Sources
			before := cloneClaim(c)
			c.Corrections = append(c.Corrections, annotate.Correction{At: db.now(), Author: who, What: what, Why: edit.why})
			c.Status = annotate.StatusCorrected
			if err := db.saveClaim(ctx, tx, who, "correct", before, c); err != nil {
				return err
			}
		case c.Status.Published() && what != "":
			return annotate.Errorf(annotate.ECONFLICT, "claim %s is published: a change to its verdict, rationale or evidence is a correction — make it a correction, with why", c.ID)
		}
	}
	return nil
}

// correctionWhat says what changed from old to cur of what reviewers
// approve, or "" when nothing did.
func correctionWhat(old, cur *annotate.Note, moved bool) string {
	var what []string
	if old.Verdict != cur.Verdict {
		what = append(what, fmt.Sprintf("verdict: %q → %q", old.Verdict, cur.Verdict))
	}
	if old.Rationale != cur.Rationale {
		what = append(what, "rationale changed")
	}
	if !reflect.DeepEqual(old.Sources, cur.Sources) {
		what = append(what, "evidence changed")
	}
	if moved {
		what = append(what, "moved to another claim")
	}
	return strings.Join(what, "; ")
}

// keepReview gives c the stored claim's approvals and corrections, and
// refuses a move to a status that needs approvals it lacks.
func (db *DB) keepReview(ctx context.Context, c *annotate.Claim) error {
	stored, err := storedReview(ctx, db.db, c.ID, c.ArticleID)
	if err != nil {
		return dbError("save annotation", err)
	}
	c.Approvals, c.Corrections = stored.Approvals, stored.Corrections
	if c.Status == stored.Status {
		return nil
	}
	return db.checkApprovedStatus(ctx, c)
}

// storedReview reads what review keeps of the stored claim with the ID in
// the article: its status, approvals and corrections (the rest of its body
// is decoded too, and dropped). It reads the one row and its body, not the
// claim as findClaim builds it, which was a fifth of an edit's time.
func storedReview(ctx context.Context, q queryer, id, articleID string) (*claimBody, error) {
	var body string
	err := q.QueryRowContext(ctx, "SELECT body FROM annotations WHERE id = ? AND kind = 'claim' AND article_id = ?",
		id, articleID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no claim %s in this article", id)
	} else if err != nil {
		return nil, err
	}
	var b claimBody
	if err := decodeBody(body, &b); err != nil {
		return nil, fmt.Errorf("annotation %s: %w", id, err)
	}
	return &b, nil
}

// checkApprovedStatus refuses approved, published and corrected for a claim
// without the approvals the settings require.
func (db *DB) checkApprovedStatus(ctx context.Context, c *annotate.Claim) error {
	switch c.Status {
	case annotate.StatusApproved, annotate.StatusPublished, annotate.StatusCorrected:
	default:
		return nil
	}
	s, err := db.writerSettings(ctx)
	if err != nil {
		return err
	}
	if need := requiredApprovals(s); !c.Approved(need) {
		return annotate.Errorf(annotate.EINVALID, "status: %s needs the approval of %d different reviewers; claim %s has %d — approve its verdict first",
			c.Status.Label(), need, c.ID, len(c.ActiveReviewers()))
	}
	return nil
}

// deleteHook is DeleteAnnotation's part of the workflow, run in its
// transaction before the row is deleted: it logs the comments the delete
// takes with it, and returns what to run after the delete: withdrawing the
// approvals of the claim a deleted note was on.
func (db *DB) deleteHook(ctx context.Context, tx *sql.Tx, id string) (after func() error, err error) {
	var s annotate.Settings
	if err := scanSettings(ctx, tx, &s); err != nil {
		return nil, err
	}
	who := db.actor(ctx, s)
	var claimID sql.NullString
	err = tx.QueryRowContext(ctx, "SELECT claim_id FROM annotations WHERE id = ? AND kind = 'note'", id).Scan(&claimID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if err := db.auditCascade(ctx, tx, who, `SELECT `+commentCols+` FROM comments c
		WHERE c.annotation_id = ? OR c.annotation_id IN (SELECT id FROM annotations WHERE claim_id = ?)`, id, id); err != nil {
		return nil, err
	}
	return func() error { return db.recheckApprovals(ctx, tx, who, []string{claimID.String}) }, nil
}
