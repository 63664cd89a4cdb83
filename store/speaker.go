package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.SpeakerService = (*DB)(nil)

// CreateSpeaker adds a speaker to the registry.
func (db *DB) CreateSpeaker(ctx context.Context, s *annotate.Speaker) error {
	if s.ID == "" {
		s.ID = annotate.NewID()
	}
	if s.Created.IsZero() {
		s.Created = db.now()
		s.Modified = s.Created
	}
	if err := s.Validate(); err != nil {
		return err
	}
	if err := db.writable("add speaker " + s.Name); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, insertSpeakerSQL, speakerArgs(s)...); err != nil {
			return err
		}
		return db.audit(ctx, tx, change{action: "create", kind: "speaker", entity: s.ID, new: s})
	})
	return dbError("add speaker "+s.Name, err)
}

const insertSpeakerSQL = `INSERT INTO speakers (id, name, aliases, role, created, modified)
	VALUES (?, ?, ?, ?, ?, ?)`

func speakerArgs(s *annotate.Speaker) []any {
	aliases, _ := json.Marshal(nonNil(s.Aliases))
	return []any{s.ID, s.Name, string(aliases), s.Role, timeText(s.Created), timeText(s.Modified)}
}

// UpdateSpeaker saves the edited speaker.
func (db *DB) UpdateSpeaker(ctx context.Context, s *annotate.Speaker) error {
	s.Modified = db.now()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := db.writable("save speaker " + s.Name); err != nil {
		return err
	}
	aliases, _ := json.Marshal(nonNil(s.Aliases))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := storedSpeaker(ctx, tx, s.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE speakers SET name = ?, aliases = ?, role = ?, modified = ?
			WHERE id = ?`, s.Name, string(aliases), s.Role, timeText(s.Modified), s.ID); err != nil {
			return err
		}
		return db.audit(ctx, tx, change{action: "update", kind: "speaker", entity: s.ID,
			old: speakerRecord(*old), new: speakerRecord(*s)})
	})
	return asAnnotateError("save speaker "+s.Name, err)
}

// storedSpeaker reads the speaker with the ID, or ENOTFOUND.
func storedSpeaker(ctx context.Context, q queryer, id string) (*annotate.Speaker, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, aliases, role, created, modified
		FROM speakers WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no speaker %s", id)
	}
	s, err := scanSpeaker(rows)
	return &s, err
}

// FindSpeakers returns the registry, by name.
func (db *DB) FindSpeakers(ctx context.Context) ([]annotate.Speaker, error) {
	list, err := findSpeakers(ctx, db.rd)
	return list, dbError("load speakers", err)
}

func findSpeakers(ctx context.Context, q queryer) ([]annotate.Speaker, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, aliases, role, created, modified
		FROM speakers ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []annotate.Speaker
	for rows.Next() {
		s, err := scanSpeaker(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, s)
	}
	return list, rows.Err()
}

func scanSpeaker(rows *sql.Rows) (annotate.Speaker, error) {
	var s annotate.Speaker
	var aliases, created, modified string
	if err := rows.Scan(&s.ID, &s.Name, &aliases, &s.Role, &created, &modified); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(aliases), &s.Aliases); err != nil {
		return s, err
	}
	if len(s.Aliases) == 0 {
		s.Aliases = nil
	}
	var err error
	if s.Created, err = parseTime(created); err != nil {
		return s, err
	}
	s.Modified, err = parseTime(modified)
	return s, err
}
