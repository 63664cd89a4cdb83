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
	_, err := db.db.ExecContext(ctx, insertSpeakerSQL, speakerArgs(s)...)
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
	res, err := db.db.ExecContext(ctx, `UPDATE speakers SET name = ?, aliases = ?, role = ?, modified = ?
		WHERE id = ?`, s.Name, string(aliases), s.Role, timeText(s.Modified), s.ID)
	if err != nil {
		return dbError("save speaker "+s.Name, err)
	}
	return mustAffect(res, "no speaker %s", s.ID)
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
