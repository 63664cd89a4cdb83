package brief

import (
	"bufio"
	"io"

	"github.com/factmark/factmark/annotate"
)

// Write writes the brief of doc in opts.Format: its claims with a verdict
// (only the approved ones with opts.ApprovedOnly), article by article.
// settings give the organisation that signs it and the approvals a claim
// needs. A document with no such claim writes a brief that says so.
func Write(w io.Writer, doc *annotate.Document, settings annotate.Settings, opts Options) error {
	_, _, err := WriteFrom(w, DocumentPasses(doc), settings, opts)
	return err
}

// Passes hands out a document's head (without its articles), then each of
// its articles in order, once per pass, all from the same snapshot (as
// store.DB.ExportPasses does); an error from a callback stops it and
// comes back as it is.
type Passes func(passes int, head func(*annotate.Document) error, article func(pass int, a *annotate.ArticleDoc) error) error

// DocumentPasses hands out the articles of doc, in memory.
func DocumentPasses(doc *annotate.Document) Passes {
	return func(passes int, head func(*annotate.Document) error, article func(int, *annotate.ArticleDoc) error) error {
		h := *doc
		h.Articles, h.Audit = nil, nil
		if err := head(&h); err != nil {
			return err
		}
		for pass := range passes {
			for i := range doc.Articles {
				if err := article(pass, &doc.Articles[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// WriteFrom writes the brief as Write does, of the articles src hands out,
// holding one article at a time: a first pass gathers what the brief's
// head says (its title, its date, whether it holds any claim), the second
// writes each article as it comes. The PDF is the exception: the PDF
// library keeps every page in memory until the file is complete (about
// as much as the PDF's uncompressed content), though not the articles.
// It returns the number of claims written and of articles they are on.
func WriteFrom(w io.Writer, src Passes, settings annotate.Settings, opts Options) (claims, articles int, err error) {
	bw := bufio.NewWriter(w)
	var s sink
	switch opts.Format {
	case HTML:
		s = &htmlSink{w: bw}
	case Markdown:
		s = &mdWriter{w: bw}
	case PDF:
		s = &pdfSink{w: bw, compress: true}
	default:
		return 0, 0, annotate.Errorf(annotate.EINVALID, "%q is not a brief format (html, md or pdf)", opts.Format)
	}
	var m *model
	var counting, writing *builder // the first pass's and the second's
	started := false
	head := func(d *annotate.Document) error {
		m = newHead(d, settings)
		count := opts
		count.NoArticleText = true // the first pass only counts
		counting, writing = newBuilder(d, settings, count), newBuilder(d, settings, opts)
		return nil
	}
	article := func(pass int, a *annotate.ArticleDoc) error {
		if pass == 0 {
			if av, ok := counting.view(a); ok {
				m.add(&av)
			}
			return nil
		}
		if !started {
			started = true
			if err := start(m, s, opts); err != nil {
				return err
			}
		}
		if av, ok := writing.view(a); ok {
			return s.article(m, &av)
		}
		return nil
	}
	if err := src(2, head, article); err != nil {
		return 0, 0, err
	}
	if !started {
		if err := start(m, s, opts); err != nil {
			return 0, 0, err
		}
	}
	if err := s.end(m); err != nil {
		return 0, 0, err
	}
	return m.claims, m.articles, bw.Flush()
}

// start writes the brief's head, once the first pass has counted what it
// holds.
func start(m *model, s sink, opts Options) error {
	m.date(opts)
	return s.head(m)
}

// sink is a format of the brief, written in three steps: the head, each
// article, the end.
type sink interface {
	head(m *model) error
	article(m *model, a *articleView) error
	end(m *model) error
}

// writeModel writes the whole model m to s.
func writeModel(s sink, m *model) error {
	if err := s.head(m); err != nil {
		return err
	}
	for i := range m.Articles {
		if err := s.article(m, &m.Articles[i]); err != nil {
			return err
		}
	}
	return s.end(m)
}

// Count is the number of claims the brief of doc holds with opts, and the
// number of articles they are on.
func Count(doc *annotate.Document, settings annotate.Settings, opts Options) (claims, articles int) {
	opts.NoArticleText = true
	m := newModel(doc, settings, opts)
	return m.ClaimCount(), m.articles
}
