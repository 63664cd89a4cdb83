package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// lockEnv names the database TestLockHolderHelper locks; it runs only in the
// child process that holdWriteLock starts.
const lockEnv = "FACTMARK_STORE_LOCK_DB"

// TestLockHolderHelper is another program writing to the project: it takes
// the write lock with BEGIN IMMEDIATE, makes a change it does not commit,
// says "locked" on stdout and holds the lock until its stdin closes.
func TestLockHolderHelper(t *testing.T) {
	path := os.Getenv(lockEnv)
	if path == "" {
		t.Skip("the child process of holdWriteLock")
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('uncommitted', 'yes')"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	fmt.Println("locked")
	var b [1]byte
	os.Stdin.Read(b[:]) // until the parent closes it
	os.Exit(0)
}

// holdWriteLock starts a second process that holds the project's write lock
// until the test ends.
func holdWriteLock(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolderHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line := make([]byte, len("locked\n"))
	if _, err := stdout.Read(line); err != nil || string(line) != "locked\n" {
		t.Fatalf("the lock holder did not take the lock: %q, %v; %s", line, err, stderr.String())
	}
}

// Another process holding the write lock must not delay any read: WAL
// readers take no lock. Reads see the last committed state, not the other
// process's pending change; a write waits for the busy timeout and then says
// the project is busy.
func TestReadsDoNotWaitForTheWriteLock(t *testing.T) {
	setBusyTimeout(t, 1500*time.Millisecond)
	f := newFixture(t)
	buildProject(t, f)
	ctx := context.Background()
	if err := f.db.Reject(ctx, f.art.ID, "some-suggestion"); err != nil {
		t.Fatal(err)
	}
	before, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	holdWriteLock(t, f.db.Path())

	reads := []struct {
		name string
		read func() (string, error)
	}{
		{"Export", func() (string, error) {
			doc, err := f.db.Export(ctx)
			return fmt.Sprint(doc != nil), err
		}},
		{"Export of one article", func() (string, error) {
			doc, err := f.db.Export(ctx, f.art.ID)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(len(doc.Articles)), nil
		}},
		{"FindArticles", func() (string, error) {
			list, err := f.db.FindArticles(ctx)
			return fmt.Sprint(len(list)), err
		}},
		{"FindArticlesPage", func() (string, error) {
			list, total, err := f.db.FindArticlesPage(ctx, "budget", 0, 10)
			return fmt.Sprint(len(list), total), err
		}},
		{"FindArticleCandidates", func() (string, error) {
			ids, err := f.db.FindArticleCandidates(ctx, f.art.URL, f.art.Title)
			return fmt.Sprint(len(ids)), err
		}},
		{"FindArticleByID", func() (string, error) {
			a, err := f.db.FindArticleByID(ctx, f.art.ID)
			return fmt.Sprint(a != nil), err
		}},
		{"FindAnnotations", func() (string, error) {
			all, err := f.db.FindAnnotations(ctx, f.art.ID)
			return fmt.Sprint(all != nil), err
		}},
		{"Settings", func() (string, error) {
			s, err := f.db.Settings(ctx)
			return s.Annotator, err
		}},
		{"FindSpeakers", func() (string, error) {
			list, err := f.db.FindSpeakers(ctx)
			return fmt.Sprint(len(list)), err
		}},
		{"FindRejections", func() (string, error) {
			keys, err := f.db.FindRejections(ctx, f.art.ID)
			return fmt.Sprint(len(keys)), err
		}},
		{"FindArticleBySource", func() (string, error) {
			a, err := f.db.FindArticleBySource(ctx, "urn:sha256:"+f.art.SHA256)
			return fmt.Sprint(a != nil), err
		}},
	}
	for _, r := range reads {
		start := time.Now()
		_, err := r.read()
		if d := time.Since(start); err != nil || d > 500*time.Millisecond {
			t.Errorf("%s while another process holds the write lock: %v after %v", r.name, err, d)
		}
	}
	after, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, after), mustJSON(t, before); a != b {
		t.Errorf("the export while locked differs from the one before")
	}
	var pending int
	if err := f.db.rd.QueryRow("SELECT count(*) FROM settings WHERE key = 'uncommitted'").Scan(&pending); err != nil || pending != 0 {
		t.Errorf("a read sees the other process's uncommitted change: %d, %v", pending, err)
	}

	start := time.Now()
	err = f.db.CreateSpeaker(ctx, &annotate.Speaker{Name: "Waiting Writer"})
	wantError(t, err, annotate.EBUSY, "locked")
	if d := time.Since(start); d < time.Second {
		t.Errorf("the write gave up after %v, before the busy timeout", d)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Reads and writes on one DB stay consistent: a read after a write that
// returned sees it.
func TestReadAfterWriteSeesIt(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for i := range 20 {
		s := &annotate.Speaker{Name: fmt.Sprintf("Speaker %d", i)}
		if err := db.CreateSpeaker(ctx, s); err != nil {
			t.Fatal(err)
		}
		list, err := db.FindSpeakers(ctx)
		if err != nil || len(list) != i+1 {
			t.Fatalf("after %d speakers, FindSpeakers = %d, %v", i+1, len(list), err)
		}
	}
}

// Closing leaves the project as one file again: the writer, closed last,
// checkpoints the WAL and removes the side files.
func TestCloseLeavesNoSideFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "project.db")
	factmarkDB(t, path)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSpeaker(context.Background(), &annotate.Speaker{Name: "Zoë"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if !cleanWAL(path) {
		t.Errorf("after Close the folder holds %v", snapshot(t, dir))
	}
}

// An imported article whose ID the project uses for another text is a
// conflict the user can act on, told without SQL.
func TestImportArticleIDCollision(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other, err := annotate.NewArticle([]byte("A different text entirely.\n"), annotate.ArticleMeta{Title: "Other"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	other.ID = f.art.ID
	doc := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale(),
		Articles: []annotate.ArticleDoc{{Article: *other}}}
	_, err = f.db.Import(ctx, doc)
	wantError(t, err, annotate.ECONFLICT, f.art.ID, "already has another article", "new ID")
	if msg := annotate.ErrorMessage(err); strings.Contains(msg, "UNIQUE") || strings.Contains(msg, "constraint") {
		t.Errorf("the message shows SQL: %s", msg)
	}
}

// Dump lists every table's rows, and changes when any row does.
func TestDump(t *testing.T) {
	f := newFixture(t)
	buildProject(t, f)
	ctx := context.Background()
	dump := func() string {
		var b strings.Builder
		if err := f.db.Dump(ctx, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	before := dump()
	for _, want := range []string{"user_version ", "table annotations: ", "table articles: 2 rows", "table settings: ", "table speakers: ", "table rejections: 0 rows", "Budget row"} {
		if !strings.Contains(before, want) {
			t.Errorf("dump lacks %q:\n%s", want, before)
		}
	}
	if again := dump(); again != before {
		t.Error("two dumps of the same project differ")
	}
	if err := f.db.Reject(ctx, f.art.ID, "k"); err != nil {
		t.Fatal(err)
	}
	if after := dump(); after == before || !strings.Contains(after, "table rejections: 1 rows") {
		t.Errorf("the dump did not change with a rejection:\n%s", after)
	}
}
