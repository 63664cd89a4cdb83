package deskstate

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// workflowState is an article with a proposed claim and a note giving its
// verdict, two approvals required.
func workflowState() *State {
	s := &State{ArticleID: "art", Ann: &annotate.Annotations{}, Settings: annotate.Settings{ApprovalsRequired: 2}}
	claim := annotate.Claim{Meta: meta("c1"), Anchors: []annotate.Anchor{anchor(1, 5)}, Status: annotate.StatusVerdictProposed}
	note := annotate.Note{Meta: meta("n1"), ClaimID: "c1", Verdict: "False",
		Sources: []annotate.Evidence{{ID: "e1", URL: "https://a.example/"}}}
	s.Apply(Change{Ops: []Op{CreateClaim(claim), CreateNote(note)}})
	return s
}

// TestApplyWorkflow: approvals, withdrawals, corrections, evidence and
// comments change the state as the store changes the project, and a step
// applied again changes nothing.
func TestApplyWorkflow(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	edited := annotate.Note{Meta: meta("n1"), ClaimID: "c1", Verdict: "True",
		Sources: []annotate.Evidence{{ID: "e1", URL: "https://a.example/"}}}
	edited.Modified = t0.Add(time.Hour)
	stale := edited
	stale.Modified = t0.Add(-time.Hour)
	tests := []struct {
		name      string
		ops       []Op
		status    annotate.Status
		standing  int
		approvals int
		check     func(t *testing.T, s *State)
	}{
		{"one of two approvals", []Op{Approve("art", "c1", "Ana", t0)}, annotate.StatusVerdictProposed, 1, 1, nil},
		{"two approve it", []Op{Approve("art", "c1", "Ana", t0), Approve("art", "c1", "Bo", t0)}, annotate.StatusApproved, 2, 2, nil},
		{"applied again", []Op{Approve("art", "c1", "Ana", t0), Approve("art", "c1", "Ana", t0)}, annotate.StatusVerdictProposed, 1, 1, nil},
		{"a withdrawal falls short", []Op{Approve("art", "c1", "Ana", t0), Approve("art", "c1", "Bo", t0), Withdraw("art", "c1", "Bo", "undone", t0)},
			annotate.StatusVerdictProposed, 1, 2, func(t *testing.T, s *State) {
				if a := s.Ann.Claims[0].Approvals[1]; a.WithdrawnWhy != "undone" || a.Withdrawn == nil {
					t.Errorf("withdrawn approval %+v", a)
				}
			}},
		{"approved again after an undo", []Op{Approve("art", "c1", "Bo", t0), Withdraw("art", "c1", "Bo", "undone", t0), Approve("art", "c1", "Bo", t0)},
			annotate.StatusVerdictProposed, 1, 2, nil},
		{"an edited verdict withdraws them", []Op{Approve("art", "c1", "Ana", t0), Approve("art", "c1", "Bo", t0), UpdateNote(edited)},
			annotate.StatusVerdictProposed, 0, 2, func(t *testing.T, s *State) {
				for _, a := range s.Ann.Claims[0].Approvals {
					if a.WithdrawnWhy != StaleWhy {
						t.Errorf("approval %+v not withdrawn as stale", a)
					}
				}
			}},
		{"an edit whose note was last saved before the approval", []Op{Approve("art", "c1", "Ana", t0), UpdateNote(stale)},
			annotate.StatusVerdictProposed, 0, 1, func(t *testing.T, s *State) {
				// The desk's copy of a note has the Modified time of its
				// last save; the withdrawal is now, after the approval
				// (it read 14:25 for an approval at 14:26 in the window).
				if a := s.Ann.Claims[0].Approvals[0]; a.Withdrawn == nil || a.Withdrawn.Before(a.At) {
					t.Errorf("withdrawn at %v, before the approval at %v", a.Withdrawn, a.At)
				}
			}},
		{"evidence changed everywhere withdraws them", []Op{Approve("art", "c1", "Ana", t0), AttachArchive("e1", "https://web.archive.org/web/1/https://a.example/")},
			annotate.StatusVerdictProposed, 0, 1, func(t *testing.T, s *State) {
				if got := s.Ann.Notes[0].Sources[0].Archives; len(got) != 1 {
					t.Errorf("archives %q", got)
				}
			}},
		{"a correction", []Op{Correct(edited, "Ana", "verdict", "new figures"), Correct(edited, "Ana", "verdict", "new figures")},
			annotate.StatusCorrected, 0, 0, func(t *testing.T, s *State) {
				if c := s.Ann.Claims[0]; len(c.Corrections) != 1 || c.Corrections[0].Why != "new figures" || s.Ann.Notes[0].Verdict != "True" {
					t.Errorf("corrections %+v, verdict %q", c.Corrections, s.Ann.Notes[0].Verdict)
				}
			}},
		{"a snapshot", []Op{AttachSnapshot("e1", "a.pdf", []byte("%PDF-1.4 x"))}, annotate.StatusVerdictProposed, 0, 0,
			func(t *testing.T, s *State) {
				if sn := s.Ann.Notes[0].Sources[0].Snapshot; sn == nil || sn.MediaType != "application/pdf" || sn.Size != 10 {
					t.Errorf("snapshot %+v", sn)
				}
			}},
		{"comments", []Op{CreateComment(annotate.Comment{ID: "k1", ArticleID: "art", AnnotationID: "c1", Body: "?"}),
			CreateComment(annotate.Comment{ID: "k1", ArticleID: "art", AnnotationID: "c1", Body: "?"}),
			CreateComment(annotate.Comment{ID: "k2", ArticleID: "art", AnnotationID: "c1", Body: "!"}),
			DeleteComment(annotate.Comment{ID: "k2", ArticleID: "art", AnnotationID: "c1"})},
			annotate.StatusVerdictProposed, 0, 0, func(t *testing.T, s *State) {
				if len(s.Comments) != 1 || s.Comments[0].ID != "k1" || !s.CommentsChanged {
					t.Errorf("comments %+v", s.Comments)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := workflowState()
			s.Apply(Change{Ops: tt.ops})
			c := s.Ann.Claims[0]
			if c.Status != tt.status || len(c.ActiveReviewers()) != tt.standing || len(c.Approvals) != tt.approvals {
				t.Fatalf("status %s, %d standing of %d approvals; want %s, %d of %d", c.Status, len(c.ActiveReviewers()), len(c.Approvals),
					tt.status, tt.standing, tt.approvals)
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

// TestValidateWorkflow: the steps a user could get wrong are refused before
// they are queued, with what to do.
func TestValidateWorkflow(t *testing.T) {
	n := annotate.Note{Meta: meta("n1"), ClaimID: "c1", Verdict: "False"}
	tests := []struct {
		op   Op
		want string
	}{
		{Approve("art", "c1", " ", time.Now()), "reviewer: is empty"},
		{Withdraw("art", "c1", "Ana", "", time.Now()), "say why"},
		{Correct(n, "Ana", "verdict", " "), "say why the published verdict"},
		{CreateComment(annotate.Comment{ArticleID: "art", Body: "  "}), "comment: is empty"},
		{AttachArchive("e1", "archive.ph/x"), "not an http(s) URL"},
		{AttachSnapshot("e1", "empty.pdf", nil), "the file is empty"},
		{AttachSnapshot("e1", "run.exe", []byte{0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0}), "is not a snapshot"},
	}
	for _, tt := range tests {
		err := Change{Ops: []Op{tt.op}}.Validate("art", nil, nil)
		if err == nil || !strings.Contains(annotate.ErrorMessage(err), tt.want) {
			t.Errorf("%d: %v, want %q", tt.op.kind, err, tt.want)
		}
	}
}

// TestWorkflowOnStoreWithout: a store without the workflow services
// refuses their steps with a message, not a panic.
func TestWorkflowOnStoreWithout(t *testing.T) {
	for _, op := range []Op{Approve("art", "c1", "Ana", time.Now()), CreateComment(annotate.Comment{Body: "x"}), AttachArchive("e1", "https://a.example/")} {
		if err := op.write(context.Background(), nil); err == nil || !strings.Contains(annotate.ErrorMessage(err), "keeps no") {
			t.Errorf("%d on a store without it: %v", op.kind, err)
		}
	}
}

// notStanding is a review service whose every withdrawal finds no
// standing approval, as after a change withdrew it.
type notStanding struct{ Store }

func (notStanding) Approve(context.Context, string, string) (*annotate.Claim, error) { return nil, nil }
func (notStanding) WithdrawApproval(context.Context, string, string, string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "no standing approval")
}
func (notStanding) CorrectNote(context.Context, *annotate.Note, string) error { return nil }

// TestUndoApproveOfAWithdrawnApproval: undoing an approval that a change
// has withdrawn since does nothing (it is withdrawn already); a plain
// withdrawal of it is still refused.
func TestUndoApproveOfAWithdrawnApproval(t *testing.T) {
	s := notStanding{}
	if err := UndoApprove("art", "c1", "Bo", time.Now()).write(context.Background(), s); err != nil {
		t.Errorf("undo of a withdrawn approval: %v", err)
	}
	if err := Withdraw("art", "c1", "Bo", "why", time.Now()).write(context.Background(), s); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("a withdrawal of no approval: %v", err)
	}
}
