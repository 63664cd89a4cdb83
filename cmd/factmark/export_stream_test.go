package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportNativeFileIsTheStandardOutput: the native document (and CSV)
// written to a file article by article (interchange.WriteExport) has the bytes the
// export to standard output has, and the summary says what it holds.
func TestExportNativeFileIsTheStandardOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	code, stdout, errOut := factmark(t, "--db", db, "export")
	if code != 0 {
		t.Fatalf("export to standard output: exit %d, %s", code, errOut)
	}
	out := filepath.Join(dir, "project.json")
	code, _, errOut = factmark(t, "--db", db, "export", "-o", out)
	if code != 0 || !strings.Contains(errOut, "of 1 article as Factmark JSON to "+out) {
		t.Fatalf("export -o: exit %d, %s", code, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != stdout || len(data) == 0 {
		t.Errorf("the file (%d bytes) is not the standard output's export (%d bytes)", len(data), len(stdout))
	}
	if code, _, errOut := factmark(t, "--db", db, "export", "--article", "no-such-article", "-o", out); code == 0 || !strings.Contains(errOut, "no article no-such-article") {
		t.Errorf("an unknown article: exit %d, %s", code, errOut)
	}
	if again, _ := os.ReadFile(out); string(again) != string(data) {
		t.Error("a failed export changed the file")
	}

	code, stdout, errOut = factmark(t, "--db", db, "export", "--format", "csv")
	if code != 0 {
		t.Fatalf("CSV to standard output: exit %d, %s", code, errOut)
	}
	csvOut := filepath.Join(dir, "project.csv")
	code, _, errOut = factmark(t, "--db", db, "export", "--format", "csv", "-o", csvOut)
	if code != 0 || !strings.Contains(errOut, "as CSV to "+csvOut) {
		t.Fatalf("CSV -o: exit %d, %s", code, errOut)
	}
	if data, _ := os.ReadFile(csvOut); string(data) != stdout || len(data) == 0 {
		t.Errorf("the CSV file (%d bytes) is not the standard output's export (%d bytes)", len(data), len(stdout))
	}
}
