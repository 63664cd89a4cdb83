package interchange

import (
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// testNow is when the tests' articles are imported.
var testNow = time.Date(2026, 3, 4, 9, 30, 0, 0, time.FixedZone("CET", 3600))

func ptr[T any](v T) *T { return &v }

// checkInvalid asserts that err is EINVALID and its message starts with the
// field it names.
func checkInvalid(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("Validate: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Validate succeeded, want %q", want)
	}
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("code = %q, want %q (%v)", annotate.ErrorCode(err), annotate.EINVALID, err)
	}
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want it to start with %q", err, want)
	}
}
