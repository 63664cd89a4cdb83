package interchange

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/factmark/factmark/annotate"
)

// DocumentStreamer is a document service that hands out its export piece
// by piece, from one snapshot, as store.DB.ExportStream does: the head (the
// format the whole document needs, the scale, the speakers), each article in
// the document's order, then the change log in batches, oldest first. The
// native export streams through it, holding one article at a time.
type DocumentStreamer interface {
	ExportStream(ctx context.Context, ids []string, head func(*annotate.Document) error,
		article func(*annotate.ArticleDoc) error, audit func([]annotate.AuditEntry) error) error
}

// WriteExport writes the export of the articles with the given IDs (every
// article when none are given) in format f to w, as ExportFormatWith makes
// it, and returns the export without its files' bytes, for its Count and
// Summary. The native document and CSV go to w article by article when the
// store can hand them out so (DocumentStreamer): memory holds the largest
// article, not the project. Other formats are made whole, then written.
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
// store, for the formats that stream (native JSON, CSV); ok is false, and
// nothing is written, for the others, or when the store cannot stream.
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
	return nil, false, nil
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
	article := func(a *annotate.ArticleDoc) error {
		a = nativeArticle(a, format)
		ex.articles++
		ex.annotations += len(a.Attributions) + len(a.Claims) + len(a.Notes)
		return sw.article(a)
	}
	err = st.ExportStream(ctx, ids, head, article, sw.audit)
	if err == nil {
		err = sw.end()
	}
	if err == nil {
		err = bw.Flush()
	} else if _, isAnnotate := err.(*annotate.Error); !isAnnotate {
		err = fmt.Errorf("write native JSON: %w", err)
	}
	if err != nil {
		return nil, true, err
	}
	return ex, true, nil
}

// nativeArticle is a as WriteDocument writes it in a document of the
// format: in order, without nil lists, its statuses by their first names
// in a factmark/1 document.
func nativeArticle(a *annotate.ArticleDoc, format string) *annotate.ArticleDoc {
	d := &annotate.Document{Format: format, Articles: []annotate.ArticleDoc{*a}}
	d.Sort()
	sortWorkflow(d)
	emptyLists(d)
	return &legacyView(d).Articles[0]
}
