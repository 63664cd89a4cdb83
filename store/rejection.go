package store

import (
	"context"
	"database/sql"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.RejectionService = (*DB)(nil)

// FindRejections returns the keys of the suggestions rejected on the article.
func (db *DB) FindRejections(ctx context.Context, articleID string) (map[string]bool, error) {
	rows, err := db.rd.QueryContext(ctx, "SELECT key FROM rejections WHERE article_id = ?", articleID)
	if err != nil {
		return nil, dbError("load rejected suggestions", err)
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, dbError("load rejected suggestions", err)
		}
		keys[k] = true
	}
	return keys, dbError("load rejected suggestions", rows.Err())
}

// Reject records a rejected suggestion; rejecting it twice is no error.
func (db *DB) Reject(ctx context.Context, articleID, key string) error {
	if err := db.writable("reject suggestion"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO rejections (article_id, key) VALUES (?, ?)", articleID, key)
		if n, _ := affected(res, err); n == 0 {
			return err // rejected already: no change
		}
		return db.audit(ctx, tx, change{action: "create", kind: "rejection", entity: key, article: articleID,
			new: map[string]string{"key": key}})
	})
	return dbError("reject suggestion", err)
}

// affected is how many rows a statement changed, 0 when it failed.
func affected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Unreject forgets a rejection.
func (db *DB) Unreject(ctx context.Context, articleID, key string) error {
	if err := db.writable("undo rejection"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM rejections WHERE article_id = ? AND key = ?", articleID, key)
		if n, _ := affected(res, err); n == 0 {
			return err // not rejected: no change
		}
		return db.audit(ctx, tx, change{action: "delete", kind: "rejection", entity: key, article: articleID,
			old: map[string]string{"key": key}})
	})
	return dbError("undo rejection", err)
}
