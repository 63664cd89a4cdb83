package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// export -o never replaces the project's own files nor anything that is not
// a regular file; the project stays whole.
func TestExportRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	before := dumpProject(t, db)
	link := filepath.Join(dir, "link.json")
	os.Symlink(db, link)
	fifo := filepath.Join(dir, "fifo.json")
	syscall.Mkfifo(fifo, 0o600)
	folder := filepath.Join(dir, "folder.json")
	os.Mkdir(folder, 0o755)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-o", db}, db + " is the open project's database"},
		{[]string{"-o", db + "-wal"}, "is the open project's database"},
		{[]string{"-o", db + "-shm"}, "is the open project's database"},
		{[]string{"-o", filepath.Join(dir, ".", "p.db")}, "is the open project's database"},
		{[]string{"-o", link}, link + " is the open project's database"},
		{[]string{"--format", "csv", "-o", db}, "is the open project's database"},
		{[]string{"-o", "/dev/null"}, "/dev/null is a character device, not a regular file"},
		{[]string{"-o", fifo}, "is a named pipe (FIFO)"},
		{[]string{"-o", folder}, "is a folder"},
	}
	for _, tt := range tests {
		done := make(chan struct{})
		var code int
		var errOut string
		go func() {
			code, _, errOut = factmark(t, append([]string{"--db", db, "export"}, tt.args...)...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("export %v hangs", tt.args)
		}
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("export %v: exit %d, stderr %q; want %q", tt.args, code, errOut, tt.want)
		}
	}
	if after := dumpProject(t, db); after != before {
		t.Error("the project changed")
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device")
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	// -o - is standard output.
	code, out, errOut := factmark(t, "--db", db, "export", "-o", "-")
	if code != 0 || !strings.Contains(out, `"format": "factmark/`) || errOut != "" {
		t.Errorf("export -o -: exit %d, %q, %q", code, out[:min(len(out), 80)], errOut)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("export -o - wrote a file named -")
	}
}

// A replaced export keeps its mode (brat's .txt and .ann too); a new one
// gets the umask's.
func TestExportModes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	out := writeFile(t, dir, "private.json", []byte("old"))
	os.Chmod(out, 0o600)
	mustRun(t, "--db", db, "export", "-o", out)
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o600 {
		t.Errorf("a 0600 export became %v", info.Mode().Perm())
	}
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "fresh.csv")
	mustRun(t, "--db", db, "export", "--format", "csv", "-o", fresh)
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o640 {
		t.Errorf("with umask 027 a new export is %v, want 0640", info.Mode().Perm())
	}
	brat := filepath.Join(dir, "brat")
	mustRun(t, "--db", db, "export", "--format", "brat", "-o", brat)
	entries, _ := os.ReadDir(brat)
	if len(entries) != 2 {
		t.Fatalf("brat wrote %d files", len(entries))
	}
	for _, e := range entries {
		p := filepath.Join(brat, e.Name())
		if info, _ := os.Stat(p); info.Mode().Perm() != 0o640 {
			t.Errorf("new %s is %v, want 0640", e.Name(), info.Mode().Perm())
		}
		os.Chmod(p, 0o600)
	}
	mustRun(t, "--db", db, "export", "--format", "brat", "-o", brat)
	for _, e := range entries {
		if info, _ := os.Stat(filepath.Join(brat, e.Name())); info.Mode().Perm() != 0o600 {
			t.Errorf("replaced %s is %v, want 0600", e.Name(), info.Mode().Perm())
		}
	}
}

// Two articles with one title whose IDs begin alike (UUIDv7 made within a
// minute) are either written under two names or refused: never one written
// over the other while the count says both were exported.
func TestBratExportOfLookalikeArticles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i, id := range []string{"0190aaaa-0000-7000-8000-000000000001", "0190aaaa-0000-7000-8000-000000000002"} {
		a, err := annotate.NewArticle([]byte(fmt.Sprintf("Same title\n\nText number %d.\n", i)), annotate.ArticleMeta{Title: "Same title"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		a.ID = id
		if _, err := s.CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	out := filepath.Join(dir, "brat")
	code, _, errOut := factmark(t, "--db", db, "export", "--format", "brat", "-o", out)
	entries, _ := os.ReadDir(out)
	switch code {
	case 0:
		if len(entries) != 4 || !strings.Contains(errOut, "exported 2 articles (4 files)") {
			t.Errorf("exit 0 with %d files written, stderr %q", len(entries), errOut)
		}
	case 1:
		if len(entries) != 0 || !strings.Contains(errOut, "would both be exported as") {
			t.Errorf("refused with %d files written, stderr %q", len(entries), errOut)
		}
	default:
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// exportChildEnv holds the arguments TestExportChildHelper runs.
const exportChildEnv = "FACTMARK_EXPORT_CHILD_ARGS"

// TestExportChildHelper runs the command line in a child process of
// TestExportSignalRemovesTemporaries.
func TestExportChildHelper(t *testing.T) {
	args := os.Getenv(exportChildEnv)
	if args == "" {
		t.Skip("the child process of TestExportSignalRemovesTemporaries")
	}
	os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

// SIGTERM or SIGINT during export -o removes the temporary file and ends
// with 143 or 130; the previous export stays whole.
func TestExportSignalRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	var text strings.Builder
	text.WriteString("A long transcript\n\n")
	for text.Len() < 8<<20 {
		text.WriteString("The minister said that the deficit grew by twelve per cent, and the opposition disagreed.\n")
	}
	mustRun(t, "--db", db, "import", writeFile(t, dir, "long.txt", []byte(text.String())))
	whole := mustRun(t, "--db", db, "export")
	out := filepath.Join(dir, "out", "export.json")
	os.Mkdir(filepath.Dir(out), 0o755)
	os.WriteFile(out, []byte("the previous export"), 0o600)
	caught := 0
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGTERM, syscall.SIGINT} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExportChildHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), exportChildEnv+"="+strings.Join([]string{"--db", db, "export", "-o", out}, "\x1f"))
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sent := false
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && !sent; {
			entries, _ := os.ReadDir(filepath.Dir(out))
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".export.json.factmark-tmp-") {
					cmd.Process.Signal(sig)
					sent = true
				}
			}
			if cmd.ProcessState != nil {
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		msg, _ := bufio.NewReader(stderr).ReadString(0)
		cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		if sent && code == 128+int(sig) {
			caught++
			// The signal came before the rename (the old file stays) or
			// after it (the new one is whole); never a part.
			if b, _ := os.ReadFile(out); string(b) != "the previous export" && string(b) != whole {
				t.Errorf("after %v the target holds %d bytes, neither the old file nor the whole export", sig, len(b))
			}
		} else if code != 0 {
			t.Errorf("after %v (sent %v): exit %d, %s", sig, sent, code, msg)
		}
		if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
			t.Errorf("after %v the folder holds %d files", sig, len(entries))
		}
		os.WriteFile(out, []byte("the previous export"), 0o600)
	}
	if caught == 0 {
		t.Skip("no signal arrived while the temporary file existed; the export was too fast")
	}
	t.Logf("%d of 4 signals arrived during the write", caught)
}

// dumpProject lists every row of the project through a read connection.
func dumpProject(t *testing.T, path string) string {
	t.Helper()
	db, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	if err := db.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
