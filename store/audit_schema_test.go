package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// oldProject makes a project at schema 10 (before the lean audit log) with
// an article and n log entries written by hand, two of them project-wide,
// and returns its path and the entries as stored, by seq.
func oldProject(t *testing.T, n int) (string, []annotate.AuditEntry) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	if err := prepareFile(path); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, dsn(path))
	defer raw.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, m := range migrations()[:10] {
		exec(m.sql)
	}
	exec("PRAGMA user_version = 10; PRAGMA application_id = " + strconv.Itoa(applicationID))
	const art = "a0000000-0000-4000-8000-000000000000"
	exec(`INSERT INTO articles (id, title, text, sha256, imported_at) VALUES (?, 'Old', 'The deficit grew.', 'x', ?)`,
		art, "2026-03-01T10:00:00.000000000Z")
	for i := range n {
		article, entity := art, fmt.Sprintf("c%07d-0000-4000-8000-000000000000", i%7)
		if i%5 == 4 {
			article, entity = "", fmt.Sprintf("e%07d-0000-4000-8000-000000000000", i)
		}
		exec(insertAuditSQL, fmt.Sprintf("%08d-0000-4000-8000-000000000000", i),
			fmt.Sprintf("2026-03-01T10:%02d:00.000000000Z", i%60), "Ana Núñez", "update", "claim", entity, article,
			"tags", `["a"]`, fmt.Sprintf(`["%d"]`, i))
	}
	var seq int
	if err := raw.QueryRow("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").Scan(&seq); err != nil || seq != n {
		t.Fatalf("schema 10's sqlite_sequence = %d, %v; want %d", seq, err, n)
	}
	list, err := queryAudit(context.Background(), raw, "")
	if err != nil || len(list) != n {
		t.Fatalf("entries written: %d, %v", len(list), err)
	}
	return path, list
}

// Migration 11 keeps every entry (and its seq), drops AUTOINCREMENT (no
// sqlite_sequence row is written any more), leaves one index beside the IDs'
// and keeps the append-only triggers; the file stays whole.
func TestMigrationElevenKeepsTheLog(t *testing.T) {
	path, before := oldProject(t, 40)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	after, err := queryAudit(ctx, db.db, "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("the log changed in the migration:\n%+v\nwant\n%+v", after, before)
	}
	var table string
	must(t, db.db.QueryRow("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'audit'").Scan(&table))
	if strings.Contains(table, "AUTOINCREMENT") || !strings.Contains(table, "seq       INTEGER PRIMARY KEY,") {
		t.Errorf("the audit table after migration 11:\n%s", table)
	}
	if got := schemaNames(t, db.db, "index"); !slices.Equal(got, []string{"audit_by_article", "sqlite_autoindex_audit_1"}) {
		t.Errorf("the audit table's indexes: %q", got)
	}
	if got := schemaNames(t, db.db, "trigger"); !slices.Equal(got, []string{"audit_no_delete", "audit_no_replace", "audit_no_update"}) {
		t.Errorf("the audit table's triggers: %q", got)
	}
	var check string
	must(t, db.db.QueryRow("PRAGMA integrity_check").Scan(&check))
	if check != "ok" {
		t.Errorf("integrity_check after migration 11: %s", check)
	}
	if _, err := db.db.Exec("DELETE FROM audit WHERE seq = 40"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("DELETE after migration 11: %v, want the append-only refusal", err)
	}
	// The next entry follows the last; SQLite no longer counts it in
	// sqlite_sequence.
	must(t, db.UpdateSettings(ctx, annotate.Settings{Annotator: "Bo", Scale: annotate.DefaultScale()}))
	var last, counted int
	must(t, db.db.QueryRow("SELECT max(seq), (SELECT count(*) FROM sqlite_sequence WHERE name = 'audit') FROM audit").Scan(&last, &counted))
	if last != 41 || counted != 0 {
		t.Errorf("after a change: last seq %d (want 41), sqlite_sequence rows for audit %d (want 0)", last, counted)
	}
	// The readers find the migrated entries through the new index.
	var own int
	for _, e := range before {
		if e.EntityID == before[0].EntityID {
			own++
		}
	}
	h, err := db.FindHistory(ctx, before[0].EntityID)
	must(t, err)
	if len(h) != own {
		t.Errorf("history of %s after migration: %d entries, want %d", before[0].EntityID, len(h), own)
	}
	all, err := db.FindAudit(ctx, before[0].ArticleID)
	must(t, err)
	if want := len(before) + len(entriesSince(t, db, int64(len(before)))); len(all) != want {
		t.Errorf("FindAudit of the article after migration: %d entries, want %d", len(all), want)
	}
}

func schemaNames(t *testing.T, db *sql.DB, kind string) []string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_schema WHERE type = ? AND tbl_name = 'audit' ORDER BY name", kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		names = append(names, n)
	}
	return names
}

// Without AUTOINCREMENT a new entry's seq is one more than the largest
// stored: since no entry is ever deleted, seq still grows in the order
// entries were appended, through failed (rolled back) changes and reopening
// the project, and no seq is given twice.
func TestAuditSeqGrows(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var seqs []int64
	last := func() int64 {
		var n int64
		must(t, f.db.db.QueryRow("SELECT coalesce(max(seq), 0) FROM audit").Scan(&n))
		return n
	}
	seqs = append(seqs, last()) // the article's entry
	for i := range 12 {
		c := f.claim(t)
		must(t, f.db.CreateClaim(ctx, c))
		seqs = append(seqs, last())
		if i%3 == 0 {
			// A change that fails after its entry is written rolls back
			// both.
			err := f.db.inTx(ctx, func(tx *sql.Tx) error {
				if err := f.db.appendAudit(ctx, tx, "Ana", change{action: "create", kind: "claim", entity: "x", new: "{}"}); err != nil {
					return err
				}
				return fmt.Errorf("fails")
			})
			if err == nil || last() != seqs[len(seqs)-1] {
				t.Fatalf("a rolled back entry: %v, last seq %d", err, last())
			}
		}
		if i == 6 {
			path := f.db.Path()
			must(t, f.db.Close())
			db, err := Open(path)
			must(t, err)
			db.Now = f.clock.Now
			f.db = db
			t.Cleanup(func() { db.Close() })
		}
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] != seqs[i-1]+1 {
			t.Errorf("seqs %v: entry %d is not one more than the one before", seqs, i)
		}
	}
	var distinct, total int
	must(t, f.db.db.QueryRow("SELECT count(DISTINCT seq), count(*) FROM audit").Scan(&distinct, &total))
	if distinct != total {
		t.Errorf("%d entries, %d seqs", total, distinct)
	}
}

// Every reader of the log finds its entries through an index, never by
// reading the whole table (a large project's log is a third of its file).
// The full export (every entry, in seq order) reads the table in order.
func TestAuditQueryPlans(t *testing.T) {
	f := newFixture(t)
	exportWhere, exportArgs := auditWhere([]string{f.art.ID})
	queries := []struct {
		name, query string
		args        []any
	}{
		{"history", `SELECT id FROM audit ` + historyWhere + ` ORDER BY seq`, []any{f.art.ID}},
		{"audit of articles", `SELECT id FROM audit ` + auditOfArticles + ` ORDER BY seq`, []any{`["x"]`}},
		{"export of articles", `SELECT id FROM audit ` + exportWhere + ` ORDER BY seq`, exportArgs},
		{"import's check of IDs", `SELECT 1 FROM audit WHERE id = ?`, []any{"x"}},
	}
	for _, q := range queries {
		plan := queryPlan(t, f.db.rd, q.query, q.args...)
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN audit") || strings.HasPrefix(step, "SCAN a ") || step == "SCAN a" {
				t.Errorf("%s reads the whole log: %q", q.name, plan)
			}
		}
	}
}

func queryPlan(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		must(t, rows.Scan(&id, &parent, &unused, &detail))
		plan = append(plan, detail)
	}
	return plan
}

// The history of a deleted annotation, whose article no table names any
// more, is found among every article's entries; a record's history never
// lists another record's entries, on its article or elsewhere.
func TestHistoryOfADeletedAnnotation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var arts []*annotate.Article
	for i := range 4 {
		arts = append(arts, f.addArticle(t, testText+strings.Repeat(" More.", i+1), fmt.Sprintf("Row %d", i)))
	}
	var claims []*annotate.Claim
	for _, a := range arts {
		for range 3 {
			c := &annotate.Claim{Meta: annotate.Meta{ArticleID: a.ID}, Anchors: []annotate.Anchor{span(t, annotate.NewText(a.Text), "€3 billion")}}
			must(t, f.db.CreateClaim(ctx, c))
			c.Tags = []string{"edited"}
			must(t, f.db.UpdateClaim(ctx, c))
			claims = append(claims, c)
		}
	}
	gone := claims[7]
	must(t, f.db.DeleteAnnotation(ctx, gone.ID))
	for _, c := range claims {
		h, err := f.db.FindHistory(ctx, c.ID)
		must(t, err)
		var actions []string
		for _, e := range h {
			if e.EntityID != c.ID {
				t.Errorf("history of %s lists an entry of %s", c.ID, e.EntityID)
			}
			actions = append(actions, e.Action)
		}
		want := []string{"create", "update"}
		if c == gone {
			want = append(want, "delete")
		}
		if !slices.Equal(actions, want) {
			t.Errorf("history of %s: %q, want %q", c.ID, actions, want)
		}
	}
	if h, err := f.db.FindHistory(ctx, "not-a-record"); err != nil || len(h) != 0 {
		t.Errorf("history of an unknown ID: %d entries, %v", len(h), err)
	}
}

// A durable save of a claim writes six pages to the WAL (median of many):
// the annotation's table, its ID index and annotations_by_article, and the
// audit entry's table, ID index and audit_by_article. Each page more is
// more to write and sync at every save (issue 16).
func TestSaveWritesSixPages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var pageSize int64
	must(t, f.db.db.QueryRow("PRAGMA page_size").Scan(&pageSize))
	var frames []int
	for range 60 {
		if _, err := f.db.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			t.Fatal(err)
		}
		must(t, f.db.CreateClaim(ctx, f.claim(t)))
		info, err := os.Stat(f.db.Path() + "-wal")
		must(t, err)
		frames = append(frames, int((info.Size()-32)/(24+pageSize))) // the WAL's header, each frame's
	}
	slices.Sort(frames)
	if m := frames[len(frames)/2]; m > 6 {
		t.Errorf("a save writes %d pages (median; all: %v), want at most 6", m, frames)
	}
}
