package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/factmark/factmark/annotate"
)

// execer is what appendAudit writes through: the transaction of the change
// it records.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// change is one record's change for the audit log: its kind and IDs, and the
// record before and after (nil for a create's before or a delete's after).
type change struct {
	action, kind, entity, article string
	old, new                      any
}

// auditEntries turns a change into log entries: one per top-level JSON
// field that differs (old → new), or, for a create or delete, one for the
// whole record. who and at are stamped by appendAudit.
func auditEntries(c change) ([]annotate.AuditEntry, error) {
	entry := func(field, old, new string) annotate.AuditEntry {
		return annotate.AuditEntry{ID: entryID(), Action: c.action, Kind: c.kind, EntityID: c.entity,
			ArticleID: c.article, Field: field, Old: old, New: new}
	}
	if c.old == nil || c.new == nil {
		whole, err := wholeJSON(cmpNil(c.old, c.new))
		if err != nil {
			return nil, err
		}
		if c.old == nil {
			return []annotate.AuditEntry{entry("", "", string(whole))}, nil
		}
		return []annotate.AuditEntry{entry("", string(whole), "")}, nil
	}
	before, err := fields(c.old)
	if err != nil {
		return nil, err
	}
	after, err := fields(c.new)
	if err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(before))
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var entries []annotate.AuditEntry
	changed := map[string]json.RawMessage{}
	was := map[string]json.RawMessage{}
	for _, k := range keys {
		if !sameJSON(before[k], after[k]) {
			entries = append(entries, entry(k, string(before[k]), string(after[k])))
			if before[k] != nil {
				was[k] = before[k]
			}
			if after[k] != nil {
				changed[k] = after[k]
			}
		}
	}
	if c.action == "import" && len(entries) > 0 {
		// One entry for the record an import updates: its changed fields,
		// before and after, as objects.
		old, _ := json.Marshal(was) // raw values that were parsed: cannot fail
		new, _ := json.Marshal(changed)
		return []annotate.AuditEntry{entry("", string(old), string(new))}, nil
	}
	return entries, nil
}

// wholeJSON is a record as one JSON value: raw JSON as it is.
func wholeJSON(v any) ([]byte, error) {
	if b, ok := v.(json.RawMessage); ok {
		return b, nil
	}
	return json.Marshal(v)
}

// sameJSON reports whether a and b are the same JSON value: byte-equal, or
// equal once parsed (SQLite's json_set and Go may escape a string
// differently). A missing value (nil) equals only another.
func sameJSON(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// entryID is a new entry's UUID: version 7, time-ordered, so that the
// index of IDs grows at its end rather than at random places.
func entryID() string {
	if id, err := uuid.NewV7(); err == nil {
		return id.String()
	}
	return annotate.NewID()
}

func cmpNil(a, b any) any {
	if a != nil {
		return a
	}
	return b
}

// fields is v's JSON object as raw values by key; a value that is not an
// object is the one field "".
func fields(v any) (map[string]json.RawMessage, error) {
	if m, ok := v.(map[string]json.RawMessage); ok {
		return m, nil
	}
	b, ok := v.(json.RawMessage)
	if !ok {
		var err error
		if b, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return map[string]json.RawMessage{"": b}, nil
	}
	return m, nil
}

// appendAudit writes the changes' entries through tx, stamped with who
// (annotate.Actor, else the settings' annotator) and now. Call it inside the
// transaction of the change, so that neither lands without the other.
func (db *DB) appendAudit(ctx context.Context, tx execer, who string, changes ...change) error {
	at := timeText(db.now())
	if t, ok := tx.(*sql.Tx); ok && len(changes) > 4 {
		// Many entries (a revision's, an import's): multi-row INSERTs.
		b := newBatch(t, insertAuditPrefix, 10)
		defer b.close()
		return writeEntries(ctx, b, who, at, changes)
	}
	for _, c := range changes {
		entries, err := auditEntries(c)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if _, err := tx.ExecContext(ctx, insertAuditSQL, e.ID, at, who, e.Action, e.Kind, e.EntityID, e.ArticleID,
				e.Field, e.Old, e.New); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeEntries queues the changes' entries in b (an INSERT of the audit
// table's columns but seq, in their order) and writes them.
func writeEntries(ctx context.Context, b *batch, who, at string, changes []change) error {
	for _, c := range changes {
		entries, err := auditEntries(c)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := b.add(ctx, e.ID, at, who, e.Action, e.Kind, e.EntityID, e.ArticleID, e.Field, e.Old, e.New); err != nil {
				return err
			}
		}
	}
	return b.flush(ctx)
}

// actor is who the audit log names for changes made with ctx.
func (db *DB) actor(ctx context.Context, s annotate.Settings) string {
	if name := annotate.Actor(ctx); name != "" {
		return name
	}
	if s.Annotator != "" {
		return s.Annotator
	}
	return "unknown"
}

var _ annotate.AuditService = (*DB)(nil)

const insertAuditSQL = insertAuditPrefix + `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const insertAuditPrefix = `INSERT INTO audit (id, at, who, action, kind, entity, article, field, old, new) VALUES `

// who is the name the audit log gives changes made with ctx: annotate.Actor,
// else the annotator of the settings q reads (inside the change's
// transaction, so the one in force).
func (db *DB) who(ctx context.Context, q queryer) (string, error) {
	if name := annotate.Actor(ctx); name != "" {
		return name, nil
	}
	var name string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'annotator'").Scan(&name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	return db.actor(ctx, annotate.Settings{Annotator: name}), nil
}

// annotationView is an annotation as the audit log records it: the fields
// of its body with its author, origin and references (speaker, attribution,
// claim) beside them, as one JSON object. Its start (derived from its
// anchors) and times (each entry has its own) are left out, so an update's
// entries are the fields the user changed.
func annotationView(author, origin, speaker, attribution, claim, body string) json.RawMessage {
	var b strings.Builder
	b.Grow(len(body) + len(author) + 120)
	b.WriteString(`{"author":`)
	writeJSONString(&b, author)
	b.WriteString(`,"origin":`)
	writeJSONString(&b, origin)
	for _, ref := range [...][2]string{{"speaker", speaker}, {"attribution", attribution}, {"claim", claim}} {
		if ref[1] != "" {
			b.WriteString(`,"` + ref[0] + `":`)
			writeJSONString(&b, ref[1])
		}
	}
	if inner := strings.TrimSpace(body); len(inner) > 2 && inner[0] == '{' {
		b.WriteByte(',')
		b.WriteString(inner[1:])
	} else {
		b.WriteByte('}')
	}
	return json.RawMessage(b.String())
}

func writeJSONString(b *strings.Builder, s string) {
	q, _ := json.Marshal(s) // a string: cannot fail
	b.Write(q)
}

// rowView is the view of a row about to be written, with its body as
// marshalled for the write.
func rowView(r *row, body string) json.RawMessage {
	return annotationView(r.meta.Author, string(r.meta.Origin), r.speaker, r.attribution, r.claim, body)
}

// storedAnnotation is an annotation row as the audit log sees it.
type storedAnnotation struct {
	id, article, kind string
	view              json.RawMessage
}

// storedAnnotations reads the views of the annotations the where clause
// selects, in the change's transaction.
func storedAnnotations(ctx context.Context, q queryer, where string, args ...any) ([]storedAnnotation, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, article_id, kind, author, origin, coalesce(speaker_id, ''),
		coalesce(attribution_id, ''), coalesce(claim_id, ''), body FROM annotations `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []storedAnnotation
	for rows.Next() {
		var s storedAnnotation
		var author, origin, speaker, attribution, claim, body string
		if err := rows.Scan(&s.id, &s.article, &s.kind, &author, &origin, &speaker, &attribution, &claim, &body); err != nil {
			return nil, err
		}
		s.view = annotationView(author, origin, speaker, attribution, claim, body)
		list = append(list, s)
	}
	return list, rows.Err()
}

// articleRecord is an article as the audit log records it: its details and
// the hash of its text (the text itself is in its revisions).
type articleRecord struct {
	Title     string   `json:"title"`
	URL       string   `json:"url,omitempty"`
	Outlet    string   `json:"outlet,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Published string   `json:"published,omitempty"`
	Language  string   `json:"language,omitempty"`
	SHA256    string   `json:"sha256,omitempty"`
}

func articleRecordOf(a *annotate.Article) articleRecord {
	return articleRecord{a.Title, a.URL, a.Outlet, a.Authors, a.Published, a.Language, a.SHA256}
}

// storedArticleMeta reads the article's details as the audit log records
// them (without the hash: its text does not change with them).
func storedArticleMeta(ctx context.Context, q queryer, id string) (*articleRecord, error) {
	var r articleRecord
	var authors string
	err := q.QueryRowContext(ctx, `SELECT title, url, outlet, authors, published, language FROM articles
		WHERE id = ?`, id).Scan(&r.Title, &r.URL, &r.Outlet, &authors, &r.Published, &r.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", id)
	} else if err != nil {
		return nil, err
	}
	return &r, json.Unmarshal([]byte(authors), &r.Authors)
}

// speakerRecord is a speaker as an update's entries compare it: without its
// times, which every save changes.
func speakerRecord(s annotate.Speaker) annotate.Speaker {
	s.Created, s.Modified = time.Time{}, time.Time{}
	return s
}

// settingsView is the settings as the audit log records them: each key of
// the settings table with its value as JSON (the scale as its object, the
// others as strings).
func settingsView(s annotate.Settings) (map[string]json.RawMessage, error) {
	values, err := settingsValues(s)
	if err != nil {
		return nil, err
	}
	view := make(map[string]json.RawMessage, len(values))
	for key, value := range values {
		if key == "scale" {
			view[key] = json.RawMessage(value)
		} else {
			view[key], _ = json.Marshal(value)
		}
	}
	return view, nil
}

// saveSettingsAudited saves s through tx and returns its change from the
// settings stored (missing ones are their defaults, as Settings reads them).
func saveSettingsAudited(ctx context.Context, tx *sql.Tx, s annotate.Settings, action string) (change, error) {
	var old annotate.Settings
	if err := scanSettings(ctx, tx, &old); err != nil {
		return change{}, err
	}
	before, err := settingsView(old)
	if err != nil {
		return change{}, err
	}
	after, err := settingsView(s)
	if err != nil {
		return change{}, err
	}
	return change{action: action, kind: "settings", old: before, new: after}, saveSettings(ctx, tx, s)
}

// FindHistory lists the entries about one record, oldest first: its own,
// and the entry of each import that added it (importedArticle), found
// among the import entries of its article.
func (db *DB) FindHistory(ctx context.Context, entityID string) ([]annotate.AuditEntry, error) {
	list, err := queryAudit(ctx, db.rd, historyWhere, entityID)
	return list, dbError("read the history of "+entityID, err)
}

// historyWhere selects the entries about the record ?1: its own, and the
// import entries that list its ID (the entry of each article it is on, and
// the imports' project-wide entries of evidence records).
//
// The log's one index is on (article, entity), so a record's entries are
// found under the articles it can be on: ” (a project-wide record), its
// own ID (an article), the article of the annotation or comment it is now.
// A record keeps the article it was made on. When none of those holds an
// entry (a deleted annotation or comment, a rejection), every article of
// the log is tried in turn (lost: one seek an article, as SQLite's skip-scan
// would do). CROSS JOIN keeps SQLite from reading the log for each of the
// few articles instead of seeking them in it.
const historyWhere = `WHERE seq IN (WITH RECURSIVE
	live(article) AS (SELECT article_id FROM annotations WHERE id = ?1
		UNION SELECT article_id FROM comments WHERE id = ?1),
	known(article) AS (SELECT article FROM live UNION SELECT '' UNION SELECT ?1),
	lost(article) AS (SELECT (SELECT min(article) FROM audit) WHERE NOT EXISTS (SELECT 1 FROM live)
			AND NOT EXISTS (SELECT 1 FROM audit WHERE article IN ('', ?1) AND entity = ?1)
		UNION ALL SELECT (SELECT min(article) FROM audit WHERE article > lost.article) FROM lost
		WHERE lost.article IS NOT NULL),
	own(seq, article) AS (SELECT seq, article FROM audit WHERE entity = ?1 AND article IN
		(SELECT article FROM known UNION SELECT article FROM lost WHERE article IS NOT NULL))
	SELECT seq FROM own
	UNION ALL SELECT a.seq FROM (SELECT article FROM live UNION SELECT article FROM own WHERE article != '') r
		CROSS JOIN audit a ON a.article = r.article AND a.entity = r.article
		WHERE a.action = 'import' AND a.kind = 'article' AND a.entity != ?1 AND instr(a.new, '"' || ?1 || '"') > 0
	UNION ALL SELECT seq FROM audit WHERE article = '' AND entity = '' AND action = 'import' AND kind = 'evidence'
		AND instr(new, '"' || ?1 || '"') > 0)`

// FindAudit lists the entries of the given articles and the project-wide
// ones, or every entry when no article is given, oldest first.
func (db *DB) FindAudit(ctx context.Context, articleIDs ...string) ([]annotate.AuditEntry, error) {
	list, err := findAudit(ctx, db.rd, articleIDs)
	return list, dbError("read the change log", err)
}

func findAudit(ctx context.Context, q queryer, articleIDs []string) ([]annotate.AuditEntry, error) {
	if len(articleIDs) == 0 {
		return queryAudit(ctx, q, "")
	}
	ids, _ := json.Marshal(articleIDs)
	return queryAudit(ctx, q, auditOfArticles, string(ids))
}

// auditOfArticles selects the entries of the articles whose IDs ? lists as
// a JSON array, and the project-wide ones (article ”).
const auditOfArticles = "WHERE article = '' OR article IN (SELECT value FROM json_each(?))"

func queryAudit(ctx context.Context, q queryer, where string, args ...any) ([]annotate.AuditEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, who, action, kind, entity, article, field, old, new
		FROM audit `+where+` ORDER BY seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []annotate.AuditEntry
	for rows.Next() {
		var e annotate.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Who, &e.Action, &e.Kind, &e.EntityID, &e.ArticleID, &e.Field,
			&e.Old, &e.New); err != nil {
			return nil, err
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("audit entry %s: %w", e.ID, err)
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// validateAuditEntries checks a document's log before it is imported.
func validateAuditEntries(entries []annotate.AuditEntry) error {
	for i, e := range entries {
		field := ""
		switch {
		case strings.TrimSpace(e.ID) == "":
			field = "id"
		case e.At.IsZero():
			field = "at"
		case strings.TrimSpace(e.Action) == "":
			field = "action"
		case strings.TrimSpace(e.Kind) == "":
			field = "kind"
		}
		if field != "" {
			return annotate.Errorf(annotate.EINVALID, "audit[%d].%s: missing; every entry of a document's change log needs an id, a time, an action and a kind — export the project again, or remove the \"audit\" list to import without its history", i, field)
		}
	}
	return nil
}

// importAuditEntries appends a document's log entries that the project
// lacks (by ID), keeping their ID, time and author; the IDs of the
// document's articles and speakers become the stored ones.
func importAuditEntries(ctx context.Context, tx *sql.Tx, entries []annotate.AuditEntry, articles, speakers map[string]string) error {
	if len(entries) == 0 {
		return nil
	}
	// Not ON CONFLICT DO NOTHING: the append-only trigger refuses a
	// colliding insert before the conflict clause would skip it. Rows of
	// VALUES, 64 a statement, numbered to keep their order.
	b := newBatch(tx, `INSERT INTO audit (id, at, who, action, kind, entity, article, field, old, new)
		SELECT column1, column2, column3, column4, column5, column6, column7, column8, column9, column10
		FROM (VALUES `, 11)
	b.suffix = `) AS v WHERE NOT EXISTS (SELECT 1 FROM audit WHERE id = v.column1) ORDER BY v.column11`
	defer b.close()
	mapped := func(m map[string]string, id string) string {
		if to, ok := m[id]; ok {
			return to
		}
		return id
	}
	for i, e := range entries {
		entity := e.EntityID
		switch e.Kind {
		case "article", "revision":
			entity = mapped(articles, entity)
		case "speaker":
			entity = mapped(speakers, entity)
		}
		if err := b.add(ctx, e.ID, timeText(e.At), e.Who, e.Action, e.Kind, entity,
			mapped(articles, e.ArticleID), e.Field, e.Old, e.New, i); err != nil {
			return fmt.Errorf("the document's change log: %w", err)
		}
	}
	if err := b.flush(ctx); err != nil {
		return fmt.Errorf("the document's change log: %w", err)
	}
	return nil
}
