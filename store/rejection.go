package store

import (
	"context"

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
	_, err := db.db.ExecContext(ctx, "INSERT OR IGNORE INTO rejections (article_id, key) VALUES (?, ?)", articleID, key)
	return dbError("reject suggestion", err)
}

// Unreject forgets a rejection.
func (db *DB) Unreject(ctx context.Context, articleID, key string) error {
	if err := db.writable("undo rejection"); err != nil {
		return err
	}
	_, err := db.db.ExecContext(ctx, "DELETE FROM rejections WHERE article_id = ? AND key = ?", articleID, key)
	return dbError("undo rejection", err)
}
