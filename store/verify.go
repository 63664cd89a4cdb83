package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/factmark/factmark/annotate"
)

// The full check of a project (SQLite's quick_check, which reads every page)
// takes about a second a gigabyte: on a year's project that was most of the
// desk's start and of every command's (issue 16). So Open checks the file's
// structure only (header, length, schema version, the first row of each
// table) and runs the full check at once only for a file small enough that
// it costs little (fullCheckAtOpen) or one it is about to migrate. For a
// larger one the full check is deferred: the desk runs Check after its
// window shows; a write runs it, or waits for it, before its transaction
// (inTx), so that no change is saved into a file not known to be whole; and
// once it has failed every write is refused (writable). Reads never wait
// for it: a damaged page they reach is an error of its own ("the database
// file is damaged", dbError).

// fullCheckAtOpen is the largest file Open checks in full at once: 64 MB
// take about 60 ms. Tests set it to 0 to test the deferred check.
var fullCheckAtOpen int64 = 64 << 20

// checkAtOpen reports whether Open runs the full check of the file at path:
// a new, missing or small file.
func checkAtOpen(path string) bool {
	info, err := os.Stat(path)
	return err != nil || info.Size() <= fullCheckAtOpen
}

// fullCheck is the state of a project's full check: done once it has run
// to its end, with err its finding. mu guards done and err and is held only
// to read or set them, so that writable never waits for a running check;
// run is held while the check runs.
type fullCheck struct {
	run  sync.Mutex
	mu   sync.Mutex
	done bool
	err  error
}

// result is the check's state: whether it has run, and what it found.
func (c *fullCheck) result() (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done, c.err
}

// set records the check's finding.
func (c *fullCheck) set(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done, c.err = true, err
}

// failed is the error of a full check that found the project damaged, and
// nil while it has not run or found it whole.
func (c *fullCheck) failed() error {
	_, err := c.result()
	return err
}

// Check runs the full check of the project, if Open did not, and returns
// what it found: nil for a whole file, an EINTERNAL error saying it is
// damaged and that changes are refused otherwise. It runs once: later calls
// (and writes, which call it) get its result, and calls while it runs wait
// for it. A check stopped by ctx is not a finding and runs again next time.
// It reads through a read connection, so it waits for no writer.
func (db *DB) Check(ctx context.Context) error {
	c := &db.full
	if done, err := c.result(); done {
		return err
	}
	c.run.Lock()
	defer c.run.Unlock()
	if done, err := c.result(); done { // it ran while this call waited
		return err
	}
	err := quickCheck(ctx, db.rd, db.path)
	if ctx.Err() != nil {
		return dbError("check the project", ctx.Err())
	}
	c.set(err)
	return err
}

// Checked reports whether the full check has run, at Open or by Check.
func (db *DB) Checked() bool {
	done, _ := db.full.result()
	return done
}

// quickCheck runs SQLite's quick_check on q: nil when the file is whole;
// otherwise an error for the user, with SQLite's report (tree, page and
// cell numbers) kept for the log.
func quickCheck(ctx context.Context, q queryer, path string) error {
	var result string
	err := q.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result)
	switch {
	case err != nil:
		return (&DB{path: path}).openError(err)
	case result != "ok":
		return damaged(path, errors.New("quick_check: "+result))
	}
	return nil
}

// damaged is the error of a project found damaged: what it means, and
// what to do.
func damaged(path string, err error) error {
	return &annotate.Error{Code: annotate.EINTERNAL, Err: err,
		Message: fmt.Sprintf("%s is damaged; it was left untouched and no change will be saved into it — restore it from a backup or an export", path)}
}

// checkLength refuses a file shorter than its header says it is: a
// half-copied project. Only for a file without a WAL beside it, whose
// header is up to date.
func checkLength(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // the SQLite connection says what is wrong
	}
	defer f.Close()
	header := make([]byte, 100)
	if _, err := f.ReadAt(header, 0); err != nil {
		return nil // a file shorter than a header: SQLite refuses it
	}
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	pageSize := int64(header[16])<<8 | int64(header[17])
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(header[28])<<24 | int64(header[29])<<16 | int64(header[30])<<8 | int64(header[31])
	// The page count is valid only when "version-valid-for" (bytes 92–95)
	// equals the change counter (bytes 24–27).
	valid := string(header[92:96]) == string(header[24:28])
	if valid && pages > 0 && info.Size() < pages*pageSize {
		return damaged(path, fmt.Errorf("the file has %d bytes, its header says %d pages of %d", info.Size(), pages, pageSize))
	}
	return nil
}

// IntegrityCheck runs SQLite's full integrity_check and returns its report:
// "ok" for a whole database, else the problems it found, one per line. A
// report of problems counts as a failed full check: writes are refused.
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
	if err := rows.Err(); err != nil {
		return "", dbError("check the database", err)
	}
	if report != "ok" {
		db.full.set(damaged(db.path, errors.New("integrity_check: "+report)))
	}
	return report, nil
}
