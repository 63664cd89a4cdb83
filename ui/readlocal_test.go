package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// TestImportRefusesWhatIsNotAFile: the desk's import refuses a pipe, a
// device, a folder and a file over the limit before reading them, and its
// file dialog does not list them.
func TestImportRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, annotate.MaxTextBytes+1); err != nil {
		t.Fatal(err)
	}
	ok := filepath.Join(dir, "ok.txt")
	if err := os.WriteFile(ok, []byte("A title\n\nSome text."), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, want string
	}{
		{fifo, "is a named pipe"},
		{"/dev/zero", "is a character device"},
		{dir, "is a folder"},
		{big, "the limit is"},
		{filepath.Join(dir, "missing.txt"), "cannot read"},
		{ok, ""},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			done := make(chan error, 1)
			go func() { _, err := readLocal(tc.path, annotate.MaxTextBytes); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("reading hangs")
			}
			if tc.want == "" {
				if err != nil {
					t.Fatalf("a regular file is refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
			if code := annotate.ErrorCode(err); code != annotate.EINVALID && code != annotate.ENOTFOUND {
				t.Fatalf("code %q, want invalid", annotate.ErrorCode(err))
			}
		})
	}
	filter := regularFiles{storage.NewExtensionFileFilter(interchange.ImportExtensions)}
	if filter.Matches(storage.NewFileURI(fifo)) || !filter.Matches(storage.NewFileURI(ok)) {
		t.Fatal("the import dialog's filter lists a pipe, or not a text file")
	}
}

// TestDeskImportOfAPipeDoesNotHang: importing a pipe through the desk
// reports it in the status line at once.
func TestDeskImportOfAPipeDoesNotHang(t *testing.T) {
	td := newTestDesk(t, nil)
	fifo := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { td.importLocal(fifo); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("importing a pipe hangs")
	}
	if got := td.status.Text; !strings.Contains(got, "pipe.txt") || !strings.Contains(got, "named pipe") {
		t.Fatalf("status %q", got)
	}
}
