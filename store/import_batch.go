package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// batchRows is how many rows one multi-row INSERT of a bulk load writes.
// Each statement's call through database/sql and cgo costs about as much
// as writing a row: 64 rows a call takes that cost off nearly every row,
// and 64 × 12 parameters stays far below SQLite's limit of 32,766.
const batchRows = 64

// batch collects the rows of a bulk load and writes them batchRows at a
// time with one multi-row INSERT, prepared once for the transaction; the
// last, shorter batch is written with a statement of its own length.
type batch struct {
	tx     *sql.Tx
	prefix string // INSERT INTO t (a, b, …) VALUES
	suffix string // after the rows, if anything
	cols   int
	full   *sql.Stmt // batchRows rows
	args   []any
	rows   int
	// failed is the arguments of the last batch that failed to be
	// written, for the caller to find the row at fault.
	failed []any
}

func newBatch(tx *sql.Tx, prefix string, cols int) *batch {
	return &batch{tx: tx, prefix: prefix, cols: cols, args: make([]any, 0, batchRows*cols)}
}

// add queues one row (len(args) == cols), writing the batch once it is
// full.
func (b *batch) add(ctx context.Context, args ...any) error {
	b.args = append(b.args, args...)
	b.rows++
	if b.rows < batchRows {
		return nil
	}
	if b.full == nil {
		stmt, err := b.tx.PrepareContext(ctx, b.query(batchRows))
		if err != nil {
			return err
		}
		b.full = stmt
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.done(err)
	return err
}

// flush writes the rows queued.
func (b *batch) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.query(b.rows), b.args...)
	b.done(err)
	return err
}

// done empties the batch once written, keeping its rows if writing failed.
func (b *batch) done(err error) {
	if err != nil {
		b.failed = slices.Clone(b.args)
	}
	b.reset()
}

func (b *batch) reset() {
	clear(b.args) // let the written values go
	b.args, b.rows = b.args[:0], 0
}

func (b *batch) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// query is the INSERT of n rows.
func (b *batch) query(n int) string {
	one := "(" + strings.Repeat("?, ", b.cols-1) + "?)"
	var q strings.Builder
	q.Grow(len(b.prefix) + n*(len(one)+2))
	q.WriteString(b.prefix)
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(one)
	}
	q.WriteString(b.suffix)
	return q.String()
}

// bulkIndexes are the indexes a bulk load drops and builds again once its
// rows are written: building an index from a table sorts its keys once,
// where keeping it up to date inserts each row's key at a random place
// (these are keyed by random UUIDs). The indexes the load itself reads
// (the unique IDs; annotations_by_article, to find an article's stored
// annotations, unless the project has none: see emptyBulkIndexes) stay.
var bulkIndexes = []string{"annotations_by_speaker", "annotations_by_attribution", "annotations_by_claim",
	"note_evidence_by_evidence", "audit_by_article"}

// emptyBulkIndexes are the indexes a bulk load drops as well when the
// project has no annotations: the only stored annotations it can then
// look for are its own (importer.findStored).
var emptyBulkIndexes = []string{"annotations_by_article"}

// droppedIndexes are the bulk indexes dropped in a transaction, by name with
// the SQL that makes them again.
type droppedIndexes struct {
	names []string
	sql   []string
}

// dropIndexes drops the named indexes in tx, returning how to make them
// again (restore). Both run in the load's transaction: if it fails, the
// indexes come back with the rollback.
func dropIndexes(ctx context.Context, tx *sql.Tx, names []string) (*droppedIndexes, error) {
	d := &droppedIndexes{}
	for _, name := range names {
		var def string
		err := tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", name).Scan(&def)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return nil, err
		}
		d.names, d.sql = append(d.names, name), append(d.sql, def)
	}
	return d, nil
}

// restore makes the dropped indexes again.
func (d *droppedIndexes) restore(ctx context.Context, tx *sql.Tx) error {
	for i, def := range d.sql {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return fmt.Errorf("index %s: %w", d.names[i], err)
		}
	}
	return nil
}
