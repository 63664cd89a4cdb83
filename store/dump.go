package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Dump writes the schema version and every row of every table, rows sorted,
// through one read transaction: a listing that is byte-identical exactly
// when the project's content is, for tests that must show that a refused
// input changed nothing.
func (db *DB) Dump(ctx context.Context, w io.Writer) error {
	return dbError("dump", db.readTx(ctx, func(tx *sql.Tx) error {
		var version int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		fmt.Fprintf(w, "user_version %d\n", version)
		tables, err := tableNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, name := range tables {
			lines, err := tableRows(ctx, tx, name)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "table %s: %d rows\n", name, len(lines))
			for _, l := range lines {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
		return nil
	}))
}

func tableNames(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// tableRows returns each row of the table as one line of quoted values, sorted.
func tableRows(ctx context.Context, tx *sql.Tx, name string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(name, `"`, `""`)+`"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var lines []string
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, v := range values {
			if i > 0 {
				b.WriteString(" | ")
			}
			if s, ok := v.([]byte); ok {
				v = string(s)
			}
			fmt.Fprintf(&b, "%s=%#v", cols[i], v)
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	return lines, rows.Err()
}
