package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExportApprovedOnly: --approved-only leaves out the sample's claim,
// whose verdict nobody approved, and is refused for the native document.
func TestExportApprovedOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	out := filepath.Join(dir, "reviews.jsonld")
	code, _, errOut := factmark(t, "--db", db, "export", "--format", "claimreview", "-o", out)
	if code != 0 || !strings.Contains(errOut, "exported 1 ClaimReview review") {
		t.Fatalf("without the flag: exit %d, %s", code, errOut)
	}
	code, _, errOut = factmark(t, "--db", db, "export", "--format", "claimreview", "--approved-only", "-o", out)
	if code != 0 || !strings.Contains(errOut, "exported 0 ClaimReview reviews") {
		t.Errorf("--approved-only: exit %d, %s", code, errOut)
	}
	if code, _, errOut := factmark(t, "--db", db, "export", "--approved-only"); code != 2 || !strings.Contains(errOut, "--approved-only limits the public formats") {
		t.Errorf("--approved-only with json: exit %d, %s", code, errOut)
	}
}
