package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// factmark runs the command line in-process and returns its exit code and output.
func factmark(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun runs the command line and fails the test unless it succeeds.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := factmark(t, args...)
	if code != 0 {
		t.Fatalf("factmark %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"import", "--help"}, {"list", "--help"}, {"export", "--help"}} {
		code, out, _ := factmark(t, args...)
		if code != 0 || !strings.Contains(out, "Usage") {
			t.Errorf("factmark %v: exit %d, stdout %q; want usage and exit 0", args, code, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--nope"}, "flag provided but not defined"},
		{[]string{"--db", db, "import"}, "no FILE given"},
		{[]string{"--db", db, "export", "--format", "yaml"}, `unknown format "yaml"`},
		{[]string{"--db", db, "list", "extra"}, `unexpected argument "extra"`},
		{[]string{"--db", db, "frobnicate", "x"}, `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		code, _, errOut := factmark(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("factmark %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
