package store

import (
	"context"
	"database/sql"
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
	return q.String()
}
