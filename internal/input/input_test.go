package input

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.txt", "0123456789")
	fifo := filepath.Join(dir, "f.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.txt")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	huge := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 300<<20); err != nil { // sparse: 300 MB that take no disk
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		limit int64
		want  string // "" for success
		code  string
	}{
		{"regular file", ok, 100, "", ""},
		{"exactly the limit", ok, 10, "", ""},
		{"one byte over the limit", ok, 9, ok + " is 10 bytes; the limit is 9 bytes", annotate.EINVALID},
		{"300 MB, refused by its size", huge, 16 << 20, huge + " is 300 MB; the limit is 16 MB", annotate.EINVALID},
		{"folder", dir, 100, dir + " is a folder, not a file", annotate.EINVALID},
		{"FIFO", fifo, 100, fifo + " is a named pipe (FIFO), not a file", annotate.EINVALID},
		{"socket", sock, 100, sock + " is a socket, not a file", annotate.EINVALID},
		{"/dev/zero", "/dev/zero", 1 << 30, "/dev/zero is a character device, not a file", annotate.EINVALID},
		{"/dev/null", "/dev/null", 100, "/dev/null is a character device", annotate.EINVALID},
		{"missing", filepath.Join(dir, "nope.txt"), 100, "cannot read " + filepath.Join(dir, "nope.txt") + ": there is no such file", annotate.ENOTFOUND},
		// The system gives /proc files a size of 0: only the bounded read
		// catches one larger than the limit.
		{"size unknown until read", "/proc/self/status", 16, "/proc/self/status is larger than the limit of 16 bytes", annotate.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			start := time.Now()
			var data []byte
			go func() {
				var err error
				data, err = ReadFile(tt.path, tt.limit)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ReadFile hangs")
			}
			if tt.want == "" {
				if err != nil || string(data) != "0123456789" {
					t.Fatalf("ReadFile = %q, %v", data, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || annotate.ErrorCode(err) != tt.code {
				t.Errorf("ReadFile = %v (code %s); want %q (%s)", err, annotate.ErrorCode(err), tt.want, tt.code)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("refusing took %v", d)
			}
		})
	}
}

// ReadHead reads the start of a file of any size, with the same refusals.
func TestReadHead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	os.WriteFile(p, []byte("0123456789"), 0o644)
	if head, err := ReadHead(p, 4); err != nil || string(head) != "0123" {
		t.Errorf("ReadHead = %q, %v", head, err)
	}
	if head, err := ReadHead(p, 40); err != nil || string(head) != "0123456789" {
		t.Errorf("ReadHead = %q, %v", head, err)
	}
	fifo := filepath.Join(dir, "f")
	syscall.Mkfifo(fifo, 0o600)
	if _, err := ReadHead(fifo, 4); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("ReadHead of a FIFO = %v", err)
	}
}

const nobodyEnv = "FACTMARK_INPUT_NOBODY_PATH"

// TestNobodyHelper reads the file as user nobody, in the child process of
// TestReadFilePermissionDenied, and prints the error.
func TestNobodyHelper(t *testing.T) {
	path := os.Getenv(nobodyEnv)
	if path == "" {
		t.Skip("the child process of TestReadFilePermissionDenied")
	}
	_, err := ReadFile(path, 100)
	fmt.Printf("%s: %v\n", annotate.ErrorCode(err), err)
}

// A file the user may not read says so, not "internal error". Root reads
// every file, so the read runs in a child process as user nobody.
func TestReadFilePermissionDenied(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run a child process as user nobody")
	}
	dir, err := os.MkdirTemp("", "factmark-input-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	binary := filepath.Join(dir, "input.test")
	copyFile(t, os.Args[0], binary)
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("private"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "-test.run=^TestNobodyHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), nobodyEnv+"="+secret)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if want := "invalid: cannot read " + secret + ": permission denied"; !strings.HasPrefix(string(out), want) {
		t.Errorf("as nobody: %s\nwant %q", out, want)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesWhatReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{dir, fifo, filepath.Join(dir, "missing")} {
		if f, err := Open(p); err == nil {
			f.Close()
			t.Errorf("Open(%s) = nil error", p)
		} else if !strings.Contains(err.Error(), p) {
			t.Errorf("Open(%s): %v; want the path named", p, err)
		}
	}
	file := filepath.Join(dir, "big.json")
	if err := os.WriteFile(file, []byte(`{"articles":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, _ := io.ReadAll(f); string(b) != `{"articles":[]}` {
		t.Errorf("read %q", b)
	}
}
