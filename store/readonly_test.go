package store

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// readOnlyEnv names the project TestReadOnlyHelper opens, and readOnlyWant
// what it expects: "ok" (reads work, writes are refused) or the start of the
// error Open must give.
const (
	readOnlyEnv  = "FACTMARK_STORE_RO_DB"
	readOnlyWant = "FACTMARK_STORE_RO_WANT"
)

// nobody is the user the read-only tests run their child as: root may write
// any file whatever its mode.
const nobody = 65534

// TestReadOnlyHelper runs as user nobody in the child process of
// runAsNobody. It prints "ok" when the project behaved as expected, and
// what went wrong otherwise.
func TestReadOnlyHelper(t *testing.T) {
	path := os.Getenv(readOnlyEnv)
	if path == "" {
		t.Skip("the child process of runAsNobody")
	}
	if problem := readOnlyChecks(path, os.Getenv(readOnlyWant)); problem != "" {
		fmt.Println(problem)
		return
	}
	fmt.Println("ok")
}

// readOnlyChecks opens the project and reports the first way it did not
// behave as want says, or "".
func readOnlyChecks(path, want string) string {
	db, err := Open(path)
	if want != "ok" {
		if err == nil {
			db.Close()
			return "Open succeeded"
		}
		if !strings.Contains(err.Error(), want) {
			return fmt.Sprintf("Open: %v (code %s); want %q", err, annotate.ErrorCode(err), want)
		}
		return ""
	}
	if err != nil {
		return fmt.Sprintf("Open: %v (%s)", err, annotate.Cause(err))
	}
	defer db.Close()
	if !db.ReadOnly() {
		return "ReadOnly() = false"
	}
	ctx := context.Background()
	list, err := db.FindArticles(ctx)
	if err != nil || len(list) == 0 {
		return fmt.Sprintf("FindArticles = %d, %v", len(list), err)
	}
	if _, err := db.FindAnnotations(ctx, list[0].ID); err != nil {
		return fmt.Sprintf("FindAnnotations: %v", err)
	}
	if doc, err := db.Export(ctx); err != nil || len(doc.Articles) != len(list) {
		return fmt.Sprintf("Export: %v", err)
	}
	if _, err := db.Settings(ctx); err != nil {
		return fmt.Sprintf("Settings: %v", err)
	}
	if _, err := db.FindSpeakers(ctx); err != nil {
		return fmt.Sprintf("FindSpeakers: %v", err)
	}
	if revs, err := db.FindRevisions(ctx, list[0].ID); err != nil || len(revs) == 0 {
		return fmt.Sprintf("FindRevisions = %d, %v", len(revs), err)
	}
	a := annotate.SampleArticle(time.Now())
	writes := map[string]func() error{
		"CreateArticle": func() error { _, err := db.CreateArticle(ctx, a); return err },
		"MarkOpened":    func() error { return db.MarkOpened(ctx, list[0].ID) },
		"UpdateArticleMeta": func() error {
			return db.UpdateArticleMeta(ctx, list[0].ID, annotate.ArticleMeta{Title: "x"})
		},
		"CreateSpeaker": func() error { return db.CreateSpeaker(ctx, &annotate.Speaker{Name: "Zoë"}) },
		"UpdateSettings": func() error {
			return db.UpdateSettings(ctx, annotate.Settings{Annotator: "x", Scale: annotate.DefaultScale()})
		},
		"ChangeScale": func() error {
			_, err := db.ChangeScale(ctx, annotate.DefaultScale(), nil)
			return err
		},
		"CreateNote": func() error {
			return db.CreateNote(ctx, &annotate.Note{Meta: annotate.Meta{ArticleID: list[0].ID}, Rationale: "x"})
		},
		"DeleteAnnotation": func() error { return db.DeleteAnnotation(ctx, "x") },
		"UpdateArticleTurns": func() error {
			return db.UpdateArticleTurns(ctx, list[0].ID, nil)
		},
		"ReviseArticle": func() error {
			return db.ReviseArticle(ctx, list[0].ID, annotate.Revision{Number: 2, Text: "x", SHA256: annotate.TextHash("x")}, nil)
		},
		"Reject":   func() error { return db.Reject(ctx, list[0].ID, "k") },
		"Unreject": func() error { return db.Unreject(ctx, list[0].ID, "k") },
		"Import": func() error {
			_, err := db.Import(ctx, &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale()})
			return err
		},
	}
	for _, name := range slices.Sorted(maps.Keys(writes)) {
		err := writes[name]()
		if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), "the project "+path+" is read-only: ") {
			return fmt.Sprintf("%s on a read-only project: %v", name, err)
		}
	}
	return ""
}

// reachableDir is a new folder user nobody can enter, with a copy of the
// test binary in it (the go build folder is private to root).
func reachableDir(t *testing.T) (dir, binary string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run a child process as user nobody")
	}
	dir, err := os.MkdirTemp("", "factmark-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			os.Chmod(p, 0o755)
			return nil
		})
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	binary = filepath.Join(dir, "store.test")
	in, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(binary, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return dir, binary
}

// runAsNobody runs TestReadOnlyHelper on path as user nobody and returns
// what it printed.
func runAsNobody(t *testing.T, binary, path, want string) string {
	t.Helper()
	cmd := exec.Command(binary, "-test.run=^TestReadOnlyHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), readOnlyEnv+"="+path, readOnlyWant+"="+want, "HOME=/nonexistent")
	cmd.Dir = filepath.Dir(binary)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child as nobody: %v\n%s", err, out)
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func chown(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if err := os.Chown(p, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
}

// Projects user nobody cannot write: they open read-only, reads work, every
// write says the project is read-only, and no file appears or changes
// beside them.
func TestReadOnlyProjects(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the project at dir/p/project.db and its permissions.
		setup func(t *testing.T, sub, path string) (cleanup func())
		want  string
	}{
		{"read-only folder", func(t *testing.T, sub, path string) func() {
			factmarkDB(t, path)
			chown(t, path)
			os.Chmod(sub, 0o555)
			return nil
		}, "ok"},
		{"read-only file in a writable folder", func(t *testing.T, sub, path string) func() {
			factmarkDB(t, path)
			chown(t, sub)
			os.Chmod(path, 0o444)
			return nil
		}, "ok"},
		{"read-only file and folder", func(t *testing.T, sub, path string) func() {
			factmarkDB(t, path)
			os.Chmod(path, 0o444)
			os.Chmod(sub, 0o555)
			return nil
		}, "ok"},
		{"read-only folder, project open in another program", func(t *testing.T, sub, path string) func() {
			factmarkDB(t, path)
			os.Chmod(path, 0o644)
			other, err := Open(path) // as root: -wal and -shm appear, mode 0644
			if err != nil {
				t.Fatal(err)
			}
			if err := other.CreateSpeaker(context.Background(), &annotate.Speaker{Name: "Open Elsewhere"}); err != nil {
				t.Fatal(err)
			}
			os.Chmod(sub, 0o555)
			return func() { other.Close() }
		}, "ok"},
		{"read-only project of an older schema", func(t *testing.T, sub, path string) func() {
			if err := prepareFile(path); err != nil {
				t.Fatal(err)
			}
			raw := rawDB(t, "file:"+path+"?_journal_mode=WAL")
			if _, err := raw.Exec(migrations()[0].sql + "; PRAGMA user_version = 1; PRAGMA application_id = " + strconv.Itoa(applicationID)); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			os.Chmod(path, 0o444)
			os.Chmod(sub, 0o555)
			return nil
		}, "is read-only and was made by an older Factmark (schema 1"},
		{"read-only empty file", func(t *testing.T, sub, path string) func() {
			os.WriteFile(path, nil, 0o444)
			os.Chmod(sub, 0o555)
			return nil
		}, "is read-only and is empty"},
		{"missing file in a read-only folder", func(t *testing.T, sub, path string) func() {
			os.Chmod(sub, 0o555)
			return nil
		}, "cannot create " + "PATH" + ": permission denied"},
	}
	dir, binary := reachableDir(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := filepath.Join(dir, strconv.Itoa(i))
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(sub, "project.db")
			if cleanup := tt.setup(t, sub, path); cleanup != nil {
				defer cleanup()
			}
			before := snapshot(t, sub)
			want := strings.ReplaceAll(tt.want, "PATH", path)
			if got := runAsNobody(t, binary, path, want); got != "ok" {
				t.Errorf("as nobody: %s", got)
			}
			after := snapshot(t, sub)
			if !maps.Equal(before, after) {
				t.Errorf("files before %v, after %v (or contents changed)", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
			}
		})
	}
}

// The commands that only read must not create a project, nor hang on a path
// that is not a file.
func TestOpenExisting(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	project := filepath.Join(dir, "project.db")
	factmarkDB(t, project)
	tests := []struct {
		path  string
		code  string
		parts []string
	}{
		{filepath.Join(dir, "no", "such", "x.db"), annotate.ENOTFOUND, []string{"there is no Factmark project at " + filepath.Join(dir, "no", "such", "x.db")}},
		{filepath.Join(dir, "x.db"), annotate.ENOTFOUND, []string{"there is no Factmark project at"}},
		{empty, annotate.ENOTFOUND, []string{"there is no Factmark project at " + empty, "empty"}},
		{fifo, annotate.EINVALID, []string{fifo, "named pipe", "not a database file"}},
		{"/dev/null", annotate.EINVALID, []string{"/dev/null is a character device"}},
		{dir, annotate.EINVALID, []string{"is a folder"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				db, err := OpenExisting(tt.path)
				if err == nil {
					db.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				wantError(t, err, tt.code, tt.parts...)
			case <-time.After(5 * time.Second):
				t.Fatal("OpenExisting hangs")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !os.IsNotExist(err) {
		t.Errorf("OpenExisting created folders: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); !os.IsNotExist(err) {
		t.Errorf("OpenExisting created a file: %v", err)
	}
	if info, _ := os.Stat(empty); info.Size() != 0 {
		t.Errorf("OpenExisting wrote to an empty file")
	}
	db, err := OpenExisting(project)
	if err != nil {
		t.Fatal(err)
	}
	if list, err := db.FindArticles(context.Background()); err != nil || len(list) != 1 || db.ReadOnly() {
		t.Errorf("FindArticles = %d, %v; ReadOnly %v", len(list), err, db.ReadOnly())
	}
	db.Close()
}

// Open (which may create) refuses a FIFO or a device at once instead of
// blocking in open(2) or turning them into projects.
func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/null", "/dev/zero"} {
		done := make(chan error, 1)
		go func() {
			db, err := Open(path)
			if err == nil {
				db.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			wantError(t, err, annotate.EINVALID, path, "not a database file")
		case <-time.After(5 * time.Second):
			t.Fatalf("Open(%s) hangs", path)
		}
	}
}
