package store

// The cost of the audit log on a save from the desk:
//
//	go test -run '^$' -bench 'RawUpdate|UpdateAnnotation' ./store/
//
// BenchmarkRawUpdate is the baseline (run first); BenchmarkUpdateAnnotation
// reports its median as a multiple of it (x-raw). Run the same two on a
// commit before the audit log to compare. Target: a save stays well under
// a frame (median at most 2 ms).

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkRawUpdate is the baseline of BenchmarkUpdateAnnotation: one
// single-row UPDATE by primary key, autocommitted, with the store's DSN on
// a plain table of 1000 rows of about an annotation's size.
func BenchmarkRawUpdate(b *testing.B) {
	path := filepath.Join(b.TempDir(), "raw.db")
	if err := prepareFile(path); err != nil {
		b.Fatal(err)
	}
	raw := rawDB(b, dsn(path))
	defer raw.Close()
	if _, err := raw.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		b.Fatal(err)
	}
	value := strings.Repeat("x", 400)
	for range 1000 {
		if _, err := raw.Exec("INSERT INTO t (v) VALUES (?)", value); err != nil {
			b.Fatal(err)
		}
	}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		v := fmt.Sprintf("%s %d", value, i)
		start := time.Now()
		if _, err := raw.Exec("UPDATE t SET v = ? WHERE id = ?", v, 1+i%1000); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	b.StopTimer()
	m := median(ds)
	b.ReportMetric(ms(m), "median-ms")
	baselines.Store("update", ms(m))
}

// BenchmarkUpdateAnnotation is one UpdateClaim from the desk: a tag edited
// (so one field changes), validated, the old row read, the row updated and
// the change's entry appended, in one durable transaction. Its
// x-raw-paired is against raw commits (BenchmarkRawCommit's INSERT) timed
// beside it, the measure of a save (issue 16: at most 1.5).
func BenchmarkUpdateAnnotation(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	c := f.claim(b)
	if err := f.db.CreateClaim(ctx, c); err != nil {
		b.Fatal(err)
	}
	m := paired(b, rawCommitter(b), func(i int) {
		c.Tags = []string{"économie", fmt.Sprintf("tag %d", i)}
		if err := f.db.UpdateClaim(ctx, c); err != nil {
			b.Fatal(err)
		}
	})
	ratio(b, "update", ms(m), false)
}

// BenchmarkRawUpdateAudited is the floor of an audited save, beside
// BenchmarkRawUpdate: a raw UPDATE of a stored claim's body and one raw
// INSERT of an audit entry, in one durable transaction, on the store's
// schema (the audit table's indexes and triggers). Its x-raw is what the
// audit log alone costs a save, whatever the store does around it.
func BenchmarkRawUpdateAudited(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	c := f.claim(b)
	if err := f.db.CreateClaim(ctx, c); err != nil {
		b.Fatal(err)
	}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		tx, err := f.db.db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec("UPDATE annotations SET body = json_set(body, '$.tags', json_array(?)) WHERE id = ?", fmt.Sprint(i), c.ID); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(insertAuditSQL, entryID(), timeText(time.Now()), "Bench", "update", "claim", c.ID, c.ArticleID,
			"tags", `["économie"]`, fmt.Sprintf(`["%d"]`, i)); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	b.StopTimer()
	m := median(ds)
	b.ReportMetric(ms(m), "median-ms")
	ratio(b, "update", ms(m), false)
}
