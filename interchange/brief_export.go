package interchange

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange/brief"
)

// briefFormats are the export formats of the fact-check brief (package
// brief), and the brief's own name of each.
var briefFormats = map[Format]brief.Format{FormatBriefHTML: brief.HTML, FormatBriefMD: brief.Markdown, FormatBriefPDF: brief.PDF}

// IsBrief reports whether f is a format of the fact-check brief, which
// is published rather than read back: ParseImport does not read it.
func IsBrief(f Format) bool {
	_, ok := briefFormats[f]
	return ok
}

// writeBrief writes the brief of doc in format f.
func writeBrief(w io.Writer, f Format, doc *annotate.Document, settings annotate.Settings, approvedOnly bool) error {
	return brief.Write(w, doc, settings, brief.Options{Format: briefFormats[f], ApprovedOnly: approvedOnly})
}

// ExportBrief makes the fact-check brief of the articles with the given
// IDs (every article when none are given) in format f (FormatBriefHTML,
// FormatBriefMD or FormatBriefPDF): the claims with a verdict, or with
// approvedOnly those with the approvals the settings require, signed by
// the settings' organisation. ExportFormat makes it with approvedOnly
// false. It is written article by article when the store can hand them
// out so (DocumentPasser).
func ExportBrief(ctx context.Context, s Store, f Format, approvedOnly bool, ids ...string) (*Export, error) {
	if !IsBrief(f) {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is not a format of the fact-check brief", f.Label())
	}
	if ex, ok, err := exportFile(ctx, s, f, ExportOptions{Articles: ids, ApprovedOnly: approvedOnly}); ok {
		return ex, err
	}
	doc, err := s.Documents.Export(ctx, ids...)
	if err != nil {
		return nil, err
	}
	doc = WithoutOrphans(doc)
	settings, err := s.Settings.Settings(ctx)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeBrief(&buf, f, doc, settings, approvedOnly); err != nil {
		return nil, err
	}
	claims, articles := brief.Count(doc, settings, brief.Options{ApprovedOnly: approvedOnly})
	return &Export{Format: f, Doc: doc, Files: []ExportFile{{Data: buf.Bytes()}}, briefClaims: claims, briefArticles: articles, briefApproved: approvedOnly}, nil
}

// briefSummary says what a brief written to target holds.
func (e *Export) briefSummary(target string) string {
	msg := fmt.Sprintf("exported the fact-check brief of %s on %s as %s to %s", howMany(e.briefClaims, "claim"),
		howMany(e.briefArticles, "article"), e.Format.Label(), target)
	switch {
	case e.briefClaims == 0 && e.briefApproved:
		msg += " (only a claim with a verdict and the approvals the project requires is in it)"
	case e.briefClaims == 0:
		msg += " (only a claim with a verdict is in it)"
	}
	return msg
}
