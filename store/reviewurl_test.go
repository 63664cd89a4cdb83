package store

import (
	"context"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestReviewURLs: the settings' review URL pattern and a claim's own review
// URL are kept, changed and exported; a bad one is refused and changes
// nothing.
func TestReviewURLs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.ReviewURL = "https://verif.example/{year}/{slug}"
	if err := f.db.UpdateSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, err := f.db.Settings(ctx); err != nil || got.ReviewURL != s.ReviewURL {
		t.Fatalf("review URL pattern = %q (%v), want %q", got.ReviewURL, err, s.ReviewURL)
	}
	bad := s
	bad.ReviewURL = "https://verif.example/{title}"
	wantError(t, f.db.UpdateSettings(ctx, bad), annotate.EINVALID, "review_url")
	if got, _ := f.db.Settings(ctx); got.ReviewURL != s.ReviewURL {
		t.Errorf("a refused pattern was saved: %q", got.ReviewURL)
	}

	c := f.claim(t)
	c.ReviewURL = "https://verif.example/fact-check/deficit?x=1&y=2"
	f.mustCreate(t, c)
	if got := f.annotations(t).Claims[0]; got.ReviewURL != c.ReviewURL {
		t.Fatalf("stored review URL %q, want %q", got.ReviewURL, c.ReviewURL)
	}
	c.ReviewURL = "javascript:alert(1)"
	wantError(t, f.db.UpdateClaim(ctx, c), annotate.EINVALID, "review_url")
	c.ReviewURL = ""
	if err := f.db.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := f.annotations(t).Claims[0]; got.ReviewURL != "" {
		t.Errorf("after clearing it: %q", got.ReviewURL)
	}
	c.ReviewURL = "https://verif.example/fact-check/again"
	if err := f.db.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	doc, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Articles[0].Claims[0].ReviewURL; got != c.ReviewURL || doc.NeededFormat() != annotate.NativeFormat {
		t.Errorf("exported review URL %q, format %s", got, doc.NeededFormat())
	}
}
