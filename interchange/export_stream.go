package interchange

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/factmark/factmark/annotate"
)

// DocumentStreamer is a document service that hands out its export piece
// by piece, from one snapshot, as store.DB.ExportStream does: the head (the
// format the whole document needs, the scale, the speakers), each article in
// the document's order, its annotations in text order (as Document.Sort
// puts them), then the change log in batches, oldest first; each article
// and batch a value of its own, the callback's to keep. The native
// export and CSV stream through it, holding a few articles at a time.
type DocumentStreamer interface {
	ExportStream(ctx context.Context, ids []string, head func(*annotate.Document) error,
		article func(*annotate.ArticleDoc) error, audit func([]annotate.AuditEntry) error) error
}

// WriteExport writes the export of the articles with the given IDs (every
// article when none are given) in format f to w, as ExportFormatWith makes
// it, and returns the export without its files' bytes, for its Count and
// Summary. Every format goes to w article by article when the store can
// hand the articles out so (DocumentStreamer, DocumentPasser): memory holds
// the largest article, not the project (the brief's PDF excepted, see
// brief.WriteFrom); W3C, ClaimReview, the to-archive list and the brief read
// the articles twice, the first time for what their head says. Otherwise
// the export is made whole, then written.
// After an error w may hold part of the export: write to a temporary file
// (atomicfile.WriteFunc) that an error throws away.
func WriteExport(ctx context.Context, w io.Writer, s Store, f Format, opts ExportOptions) (*Export, error) {
	if ex, ok, err := streamFormat(ctx, w, s, f, opts); ok {
		return ex, err
	}
	ex, err := ExportFormatWith(ctx, s, f, opts)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(ex.Files[0].Data); err != nil {
		return nil, err
	}
	ex.Files[0].Data = nil
	return ex, nil
}

// exportFile is the export made as a file in memory, streamed from the
// store when it can (see WriteExport); ok is false when it cannot.
func exportFile(ctx context.Context, s Store, f Format, opts ExportOptions) (*Export, bool, error) {
	var buf bytes.Buffer
	ex, ok, err := streamFormat(ctx, &buf, s, f, opts)
	if !ok || err != nil {
		return nil, ok, err
	}
	ex.Files[0].Data = buf.Bytes()
	return ex, true, nil
}

// streamFormat writes the export in format f to w piece by piece from the
// store, for the formats that stream (all but brat's folder, which
// WriteBratFolder writes, and the native document limited to approved
// claims, which is refused); ok is false, and nothing is written, for the
// others, or when the store cannot stream.
func streamFormat(ctx context.Context, w io.Writer, s Store, f Format, opts ExportOptions) (ex *Export, ok bool, err error) {
	if _, can := s.Documents.(DocumentStreamer); !can {
		return nil, false, nil
	}
	switch {
	case f == FormatNative && !opts.ApprovedOnly:
		return streamNative(ctx, w, s, opts.Articles)
	case f == FormatCSV:
		return streamCSV(ctx, w, s, opts)
	}
	return streamPublic(ctx, w, s, f, opts)
}

// streamCSV writes the CSV export to w an article at a time, each article
// narrowed as ExportFormatWith narrows the whole document (orphans and
// withheld sources left out, only approved claims with ApprovedOnly).
func streamCSV(ctx context.Context, w io.Writer, s Store, opts ExportOptions) (*Export, bool, error) {
	settings, err := s.Settings.Settings(ctx)
	if err != nil {
		return nil, true, err
	}
	ex := &Export{Format: FormatCSV, Files: []ExportFile{{}}, streamed: true}
	var cw *csvWriter
	head := func(d *annotate.Document) error {
		ex.Doc = &annotate.Document{Format: d.Format, Scale: d.Scale, Speakers: d.Speakers}
		cw, err = newCSVWriter(w, d.Speakers)
		return err
	}
	article := func(a *annotate.ArticleDoc) error {
		d := WithoutWithheld(WithoutOrphans(&annotate.Document{Articles: []annotate.ArticleDoc{*a}}))
		if opts.ApprovedOnly {
			d = ApprovedClaims(d, settings.ApprovalsRequired)
		}
		d.Sort()
		a = &d.Articles[0]
		if n := len(a.Attributions) + len(a.Claims) + len(a.Notes); n > 0 {
			ex.articles++
			ex.annotations += n
		}
		return cw.article(a)
	}
	if err := s.Documents.(DocumentStreamer).ExportStream(ctx, opts.Articles, head, article, nil); err != nil {
		return nil, true, err
	}
	if err := cw.end(); err != nil {
		return nil, true, err
	}
	return ex, true, nil
}

// streamNative writes the native document of the articles to w piece by
// piece from the store, with the bytes WriteDocument writes for the whole
// document (each article goes through the steps WriteDocument takes on
// all of them); ok is false, and nothing is written, when the store cannot
// hand the document out in pieces or the writer could not write them.
func streamNative(ctx context.Context, w io.Writer, s Store, ids []string) (ex *Export, ok bool, err error) {
	st := s.Documents.(DocumentStreamer)
	if !streamable {
		return nil, false, nil
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	sw := newStreamWriter(bw)
	ex = &Export{Format: FormatNative, Files: []ExportFile{{}}, streamed: true}
	var format string
	head := func(d *annotate.Document) error {
		format = d.Format
		emptyLists(d)
		ex.Doc = d
		return sw.head(d)
	}
	pipe := startPipe(func(p piece) error {
		if p.article == nil {
			return sw.audit(p.audit)
		}
		a := nativeArticle(p.article, format)
		ex.articles++
		ex.annotations += len(a.Attributions) + len(a.Claims) + len(a.Notes)
		return sw.article(a)
	})
	article := func(a *annotate.ArticleDoc) error { return pipe.send(piece{article: a}) }
	audit := func(entries []annotate.AuditEntry) error { return pipe.send(piece{audit: entries}) }
	err = st.ExportStream(ctx, ids, head, article, audit)
	if werr := pipe.wait(); werr != nil {
		err = werr // the writer's failure, which stopped the export
	}
	if err == nil {
		err = sw.end()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		if _, isAnnotate := err.(*annotate.Error); !isAnnotate {
			err = fmt.Errorf("write native JSON: %w", err)
		}
		return nil, true, err
	}
	return ex, true, nil
}

// articlePipe writes the pieces of a document on a goroutine of its own
// while the store reads the next ones: reading (cgo) and encoding cost
// about as much as each other, and run side by side on two CPUs. One piece
// waits at most, so memory holds three articles (or log batches), not the
// project.
type articlePipe struct {
	ch     chan piece
	done   chan error
	failed atomic.Bool
	closed bool
}

// errWriterFailed stops the store's reading after a failed write; the
// write's own error is returned by wait.
var errWriterFailed = errors.New("the export's writer failed")

// piece is an article, or else a batch of the log.
type piece struct {
	article *annotate.ArticleDoc
	audit   []annotate.AuditEntry
}

func startPipe(write func(piece) error) *articlePipe {
	p := &articlePipe{ch: make(chan piece, 1), done: make(chan error, 1)}
	go func() {
		var err error
		for a := range p.ch {
			if err == nil {
				if err = write(a); err != nil {
					p.failed.Store(true) // and drain
				}
			}
		}
		p.done <- err
	}()
	return p
}

// send hands the piece to the writer (it is the writer's from then on).
func (p *articlePipe) send(x piece) error {
	if p.failed.Load() {
		return errWriterFailed
	}
	p.ch <- x
	return nil
}

// wait waits for the pieces sent to be written, and returns the first
// write's error; later calls return nil. Nothing may be sent after it.
func (p *articlePipe) wait() error {
	if p.closed {
		return nil
	}
	p.closed = true
	close(p.ch)
	return <-p.done
}

// nativeArticle is a, its annotations in order already (DocumentStreamer),
// as WriteDocument writes it in a document of the format: its comments in
// order, without nil lists, its statuses by their first names in a
// factmark/1 document. Sorting the annotations again (Document.Sort), only
// to find them in order, held the writer back 18 ms for 100k of them
// (CPU profile of the export).
func nativeArticle(a *annotate.ArticleDoc, format string) *annotate.ArticleDoc {
	d := &annotate.Document{Format: format, Articles: []annotate.ArticleDoc{*a}}
	sortWorkflow(d)
	emptyLists(d)
	return &legacyView(d).Articles[0]
}
