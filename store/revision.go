package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/factmark/factmark/annotate"
)

// ReviseArticle adds rev as the article's current revision and replaces its
// annotations with ann, re-anchored on rev's text, in one transaction. The
// log has the revision (kind revision, the article's ID) and, with action
// "revise", the fields re-anchoring changed of each annotation.
func (db *DB) ReviseArticle(ctx context.Context, articleID string, rev annotate.Revision, ann *annotate.Annotations) error {
	const op = "add the article's new revision"
	if err := db.writable(op); err != nil {
		return err
	}
	if rev.Created.IsZero() {
		rev.Created = db.now()
	}
	if err := rev.Validate(); err != nil {
		return err
	}
	s, err := db.writerSettings(ctx)
	if err != nil {
		return err
	}
	if ann == nil {
		ann = &annotate.Annotations{}
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		changes, err := reviseArticle(ctx, tx, articleID, rev, ann, &s.Scale)
		if err != nil {
			return err
		}
		return db.audit(ctx, tx, changes...)
	})
	db.mu.Lock()
	delete(db.texts, articleID) // the text the cache holds is no longer current
	db.mu.Unlock()
	return dbError(op, err)
}

func reviseArticle(ctx context.Context, tx *sql.Tx, articleID string, rev annotate.Revision,
	ann *annotate.Annotations, scale *annotate.Scale) ([]change, error) {
	a, err := findArticle(ctx, tx, articleID)
	if err != nil {
		return nil, err
	}
	changes := []change{{action: "create", kind: "revision", entity: articleID, article: articleID,
		new: revisionRecord{rev.Number, rev.SHA256, a.SHA256, rev.Created}}}
	old, err := storedAnnotations(ctx, tx, "WHERE article_id = ?", articleID)
	if err != nil {
		return nil, err
	}
	if err := storeRevision(ctx, tx, a, rev, ann, scale); err != nil {
		return nil, err
	}
	now, err := storedAnnotations(ctx, tx, "WHERE article_id = ?", articleID)
	if err != nil {
		return nil, err
	}
	views := map[string]json.RawMessage{}
	for _, s := range old {
		views[s.id] = s.view
	}
	for _, s := range now {
		changes = append(changes, change{action: "revise", kind: s.kind, entity: s.id, article: s.article,
			old: views[s.id], new: s.view})
	}
	return changes, nil
}

// revisionRecord is a revision as the audit log records it: its number, its
// text's hash and the one it replaced (the texts are in the revisions).
type revisionRecord struct {
	Number   int       `json:"number"`
	SHA256   string    `json:"sha256"`
	Previous string    `json:"previous_sha256"`
	Created  time.Time `json:"created"`
}

// storeRevision stores rev as a's current revision and ann as its annotations.
func storeRevision(ctx context.Context, tx *sql.Tx, a *annotate.Article, rev annotate.Revision,
	ann *annotate.Annotations, scale *annotate.Scale) error {
	articleID := a.ID
	if a.SHA256 == rev.SHA256 {
		return annotate.Errorf(annotate.EINVALID, "article %s: the new revision's text is the current text; nothing changed", articleID)
	}
	var last int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(number), 0) FROM revisions WHERE article_id = ?", articleID).Scan(&last); err != nil {
		return err
	}
	if rev.Number != last+1 {
		return annotate.Errorf(annotate.ECONFLICT, "article %s: its newest revision is %d, so the new one is %d, not %d; another revision came first — import the file again", articleID, last, last+1, rev.Number)
	}
	oldText := a.Text
	a.Text, a.SHA256, a.Pages, a.Turns = rev.Text, rev.SHA256, rev.Pages, rev.Turns
	a.Source, a.SourceData = rev.Source, rev.SourceData
	if err := a.Validate(); err != nil {
		return err
	}
	rows, err := revisedRows(ctx, tx, articleID, annotate.NewText(rev.Text), ann, scale)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE revisions SET text = ? WHERE article_id = ? AND number = ?",
		oldText, articleID, last); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO revisions (article_id, number, text, sha256, created)
		VALUES (?, ?, NULL, ?, ?)`, articleID, rev.Number, rev.SHA256, timeText(rev.Created)); err != nil {
		return err
	}
	if err := updateArticleText(ctx, tx, a); err != nil {
		return err
	}
	if err := writeTurns(ctx, tx, articleID, a.Turns); err != nil {
		return err
	}
	// The source file is the current revision's: an old one would describe
	// a text the article no longer has.
	if _, err := tx.ExecContext(ctx, "DELETE FROM sources WHERE article_id = ?", articleID); err != nil {
		return err
	}
	if err := writeProvenanceSource(ctx, tx, a); err != nil {
		return err
	}
	return replaceAnnotations(ctx, tx, articleID, rows)
}

// updateArticleText makes a's text, hash and pages the stored ones.
func updateArticleText(ctx context.Context, tx *sql.Tx, a *annotate.Article) error {
	pages, _ := json.Marshal(nonNilSlice(a.Pages))
	_, err := tx.ExecContext(ctx, "UPDATE articles SET text = ?, sha256 = ?, pages = ? WHERE id = ?",
		a.Text, a.SHA256, string(pages), a.ID)
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		var other string
		_ = tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE sha256 = ?", a.SHA256).Scan(&other)
		return &annotate.Error{Code: annotate.ECONFLICT, Err: err, Message: fmt.Sprintf(
			"article %s: the project already has this text as article %s; nothing was changed — open that article instead", a.ID, other)}
	}
	return err
}

// revisedRows validates the re-anchored annotations against the new text and
// checks that they are the article's stored annotations, no more and no
// fewer: one edited or added while re-anchoring ran would otherwise be lost.
func revisedRows(ctx context.Context, tx *sql.Tx, articleID string, t *annotate.Text,
	ann *annotate.Annotations, scale *annotate.Scale) ([]row, error) {
	stored := map[string]string{}
	q, err := tx.QueryContext(ctx, "SELECT id, kind FROM annotations WHERE article_id = ?", articleID)
	if err != nil {
		return nil, err
	}
	defer q.Close()
	for q.Next() {
		var id, kind string
		if err := q.Scan(&id, &kind); err != nil {
			return nil, err
		}
		stored[id] = kind
	}
	if err := q.Err(); err != nil {
		return nil, err
	}
	var rows []row
	claimStart := map[string]int{}
	add := func(m *annotate.Meta, r row, verr error) error {
		if verr != nil {
			return annotate.Errorf(annotate.EINVALID, "%s %s on the new revision: %v", r.kind, m.ID, verr)
		}
		if stored[m.ID] != r.kind {
			return annotate.Errorf(annotate.ECONFLICT, "%s %s: not an annotation of article %s as stored; the annotations changed while re-anchoring — import the file again", r.kind, m.ID, articleID)
		}
		delete(stored, m.ID)
		rows = append(rows, r)
		return nil
	}
	for i := range ann.Attributions {
		a := &ann.Attributions[i]
		a.ArticleID = articleID
		if err := add(&a.Meta, attributionRow(a), a.Validate(t)); err != nil {
			return nil, err
		}
	}
	for i := range ann.Claims {
		c := &ann.Claims[i]
		c.ArticleID = articleID
		claimStart[c.ID] = c.Start()
		if err := add(&c.Meta, claimRow(c), c.Validate(t)); err != nil {
			return nil, err
		}
	}
	for i := range ann.Notes {
		n := &ann.Notes[i]
		n.ArticleID = articleID
		start := claimStart[n.ClaimID]
		if n.Target != nil {
			start = n.Target.Start
		}
		if err := add(&n.Meta, noteRow(n, start), n.Validate(t, scale)); err != nil {
			return nil, err
		}
	}
	for id, kind := range stored {
		return nil, annotate.Errorf(annotate.ECONFLICT, "%s %s of article %s is missing from the re-anchored annotations; the annotations changed while re-anchoring — import the file again", kind, id, articleID)
	}
	return rows, nil
}

// replaceAnnotations saves rows, the article's annotations re-anchored (no
// more and no fewer than those stored: revisedRows checks), in place: a
// delete and insert would take with them, through their foreign keys, the
// notes' links to their evidence records and the comments.
func replaceAnnotations(ctx context.Context, tx *sql.Tx, articleID string, rows []row) error {
	stmt, err := tx.PrepareContext(ctx, updateSQL)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range rows {
		args, err := rows[i].updateArgs()
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("%s %s: %w", rows[i].kind, rows[i].meta.ID, err)
		}
	}
	return nil
}

// FindRevisions lists the article's revisions, oldest first.
func (db *DB) FindRevisions(ctx context.Context, articleID string) ([]annotate.Revision, error) {
	var list []annotate.Revision
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = findRevisions(ctx, tx, articleID)
		return err
	})
	return list, dbError("list the article's revisions", err)
}

func findRevisions(ctx context.Context, q queryer, articleID string) ([]annotate.Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.number, coalesce(r.text, a.text), r.sha256, r.created
		FROM revisions r JOIN articles a ON a.id = r.article_id
		WHERE r.article_id = ? ORDER BY r.number`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []annotate.Revision
	for rows.Next() {
		var r annotate.Revision
		var created string
		if err := rows.Scan(&r.Number, &r.Text, &r.SHA256, &created); err != nil {
			return nil, err
		}
		if r.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", articleID)
	}
	return list, nil
}

// insertFirstRevision records a new article's text as its revision 1.
func insertFirstRevision(ctx context.Context, tx *sql.Tx, a *annotate.Article) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO revisions (article_id, number, text, sha256, created)
		VALUES (?, 1, NULL, ?, ?)`, a.ID, a.SHA256, timeText(a.ImportedAt))
	return err
}

// exportRevisions are the article's revisions for its native document: nil
// when it has only its imported text, so that such a document is as it was
// before revisions existed.
func exportRevisions(ctx context.Context, tx queryer, articleID string) ([]annotate.Revision, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM revisions WHERE article_id = ?", articleID).Scan(&n); err != nil || n < 2 {
		return nil, err
	}
	return findRevisions(ctx, tx, articleID)
}

// importRevisions stores a document's revisions of an article (the last is
// its text, as Document.Validate checked). An article that was in the
// project already keeps the revisions it has, unless it has only its first.
// It reports whether it stored them.
func importRevisions(ctx context.Context, tx *sql.Tx, articleID string, revs []annotate.Revision, existed bool) (bool, error) {
	if len(revs) == 0 {
		return false, nil
	}
	if existed {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM revisions WHERE article_id = ?", articleID).Scan(&n); err != nil || n > 1 {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM revisions WHERE article_id = ?", articleID); err != nil {
		return false, err
	}
	for i, r := range revs {
		var text any = r.Text
		if i == len(revs)-1 {
			text = nil // the article's text
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO revisions (article_id, number, text, sha256, created)
			VALUES (?, ?, ?, ?, ?)`, articleID, r.Number, text, r.SHA256, timeText(r.Created)); err != nil {
			return false, err
		}
	}
	return true, nil
}
