package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
	"github.com/factmark/factmark/ui/deskstate"
)

// fakeWorkflow stands in for the store's review, comment and evidence
// services where the project's store lacks them: it keeps what it is given
// in memory, writes corrected notes to the project, and logs each call, so
// that a test sees what the desk's writer asked for and in what order.
type fakeWorkflow struct {
	db *store.DB

	mu        sync.Mutex
	calls     []string
	comments  []annotate.Comment
	records   []annotate.Evidence
	snapshots map[string][]byte
}

func (f *fakeWorkflow) log(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

// Calls is the log so far.
func (f *fakeWorkflow) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeWorkflow) Approve(ctx context.Context, claimID, reviewer string) (*annotate.Claim, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("approve %s", reviewer)
	return &annotate.Claim{}, nil
}

func (f *fakeWorkflow) WithdrawApproval(ctx context.Context, claimID, reviewer, why string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("withdraw %s: %s", reviewer, why)
	return nil
}

func (f *fakeWorkflow) CorrectNote(ctx context.Context, n *annotate.Note, why string) error {
	f.mu.Lock()
	f.log("correct %q: %s", n.Verdict, why)
	f.mu.Unlock()
	return f.db.UpdateNote(ctx, n)
}

func (f *fakeWorkflow) CreateComment(ctx context.Context, c *annotate.Comment) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("comment %s by %s", c.Body, c.Author)
	f.comments = append(f.comments, *c)
	return nil
}

func (f *fakeWorkflow) UpdateComment(ctx context.Context, c *annotate.Comment) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("update comment %s resolved=%v", c.Body, c.Resolved)
	for i := range f.comments {
		if f.comments[i].ID == c.ID {
			f.comments[i] = *c
		}
	}
	return nil
}

func (f *fakeWorkflow) DeleteComment(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("delete comment")
	f.comments = slices.DeleteFunc(f.comments, func(c annotate.Comment) bool { return c.ID == id })
	return nil
}

func (f *fakeWorkflow) FindComments(ctx context.Context, articleID string) ([]annotate.Comment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.comments), nil
}

func (f *fakeWorkflow) FindEvidence(ctx context.Context) ([]annotate.EvidenceUse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []annotate.EvidenceUse
	for _, e := range f.records {
		out = append(out, annotate.EvidenceUse{Evidence: e})
	}
	return out, nil
}

func (f *fakeWorkflow) UpdateEvidence(ctx context.Context, e *annotate.Evidence) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("update evidence %s snapshot=%v archives=%d", e.Title, e.Snapshot != nil, len(e.Archives))
	return nil
}

func (f *fakeWorkflow) AttachSnapshot(ctx context.Context, evidenceID, name string, data []byte) (*annotate.Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("snapshot %s %d", name, len(data))
	if f.snapshots == nil {
		f.snapshots = map[string][]byte{}
	}
	f.snapshots[evidenceID] = data
	return deskstate.SnapshotOf(name, data), nil
}

func (f *fakeWorkflow) SnapshotData(ctx context.Context, evidenceID string) ([]byte, *annotate.Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	data, ok := f.snapshots[evidenceID]
	if !ok {
		return nil, nil, annotate.Errorf(annotate.ENOTFOUND, "no snapshot")
	}
	return data, deskstate.SnapshotOf("snap", data), nil
}

func (f *fakeWorkflow) AttachArchiveURL(ctx context.Context, evidenceID, archiveURL string) (*annotate.Evidence, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("archive %s", archiveURL)
	return &annotate.Evidence{ID: evidenceID, Archives: []string{archiveURL}}, nil
}

// workflowDesk is a test desk whose workflow services are the project's
// where it has them and the fake's where not, with two approvals required.
func workflowDesk(t *testing.T) (*testDesk, *fakeWorkflow) {
	t.Helper()
	f := &fakeWorkflow{}
	td := newTestDeskWrapped(t, nil, nil, func(svc Services, db *store.DB) Services {
		f.db = db
		if svc.Review == nil {
			svc.Review = f
		}
		if svc.Comments == nil {
			svc.Comments = f
		}
		if svc.Evidence == nil {
			svc.Evidence = f
		}
		return svc
	})
	s := deskstate.CloneSettings(td.settings)
	s.ApprovalsRequired = 2
	td.saveSettings(s, nil)
	td.hist = history{}
	td.flush()
	return td, f
}

// proposedClaim adds a claim with a note giving a verdict and moves it to
// verdict proposed, as a user does; it returns the claim's and note's IDs.
func proposedClaim(t *testing.T, td *testDesk) (claimID, noteID string) {
	t.Helper()
	td.view.SetSelection(td.rangeOf("Forty thousand people live along this route"))
	td.createClaim()
	claimID = td.Selected()
	td.createNote()
	noteID = td.Selected()
	verdict := td.settings.Scale.Labels()[0]
	td.updateNote(noteID, "", func(n *annotate.Note) { n.Verdict, n.Rationale = verdict, "The census says so." })
	for _, s := range []annotate.Status{annotate.StatusSelected, annotate.StatusResearching, annotate.StatusVerdictProposed} {
		if !td.moveClaim(claimID, s) {
			t.Fatalf("moving the claim to %s was refused: %s", s, td.status.Text)
		}
	}
	td.selectAnnotation(claimID, false)
	return claimID, noteID
}

// faked reports whether the desk's review service is the fake (the
// project's store lacks one): tests then check the fake's log, and else
// what the store holds.
func (f *fakeWorkflow) faked(td *testDesk) bool {
	r, ok := td.svc.Review.(*fakeWorkflow)
	return ok && r == f
}

// storedClaim is the claim as the project holds it once every change is
// written; no write may have failed.
func (td *testDesk) storedClaim(id string) annotate.Claim {
	td.t.Helper()
	ann := td.stored()
	if strings.Contains(td.status.Text, "not saved") {
		td.t.Fatalf("a change was not saved: %s", td.status.Text)
	}
	for _, c := range ann.Claims {
		if c.ID == id {
			return c
		}
	}
	td.t.Fatalf("the project has no claim %s", id)
	return annotate.Claim{}
}

// storedNote is the note as the project holds it.
func (td *testDesk) storedNote(id string) annotate.Note {
	td.t.Helper()
	for _, n := range td.stored().Notes {
		if n.ID == id {
			return n
		}
	}
	td.t.Fatalf("the project has no note %s", id)
	return annotate.Note{}
}
