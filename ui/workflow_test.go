package ui

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// statusSelect is the claim editor's status choice.
func statusSelect(t *testing.T, o fyne.CanvasObject, current annotate.Status) *guardedSelect {
	t.Helper()
	var found *guardedSelect
	walkTree(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*guardedSelect); ok && s.Selected == current.Label() && found == nil {
			found = s
		}
	})
	if found == nil {
		t.Fatalf("the claim editor has no status choice showing %q", current.Label())
	}
	return found
}

// TestStatusOffersOnlyAllowedMoves: from every status the claim editor
// offers the status itself and exactly Status.Next, and choosing one moves
// the claim through the change path (undo moves it back).
func TestStatusOffersOnlyAllowedMoves(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("Forty thousand people live along this route"))
	td.createClaim()
	id := td.Selected()
	for _, from := range annotate.Statuses {
		td.updateClaim(id, "", func(c *annotate.Claim) { c.Status = from }) // set directly, as a stored claim may be
		sel := statusSelect(t, td.claims.edit, from)
		var want []string
		for _, s := range append([]annotate.Status{from}, from.Next()...) {
			want = append(want, s.Label())
		}
		if !slices.Equal(sel.Options, want) {
			t.Errorf("from %s the editor offers %q, want %q", from, sel.Options, want)
		}
		for _, to := range annotate.Statuses {
			if to != from && !from.CanBecome(to) && td.moveClaim(id, to) {
				t.Errorf("moveClaim let %s become %s", from, to)
			}
		}
		if next := from.Next(); len(next) > 0 {
			sel.SetSelected(next[0].Label())
			if got := td.findClaim(id).Status; got != next[0] {
				t.Errorf("choosing %s from %s: status %s", next[0], from, got)
			}
			td.undo()
			if got := td.findClaim(id).Status; got != from {
				t.Errorf("undo of %s → %s: status %s", from, next[0], got)
			}
		}
	}
}

// TestApprovalsThroughTheChangePath: with two approvals required, the
// first leaves the claim proposed and the editor says "1 of 2 approvals"
// with who; the second approves it; undo withdraws the second (why
// "undone", still listed and marked) and redo approves again; the store is
// asked for each in order.
func TestApprovalsThroughTheChangePath(t *testing.T) {
	td, f := workflowDesk(t)
	id, _ := proposedClaim(t, td)
	if !td.approveClaim(id, "Tester") {
		t.Fatalf("first approval refused: %s", td.status.Text)
	}
	c := td.findClaim(id)
	if c.Status != annotate.StatusVerdictProposed || len(c.ActiveReviewers()) != 1 {
		t.Fatalf("after one of two approvals: status %s, reviewers %q", c.Status, c.ActiveReviewers())
	}
	if got := labelTexts(td.claims.edit); !strings.Contains(got, "1 of 2 approvals") || !strings.Contains(got, "✓ Tester · ") {
		t.Errorf("the editor does not show the approval:\n%s", got)
	}
	if td.approveClaim(id, "tester") {
		t.Error("the same reviewer approved twice")
	}
	if !td.approveClaim(id, "Bo Reviewer") {
		t.Fatalf("second approval refused: %s", td.status.Text)
	}
	if got := td.findClaim(id).Status; got != annotate.StatusApproved {
		t.Fatalf("after two approvals: status %s", got)
	}
	td.undo()
	c = td.findClaim(id)
	if c.Status != annotate.StatusVerdictProposed || len(c.Approvals) != 2 || c.Approvals[1].Active() || c.Approvals[1].WithdrawnWhy != undoneWhy {
		t.Fatalf("undo of the second approval: status %s, approvals %+v", c.Status, c.Approvals)
	}
	if got := labelTexts(td.claims.edit); !strings.Contains(got, withdrawnMark+"Bo Reviewer") || !strings.Contains(got, ": undone") {
		t.Errorf("the withdrawn approval is not marked with why:\n%s", got)
	}
	td.redo()
	c = td.findClaim(id)
	if c.Status != annotate.StatusApproved || len(c.Approvals) != 3 {
		t.Fatalf("redo: status %s, %d approvals", c.Status, len(c.Approvals))
	}
	td.flush()
	if !f.faked(td) {
		sc := td.storedClaim(id)
		if sc.Status != annotate.StatusApproved || len(sc.Approvals) != 3 || sc.Approvals[1].WithdrawnWhy != undoneWhy || len(sc.ActiveReviewers()) != 2 {
			t.Errorf("the project holds status %s, approvals %+v", sc.Status, sc.Approvals)
		}
		return
	}
	want := []string{"approve Tester", "approve Bo Reviewer", "withdraw Bo Reviewer: undone", "approve Bo Reviewer"}
	if got := f.Calls(); !slices.Equal(got, want) {
		t.Errorf("the store was asked %q, want %q", got, want)
	}
}

// TestApproveRefusedBeforeAVerdict: a claim still being researched, or
// with no verdict, cannot be approved; the editor says why.
func TestApproveRefusedBeforeAVerdict(t *testing.T) {
	td, f := workflowDesk(t)
	td.view.SetSelection(td.rangeOf("Forty thousand people live along this route"))
	td.createClaim()
	id := td.Selected()
	if td.approveClaim(id, "Tester") {
		t.Error("a candidate claim was approved")
	}
	td.moveClaim(id, annotate.StatusSelected)
	td.moveClaim(id, annotate.StatusResearching)
	td.moveClaim(id, annotate.StatusVerdictProposed)
	if td.approveClaim(id, "Tester") || !strings.Contains(td.status.Text, "no note with a verdict") {
		t.Errorf("a claim without a verdict was approved; status %q", td.status.Text)
	}
	if b := findButton(td.claims.edit, "Approve as Tester"); b == nil || !b.Disabled() {
		t.Error("the Approve button is not disabled")
	}
	td.flush()
	if n := len(f.Calls()); n != 0 {
		t.Errorf("the store was asked %q", f.Calls())
	}
}

// TestChangeWithdrawsApproval: changing the rationale of an approved
// verdict withdraws the approvals, marked with why, and the claim goes back
// to verdict proposed, as the store does.
func TestChangeWithdrawsApproval(t *testing.T) {
	td, _ := workflowDesk(t)
	id, note := proposedClaim(t, td)
	td.approveClaim(id, "Tester")
	td.approveClaim(id, "Bo Reviewer")
	td.updateNote(note, "", func(n *annotate.Note) { n.Rationale = "The census says otherwise." })
	c := td.findClaim(id)
	if c.Status != annotate.StatusVerdictProposed || len(c.ActiveReviewers()) != 0 {
		t.Fatalf("after the edit: status %s, standing %q", c.Status, c.ActiveReviewers())
	}
	for _, a := range c.Approvals {
		if a.WithdrawnWhy != deskstate.StaleWhy {
			t.Errorf("approval by %s withdrawn with %q", a.Reviewer, a.WithdrawnWhy)
		}
	}
	td.selectAnnotation(id, false)
	if got := labelTexts(td.claims.edit); strings.Count(got, withdrawnMark) != 2 {
		t.Errorf("the withdrawn approvals are not both marked:\n%s", got)
	}
}

// publishedClaim is proposedClaim approved twice and published.
func publishedClaim(t *testing.T, td *testDesk) (claimID, noteID string) {
	t.Helper()
	claimID, noteID = proposedClaim(t, td)
	td.approveClaim(claimID, "Tester")
	td.approveClaim(claimID, "Bo Reviewer")
	if !td.moveClaim(claimID, annotate.StatusPublished) {
		t.Fatalf("publishing refused: %s", td.status.Text)
	}
	return claimID, noteID
}

// dialogButton is the button with the label in the window's top overlay.
func dialogButton(t *testing.T, td *testDesk, label string) *widget.Button {
	t.Helper()
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	b := findButton(top, label)
	if b == nil {
		t.Fatalf("the dialog has no %q button", label)
	}
	return b
}

// TestCorrectionNeedsWhy: the verdict of a note on a published claim is
// edited as a draft (nothing is saved), the correction dialog cannot be
// confirmed without why, and a correction with why changes the note,
// records the correction and makes the claim corrected; undo corrects it
// back, on record too.
func TestCorrectionNeedsWhy(t *testing.T) {
	td, f := workflowDesk(t)
	id, note := publishedClaim(t, td)
	old := td.findNote(note).Verdict
	next := td.settings.Scale.Labels()[1]
	td.selectAnnotation(note, false)
	if got := labelTexts(td.notes.edit); !strings.Contains(got, "Published: a change") {
		t.Fatalf("the note editor does not say the claim is published:\n%s", got)
	}
	verdict := statusSelectFor(t, td.notes.edit, old)
	verdict.SetSelected(next)
	if got := td.findNote(note).Verdict; got != old {
		t.Fatalf("editing a published verdict saved it (%q) without a correction", got)
	}
	test.Tap(findButton(td.notes.edit, "Save correction…"))
	if b := dialogButton(t, td, "Save correction"); !b.Disabled() {
		t.Error("the correction can be saved without why")
	}
	if td.saveCorrection(note, "  ") {
		t.Error("a blank why was taken")
	}
	if !td.saveCorrection(note, "The council's figure was for 2019.") {
		t.Fatalf("correction refused: %s", td.status.Text)
	}
	c := td.findClaim(id)
	if got := td.findNote(note).Verdict; got != next || c.Status != annotate.StatusCorrected || len(c.Corrections) != 1 {
		t.Fatalf("after the correction: verdict %q, status %s, corrections %+v", got, c.Status, c.Corrections)
	}
	if k := c.Corrections[0]; !strings.Contains(k.What, "verdict") || k.Why != "The council's figure was for 2019." || k.Author != "Tester" {
		t.Errorf("correction recorded as %+v", k)
	}
	td.selectAnnotation(id, false)
	if got := labelTexts(td.claims.edit); !strings.Contains(got, "Corrections") || !strings.Contains(got, "why: The council's figure") {
		t.Errorf("the claim editor does not list the correction:\n%s", got)
	}
	td.undo()
	c = td.findClaim(id)
	if got := td.findNote(note).Verdict; got != old || len(c.Corrections) != 2 || !strings.HasPrefix(c.Corrections[1].Why, "undone: ") {
		t.Errorf("undo: verdict %q, corrections %+v", got, c.Corrections)
	}
	td.flush()
	if !f.faked(td) {
		sc := td.storedClaim(id)
		if sn := td.storedNote(note); sn.Verdict != old || sc.Status != annotate.StatusCorrected || len(sc.Corrections) != 2 || sc.Corrections[0].Why != "The council's figure was for 2019." {
			t.Errorf("the project holds verdict %q, status %s, corrections %+v", sn.Verdict, sc.Status, sc.Corrections)
		}
		return
	}
	if got := f.Calls(); !slices.Contains(got, `correct "`+next+`": The council's figure was for 2019.`) {
		t.Errorf("the store was not asked to correct: %q", got)
	}
}

// statusSelectFor is the select in o showing the value.
func statusSelectFor(t *testing.T, o fyne.CanvasObject, value string) *guardedSelect {
	t.Helper()
	var found *guardedSelect
	walkTree(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*guardedSelect); ok && s.Selected == value && found == nil {
			found = s
		}
	})
	if found == nil {
		t.Fatalf("no choice shows %q", value)
	}
	return found
}

// TestCommentsThreadResolveDelete: a comment, a reply under it, resolving
// and reopening the thread, and deleting one's own comment (with its
// replies) each go through the change path, show in the editor and are
// undone and redone; another's comment cannot be deleted.
func TestCommentsThreadResolveDelete(t *testing.T) {
	td, f := workflowDesk(t)
	id, _ := proposedClaim(t, td)
	if td.addComment(id, "", "   ") {
		t.Error("a blank comment was added")
	}
	if !td.addComment(id, "", "Is the census figure current?") {
		t.Fatalf("comment refused: %s", td.status.Text)
	}
	top := td.commentsOn(id)[0]
	td.addComment(id, top.ID, "Yes, 2025.")
	got := labelTexts(td.claims.edit)
	if !strings.Contains(got, "Comments (2, 1 open)") || !strings.Contains(got, "↳ Tester · ") || !strings.Contains(got, "Yes, 2025.") {
		t.Errorf("the editor does not show the thread:\n%s", got)
	}
	td.resolveComment(top.ID, true)
	if !td.findComment(top.ID).Resolved || !strings.Contains(labelTexts(td.claims.edit), "resolved") {
		t.Error("resolving did not show")
	}
	if findButton(td.claims.edit, "Reopen") == nil {
		t.Error("a resolved thread offers no Reopen")
	}
	td.undo()
	if td.findComment(top.ID).Resolved {
		t.Error("undo did not reopen the thread")
	}
	td.deleteComment(top.ID)
	if n := len(td.commentsOn(id)); n != 0 {
		t.Fatalf("deleting the thread left %d comments", n)
	}
	td.undo()
	if n := len(td.commentsOn(id)); n != 2 {
		t.Fatalf("undo of the delete: %d comments, want 2", n)
	}
	td.redo()
	td.undo()
	other := td.commentsOn(id)[1]
	td.settings.Annotator = "Someone Else"
	if td.deleteComment(other.ID) {
		t.Error("another's comment was deleted")
	}
	td.settings.Annotator = "Tester"
	td.flush()
	if !f.faked(td) {
		td.storedClaim(id)
		list, err := td.svc.Comments.FindComments(td.ctx, td.article.ID)
		if err != nil || len(list) != 2 || list[0].Resolved || list[1].ParentID != list[0].ID {
			t.Errorf("the project holds comments %+v, %v", list, err)
		}
		return
	}
	calls := f.Calls()
	if !slices.Contains(calls, "comment Is the census figure current? by Tester") || !slices.Contains(calls, "update comment Is the census figure current? resolved=true") {
		t.Errorf("the store was asked %q", calls)
	}
}

// TestEvidenceRecords: a new source starts with today's date, an ID and a
// type; filled in it is saved on the note, withheld it is marked in the
// editor and in the claim's evidence list (with what it supports); a
// snapshot attached shows its name, size and hash, and undo takes it off.
func TestEvidenceRecords(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // Open writes the snapshot to a temporary file
	td, f := workflowDesk(t)
	id, note := proposedClaim(t, td)
	td.selectAnnotation(note, false)
	test.Tap(findButton(td.notes.edit, "Add source"))
	url := entryWithPlaceholder(t, td.notes.edit, "URL (https://…)")
	test.Type(url, "https://stats.example/census")
	n := td.findNote(note)
	if len(n.Sources) != 1 || n.Sources[0].URL != "https://stats.example/census" || n.Sources[0].Accessed != today() || n.Sources[0].ID == "" {
		t.Fatalf("the source saved as %+v", n.Sources)
	}
	rec := n.Sources[0].ID
	var withheld *widget.Check
	walkTree(td.notes.edit, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Withheld") {
			withheld = c
		}
	})
	test.Tap(withheld)
	if !td.findNote(note).Sources[0].Withheld || !strings.Contains(labelTexts(td.notes.edit), withheldTitle) {
		t.Errorf("withholding is not saved and marked:\n%s", labelTexts(td.notes.edit))
	}
	td.selectAnnotation(id, false)
	if got := labelTexts(td.claims.edit); !strings.Contains(got, withheldTitle) || !strings.Contains(got, "supports: "+td.findNote(note).Verdict) {
		t.Errorf("the claim's evidence list lacks the marked record and what it supports:\n%s", got)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	if td.attachSnapshot(rec, "program.exe", []byte{0x4d, 0x5a, 0x90, 0x00, 0x03}) {
		t.Error("a program was attached as a snapshot")
	}
	if !td.attachSnapshot(rec, "census.pdf", pdf) {
		t.Fatalf("snapshot refused: %s", td.status.Text)
	}
	snap := td.findEvidence(rec).Snapshot
	if snap == nil || snap.Name != "census.pdf" || snap.Size != int64(len(pdf)) || snap.MediaType != "application/pdf" || len(snap.SHA256) != 64 {
		t.Fatalf("snapshot recorded as %+v", snap)
	}
	td.selectAnnotation(note, false)
	if got := labelTexts(td.notes.edit); !strings.Contains(got, "census.pdf · "+sizeText(snap.Size)+" · SHA-256 "+snap.SHA256[:12]) {
		t.Errorf("the editor does not describe the snapshot:\n%s", got)
	}
	if !strings.Contains(td.status.Text, "not undone with Ctrl+Z") {
		t.Errorf("the first snapshot's status does not say it stays: %q", td.status.Text)
	}
	html := []byte("<!DOCTYPE html><html><body>census</body></html>")
	if !td.attachSnapshot(rec, "census.html", html) || td.findEvidence(rec).Snapshot.MediaType != "text/html" {
		t.Fatalf("the replacing snapshot: %+v, %s", td.findEvidence(rec).Snapshot, td.status.Text)
	}
	td.undo()
	if got := td.findEvidence(rec).Snapshot; got == nil || got.Name != "census.pdf" || got.SHA256 != snap.SHA256 {
		t.Errorf("undo of the replacement left %+v", got)
	}
	if data, err := td.snapshotBytes(rec); err != nil || string(data) != string(pdf) {
		t.Errorf("the stored snapshot after undo: %q, %v", data, err)
	}
	td.openSnapshot(rec) // writes a temporary file; the test app opens nothing
	if strings.HasPrefix(td.status.Text, "Error") {
		t.Errorf("opening the snapshot: %s", td.status.Text)
	}
	td.flush()
	if !f.faked(td) {
		td.storedClaim(id)
		if src := td.storedNote(note).Sources; len(src) != 1 || src[0].ID != rec || !src[0].Withheld || src[0].Snapshot == nil || src[0].Snapshot.SHA256 != snap.SHA256 {
			t.Errorf("the project holds sources %+v", src)
		}
		return
	}
	if got := f.Calls(); !slices.Contains(got, "snapshot census.pdf "+strconv.Itoa(len(pdf))) || !slices.Contains(got, "snapshot census.html "+strconv.Itoa(len(html))) {
		t.Errorf("the store was asked %q", got)
	}
}

// entryWithPlaceholder is the entry in o with the placeholder.
func entryWithPlaceholder(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	walkTree(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no entry %q", placeholder)
	}
	return found
}

// TestArchiveQueue: the queue lists the records with a URL and no archive
// URL, Copy list puts their URLs on the clipboard one a line, a pasted
// Wayback URL attaches to the record it archives, and undo takes it off.
func TestArchiveQueue(t *testing.T) {
	td, f := workflowDesk(t)
	_, note := proposedClaim(t, td)
	a := annotate.Evidence{ID: annotate.NewID(), URL: "https://stats.example/census", Title: "Census"}
	b := annotate.Evidence{ID: annotate.NewID(), URL: "https://news.example/story", Title: "Story", Archives: []string{"https://perma.cc/AB12-CD34"}}
	td.updateNote(note, "", func(n *annotate.Note) { n.Sources = []annotate.Evidence{a, b} })
	queue, err := td.archiveQueue()
	if err != nil || len(queue) != 1 || queue[0].ID != a.ID {
		t.Fatalf("queue %+v, %v; want only the census", queue, err)
	}
	td.showArchiveQueue()
	test.Tap(dialogButton(t, td, "Copy list"))
	if got := td.app.Clipboard().Content(); got != "https://stats.example/census\n" {
		t.Errorf("Copy list copied %q", got)
	}
	wayback := "https://web.archive.org/web/20261201000000/https://stats.example/census"
	if archiveTarget(queue, wayback, -1) != a.ID || archiveTarget(queue, "https://perma.cc/ZZ", -1) != "" || archiveTarget(queue, "https://perma.cc/ZZ", 0) != a.ID {
		t.Error("archiveTarget does not match archive URLs to their records")
	}
	var paste *widget.Entry
	walkTree(td.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, "Paste an archive URL") {
			paste = e
		}
	})
	test.Type(paste, wayback)
	test.Tap(dialogButton(t, td, "Attach"))
	if got := td.findEvidence(a.ID).Archives; !slices.Equal(got, []string{wayback}) {
		t.Fatalf("the record's archives are %q", got)
	}
	if q, _ := td.archiveQueue(); len(q) != 0 {
		t.Errorf("the queue still holds %d records", len(q))
	}
	td.undo()
	if got := td.findEvidence(a.ID).Archives; len(got) != 0 {
		t.Errorf("undo left the archive URL: %q", got)
	}
	td.flush()
	if !f.faked(td) {
		for _, e := range td.storedNote(note).Sources {
			if e.ID == a.ID && len(e.Archives) != 0 {
				t.Errorf("the project's record keeps %q after undo", e.Archives)
			}
		}
		return
	}
	if got := f.Calls(); !slices.Contains(got, "archive "+wayback) {
		t.Errorf("the store was asked %q", got)
	}
}

// TestHistoryLines: audit entries read as when · who · action field: old →
// new, strings unquoted from JSON, long values cut.
func TestHistoryLines(t *testing.T) {
	e := annotate.AuditEntry{Who: "Ana", Action: "update", Kind: "claim", Field: "status", Old: `"candidate"`, New: `"selected"`}
	if got := historyLine(&e); !strings.HasSuffix(got, ` · Ana · update status: “candidate” → “selected”`) {
		t.Errorf("historyLine = %q", got)
	}
	e = annotate.AuditEntry{Who: "Ana", Action: "create", Kind: "note", New: `{"verdict":"False"}`}
	if got := historyLine(&e); !strings.HasSuffix(got, ` · Ana · create note`) {
		t.Errorf("historyLine = %q", got)
	}
	e = annotate.AuditEntry{Who: "Ana", Action: "import", Kind: "article", New: `{"source":"desk-ana.json","format":"factmark/2","claims":["c1","c2"]}`}
	if got := historyLine(&e); !strings.HasSuffix(got, ` · Ana · imported from “desk-ana.json”`) {
		t.Errorf("historyLine = %q", got)
	}
	e = annotate.AuditEntry{Action: "import", Kind: "evidence", New: `{"evidence":["e1"]}`}
	if got := historyLine(&e); !strings.HasSuffix(got, ` · (no name) · imported`) {
		t.Errorf("historyLine = %q", got)
	}
	e = annotate.AuditEntry{Action: "update", Kind: "claim", Field: "review_url", Old: `"` + strings.Repeat("x", 200) + `"`}
	if got := historyLine(&e); !strings.Contains(got, "(no name) · update review url: was “") || !strings.Contains(got, "x…") {
		t.Errorf("historyLine = %q", got)
	}
}

// TestHistoryLinesCollapseTyping: a run of one person's updates to one
// field reads as one line, first old value to last new one; another field,
// person or a pause starts a new line.
func TestHistoryLinesCollapseTyping(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	up := func(sec int, who, field, old, new string) annotate.AuditEntry {
		return annotate.AuditEntry{At: t0.Add(time.Duration(sec) * time.Second), Who: who, Action: "update", EntityID: "n1",
			Field: field, Old: strconv.Quote(old), New: strconv.Quote(new)}
	}
	entries := []annotate.AuditEntry{
		{At: t0, Who: "Ana", Action: "create", Kind: "note", EntityID: "n1"},
		up(1, "Ana", "rationale", "", "O"), up(2, "Ana", "rationale", "O", "On"), up(3, "Ana", "rationale", "On", "Only"),
		up(4, "Ana", "verdict", "", "False"),
		up(5, "Bo", "verdict", "False", "True"),
		up(600, "Bo", "verdict", "True", "Half true"),
	}
	got := historyLines(entries)
	if len(got) != 5 {
		t.Fatalf("%d lines, want 5:\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasSuffix(got[1], "update rationale: “Only” (3 edits)") || !strings.HasSuffix(got[4], "update verdict: “True” → “Half true”") {
		t.Errorf("lines:\n%s", strings.Join(got, "\n"))
	}
}

// TestHistorySignOffLines: changes to a claim's approvals and corrections
// read as who approved, whose approval was withdrawn and why, and what was
// corrected and why; timestamps of a change are left out.
func TestHistorySignOffLines(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	ana := annotate.Approval{Reviewer: "Ana", At: t0, Hash: "h"}
	gone := ana
	gone.Withdrawn, gone.WithdrawnWhy = &t0, "needs a second source"
	entries := []annotate.AuditEntry{
		{At: t0, Who: "Ana", Action: "approve", EntityID: "c1", Field: "approvals", New: js([]annotate.Approval{ana})},
		{At: t0, Who: "Ana", Action: "approve", EntityID: "c1", Field: "modified", Old: `"a"`, New: `"b"`},
		{At: t0, Who: "Bo", Action: "withdraw", EntityID: "c1", Field: "approvals", Old: js([]annotate.Approval{ana}), New: js([]annotate.Approval{gone})},
		{At: t0, Who: "Bo", Action: "correct", EntityID: "c1", Field: "corrections",
			New: js([]annotate.Correction{{At: t0, What: `verdict: "False" → "True"`, Why: "new data"}})},
	}
	got := strings.Join(historyLines(entries), "\n")
	for _, want := range []string{"Ana · approve: approved by Ana", "Bo · withdraw: withdrew Ana's approval: needs a second source",
		`Bo · correct: correction: verdict: "False" → "True" — why: new data`} {
		if !strings.Contains(got, want) {
			t.Errorf("history lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "modified") {
		t.Errorf("history shows the modified time:\n%s", got)
	}
}

// TestHistoryDialogShowsStoredChanges: the History button lists the
// claim's changes from the project's log (the real store's FindHistory).
func TestHistoryDialogShowsStoredChanges(t *testing.T) {
	td := newTestDesk(t, nil)
	if td.svc.Audit == nil {
		t.Skip("the store keeps no audit log yet")
	}
	td.view.SetSelection(td.rangeOf("Forty thousand people live along this route"))
	td.createClaim()
	id := td.Selected()
	td.moveClaim(id, annotate.StatusSelected)
	td.flush()
	test.Tap(findButton(td.claims.edit, "History"))
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("History opened no dialog")
	}
	var lines []string
	walkTree(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			for i := 0; i < l.Length(); i++ {
				lb := widget.NewLabel("")
				l.UpdateItem(i, lb)
				lines = append(lines, lb.Text)
			}
		}
	})
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "Tester · create") || !strings.Contains(joined, "status") {
		t.Errorf("the history lacks the claim's creation and status change:\n%s", joined)
	}
	top.Hide()
	one := td.historyDialog("one", []annotate.AuditEntry{{Who: "Ana", Action: "create", Kind: "claim"}})
	one.Show()
	if head := labelTexts(td.win.Canvas().Overlays().Top()); !strings.Contains(head, "1 change, oldest first") {
		t.Errorf("one entry's dialog says %q", head)
	}
}

// TestApprovalsRequiredSetting: the settings dialog sets how many
// approvals a claim needs, 1 to 9, as one undoable change.
func TestApprovalsRequiredSetting(t *testing.T) {
	td := newTestDesk(t, nil)
	f := td.newSettingsForm()
	if want := approvalChoices(); !slices.Equal(f.approvals.Options, want) || f.approvals.Selected != "1" {
		t.Fatalf("approvals offers %q with %q chosen", f.approvals.Options, f.approvals.Selected)
	}
	f.approvals.SetSelected("3")
	td.chooseSettings(f.settings(td.settings))
	if td.settings.ApprovalsRequired != 3 || td.approvalsRequired() != 3 {
		t.Fatalf("approvals required %d", td.settings.ApprovalsRequired)
	}
	td.undo()
	if td.approvalsRequired() != 1 {
		t.Errorf("undo left %d approvals required", td.settings.ApprovalsRequired)
	}
}

// TestWorkflowCommandsHaveKeys: approve, comment and history have their
// shortcuts, and the archive queue is in the menu and the palette.
func TestWorkflowCommandsHaveKeys(t *testing.T) {
	td := newTestDesk(t, nil)
	for _, label := range []string{"Approve the selected claim's verdict", "Comment on the selected annotation…", "History of the selected annotation"} {
		if c := td.commandNamed(label); c == nil || c.chord == nil {
			t.Errorf("%q has no shortcut", label)
		}
	}
	if td.commandNamed("Archive queue…") == nil {
		t.Error("no Archive queue command")
	}
}

// TestEditorsFitTheirPanel: at the smallest window (1024×640) and the
// usual one, each editor with the workflow's parts (sign-off, corrections,
// evidence records, comments) is no wider than its panel, and the claim's
// Set button is clear of the scroll bar drawn over the panel's right edge.
func TestEditorsFitTheirPanel(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(1024, 640), fyne.NewSize(1280, 800)} {
		td, _ := workflowDesk(t)
		td.win.Resize(size)
		id, note := publishedClaim(t, td)
		td.addComment(id, "", "A comment long enough to need wrapping in a narrow panel, as comments do.")
		td.updateNote(note, "", func(n *annotate.Note) {}) // no change: stays published
		td.selectAnnotation(note, false)
		test.Tap(findButton(td.notes.edit, "Add source"))
		for _, p := range []*panel{td.notes, td.claims} {
			if p == td.claims {
				td.selectAnnotation(id, false)
			}
			avail := p.content.Size().Width - theme.ScrollBarSize()
			if w := p.edit.Objects[0].MinSize().Width; w > avail+1 {
				t.Errorf("%v: the %s editor is %.0f wide in a panel of %.0f", size, td.describe(p.shown), w, avail)
			}
		}
		set := findButton(td.claims.edit, "Set")
		if set == nil {
			t.Fatal("the claim editor has no Set button")
		}
		drv := fyne.CurrentApp().Driver()
		right := drv.AbsolutePositionForObject(set).X + set.Size().Width
		edge := drv.AbsolutePositionForObject(td.claims.content).X + td.claims.content.Size().Width - theme.ScrollBarSize()
		if right > edge+0.5 {
			t.Errorf("%v: the Set button ends at %.0f, under the scroll bar from %.0f", size, right, edge)
		}
	}
}

// TestUndoApprovalAfterAChange: an approval that a change withdrew is
// undone without an error (there is nothing left to withdraw), and the
// Another reviewer button is off while the claim cannot be approved.
func TestUndoApprovalAfterAChange(t *testing.T) {
	td, f := workflowDesk(t)
	id, note := proposedClaim(t, td)
	td.approveClaim(id, "Bo Reviewer")
	td.updateNote(note, "", func(n *annotate.Note) { n.Rationale += " Updated." })
	td.undo() // the edit
	td.undo() // the approval, withdrawn by the edit already
	if got := td.status.Text; !strings.Contains(got, "undid approve") {
		t.Errorf("status after the undo: %q", got)
	}
	if !f.faked(td) {
		if c := td.storedClaim(id); len(c.ActiveReviewers()) != 0 {
			t.Errorf("the project still has %q approving", c.ActiveReviewers())
		}
	}
	td.moveClaim(id, annotate.StatusResearching)
	td.selectAnnotation(id, false)
	if b := findButton(td.claims.edit, "Another reviewer…"); b == nil || !b.Disabled() {
		t.Error("Another reviewer… is offered on a claim being researched")
	}
}

// TestReuseEvidenceRecord: a note picks a record another note cites, and
// both then carry the same record (one ID); the claim lists what it
// supports.
func TestReuseEvidenceRecord(t *testing.T) {
	td, _ := workflowDesk(t)
	claim, first := proposedClaim(t, td)
	rec := annotate.Evidence{ID: annotate.NewID(), URL: "https://stats.example/census", Title: "Census 2025", Type: annotate.SourceOfficialData}
	td.updateNote(first, "", func(n *annotate.Note) { n.Sources = []annotate.Evidence{rec} })
	td.selectAnnotation(claim, false)
	td.createNote()
	second := td.Selected()
	td.selectAnnotation(second, false)
	test.Tap(findButton(td.notes.edit, "Reuse a record…"))
	var pick *guardedSelect
	walkTree(td.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if s, ok := o.(*guardedSelect); ok {
			pick = s
		}
	})
	if pick == nil || len(pick.Options) != 1 || !strings.Contains(pick.Options[0], "Census 2025 · official data") {
		t.Fatalf("the records offered: %v", pick)
	}
	pick.SetSelectedIndex(0)
	test.Tap(dialogButton(t, td, "Add"))
	if src := td.findNote(second).Sources; len(src) != 1 || src[0].ID != rec.ID {
		t.Fatalf("the second note's sources: %+v", src)
	}
	td.selectAnnotation(claim, false)
	if got := labelTexts(td.claims.edit); strings.Count(got, "Census 2025") != 1 || !strings.Contains(got, "supports: ") {
		t.Errorf("the claim lists the shared record other than once:\n%s", got)
	}
}

// TestHistoryClosesOnEscape: the history dialog, opened with Ctrl+H on the
// selected claim, lists its changes and closes on Escape (found in the real
// window: only its button closed it).
func TestHistoryClosesOnEscape(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("Mayor Ingrid Halvorsen"))
	test.Type(td.view, "c")
	td.flush()
	td.showHistory(td.Selected())
	top := td.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelTexts(top), "create claim") {
		t.Fatalf("no history dialog listing the claim's creation")
	}
	td.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if td.win.Canvas().Overlays().Top() != nil || td.sheet != nil {
		t.Error("Escape did not close the history")
	}
}
