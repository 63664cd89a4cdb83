package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// loggedEntries lists the log's entries about entity, oldest first.
func loggedEntries(t testing.TB, db *DB, entity string) []annotate.AuditEntry {
	t.Helper()
	rows, err := db.rd.Query(`SELECT action, kind, entity, article, field, old, new, who FROM audit
		WHERE entity = ? ORDER BY seq`, entity)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var list []annotate.AuditEntry
	for rows.Next() {
		var e annotate.AuditEntry
		if err := rows.Scan(&e.Action, &e.Kind, &e.EntityID, &e.ArticleID, &e.Field, &e.Old, &e.New, &e.Who); err != nil {
			t.Fatal(err)
		}
		list = append(list, e)
	}
	return list
}

// wantAudit fails unless the log has n entries (one per field changed; at
// least one when n < 0) of the action and kind about entity.
func wantAudit(t testing.TB, db *DB, entity, action, kind string, n int) []annotate.AuditEntry {
	t.Helper()
	var got []annotate.AuditEntry
	for _, e := range loggedEntries(t, db, entity) {
		if e.Action == action && e.Kind == kind {
			got = append(got, e)
		}
	}
	if n < 0 && len(got) == 0 || n >= 0 && len(got) != n {
		t.Fatalf("audit of %s %s: %d %s entries, want %d; the log has %+v", kind, entity, len(got), action, n, loggedEntries(t, db, entity))
	}
	return got
}

func findNoteIn(t testing.TB, f *fixture, id string) *annotate.Note {
	t.Helper()
	n, _ := findNote(f.annotations(t), id).(*annotate.Note)
	if n == nil {
		t.Fatalf("no note %s", id)
	}
	return n
}

func evidenceUse(t testing.TB, db *DB, id string) *annotate.EvidenceUse {
	t.Helper()
	list, err := db.FindEvidence(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i]
		}
	}
	t.Fatalf("FindEvidence has no record %s: %+v", id, list)
	return nil
}

// A note's sources are saved as records: each gets an ID, written into the
// note, and the note reads them back in order, with the audit log saying
// each was created.
func TestNoteSourcesAreRecords(t *testing.T) {
	f := newFixture(t)
	n := f.note(t)
	f.mustCreate(t, n)
	for i, e := range n.Sources {
		if e.ID == "" {
			t.Fatalf("sources[%d] has no ID after CreateNote", i)
		}
		wantAudit(t, f.db, e.ID, "create", "evidence", 1)
	}
	got := findNoteIn(t, f, n.ID)
	if !reflect.DeepEqual(got.Sources, n.Sources) {
		t.Fatalf("sources read back:\n%+v\nwant\n%+v", got.Sources, n.Sources)
	}
	// Reordered, one dropped, one added: the links follow; the dropped
	// record stays, used by nothing.
	dropped := n.Sources[0]
	n.Sources = []annotate.Evidence{n.Sources[1], {URL: "https://example.org/new", Type: annotate.SourceOfficialData}}
	if err := f.db.UpdateNote(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	if got := findNoteIn(t, f, n.ID); !reflect.DeepEqual(got.Sources, n.Sources) || n.Sources[1].ID == "" {
		t.Fatalf("sources after the update:\n%+v\nwant\n%+v", got.Sources, n.Sources)
	}
	if u := evidenceUse(t, f.db, dropped.ID); len(u.Notes) != 0 || !reflect.DeepEqual(u.Evidence, dropped) {
		t.Errorf("the dropped record: %+v, want it kept, used by no note", u)
	}
	if u := evidenceUse(t, f.db, n.Sources[0].ID); !reflect.DeepEqual(u.Notes, []string{n.ID}) || len(u.Claims) != 0 {
		t.Errorf("uses of a record of a note on a span: %+v", u)
	}
	// Deleting the note keeps its records.
	if err := f.db.DeleteAnnotation(context.Background(), n.ID); err != nil {
		t.Fatal(err)
	}
	if u := evidenceUse(t, f.db, n.Sources[1].ID); len(u.Notes) != 0 {
		t.Errorf("a deleted note's record: %+v", u)
	}
}

// One record used by two notes (on two claims) is one record: changed
// through one note, or through UpdateEvidence, it changes in both, and
// FindEvidence lists both notes and their claims.
func TestSharedRecordChangesInBothNotes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c1, c2 := f.claim(t), f.claim(t)
	f.mustCreate(t, c1)
	f.mustCreate(t, c2)
	a := &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c1.ID,
		Sources: []annotate.Evidence{{URL: "https://example.org/budget", Title: "Budget"}}}
	f.mustCreate(t, a)
	b := &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c2.ID, Sources: a.Sources[:1:1]}
	f.mustCreate(t, b)
	id := a.Sources[0].ID
	if b.Sources[0].ID != id {
		t.Fatalf("the second note's source has ID %s, want the record %s", b.Sources[0].ID, id)
	}
	u := evidenceUse(t, f.db, id)
	if len(u.Notes) != 2 || len(u.Claims) != 2 || !strings.Contains(strings.Join(u.Claims, " "), c1.ID) || !strings.Contains(strings.Join(u.Claims, " "), c2.ID) {
		t.Errorf("uses = notes %v claims %v, want both notes and both claims", u.Notes, u.Claims)
	}

	a.Sources[0].Title = "Budget law 2025"
	if err := f.db.UpdateNote(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := findNoteIn(t, f, b.ID).Sources[0].Title; got != "Budget law 2025" {
		t.Errorf("the other note's source title = %q after editing it through the first", got)
	}
	wantAudit(t, f.db, id, "update", "evidence", 1)

	e := a.Sources[0]
	e.Publisher, e.Withheld, e.Archives = "Parliament", true, []string{"https://perma.cc/ABCD-1234"}
	if err := f.db.UpdateEvidence(ctx, &e); err != nil {
		t.Fatal(err)
	}
	for _, n := range []*annotate.Note{a, b} {
		if got := findNoteIn(t, f, n.ID).Sources[0]; !reflect.DeepEqual(got, e) {
			t.Errorf("note %s source = %+v, want %+v", n.ID, got, e)
		}
	}
	wantAudit(t, f.db, id, "update", "evidence", 4) // title, then publisher, withheld, archives
	// The same record again changes nothing and logs nothing.
	if err := f.db.UpdateEvidence(ctx, &e); err != nil {
		t.Fatal(err)
	}
	wantAudit(t, f.db, id, "update", "evidence", 4)
}

func TestEvidenceBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.note(t)
	f.mustCreate(t, n)
	twice := f.note(t)
	twice.Sources = []annotate.Evidence{n.Sources[0], n.Sources[0]}
	wantError(t, f.db.CreateNote(ctx, twice), annotate.EINVALID, "sources[1]", "sources[0]")

	e := n.Sources[0]
	e.URL = "ftp://example.org/x"
	wantError(t, f.db.UpdateEvidence(ctx, &e), annotate.EINVALID, "evidence.url", "ftp://example.org/x")
	e = n.Sources[0]
	e.Type = "rumour"
	wantError(t, f.db.UpdateEvidence(ctx, &e), annotate.EINVALID, "evidence.type", "rumour")
	e.Type, e.ID = "", ""
	wantError(t, f.db.UpdateEvidence(ctx, &e), annotate.EINVALID, "evidence.id")
	e.ID = annotate.NewID()
	wantError(t, f.db.UpdateEvidence(ctx, &e), annotate.ENOTFOUND, e.ID)
	if got := findNoteIn(t, f, n.ID); !reflect.DeepEqual(got.Sources, n.Sources) {
		t.Errorf("refused changes changed the sources: %+v", got.Sources)
	}
}

var pdfBytes = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func TestAttachSnapshot(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.note(t)
	f.mustCreate(t, n)
	id := n.Sources[0].ID
	snap, err := f.db.AttachSnapshot(ctx, id, "/home/ana/Downloads/budget.pdf", pdfBytes)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdfBytes)
	want := annotate.Snapshot{Name: "budget.pdf", MediaType: "application/pdf", Size: int64(len(pdfBytes)), SHA256: hex.EncodeToString(sum[:])}
	if *snap != want {
		t.Fatalf("snapshot = %+v, want %+v", *snap, want)
	}
	data, got, err := f.db.SnapshotData(ctx, id)
	if err != nil || !bytes.Equal(data, pdfBytes) || *got != want {
		t.Fatalf("SnapshotData = %q, %+v, %v", data, got, err)
	}
	if s := findNoteIn(t, f, n.ID).Sources[0].Snapshot; s == nil || *s != want {
		t.Errorf("the note's source snapshot = %+v", s)
	}
	wantAudit(t, f.db, id, "update", "evidence", 1)

	// The desk's copy of the note, without the snapshot, keeps it.
	n.Sources[0].Snapshot = nil
	n.Rationale += " Again."
	if err := f.db.UpdateNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	if s := findNoteIn(t, f, n.ID).Sources[0].Snapshot; s == nil || *s != want || n.Sources[0].Snapshot == nil {
		t.Errorf("after an update without it, the snapshot = %+v (the note given has %+v)", s, n.Sources[0].Snapshot)
	}

	// Replaced by an image.
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	if snap, err := f.db.AttachSnapshot(ctx, id, "shot.png", png); err != nil || snap.MediaType != "image/png" {
		t.Fatalf("AttachSnapshot(png) = %+v, %v", snap, err)
	}
	if data, _, err := f.db.SnapshotData(ctx, id); err != nil || !bytes.Equal(data, png) {
		t.Fatalf("SnapshotData after the replacement = %v", err)
	}

	for _, c := range []struct {
		name, file string
		data       []byte
		code       string
		parts      []string
	}{
		{"too big", "scan.pdf", append(append([]byte{}, pdfBytes...), make([]byte, annotate.MaxSnapshotSize)...), annotate.EINVALID, []string{"scan.pdf", "25 MB"}},
		{"wrong type", "archive.zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), annotate.EINVALID, []string{"archive.zip", "application/zip", "PDF"}},
		{"empty", "empty.pdf", nil, annotate.EINVALID, []string{"empty.pdf", "empty"}},
		{"no name", " ", pdfBytes, annotate.EINVALID, []string{"file name"}},
	} {
		_, err := f.db.AttachSnapshot(ctx, id, c.file, c.data)
		wantError(t, err, c.code, c.parts...)
	}
	_, err = f.db.AttachSnapshot(ctx, annotate.NewID(), "a.pdf", pdfBytes)
	wantError(t, err, annotate.ENOTFOUND, "no evidence record")
	_, _, err = f.db.SnapshotData(ctx, n.Sources[1].ID)
	wantError(t, err, annotate.ENOTFOUND, "has no snapshot")

	// Bytes changed behind the store's back are refused, not returned.
	if _, err := f.db.db.Exec("UPDATE snapshots SET data = ? WHERE evidence_id = ?", append(png[:len(png)-1:len(png)-1], 1), id); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.db.SnapshotData(ctx, id)
	wantError(t, err, annotate.EINTERNAL, "shot.png", "damaged")
}

func TestAttachArchiveURL(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.note(t) // https://example.org/stats?q=déficit, and a phone call
	n.Sources = append(n.Sources, annotate.Evidence{URL: "https://www.example.org/report/"},
		annotate.Evidence{URL: "https://example.org/twice"}, annotate.Evidence{URL: "https://example.org/twice", Title: "again"})
	f.mustCreate(t, n)
	stats, report := n.Sources[0], n.Sources[2]

	wayback := "https://web.archive.org/web/20260301120000/" + stats.URL
	e, err := f.db.AttachArchiveURL(ctx, "", wayback)
	if err != nil || e.ID != stats.ID || !reflect.DeepEqual(e.Archives, []string{wayback}) {
		t.Fatalf("AttachArchiveURL(wayback) = %+v, %v", e, err)
	}
	wantAudit(t, f.db, stats.ID, "update", "evidence", 1)
	// Again: nothing new.
	if e, err := f.db.AttachArchiveURL(ctx, "", wayback); err != nil || len(e.Archives) != 1 {
		t.Fatalf("attaching it twice = %+v, %v", e, err)
	}
	wantAudit(t, f.db, stats.ID, "update", "evidence", 1)
	// The same page written another way (http, no www., no final slash).
	if e, err := f.db.AttachArchiveURL(ctx, "", "https://archive.ph/20260301/http://example.org/report"); err != nil || e.ID != report.ID {
		t.Fatalf("AttachArchiveURL(archive.ph) = %+v, %v", e, err)
	}
	// perma.cc says nothing of the page: it needs the record.
	_, err = f.db.AttachArchiveURL(ctx, "", "https://perma.cc/ABCD-1234")
	wantError(t, err, annotate.EINVALID, "perma.cc", "choose")
	if e, err := f.db.AttachArchiveURL(ctx, report.ID, "https://perma.cc/ABCD-1234"); err != nil || len(e.Archives) != 2 {
		t.Fatalf("AttachArchiveURL(perma.cc, id) = %+v, %v", e, err)
	}
	if got := findNoteIn(t, f, n.ID).Sources[2].Archives; len(got) != 2 {
		t.Errorf("the note's source archives = %v", got)
	}

	_, err = f.db.AttachArchiveURL(ctx, "", "https://web.archive.org/web/2026/https://example.org/nothing")
	wantError(t, err, annotate.ENOTFOUND, "https://example.org/nothing")
	_, err = f.db.AttachArchiveURL(ctx, "", "https://web.archive.org/web/2026/https://example.org/twice")
	wantError(t, err, annotate.ECONFLICT, "2 evidence records", "choose")
	_, err = f.db.AttachArchiveURL(ctx, stats.ID, "https://web.archive.org/web/2026/https://example.org/other")
	wantError(t, err, annotate.ECONFLICT, "https://example.org/other", stats.URL)
	_, err = f.db.AttachArchiveURL(ctx, stats.ID, "javascript:alert(1)")
	wantError(t, err, annotate.EINVALID, "not an http(s) URL")
	_, err = f.db.AttachArchiveURL(ctx, annotate.NewID(), "https://perma.cc/X")
	wantError(t, err, annotate.ENOTFOUND, "no evidence record")

	list, err := f.db.FindEvidence(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var queue []string
	for _, e := range annotate.ArchiveQueue(func() []annotate.Evidence {
		var es []annotate.Evidence
		for _, u := range list {
			es = append(es, u.Evidence)
		}
		return es
	}()) {
		queue = append(queue, e.URL)
	}
	if want := []string{"https://example.org/twice", "https://example.org/twice"}; !reflect.DeepEqual(queue, want) {
		t.Errorf("archive queue = %v, want %v", queue, want)
	}
}

// Migration 7 rewrites the first release's statuses and moves notes'
// inline sources into records, one record for identical sources.
func TestMigrationSevenMovesSourcesIntoRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	if err := prepareFile(path); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, dsn(path))
	for _, m := range migrations()[:6] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
	}
	at := "2026-03-01T10:00:00.000000000Z"
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(fmt.Sprintf("PRAGMA user_version = 6; PRAGMA application_id = %d", applicationID))
	exec(`INSERT INTO articles (id, title, text, sha256, imported_at) VALUES ('a0000000-0000-4000-8000-000000000000', 'Old', 'The deficit grew.', 'x', ?)`, at)
	statuses := map[string]string{"new": "candidate", "in_review": "researching", "checked": "verdict_proposed", "dismissed": "dismissed"}
	i := 0
	for old := range statuses {
		exec(`INSERT INTO annotations (id, article_id, kind, start, author, origin, created, modified, body)
			VALUES (?, 'a0000000-0000-4000-8000-000000000000', 'claim', 0, 'Ana', 'manual', ?, ?, ?)`,
			fmt.Sprintf("c000000%d-0000-4000-8000-000000000000", i), at, at,
			`{"anchors":[{"start":4,"end":11,"exact":"deficit","prefix":"The ","suffix":" grew."}],"status":"`+old+`"}`)
		i++
	}
	budget := `{"url":"https://example.org/budget","title":"Budget","accessed":"2026-02-01"}`
	budgetLater := `{"url":"https://example.org/budget","title":"Budget","accessed":"2026-02-03"}`
	call := `{"title":"Phone call with the ministry 📞","excerpt":"« non »"}`
	notes := []string{"[" + budget + "," + call + "]", "[" + budgetLater + "]", "[" + call + "," + call + "]", "[]"}
	for i, src := range notes {
		exec(`INSERT INTO annotations (id, article_id, kind, start, author, origin, created, modified, claim_id, body)
			VALUES (?, 'a0000000-0000-4000-8000-000000000000', 'note', 0, 'Ana', 'manual', ?, ?, 'c0000000-0000-4000-8000-000000000000', ?)`,
			fmt.Sprintf("e000000%d-0000-4000-8000-000000000000", i), at, at, `{"verdict":"False","sources":`+src+`}`)
	}
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	rows, err := db.rd.Query("SELECT body FROM annotations ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for rows.Next() {
		var b string
		rows.Scan(&b)
		bodies = append(bodies, b)
	}
	rows.Close()
	got := map[string]bool{}
	for _, b := range bodies {
		if strings.Contains(b, "sources") {
			t.Errorf("a body keeps its sources: %s", b)
		}
		for _, st := range statuses {
			if strings.Contains(b, `"status":"`+st+`"`) {
				got[st] = true
			}
		}
	}
	if len(got) != 4 {
		t.Errorf("statuses in the bodies: %v; bodies %q", got, bodies)
	}
	list, err := db.FindEvidence(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("records = %+v, want 2 (the budget, the call)", list)
	}
	all, err := db.FindAnnotations(context.Background(), "a0000000-0000-4000-8000-000000000000")
	if err != nil {
		t.Fatal(err)
	}
	byNote := map[string][]annotate.Evidence{}
	for _, n := range all.Notes {
		byNote[n.ID[:8]] = n.Sources
	}
	b, c := byNote["e0000000"][0], byNote["e0000000"][1]
	if b.URL != "https://example.org/budget" || b.Accessed != "2026-02-03" || c.Excerpt != "« non »" ||
		len(byNote["e0000001"]) != 1 || !reflect.DeepEqual(byNote["e0000001"][0], b) || len(byNote["e0000002"]) != 1 ||
		byNote["e0000002"][0].ID != c.ID || len(byNote["e0000003"]) != 0 {
		t.Errorf("sources after the migration: %+v", byNote)
	}
	for _, e := range []annotate.Evidence{b, c} {
		if len(e.ID) != 36 {
			t.Errorf("record ID %q is not a UUID", e.ID)
		}
	}
	if err := db.UpdateNote(context.Background(), &all.Notes[0]); err != nil {
		t.Errorf("saving a migrated note: %v", err)
	}
}

// The sources are read without ORDER BY, trusting SQLite to read each
// note's links in order; links that come otherwise are noticed and read
// again, sorted.
func TestReadSourcesNoticesDisorder(t *testing.T) {
	f := newFixture(t)
	n := f.note(t)
	f.mustCreate(t, n)
	query := `SELECT l.note_id, l.seq, ` + evidenceCols + ` FROM note_evidence l JOIN evidence e ON e.id = l.evidence_id`
	got := map[string][]annotate.Evidence{n.ID: nil}
	ordered, err := readSources(context.Background(), f.db.rd, got, query+" ORDER BY l.seq DESC")
	if err != nil || ordered {
		t.Fatalf("reversed links: ordered = %v, %v", ordered, err)
	}
	got[n.ID] = nil
	ordered, err = readSources(context.Background(), f.db.rd, got, query+" ORDER BY l.seq")
	if err != nil || !ordered || !reflect.DeepEqual(got[n.ID], n.Sources) {
		t.Fatalf("links in order: ordered = %v, %v, sources %+v", ordered, err, got[n.ID])
	}
}
