package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportClaimReviewCheck: export --format claimreview lists on
// standard error what each review lacks and writes anyway; --strict writes
// nothing while something required is missing, and writes once the
// settings give it; the review then has the organisation and the URL.
func TestExportClaimReviewCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	out := filepath.Join(dir, "reviews.jsonld")

	code, _, errOut := factmark(t, "--db", db, "export", "--format", "claimreview", "-o", out)
	for _, want := range []string{
		"ClaimReview check: 1 required and 2 recommended fields missing, in 1 claim:",
		"“the project would cut the journey bet…”: ", "url (required): no review URL: set the pattern (factmark settings review.url",
		"author (recommended): no organisation", "itemReviewed.appearance (recommended): the article has no URL",
		"exported 1 ClaimReview review of 1 article to " + out,
	} {
		if code != 0 || !strings.Contains(errOut, want) {
			t.Errorf("export: exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	os.Remove(out)

	code, _, errOut = factmark(t, "--db", db, "export", "--format", "claimreview", "--strict", "-o", out)
	if code != 1 || !strings.Contains(errOut, "--strict: 1 claim lacks what ClaimReview consumers require (listed above); nothing was written") {
		t.Errorf("--strict: exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--strict wrote %s (%v)", out, err)
	}
	if code, _, errOut := factmark(t, "--db", db, "export", "--format", "w3c", "--strict"); code != 2 || !strings.Contains(errOut, "--strict checks ClaimReview exports") {
		t.Errorf("--strict with w3c: exit %d, %s", code, errOut)
	}

	mustRun(t, "--db", db, "settings", "organization.name", "Brennport Fact Desk")
	mustRun(t, "--db", db, "settings", "review.url", "https://factdesk.example/fact-check/{slug}")
	code, _, errOut = factmark(t, "--db", db, "export", "--format", "claimreview", "--strict", "-o", out)
	if code != 0 || strings.Contains(errOut, "(required)") || !strings.Contains(errOut, "author.url (recommended)") {
		t.Fatalf("--strict with the settings: exit %d, stderr:\n%s", code, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Graph []struct {
			URL    string `json:"url"`
			Author struct {
				Name string `json:"name"`
			} `json:"author"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal(data, &g); err != nil || len(g.Graph) != 1 ||
		g.Graph[0].URL != "https://factdesk.example/fact-check/the-project-would-cut-the-journey-between-holmvik-and-the" || g.Graph[0].Author.Name != "Brennport Fact Desk" {
		t.Errorf("%v: %+v", err, g.Graph)
	}
}
