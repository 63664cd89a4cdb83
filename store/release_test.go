package store

import (
	"context"
	"testing"
)

// ReleaseMemory empties the idle connections' page caches without closing
// them: reads after it still work.
func TestReleaseMemory(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.FindAnnotations(ctx, f.art.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.ReleaseMemory(ctx); err != nil {
		t.Fatalf("ReleaseMemory: %v", err)
	}
	if _, err := f.db.FindArticleByID(ctx, f.art.ID); err != nil {
		t.Fatalf("a read after ReleaseMemory: %v", err)
	}
}
