package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportBrief exports the sample project's fact-check brief in each
// format from the command line, to a file and to standard output, and
// with --approved (the sample's claim has no approvals).
func TestExportBrief(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	for _, tt := range []struct{ format, file, magic string }{
		{"brief-html", "brief.html", "<!DOCTYPE html>"}, {"brief-md", "brief.md", "# Fact-check"}, {"brief-pdf", "brief.pdf", "%PDF-"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			out := filepath.Join(dir, tt.file)
			code, _, errOut := factmark(t, "--db", db, "export", "--format", tt.format, "-o", out)
			if code != 0 || !strings.Contains(errOut, "exported the fact-check brief of 1 claim on 1 article") {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			data, err := os.ReadFile(out)
			if err != nil || !strings.HasPrefix(string(data), tt.magic) {
				t.Fatalf("%s: %v, %.20q", out, err, data)
			}
			if tt.format != "brief-pdf" && !strings.Contains(string(data), "Line 4 timetable") {
				t.Errorf("the brief lacks the note's source")
			}
			if stdout := mustRun(t, "--db", db, "export", "--format", tt.format); stdout != string(data) {
				t.Errorf("standard output differs from the file")
			}
			if code, _, errOut := factmark(t, "--db", db, "export", "--format", tt.format, "--approved-only", "-o", out); code != 0 ||
				!strings.Contains(errOut, "brief of 0 claims") {
				t.Errorf("--approved: exit %d: %s", code, errOut)
			}
		})
	}
	if code, _, errOut := factmark(t, "--db", db, "export", "--format", "json", "--approved-only"); code == 0 || !strings.Contains(errOut, "--approved-only limits the public formats") {
		t.Errorf("--approved-only with json: exit %d: %s", code, errOut)
	}
}
