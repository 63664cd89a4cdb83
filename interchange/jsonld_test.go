package interchange

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// decoded is a JSON literal as decodeJSON gives it.
func decoded(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

func TestListOf(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`null`, 0},
		{`"x"`, 1},
		{`{"id": "x"}`, 1},
		{`[]`, 0},
		{`["a", "b", {"id": "c"}]`, 3},
	}
	for _, tt := range tests {
		if got := listOf(decoded(t, tt.in)); len(got) != tt.want {
			t.Errorf("listOf(%s) = %v, want %d items", tt.in, got, tt.want)
		}
	}
}

func TestStringsOf(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`"Annotation"`, []string{"Annotation"}},
		{`["Annotation", 3, "Note"]`, []string{"Annotation", "Note"}},
		{`3`, nil},
		{`{"type": "Annotation"}`, nil},
		{`null`, nil},
	}
	for _, tt := range tests {
		if got := stringsOf(decoded(t, tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("stringsOf(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContextString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`"http://www.w3.org/ns/anno.jsonld"`, "http://www.w3.org/ns/anno.jsonld"},
		{`["https://schema.org", {"@vocab": "http://example.org/"}]`, "https://schema.org http://example.org/"},
		{`{"@vocab": "https://schema.org/"}`, "https://schema.org/"},
		{`{"ex": "http://example.org/"}`, ""},
		{`42`, ""},
	}
	for _, tt := range tests {
		if got := contextString(decoded(t, tt.in)); got != tt.want {
			t.Errorf("contextString(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFirstString(t *testing.T) {
	m := decoded(t, `{"name": ["Ann", "Bo"], "url": 3, "alt": "x"}`).(map[string]any)
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"name"}, "Ann"},
		{[]string{"missing", "alt"}, "x"},
		{[]string{"url", "alt"}, "x"}, // a number is not a string: the next key
		{[]string{"missing"}, ""},
	}
	for _, tt := range tests {
		if got := firstString(m, tt.keys...); got != tt.want {
			t.Errorf("firstString(%q) = %q, want %q", tt.keys, got, tt.want)
		}
	}
}

func TestAgentName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`"https://example.org/zoe"`, "https://example.org/zoe"},
		{`{"type": "Person", "name": " Zoë Åberg "}`, "Zoë Åberg"},
		{`{"nickname": "zoe"}`, "zoe"},
		{`{"name": "  ", "id": "urn:x"}`, "urn:x"},
		{`[{"name": "First"}, {"name": "Second"}]`, "First"},
		{`[]`, ""},
		{`7`, ""},
	}
	for _, tt := range tests {
		if got := agentName(decoded(t, tt.in)); got != tt.want {
			t.Errorf("agentName(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestObjectItems(t *testing.T) {
	items, err := objectItems("items", decoded(t, `[{"a": 1}, {"b": 2}]`).([]any))
	if err != nil || len(items) != 2 || items[1].path != "items[1]" || items[1].m["b"] != 2.0 {
		t.Errorf("objectItems = %+v, %v", items, err)
	}
	_, err = objectItems("items", decoded(t, `[{"a": 1}, "iri"]`).([]any))
	if annotate.ErrorCode(err) != annotate.EINVALID || !strings.HasPrefix(err.Error(), "items[1]: must be an annotation object, not a string") {
		t.Errorf("objectItems of a string: %v", err)
	}
}

func TestHasStringAndIsWebURL(t *testing.T) {
	if !hasString([]string{"Annotation", "Note"}, "Note") || hasString([]string{"Annotation"}, "note") || hasString(nil, "") {
		t.Error("hasString")
	}
	for s, want := range map[string]bool{
		"https://example.org/a": true, "http://example.org": true,
		"urn:sha256:00": false, "ftp://example.org/": false, "example.org/a": false, "": false,
	} {
		if got := isWebURL(s); got != want {
			t.Errorf("isWebURL(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestIDSpaceIsStable: IDs derived from IRIs must not change between
// versions, or importing the same foreign file again would duplicate its
// annotations.
func TestIDSpaceIsStable(t *testing.T) {
	const want = "0b7c3f1e-93a4-4b8e-a1d4-2e5b7f6c9d01"
	if idSpace.String() != want {
		t.Fatalf("idSpace = %s, want %s", idSpace, want)
	}
}
