package suggest

import (
	"runtime"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// TestReleaseUnused: the embedded models (36–40 MB) are let go once unused,
// and loaded again on demand; a caller holding them keeps them.
func TestReleaseUnused(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := New(); again != s {
		t.Fatal("a second New loaded the models again")
	}
	if ReleaseUnused(time.Hour) {
		t.Fatal("released models used a moment ago")
	}
	if !ReleaseUnused(0) {
		t.Fatal("did not release the unused models")
	}
	if held, _ := New(); held != s {
		t.Fatal("New loaded the models again while a caller still held them")
	}
	ReleaseUnused(0)
	s = nil
	runtime.GC()
	if embedded.weak.Value() != nil {
		t.Fatal("released models were not collected: something still holds them")
	}
	fresh, err := New()
	if err != nil || fresh == nil {
		t.Fatalf("New after a release: %v", err)
	}
	res, err := fresh.Suggest(t.Context(), annotate.NewText("“The line is late,” the mayor said on Monday."), nil, nil)
	if err != nil || len(res.Attributions) == 0 {
		t.Fatalf("the models loaded again suggest nothing (%v)", err)
	}
}
