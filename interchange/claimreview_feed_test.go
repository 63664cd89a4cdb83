package interchange

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const feedGraph = `{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "mainEntity": {"@type": "ClaimReview", "url": "https://checks.example/1",
  "claimReviewed": "The  bridge cost\n12 million", "author": {"@type": "Organization", "name": "Checks"},
  "datePublished": "2025-03-01", "reviewRating": {"@type": "Rating", "alternateName": "False"},
  "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Mayor"}}}},
 {"@type": ["ClaimReview"], "@id": "urn:uuid:1", "claimReviewed": "Buses run every minute",
  "reviewRating": {"name": "Mostly false"}}
]}`

const feedTools = `{"claims": [{"text": "Unemployment halved", "claimant": "Minister",
 "claimReview": [{"publisher": {"name": "Other Checks", "site": "other.example"}, "url": "https://other.example/u",
  "title": "Did it halve?", "reviewDate": "2024-01-02T00:00:00Z", "textualRating": "Half true"}]}]}`

func TestReadCheckFeed(t *testing.T) {
	checks, err := ReadCheckFeed("feed.json", []byte(feedGraph))
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 2 {
		t.Fatalf("read %d checks, want 2: %+v", len(checks), checks)
	}
	c := checks[0]
	if c.Claim != "The bridge cost 12 million" || c.Verdict != "False" || c.Claimant != "A. Mayor" ||
		c.Publisher != "Checks" || c.URL != "https://checks.example/1" || c.Date != "2025-03-01" || c.Feed != "feed.json" {
		t.Errorf("first check = %+v", c)
	}
	if checks[1].URL != "" || checks[1].Verdict != "Mostly false" {
		t.Errorf("second check = %+v: a urn @id is no URL; the rating's name is its verdict", checks[1])
	}
	if checks[0].ID == checks[1].ID || !strings.HasPrefix(checks[0].ID, "check:") {
		t.Errorf("IDs %q, %q", checks[0].ID, checks[1].ID)
	}
	again, _ := ReadCheckFeed("other-name.json", []byte(feedGraph))
	if again[0].ID != checks[0].ID {
		t.Error("the same review read from another file has another ID")
	}

	tools, err := ReadCheckFeed("tools.json", []byte(feedTools))
	if err != nil || len(tools) != 1 {
		t.Fatalf("Fact Check Tools layout: %v, %+v", err, tools)
	}
	if k := tools[0]; k.Claim != "Unemployment halved" || k.Verdict != "Half true" || k.Publisher != "Other Checks" || k.Title != "Did it halve?" {
		t.Errorf("Fact Check Tools check = %+v", k)
	}
}

func TestReadCheckFeedErrors(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"not JSON":     {`<html>`, "f.json:"},
		"no review":    {`{"@type": "Article"}`, "holds no ClaimReview"},
		"no claim":     {`{"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}`, "claimReviewed: is empty"},
		"no verdict":   {`[{"@type": "ClaimReview", "claimReviewed": "x"}]`, "[0]: reviewRating.alternateName: is empty"},
		"bad review":   {`{"claims": [{"text": "x", "claimReview": [7]}]}`, "claims[0].claimReview[0]: is not an object"},
		"control char": {"{\"@type\": \"ClaimReview\", \"claimReviewed\": \"x\", \"reviewRating\": {\"alternateName\": \"F\\u0007\"}}", "reviewRating.alternateName"},
	} {
		_, err := ReadCheckFeed("f.json", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want one containing %q", name, err, tc.want)
		}
	}
}

func TestReadCheckFeeds(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.jsonld"), []byte(feedTools), 0o644)
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(feedGraph), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a feed"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	checks, err := ReadCheckFeeds(dir)
	if err != nil || len(checks) != 3 || checks[0].Feed != "a.json" || checks[2].Feed != "b.jsonld" {
		t.Fatalf("folder: %v, %d checks %+v", err, len(checks), checks)
	}
	if _, err := ReadCheckFeeds(filepath.Join(dir, "sub")); err == nil || !strings.Contains(err.Error(), "has no .json") {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := ReadCheckFeeds(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing path: %v", err)
	}
}
