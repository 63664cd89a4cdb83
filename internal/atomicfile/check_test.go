package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCheckRefusesWhatWriteRefuses: Check says what Write would refuse,
// and writes nothing, so that a program can ask before it writes.
func TestCheckRefusesWhatWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "project.db")
	if err := os.WriteFile(db, []byte("the user's work"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	protect := Protect("the open project's database", db, db+"-wal")
	for _, tt := range []struct{ path, want string }{
		{db, "is the open project's database"},
		{db + "-wal", "is the open project's database"}, // not there
		{fifo, "is a named pipe (FIFO)"},
		{dir, "is a folder"},
		{filepath.Join(dir, "new.json"), ""},
	} {
		err := Check(tt.path, protect)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Check(%s) = %v; want %q", tt.path, err, tt.want)
		}
	}
	if names := files(t, dir); len(names) != 2 {
		t.Errorf("Check wrote into the folder: %v", names)
	}
}
