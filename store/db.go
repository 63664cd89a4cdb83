package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/factmark/factmark/annotate"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// applicationID marks a SQLite file as Factmark's ("FMK1"), so that Open can
// tell our databases from other programs' before it changes anything.
const applicationID = 0x464d4b31

// busyTimeout is how long a statement waits for another process's lock.
var busyTimeout = 5 * time.Second

// DB is an open Factmark project. It is safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string
	// Now returns the current time; tests replace it.
	Now func() time.Time

	mu    sync.Mutex
	texts map[string]*annotate.Text // article ID → text; texts never change

	readOnly bool // opened read-only: the file or its folder cannot be written
}

// DefaultPath is where the project lives unless --db says otherwise:
// $XDG_DATA_HOME/factmark/factmark.db, or ~/.local/share/factmark/factmark.db.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the data directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "factmark", "factmark.db"), nil
}

// Open opens the project at path, creating it (mode 0600, in a directory of
// mode 0700) if it does not exist, and migrates its schema.
func Open(path string) (*DB, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	sqldb, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One connection: SQLite serialises writers anyway, and a single
	// connection keeps every read consistent with the last write.
	sqldb.SetMaxOpenConns(1)
	db := &DB{db: sqldb, path: path, Now: time.Now, texts: map[string]*annotate.Text{}}
	if err := db.migrate(); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// ReadOnly reports whether the project was opened read-only, because its
// file or folder cannot be written: reads work, every write fails.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Path is the file the project is in.
func (db *DB) Path() string { return db.path }

// dsn is the connection string: WAL with synchronous=FULL, so that a commit
// that returned is on disk; foreign keys on; write transactions that take the
// lock at BEGIN; and a page cache of up to 64 MB (SQLite's default is 2 MB),
// which holds the index pages a large import keeps changing: with the default,
// importing 100k annotations took 50% more system time, spilling and
// re-reading them.
func dsn(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?_journal_mode=WAL&_synchronous=FULL" +
		"&_foreign_keys=on&_txlock=immediate&_cache_size=-65536&_busy_timeout=" + fmt.Sprint(busyTimeout.Milliseconds())
}

// prepareFile creates a missing database file with mode 0600, so that SQLite's
// -wal and -shm files get the same mode, and refuses an existing file that is
// not SQLite at all before SQLite can touch it.
func prepareFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return annotate.Errorf(annotate.EINVALID, "cannot create the folder for %s: %v", path, err)
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "cannot create %s: %v", path, err)
		}
		return f.Close()
	} else if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot open %s: %v", path, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return annotate.Errorf(annotate.EINVALID, "%s is a folder, not a database file", path)
	}
	header := make([]byte, 16)
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file is a new database
	}
	if !bytes.Equal(header[:n], []byte("SQLite format 3\x00")) {
		return annotate.Errorf(annotate.EINVALID, "%s is not a Factmark database (not an SQLite file); it was left untouched", path)
	}
	return nil
}

// checkFile refuses a database that is locked, damaged, another program's,
// or newer than this Factmark. It reads through a read-only connection, so a
// file it refuses is left exactly as it was.
func checkFile(path string) error {
	query := "?mode=ro&_busy_timeout=" + fmt.Sprint(busyTimeout.Milliseconds())
	if cleanWAL(path) {
		// Even a read-only connection creates an empty -wal and a -shm beside a
		// WAL database and leaves them there when it closes. A WAL database
		// without them was closed cleanly and is whole in its main file, so it
		// is read as immutable: no side files, and none left beside a file that
		// is then refused. Immutable takes no locks, so a process that began
		// writing in the instant since cleanWAL looked could make this check
		// fail (the file would be called damaged, and still not be changed).
		query += "&immutable=1"
	}
	ro, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+query)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer ro.Close()
	return (&DB{db: ro, path: path}).check()
}

// cleanWAL reports whether path is an SQLite database in WAL mode (header
// bytes 18 and 19 are 2) with neither a -wal nor a -shm file beside it.
func cleanWAL(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	header := make([]byte, 20)
	if _, err := io.ReadFull(f, header); err != nil || header[18] != 2 || header[19] != 2 {
		return false
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + side); !errors.Is(err, os.ErrNotExist) {
			return false
		}
	}
	return true
}

func (db *DB) check() error {
	var appID, version, tables int
	if err := db.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return db.openError(err)
	}
	if err := db.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return db.openError(err)
	}
	if err := db.db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return db.openError(err)
	}
	switch {
	case appID != applicationID && (appID != 0 || tables > 0):
		return annotate.Errorf(annotate.EINVALID, "%s is an SQLite database of another program, not Factmark's; it was left untouched", db.path)
	case version > len(migrations()):
		return annotate.Errorf(annotate.EINVALID, "%s was written by a newer Factmark (schema %d; this version knows up to %d); update Factmark to open it", db.path, version, len(migrations()))
	}
	var result string
	if err := db.db.QueryRow("PRAGMA quick_check").Scan(&result); err != nil {
		return db.openError(err)
	} else if result != "ok" {
		return annotate.Errorf(annotate.EINTERNAL, "%s is damaged (%s); it was left untouched — restore it from a backup or an export", db.path, result)
	}
	return nil
}

func (db *DB) openError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return &annotate.Error{Code: annotate.ECONFLICT, Message: fmt.Sprintf("%s is locked by another program; close it and try again", db.path), Err: err}
		case sqlite3.ErrNotADB:
			return &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("%s is not a Factmark database; it was left untouched", db.path), Err: err}
		case sqlite3.ErrCorrupt:
			return &annotate.Error{Code: annotate.EINTERNAL, Message: fmt.Sprintf("%s is damaged; it was left untouched — restore it from a backup or an export", db.path), Err: err}
		}
	}
	return dbError(fmt.Sprintf("open %s", db.path), err)
}

// dbError turns a database error into one the user can act on.
func dbError(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *annotate.Error
	if errors.As(err, &ae) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return &annotate.Error{Code: annotate.EBUSY, Message: op + ": the database is locked by another program; try again", Err: err}
		case sqlite3.ErrFull:
			return &annotate.Error{Code: annotate.EINTERNAL, Message: op + ": the disk is full; the change was not saved", Err: err}
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return &annotate.Error{Code: annotate.EINTERNAL, Message: op + ": the database cannot be written; the change was not saved", Err: err}
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return &annotate.Error{Code: annotate.EINTERNAL, Message: op + ": the database file is damaged", Err: err}
		case sqlite3.ErrConstraint:
			return &annotate.Error{Code: annotate.ECONFLICT, Message: op + ": " + constraintMessage(se), Err: err}
		}
	}
	return &annotate.Error{Code: annotate.EINTERNAL, Message: op, Err: err}
}

func constraintMessage(se sqlite3.Error) string {
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintPrimaryKey, sqlite3.ErrConstraintUnique:
		return "it exists already"
	case sqlite3.ErrConstraintForeignKey:
		return "it refers to something that does not exist"
	}
	return "it breaks a rule of the database"
}

type migration struct {
	name string
	sql  string
}

func migrations() []migration {
	entries, _ := migrationFS.ReadDir("migrations")
	var ms []migration
	for _, e := range entries {
		b, _ := migrationFS.ReadFile("migrations/" + e.Name())
		ms = append(ms, migration{name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].name < ms[j].name })
	return ms
}

// migrate runs each migration newer than the file's user_version in a
// transaction of its own that also records it.
func (db *DB) migrate() error {
	var version int
	if err := db.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return db.openError(err)
	}
	for i, m := range migrations()[version:] {
		n := version + i + 1
		err := db.inTx(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", n, applicationID))
			return err
		})
		if err != nil {
			return db.openError(err)
		}
	}
	return nil
}

// inTx runs fn in a write transaction and commits it, or rolls it back if
// fn fails.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// timeLayout is how times are stored: RFC 3339 in UTC with a fixed nine-digit
// fraction. SQL compares the stored times as text (an import keeps the newer
// version of an annotation, the library sorts by time), and only a fixed width
// makes text order time order: RFC3339Nano drops trailing zeros, so
// "…:05.5Z" would sort before "…:05Z". Migration 002 rewrote older values.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// timeText is a time as it is stored.
func timeText(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := parseStored(s); ok {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// parseStored reads a time written with timeLayout, five times faster than
// time.Parse (loading 100k annotations reads 200k times). It reports false
// for anything else, out-of-range fields included, which time.Parse then
// reads or refuses.
func parseStored(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02T15:04:05.000000000Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' || s[19] != '.' || s[29] != 'Z' {
		return time.Time{}, false
	}
	ok := true
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				ok = false
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec, nsec := num(11, 13), num(14, 16), num(17, 19), num(20, 29)
	if !ok || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	return t, t.Day() == day // not 31 April, which time.Date would make 1 May
}

// now is the time stamped on a change, in UTC without the monotonic reading.
func (db *DB) now() time.Time { return db.Now().UTC().Round(0) }
