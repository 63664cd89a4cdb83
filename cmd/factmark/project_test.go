package main

import (
	"database/sql"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Commands that only read never create a project; only import (and the
// desk) may.
func TestReadCommandsDoNotCreateProjects(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such", "dir", "x.db")
	for _, args := range [][]string{
		{"--db", missing, "list"},
		{"--db", missing, "export"},
		{"--db", missing, "export", "--format", "csv", "-o", filepath.Join(dir, "out.csv")},
	} {
		code, _, errOut := factmark(t, args...)
		if code != 1 || !strings.Contains(errOut, "there is no Factmark project at "+missing) {
			t.Errorf("factmark %v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !os.IsNotExist(err) {
		t.Errorf("a reading command created folders: %v", err)
	}
	txt := writeFile(t, dir, "a.txt", []byte("Title\n\nA short article.\n"))
	mustRun(t, "--db", missing, "import", txt)
	if out := mustRun(t, "--db", missing, "list"); !strings.Contains(out, "Title") {
		t.Errorf("list after import: %s", out)
	}
}

// --db on a FIFO or a device is refused at once: opening a FIFO blocks.
func TestDBThatIsNotAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "p.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--db", fifo, "list"}, {"--db", fifo, "export"}, {"--db", fifo, "import", "x.txt"},
		{"--db", "/dev/null", "list"}, {"--db", "/dev/zero", "import", "x.txt"},
	} {
		done := make(chan struct{})
		var code int
		var errOut string
		go func() {
			code, _, errOut = factmark(t, args...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("factmark %v hangs", args)
		}
		if code != 1 || !strings.Contains(errOut, args[1]+" is a ") || !strings.Contains(errOut, "not a database file") {
			t.Errorf("factmark %v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// A project user nobody cannot write (a read-only file in a read-only
// folder) lists and exports, leaves no file beside it, and refuses an
// import saying it is read-only.
func TestReadOnlyProjectListsAndExports(t *testing.T) {
	root, binary := nobodyDir(t)
	if binary == "" {
		t.Skip("needs root, to run as user nobody")
	}
	dir := filepath.Join(root, "project")
	os.Mkdir(dir, 0o755)
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	out := filepath.Join(root, "out")
	os.Mkdir(out, 0o755)
	os.Chown(out, nobodyUID, nobodyUID)
	os.Chmod(db, 0o444)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	txt := writeFile(t, root, "new.txt", []byte("New\n\nText.\n"))
	entries := func() string {
		list, _ := os.ReadDir(dir)
		var names []string
		for _, e := range list {
			names = append(names, e.Name())
		}
		return strings.Join(names, " ")
	}
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"--db", db, "list"}, 0, "Brennport", ""},
		{[]string{"--db", db, "export"}, 0, `"format": "factmark/2"`, ""}, // with its audit log
		{[]string{"--db", db, "export", "--format", "csv", "-o", filepath.Join(out, "x.csv")}, 0, "", "exported 3 annotations of 1 article as CSV to " + filepath.Join(out, "x.csv")},
		{[]string{"--db", db, "import", txt}, 1, "", "the project " + db + " is read-only: "},
	}
	for _, tt := range tests {
		code, stderr, stdout := runAsNobodyOutput(t, binary, tt.args)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("factmark %v as nobody: exit %d\nstdout %.200q\nstderr %q", tt.args[2:], code, stdout, stderr)
		}
		if got := entries(); got != "p.db" {
			t.Errorf("after %v the project folder holds %s", tt.args[2:], got)
		}
	}
}

// holdLock holds the project's write lock from another connection, as
// another Factmark importing would, until the test ends.
func holdLock(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	if _, err := raw.Exec("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('pending', 'x')"); err != nil {
		t.Fatal(err)
	}
}

// list and export do not wait for a write lock another program holds.
func TestReadCommandsWhileAnotherProgramWrites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	want := mustRun(t, "--db", db, "export")
	holdLock(t, db)
	for _, args := range [][]string{{"list"}, {"export"}, {"export", "--format", "w3c"}, {"export", "-o", filepath.Join(dir, "out.json")}} {
		start := time.Now()
		code, out, errOut := factmark(t, append([]string{"--db", db}, args...)...)
		if d := time.Since(start); code != 0 || d > 2*time.Second {
			t.Errorf("factmark %v while another program writes: exit %d after %v: %s", args, code, d, errOut)
		}
		if len(args) == 1 && args[0] == "export" && out != want {
			t.Errorf("export while locked differs from the one before")
		}
	}
}

func TestFullName(t *testing.T) {
	tests := []struct {
		u    user.User
		want string
	}{
		{user.User{Uid: "1000", Username: "ana", Name: "Ana Núñez,,,"}, "Ana Núñez"},
		{user.User{Uid: "1000", Username: "ana", Name: "Ana Núñez"}, "Ana Núñez"},
		{user.User{Uid: "1000", Username: "ana", Name: ""}, ""},
		{user.User{Uid: "1000", Username: "ana", Name: "ana"}, ""},
		{user.User{Uid: "0", Username: "root", Name: "root"}, ""},
		{user.User{Uid: "0", Username: "root", Name: "Charlie Root"}, ""},
	}
	for _, tt := range tests {
		if got := fullName(&tt.u); got != tt.want {
			t.Errorf("fullName(%+v) = %q, want %q", tt.u, got, tt.want)
		}
	}
}
