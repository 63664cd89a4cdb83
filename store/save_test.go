package store

import (
	"context"
	"database/sql"
	"os"
	"reflect"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// An edit sets the indexed columns (start and the references) only when they
// change (row.updateOver); one that changes them must still save them, and
// clearing a reference stores NULL.
func TestUpdateSetsTheIndexedColumnsThatChange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana, ben := f.speaker(t, "Ana Núñez"), f.speaker(t, "Ben Okafor")
	a1, a2 := f.attribution(t), f.attribution(t)
	a1.SpeakerID = ana.ID
	f.mustCreate(t, a1)
	f.mustCreate(t, a2)
	c := f.claim(t)
	c.SpeakerID, c.AttributionID = ana.ID, a1.ID
	f.mustCreate(t, c)
	c2 := f.claim(t)
	f.mustCreate(t, c2)
	n := f.note(t)
	n.Target, n.ClaimID = nil, c.ID
	f.mustCreate(t, n)

	columns := func(id string) (start int, speaker, attribution, claim sql.NullString) {
		t.Helper()
		err := f.db.db.QueryRow("SELECT start, speaker_id, attribution_id, claim_id FROM annotations WHERE id = ?", id).
			Scan(&start, &speaker, &attribution, &claim)
		if err != nil {
			t.Fatal(err)
		}
		return start, speaker, attribution, claim
	}

	c.Anchors = c.Anchors[1:] // starts later
	c.SpeakerID, c.AttributionID = ben.ID, a2.ID
	if err := f.db.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	start, speaker, attribution, _ := columns(c.ID)
	if start != c.Start() || speaker.String != ben.ID || attribution.String != a2.ID {
		t.Fatalf("after the edit: start %d speaker %v attribution %v; want %d %s %s", start, speaker, attribution, c.Start(), ben.ID, a2.ID)
	}
	c.SpeakerID, c.AttributionID = "", ""
	if err := f.db.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, speaker, attribution, _ := columns(c.ID); speaker.Valid || attribution.Valid {
		t.Fatalf("cleared references are stored as %v and %v, want NULL", speaker, attribution)
	}
	n.ClaimID = c2.ID
	if err := f.db.UpdateNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	if start, _, _, claim := columns(n.ID); claim.String != c2.ID || start != c2.Start() {
		t.Fatalf("the moved note has claim %v start %d, want %s %d", claim, start, c2.ID, c2.Start())
	}
	a1.SpeakerID = ""
	if err := f.db.UpdateAttribution(ctx, a1); err != nil {
		t.Fatal(err)
	}
	if _, speaker, _, _ := columns(a1.ID); speaker.Valid {
		t.Fatalf("the attribution's cleared speaker is %v, want NULL", speaker)
	}

	// Each change is in the log as the field it changed.
	history, err := f.db.FindHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]int{}
	for _, e := range history {
		if e.Action == "update" {
			changed[e.Field]++
		}
	}
	if changed["speaker"] != 2 || changed["attribution"] != 2 || changed["anchors"] != 1 {
		t.Fatalf("the claim's update entries by field: %v; want speaker and attribution twice, anchors once", changed)
	}
}

// An edit of a claim's tags writes the row's page and the audit log's, not
// a page of every index on the annotations table: SQLite rewrites the index
// entries of each column an UPDATE sets, and setting them all made such an
// edit write 11 to 12 pages to the log (the audit entry's five among them),
// where it now writes 6 to 7.
func TestEditWritesOnlyTheRowsPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.claim(t)
	f.mustCreate(t, c)
	if _, err := f.db.db.Exec("PRAGMA wal_autocheckpoint = 0; PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	defer f.db.db.Exec("PRAGMA wal_autocheckpoint = 1000")
	const edits = 20
	for i := range edits {
		c.Tags = []string{"économie", string(rune('a' + i))}
		if err := f.db.UpdateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	info, err := os.Stat(f.db.Path() + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	const header, frame = 32, 24 + 4096
	if perEdit := float64(info.Size()-header) / frame / edits; perEdit > 8 {
		t.Fatalf("an edit of a tag wrote %.1f pages to the log, want at most 8", perEdit)
	}
}

// An edit from a copy older than the claim's review (no approvals, no
// corrections) keeps the stored ones exactly (keepReview, storedReview).
func TestEditFromAStaleCopyKeepsTheReview(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	setApprovals(t, f, 1)
	c, n := proposed(t, f)
	stale := *c
	approve(t, f, c.ID, "Ana")
	c.Status = annotate.StatusPublished
	if err := f.db.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	n.Verdict = f.db.mustScale(t).Verdicts[0].Label
	if n.Verdict == storedNoteVerdict(t, f, n.ID) {
		n.Verdict = f.db.mustScale(t).Verdicts[1].Label
	}
	if err := f.db.CorrectNote(ctx, n, "the figure was revised"); err != nil {
		t.Fatal(err)
	}
	before := storedClaim(t, f, c.ID)
	if len(before.Approvals) == 0 || len(before.Corrections) != 1 {
		t.Fatalf("the reviewed claim has approvals %+v and corrections %+v", before.Approvals, before.Corrections)
	}
	stale.Status = before.Status
	stale.Tags = []string{"edited"}
	if err := f.db.UpdateClaim(ctx, &stale); err != nil {
		t.Fatal(err)
	}
	after := storedClaim(t, f, c.ID)
	if !reflect.DeepEqual(after.Approvals, before.Approvals) || !reflect.DeepEqual(after.Corrections, before.Corrections) {
		t.Fatalf("after the edit: approvals %+v corrections %+v; want %+v and %+v", after.Approvals, after.Corrections,
			before.Approvals, before.Corrections)
	}
	if !reflect.DeepEqual(stale.Approvals, before.Approvals) || len(after.Tags) != 1 {
		t.Fatalf("the edit gave back approvals %+v and stored tags %v", stale.Approvals, after.Tags)
	}
}

func (db *DB) mustScale(t *testing.T) annotate.Scale {
	t.Helper()
	s, err := db.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Scale
}

func storedNoteVerdict(t *testing.T, f *fixture, id string) string {
	t.Helper()
	return findNoteIn(t, f, id).Verdict
}
