package store

import (
	"context"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// proposed is a claim with a verdict proposed: its note has a verdict and
// a source.
func proposed(t *testing.T, f *fixture) (*annotate.Claim, *annotate.Note) {
	t.Helper()
	c := f.claim(t)
	c.Status = annotate.StatusVerdictProposed
	f.mustCreate(t, c)
	n := &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID, Verdict: "False",
		Rationale: "The 2025 figure is 9 %.", Sources: []annotate.Evidence{{URL: "https://example.org/budget", Title: "Budget"}}}
	f.mustCreate(t, n)
	return c, n
}

func storedClaim(t *testing.T, f *fixture, id string) *annotate.Claim {
	t.Helper()
	c, err := findClaim(context.Background(), f.db.rd, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func setApprovals(t *testing.T, f *fixture, n int) {
	t.Helper()
	s, err := f.db.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.ApprovalsRequired = n
	if err := f.db.UpdateSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

func approve(t *testing.T, f *fixture, id, reviewer string) *annotate.Claim {
	t.Helper()
	c, err := f.db.Approve(context.Background(), id, reviewer)
	if err != nil {
		t.Fatalf("Approve(%s): %v", reviewer, err)
	}
	return c
}

func TestApprove(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	setApprovals(t, f, 2)
	c, n := proposed(t, f)
	got := approve(t, f, c.ID, "Ana")
	if got.Status != annotate.StatusVerdictProposed || len(got.Approvals) != 1 {
		t.Fatalf("after one approval of two: %s, %+v", got.Status, got.Approvals)
	}
	a := got.Approvals[0]
	if a.Reviewer != "Ana" || a.At.IsZero() || a.Hash != annotate.ApprovalHash([]annotate.Note{*findNoteIn(t, f, n.ID)}) || !a.Active() {
		t.Errorf("approval = %+v", a)
	}
	_, err := f.db.Approve(ctx, c.ID, "Ana")
	wantError(t, err, annotate.ECONFLICT, "Ana", "already")
	got = approve(t, f, c.ID, "Ben")
	if got.Status != annotate.StatusApproved || len(got.ActiveReviewers()) != 2 {
		t.Fatalf("after two approvals: %s, %+v", got.Status, got.Approvals)
	}
	if s := storedClaim(t, f, c.ID); s.Status != annotate.StatusApproved || len(s.Approvals) != 2 {
		t.Errorf("stored claim: %s %+v", s.Status, s.Approvals)
	}
	// A third reviewer may add to an approved claim.
	if got := approve(t, f, c.ID, "Chloé"); got.Status != annotate.StatusApproved || len(got.Approvals) != 3 {
		t.Errorf("a third approval: %s, %d", got.Status, len(got.Approvals))
	}
	wantAudit(t, f.db, c.ID, "approve", "claim", -1)

	for _, tc := range []struct {
		name     string
		claim    func() string
		reviewer string
		code     string
		parts    []string
	}{
		{"a claim being researched", func() string { x := f.claim(t); f.mustCreate(t, x); return x.ID }, "Ana", annotate.ECONFLICT, []string{"researching", "proposed"}},
		{"no verdict", func() string {
			x := f.claim(t)
			x.Status = annotate.StatusVerdictProposed
			f.mustCreate(t, x)
			f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: x.ID, Rationale: "Still checking."})
			return x.ID
		}, "Ana", annotate.ECONFLICT, []string{"no note with a verdict"}},
		{"unknown claim", func() string { return annotate.NewID() }, "Ana", annotate.ENOTFOUND, []string{"no claim"}},
		{"no reviewer", func() string { return c.ID }, "  ", annotate.EINVALID, []string{"reviewer"}},
		{"a control character", func() string { return c.ID }, "Ana\x07", annotate.EINVALID, []string{"reviewer"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.db.Approve(ctx, tc.claim(), tc.reviewer)
			wantError(t, err, tc.code, tc.parts...)
		})
	}
}

func TestWithdrawApproval(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, _ := proposed(t, f)
	approve(t, f, c.ID, "Ana")
	wantError(t, f.db.WithdrawApproval(ctx, c.ID, "Ana", " "), annotate.EINVALID, "why")
	wantError(t, f.db.WithdrawApproval(ctx, c.ID, "Ben", "no"), annotate.ENOTFOUND, "Ben")
	if err := f.db.WithdrawApproval(ctx, c.ID, "Ana", "the figure is from 2024"); err != nil {
		t.Fatal(err)
	}
	s := storedClaim(t, f, c.ID)
	if s.Status != annotate.StatusVerdictProposed || len(s.Approvals) != 1 || s.Approvals[0].Active() ||
		s.Approvals[0].WithdrawnWhy != "the figure is from 2024" {
		t.Fatalf("after the withdrawal: %s %+v", s.Status, s.Approvals)
	}
	wantError(t, f.db.WithdrawApproval(ctx, c.ID, "Ana", "again"), annotate.ENOTFOUND, "no standing approval")
	wantAudit(t, f.db, c.ID, "withdraw", "claim", -1)
	// Withdrawn, Ana may approve again.
	if got := approve(t, f, c.ID, "Ana"); got.Status != annotate.StatusApproved || len(got.Approvals) != 2 {
		t.Errorf("approving again: %s %+v", got.Status, got.Approvals)
	}
}

// Every change to what reviewers approved withdraws their approvals in the
// change's transaction, and an approved claim goes back to verdict proposed.
func TestChangeWithdrawsApprovals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error
		keeps  bool
	}{
		{"the verdict", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			n.Verdict = "Half true"
			return f.db.UpdateNote(ctx, n)
		}, false},
		{"the rationale", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			n.Rationale += " Also 2024."
			return f.db.UpdateNote(ctx, n)
		}, false},
		{"a source, through the note", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			n.Sources[0].Excerpt = "9 %"
			return f.db.UpdateNote(ctx, n)
		}, false},
		{"a source, through another note", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			other := f.note(t)
			other.Sources = []annotate.Evidence{n.Sources[0]}
			other.Sources[0].Title = "Budget law"
			return f.db.CreateNote(ctx, other)
		}, false},
		{"the record", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			e := n.Sources[0]
			e.Publisher = "Parliament"
			return f.db.UpdateEvidence(ctx, &e)
		}, false},
		{"a snapshot", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			_, err := f.db.AttachSnapshot(ctx, n.Sources[0].ID, "budget.pdf", pdfBytes)
			return err
		}, false},
		{"an archive URL", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			_, err := f.db.AttachArchiveURL(ctx, "", "https://web.archive.org/web/2026/https://example.org/budget")
			return err
		}, false},
		{"the verdict relabelled with the scale", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			_, err := f.db.ChangeScale(ctx, annotate.Scale{Name: "Échelle", Verdicts: []annotate.Verdict{{Label: "Vrai", Value: 2}, {Label: "Faux", Value: 1}}},
				map[string]string{"False": "Faux"})
			return err
		}, false},
		{"a new note on the claim", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			return f.db.CreateNote(ctx, &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID, Verdict: "True"})
		}, false},
		{"the note deleted", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			return f.db.DeleteAnnotation(ctx, n.ID)
		}, false},
		{"the note's author, which is not approved", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			n.Author = "Someone else"
			return f.db.UpdateNote(ctx, n)
		}, true},
		{"a note on another claim", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			return f.db.CreateNote(ctx, f.note(t))
		}, true},
		{"the claim's tags, from a stale copy", func(t *testing.T, f *fixture, c *annotate.Claim, n *annotate.Note) error {
			c.Tags = append(c.Tags, "budget")
			c.Status = annotate.StatusApproved
			return f.db.UpdateClaim(ctx, c) // c has no approvals: the copy from before it
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			c, n := proposed(t, f)
			stale := *c
			approve(t, f, c.ID, "Ana")
			if err := tc.change(t, f, &stale, n); err != nil {
				t.Fatalf("the change: %v", err)
			}
			s := storedClaim(t, f, c.ID)
			if len(s.Approvals) != 1 {
				t.Fatalf("approvals = %+v, want the one kept on record", s.Approvals)
			}
			a := s.Approvals[0]
			if tc.keeps {
				if !a.Active() || s.Status != annotate.StatusApproved {
					t.Errorf("the change withdrew the approval: %s %+v", s.Status, a)
				}
				wantAudit(t, f.db, c.ID, "withdraw", "claim", 0)
				return
			}
			if a.Active() || a.WithdrawnWhy != withdrawnWhy || s.Status != annotate.StatusVerdictProposed {
				t.Errorf("after the change: %s %+v, want the approval withdrawn and the verdict proposed", s.Status, a)
			}
			wantAudit(t, f.db, c.ID, "withdraw", "claim", -1)
		})
	}
}

func TestUpdateClaimStatusNeedsApprovals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	setApprovals(t, f, 2)
	c, _ := proposed(t, f)
	for _, st := range []annotate.Status{annotate.StatusApproved, annotate.StatusPublished, annotate.StatusCorrected} {
		x := *c
		x.Status = st
		wantError(t, f.db.UpdateClaim(ctx, &x), annotate.EINVALID, "status", "2 different reviewers", "has 0")
	}
	// Forged approvals in the desk's copy count for nothing.
	x := *c
	x.Status = annotate.StatusApproved
	x.Approvals = []annotate.Approval{{Reviewer: "Me", Hash: "x"}, {Reviewer: "Myself", Hash: "y"}}
	wantError(t, f.db.UpdateClaim(ctx, &x), annotate.EINVALID, "has 0")
	x.Status = annotate.StatusResearching // any other status goes through
	if err := f.db.UpdateClaim(ctx, &x); err != nil {
		t.Fatal(err)
	}
	if s := storedClaim(t, f, c.ID); len(s.Approvals) != 0 || s.Status != annotate.StatusResearching {
		t.Errorf("stored: %s %+v", s.Status, s.Approvals)
	}
	x.Status = annotate.StatusVerdictProposed
	if err := f.db.UpdateClaim(ctx, &x); err != nil {
		t.Fatal(err)
	}
	approve(t, f, c.ID, "Ana")
	approve(t, f, c.ID, "Ben")
	x.Status = annotate.StatusPublished
	x.Approvals = nil
	if err := f.db.UpdateClaim(ctx, &x); err != nil {
		t.Fatalf("publishing an approved claim: %v", err)
	}
	if s := storedClaim(t, f, c.ID); len(s.ActiveReviewers()) != 2 || s.Status != annotate.StatusPublished || len(x.Approvals) != 2 {
		t.Errorf("published: %s %+v (given back %+v)", s.Status, s.Approvals, x.Approvals)
	}
	// A new claim with a status that needs approvals it lacks.
	y := f.claim(t)
	y.Status = annotate.StatusApproved
	wantError(t, f.db.CreateClaim(ctx, y), annotate.EINVALID, "status", "approval")
}

func TestCorrectNote(t *testing.T) {
	f := newFixture(t)
	ctx := annotate.WithActor(context.Background(), "Desk editor")
	c, n := proposed(t, f)
	approve(t, f, c.ID, "Ana")
	wantError(t, f.db.CorrectNote(ctx, n, "a typo"), annotate.ECONFLICT, "not published", "edit")
	pub := storedClaim(t, f, c.ID)
	pub.Status = annotate.StatusPublished
	if err := f.db.UpdateClaim(ctx, pub); err != nil {
		t.Fatal(err)
	}

	edited := *n
	edited.Sources = append([]annotate.Evidence{}, n.Sources...)
	edited.Verdict = "Half true"
	wantError(t, f.db.UpdateNote(ctx, &edited), annotate.ECONFLICT, "published", "correction")
	if got := findNoteIn(t, f, n.ID); got.Verdict != "False" {
		t.Fatalf("the refused update changed the verdict to %q", got.Verdict)
	}
	// What was not approved may change.
	n.Author = "Ana Núñez"
	if err := f.db.UpdateNote(ctx, n); err != nil {
		t.Fatalf("a change of the author of a published note: %v", err)
	}

	edited = *n
	edited.Sources = append([]annotate.Evidence{}, n.Sources...)
	wantError(t, f.db.CorrectNote(ctx, &edited, "no change"), annotate.EINVALID, "nothing to correct")
	edited.Verdict = "Half true"
	wantError(t, f.db.CorrectNote(ctx, &edited, "  "), annotate.EINVALID, "why")
	if err := f.db.CorrectNote(ctx, &edited, "The ministry sent the 2025 figure."); err != nil {
		t.Fatalf("CorrectNote: %v", err)
	}
	s := storedClaim(t, f, c.ID)
	if s.Status != annotate.StatusCorrected || len(s.Corrections) != 1 {
		t.Fatalf("after the correction: %s %+v", s.Status, s.Corrections)
	}
	k := s.Corrections[0]
	if k.What != `verdict: "False" → "Half true"` || k.Why != "The ministry sent the 2025 figure." || k.Author != "Desk editor" || k.At.IsZero() {
		t.Errorf("correction = %+v", k)
	}
	if s.Approvals[0].Active() {
		t.Errorf("the approval of the verdict as it was stands: %+v", s.Approvals[0])
	}
	if got := findNoteIn(t, f, n.ID); got.Verdict != "Half true" {
		t.Errorf("the note's verdict = %q", got.Verdict)
	}
	wantAudit(t, f.db, c.ID, "correct", "claim", -1)

	// A second correction, of the rationale and the evidence.
	edited.Rationale = "The 2025 figure is 12 %."
	edited.Sources = append(edited.Sources, annotate.Evidence{Title: "Ministry e-mail"})
	if err := f.db.CorrectNote(ctx, &edited, "The e-mail."); err != nil {
		t.Fatal(err)
	}
	if s := storedClaim(t, f, c.ID); len(s.Corrections) != 2 || s.Corrections[1].What != "rationale changed; evidence changed" {
		t.Errorf("corrections = %+v", s.Corrections)
	}
	// A stale copy of the claim (no corrections) keeps them.
	pub.Status, pub.Tags = annotate.StatusCorrected, []string{"corrected"}
	if err := f.db.UpdateClaim(ctx, pub); err != nil {
		t.Fatal(err)
	}
	if s := storedClaim(t, f, c.ID); len(s.Corrections) != 2 || len(pub.Corrections) != 2 {
		t.Errorf("a stale UpdateClaim dropped the corrections: %+v", s.Corrections)
	}
	wantError(t, f.db.CorrectNote(ctx, &annotate.Note{Meta: annotate.Meta{ID: annotate.NewID(), ArticleID: f.art.ID, Origin: annotate.Manual, Created: n.Created}, ClaimID: c.ID, Verdict: "True"}, "why"),
		annotate.ENOTFOUND, "no note")

	// The correction is signed off again: it stays corrected, and goes out
	// in exports of approved claims once approved.
	if s := storedClaim(t, f, c.ID); s.SignedOff(1) {
		t.Error("a correction nobody approved is signed off")
	}
	approve(t, f, c.ID, "Ana")
	if s := storedClaim(t, f, c.ID); s.Status != annotate.StatusCorrected || !s.SignedOff(1) {
		t.Errorf("after approving the correction: %s, signed off %v", s.Status, s.SignedOff(1))
	}
}
