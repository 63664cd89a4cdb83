package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// files lists the folder's entries.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplacesWholeAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export.json")
	if err := os.WriteFile(p, []byte("old content, longer than the new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "new" {
		t.Fatalf("read %q, %v; want %q", got, err, "new")
	}
	if names := files(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, want only the target", names)
	}
}

func TestWriteIntoMissingFolderFailsAndKeepsNothing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no", "such", "export.json")
	if err := Write(p, []byte("x")); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

// A replaced file keeps its mode; a new one gets 0666 less the umask.
func TestWriteModes(t *testing.T) {
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o600, 0o640, 0o604} {
		p := filepath.Join(dir, "kept"+strconv.Itoa(int(mode)))
		if err := os.WriteFile(p, []byte("old"), mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, mode)
		if err := Write(p, []byte("new")); err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(p); info.Mode().Perm() != mode {
			t.Errorf("a %v file became %v", mode, info.Mode().Perm())
		}
	}
	for _, tt := range []struct{ umask, want int }{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
		old := syscall.Umask(tt.umask)
		p := filepath.Join(dir, "new"+strconv.Itoa(tt.umask))
		err := Write(p, []byte("new"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(p); info.Mode().Perm() != os.FileMode(tt.want) {
			t.Errorf("umask %03o: new file mode %v, want %v", tt.umask, info.Mode().Perm(), os.FileMode(tt.want))
		}
	}
}

// Write refuses, and leaves alone, anything that is not a regular file and
// the files it was told to protect, however they are named.
func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "project.db")
	if err := os.WriteFile(db, []byte("SQLite format 3\x00 the user's work"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(db+"-wal", []byte("wal"), 0o600)
	link := filepath.Join(dir, "link.json")
	os.Symlink(db, link)
	hard := filepath.Join(dir, "hard.json")
	os.Link(db, hard)
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	os.Symlink(dir, filepath.Join(dir, "same"))
	fifo := filepath.Join(dir, "fifo")
	syscall.Mkfifo(fifo, 0o600)
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	protect := Protect("the open project's database", db, db+"-wal", db+"-shm")
	tests := []struct {
		path string
		want string
	}{
		{db, "is the open project's database"},
		{db + "-wal", "is the open project's database"},
		{db + "-shm", "is the open project's database"}, // not there yet
		{filepath.Join(dir, "same", "project.db"), "is the open project's database"},
		{filepath.Join(sub, "..", "project.db"), "is the open project's database"},
		{link, "is the open project's database"},
		{hard, "is the open project's database"},
		{"/dev/null", "/dev/null is a character device, not a regular file"},
		{"/dev/stdout", "/dev/stdout is "},
		{fifo, "is a named pipe (FIFO)"},
		{sock, "is a socket"},
		{sub, "is a folder"},
		{dangling, "is a link to " + filepath.Join(dir, "nowhere") + ", which does not exist"},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		go func() { done <- Write(tt.path, []byte("export"), protect) }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write(%s) = %v; want %q", tt.path, err, tt.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Write(%s) hangs", tt.path)
		}
	}
	if b, _ := os.ReadFile(db); string(b) != "SQLite format 3\x00 the user's work" {
		t.Errorf("the database changed: %q", b)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v", err)
	}
	for _, p := range []string{fifo, sock, link, dangling} {
		if info, err := os.Lstat(p); err != nil || info.Mode().IsRegular() {
			t.Errorf("%s was replaced by a regular file", p)
		}
	}
	if _, err := os.Lstat(db + "-shm"); !os.IsNotExist(err) {
		t.Errorf("a -shm was written")
	}
}

// A link to a regular file is written through: the file it points at is
// replaced and the link stays a link.
func TestWriteThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	os.WriteFile(real, []byte("old"), 0o640)
	link := filepath.Join(dir, "link.json")
	os.Symlink("real.json", link)
	if err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link became a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("the file the link points at holds %q", b)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
}

// deadPID is the ID of a process that has ended.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// A write removes the temporary files for its target that a process no
// longer running left, and only those.
func TestWriteRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export.json")
	dead := fmt.Sprintf(".export.json.factmark-tmp-%d-0a1b2c", deadPID(t))
	alive := ".export.json.factmark-tmp-1-0a1b2c"                          // init never ends
	other := fmt.Sprintf(".other.json.factmark-tmp-%d-0a1b2c", deadPID(t)) // another target's
	for _, name := range []string{dead, alive, other} {
		os.WriteFile(filepath.Join(dir, name), []byte("partial"), 0o600)
	}
	if err := Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(files(t, dir), " ")
	if want := strings.Join([]string{alive, other, "export.json"}, " "); got != want {
		t.Errorf("folder holds %s\nwant %s", got, want)
	}
}

const signalEnv = "FACTMARK_ATOMICFILE_SIGNAL_TARGET"

// TestSignalHelper is the child process of TestSignalRemovesTemporaries: it
// starts writing the target, says "writing", and waits inside the write.
func TestSignalHelper(t *testing.T) {
	target := os.Getenv(signalEnv)
	if target == "" {
		t.Skip("the child process of TestSignalRemovesTemporaries")
	}
	defer CleanUpOnSignal()()
	WriteFunc(target, func(w io.Writer) error {
		w.Write([]byte("part of an export"))
		fmt.Println("writing")
		time.Sleep(time.Minute)
		return nil
	})
	os.Exit(0)
}

// SIGINT and SIGTERM during a write remove the temporary file, leave the
// target as it was, and end the process with 130 or 143.
func TestSignalRemovesTemporaries(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "export.json")
			os.WriteFile(target, []byte("the previous export"), 0o600)
			cmd := exec.Command(os.Args[0], "-test.run=^TestSignalHelper$", "-test.count=1")
			cmd.Env = append(os.Environ(), signalEnv+"="+target)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			if line != "writing\n" {
				cmd.Process.Kill()
				t.Fatalf("child: %q %s", line, stderr.String())
			}
			if n := len(files(t, dir)); n != 2 {
				t.Errorf("while writing the folder holds %v, want the target and a temporary file", files(t, dir))
			}
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("exit code %d (%v), want %d; %s", code, err, 128+int(sig), stderr.String())
			}
			if got := files(t, dir); len(got) != 1 || got[0] != "export.json" {
				t.Errorf("after the signal the folder holds %v", got)
			}
			if b, _ := os.ReadFile(target); string(b) != "the previous export" {
				t.Errorf("the target holds %q", b)
			}
		})
	}
}
