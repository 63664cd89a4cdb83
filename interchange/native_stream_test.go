package interchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// readStreamed reads data with a NativeReader into one document.
func readStreamed(data []byte) (*annotate.Document, error) {
	r := NewNativeReader(bytes.NewReader(data))
	head, err := r.Head()
	if err != nil {
		return nil, err
	}
	d := *head
	for {
		a, err := r.Next()
		if err != nil {
			return nil, err
		}
		if a == nil {
			break
		}
		d.Articles = append(d.Articles, *a)
	}
	for {
		batch, err := r.Audit()
		if err != nil {
			return nil, err
		}
		if batch == nil {
			return &d, nil
		}
		d.Audit = append(d.Audit, batch...)
	}
}

// TestNativeReaderReadsWhatParseDocumentReads: every sample document, read
// piece by piece, is the document ParseDocument reads, and writes the same
// bytes.
func TestNativeReaderReadsWhatParseDocumentReads(t *testing.T) {
	for _, name := range []string{"sample.factmark.json", "sample.factmark2.json", "sample.workflow.factmark.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := ParseDocument(data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := readStreamed(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Articles) == 0 {
				t.Fatal("the sample has no articles")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the streamed document differs from ParseDocument's")
			}
			var a, b bytes.Buffer
			if err := WriteDocument(&a, got); err != nil {
				t.Fatal(err)
			}
			if err := WriteDocument(&b, want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("the streamed document writes other bytes")
			}
			// A byte order mark changes nothing.
			bom, err := readStreamed(append([]byte("\uFEFF"), data...))
			if err != nil || !reflect.DeepEqual(bom, want) {
				t.Errorf("with a byte order mark: %v", err)
			}
		})
	}
}

// TestNativeReaderErrors: a broken document is refused with the article or
// entry it is in and the byte offset where reading stopped; one whose keys
// are out of order says so, for the caller to read it whole.
func TestNativeReaderErrors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "sample.factmark2.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if !strings.Contains(doc, `"start": `) {
		t.Fatal("the sample has no start offsets")
	}
	first := strings.Index(doc, `"articles": [`)
	// The sample's only article written twice: the second is articles[1].
	art := doc[first+len(`"articles": [`) : strings.LastIndex(doc, "]\n}")]
	twice := doc[:first] + `"articles": [` + art + "," + art + "]\n}\n"
	second := strings.Index(twice, art+",") + len(art) + 1 // where articles[1] starts
	for _, tt := range []struct {
		name, data string
		parts      []string
	}{
		{"cut short in an article", doc[:len(doc)/2], []string{"articles[0]", "ends too soon", "byte"}},
		{"the same article twice", twice, []string{"articles[1].id", "appears twice", "articles[0]"}},
		{"a wrong type in the second article", twice[:second] + strings.Replace(twice[second:], `"start": `, `"start": "x", "was": `, 1),
			[]string{"articles[1].", "start", "whole number", "byte"}},
		{"a syntax error in the second article", twice[:second] + strings.Replace(twice[second:], `"start": `, `"start": ]`, 1),
			[]string{"articles[1]", "invalid JSON at byte"}},
		{"an unknown key", strings.Replace(doc, `"format"`, `"colour": 1, "format"`, 1), []string{"unknown field", "colour", "byte"}},
		{"more after the end", doc + `{"more": 1}`, []string{"more data after the document", "byte"}},
		{"not UTF-8", strings.Replace(doc, `"format"`, "\"\xff\": 0, \"format\"", 1), []string{"UTF-8", "byte"}},
		{"an article out of its text", strings.Replace(twice, `"start": `, `"start": 99999`, 1), []string{"articles[0]"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readStreamed([]byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %s, want EINVALID: %v", annotate.ErrorCode(err), err)
			}
			for _, p := range tt.parts {
				if !strings.Contains(err.Error(), p) {
					t.Errorf("error %q does not say %q", err, p)
				}
			}
		})
	}
	for name, data := range map[string]string{
		"the log before the articles":  `{"format": "factmark/2", "audit": [], "articles": []}`,
		"the scale after the articles": `{"format": "factmark/2", "articles": [], "scale": {"name": "x", "verdicts": []}}`,
	} {
		if _, err := readStreamed([]byte(data)); !errors.Is(err, ErrOutOfOrder) {
			t.Errorf("%s: %v, want ErrOutOfOrder", name, err)
		}
	}
}

// FuzzNativeReader: whatever the bytes, the streamed read and ParseDocument
// agree. A document ParseDocument accepts is read piece by piece into the
// same document (unless its keys are out of order, or it is UTF-16, which
// the stream leaves to ParseDocument); one the stream reads whole,
// ParseDocument accepts, except for two articles that share an annotation
// ID, which the store refuses when it stores the second.
func FuzzNativeReader(f *testing.F) {
	addTestdata(f, "sample.factmark.json")
	addTestdata(f, "sample.factmark2.json")
	addTestdata(f, workflowGolden)
	f.Add([]byte(`{"format": "factmark/1", "scale": {"name": "s", "verdicts": [{"label": "True", "value": 1}]}, "speakers": [], "articles": []}`))
	f.Add([]byte(`{"format": "factmark/2", "articles": [], "audit": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr := ParseDocument(data)
		got, err := readStreamed(data)
		if errors.Is(err, ErrOutOfOrder) {
			return
		}
		if wantErr == nil && err != nil {
			t.Fatalf("ParseDocument accepts the document, the stream refuses it: %v", err)
		}
		if wantErr != nil && err == nil {
			if strings.Contains(wantErr.Error(), "appears twice") || strings.Contains(wantErr.Error(), "is used twice") {
				return // an ID in two articles: the store's to refuse
			}
			t.Fatalf("the stream accepts the document, ParseDocument refuses it: %v", wantErr)
		}
		if err == nil && !reflect.DeepEqual(topNil(got), topNil(want)) {
			t.Fatal("the streamed document differs from ParseDocument's")
		}
	})
}

// topNil is d with its empty top-level lists nil: a streamed read makes no
// list it found no piece of.
func topNil(d *annotate.Document) annotate.Document {
	c := *d
	if len(c.Speakers) == 0 {
		c.Speakers = nil
	}
	if len(c.Articles) == 0 {
		c.Articles = nil
	}
	if len(c.Audit) == 0 {
		c.Audit = nil
	}
	return c
}
