package interchange

import (
	"fmt"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

// The JSON-LD helpers the W3C Web Annotation and schema.org ClaimReview
// readers and writers share: values that may be one item or a list, IRIs
// that may be strings or objects with an id, agents, and the name space of
// the IDs Factmark derives from IRIs.

// idSpace is the UUID name space of the IDs Factmark derives from JSON-LD
// IRIs: of W3C collections, and of foreign annotations (W3C or ClaimReview)
// whose IDs are not UUIDs.
var idSpace = uuid.MustParse("0b7c3f1e-93a4-4b8e-a1d4-2e5b7f6c9d01")

// jsonItem is an object found at a JSON path.
type jsonItem struct {
	path string
	m    map[string]any
}

// objectItems returns the objects of a JSON list found at path, each with
// its own path; anything but an object in the list is an error.
func objectItems(path string, list []any) ([]jsonItem, error) {
	items := make([]jsonItem, 0, len(list))
	for i, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: must be an annotation object, not %s", fmt.Sprintf("%s[%d]", path, i), jsonKindOf(x))
		}
		items = append(items, jsonItem{fmt.Sprintf("%s[%d]", path, i), m})
	}
	return items, nil
}

// agentName is the name of a creator: an IRI, or an agent with a name or
// nickname; the first of several.
func agentName(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return agentName(v[0])
		}
	case map[string]any:
		for _, k := range []string{"name", "nickname", "id"} {
			if s := stringsOf(v[k]); len(s) > 0 && strings.TrimSpace(s[0]) != "" {
				return strings.TrimSpace(s[0])
			}
		}
	}
	return ""
}

// firstString returns the first string of the first of keys m has (a
// JSON-LD value may be a string or a list of them), or "".
func firstString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := stringsOf(m[k]); len(s) > 0 {
			return s[0]
		}
	}
	return ""
}

// isWebURL reports whether an IRI is an http or https URL, which an
// article's URL or a source's must be.
func isWebURL(s string) bool { return annotate.ValidURL(s) }

// listOf returns v as a list: a JSON array, or one value.
func listOf(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// hasString reports whether list holds s (a JSON-LD type among several).
func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// contextString flattens a JSON-LD @context to the IRIs it names.
func contextString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var parts []string
		for _, x := range v {
			parts = append(parts, contextString(x))
		}
		return strings.Join(parts, " ")
	case map[string]any:
		if s, ok := v["@vocab"].(string); ok {
			return s
		}
	}
	return ""
}

// stringsOf returns a JSON string, or the strings of a JSON array.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var list []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				list = append(list, s)
			}
		}
		return list
	}
	return nil
}
