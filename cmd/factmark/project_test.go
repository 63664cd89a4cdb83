package main

import (
	"os"
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
