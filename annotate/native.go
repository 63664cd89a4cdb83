package annotate

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// NativeFormat names the version of the native JSON document. A reader that
// meets another value refuses the document rather than guess.
const NativeFormat = "factmark/1"

// Document is the native JSON export: everything needed to rebuild the
// project's annotations elsewhere, lossless. Its JSON Schema is
// schema/factmark-1.schema.json.
type Document struct {
	Format   string       `json:"format"`
	Scale    Scale        `json:"scale"`
	Speakers []Speaker    `json:"speakers"`
	Articles []ArticleDoc `json:"articles"`
}

// ArticleDoc is one article of a Document with its annotations.
type ArticleDoc struct {
	Article
	Attributions []Attribution `json:"attributions"`
	Claims       []Claim       `json:"claims"`
	Notes        []Note        `json:"notes"`
}

// Sort puts the document in its canonical order, so that the same project
// always exports to the same bytes: speakers by name, articles by import time,
// annotations in text order; IDs break ties.
func (d *Document) Sort() {
	sort.Slice(d.Speakers, func(i, j int) bool {
		a, b := d.Speakers[i], d.Speakers[j]
		return a.Name < b.Name || a.Name == b.Name && a.ID < b.ID
	})
	sort.Slice(d.Articles, func(i, j int) bool {
		a, b := d.Articles[i], d.Articles[j]
		return a.ImportedAt.Before(b.ImportedAt) || a.ImportedAt.Equal(b.ImportedAt) && a.ID < b.ID
	})
	for i := range d.Articles {
		d.Articles[i].sort()
	}
}

func (a *ArticleDoc) sort() {
	SortAttributions(a.Attributions)
	SortClaims(a.Claims)
	SortNotes(a.Notes, a.Claims)
}

// SortAttributions puts attributions in text order.
func SortAttributions(as []Attribution) {
	sortByStart(as, func(a *Attribution) (int, string) { return a.Start(), a.ID })
}

// SortClaims puts claims in text order.
func SortClaims(cs []Claim) {
	sortByStart(cs, func(c *Claim) (int, string) { return c.Start(), c.ID })
}

// SortNotes puts notes in text order: a note on a claim stands where the claim
// starts.
func SortNotes(ns []Note, claims []Claim) {
	starts := make(map[string]int, len(claims))
	for i := range claims {
		starts[claims[i].ID] = claims[i].Start()
	}
	sortByStart(ns, func(n *Note) (int, string) {
		if n.Target != nil {
			return n.Target.Start, n.ID
		}
		return starts[n.ClaimID], n.ID
	})
}

// sortByStart sorts xs by start, then ID (key gives both). The annotations
// are large structs, so it sorts small keys and moves each annotation once,
// and not at all when they are in order already, as the store mostly
// returns them.
func sortByStart[T any](xs []T, key func(*T) (int, string)) {
	type k struct {
		start int
		id    string
		i     int
	}
	keys := make([]k, len(xs))
	for i := range xs {
		keys[i].start, keys[i].id = key(&xs[i])
		keys[i].i = i
	}
	byKey := func(a, b k) int { return cmp.Or(cmp.Compare(a.start, b.start), strings.Compare(a.id, b.id)) }
	if slices.IsSortedFunc(keys, byKey) {
		return
	}
	slices.SortFunc(keys, byKey)
	out := make([]T, len(xs))
	for j, kk := range keys {
		out[j] = xs[kk.i]
	}
	copy(xs, out)
}

// Count returns the number of annotations in the document.
func (d *Document) Count() int {
	n := 0
	for i := range d.Articles {
		a := &d.Articles[i]
		n += len(a.Attributions) + len(a.Claims) + len(a.Notes)
	}
	return n
}

// WriteDocument writes d as indented JSON in canonical order. The bytes are
// those of a json.Encoder with SetIndent("", "  ") (escaping <, > and & as
// \u003c, \u003e and \u0026, so that no string can end a <script> block),
// written faster and in bounded memory (see native_write.go).
func WriteDocument(w io.Writer, d *Document) error {
	d.Format = NativeFormat
	d.Sort()
	d.emptyLists()
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := writeDocument(bw, d); err != nil {
		return fmt.Errorf("write native JSON: %w", err)
	}
	return bw.Flush()
}

// emptyLists makes nil lists empty, so that they are written as [] (never
// null, which the schema refuses) and a project writes the same bytes whether
// its lists came back nil or empty.
func (d *Document) emptyLists() {
	if d.Speakers == nil {
		d.Speakers = []Speaker{}
	}
	if d.Articles == nil {
		d.Articles = []ArticleDoc{}
	}
	for i := range d.Articles {
		a := &d.Articles[i]
		if a.Attributions == nil {
			a.Attributions = []Attribution{}
		}
		if a.Claims == nil {
			a.Claims = []Claim{}
		}
		if a.Notes == nil {
			a.Notes = []Note{}
		}
	}
}

// MaxDocumentBytes bounds the native JSON a reader accepts.
const MaxDocumentBytes = 1 << 30

// ReadDocument reads and validates a native JSON document. Errors name the
// line and column of a syntax error, or the JSON path of a wrong value.
func ReadDocument(r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return nil, err
	}
	return ParseDocument(data)
}

// ParseDocument parses and validates a native JSON document held in data.
func ParseDocument(data []byte) (*Document, error) {
	if len(data) > MaxDocumentBytes {
		return nil, Errorf(EINVALID, "document is larger than %s", sizeString(MaxDocumentBytes))
	}
	data, err := jsonText(data)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Document
	if err := dec.Decode(&d); err != nil {
		return nil, jsonError(data, err)
	}
	// Not dec.More: it reports false for a stray '}' or ']' after the document.
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, Errorf(EINVALID, "invalid JSON: more data after the document at %s", position(data, int64(len(data)-len(rest))))
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

// jsonError turns an encoding/json error into one that says where.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the offending byte: the error is at the one before.
		return Errorf(EINVALID, "invalid JSON at %s: %s", position(data, max(0, syn.Offset-1)), syn.Error())
	case errors.As(err, &typ):
		return Errorf(EINVALID, "invalid JSON at %s: %s must be %s, not %s",
			position(data, typ.Offset), jsonPath(typ.Field), jsonKind(typ.Type), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf(EINVALID, "invalid JSON at %s: the document ends too soon", position(data, int64(len(data))))
	}
	return Errorf(EINVALID, "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names the JSON value a Go type is read from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	case reflect.Int, reflect.Int64:
		return "a whole number" // else "must be a number, not number 1.5"
	case reflect.Float64:
		return "a number"
	}
	return t.String()
}

func jsonPath(field string) string {
	if field == "" {
		return "the document"
	}
	return field
}

// position gives a byte offset as "line L, column C".
func position(data []byte, off int64) string {
	off = min(off, int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}
