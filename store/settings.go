package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.SettingsService = (*DB)(nil)

// Settings returns the project's settings, with the default scale until the
// user sets one.
func (db *DB) Settings(ctx context.Context) (annotate.Settings, error) {
	var s annotate.Settings
	return s, dbError("read settings", scanSettings(ctx, db.rd, &s))
}

// writerSettings reads the settings on the writer connection, for a write
// about to be made there: its page cache is warm, where a reader's would be
// reloaded after every commit. An autocommit read takes no write lock.
func (db *DB) writerSettings(ctx context.Context) (annotate.Settings, error) {
	var s annotate.Settings
	return s, dbError("read settings", scanSettings(ctx, db.db, &s))
}

func scanSettings(ctx context.Context, q queryer, s *annotate.Settings) error {
	s.Scale = annotate.DefaultScale()
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return err
		}
		switch key {
		case "annotator":
			s.Annotator = value
		case "organization":
			s.Organization = value
		case "organization_url":
			s.OrganizationURL = value
		case "theme":
			s.Theme = value
		case "text_size":
			size, err := strconv.ParseFloat(value, 32)
			if err != nil {
				return fmt.Errorf("text_size setting %q: %w", value, err)
			}
			s.TextSize = float32(size)
		case "scale":
			if err := json.Unmarshal([]byte(value), &s.Scale); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// UpdateSettings saves the settings in one transaction.
func (db *DB) UpdateSettings(ctx context.Context, s annotate.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := db.writable("save settings"); err != nil {
		return err
	}
	return dbError("save settings", db.inTx(ctx, func(tx *sql.Tx) error {
		return saveSettings(ctx, tx, s)
	}))
}

func saveSettings(ctx context.Context, tx *sql.Tx, s annotate.Settings) error {
	scale, err := json.Marshal(s.Scale)
	if err != nil {
		return err
	}
	for key, value := range map[string]string{
		"annotator": s.Annotator, "organization": s.Organization, "scale": string(scale),
		"organization_url": s.OrganizationURL, "theme": s.Theme,
		"text_size": strconv.FormatFloat(float64(s.TextSize), 'g', -1, 32),
	} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return err
		}
	}
	return nil
}
