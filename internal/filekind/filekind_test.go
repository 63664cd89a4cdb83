package filekind

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestOf(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "p")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{file: "", dir: "a folder", fifo: "a named pipe (FIFO)", "/dev/null": "a character device"} {
		info, err := os.Lstat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := Of(info.Mode()); got != want {
			t.Errorf("Of(%s) = %q, want %q", path, got, want)
		}
	}
}
