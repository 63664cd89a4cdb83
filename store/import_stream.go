package store

import (
	"context"
	"database/sql"
	"fmt"

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
// The import's own entries (one per article added to, one for the
// evidence records added, one per record updated) follow the document's history in the log, as Import's do: they
// are kept in a temporary table until the history has been read.
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
		if err := importAuditStream(ctx, tx, audit, im); err != nil {
			return err
		}
		if err := log.commit(ctx); err != nil {
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
		if err != nil {
			return err
		}
		if a == nil {
			im.logEvidence()
			return log.write(im.ctx, im.changes)
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
// by batch, as Import does.
func importAuditStream(ctx context.Context, tx *sql.Tx, audit func() ([]annotate.AuditEntry, error), im *importer) error {
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
		if err := importAuditEntries(ctx, tx, entries, im.articles, im.speakers); err != nil {
			return err
		}
	}
}

// importLog holds a streamed import's own log entries in a temporary table
// until the document's history is in the log, then appends them after it.
type importLog struct {
	tx      *sql.Tx
	who, at string
	rows    *batch
}

func newImportLog(ctx context.Context, tx *sql.Tx, who, at string) (*importLog, error) {
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE import_log (id TEXT NOT NULL, at TEXT NOT NULL,
		who TEXT NOT NULL, action TEXT NOT NULL, kind TEXT NOT NULL, entity TEXT NOT NULL, article TEXT NOT NULL,
		field TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL)`); err != nil {
		return nil, err
	}
	return &importLog{tx: tx, who: who, at: at,
		rows: newBatch(tx, "INSERT INTO temp.import_log (id, at, who, action, kind, entity, article, field, old, new) VALUES ", 10)}, nil
}

func (l *importLog) write(ctx context.Context, changes []change) error {
	return writeEntries(ctx, l.rows, l.who, l.at, changes)
}

// commit appends the entries held, in their order, to the log.
func (l *importLog) commit(ctx context.Context) error {
	_, err := l.tx.ExecContext(ctx, `INSERT INTO audit (id, at, who, action, kind, entity, article, field, old, new)
		SELECT id, at, who, action, kind, entity, article, field, old, new FROM temp.import_log ORDER BY rowid`)
	if err == nil {
		_, err = l.tx.ExecContext(ctx, "DROP TABLE temp.import_log")
	}
	return err
}

func (l *importLog) close() { l.rows.close() }
