package store

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestComments(t *testing.T) {
	f := newFixture(t)
	ctx := annotate.WithActor(context.Background(), "Ana")
	c := f.claim(t)
	f.mustCreate(t, c)
	first := &annotate.Comment{AnnotationID: c.ID, Body: "Which year is the 12 % from?"}
	if err := f.db.CreateComment(ctx, first); err != nil {
		t.Fatal(err)
	}
	if first.ID == "" || first.Author != "Ana" || first.ArticleID != f.art.ID || first.Created.IsZero() {
		t.Fatalf("stamped comment = %+v", first)
	}
	reply := &annotate.Comment{AnnotationID: c.ID, ParentID: first.ID, Author: "Ben", Body: "2025, says the ministry.\nSee the budget."}
	if err := f.db.CreateComment(context.Background(), reply); err != nil {
		t.Fatal(err)
	}
	wantAudit(t, f.db, first.ID, "create", "comment", 1)
	list, err := f.db.FindComments(ctx, f.art.ID)
	if err != nil || len(list) != 2 || !reflect.DeepEqual(list[0], *first) || !reflect.DeepEqual(list[1], *reply) {
		t.Fatalf("FindComments = %+v, %v", list, err)
	}

	resolved := *first
	resolved.Resolved, resolved.Author, resolved.Body = true, "Mallory", "Which year? (resolved)"
	if err := f.db.UpdateComment(ctx, &resolved); err != nil {
		t.Fatal(err)
	}
	if resolved.Author != "Ana" || !resolved.Resolved || !resolved.Modified.After(first.Modified) {
		t.Errorf("updated comment = %+v: only the body and resolved state change", resolved)
	}
	wantAudit(t, f.db, first.ID, "update", "comment", 2) // body, resolved
	other := f.note(t)
	f.mustCreate(t, other)

	for _, tc := range []struct {
		name  string
		c     annotate.Comment
		code  string
		parts []string
	}{
		{"empty", annotate.Comment{AnnotationID: c.ID, Body: " \n "}, annotate.EINVALID, []string{"empty"}},
		{"too long", annotate.Comment{AnnotationID: c.ID, Body: strings.Repeat("é", MaxCommentLength+1)}, annotate.EINVALID, []string{"10001", "10000"}},
		{"a control character", annotate.Comment{AnnotationID: c.ID, Body: "bell \x07"}, annotate.EINVALID, []string{"comment"}},
		{"no annotation", annotate.Comment{AnnotationID: annotate.NewID(), Body: "hello"}, annotate.ENOTFOUND, []string{"no annotation"}},
		{"no parent", annotate.Comment{AnnotationID: c.ID, ParentID: annotate.NewID(), Body: "hello"}, annotate.ENOTFOUND, []string{"no comment"}},
		{"a parent on another annotation", annotate.Comment{AnnotationID: other.ID, ParentID: first.ID, Body: "hello"}, annotate.EINVALID, []string{"another annotation"}},
		{"another article", annotate.Comment{AnnotationID: c.ID, ArticleID: annotate.NewID(), Body: "hello"}, annotate.EINVALID, []string{"article"}},
		{"a bad ID", annotate.Comment{ID: "x", AnnotationID: c.ID, Body: "hello"}, annotate.EINVALID, []string{"UUID"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.c
			wantError(t, f.db.CreateComment(ctx, &x), tc.code, tc.parts...)
		})
	}
	bad := resolved
	bad.Body = ""
	wantError(t, f.db.UpdateComment(ctx, &bad), annotate.EINVALID, "empty")
	bad.ID = annotate.NewID()
	wantError(t, f.db.UpdateComment(ctx, &bad), annotate.ENOTFOUND, "no comment")
	wantError(t, f.db.DeleteComment(ctx, annotate.NewID()), annotate.ENOTFOUND, "no comment")

	// Deleting a comment takes its replies.
	if err := f.db.DeleteComment(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.db.FindComments(ctx, f.art.ID); len(list) != 0 {
		t.Errorf("after deleting the thread: %+v", list)
	}
	wantAudit(t, f.db, reply.ID, "delete", "comment", 1)
}

// Deleting an annotation deletes its comments (and those of a claim's
// notes), with their entries in the log.
func TestDeletedAnnotationTakesItsComments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.claim(t)
	f.mustCreate(t, c)
	n := f.note(t)
	n.Target, n.ClaimID = nil, c.ID
	f.mustCreate(t, n)
	keep := f.attribution(t)
	f.mustCreate(t, keep)
	var ids []string
	for _, on := range []string{c.ID, n.ID, keep.ID} {
		x := &annotate.Comment{AnnotationID: on, Author: "Ana", Body: "on " + on}
		if err := f.db.CreateComment(ctx, x); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	if err := f.db.DeleteAnnotation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	list, err := f.db.FindComments(ctx, f.art.ID)
	if err != nil || len(list) != 1 || list[0].ID != ids[2] {
		t.Fatalf("comments after deleting the claim = %+v, %v", list, err)
	}
	wantAudit(t, f.db, ids[0], "delete", "comment", 1)
	wantAudit(t, f.db, ids[1], "delete", "comment", 1)
}

// Re-anchoring an article on a new revision keeps the notes' evidence
// links and the comments: the rows are updated in place.
func TestReviseKeepsEvidenceAndComments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.mustCreate(t, f.attribution(t))
	f.mustCreate(t, f.claim(t))
	n := f.note(t)
	f.mustCreate(t, n)
	x := &annotate.Comment{AnnotationID: n.ID, Author: "Ana", Body: "Check the source."}
	if err := f.db.CreateComment(ctx, x); err != nil {
		t.Fatal(err)
	}
	text := reviseText(f)
	if err := f.db.ReviseArticle(ctx, f.art.ID, newRevision(f, 2, text), revised(t, f, annotate.NewText(text), 2)); err != nil {
		t.Fatal(err)
	}
	if got := findNoteIn(t, f, n.ID); !reflect.DeepEqual(got.Sources, n.Sources) || !got.Orphan {
		t.Errorf("the re-anchored note's sources = %+v, want %+v", got.Sources, n.Sources)
	}
	if list, err := f.db.FindComments(ctx, f.art.ID); err != nil || len(list) != 1 || list[0].ID != x.ID {
		t.Errorf("comments after the revision = %+v, %v", list, err)
	}
}

// workflowProject is a project with every workflow record: a shared
// record with an archive URL and a snapshot, a claim approved, published
// and corrected, and a thread of comments.
func workflowProject(t *testing.T) *fixture {
	f := newFixture(t)
	ctx := context.Background()
	c, n := proposed(t, f)
	other := f.note(t)
	other.Sources = append(other.Sources, n.Sources[0])
	f.mustCreate(t, other)
	if _, err := f.db.AttachSnapshot(ctx, n.Sources[0].ID, "budget.pdf", pdfBytes); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.AttachArchiveURL(ctx, "", "https://web.archive.org/web/2026/https://example.org/budget"); err != nil {
		t.Fatal(err)
	}
	approve(t, f, c.ID, "Ana")
	s := storedClaim(t, f, c.ID)
	s.Status = annotate.StatusPublished
	if err := f.db.UpdateClaim(ctx, s); err != nil {
		t.Fatal(err)
	}
	n = findNoteIn(t, f, n.ID)
	n.Verdict = "Mostly false"
	if err := f.db.CorrectNote(ctx, n, "New figures."); err != nil {
		t.Fatal(err)
	}
	first := &annotate.Comment{AnnotationID: c.ID, Author: "Ana", Body: "Published 🎉"}
	if err := f.db.CreateComment(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := f.db.CreateComment(ctx, &annotate.Comment{AnnotationID: c.ID, ParentID: first.ID, Author: "Ben", Body: "Thanks", Resolved: true}); err != nil {
		t.Fatal(err)
	}
	return f
}

// The native document carries the records (with IDs and snapshot
// metadata), approvals, corrections and comments: importing it into a new
// project and exporting that gives the same document. The snapshot's bytes
// are not in it.
func TestWorkflowRoundTrip(t *testing.T) {
	f := workflowProject(t)
	ctx := context.Background()
	doc, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ad := doc.Articles[0]
	if len(ad.Comments) != 2 || len(ad.Claims[0].Approvals) != 1 || len(ad.Claims[0].Corrections) != 1 {
		t.Fatalf("the export lacks the workflow: %d comments, claim %+v", len(ad.Comments), ad.Claims[0])
	}
	shared := 0
	for _, n := range ad.Notes {
		for _, e := range n.Sources {
			if e.ID == "" {
				t.Errorf("a source without ID: %+v", e)
			}
			if e.Snapshot != nil && len(e.Archives) == 1 {
				shared++
			}
		}
	}
	if shared != 2 {
		t.Errorf("the shared record with its snapshot and archive is in %d notes, want 2", shared)
	}
	// The content round-trips byte for byte; the log carries the
	// document's entries and then the import's own (TestImportAuditOnce).
	want := contentJSON(t, f.db)

	g := openTestDB(t)
	if _, err := g.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if got := contentJSON(t, g); !bytes.Equal(got, want) {
		t.Errorf("round trip differs:\n%s\nwant\n%s", got, want)
	}
	// Imported twice, or into the project it came from: nothing changes,
	// and the log gains no entry.
	for name, db := range map[string]*DB{"the new project": g, "the project it came from": f.db} {
		before := lastSeq(t, db)
		if _, err := db.Import(ctx, doc); err != nil {
			t.Fatal(err)
		}
		if got := contentJSON(t, db); !bytes.Equal(got, want) {
			t.Errorf("importing again into %s changed the project:\n%s", name, got)
		}
		for _, e := range entriesSince(t, db, before) {
			t.Errorf("importing again into %s logged %s %s %s %q: %s → %s", name, e.Action, e.Kind, e.EntityID, e.Field, e.Old, e.New)
		}
	}
	id := ad.Notes[0].Sources[0].ID
	for _, n := range ad.Notes {
		for _, e := range n.Sources {
			if e.Snapshot != nil {
				id = e.ID
			}
		}
	}
	_, _, err = g.SnapshotData(ctx, id)
	wantError(t, err, annotate.ENOTFOUND, "budget.pdf", "not in this project", "attach")
	if data, _, err := f.db.SnapshotData(ctx, id); err != nil || !bytes.Equal(data, pdfBytes) {
		t.Errorf("the original project's snapshot after re-importing: %v", err)
	}
	// Attaching the file to the imported record brings the bytes.
	if _, err := g.AttachSnapshot(ctx, id, "budget.pdf", pdfBytes); err != nil {
		t.Fatal(err)
	}
	if data, _, err := g.SnapshotData(ctx, id); err != nil || !bytes.Equal(data, pdfBytes) {
		t.Errorf("SnapshotData after attaching to the imported record: %v", err)
	}
}

func TestImportRefusesConflictingRecords(t *testing.T) {
	f := workflowProject(t)
	ctx := context.Background()
	doc, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var last *annotate.Evidence
	for i := range doc.Articles[0].Notes {
		for j := range doc.Articles[0].Notes[i].Sources {
			if e := &doc.Articles[0].Notes[i].Sources[j]; e.Snapshot != nil {
				last = e
			}
		}
	}
	last.Title = "Another title"
	g := openTestDB(t)
	_, err = g.Import(ctx, doc)
	wantError(t, err, annotate.EINVALID, last.ID, "different content")

	doc, _ = f.db.Export(ctx)
	doc.Articles[0].Comments[1].ParentID = annotate.NewID()
	_, err = g.Import(ctx, doc)
	wantError(t, err, annotate.ENOTFOUND, "comments[1]", "no comment")
	doc, _ = f.db.Export(ctx)
	doc.Articles[0].Comments[0].Body = ""
	_, err = g.Import(ctx, doc)
	wantError(t, err, annotate.EINVALID, "comments[0]", "empty")
}

// Import upserts records by ID: a newer note brings its record's new
// content; a record whose snapshot bytes the project has keeps its
// snapshot, whatever the document says.
func TestImportUpsertsRecords(t *testing.T) {
	f := workflowProject(t)
	ctx := context.Background()
	doc, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var withSnap *annotate.Note
	for i := range doc.Articles[0].Notes {
		if n := &doc.Articles[0].Notes[i]; n.Sources[len(n.Sources)-1].Snapshot != nil && withSnap == nil {
			withSnap = n
		}
	}
	e := &withSnap.Sources[len(withSnap.Sources)-1]
	want := *e.Snapshot
	e.Title, e.Snapshot = "Budget law, final", &annotate.Snapshot{Name: "other.pdf", MediaType: "application/pdf", Size: 1, SHA256: strings.Repeat("0", 64)}
	withSnap.Modified = withSnap.Modified.Add(1e9)
	// The other note with the record says the same.
	for i := range doc.Articles[0].Notes {
		n := &doc.Articles[0].Notes[i]
		for j := range n.Sources {
			if n.Sources[j].ID == e.ID {
				n.Sources[j] = *e
			}
		}
	}
	if _, err := f.db.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	u := evidenceUse(t, f.db, e.ID)
	if u.Title != "Budget law, final" || u.Snapshot == nil || *u.Snapshot != want {
		t.Errorf("the record after the import: %+v (snapshot %+v, want %+v)", u.Evidence, u.Snapshot, want)
	}
	if data, _, err := f.db.SnapshotData(ctx, e.ID); err != nil || !bytes.Equal(data, pdfBytes) {
		t.Errorf("SnapshotData after the import: %v", err)
	}
	// The log has the import's change of the record: its title, not the
	// snapshot it kept.
	got := wantAudit(t, f.db, e.ID, "import", "evidence", 1)[0]
	if got.New != `{"title":"Budget law, final"}` || !strings.Contains(got.Old, `"title"`) {
		t.Errorf("import entry of the record: %s → %s", got.Old, got.New)
	}
}
