package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "project.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A write, so that the -wal and -shm files exist.
	if err := db.CreateSpeaker(context.Background(), &annotate.Speaker{Name: "Zoë"}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("folder: %v, mode %v; want 0700 or tighter", err, info.Mode())
	}
	n := 0
	for _, name := range []string{"project.db", "project.db-wal", "project.db-shm"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if os.IsNotExist(err) && name != "project.db" {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", name, info.Mode().Perm())
		}
	}
	if n != 3 {
		t.Errorf("only %d of the database's 3 files exist while it is open in WAL mode", n)
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.db")
	ctx := context.Background()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := annotate.SampleArticle(time.Now())
	if _, err := db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for range 2 {
		db, err = Open(path)
		if err != nil {
			t.Fatalf("re-open: %v", err)
		}
		if _, err := db.FindArticleByID(ctx, a.ID); err != nil {
			t.Errorf("the article is gone: %v", err)
		}
		var version, appID int
		var mode string
		db.db.QueryRow("PRAGMA user_version").Scan(&version)
		db.db.QueryRow("PRAGMA application_id").Scan(&appID)
		db.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
		if version != len(migrations()) || appID != applicationID || mode != "wal" {
			t.Errorf("user_version %d, application_id %#x, journal_mode %s; want %d, %#x, wal",
				version, appID, mode, len(migrations()), applicationID)
		}
		// Durability and references rest on the connection's settings.
		var sync, fk int
		db.db.QueryRow("PRAGMA synchronous").Scan(&sync)
		db.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
		if sync != 2 || fk != 1 {
			t.Errorf("synchronous = %d, foreign_keys = %d; want 2 (FULL), 1", sync, fk)
		}
		db.Close()
	}
	if len(migrations()) < 2 || migrations()[0].name != "001_init.sql" {
		t.Errorf("migrations: %v", migrations())
	}
}

// factmarkDB makes a closed Factmark database at path with an article and
// annotations: about 1 MB, most of it in overflow and index pages.
func factmarkDB(t *testing.T, path string) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	doc := generateDocument(t, 2000, 300<<10, 1)
	if _, err := db.Import(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
}

// snapshot is a folder's files and their SHA-256, to see that nothing changed.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			files[e.Name()+"/"] = [32]byte{}
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = sha256.Sum256(b)
	}
	return files
}

func TestOpenRefusesAndLeavesTheFileAlone(t *testing.T) {
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		code  string
		parts []string
	}{
		{
			name: "text file",
			make: func(t *testing.T, path string) {
				os.WriteFile(path, []byte("Notes for Tuesday\n“Not a database” 🙂\n"), 0o644)
			},
			code:  annotate.EINVALID,
			parts: []string{"not a Factmark database", "left untouched"},
		},
		{
			name: "SQLite header, then garbage",
			make: func(t *testing.T, path string) {
				b := append([]byte("SQLite format 3\x00"), []byte(strings.Repeat("garbage ", 1000))...)
				os.WriteFile(path, b, 0o644)
			},
			code:  annotate.EINVALID,
			parts: []string{"not a Factmark database"},
		},
		{
			name: "another program's database",
			make: func(t *testing.T, path string) {
				raw := rawDB(t, path)
				defer raw.Close()
				if _, err := raw.Exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('crêpes')"); err != nil {
					t.Fatal(err)
				}
			},
			code:  annotate.EINVALID,
			parts: []string{"another program", "left untouched"},
		},
		{
			name: "another program's database in WAL mode",
			make: func(t *testing.T, path string) {
				raw := rawDB(t, "file:"+path+"?_journal_mode=WAL")
				defer raw.Close()
				if _, err := raw.Exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('crêpes')"); err != nil {
					t.Fatal(err)
				}
			},
			code:  annotate.EINVALID,
			parts: []string{"another program", "left untouched"},
		},
		{
			name: "a newer Factmark's database",
			make: func(t *testing.T, path string) {
				factmarkDB(t, path)
				raw := rawDB(t, path)
				defer raw.Close()
				if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
					t.Fatal(err)
				}
			},
			code:  annotate.EINVALID,
			parts: []string{"newer Factmark", "schema 99"},
		},
		{
			name: "damaged database",
			make: func(t *testing.T, path string) {
				factmarkDB(t, path)
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				// Overwrite a few pages in the middle, as a bad disk sector or
				// a half-copied file would.
				for i := len(b) / 3; i < len(b)/3+3*4096; i++ {
					b[i] = byte(i * 7)
				}
				if err := os.WriteFile(path, b, 0o600); err != nil {
					t.Fatal(err)
				}
			},
			code:  annotate.EINTERNAL,
			parts: []string{"damaged", "left untouched", "backup"},
		},
		{
			// quick_check finds this one and reports tree, page and cell
			// numbers: they belong in the log, not the message.
			name: "damaged second page",
			make: func(t *testing.T, path string) {
				factmarkDB(t, path)
				f, err := os.OpenFile(path, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if _, err := f.WriteAt(bytes.Repeat([]byte{0xde, 0xad}, 1000), 4096+8); err != nil {
					t.Fatal(err)
				}
			},
			code:  annotate.EINTERNAL,
			parts: []string{"damaged", "left untouched", "backup"},
		},
		{
			name:  "a folder",
			make:  func(t *testing.T, path string) { os.Mkdir(path, 0o700) },
			code:  annotate.EINVALID,
			parts: []string{"is a folder"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "project.db")
			tt.make(t, path)
			before := snapshot(t, dir)
			db, err := Open(path)
			if err == nil {
				db.Close()
			}
			wantError(t, err, tt.code, tt.parts...)
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			for _, internal := range []string{"***", "Tree ", "page ", "constraint", "SELECT"} {
				if strings.Contains(err.Error(), internal) {
					t.Errorf("error %q shows SQLite's internals (%q)", err, internal)
				}
			}
			after := snapshot(t, dir)
			if len(after) != len(before) {
				t.Errorf("files before %v, after %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
			}
			for name, sum := range before {
				if after[name] != sum {
					t.Errorf("%s changed", name)
				}
			}
		})
	}
}

// setBusyTimeout makes Open give up on a lock after d, for the test.
func setBusyTimeout(t *testing.T, d time.Duration) {
	old := busyTimeout
	busyTimeout = d
	t.Cleanup(func() { busyTimeout = old })
}

func TestOpenLocked(t *testing.T) {
	setBusyTimeout(t, 200*time.Millisecond)
	path := filepath.Join(t.TempDir(), "project.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Another program holds the file: exclusive locking mode, and a write
	// to take the lock.
	holder := rawDB(t, path)
	defer holder.Close()
	if _, err := holder.Exec("PRAGMA locking_mode = EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec("INSERT INTO settings (key, value) VALUES ('held', 'yes')"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	db, err = Open(path)
	if err == nil {
		db.Close()
	}
	wantError(t, err, annotate.ECONFLICT, "locked", path)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Open waited %v for the lock", d)
	}

	holder.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatalf("open after the lock was released: %v", err)
	}
	db.Close()
}

// A store that is open elsewhere (its -wal and -shm in use) can be opened
// again, by this process or another Factmark.
func TestOpenWhileOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	a := annotate.SampleArticle(time.Now())
	if _, err := first.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	second, err := Open(path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer second.Close()
	if _, err := second.FindArticleByID(context.Background(), a.ID); err != nil {
		t.Errorf("the second connection does not see the article: %v", err)
	}
}

// checkFile reads through a read-only connection. On a WAL database that was
// closed cleanly (no -wal, no -shm) it must work, and create nothing beside
// the file: a file it refuses is left as it was, side files included.
func TestCheckFileOfCleanWALDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "project.db")
	factmarkDB(t, path)
	if !cleanWAL(path) {
		t.Fatalf("a closed Factmark database is not in WAL mode without side files: %v", snapshot(t, dir))
	}
	before := snapshot(t, dir)
	if checked, err := checkFile(path, ""); err != nil || !checked {
		t.Fatalf("checkFile = %v, %v; want a full check of a small file, no error", checked, err)
	}
	if after := snapshot(t, dir); len(after) != len(before) || after["project.db"] != before["project.db"] {
		t.Errorf("checkFile left files behind or changed the database: %v", slices.Sorted(maps.Keys(after)))
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if list, err := db.FindArticles(context.Background()); err != nil || len(list) != 1 {
		t.Errorf("FindArticles = %d, %v", len(list), err)
	}
	db.Close()
}

// Schema 1 stored times as RFC3339Nano, whose text order is not time order;
// migration 2 rewrites them with a fixed-width fraction.
func TestMigrationFixesTimeText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.db")
	if err := prepareFile(path); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, "file:"+path+"?_journal_mode=WAL")
	if _, err := raw.Exec(migrations()[0].sql); err != nil {
		t.Fatal(err)
	}
	article := annotate.SampleArticle(time.Now())
	speaker, claim, note := annotate.NewID(), annotate.NewID(), annotate.NewID()
	_, err := raw.Exec(`PRAGMA user_version = 1; PRAGMA application_id = `+strconv.Itoa(applicationID)+`;
		INSERT INTO articles (id, title, text, sha256, imported_at, opened_at) VALUES (?, ?, ?, ?, '2026-03-04T10:00:00Z', '2026-03-04T10:00:00.5Z');
		INSERT INTO speakers (id, name, created, modified) VALUES (?, 'Zoë', '2026-03-04T10:00:00.123456789Z', '2026-03-04T10:00:01.1Z');
		INSERT INTO annotations (id, article_id, kind, start, author, origin, created, modified, body)
			VALUES (?, ?, 'claim', 0, '', 'manual', '2026-03-04T10:00:02Z', '2026-03-04T10:00:02.25Z', '{"anchors":[{"start":0,"end":1,"exact":"`+string([]rune(article.Text)[:1])+`","prefix":"","suffix":""}],"status":"new"}');
		INSERT INTO annotations (id, article_id, kind, start, author, origin, created, modified, claim_id, body)
			VALUES (?, ?, 'note', 0, '', 'manual', '2026-03-04T10:00:03.000001Z', '2026-03-04T10:00:03.000001Z', ?, '{}')`,
		article.ID, article.Title, article.Text, article.SHA256, speaker, claim, article.ID, note, article.ID, claim)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.db.Query(`SELECT imported_at FROM articles UNION ALL SELECT opened_at FROM articles
		UNION ALL SELECT created FROM speakers UNION ALL SELECT modified FROM speakers
		UNION ALL SELECT created FROM annotations UNION ALL SELECT modified FROM annotations`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		got = append(got, s)
	}
	rows.Close()
	want := []string{"2026-03-04T10:00:00.000000000Z", "2026-03-04T10:00:00.500000000Z",
		"2026-03-04T10:00:00.123456789Z", "2026-03-04T10:00:01.100000000Z",
		"2026-03-04T10:00:02.000000000Z", "2026-03-04T10:00:03.000001000Z",
		"2026-03-04T10:00:02.250000000Z", "2026-03-04T10:00:03.000001000Z"}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("times after migration:\n%q\nwant\n%q", got, want)
	}
	all, err := db.FindAnnotations(context.Background(), article.ID)
	if err != nil || len(all.Claims) != 1 || len(all.Notes) != 1 {
		t.Fatalf("FindAnnotations: %+v, %v", all, err)
	}
	if want := time.Date(2026, 3, 4, 10, 0, 2, 250e6, time.UTC); !all.Claims[0].Modified.Equal(want) {
		t.Errorf("claim modified = %v, want %v", all.Claims[0].Modified, want)
	}
}
