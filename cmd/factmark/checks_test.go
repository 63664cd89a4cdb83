package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChecksImportFind: a feed imported from the command line is listed,
// found for a claim saying the same thing and not for another, and importing
// it again adds nothing.
func TestChecksImportFind(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	feed := filepath.Join(dir, "feed.json")
	os.WriteFile(feed, []byte(`[{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example/1",
		"claimReviewed": "The bridge over the river cost twelve million euros", "author": {"name": "Checks"},
		"reviewRating": {"alternateName": "False"}}]`), 0o644)
	if got := mustRun(t, "--db", db, "checks", "import", feed); !strings.Contains(got, "1 fact-check, 1 new") {
		t.Errorf("first import: %q", got)
	}
	if got := mustRun(t, "--db", db, "checks", "import", feed); !strings.Contains(got, "1 fact-check, 0 new") {
		t.Errorf("second import: %q", got)
	}
	if got := mustRun(t, "--db", db, "checks", "list"); !strings.Contains(got, "feed.json") || !strings.Contains(got, "False") {
		t.Errorf("list: %q", got)
	}
	if got := mustRun(t, "--db", db, "checks", "find", "the bridge cost twelve million euros"); !strings.Contains(got, "https://checks.example/1") {
		t.Errorf("find: %q", got)
	}
	if got := mustRun(t, "--db", db, "checks", "find", "buses are late every day"); !strings.Contains(got, "no earlier fact-check") {
		t.Errorf("find of another claim: %q", got)
	}
}
