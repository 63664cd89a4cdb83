package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// skipRecorder is a testing.TB that records a skip instead of stopping.
type skipRecorder struct {
	testing.TB
	skipped bool
	msg     string
}

func (r *skipRecorder) Helper() {}
func (r *skipRecorder) Skip(args ...any) {
	r.skipped = true
	r.msg = "skip"
	panic(r)
}
func (r *skipRecorder) Skipf(format string, args ...any) {
	r.skipped = true
	r.msg = format
	panic(r)
}

// run calls f with a recorder and reports whether it skipped.
func run(t *testing.T, f func(tb testing.TB)) (skipped bool) {
	r := &skipRecorder{TB: t}
	defer func() {
		if p := recover(); p != nil {
			if p != r {
				panic(p)
			}
			skipped = true
		}
	}()
	f(r)
	return false
}

func TestFindsAndSkips(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "corpus", "seed"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus", "seed", "a.txt"), []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FACTMARK_SHARED", dir)
	if got := Root(); got != dir {
		t.Errorf("Root = %q, want %q", got, dir)
	}
	var got string
	if run(t, func(tb testing.TB) { got = Dir(tb, "corpus", "seed") }) || got != filepath.Join(dir, "corpus", "seed") {
		t.Errorf("Dir = %q", got)
	}
	var data []byte
	if run(t, func(tb testing.TB) { data = File(tb, "corpus", "seed", "a.txt") }) || string(data) != "text" {
		t.Errorf("File = %q", data)
	}
	var files []string
	if run(t, func(tb testing.TB) { files = Glob(tb, "corpus/seed/*.txt") }) || len(files) != 1 {
		t.Errorf("Glob = %q", files)
	}
	for name, f := range map[string]func(testing.TB){
		"Dir of a missing folder": func(tb testing.TB) { Dir(tb, "corpus", "nope") },
		"File of a missing file":  func(tb testing.TB) { File(tb, "corpus", "seed", "b.txt") },
		"Glob matching nothing":   func(tb testing.TB) { Glob(tb, "corpus/*.ann") },
	} {
		if !run(t, f) {
			t.Errorf("%s did not skip", name)
		}
	}
	t.Setenv("FACTMARK_SHARED", filepath.Join(dir, "absent"))
	if Root() != "" || !run(t, func(tb testing.TB) { Dir(tb, "corpus") }) {
		t.Error("an absent corpora folder is found, or Dir does not skip")
	}
}

// TestDefaultIsBesideTheRepository: without FACTMARK_SHARED the corpora are
// ../shared beside the module's root, wherever the test runs.
func TestDefaultIsBesideTheRepository(t *testing.T) {
	t.Setenv("FACTMARK_SHARED", "")
	root, ok := moduleRoot()
	if !ok {
		t.Fatal("no go.mod above the test")
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testcorpus")); err != nil {
		t.Fatalf("module root %s does not hold this package", root)
	}
	want := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(want); err != nil {
		if Root() != "" {
			t.Errorf("Root = %q with no %s", Root(), want)
		}
		return
	}
	if got := Root(); got != filepath.Clean(want) {
		t.Errorf("Root = %q, want %q", got, want)
	}
}
