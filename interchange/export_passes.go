package interchange

import (
	"context"
	"io"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange/brief"
)

// DocumentPasser is a document service that hands out its export's
// articles once per pass, all from one snapshot, as store.DB.ExportPasses
// does. The public formats whose head depends on every article (W3C's
// total, ClaimReview's first appearances and checks, the brief's title and
// date, the to-archive list's archived URLs) read a first pass to learn it
// and write on the second: memory holds one article and what the head
// needs, not the project.
type DocumentPasser interface {
	ExportPasses(ctx context.Context, ids []string, passes int, head func(*annotate.Document) error,
		article func(pass int, a *annotate.ArticleDoc) error) error
}

// articlePasses hands out a document's head, then its articles, once per
// pass (see brief.Passes).
type articlePasses = brief.Passes

// documentPasses hands out the articles of a document in memory.
func documentPasses(d *annotate.Document) articlePasses { return brief.DocumentPasses(d) }

// storePasses hands out the articles with the given IDs (every article
// when none) from the store; ok is false when the store cannot.
func storePasses(ctx context.Context, s Store, ids []string) (src articlePasses, ok bool) {
	p, ok := s.Documents.(DocumentPasser)
	if !ok {
		return nil, false
	}
	return func(passes int, head func(*annotate.Document) error, article func(int, *annotate.ArticleDoc) error) error {
		return p.ExportPasses(ctx, ids, passes, head, article)
	}, true
}

// mapPasses is src with each article replaced by fn's view of it.
func mapPasses(src articlePasses, fn func(*annotate.ArticleDoc) *annotate.ArticleDoc) articlePasses {
	return func(passes int, head func(*annotate.Document) error, article func(int, *annotate.ArticleDoc) error) error {
		return src(passes, head, func(pass int, a *annotate.ArticleDoc) error { return article(pass, fn(a)) })
	}
}

// publicArticle is a as every public format holds it (ExportFormatWith):
// without orphans nor withheld sources, and with approvedOnly only the
// claims signed off with the approvals required, and what hangs on them.
func publicArticle(a *annotate.ArticleDoc, approvedOnly bool, required int) *annotate.ArticleDoc {
	d := WithoutWithheld(WithoutOrphans(oneArticle(a)))
	if approvedOnly {
		d = ApprovedClaims(d, required)
	}
	return &d.Articles[0]
}

// oneArticle is a document of the one article.
func oneArticle(a *annotate.ArticleDoc) *annotate.Document {
	return &annotate.Document{Articles: []annotate.ArticleDoc{*a}}
}

// streamPublic writes the export in a public format that needs a first
// pass (W3C, ClaimReview, the to-archive list, the brief) to w from the
// store's two passes; ok is false, and nothing is written, for other
// formats or when the store cannot hand out passes.
func streamPublic(ctx context.Context, w io.Writer, s Store, f Format, opts ExportOptions) (ex *Export, ok bool, err error) {
	switch f {
	case FormatW3C, FormatClaimReview, FormatArchiveQueue, FormatBriefHTML, FormatBriefMD, FormatBriefPDF:
	default:
		return nil, false, nil
	}
	src, ok := storePasses(ctx, s, opts.Articles)
	if !ok {
		return nil, false, nil
	}
	settings, err := s.Settings.Settings(ctx)
	if err != nil {
		return nil, true, err
	}
	ex = &Export{Format: f, Files: []ExportFile{{}}, streamed: true}
	if IsBrief(f) {
		// The brief leaves out orphans itself and withheld sources as it
		// shows them, and limits itself to approved claims (ExportBrief).
		src = mapPasses(src, func(a *annotate.ArticleDoc) *annotate.ArticleDoc {
			return &WithoutOrphans(oneArticle(a)).Articles[0]
		})
		ex.briefApproved = opts.ApprovedOnly
		ex.briefClaims, ex.briefArticles, err = brief.WriteFrom(w, src,
			settings, brief.Options{Format: briefFormats[f], ApprovedOnly: opts.ApprovedOnly})
		return ex, true, err
	}
	src = mapPasses(src, func(a *annotate.ArticleDoc) *annotate.ArticleDoc {
		return publicArticle(a, opts.ApprovedOnly, settings.ApprovalsRequired)
	})
	src = ex.counting(src)
	switch f {
	case FormatW3C:
		err = writeW3CFrom(w, src)
	case FormatClaimReview:
		var st crStats
		st, err = writeClaimReviewFrom(w, src, OrganizationOf(settings), true, opts.Check)
		ex.Issues, ex.count, ex.countArticles = st.issues, st.reviews, st.articles
	case FormatArchiveQueue:
		ex.count, err = writeArchiveQueueFrom(w, src)
	}
	if err != nil {
		return nil, true, err
	}
	return ex, true, nil
}

// counting is src, counting the export's articles and annotations into e
// on the first pass, and keeping the document's head as e.Doc.
func (e *Export) counting(src articlePasses) articlePasses {
	return func(passes int, head func(*annotate.Document) error, article func(int, *annotate.ArticleDoc) error) error {
		h := func(d *annotate.Document) error {
			e.Doc = &annotate.Document{Format: d.Format, Scale: d.Scale, Speakers: d.Speakers}
			return head(d)
		}
		return src(passes, h, func(pass int, a *annotate.ArticleDoc) error {
			if pass == 0 {
				if n := len(a.Attributions) + len(a.Claims) + len(a.Notes); n > 0 {
					e.articles++
					e.annotations += n
				}
			}
			return article(pass, a)
		})
	}
}
