package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/factmark/factmark/annotate"
)

// ImportStream is Import of a native document read piece by piece, so that
// a project of any size is imported in bounded memory: head holds the
// document's format, scale and speakers (its Articles and Audit are
// ignored); next gives its articles one at a time, each validated by the
// caller with the head (annotate.Document.Validate of the head and the
// one article), then nil at their end; audit then gives the document's
// change log in batches, then nil. Everything is stored in one
// transaction, as Import does: an error from next or audit, or from
// storing, stores nothing. An annotation ID that two articles of the
// document share is refused as a conflict when the second is stored.
//
// The import's own entries ("import", one per record added or updated)
// follow the document's history in the log, as Import's do, though the
// history comes last in the document: they are written as the articles
// are stored, at seqs importGap past the log's end, and the history takes
// the seqs between (see importLog).
func (db *DB) ImportStream(ctx context.Context, head *annotate.Document,
	next func() (*annotate.ArticleDoc, error), audit func() ([]annotate.AuditEntry, error)) (annotate.ImportResult, error) {
	var res annotate.ImportResult
	if err := db.writable("import"); err != nil {
		return res, err
	}
	// The first article is read before the head is checked: a document
	// cut short then says so first, as one read whole does.
	first, err := next()
	if err != nil {
		return res, err
	}
	h := annotate.Document{Format: head.Format, Scale: head.Scale, Speakers: head.Speakers}
	if err := h.Validate(); err != nil {
		return res, err
	}
	pending := true
	next1 := func() (*annotate.ArticleDoc, error) {
		if pending {
			pending = false
			return first, nil
		}
		return next()
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		im := newImporter(ctx, tx, &res)
		defer im.close()
		who, err := db.who(ctx, tx)
		if err != nil {
			return err
		}
		log, err := newImportLog(ctx, tx, who, timeText(db.now()))
		if err != nil {
			return err
		}
		defer log.close()
		if err := im.begin(&h); err != nil {
			return err
		}
		if err := im.streamArticles(next1, log); err != nil {
			return err
		}
		if err := log.flush(ctx); err != nil {
			return err
		}
		if err := importAuditStream(ctx, tx, audit, im, log); err != nil {
			return err
		}
		return im.finish()
	})
	return res, dbError("import", err)
}

// streamArticles stores the articles next gives, writing each one's log
// entries once it is stored (so that memory holds one article's).
func (im *importer) streamArticles(next func() (*annotate.ArticleDoc, error), log *importLog) error {
	for i := 0; ; i++ {
		// What the last article (or the head: scale, speakers) changed.
		if err := log.write(im.ctx, im.changes); err != nil {
			return err
		}
		clear(im.changes)
		im.changes = im.changes[:0]
		// Not knowing how many rows will follow, a streamed import
		// takes as many again as it has written (see bulk).
		if err := im.bulk(im.res.Saved); err != nil {
			return err
		}
		a, err := next()
		if err != nil || a == nil {
			return err
		}
		if err := im.checkScale(i, a); err != nil {
			return err
		}
		if err := im.article(a); err != nil {
			return fmt.Errorf("articles[%d]: %w", i, err)
		}
	}
}

// importAuditStream appends the document's log entries the project lacks, batch
// by batch, as Import does, at the seqs log keeps for them.
func importAuditStream(ctx context.Context, tx *sql.Tx, audit func() ([]annotate.AuditEntry, error), im *importer,
	log *importLog) error {
	for {
		entries, err := audit()
		if err != nil {
			return err
		}
		if entries == nil {
			return nil
		}
		if err := validateAuditEntries(entries); err != nil {
			return err
		}
		from, err := log.history(len(entries))
		if err != nil {
			return err
		}
		if err := importAuditEntries(ctx, tx, entries, im.articles, im.speakers, from); err != nil {
			return err
		}
	}
}

// importGap is how many seqs a streamed import keeps, after the end of
// the log, for the document's history: its own entries are written from
// there on, and the history, read last, fills the gap before them. The
// seqs of the gap it leaves unused are never taken (an AUTOINCREMENT key
// only grows), so entries logged later come after both. At 2^40 seqs an
// import, 2^63 seqs last eight million imports.
const importGap = 1 << 40

// importLog writes a streamed import's own log entries into the log,
// in their order, at seqs from importGap past the log's end, and gives
// the document's history the seqs before them. No temporary table holds
// them until the history is read (3.4 s and 2.7 s of copying for 1M
// annotations), and the readers of the log go by the order of seq, which
// tolerates the gaps.
type importLog struct {
	who, at string
	rows    *batch
	seq     int64 // the seq of the next own entry
	hist    int64 // the seq of the next entry of the history
	end     int64 // the first seq the history may not take
}

func newImportLog(ctx context.Context, tx *sql.Tx, who, at string) (*importLog, error) {
	// The seqs AUTOINCREMENT has given, even to entries since gone (none
	// should be: the log is append-only).
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(seq) FROM audit), 0),
		coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0))`).Scan(&last); err != nil {
		return nil, err
	}
	if last > math.MaxInt64-2*importGap {
		return nil, annotate.Errorf(annotate.EINTERNAL, "the project's change log has no room left for an import's entries (seq %d); import into a new project", last)
	}
	return &importLog{who: who, at: at, seq: last + 1 + importGap, hist: last + 1, end: last + 1 + importGap,
		rows: newBatch(tx, "INSERT INTO audit (seq, id, at, who, action, kind, entity, article, field, old, new) VALUES ", 11)}, nil
}

// write queues the changes' entries, writing them 64 at a time.
func (l *importLog) write(ctx context.Context, changes []change) error {
	for _, c := range changes {
		entries, err := auditEntries(c)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := l.rows.add(ctx, l.seq, e.ID, l.at, l.who, e.Action, e.Kind, e.EntityID, e.ArticleID,
				e.Field, e.Old, e.New); err != nil {
				return err
			}
			l.seq++
		}
	}
	return nil
}

// flush writes the entries queued.
func (l *importLog) flush(ctx context.Context) error { return l.rows.flush(ctx) }

// history keeps n seqs for entries of the document's history and returns
// the first.
func (l *importLog) history(n int) (int64, error) {
	from := l.hist
	if int64(n) > l.end-from {
		return 0, annotate.Errorf(annotate.EINVALID, "the document's change log has more than %d entries, more than an import keeps room for; import it in parts", int64(importGap))
	}
	l.hist += int64(n)
	return from, nil
}

func (l *importLog) close() { l.rows.close() }
