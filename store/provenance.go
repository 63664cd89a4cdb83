package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/factmark/factmark/annotate"
)

// MaxSourceBytes is the largest source file whose bytes the project keeps
// (as the file is, before compression). A larger file's article is stored
// all the same, with the file's name, type, size and SHA-256 but not its
// bytes: the article's text is what the user came for, and refusing it
// because its provenance is large would leave them nothing; the hash still
// shows which file it came from. The limit is that of the largest file an
// importer reads (a subtitle file, transcript.MaxFileBytes), so no import
// reaches it today; it bounds what one row may hold.
const MaxSourceBytes = 64 << 20

// maxSourceBytes is MaxSourceBytes; tests lower it.
var maxSourceBytes = MaxSourceBytes

// writeProvenance stores the article's turns and source file; its pages go
// with the article's row.
func writeProvenance(ctx context.Context, tx *sql.Tx, a *annotate.Article) error {
	if err := writeTurns(ctx, tx, a.ID, a.Turns); err != nil {
		return err
	}
	return writeProvenanceSource(ctx, tx, a)
}

// writeProvenanceSource stores the article's source file, if it has one.
func writeProvenanceSource(ctx context.Context, tx *sql.Tx, a *annotate.Article) error {
	if a.Source == nil {
		return nil
	}
	size, blob, err := sourceBlob(a.SourceData)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sources (article_id, name, type, sha256, size, data)
		VALUES (?, ?, ?, ?, ?, ?)`, a.ID, a.Source.Name, a.Source.Type, a.Source.SHA256, size, blob)
	return err
}

// sourceBlob is how a source file's bytes are stored: their size (NULL
// when they are not given) and their compressed form (NULL when not given
// or larger than MaxSourceBytes).
func sourceBlob(data []byte) (size any, blob []byte, err error) {
	if data == nil {
		return nil, nil, nil
	}
	if len(data) > maxSourceBytes {
		return len(data), nil, nil
	}
	blob, err = compress(data)
	return len(data), blob, err
}

// completeSource gives an article stored already the source file an import
// of the same text brings, when the project does not have its bytes: the
// article came from a document, which names its file without holding it,
// or from a plain text before. A source the project has is kept as it is.
func completeSource(ctx context.Context, tx *sql.Tx, stored, a *annotate.Article) error {
	if a.Source == nil || a.SourceData == nil {
		return nil
	}
	if stored.Source == nil {
		stored.Source, stored.SourceData = a.Source, a.SourceData
		return writeProvenanceSource(ctx, tx, stored)
	}
	if stored.Source.SHA256 != a.Source.SHA256 {
		return nil // another file of the same text: the first one stays
	}
	size, blob, err := sourceBlob(a.SourceData)
	if err != nil || blob == nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE sources SET size = ?, data = ? WHERE article_id = ? AND data IS NULL",
		size, blob, stored.ID)
	return err
}

// writeTurns replaces the article's turns, after checking that each turn's
// speaker is in the registry (the foreign key would say only that something
// does not exist, at commit).
func writeTurns(ctx context.Context, tx *sql.Tx, articleID string, turns []annotate.Turn) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM turns WHERE article_id = ?", articleID); err != nil {
		return err
	}
	if len(turns) == 0 {
		return nil
	}
	known := map[string]bool{}
	for i, t := range turns {
		if t.SpeakerID == "" || known[t.SpeakerID] {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM speakers WHERE id = ?", t.SpeakerID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return annotate.Errorf(annotate.EINVALID, "turns[%d].speaker_id: the project has no speaker %s; add the speaker first, or leave the turn's speaker unmatched", i, t.SpeakerID)
		}
		known[t.SpeakerID] = true
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO turns
		(article_id, seq, speaker, speaker_id, span_start, span_end, time_start, time_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, t := range turns {
		if _, err := stmt.ExecContext(ctx, articleID, i, t.Speaker, nullString(t.SpeakerID), t.Start, t.End,
			nullFloat(t.TimeStart), nullFloat(t.TimeEnd)); err != nil {
			return err
		}
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// readProvenance loads the article's pages (from pagesJSON, its row's
// column), turns and source file into a.
func readProvenance(ctx context.Context, q queryer, a *annotate.Article, pagesJSON string) error {
	if err := json.Unmarshal([]byte(pagesJSON), &a.Pages); err != nil {
		return fmt.Errorf("article %s: pages: %w", a.ID, err)
	}
	if len(a.Pages) == 0 {
		a.Pages = nil
	}
	var err error
	if a.Turns, err = readTurns(ctx, q, a.ID); err != nil {
		return err
	}
	var src annotate.SourceFile
	err = q.QueryRowContext(ctx, "SELECT name, type, sha256 FROM sources WHERE article_id = ?", a.ID).Scan(
		&src.Name, &src.Type, &src.SHA256)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	a.Source = &src
	return nil
}

func readTurns(ctx context.Context, q queryer, articleID string) ([]annotate.Turn, error) {
	rows, err := q.QueryContext(ctx, `SELECT speaker, coalesce(speaker_id, ''), span_start, span_end,
		time_start, time_end FROM turns WHERE article_id = ? ORDER BY seq`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var turns []annotate.Turn
	for rows.Next() {
		var t annotate.Turn
		var from, to sql.NullFloat64
		if err := rows.Scan(&t.Speaker, &t.SpeakerID, &t.Start, &t.End, &from, &to); err != nil {
			return nil, err
		}
		if from.Valid {
			t.TimeStart = &from.Float64
		}
		if to.Valid {
			t.TimeEnd = &to.Float64
		}
		turns = append(turns, t)
	}
	return turns, rows.Err()
}

// SourceFileData returns the bytes of the file the article was derived
// from, checked against its SHA-256, and the file's description. It is
// ENOTFOUND when the article has no source file (plain text) or the file
// was too large to keep (see MaxSourceBytes).
func (db *DB) SourceFileData(ctx context.Context, articleID string) ([]byte, *annotate.SourceFile, error) {
	var src annotate.SourceFile
	var size sql.NullInt64
	var blob []byte
	err := db.rd.QueryRowContext(ctx, "SELECT name, type, sha256, size, data FROM sources WHERE article_id = ?", articleID).Scan(
		&src.Name, &src.Type, &src.SHA256, &size, &blob)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := db.text(ctx, articleID); err != nil {
			return nil, nil, dbError("read the source file", err)
		}
		return nil, nil, annotate.Errorf(annotate.ENOTFOUND, "article %s was imported from plain text: it has no other source file", articleID)
	case err != nil:
		return nil, nil, dbError("read the source file", err)
	case blob == nil && size.Valid:
		return nil, &src, annotate.Errorf(annotate.ENOTFOUND, "the original file %s was not kept: it was %s, more than the %s a project keeps (its SHA-256 is %s)",
			src.Name, annotate.SizeString(int(size.Int64)), annotate.SizeString(maxSourceBytes), src.SHA256)
	case blob == nil:
		return nil, &src, annotate.Errorf(annotate.ENOTFOUND, "the original file %s is not in the project: the article came from a document that names the file without holding it; import the file itself to keep it", src.Name)
	}
	data, err := decompress(blob, int(size.Int64))
	if err != nil || annotate.FileHash(data) != src.SHA256 {
		return nil, &src, &annotate.Error{Code: annotate.EINTERNAL, Err: err,
			Message: fmt.Sprintf("the original file %s kept in the project is damaged (it does not match its SHA-256); import the file again in a new project to keep it", src.Name)}
	}
	return data, &src, nil
}

// compress is how a source file is kept: gzip, that is DEFLATE with a
// CRC-32 of the content, which the reader checks (on top of the SHA-256),
// and a blob that gzip tools read as it is.
func compress(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decompress reads a kept file back, expecting size bytes and never more:
// a damaged blob cannot make it allocate past what was stored.
func decompress(blob []byte, size int) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, err
	}
	data := make([]byte, 0, size)
	b := bytes.NewBuffer(data)
	if _, err := io.Copy(b, io.LimitReader(zr, int64(size)+1)); err != nil {
		return nil, err
	}
	if b.Len() != size {
		return nil, fmt.Errorf("the file is %d bytes, not %d", b.Len(), size)
	}
	return b.Bytes(), zr.Close()
}

// UpdateArticleTurns replaces the article's turns, checked against its text
// and the registry, in one transaction.
func (db *DB) UpdateArticleTurns(ctx context.Context, articleID string, turns []annotate.Turn) error {
	if err := db.writable("save the article's turns"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var text string
		err := tx.QueryRowContext(ctx, "SELECT text FROM articles WHERE id = ?", articleID).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return annotate.Errorf(annotate.ENOTFOUND, "no article %s", articleID)
		} else if err != nil {
			return err
		}
		if err := annotate.CheckTurns(turns, text); err != nil {
			return err
		}
		old, err := readTurns(ctx, tx, articleID)
		if err != nil {
			return err
		}
		if err := writeTurns(ctx, tx, articleID, turns); err != nil {
			return err
		}
		return db.audit(ctx, tx, change{action: "update", kind: "article", entity: articleID, article: articleID,
			old: map[string]any{"turns": nonNilSlice(old)}, new: map[string]any{"turns": nonNilSlice(turns)}})
	})
	return dbError("save the article's turns", err)
}
