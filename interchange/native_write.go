package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/factmark/factmark/annotate"
)

// The native document is written as a json.Encoder with SetIndent("", "  ")
// (and its default HTML escaping, see writeJSON) would write it, byte for
// byte, but not the way it does: that Encoder marshals the whole document into one buffer and then
// indents it with json.Indent, which steps a full JSON scanner over every
// byte. For a project of 100k annotations (80 MB of JSON) that took about
// 1 s and three buffers the size of the output. Here the document is encoded
// piece by piece, annotations in batches across the CPUs, each piece indented
// by indenter, a plain loop over the compact JSON.

// streamable reports whether Document and ArticleDoc have the fields
// writeStreamed writes, in its order. A field added to either makes it false,
// and the document is then written whole, slower but right.
var streamable = fieldsAre(reflect.TypeFor[annotate.Document](), "Format", "Scale", "Speakers", "Articles", "Audit") &&
	fieldsAre(reflect.TypeFor[annotate.ArticleDoc](), "Article", "Revisions", "Attributions", "Claims", "Notes", "Comments") &&
	reflect.TypeFor[annotate.ArticleDoc]().Field(0).Anonymous

func fieldsAre(t reflect.Type, names ...string) bool {
	if t.NumField() != len(names) {
		return false
	}
	for i, name := range names {
		if t.Field(i).Name != name {
			return false
		}
	}
	return true
}

func writeDocument(w io.Writer, d *annotate.Document) error {
	d = legacyView(d)
	if !streamable {
		return writeWhole(w, d)
	}
	return writeStreamed(w, d)
}

// legacyView is d as a factmark/1 document says it: each claim's status by
// its first-release name (new, in_review, checked, dismissed), which is all
// a factmark/1 reader knows. Document.NeededFormat chooses factmark/1 only
// when every status has one. The view shares everything with d but the
// claims, so that writing never changes the caller's document.
func legacyView(d *annotate.Document) *annotate.Document {
	if d.Format != annotate.NativeFormatV1 {
		return d
	}
	view := *d
	view.Articles = make([]annotate.ArticleDoc, len(d.Articles))
	for i := range d.Articles {
		a := d.Articles[i]
		a.Claims = make([]annotate.Claim, len(a.Claims))
		for j, c := range d.Articles[i].Claims {
			if name, ok := c.Status.LegacyName(); ok {
				c.Status = annotate.Status(name)
			}
			a.Claims[j] = c
		}
		view.Articles[i] = a
	}
	return &view
}

// writeWhole is the plain way: the compact document, then indented.
func writeWhole(w io.Writer, d *annotate.Document) error {
	d = legacyView(d)
	var buf bytes.Buffer
	enc := newEncoder(&buf)
	if err := enc.Encode(d); err != nil {
		return err
	}
	ind := indenter{w: w}
	ind.indent(buf.Bytes())
	return ind.flush()
}

// newEncoder is the encoder of every piece: HTML escaping stays on (see
// writeJSON).
func newEncoder(w io.Writer) *json.Encoder { return json.NewEncoder(w) }

// writeStreamed writes the document in pieces: its compact JSON is
//
//	{"format":…,"scale":…,"speakers":[…],"articles":[{…article fields…,
//	"revisions":[…] (when there are any),"attributions":[…],"claims":[…],"notes":[…],
//	"comments":[…] (when there are any)},…],"audit":[…] (when there is one)}
//
// and each piece goes through one indenter as if it were one text.
func writeStreamed(w io.Writer, d *annotate.Document) error {
	sw := newStreamWriter(w)
	if err := sw.head(d); err != nil {
		return err
	}
	for i := range d.Articles {
		if err := sw.article(&d.Articles[i]); err != nil {
			return err
		}
	}
	if err := sw.audit(d.Audit); err != nil {
		return err
	}
	return sw.end()
}

// streamWriter writes a native document piece by piece, as writeStreamed
// describes: head, then each article, then the log in batches, then end.
// Whether the pieces come from a document in memory or from the store one
// at a time, the bytes are the same.
type streamWriter struct {
	buf      bytes.Buffer
	enc      *json.Encoder // Encode ends each value with '\n': space the indenter drops
	ind      *indenter
	articles int
	log      listWriter[annotate.AuditEntry]
	parts    []indenter // the article lists' parts, their buffers kept from one list to the next
}

func newStreamWriter(w io.Writer) *streamWriter {
	sw := &streamWriter{ind: &indenter{w: w}}
	sw.enc = newEncoder(&sw.buf)
	sw.log.ind = sw.ind
	return sw
}

// emit indents what is buffered.
func (sw *streamWriter) emit() error {
	sw.ind.indent(sw.buf.Bytes())
	sw.buf.Reset()
	return sw.ind.flushIfFull()
}

// head writes the document up to its first article: format, scale and
// speakers.
func (sw *streamWriter) head(d *annotate.Document) error {
	buf, enc := &sw.buf, sw.enc
	buf.WriteString(`{"format":`)
	if err := enc.Encode(d.Format); err != nil {
		return err
	}
	buf.WriteString(`,"scale":`)
	if err := enc.Encode(&d.Scale); err != nil {
		return err
	}
	buf.WriteString(`,"speakers":`)
	if err := enc.Encode(d.Speakers); err != nil {
		return err
	}
	buf.WriteString(`,"articles":[`)
	return nil
}

// article writes the next article.
func (sw *streamWriter) article(a *annotate.ArticleDoc) error {
	buf, enc, ind := &sw.buf, sw.enc, sw.ind
	if sw.articles > 0 {
		buf.WriteByte(',')
	}
	sw.articles++
	// The article's own fields, without the closing brace: the lists
	// follow them in the same object.
	if err := enc.Encode(&a.Article); err != nil {
		return err
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("}\n")) {
		return errors.New("article did not encode as an object")
	}
	buf.Truncate(buf.Len() - 2)
	if len(a.Revisions) > 0 { // omitempty, as json.Marshal writes it
		buf.WriteString(`,"revisions":`)
		if err := enc.Encode(a.Revisions); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's '\n'
	}
	buf.WriteString(`,"attributions":`)
	if err := sw.emit(); err != nil {
		return err
	}
	if len(a.Attributions)+len(a.Claims)+len(a.Notes) > 0 {
		ind.text = newArticleText(a.Text) // for the anchors (see anchor)
		defer func() { ind.text = nil }()
	}
	if err := writeListIn(ind, &sw.parts, a.Attributions); err != nil {
		return err
	}
	buf.WriteString(`,"claims":`)
	if err := sw.emit(); err != nil {
		return err
	}
	if err := writeListIn(ind, &sw.parts, a.Claims); err != nil {
		return err
	}
	buf.WriteString(`,"notes":`)
	if err := sw.emit(); err != nil {
		return err
	}
	if err := writeListIn(ind, &sw.parts, a.Notes); err != nil {
		return err
	}
	if len(a.Comments) > 0 {
		buf.WriteString(`,"comments":`)
		if err := sw.emit(); err != nil {
			return err
		}
		if err := writeListIn(ind, &sw.parts, a.Comments); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

// audit writes the next entries of the log, after the articles. A log is
// written only when it has entries (omitempty, as json.Marshal writes it).
func (sw *streamWriter) audit(entries []annotate.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if sw.log.n == 0 {
		sw.buf.WriteString(`],"audit":`)
		if err := sw.emit(); err != nil {
			return err
		}
	}
	return sw.log.write(entries)
}

// end closes the log (or the articles, when there is no log) and the
// document, and writes what is left.
func (sw *streamWriter) end() error {
	if sw.log.n == 0 {
		sw.buf.WriteString("]")
	} else if err := sw.log.end(); err != nil {
		return err
	}
	sw.buf.WriteString("}\n")
	if err := sw.emit(); err != nil {
		return err
	}
	return sw.ind.flush()
}

// listBatch is how many elements of a list are encoded at once, split across
// the CPUs: enough to keep them busy, few enough to bound the memory.
const listBatch = 4096

// writeList writes a JSON array of list's elements through ind.
func writeList[T any](ind *indenter, list []T) error {
	var parts []indenter
	return writeListIn(ind, &parts, list)
}

// writeListIn is writeList with the parts (and their buffers) of an
// earlier list, which it leaves in *parts for the next.
func writeListIn[T any](ind *indenter, parts *[]indenter, list []T) error {
	lw := listWriter[T]{ind: ind, parts: *parts}
	err := lw.write(list)
	*parts = lw.parts
	if err != nil {
		return err
	}
	return lw.end()
}

// listWriter writes a JSON array through ind, its elements given in
// batches (write) and the array closed by end. Batches of elements are
// encoded and indented in parallel, each part with an indenter of its own
// that starts where the part starts (inside the array, after the '[' or
// after an element), and written in order.
type listWriter[T any] struct {
	ind   *indenter
	n     int // elements written
	parts []indenter
}

func (lw *listWriter[T]) write(list []T) error {
	ind := lw.ind
	if len(list) == 0 {
		return nil
	}
	if lw.n == 0 {
		ind.indent([]byte("["))
	}
	inside := ind.depth + 1 // the depth of the elements
	if lw.n > 0 {
		inside = ind.depth
	}
	for start := 0; start < len(list); start += listBatch {
		batch := list[start:min(start+listBatch, len(list))]
		if err := lw.batch(batch, inside); err != nil {
			return err
		}
	}
	ind.depth, ind.needIndent = inside, false
	return nil
}

// batch writes up to listBatch elements, split across the CPUs.
func (lw *listWriter[T]) batch(batch []T, inside int) error {
	ind := lw.ind
	workers := max(1, min(runtime.GOMAXPROCS(0), len(batch)/256))
	if len(lw.parts) < workers {
		lw.parts = append(lw.parts, make([]indenter, workers-len(lw.parts))...)
	}
	parts := lw.parts[:workers]
	errs := make([]error, workers)
	size := (len(batch) + workers - 1) / workers
	var wg sync.WaitGroup
	for p := range workers {
		from, to := min(p*size, len(batch)), min((p+1)*size, len(batch))
		if from == to {
			parts[p].out = parts[p].out[:0]
			continue
		}
		first := lw.n+from == 0
		wg.Go(func() {
			part := &parts[p]
			part.out = part.out[:0]
			part.depth, part.needIndent, part.text = inside, false, ind.text
			if first {
				part.depth, part.needIndent = ind.depth, ind.needIndent
			}
			errs[p] = encodeElements(part, batch[from:to], first)
		})
	}
	wg.Wait()
	lw.n += len(batch)
	for p := range workers {
		if errs[p] != nil {
			return errs[p]
		}
		if err := ind.flush(); err != nil {
			return err
		}
		if _, err := ind.w.Write(parts[p].out); err != nil {
			return err
		}
	}
	return nil
}

// end closes the array: "[]" when no element was written.
func (lw *listWriter[T]) end() error {
	ind := lw.ind
	if lw.n == 0 {
		ind.indent([]byte("[]"))
		return ind.flushIfFull()
	}
	ind.indent([]byte("]"))
	return ind.flushIfFull()
}

// encodeElements appends the elements, indented, to part.out, each after a
// comma unless it is the list's first: by appendElement when it can, else
// through the encoder and the indenter.
func encodeElements[T any](part *indenter, elems []T, first bool) error {
	var buf bytes.Buffer
	var enc *json.Encoder
	for i := range elems {
		if i > 0 || !first {
			buf.WriteByte(',')
		}
		if buf.Len() > 0 && fastTypes {
			part.indent(buf.Bytes())
			buf.Reset()
		}
		part.reserve(elementRoom)
		if buf.Len() == 0 && appendElement(part, &elems[i]) {
			continue
		}
		if enc == nil {
			enc = newEncoder(&buf)
		}
		if err := enc.Encode(&elems[i]); err != nil {
			return err
		}
		if buf.Len() >= 1<<16 {
			part.indent(buf.Bytes())
			buf.Reset()
		}
	}
	part.indent(buf.Bytes())
	return nil
}

// indenter indents compact JSON, as json.Marshal writes it, with two spaces
// a level exactly as json.Indent(dst, src, "", "  ") would: a newline and
// indentation after '{', '[' and ',', and before '}' and ']'; ": " after a
// key; empty objects and arrays stay "{}" and "[]"; space outside strings is
// dropped, except after the top-level value, where it is kept. Its input may
// come in pieces that split the text anywhere but inside a string. The input
// is valid JSON: it comes from the encoder.
type indenter struct {
	w          io.Writer
	out        []byte
	depth      int
	needIndent bool         // after '{' or '[', until it is known not to be empty
	text       *articleText // the text of the article whose annotations are written, or nil (see anchor)
}

var indentation = []byte("\n" + strings.Repeat("  ", 32))

func (ind *indenter) newline() {
	for n := 1 + 2*ind.depth; n > 0; n -= len(indentation) - 1 {
		ind.out = append(ind.out, indentation[:min(n, len(indentation))]...)
	}
}

func (ind *indenter) indent(src []byte) {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			if ind.depth == 0 && !ind.needIndent {
				ind.out = append(ind.out, c)
			}
			continue
		}
		if ind.needIndent && c != '}' && c != ']' {
			ind.needIndent = false
			ind.depth++
			ind.newline()
		}
		switch c {
		case '"':
			// Copy the whole string: it ends at the first quote that is not
			// escaped, that is, not after an odd number of backslashes.
			j := i + 1
			for {
				k := bytes.IndexByte(src[j:], '"')
				if k < 0 {
					j = len(src) - 1 // not JSON; cannot come from the encoder
					break
				}
				j += k
				b := j
				for src[b-1] == '\\' {
					b--
				}
				if (j-b)%2 == 0 {
					break
				}
				j++
			}
			ind.out = append(ind.out, src[i:j+1]...)
			i = j
		case '{', '[':
			ind.needIndent = true
			ind.out = append(ind.out, c)
		case ',':
			ind.out = append(ind.out, c)
			ind.newline()
		case ':':
			ind.out = append(ind.out, ':', ' ')
		case '}', ']':
			if ind.needIndent {
				ind.needIndent = false
			} else {
				ind.depth--
				ind.newline()
			}
			ind.out = append(ind.out, c)
		default:
			ind.out = append(ind.out, c)
		}
	}
}

// elementRoom is the room encodeElements makes before each element: more
// than most annotations take.
const elementRoom = 4 << 10

// reserve makes room for n more bytes of output, doubling the buffer when
// it must grow: append grows a large one by a quarter at a time, and a
// list's parts (megabytes each in an export of 100k annotations) were
// allocated about five times their size as they grew.
func (ind *indenter) reserve(n int) {
	if cap(ind.out)-len(ind.out) >= n {
		return
	}
	out := make([]byte, len(ind.out), 2*cap(ind.out)+n)
	copy(out, ind.out)
	ind.out = out
}

func (ind *indenter) flushIfFull() error {
	if len(ind.out) < 1<<16 {
		return nil
	}
	return ind.flush()
}

func (ind *indenter) flush() error {
	_, err := ind.w.Write(ind.out)
	ind.out = ind.out[:0]
	return err
}
