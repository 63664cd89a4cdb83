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
	m := newModel(doc, settings, opts)
	bw := bufio.NewWriter(w)
	var err error
	switch opts.Format {
	case HTML:
		err = writeHTML(bw, m)
	case Markdown:
		err = writeMarkdown(bw, m)
	case PDF:
		err = writePDF(bw, m)
	default:
		return annotate.Errorf(annotate.EINVALID, "%q is not a brief format (html, md or pdf)", opts.Format)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// Count is the number of claims the brief of doc holds with opts, and the
// number of articles they are on.
func Count(doc *annotate.Document, settings annotate.Settings, opts Options) (claims, articles int) {
	opts.NoArticleText = true
	m := newModel(doc, settings, opts)
	return m.ClaimCount(), len(m.Articles)
}
