package interchange

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

func TestBratNameUnique(t *testing.T) {
	// UUIDv7 IDs made in the same minute share their first 8 hex digits.
	ids := make([]string, 50)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7()).String()
	}
	seen := map[string]bool{}
	for _, id := range ids {
		a := &annotate.Article{ID: id, Title: "The same title"}
		name := BratName(a)
		if seen[name] {
			t.Fatalf("two articles are both exported as %q", name)
		}
		seen[name] = true
		if again := BratName(&annotate.Article{ID: id, Title: "The same title"}); again != name {
			t.Errorf("BratName is not stable: %q then %q", name, again)
		}
	}
	tests := []struct{ title, id, want string }{
		{"Mayor’s tram: “19 minutes”", "0190c2a4-7d3e-7abc-8def-0123456789ab", "mayor-s-tram-19-minutes-0190c2a4-7d3e-7abc-8def-0123456789ab"},
		{"Éléphant", "0190C2A4-7D3E-7ABC-8DEF-0123456789AB", "elephant-0190c2a4-7d3e-7abc-8def-0123456789ab"},
		{"../../etc/passwd", "0190c2a4-7d3e-7abc-8def-0123456789ab", "etc-passwd-0190c2a4-7d3e-7abc-8def-0123456789ab"},
		{".hidden", "0190c2a4-7d3e-7abc-8def-0123456789ab", "hidden-0190c2a4-7d3e-7abc-8def-0123456789ab"},
		{"日本語", "0190c2a4-7d3e-7abc-8def-0123456789ab", "0190c2a4-7d3e-7abc-8def-0123456789ab"},
		{"x", "../../.x", "x-article"},
		{strings.Repeat("long words ", 40), "0190c2a4-7d3e-7abc-8def-0123456789ab", ""},
	}
	for _, tt := range tests {
		got := BratName(&annotate.Article{ID: tt.id, Title: tt.title})
		if tt.want != "" && got != tt.want {
			t.Errorf("BratName(%q, %q) = %q, want %q", tt.title, tt.id, got, tt.want)
		}
		if strings.ContainsAny(got, `/\:`) || strings.HasPrefix(got, ".") || strings.HasPrefix(got, "-") || len(got) > 85 || got == "" {
			t.Errorf("BratName(%q, %q) = %q: not a safe file name of at most 85 bytes", tt.title, tt.id, got)
		}
	}
}
