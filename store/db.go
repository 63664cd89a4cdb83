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
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/filekind"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// applicationID marks a SQLite file as Factmark's ("FMK1"), so that Open can
// tell our databases from other programs' before it changes anything.
const applicationID = 0x464d4b31

// busyTimeout is how long a statement waits for another process's lock.
var busyTimeout = 5 * time.Second

// DB is an open Factmark project. It is safe for concurrent use.
//
// Writes go through one connection whose transactions take the write lock at
// BEGIN (SQLite serialises writers anyway); reads go through a pool of their
// own whose transactions are deferred, so that a read never waits for the
// write lock another process holds: in WAL mode a reader needs no lock, and
// sees the last committed state.
type DB struct {
	db   *sql.DB // the writer; in a read-only project, the readers
	rd   *sql.DB // the readers
	path string
	// Now returns the current time; tests replace it.
	Now func() time.Time

	mu    sync.Mutex
	texts map[string]*annotate.Text // article ID → current text; ReviseArticle drops its article's

	readOnly bool // opened read-only: the file or its folder cannot be written

	full fullCheck // SQLite's quick_check of the whole file, at Open or deferred (verify.go)
}

// readers is how many read connections a project keeps at most.
const readers = 4

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
// mode 0700) if it does not exist, and migrates its schema. A project whose
// file or folder cannot be written is opened read-only (see ReadOnly).
func Open(path string) (*DB, error) {
	if err := checkKind(path, true); err != nil {
		return nil, err
	}
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	return open(path)
}

// OpenExisting opens the project at path like Open, but never creates one:
// for the commands that only read, a missing (or empty) file is ENOTFOUND.
func OpenExisting(path string) (*DB, error) {
	if err := checkKind(path, false); err != nil {
		return nil, err
	}
	if err := checkHeader(path, false); err != nil {
		return nil, err
	}
	return open(path)
}

func open(path string) (*DB, error) {
	if !writable(path) {
		return openReadOnly(path)
	}
	checked, err := checkFile(path, "")
	if err != nil {
		return nil, err
	}
	db := &DB{path: path, Now: time.Now, texts: map[string]*annotate.Text{}}
	db.full.done = checked
	if db.db, err = sql.Open("sqlite3", dsn(path)); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.db.SetMaxOpenConns(1)
	if err := db.migrate(); err != nil {
		db.db.Close()
		return nil, err
	}
	if db.rd, err = sql.Open("sqlite3", readerDSN(path, false, "")); err != nil {
		db.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.rd.SetMaxOpenConns(readers)
	return db, nil
}

// openReadOnly opens a project that cannot be written, without creating or
// leaving any file beside it: a WAL database closed cleanly (no -wal, no
// -shm) is read as immutable; one whose -shm is there (open elsewhere, or
// not closed cleanly) through it, read-only.
func openReadOnly(path string) (*DB, error) {
	var mode string
	switch {
	case cleanWAL(path):
		mode = "&immutable=1"
	case !walMode(path):
		// A rollback-journal database: read-only reads create nothing.
	default:
		if _, err := os.Lstat(path + "-shm"); err != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "the project %s is read-only and was not closed cleanly (%s-wal is there without %s-shm); make the file and its folder writable so that Factmark can recover it", path, path, path)
		}
	}
	checked, err := checkFile(path, mode)
	if err != nil {
		return nil, err
	}
	rd, err := sql.Open("sqlite3", readerDSN(path, true, mode))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rd.SetMaxOpenConns(readers)
	db := &DB{db: rd, rd: rd, path: path, Now: time.Now, texts: map[string]*annotate.Text{}, readOnly: true}
	db.full.done = checked
	var version int
	if err := rd.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		rd.Close()
		return nil, db.openError(err)
	}
	if version < len(migrations()) {
		rd.Close()
		what := fmt.Sprintf("was made by an older Factmark (schema %d; this version needs %d)", version, len(migrations()))
		if version == 0 {
			what = "is empty"
		}
		return nil, annotate.Errorf(annotate.EINVALID, "the project %s is read-only and %s; make the file and its folder writable once so that Factmark can set it up", path, what)
	}
	return db, nil
}

// Close closes the database: the readers first, so that the writer, the last
// connection, checkpoints the WAL and removes the -wal and -shm files.
func (db *DB) Close() error {
	err := db.rd.Close()
	if db.db != db.rd {
		if werr := db.db.Close(); err == nil {
			err = werr
		}
	}
	return err
}

// ReadOnly reports whether the project was opened read-only, because its
// file or folder cannot be written: reads work, every write fails.
func (db *DB) ReadOnly() bool { return db.readOnly }

// writable returns the error every write gets in a read-only project, or
// in one whose full check found it damaged (see Check).
func (db *DB) writable(op string) error {
	if db.readOnly {
		return annotate.Errorf(annotate.EINVALID, "the project %s is read-only: cannot %s; make the file and its folder writable to change it", db.path, op)
	}
	return db.full.failed()
}

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
		"&_foreign_keys=on&_txlock=immediate&_cache_size=-65536&_stmt_cache_size=" + fmt.Sprint(stmtCacheSize) +
		"&_busy_timeout=" + fmt.Sprint(busyTimeout.Milliseconds())
}

// stmtCacheSize is how many prepared statements the writer keeps (the
// driver's cache, by query text, least recently used out): a save runs the
// same few statements every time, and preparing them again was a fifth of
// its CPU.
const stmtCacheSize = 64

// readerDSN is the readers' connection string: deferred transactions (a read
// transaction takes no write lock), query_only so that a read connection can
// never write, and extra, for read-only projects, after mode=ro.
func readerDSN(path string, readOnly bool, extra string) string {
	q := "?_query_only=1"
	if readOnly {
		q = "?mode=ro" + extra
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + q + "&_txlock=deferred&_cache_size=-65536&_busy_timeout=" +
		fmt.Sprint(busyTimeout.Milliseconds())
}

// checkKind refuses a path that is not a regular file before anything opens
// it: opening a FIFO blocks, and a device is no project. A missing file is
// fine if it may be created, and ENOTFOUND otherwise.
func checkKind(path string, create bool) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && create:
		return nil
	case errors.Is(err, os.ErrNotExist):
		return annotate.Errorf(annotate.ENOTFOUND, "there is no Factmark project at %s", path)
	case errors.Is(err, os.ErrPermission):
		return annotate.Errorf(annotate.EINVALID, "cannot open %s: permission denied", path)
	case err != nil:
		return annotate.Errorf(annotate.EINVALID, "cannot open %s: %v", path, unwrapPathError(err))
	case info.IsDir():
		return annotate.Errorf(annotate.EINVALID, "%s is a folder, not a database file", path)
	case !info.Mode().IsRegular():
		return annotate.Errorf(annotate.EINVALID, "%s is %s, not a database file; give the path of a Factmark project", path, filekind.Of(info.Mode()))
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// prepareFile creates a missing database file with mode 0600, so that SQLite's
// -wal and -shm files get the same mode, and refuses an existing file that is
// not SQLite at all before SQLite can touch it.
func prepareFile(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return annotate.Errorf(annotate.EINVALID, "cannot create the folder for %s: %v", path, unwrapPathError(err))
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "cannot create %s: %v", path, unwrapPathError(err))
		}
		return f.Close()
	}
	return checkHeader(path, true)
}

// checkHeader refuses a file that is not SQLite, and, unless empty is true,
// an empty one: an empty file is a new project only for Open.
func checkHeader(path string, empty bool) error {
	// O_NONBLOCK: should the path have become a FIFO since checkKind looked,
	// opening it must not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot open %s: %v", path, unwrapPathError(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return checkKind(path, false)
	}
	header := make([]byte, 16)
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF || err == nil) {
		if empty {
			return nil // an empty file is a new database
		}
		return annotate.Errorf(annotate.ENOTFOUND, "there is no Factmark project at %s (the file is empty)", path)
	}
	if !bytes.Equal(header[:n], []byte("SQLite format 3\x00")) {
		return annotate.Errorf(annotate.EINVALID, "%s is not a Factmark database (not an SQLite file); it was left untouched", path)
	}
	return nil
}

// checkFile refuses a database that is locked, damaged, another program's,
// or newer than this Factmark. It reads through a read-only connection, so a
// file it refuses is left exactly as it was; mode adds to its query (for a
// read-only project, what the readers will use). It reports whether it ran
// the full check too (see checkAtOpen); if not, Check runs it later.
func checkFile(path, mode string) (checked bool, err error) {
	query := "?mode=ro&_busy_timeout=" + fmt.Sprint(busyTimeout.Milliseconds()) + mode
	if mode == "" && cleanWAL(path) {
		// Even a read-only connection creates an empty -wal and a -shm beside a
		// WAL database and leaves them there when it closes. A WAL database
		// without them was closed cleanly and is whole in its main file, so it
		// is read as immutable: no side files, and none left beside a file that
		// is then refused. Immutable takes no locks, so a process that began
		// writing in the instant since cleanWAL looked could make this check
		// fail (the file would be called damaged, and still not be changed).
		query += "&immutable=1"
		if err := checkLength(path); err != nil {
			return false, err
		}
	}
	ro, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+query)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer ro.Close()
	return (&DB{db: ro, path: path}).check(checkAtOpen(path))
}

// walMode reports whether path's header says it is in WAL mode (bytes 18
// and 19 are 2).
func walMode(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	header := make([]byte, 20)
	_, err = io.ReadFull(f, header)
	return err == nil && header[18] == 2 && header[19] == 2
}

// cleanWAL reports whether path is an SQLite database in WAL mode (header
// bytes 18 and 19 are 2) with neither a -wal nor a -shm file beside it.
func cleanWAL(path string) bool {
	if !walMode(path) {
		return false
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + side); !errors.Is(err, os.ErrNotExist) {
			return false
		}
	}
	return true
}

// check refuses a database that is another program's or a newer
// Factmark's, and one whose structure (the schema, the first row of each
// table) cannot be read. It runs the full check too when full is true or
// the schema is to be migrated (a migration writes: never into a damaged
// file), and reports whether it did.
func (db *DB) check(full bool) (bool, error) {
	var appID, version, tables int
	if err := db.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return false, db.openError(err)
	}
	if err := db.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return false, db.openError(err)
	}
	if err := db.db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return false, db.openError(err)
	}
	switch {
	case appID != applicationID && (appID != 0 || tables > 0):
		return false, annotate.Errorf(annotate.EINVALID, "%s is an SQLite database of another program, not Factmark's; it was left untouched", db.path)
	case version > len(migrations()):
		return false, annotate.Errorf(annotate.EINVALID, "%s was written by a newer Factmark (schema %d; this version knows up to %d); update Factmark to open it", db.path, version, len(migrations()))
	}
	if err := db.readTableRoots(context.Background()); err != nil {
		return false, err
	}
	if !full && version == len(migrations()) {
		return false, nil
	}
	return true, quickCheck(context.Background(), db.db, db.path)
}

// readTableRoots reads the first row of every table, not through an index:
// the root page of each table and the path down to its first leaf, so that
// a file whose structure is broken is refused at Open in milliseconds. The
// full check (quickCheck) reads every page.
func (db *DB) readTableRoots(ctx context.Context) error {
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM sqlite_schema
		WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rootpage`)
	if err != nil {
		return db.openError(err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return db.openError(err)
		}
		names = append(names, name)
	}
	if err := rows.Close(); err != nil {
		return db.openError(err)
	}
	if err := rows.Err(); err != nil {
		return db.openError(err)
	}
	for _, name := range names {
		var one int
		q := `SELECT 1 FROM "` + strings.ReplaceAll(name, `"`, `""`) + `" NOT INDEXED LIMIT 1`
		if err := db.db.QueryRowContext(ctx, q).Scan(&one); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return db.openError(err)
		}
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

// readTx runs fn in a read transaction on a read connection: one
// consistent snapshot, which waits for no lock.
func (db *DB) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.rd.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// inTx runs fn in a write transaction and commits it, or rolls it back if
// fn fails. The project's full check runs first, if it has not (Check): no
// change goes into a file not known to be whole.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := db.Check(ctx); err != nil {
		return err
	}
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
