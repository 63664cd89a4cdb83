package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.CommentService = (*DB)(nil)

// MaxCommentLength is the longest comment body, in characters.
const MaxCommentLength = 10000

// commentCols are the columns scanComment reads, from the table as c.
const commentCols = `c.id, c.article_id, c.annotation_id, coalesce(c.parent_id, ''), c.author, c.body,
	c.created, c.modified, c.resolved`

func scanComment(scan func(dest ...any) error) (annotate.Comment, error) {
	var c annotate.Comment
	var created, modified string
	var resolved int
	err := scan(&c.ID, &c.ArticleID, &c.AnnotationID, &c.ParentID, &c.Author, &c.Body, &created, &modified, &resolved)
	if err != nil {
		return c, err
	}
	c.Resolved = resolved != 0
	if c.Created, err = parseTime(created); err != nil {
		return c, err
	}
	c.Modified, err = parseTime(modified)
	return c, err
}

func queryComments(ctx context.Context, q queryer, query string, args ...any) ([]annotate.Comment, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []annotate.Comment
	for rows.Next() {
		c, err := scanComment(rows.Scan)
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

func getComment(ctx context.Context, q queryer, id string) (*annotate.Comment, error) {
	c, err := scanComment(q.QueryRowContext(ctx, `SELECT `+commentCols+` FROM comments c WHERE c.id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no comment %s", id)
	}
	return &c, err
}

const findCommentsSQL = `SELECT ` + commentCols + ` FROM comments c WHERE c.article_id = ? ORDER BY c.created, c.id`

// FindComments lists the article's comments, oldest first.
func (db *DB) FindComments(ctx context.Context, articleID string) ([]annotate.Comment, error) {
	list, err := queryComments(ctx, db.rd, findCommentsSQL, articleID)
	return list, dbError("list comments", err)
}

// checkCommentText checks a comment's body and author.
func checkCommentText(c *annotate.Comment) error {
	if strings.TrimSpace(c.Body) == "" {
		return annotate.Errorf(annotate.EINVALID, "comment: is empty; write the comment")
	}
	if n := utf8.RuneCountInString(c.Body); n > MaxCommentLength {
		return annotate.Errorf(annotate.EINVALID, "comment: is %d characters long; a comment may have at most %d — split it into replies", n, MaxCommentLength)
	}
	if err := annotate.CheckText("comment", c.Body); err != nil {
		return err
	}
	return annotate.CheckLine("comment.author", c.Author)
}

// checkThread checks that the comment's annotation exists (and gives the
// comment its article) and that its parent is a comment on the same
// annotation.
func checkThread(ctx context.Context, q queryer, c *annotate.Comment) error {
	var articleID string
	err := q.QueryRowContext(ctx, "SELECT article_id FROM annotations WHERE id = ?", c.AnnotationID).Scan(&articleID)
	if errors.Is(err, sql.ErrNoRows) {
		return annotate.Errorf(annotate.ENOTFOUND, "comment.annotation: no annotation %s; a comment is on an annotation of the project", c.AnnotationID)
	} else if err != nil {
		return err
	}
	if c.ArticleID != "" && c.ArticleID != articleID {
		return annotate.Errorf(annotate.EINVALID, "comment.article: annotation %s is on article %s, not %s", c.AnnotationID, articleID, c.ArticleID)
	}
	c.ArticleID = articleID
	if c.ParentID == "" {
		return nil
	}
	var parentOn string
	err = q.QueryRowContext(ctx, "SELECT annotation_id FROM comments WHERE id = ?", c.ParentID).Scan(&parentOn)
	if errors.Is(err, sql.ErrNoRows) {
		return annotate.Errorf(annotate.ENOTFOUND, "comment.parent: no comment %s to reply to", c.ParentID)
	} else if err != nil {
		return err
	}
	if parentOn != c.AnnotationID {
		return annotate.Errorf(annotate.EINVALID, "comment.parent: comment %s is on another annotation; a reply is on its parent's annotation", c.ParentID)
	}
	return nil
}

const insertCommentSQL = `INSERT INTO comments (id, article_id, annotation_id, parent_id, author, body, created,
	modified, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

func commentArgs(c *annotate.Comment) []any {
	resolved := 0
	if c.Resolved {
		resolved = 1
	}
	return []any{c.ID, c.ArticleID, c.AnnotationID, null(c.ParentID), c.Author, c.Body, timeText(c.Created),
		timeText(c.Modified), resolved}
}

// CreateComment stores a new comment on an annotation (a reply when
// ParentID names a comment on the same annotation), stamping its ID, times
// and, when empty, its author (the actor).
func (db *DB) CreateComment(ctx context.Context, c *annotate.Comment) error {
	if err := db.writable("save the comment"); err != nil {
		return err
	}
	if c.ID == "" {
		c.ID = annotate.NewID()
	} else if _, err := uuid.Parse(c.ID); err != nil || len(c.ID) != 36 {
		return annotate.Errorf(annotate.EINVALID, "comment.id: %q is not a UUID", c.ID)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var s annotate.Settings
		if err := scanSettings(ctx, tx, &s); err != nil {
			return err
		}
		who := db.actor(ctx, s)
		if strings.TrimSpace(c.Author) == "" {
			c.Author = who
		}
		if err := checkCommentText(c); err != nil {
			return err
		}
		if err := checkThread(ctx, tx, c); err != nil {
			return err
		}
		if c.Created.IsZero() {
			c.Created = db.now()
		}
		if c.Modified.Before(c.Created) {
			c.Modified = c.Created
		}
		if _, err := tx.ExecContext(ctx, insertCommentSQL, commentArgs(c)...); err != nil {
			return dbError("save the comment", err)
		}
		return db.appendAudit(ctx, tx, who, change{action: "create", kind: "comment", entity: c.ID, article: c.ArticleID, new: c})
	})
	return asAnnotateError("save the comment", err)
}

// UpdateComment saves a comment's body and resolved state; the rest stays
// as stored (and is written into c).
func (db *DB) UpdateComment(ctx context.Context, c *annotate.Comment) error {
	if err := db.writable("save the comment"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stored, err := getComment(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		var s annotate.Settings
		if err := scanSettings(ctx, tx, &s); err != nil {
			return err
		}
		next := *stored
		next.Body, next.Resolved = c.Body, c.Resolved
		if err := checkCommentText(&next); err != nil {
			return err
		}
		if next == *stored {
			*c = next
			return nil
		}
		if next.Modified = db.now(); next.Modified.Before(next.Created) {
			next.Modified = next.Created
		}
		if _, err := tx.ExecContext(ctx, "UPDATE comments SET body = ?, resolved = ?, modified = ? WHERE id = ?",
			next.Body, commentArgs(&next)[8], timeText(next.Modified), next.ID); err != nil {
			return err
		}
		*c = next
		// Without the modified time, which every save changes (each entry
		// has its own): the entries are the body and resolved state.
		before, after := *stored, next
		before.Modified, after.Modified = time.Time{}, time.Time{}
		return db.appendAudit(ctx, tx, db.actor(ctx, s), change{action: "update", kind: "comment", entity: c.ID,
			article: c.ArticleID, old: before, new: after})
	})
	return asAnnotateError("save the comment", err)
}

// DeleteComment deletes the comment and the replies under it.
func (db *DB) DeleteComment(ctx context.Context, id string) error {
	if err := db.writable("delete the comment"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := getComment(ctx, tx, id); err != nil {
			return err
		}
		var s annotate.Settings
		if err := scanSettings(ctx, tx, &s); err != nil {
			return err
		}
		if err := db.auditCascade(ctx, tx, db.actor(ctx, s), `WITH RECURSIVE thread(id) AS (
				SELECT ? UNION SELECT c.id FROM comments c JOIN thread t ON c.parent_id = t.id)
			SELECT `+commentCols+` FROM comments c WHERE c.id IN thread`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM comments WHERE id = ?", id)
		return err
	})
	return asAnnotateError("delete the comment", err)
}

// auditCascade logs as deleted the comments the query selects: those a
// delete is about to take with it.
func (db *DB) auditCascade(ctx context.Context, tx *sql.Tx, who, query string, args ...any) error {
	list, err := queryComments(ctx, tx, query, args...)
	if err != nil {
		return err
	}
	changes := make([]change, len(list))
	for i := range list {
		changes[i] = change{action: "delete", kind: "comment", entity: list[i].ID, article: list[i].ArticleID, old: &list[i]}
	}
	return db.appendAudit(ctx, tx, who, changes...)
}
