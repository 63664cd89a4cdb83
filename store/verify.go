package store

import "context"

// IntegrityCheck runs SQLite's full integrity_check and returns its report:
// "ok" for a whole database, else the problems it found, one per line.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", dbError("check the database", err)
	}
	defer rows.Close()
	var report string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", dbError("check the database", err)
		}
		if report != "" {
			report += "\n"
		}
		report += line
	}
	return report, dbError("check the database", rows.Err())
}
