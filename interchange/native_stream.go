package interchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/factmark/factmark/annotate"
)

// NativeReader reads a native JSON document piece by piece, so that a
// project of any size is read in the memory of its largest article: first
// its head (Head: format, scale, speakers), then its articles one at a time
// (Next), then its change log in batches (Audit). Each piece is checked as
// ParseDocument checks the whole: an article with the head
// (annotate.Document.Validate, the workflow's rules), the log entry by
// entry. IDs that two articles share are the store's to refuse (an
// annotation ID is its primary key); two articles with one ID, or two log
// entries with one ID, are refused here.
//
// Errors name the article or entry (articles[12].claims[3]…) and the byte
// offset in the document where reading stopped.
//
// The document's keys must come in the order WriteDocument writes them:
// format, scale and speakers before articles, the audit log after them. A
// document in another order makes ErrOutOfOrder; ParseDocument reads it
// whole.
type NativeReader struct {
	in    *utf8Reader
	dec   *json.Decoder
	head  annotate.Document
	seen  map[string]bool // the top-level keys read
	state readerState
	index int            // the next article's
	ids   map[string]int // the articles' IDs, with their index
	entry int            // the next log entry's index
	logs  map[uuid.UUID]int
	// headChecked says checkHead has run.
	headChecked bool
}

type readerState int

const (
	stateStart    readerState = iota
	stateArticles             // in the articles array
	stateKeys                 // after the articles, reading keys
	stateAudit                // in the audit array
	stateDone
)

// AuditBatch is how many log entries Audit returns at most.
const AuditBatch = 4096

// ErrOutOfOrder is a document whose keys are not in the order a streamed
// read needs (see NativeReader).
var ErrOutOfOrder = errors.New("the document's keys are not in the order Factmark writes them")

// NewNativeReader reads the document from r, which it buffers itself.
func NewNativeReader(r io.Reader) *NativeReader {
	in := &utf8Reader{r: bufio.NewReaderSize(r, 1<<16)}
	dec := json.NewDecoder(in)
	dec.DisallowUnknownFields()
	return &NativeReader{in: in, dec: dec, seen: map[string]bool{}, ids: map[string]int{}, logs: map[uuid.UUID]int{}}
}

// Head reads the document up to its articles and returns its format, scale
// and speakers, checked.
func (r *NativeReader) Head() (*annotate.Document, error) {
	if r.state != stateStart {
		return &r.head, nil
	}
	if err := r.in.skipBOM(); err != nil {
		return nil, r.fail(err)
	}
	if err := r.delim('{', "the document must be a JSON object"); err != nil {
		return nil, err
	}
	if err := r.keys(); err != nil {
		return nil, err
	}
	return &r.head, nil
}

// checkHead checks the head, once the first article (or the end of the
// articles) has been read: a document cut short says so first, as
// ParseDocument, which reads the whole before it checks it, says.
func (r *NativeReader) checkHead() error {
	if r.headChecked {
		return nil
	}
	r.headChecked = true
	h := annotate.Document{Format: r.head.Format, Scale: r.head.Scale, Speakers: r.head.Speakers}
	return h.Validate()
}

// Next returns the next article, checked, or nil after the last.
func (r *NativeReader) Next() (*annotate.ArticleDoc, error) {
	if _, err := r.Head(); err != nil {
		return nil, err
	}
	if r.state != stateArticles {
		return nil, r.checkHead()
	}
	if !r.dec.More() {
		if err := r.delim(']', "articles: the list does not end"); err != nil {
			return nil, err
		}
		r.state = stateKeys
		if err := r.keys(); err != nil {
			return nil, err
		}
		return nil, r.checkHead()
	}
	i := r.index
	r.index++
	start := r.dec.InputOffset()
	var a annotate.ArticleDoc
	if err := r.dec.Decode(&a); err != nil {
		return nil, r.decodeError(fmt.Sprintf("articles[%d]", i), start, err)
	}
	if err := r.checkHead(); err != nil {
		return nil, err
	}
	if err := r.checkArticle(i, &a); err != nil {
		return nil, fmt.Errorf("%w (the article ends at byte %d)", err, r.dec.InputOffset())
	}
	return &a, nil
}

// checkArticle checks the i-th article as ParseDocument checks each: with
// the head's scale and speakers, its ID not another article's.
func (r *NativeReader) checkArticle(i int, a *annotate.ArticleDoc) error {
	one := annotate.Document{Format: r.head.Format, Scale: r.head.Scale, Speakers: r.head.Speakers,
		Articles: []annotate.ArticleDoc{*a}}
	err := one.Validate()
	if err == nil {
		err = checkWorkflow(&one)
	}
	if err != nil {
		return reindex(err, i)
	}
	*a = one.Articles[0] // Validate set the annotations' article IDs
	if first, dup := r.ids[a.ID]; dup {
		return annotate.Errorf(annotate.EINVALID, "articles[%d].id: %s appears twice (first at articles[%d])", i, a.ID, first)
	}
	r.ids[a.ID] = i
	return nil
}

// reindex makes an error about a one-article document's articles[0] one
// about articles[i].
func reindex(err error, i int) error {
	var e *annotate.Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Message, "articles[0]") {
		return err
	}
	return &annotate.Error{Code: e.Code, Message: fmt.Sprintf("articles[%d]", i) + strings.TrimPrefix(e.Message, "articles[0]"), Err: e.Err}
}

// Audit returns the next batch of the document's log entries, checked,
// or nil after the last (once every article has been read). It also makes
// sure nothing follows the document.
func (r *NativeReader) Audit() ([]annotate.AuditEntry, error) {
	for r.state == stateArticles {
		if a, err := r.Next(); err != nil {
			return nil, err
		} else if a != nil {
			return nil, annotate.Errorf(annotate.EINTERNAL, "the change log was read before articles[%d]", r.index-1)
		}
	}
	var batch []annotate.AuditEntry
	for r.state == stateAudit && len(batch) < AuditBatch {
		if !r.dec.More() {
			if err := r.delim(']', "audit: the list does not end"); err != nil {
				return nil, err
			}
			r.state = stateKeys
			if err := r.keys(); err != nil {
				return nil, err
			}
			break
		}
		i := r.entry
		r.entry++
		start := r.dec.InputOffset()
		var e annotate.AuditEntry
		if err := r.dec.Decode(&e); err != nil {
			return nil, r.decodeError(fmt.Sprintf("audit[%d]", i), start, err)
		}
		if err := r.checkEntry(i, &e); err != nil {
			return nil, fmt.Errorf("%w (at byte %d)", err, start)
		}
		batch = append(batch, e)
	}
	return batch, nil
}

func (r *NativeReader) checkEntry(i int, e *annotate.AuditEntry) error {
	if r.head.Format == annotate.NativeFormatV1 {
		return annotate.Errorf(annotate.EINVALID, "audit: a %s document has no audit log; it came with %s", annotate.NativeFormatV1, annotate.NativeFormat)
	}
	if err := checkAuditEntry(e); err != nil {
		return prefix(fmt.Sprintf("audit[%d]", i), err)
	}
	id := uuid.MustParse(e.ID) // checkAuditEntry made sure it is one
	if first, dup := r.logs[id]; dup {
		return annotate.Errorf(annotate.EINVALID, "audit[%d].id: %s appears twice (first at audit[%d])", i, e.ID, first)
	}
	r.logs[id] = i
	return nil
}

// keys reads the top-level keys and their values up to the start of a list
// read piece by piece (articles, audit) or the document's end.
func (r *NativeReader) keys() error {
	for {
		if !r.dec.More() {
			if err := r.delim('}', "the document does not end"); err != nil {
				return err
			}
			r.state = stateDone
			return r.end()
		}
		off := r.dec.InputOffset()
		tok, err := r.dec.Token()
		if err != nil {
			return r.fail(err)
		}
		key, _ := tok.(string)
		if r.seen[key] {
			return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: the key %q appears twice", off, key)
		}
		r.seen[key] = true
		var target any
		switch key {
		case "format":
			target = &r.head.Format
		case "scale":
			target = &r.head.Scale
		case "speakers":
			target = &r.head.Speakers
		case "articles", "audit":
			if key == "audit" && !r.seen["articles"] || key == "articles" && r.state != stateStart {
				return ErrOutOfOrder
			}
			if err := r.delim('[', key+" must be a list"); err != nil {
				return err
			}
			r.state = map[string]readerState{"articles": stateArticles, "audit": stateAudit}[key]
			return nil
		default:
			return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: unknown field %q", off, key)
		}
		if r.state != stateStart {
			return ErrOutOfOrder // the head after the articles
		}
		if err := r.dec.Decode(target); err != nil {
			return r.decodeError(key, off, err)
		}
	}
}

// end makes sure nothing but white space follows the document.
func (r *NativeReader) end() error {
	off := r.dec.InputOffset()
	if _, err := r.dec.Token(); err == io.EOF {
		return nil
	} else if err != nil {
		return r.fail(err)
	}
	return annotate.Errorf(annotate.EINVALID, "invalid JSON: more data after the document at byte %d", off)
}

// delim reads the delimiter want, or fails with what (naming what was
// expected).
func (r *NativeReader) delim(want json.Delim, what string) error {
	off := r.dec.InputOffset()
	tok, err := r.dec.Token()
	if err != nil {
		return r.fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: %s", off, what)
	}
	return nil
}

// fail explains a read or syntax error, with the byte offset.
func (r *NativeReader) fail(err error) error {
	var ae *annotate.Error
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &ae):
		return err
	case errors.As(err, &syn):
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: %s", max(0, syn.Offset-1), syn.Error())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: the document ends too soon", r.in.off)
	}
	return annotate.Errorf(annotate.EINVALID, "read the document: %s", err)
}

// decodeError explains an error decoding the value of where that starts
// at byte start.
func (r *NativeReader) decodeError(where string, start int64, err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := where
		if typ.Field != "" {
			field += "." + typ.Field
		}
		return annotate.Errorf(annotate.EINVALID, "invalid JSON at byte %d: %s must be %s, not %s",
			start+typ.Offset, field, jsonKind(typ.Type), typ.Value)
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, new(*annotate.Error)) {
		var e *annotate.Error
		if errors.As(r.fail(err), &e) {
			return &annotate.Error{Code: e.Code, Message: where + ": " + e.Message, Err: e.Err}
		}
	}
	return annotate.Errorf(annotate.EINVALID, "%s: invalid JSON at byte %d: %s", where, r.dec.InputOffset(),
		strings.TrimPrefix(err.Error(), "json: "))
}

// utf8Reader passes bytes through, failing at the first that is not UTF-8
// (encoding/json would read it as U+FFFD), with its offset.
type utf8Reader struct {
	r    *bufio.Reader
	off  int64  // bytes passed on
	tail []byte // an incomplete sequence held back from the last read
}

// skipBOM drops a UTF-8 byte order mark; a UTF-16 document is for
// ParseDocument (ErrOutOfOrder, as a document it must read whole).
func (u *utf8Reader) skipBOM() error {
	head, _ := u.r.Peek(1024)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		u.r.Discard(3)
		u.off = 3
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return ErrOutOfOrder
	default:
		_, err := annotate.ToUTF8(head) // refuses UTF-16 without a byte order mark
		return err
	}
	return nil
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	n := copy(p, u.tail)
	u.tail = u.tail[:0]
	m, err := u.r.Read(p[n:])
	n += m
	valid := n
	if err == nil {
		// Hold back a sequence the next read may complete.
		for i := 1; i < utf8.UTFMax && i <= n; i++ {
			if c := p[n-i]; c >= 0xC0 {
				if !utf8.FullRune(p[n-i : n]) {
					valid = n - i
				}
				break
			} else if c < 0x80 {
				break
			}
		}
	}
	if !utf8.Valid(p[:valid]) {
		bad := annotate.InvalidUTF8At(p[:valid])
		return 0, annotate.Errorf(annotate.EINVALID, "invalid JSON: not valid UTF-8: bad byte at byte %d", u.off+int64(bad))
	}
	u.tail = append(u.tail, p[valid:n]...)
	u.off += int64(valid)
	return valid, err
}
