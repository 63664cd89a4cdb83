package ui

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/factmark/factmark/annotate"
)

// compactAnnotations leaves no string of the annotations inside the rows the
// store cut them from, whatever field a kind gains (every string field is
// filled by reflection), and changes no value.
func TestCompactAnnotationsFreesTheRows(t *testing.T) {
	text := annotate.NewText("Ms. Ortiz said the line would open in 2027, and the council agreed.")
	const quote = "Ms. Ortiz said"
	row := strings.Repeat("row of the store ", 64) + quote // what the strings are cut from
	cut := 0
	next := func() string { // a fresh substring of row
		cut = (cut + 7) % (len(row) - len(quote) - 9)
		return row[cut : cut+9]
	}
	var ann annotate.Annotations
	ann.Attributions = make([]annotate.Attribution, 2)
	ann.Claims = make([]annotate.Claim, 2)
	ann.Notes = make([]annotate.Note, 2)
	fillStrings(reflect.ValueOf(&ann).Elem(), next)
	// One anchor quotes the text at its offsets, as stored anchors do.
	src := ann.Attributions[0].Source
	src.Start, src.End = 4, 9
	q := len(row) - len(quote)
	src.Prefix, src.Exact, src.Suffix = row[q:q+4], row[q+4:q+9], row[q+9:]
	for i := range ann.Notes {
		ann.Notes[i].Sources = nil // read from rows of their own
	}
	before, err := json.Marshal(ann)
	if err != nil {
		t.Fatal(err)
	}
	compactAnnotations(&ann, text)
	after, _ := json.Marshal(ann)
	if string(after) != string(before) {
		t.Fatalf("compacting changed the annotations:\n%s\n%s", before, after)
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(row)))
	hi := lo + uintptr(len(row))
	walkStrings(reflect.ValueOf(&ann).Elem(), "Annotations", func(path, s string) {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= lo && p < hi {
			t.Errorf("%s still points into the store's row", path)
		}
	})
	whole := text.Slice(0, text.Len())
	tlo := uintptr(unsafe.Pointer(unsafe.StringData(whole)))
	if p := uintptr(unsafe.Pointer(unsafe.StringData(src.Exact))); p != tlo+4 {
		t.Error("the source's exact quote is not a slice of the article's text")
	}
}

// fillStrings sets every string reachable from v (through structs, pointers,
// slices) to next(), allocating nil pointers and giving empty slices one
// element.
func fillStrings(v reflect.Value, next func() string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(next())
	case reflect.Struct:
		if v.Type().PkgPath() == "time" {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillStrings(v.Field(i), next)
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fillStrings(v.Elem(), next)
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := 0; i < v.Len(); i++ {
			fillStrings(v.Index(i), next)
		}
	}
}

// walkStrings calls f with every string reachable from v and its path.
func walkStrings(v reflect.Value, path string, f func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Struct:
		if v.Type().PkgPath() == "time" {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if fd := v.Type().Field(i); fd.IsExported() {
				walkStrings(v.Field(i), path+"."+fd.Name, f)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), path+"[]", f)
		}
	}
}

// BenchmarkCompactAnnotations10k is what compacting costs the opening of a
// 1 MB article with 10,000 annotations (run again on strings already
// compacted, which does the same comparisons, lookups and copies).
func BenchmarkCompactAnnotations10k(b *testing.B) {
	d := deskFor(b, 1<<20, 10000).d
	b.ResetTimer()
	for range b.N {
		compactAnnotations(d.ann, d.text)
	}
}

// A list the store grew by doubling gets an array of its own length, with
// the same elements; a nearly full one is kept as it is.
func TestFittedDropsUnusedCapacity(t *testing.T) {
	list := make([]int, 3000, 4096)
	for i := range list {
		list[i] = i
	}
	got := fitted(list)
	if cap(got) > 3000+3000/8 || !slices.Equal(got, list) {
		t.Fatalf("fitted: len %d cap %d, equal %v; want len 3000, cap near 3000, the same elements", len(got), cap(got), slices.Equal(got, list))
	}
	if &got[0] == &list[0] {
		t.Fatal("fitted kept the old array")
	}
	full := make([]int, 4000, 4096)
	if got := fitted(full); &got[0] != &full[0] {
		t.Fatal("fitted copied a list with less than an eighth unused")
	}
	if got := fitted(make([]int, 0, 64)); got == nil || cap(got) != 0 {
		t.Fatalf("fitted of an empty list: %v cap %d, want an empty non-nil list of no capacity", got, cap(got))
	}
}
