package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"slices"

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
		return annotate.AuditEntry{ID: annotate.NewID(), Action: c.action, Kind: c.kind, EntityID: c.entity,
			ArticleID: c.article, Field: field, Old: old, New: new}
	}
	if c.old == nil || c.new == nil {
		whole, err := json.Marshal(cmpNil(c.old, c.new))
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
	for _, k := range keys {
		if !bytes.Equal(before[k], after[k]) {
			entries = append(entries, entry(k, string(before[k]), string(after[k])))
		}
	}
	return entries, nil
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
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
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
	for _, c := range changes {
		entries, err := auditEntries(c)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit (id, at, who, action, kind, entity, article, field, old, new)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, at, who, e.Action, e.Kind, e.EntityID, e.ArticleID,
				e.Field, e.Old, e.New); err != nil {
				return err
			}
		}
	}
	return nil
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
