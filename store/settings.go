package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.SettingsService = (*DB)(nil)

// MaxApprovalsRequired is the most approvals the settings may require.
const MaxApprovalsRequired = 9

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
	s.ApprovalsRequired = 1
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
		case "review_url":
			s.ReviewURL = value
		case "theme":
			s.Theme = value
		case "text_size":
			size, err := strconv.ParseFloat(value, 32)
			if err != nil {
				return fmt.Errorf("text_size setting %q: %w", value, err)
			}
			s.TextSize = float32(size)
		case "approvals_required":
			n, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("approvals_required setting %q: %w", value, err)
			}
			s.ApprovalsRequired = n
		case "scale":
			if err := json.Unmarshal([]byte(value), &s.Scale); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// UpdateSettings saves the settings in one transaction, audited as one
// entry per setting changed, named after s's annotator. A scale with other
// ratings than the stored one is a change of scale without a map (see
// ChangeScale): labels in use that it lacks are kept as retired, so no
// note's verdict is lost or silently relabelled; the same ratings keep the
// stored version and retired labels, whatever s carries.
//
// ApprovalsRequired 0 is 1, the default; more than MaxApprovalsRequired is
// refused.
func (db *DB) UpdateSettings(ctx context.Context, s annotate.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.ApprovalsRequired == 0 {
		s.ApprovalsRequired = 1
	}
	if s.ApprovalsRequired < 1 || s.ApprovalsRequired > MaxApprovalsRequired {
		return annotate.Errorf(annotate.EINVALID, "approvals_required: %d is not between 1 and %d (how many different reviewers must approve a verdict)", s.ApprovalsRequired, MaxApprovalsRequired)
	}
	if err := db.writable("save settings"); err != nil {
		return err
	}
	var invalid error
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		ch, relabelled, err := changeScale(ctx, tx, s.Scale, nil, db.now())
		if err != nil {
			invalid = err
			return err
		}
		s.Scale = ch.Scale
		saved, err := saveSettingsAudited(ctx, tx, s, "update")
		if err != nil {
			return err
		}
		// The annotator the user gives is who makes the change: the name
		// they just typed, not "unknown" before it.
		return db.appendAudit(ctx, tx, db.actor(ctx, s), append([]change{saved}, relabelled...)...)
	})
	if invalid != nil {
		return invalid
	}
	return dbError("save settings", err)
}

// ChangeScale sets the project's rating scale to next in one transaction:
// the notes whose verdict mapping names get its new label, and the other
// labels in use that next lacks are kept as retired (their notes flagged).
// The log has the settings' change and each relabelled note's verdict. A
// relabelled verdict withdraws the approvals given to the old label.
func (db *DB) ChangeScale(ctx context.Context, next annotate.Scale, mapping map[string]string) (annotate.ScaleChange, error) {
	if err := next.Validate(); err != nil {
		return annotate.ScaleChange{}, err
	}
	if err := db.writable("change the rating scale"); err != nil {
		return annotate.ScaleChange{}, err
	}
	reviewMu.Lock()
	defer reviewMu.Unlock()
	var ch annotate.ScaleChange
	var invalid error
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var s annotate.Settings
		if err := scanSettings(ctx, tx, &s); err != nil {
			return err
		}
		var err error
		var relabelled []change
		if ch, relabelled, err = changeScale(ctx, tx, next, mapping, db.now()); err != nil {
			invalid = err
			return err
		}
		s.Scale = ch.Scale
		saved, err := saveSettingsAudited(ctx, tx, s, "update")
		if err != nil {
			return err
		}
		if err := db.appendAudit(ctx, tx, db.actor(ctx, s), append([]change{saved}, relabelled...)...); err != nil || len(ch.Relabel) == 0 {
			return err
		}
		return db.recheckAllApprovals(ctx, tx) // a relabelled verdict is not the one approved
	})
	if invalid != nil {
		return annotate.ScaleChange{}, invalid
	}
	return ch, dbError("change the rating scale", err)
}

// VerdictsInUse returns the verdicts the project's notes carry, each with
// the number of notes carrying it.
func (db *DB) VerdictsInUse(ctx context.Context) (map[string]int, error) {
	use, err := verdictsInUse(ctx, db.rd)
	return use, dbError("read verdicts", err)
}

func verdictsInUse(ctx context.Context, q queryer) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT json_extract(body, '$.verdict'), count(*) FROM annotations
		WHERE kind = 'note' AND json_extract(body, '$.verdict') IS NOT NULL GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	use := map[string]int{}
	for rows.Next() {
		var label string
		var n int
		if err := rows.Scan(&label, &n); err != nil {
			return nil, err
		}
		use[label] = n
	}
	return use, rows.Err()
}

// changeScale computes the change from the stored scale to next, and
// relabels the notes it maps, returning their changes for the log; the
// caller saves the new scale. An *annotate.Error is the user's mistake.
func changeScale(ctx context.Context, tx *sql.Tx, next annotate.Scale, mapping map[string]string, now time.Time) (annotate.ScaleChange, []change, error) {
	var old annotate.Settings
	if err := scanSettings(ctx, tx, &old); err != nil {
		return annotate.ScaleChange{}, nil, err
	}
	use, err := verdictsInUse(ctx, tx)
	if err != nil {
		return annotate.ScaleChange{}, nil, err
	}
	ch, err := annotate.ChangeScale(old.Scale, next, slices.Collect(maps.Keys(use)), mapping)
	if err != nil {
		return ch, nil, err
	}
	relabelled, err := relabel(ctx, tx, ch.Relabel, now)
	return ch, relabelled, err
}

// relabel gives the notes with each old verdict the new one, all at once
// (a map may swap two labels), and stamps them modified.
func relabel(ctx context.Context, tx *sql.Tx, labels map[string]string, now time.Time) ([]change, error) {
	if len(labels) == 0 {
		return nil, nil
	}
	var changes []change
	rows, err := tx.QueryContext(ctx, `SELECT id, article_id, json_extract(body, '$.verdict') FROM annotations
		WHERE kind = 'note' AND json_extract(body, '$.verdict') IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, article, label string
		if err := rows.Scan(&id, &article, &label); err != nil {
			rows.Close()
			return nil, err
		}
		if to, ok := labels[label]; ok {
			changes = append(changes, change{action: "update", kind: "note", entity: id, article: article,
				old: map[string]string{"verdict": label}, new: map[string]string{"verdict": to}})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `UPDATE annotations SET body = json_set(body, '$.verdict', ?),
			modified = max(modified, ?) WHERE id = ?`, c.new.(map[string]string)["verdict"], timeText(now), c.entity); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

func saveSettings(ctx context.Context, tx *sql.Tx, s annotate.Settings) error {
	values, err := settingsValues(s)
	if err != nil {
		return err
	}
	for key, value := range values {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return err
		}
	}
	return nil
}

// settingsValues are the settings as the settings table stores them, by
// key (the audit log compares these).
func settingsValues(s annotate.Settings) (map[string]string, error) {
	scale, err := json.Marshal(s.Scale)
	return map[string]string{
		"annotator": s.Annotator, "organization": s.Organization, "scale": string(scale),
		"organization_url": s.OrganizationURL, "review_url": s.ReviewURL, "theme": s.Theme,
		"text_size":          strconv.FormatFloat(float64(s.TextSize), 'g', -1, 32),
		"approvals_required": strconv.Itoa(max(s.ApprovalsRequired, 1)),
	}, err
}
