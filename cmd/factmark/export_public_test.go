package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every public format written to a file, as it streams into the atomic
// temporary file, is what standard output gets; --strict leaves no file.
func TestExportPublicFileIsTheStandardOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	for _, format := range []string{"w3c", "claimreview", "archive-queue", "brief-html", "brief-md", "brief-pdf"} {
		code, stdout, errOut := factmark(t, "--db", db, "export", "--format", format)
		if code != 0 || len(stdout) == 0 {
			t.Fatalf("%s to standard output: exit %d, %s", format, code, errOut)
		}
		out := filepath.Join(dir, "out."+format)
		code, _, errOut = factmark(t, "--db", db, "export", "--format", format, "-o", out)
		if code != 0 || !strings.Contains(errOut, "exported") {
			t.Fatalf("%s -o: exit %d, %s", format, code, errOut)
		}
		if data, _ := os.ReadFile(out); string(data) != stdout {
			t.Errorf("the %s file (%d bytes) is not the standard output's export (%d bytes)", format, len(data), len(stdout))
		}
	}
	strict := filepath.Join(dir, "strict.jsonld")
	code, stdout, errOut := factmark(t, "--db", db, "export", "--format", "claimreview", "--strict", "-o", strict)
	if _, err := os.Stat(strict); code == 0 || err == nil || stdout != "" {
		t.Errorf("--strict on reviews that lack what is required: exit %d, file left: %v, %s", code, err == nil, errOut)
	}
	bratDir := filepath.Join(dir, "brat")
	if code, _, errOut := factmark(t, "--db", db, "export", "--format", "brat", "-o", bratDir); code != 0 || !strings.Contains(errOut, "2 files") {
		t.Errorf("brat folder: exit %d, %s", code, errOut)
	}
}
