package store

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// checkAppendBody fails unless appendBody writes what json.Marshal does
// for body, or fails as it does.
func checkAppendBody(t *testing.T, body any) {
	t.Helper()
	want, wantErr := json.Marshal(body)
	got, err := appendBody([]byte("prefix"), body)
	switch {
	case (err != nil) != (wantErr != nil):
		t.Errorf("%T: appendBody's error %v, json.Marshal's %v", body, err, wantErr)
	case err == nil && string(got) != "prefix"+string(want):
		t.Errorf("%T:\nappendBody  %s\njson.Marshal prefix%s", body, got, want)
	}
}

// TestAppendBodyIsMarshal fills every field of every body the store writes
// (by reflection, as TestEveryStoredFieldTakesTheFastPath does: a field
// added to a body type is filled too, and fails here until appendBody
// writes it), and checks appendBody against json.Marshal: filled, empty,
// with strings that need every kind of escape, and the floats whose
// format changes.
func TestAppendBodyIsMarshal(t *testing.T) {
	texts := []string{"x", "« \"q\" »\\\n<&>", "\x00\x01\b\f\r\t\x1f\x7f", "a\u2028b\u2029c", "bad \xff\xfe utf-8 \xe2\x80", "👍🏽 🇫🇷 e\u0301"}
	for i, text := range texts {
		for _, variant := range []fill{{text: text, n: i}, {text: text, n: i, emptyLists: true}} {
			for _, body := range []any{new(attributionBody), new(claimBody), new(noteBody)} {
				v := reflect.ValueOf(body).Elem()
				checkAppendBody(t, v.Interface()) // every field unset
				variant.value(t, v, v.Type().Name())
				checkAppendBody(t, v.Interface())
			}
		}
	}
	for _, w := range []float64{0, 1, 0.5, 1e-6, 1e-7, 9.99e-7, 1.5e-300, 5e-324, 1e20, 1e21, 123456789.125, -0.25, math.NaN(), math.Inf(1)} {
		checkAppendBody(t, claimBody{Worthiness: &w, Status: annotate.StatusCandidate})
		checkAppendBody(t, noteBody{placed: placed{Placement: &annotate.Placement{Revision: 2, Method: "fuzzy", Score: w}}})
	}
}

// TestAppendBodyWritesWhatImportWrites checks appendBody on every body of
// a generated article, the rows the import benchmarks write.
func TestAppendBodyWritesWhatImportWrites(t *testing.T) {
	doc := generateDocument(t, 3000, 50<<10, 12)
	ad := &doc.Articles[0]
	for i := range ad.Attributions {
		checkAppendBody(t, attributionRow(&ad.Attributions[i]).body)
	}
	for i := range ad.Claims {
		checkAppendBody(t, claimRow(&ad.Claims[i]).body)
	}
	for i := range ad.Notes {
		checkAppendBody(t, noteRow(&ad.Notes[i], 0).body)
	}
}
