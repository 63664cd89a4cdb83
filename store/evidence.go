package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.EvidenceService = (*DB)(nil)

// Evidence records are project-wide: a note's Sources are the records it
// links (note_evidence, in order), and the same record may support several
// notes, so editing it through one note, or through UpdateEvidence, changes
// it everywhere. A record no note uses any more stays, listed by
// FindEvidence.

// evidenceCols are the columns scanEvidence reads, from the table as e.
const evidenceCols = `e.id, e.url, e.title, e.publisher, e.type, e.accessed, e.excerpt, e.archives,
	e.withheld, coalesce(e.snapshot, '')`

// scanEvidence reads evidenceCols after the dest columns before them.
func scanEvidence(scan func(dest ...any) error, before ...any) (annotate.Evidence, error) {
	var e annotate.Evidence
	var typ, archives, snapshot string
	var withheld int
	dest := append(before, &e.ID, &e.URL, &e.Title, &e.Publisher, &typ, &e.Accessed, &e.Excerpt, &archives,
		&withheld, &snapshot)
	if err := scan(dest...); err != nil {
		return e, err
	}
	return evidenceOf(e, typ, archives, snapshot, withheld != 0)
}

// evidenceOf is the record e with its columns that need reading: type,
// archives (a JSON list), snapshot (JSON, or empty) and withheld.
func evidenceOf(e annotate.Evidence, typ, archives, snapshot string, withheld bool) (annotate.Evidence, error) {
	e.Type, e.Withheld = annotate.SourceType(typ), withheld
	if archives != "[]" && archives != "" {
		if err := json.Unmarshal([]byte(archives), &e.Archives); err != nil {
			return e, fmt.Errorf("evidence %s: archives: %w", e.ID, err)
		}
	}
	if snapshot != "" {
		e.Snapshot = new(annotate.Snapshot)
		if err := json.Unmarshal([]byte(snapshot), e.Snapshot); err != nil {
			return e, fmt.Errorf("evidence %s: snapshot: %w", e.ID, err)
		}
	}
	return normalEvidence(e), nil
}

// normalEvidence is e with an empty list of archives as none, the form
// records are read in, so that records compare by content.
func normalEvidence(e annotate.Evidence) annotate.Evidence {
	if len(e.Archives) == 0 {
		e.Archives = nil
	}
	return e
}

// evidenceArgs are the record's url … snapshot columns.
func evidenceArgs(e *annotate.Evidence) []any {
	archives, _ := json.Marshal(nonNilSlice(e.Archives)) // strings: cannot fail
	var snapshot any
	if e.Snapshot != nil {
		b, _ := json.Marshal(e.Snapshot)
		snapshot = string(b)
	}
	withheld := 0
	if e.Withheld {
		withheld = 1
	}
	return []any{e.URL, e.Title, e.Publisher, string(e.Type), e.Accessed, e.Excerpt, string(archives), withheld, snapshot}
}

const (
	getEvidenceSQL    = `SELECT ` + evidenceCols + ` FROM evidence e WHERE e.id = ?`
	insertEvidenceSQL = `INSERT INTO evidence (url, title, publisher, type, accessed, excerpt, archives, withheld,
		snapshot, id, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	updateEvidenceSQL = `UPDATE evidence SET url = ?, title = ?, publisher = ?, type = ?, accessed = ?, excerpt = ?,
		archives = ?, withheld = ?, snapshot = ?, modified = max(modified, ?) WHERE id = ?`
	linkSQL = `INSERT INTO note_evidence (note_id, evidence_id, seq) VALUES (?, ?, ?)`
)

// getEvidence reads the record with the ID, or nil when there is none.
func getEvidence(ctx context.Context, q queryer, id string) (*annotate.Evidence, error) {
	e, err := scanEvidence(q.QueryRowContext(ctx, getEvidenceSQL, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &e, err
}

// assignSourceIDs gives each source without an ID a new one, and refuses a
// note that lists one record twice.
func assignSourceIDs(sources []annotate.Evidence) error {
	seen := map[string]int{}
	for i := range sources {
		e := &sources[i]
		if e.ID == "" {
			e.ID = annotate.NewID()
			continue
		}
		if j, ok := seen[e.ID]; ok {
			return annotate.Errorf(annotate.EINVALID, "sources[%d]: is the record of sources[%d] (%s) again; list a source once", i, j, e.ID)
		}
		seen[e.ID] = i
	}
	return nil
}

// linker writes notes' sources as records through one transaction, with
// its statements prepared once (an import links thousands of notes).
type linker struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// imported upserts records as a native document gives them
	// (importEvidenceSQL), with the snapshot it describes unless the
	// project has the snapshot's bytes. Otherwise a record's snapshot is
	// what AttachSnapshot stored, whatever the note says.
	imported bool
}

func newLinker(tx *sql.Tx) *linker { return &linker{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (l *linker) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s := l.stmts[query]; s != nil {
		return s, nil
	}
	s, err := l.tx.PrepareContext(ctx, query)
	if err == nil {
		l.stmts[query] = s
	}
	return s, err
}

func (l *linker) close() {
	for _, s := range l.stmts {
		s.Close()
	}
}

// link makes sources (with IDs) the note's evidence, in their order: each
// a new record or an update of the stored one (its snapshot kept, and
// written into sources). fresh says the note has no links yet. It returns
// the records' changes, for the audit log.
func (l *linker) link(ctx context.Context, noteID string, sources []annotate.Evidence, at time.Time, fresh bool) ([]change, error) {
	if !fresh {
		del, err := l.stmt(ctx, "DELETE FROM note_evidence WHERE note_id = ?")
		if err != nil {
			return nil, err
		}
		if _, err := del.ExecContext(ctx, noteID); err != nil {
			return nil, err
		}
	}
	var changes []change
	for i := range sources {
		c, err := l.save(ctx, &sources[i], at)
		if err != nil {
			return nil, fmt.Errorf("sources[%d]: %w", i, err)
		}
		if c != nil {
			changes = append(changes, *c)
		}
		ins, err := l.stmt(ctx, linkSQL)
		if err != nil {
			return nil, err
		}
		if _, err := ins.ExecContext(ctx, noteID, sources[i].ID, i); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// importEvidenceSQL upserts an imported record in one statement: the
// stored one is updated only when it differs, and keeps its snapshot when
// it has the bytes.
const importEvidenceSQL = insertEvidenceSQL + ` ON CONFLICT (id) DO UPDATE SET url = excluded.url,
	title = excluded.title, publisher = excluded.publisher, type = excluded.type, accessed = excluded.accessed,
	excerpt = excluded.excerpt, archives = excluded.archives, withheld = excluded.withheld,
	snapshot = iif(EXISTS (SELECT 1 FROM snapshots s WHERE s.evidence_id = evidence.id), evidence.snapshot, excluded.snapshot),
	modified = max(evidence.modified, excluded.modified)
	WHERE (evidence.url, evidence.title, evidence.publisher, evidence.type, evidence.accessed, evidence.excerpt,
		evidence.archives, evidence.withheld) IS NOT (excluded.url, excluded.title, excluded.publisher, excluded.type,
		excluded.accessed, excluded.excerpt, excluded.archives, excluded.withheld)
	OR evidence.snapshot IS NOT excluded.snapshot AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.evidence_id = evidence.id)`

// save inserts or updates the record e, and returns the change, or nil
// when the stored record is e already. An import upserts, in one statement.
func (l *linker) save(ctx context.Context, e *annotate.Evidence, at time.Time) (*change, error) {
	get, err := l.stmt(ctx, getEvidenceSQL)
	if err != nil {
		return nil, err
	}
	if l.imported {
		return l.upsert(ctx, get, e, at)
	}
	stored, err := scanEvidence(get.QueryRowContext(ctx, e.ID).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		e.Snapshot = nil // a snapshot comes with its bytes, through AttachSnapshot
		ins, err := l.stmt(ctx, insertEvidenceSQL)
		if err != nil {
			return nil, err
		}
		if _, err := ins.ExecContext(ctx, append(evidenceArgs(e), e.ID, timeText(at), timeText(at))...); err != nil {
			return nil, err
		}
		return &change{action: "create", kind: "evidence", entity: e.ID, new: normalEvidence(*e)}, nil
	} else if err != nil {
		return nil, err
	}
	e.Snapshot = stored.Snapshot
	*e = normalEvidence(*e)
	if reflect.DeepEqual(stored, *e) {
		return nil, nil
	}
	upd, err := l.stmt(ctx, updateEvidenceSQL)
	if err != nil {
		return nil, err
	}
	if _, err := upd.ExecContext(ctx, append(evidenceArgs(e), timeText(at), e.ID)...); err != nil {
		return nil, err
	}
	return &change{action: "update", kind: "evidence", entity: e.ID, old: stored, new: *e}, nil
}

// upsertReturning is importEvidenceSQL giving the record as stored when
// it wrote it (no row when the stored record was the document's).
const upsertReturning = importEvidenceSQL + ` RETURNING id, url, title, publisher, type, accessed, excerpt,
	archives, withheld, coalesce(snapshot, '')`

// upsert saves an imported record and returns its "import" change (the
// record added, or its fields before and after), or nil when the project
// had it already.
func (l *linker) upsert(ctx context.Context, get *sql.Stmt, e *annotate.Evidence, at time.Time) (*change, error) {
	stored, err := scanEvidence(get.QueryRowContext(ctx, e.ID).Scan)
	found := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	up, err := l.stmt(ctx, upsertReturning)
	if err != nil {
		return nil, err
	}
	saved, err := scanEvidence(up.QueryRowContext(ctx, append(evidenceArgs(e), e.ID, timeText(at), timeText(at))...).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	c := &change{action: "import", kind: "evidence", entity: e.ID, new: saved}
	if found {
		c.old = stored
	}
	return c, nil
}

// noteSources is a list of sources for each note of byArticle (notes of
// them in all), each empty, for loadSources to fill.
func noteSources(byArticle map[string]*annotate.Annotations, notes int) map[string][]annotate.Evidence {
	sources := make(map[string][]annotate.Evidence, notes)
	for _, all := range byArticle {
		for i := range all.Notes {
			sources[all.Notes[i].ID] = nil
		}
	}
	return sources
}

// loadSources fills sources, a list for each note's ID, with the notes'
// records, in one query: of every link of the project when whole is set
// (sources has every note, or most: the links of others are passed over),
// of the notes' links otherwise. Every link is read in the order of the
// records they point to, which takes under half the CPU of finding the
// same links note by note (20k: 35 against 80 ms).
//
// SQLite reads each note's links through their primary key, in order, so
// the query has no ORDER BY: sorting made FindAnnotations of 20k notes
// with a source each a tenth slower. Should the links ever come in another
// order, they are read again, sorted.
func loadSources(ctx context.Context, q queryer, sources map[string][]annotate.Evidence, whole bool) error {
	query := `SELECT l.note_id, l.seq, ` + evidenceCols + ` FROM note_evidence l JOIN evidence e ON e.id = l.evidence_id`
	var args []any
	if !whole {
		// The notes read already, as a JSON array: their links are found
		// by primary key, without reading the annotations again.
		ids := make([]string, 0, len(sources))
		for id := range sources {
			ids = append(ids, id)
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		query = `SELECT l.note_id, l.seq, ` + evidenceCols + ` FROM json_each(?) j
			JOIN note_evidence l ON l.note_id = j.value JOIN evidence e ON e.id = l.evidence_id`
		args = []any{string(list)}
	}
	ordered, err := readSources(ctx, q, sources, query, args...)
	if err != nil || ordered {
		return err
	}
	for id := range sources {
		sources[id] = nil
	}
	_, err = readSources(ctx, q, sources, query+" ORDER BY l.note_id, l.seq", args...)
	return err
}

// readSources appends the links the query reads to their notes' lists in
// sources (skipping notes it has none for), and reports false, stopping, at
// a link that comes out of order (a note's links not together, or not by
// seq).
func readSources(ctx context.Context, q queryer, sources map[string][]annotate.Evidence, query string, args ...any) (ordered bool, err error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	prev, prevSeq := "", 0
	for rows.Next() {
		var noteID string
		var seq int
		e, err := scanEvidence(rows.Scan, &noteID, &seq)
		if err != nil {
			return false, err
		}
		list, ok := sources[noteID]
		if !ok {
			continue
		}
		if noteID == prev && seq <= prevSeq || noteID != prev && len(list) > 0 {
			return false, nil
		}
		sources[noteID] = append(list, e)
		prev, prevSeq = noteID, seq
	}
	return true, rows.Err()
}

// FindEvidence lists every record of the project, in the order they were
// made, with the notes that use them (in text order) and those notes'
// claims. A record no note uses has none.
func (db *DB) FindEvidence(ctx context.Context) ([]annotate.EvidenceUse, error) {
	var list []annotate.EvidenceUse
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+evidenceCols+` FROM evidence e ORDER BY e.created, e.id`)
		if err != nil {
			return err
		}
		index := map[string]int{}
		for rows.Next() {
			e, err := scanEvidence(rows.Scan)
			if err != nil {
				rows.Close()
				return err
			}
			index[e.ID] = len(list)
			list = append(list, annotate.EvidenceUse{Evidence: e})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return findUses(ctx, tx, list, index)
	})
	return list, dbError("list evidence", err)
}

func findUses(ctx context.Context, tx *sql.Tx, list []annotate.EvidenceUse, index map[string]int) error {
	rows, err := tx.QueryContext(ctx, `SELECT l.evidence_id, l.note_id, coalesce(a.claim_id, '')
		FROM note_evidence l JOIN annotations a ON a.id = l.note_id ORDER BY a.article_id, a.start, a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var evidenceID, noteID, claimID string
		if err := rows.Scan(&evidenceID, &noteID, &claimID); err != nil {
			return err
		}
		u := &list[index[evidenceID]]
		u.Notes = append(u.Notes, noteID)
		if claimID != "" && !slices.Contains(u.Claims, claimID) {
			u.Claims = append(u.Claims, claimID)
		}
	}
	return rows.Err()
}

// validateEvidence checks a record as a note's source is checked, naming
// its fields evidence.….
func validateEvidence(e *annotate.Evidence) error {
	now := time.Now()
	n := annotate.Note{Meta: annotate.Meta{ID: annotate.NewID(), ArticleID: annotate.NewID(), Origin: annotate.Manual,
		Created: now, Modified: now}, ClaimID: annotate.NewID(), Sources: []annotate.Evidence{*e}}
	scale := annotate.DefaultScale()
	err := n.Validate(nil, &scale)
	var ae *annotate.Error
	if errors.As(err, &ae) {
		return &annotate.Error{Code: ae.Code, Message: strings.Replace(ae.Message, "sources[0]", "evidence", 1), Err: ae.Err}
	}
	return err
}

// UpdateEvidence changes the record everywhere it is used. Its snapshot
// stays the one stored (AttachSnapshot changes it), and is written into e.
// A change withdraws the approvals of the claims whose notes use it.
func (db *DB) UpdateEvidence(ctx context.Context, e *annotate.Evidence) error {
	if e.ID == "" {
		return annotate.Errorf(annotate.EINVALID, "evidence.id: is empty; give the ID of the record to change")
	}
	if err := validateEvidence(e); err != nil {
		return err
	}
	return db.changeEvidence(ctx, "update the evidence", e.ID, func(stored *annotate.Evidence) error {
		e.Snapshot = stored.Snapshot
		*stored = normalEvidence(*e)
		return nil
	})
}

// changeEvidence runs edit on the stored record with the ID and saves it,
// with its audit entry and the approvals it withdraws, in one transaction;
// nothing is written when edit leaves the record as it was.
func (db *DB) changeEvidence(ctx context.Context, op, id string, edit func(*annotate.Evidence) error,
	more ...func(tx *sql.Tx) error) error {
	if err := db.writable(op); err != nil {
		return err
	}
	reviewMu.Lock()
	defer reviewMu.Unlock()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stored, err := getEvidence(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored == nil {
			return annotate.Errorf(annotate.ENOTFOUND, "no evidence record %s", id)
		}
		old := *stored
		old.Archives = slices.Clone(old.Archives)
		if err := edit(stored); err != nil {
			return err
		}
		for _, f := range more {
			if err := f(tx); err != nil {
				return err
			}
		}
		if reflect.DeepEqual(old, *stored) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, updateEvidenceSQL, append(evidenceArgs(stored), timeText(db.now()), id)...); err != nil {
			return err
		}
		var s annotate.Settings
		if err := scanSettings(ctx, tx, &s); err != nil {
			return err
		}
		who := db.actor(ctx, s)
		if err := db.appendAudit(ctx, tx, who, change{action: "update", kind: "evidence", entity: id, old: old, new: *stored}); err != nil {
			return err
		}
		claims, err := claimsUsing(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.recheckApprovals(ctx, tx, who, claims)
	})
	return asAnnotateError(op, err)
}

// claimsUsing lists the claims whose notes use the records.
func claimsUsing(ctx context.Context, q queryer, ids ...string) ([]string, error) {
	var claims []string
	for _, id := range ids {
		rows, err := q.QueryContext(ctx, `SELECT DISTINCT a.claim_id FROM note_evidence l
			JOIN annotations a ON a.id = l.note_id WHERE l.evidence_id = ? AND a.claim_id IS NOT NULL`, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return nil, err
			}
			claims = append(claims, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return claims, nil
}

// AttachSnapshot stores data as the record's snapshot, replacing any: at
// most annotate.MaxSnapshotSize bytes, of a type its content shows to be
// one of annotate.SnapshotMediaTypes; the SHA-256 is computed here.
func (db *DB) AttachSnapshot(ctx context.Context, evidenceID, name string, data []byte) (*annotate.Snapshot, error) {
	snap, err := newSnapshot(name, data)
	if err != nil {
		return nil, err
	}
	err = db.changeEvidence(ctx, "attach the snapshot", evidenceID, func(e *annotate.Evidence) error {
		e.Snapshot = snap
		return nil
	}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO snapshots (evidence_id, name, media_type, size, sha256, data)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_id) DO UPDATE SET name = excluded.name,
			media_type = excluded.media_type, size = excluded.size, sha256 = excluded.sha256, data = excluded.data`,
			evidenceID, snap.Name, snap.MediaType, snap.Size, snap.SHA256, data)
		return err
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// newSnapshot checks the file and describes it.
func newSnapshot(name string, data []byte) (*annotate.Snapshot, error) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsRune(name, 0) {
		return nil, annotate.Errorf(annotate.EINVALID, "snapshot: %q is not a file name; give the name of the file attached", name)
	}
	if err := annotate.CheckLine("snapshot "+name, name); err != nil {
		return nil, err
	}
	switch {
	case len(data) == 0:
		return nil, annotate.Errorf(annotate.EINVALID, "snapshot %s: the file is empty; attach the saved page, PDF or image", name)
	case len(data) > annotate.MaxSnapshotSize:
		return nil, annotate.Errorf(annotate.EINVALID, "snapshot %s: the file is %.1f MB; a snapshot may be at most %d MB — attach a smaller copy (a PDF print or a screenshot)",
			name, float64(len(data))/(1<<20), annotate.MaxSnapshotSize>>20)
	}
	mediaType, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if !slices.Contains(annotate.SnapshotMediaTypes, mediaType) {
		return nil, annotate.Errorf(annotate.EINVALID, "snapshot %s: the file is %s, not a PDF, an HTML page, an image (PNG, JPEG, GIF, WebP) or plain text; save the source as one of these", name, mediaType)
	}
	sum := sha256.Sum256(data)
	return &annotate.Snapshot{Name: name, MediaType: mediaType, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// SnapshotData returns the record's snapshot and its bytes, checked against
// the SHA-256 recorded when it was attached.
func (db *DB) SnapshotData(ctx context.Context, evidenceID string) ([]byte, *annotate.Snapshot, error) {
	var snap annotate.Snapshot
	var data []byte
	err := db.rd.QueryRowContext(ctx, `SELECT name, media_type, size, sha256, data FROM snapshots WHERE evidence_id = ?`,
		evidenceID).Scan(&snap.Name, &snap.MediaType, &snap.Size, &snap.SHA256, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, db.noSnapshot(ctx, evidenceID)
	} else if err != nil {
		return nil, nil, dbError("read the snapshot", err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != snap.SHA256 || int64(len(data)) != snap.Size {
		return nil, nil, &annotate.Error{Code: annotate.EINTERNAL,
			Message: fmt.Sprintf("the snapshot %s of evidence record %s is damaged: its bytes are not the ones attached (SHA-256 %s); attach the file again", snap.Name, evidenceID, snap.SHA256),
			Err:     fmt.Errorf("snapshot %s: SHA-256 mismatch", evidenceID)}
	}
	return data, &snap, nil
}

// noSnapshot says why the record has no snapshot bytes.
func (db *DB) noSnapshot(ctx context.Context, evidenceID string) error {
	e, err := getEvidence(ctx, db.rd, evidenceID)
	switch {
	case err != nil:
		return dbError("read the snapshot", err)
	case e == nil:
		return annotate.Errorf(annotate.ENOTFOUND, "no evidence record %s", evidenceID)
	case e.Snapshot != nil:
		return annotate.Errorf(annotate.ENOTFOUND, "the snapshot %s of evidence record %s is not in this project (a native document carries only its description); attach the file again", e.Snapshot.Name, evidenceID)
	}
	return annotate.Errorf(annotate.ENOTFOUND, "evidence record %s has no snapshot", evidenceID)
}

// AttachArchiveURL adds archiveURL to the archives of the record with
// evidenceID, or, when evidenceID is "", of the one record whose URL it
// archives (annotate.ArchivedURL).
func (db *DB) AttachArchiveURL(ctx context.Context, evidenceID, archiveURL string) (*annotate.Evidence, error) {
	archiveURL = strings.TrimSpace(archiveURL)
	if !annotate.ValidURL(archiveURL) {
		return nil, annotate.Errorf(annotate.EINVALID, "archive URL: %q is not an http(s) URL", archiveURL)
	}
	if err := annotate.CheckLine("archive URL", archiveURL); err != nil {
		return nil, err
	}
	original, known := annotate.ArchivedURL(archiveURL)
	if evidenceID == "" {
		if !known {
			return nil, annotate.Errorf(annotate.EINVALID, "archive URL %s does not say which page it archives (perma.cc links do not); choose the evidence record to attach it to", archiveURL)
		}
		var err error
		if evidenceID, err = db.recordWithURL(ctx, original, archiveURL); err != nil {
			return nil, err
		}
	}
	var saved annotate.Evidence
	err := db.changeEvidence(ctx, "attach the archive URL", evidenceID, func(e *annotate.Evidence) error {
		if known && e.URL != "" && !sameURL(e.URL, original) {
			return annotate.Errorf(annotate.ECONFLICT, "archive URL %s archives %s, not the record's URL %s; attach it to that page's record", archiveURL, original, e.URL)
		}
		if !slices.Contains(e.Archives, archiveURL) {
			e.Archives = append(e.Archives, archiveURL)
		}
		saved = *e
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

// recordWithURL finds the one record whose URL is original (or the same
// page written another way: http for https, a www. or a final slash more or
// less).
func (db *DB) recordWithURL(ctx context.Context, original, archiveURL string) (string, error) {
	rows, err := db.rd.QueryContext(ctx, "SELECT id, url FROM evidence WHERE url <> '' ORDER BY created, id")
	if err != nil {
		return "", dbError("find the archived record", err)
	}
	defer rows.Close()
	var exact, similar []string
	for rows.Next() {
		var id, u string
		if err := rows.Scan(&id, &u); err != nil {
			return "", dbError("find the archived record", err)
		}
		if u == original {
			exact = append(exact, id)
		} else if sameURL(u, original) {
			similar = append(similar, id)
		}
	}
	if err := rows.Err(); err != nil {
		return "", dbError("find the archived record", err)
	}
	if len(exact) == 0 {
		exact = similar
	}
	switch len(exact) {
	case 0:
		return "", annotate.Errorf(annotate.ENOTFOUND, "no evidence record has the URL %s, which %s archives; add the source to a note first, or choose the record to attach it to", original, archiveURL)
	case 1:
		return exact[0], nil
	}
	return "", annotate.Errorf(annotate.ECONFLICT, "%d evidence records have the URL %s; choose the one to attach %s to", len(exact), original, archiveURL)
}

// sameURL reports whether a and b are the same page but for the scheme, a
// www., or a final slash: archives often write a page another way.
func sameURL(a, b string) bool {
	key := func(u string) string {
		for _, p := range []string{"https://", "http://"} {
			u = strings.TrimPrefix(u, p)
		}
		return strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/")
	}
	return key(a) == key(b)
}
