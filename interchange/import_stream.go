package interchange

import (
	"context"
	"errors"
	"io"

	"github.com/factmark/factmark/annotate"
)

// StreamStore is a project that can store a native document as it is read
// (store.DB.ImportStream): its head, then its articles one at a time (nil
// after the last), then its change log in batches (nil after the last),
// all in one transaction.
type StreamStore interface {
	ImportStream(ctx context.Context, head *annotate.Document,
		next func() (*annotate.ArticleDoc, error), audit func() ([]annotate.AuditEntry, error)) (annotate.ImportResult, error)
}

// ImportNative imports a native JSON document that open reads, in the
// memory of its largest article when the project's Documents can store a
// stream (StreamStore), whatever the document's size; otherwise, or when
// the document's keys are not in the order a stream needs (ErrOutOfOrder),
// it is read whole, as Import reads it (at most MaxDocumentBytes). On error
// nothing is stored; the error names the article or entry and the byte
// offset (without the file's name, which the caller adds). open may be
// called twice.
func ImportNative(ctx context.Context, s Store, name string, open func() (io.ReadCloser, error), opts ImportOptions) (*Report, error) {
	ctx = withSource(ctx, name)
	if opts.ArticleID != "" || opts.RevisionOf != "" {
		return nil, annotate.Errorf(annotate.EINVALID, "an article is chosen only for Hypothesis annotations, and a revision is a file of article text; this is %s", FormatNative.Label())
	}
	if st, ok := s.Documents.(StreamStore); ok {
		r, err := importStream(ctx, st, name, open)
		if !errors.Is(err, ErrOutOfOrder) {
			return r, err
		}
	}
	f, err := open()
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxDocumentBytes+1))
	f.Close()
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "read the document: %s", err)
	}
	return importAnnotations(ctx, s, FormatNative, name, data, opts)
}

func importStream(ctx context.Context, st StreamStore, name string, open func() (io.ReadCloser, error)) (*Report, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := NewNativeReader(f)
	head, err := r.Head()
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	defer close(done)
	next, audit := readAhead(r, done)
	res, err := st.ImportStream(ctx, head, next, audit)
	if err != nil {
		return nil, err
	}
	return &Report{Name: name, Format: FormatNative, Stored: res}, nil
}

// readAhead reads r's articles, then its log, in a goroutine of its own, a
// few pieces ahead of the store: decoding and checking the next article
// overlaps storing this one (on two cores, the import's wall time is
// about the longer of the two instead of their sum). The functions give
// the pieces in r's order; done stops the reading.
func readAhead(r *NativeReader, done <-chan struct{}) (next func() (*annotate.ArticleDoc, error), audit func() ([]annotate.AuditEntry, error)) {
	type piece struct {
		article *annotate.ArticleDoc
		entries []annotate.AuditEntry
		err     error
	}
	pieces := make(chan piece, 4)
	go func() {
		defer close(pieces)
		send := func(p piece) bool {
			select {
			case pieces <- p:
				return p.err == nil
			case <-done:
				return false
			}
		}
		for {
			a, err := r.Next()
			if !send(piece{article: a, err: err}) {
				return
			}
			if a == nil {
				break
			}
		}
		for {
			batch, err := r.Audit()
			if !send(piece{entries: batch, err: err}) || batch == nil {
				return
			}
		}
	}()
	get := func() piece {
		p, ok := <-pieces
		if !ok {
			return piece{err: annotate.Errorf(annotate.EINTERNAL, "the document was read past its end")}
		}
		return p
	}
	next = func() (*annotate.ArticleDoc, error) { p := get(); return p.article, p.err }
	audit = func() ([]annotate.AuditEntry, error) { p := get(); return p.entries, p.err }
	return next, audit
}
