package interchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// WriteDocument writes d as indented JSON in canonical order. The bytes are
// those of a json.Encoder with SetIndent("", "  ") (escaping <, > and & as
// \u003c, \u003e and \u0026, so that no string can end a <script> block),
// written faster and in bounded memory (see native_write.go). The version
// is the earliest that holds d (Document.NeededFormat): factmark/1, which
// older Factmarks read, unless an article has pages, turns, a source file,
// revisions or the fact-check workflow's records (approvals, corrections,
// comments, an audit log, evidence records, a status of the lifecycle that
// the first release had no name for). A factmark/1 document spells each
// status by its first-release name (legacyView).
//
// Withheld evidence stays in: the native document is the project's own
// lossless copy (a backup, a move to another newsroom machine), and a
// project restored from it needs every source its verdicts rest on. Only
// the public exports leave such sources out (WithoutWithheld).
func WriteDocument(w io.Writer, d *annotate.Document) error {
	d.Format = d.NeededFormat()
	d.Sort()
	sortWorkflow(d)
	emptyLists(d)
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := writeDocument(bw, d); err != nil {
		return fmt.Errorf("write native JSON: %w", err)
	}
	return bw.Flush()
}

// emptyLists makes nil lists empty, so that they are written as [] (never
// null, which the schema refuses) and a project writes the same bytes whether
// its lists came back nil or empty.
func emptyLists(d *annotate.Document) {
	if d.Speakers == nil {
		d.Speakers = []annotate.Speaker{}
	}
	if d.Articles == nil {
		d.Articles = []annotate.ArticleDoc{}
	}
	for i := range d.Articles {
		a := &d.Articles[i]
		if a.Attributions == nil {
			a.Attributions = []annotate.Attribution{}
		}
		if a.Claims == nil {
			a.Claims = []annotate.Claim{}
		}
		if a.Notes == nil {
			a.Notes = []annotate.Note{}
		}
	}
}

// MaxDocumentBytes bounds the native JSON a reader accepts.
const MaxDocumentBytes = 1 << 30

// ReadDocument reads and validates a native JSON document. Errors name the
// line and column of a syntax error, or the JSON path of a wrong value.
func ReadDocument(r io.Reader) (*annotate.Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return nil, err
	}
	return ParseDocument(data)
}

// ParseDocument parses and validates a native JSON document held in data.
func ParseDocument(data []byte) (*annotate.Document, error) {
	if len(data) > MaxDocumentBytes {
		return nil, annotate.Errorf(annotate.EINVALID, "document is larger than %s", annotate.SizeString(MaxDocumentBytes))
	}
	data, err := jsonText(data)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d annotate.Document
	if err := dec.Decode(&d); err != nil {
		return nil, jsonError(data, err)
	}
	// Not dec.More: it reports false for a stray '}' or ']' after the document.
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, annotate.Errorf(annotate.EINVALID, "invalid JSON: more data after the document at %s", position(data, int64(len(data)-len(rest))))
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if err := checkWorkflow(&d); err != nil {
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
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at %s: %s", position(data, max(0, syn.Offset-1)), syn.Error())
	case errors.As(err, &typ):
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at %s: %s must be %s, not %s",
			position(data, typ.Offset), jsonPath(typ.Field), jsonKind(typ.Type), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at %s: the document ends too soon", position(data, int64(len(data))))
	}
	return annotate.Errorf(annotate.EINVALID, "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
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
