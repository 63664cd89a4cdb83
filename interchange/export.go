package interchange

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// Export is an export made and ready to be written: its files and the
// document they hold. The command line and the desk make it the same way
// (ExportFormat, ExportBratFolder) and write it each with its own checks.
type Export struct {
	Format Format
	// Doc is the document the files hold; for a native or CSV export
	// streamed from the store (see WriteExport), only its head: format,
	// scale and speakers, without articles or log.
	Doc *annotate.Document
	// Files are written in order. A folder export (brat) has <name>.txt
	// and <name>.ann for each article, named inside the folder; any other
	// export has one file, named "".
	Files []ExportFile
	// Folder is set for an export written into a folder (brat's).
	Folder bool
	// Issues are what a ClaimReview export's reviews lack that consumers
	// require or recommend (CheckClaimReviews), for the caller to show
	// before writing; nil for other formats.
	Issues []ClaimReviewIssue
	// briefClaims and briefArticles are what a brief holds (ExportBrief),
	// briefApproved whether it holds only approved claims.
	briefClaims, briefArticles int
	briefApproved              bool
	// streamed is set for an export written article by article, with the
	// articles it holds (native: every one; CSV: those with a row) and
	// their annotations counted as they went.
	streamed              bool
	articles, annotations int
	// count is what Count returns for a streamed ClaimReview export (its
	// reviews; countArticles the articles they are on) or to-archive list
	// (its URLs); spans, notes and the files for a streamed brat folder.
	count, countArticles int
	spans, notes, files  int
}

// ExportFile is one file of an export.
type ExportFile struct {
	Name string // in the export's folder; "" for the one file of a single-file export
	Data []byte
}

// ExportOptions narrow what an export holds.
type ExportOptions struct {
	// Articles are the IDs of the articles to export; none: every one.
	Articles []string
	// ApprovedOnly keeps only the claims signed off for publication (see
	// ApprovedClaims), for the public formats (ClaimReview, W3C, CSV,
	// the to-archive list); the native document and brat refuse it.
	ApprovedOnly bool
	// Check, when set, sees what a ClaimReview export's reviews lack
	// (CheckClaimReviews) before anything is written, and stops the export
	// with its error (the command line's --strict).
	Check func([]ClaimReviewIssue) error
}

// ExportFormat makes the export of the articles with the given IDs (every
// article when none are given) as one file in format f; for brat, the .ann
// of the first article. ClaimReview names the project's organisation as
// its author, takes its review URL pattern, and lists in Issues what its
// reviews lack.
func ExportFormat(ctx context.Context, s Store, f Format, ids ...string) (*Export, error) {
	return ExportFormatWith(ctx, s, f, ExportOptions{Articles: ids})
}

// ExportFormatWith makes an export as ExportFormat does, narrowed by opts.
// Every format but the native document leaves out orphans and the sources
// withheld for safety (WithoutWithheld). The native document and CSV are
// made article by article from the store (see WriteExport, which writes
// them to their destination without holding the file either).
func ExportFormatWith(ctx context.Context, s Store, f Format, opts ExportOptions) (*Export, error) {
	if IsBrief(f) {
		return ExportBrief(ctx, s, f, opts.ApprovedOnly, opts.Articles...)
	}
	if opts.ApprovedOnly && (f == FormatNative || f == FormatBrat) {
		return nil, annotate.Errorf(annotate.EINVALID, "only approved claims: %s holds the whole project (or its spans) and cannot be limited to approved claims; choose ClaimReview, W3C, CSV or the to-archive list", shortName(f))
	}
	if ex, ok, err := exportFile(ctx, s, f, opts); ok {
		return ex, err
	}
	return exportWhole(ctx, s, f, opts)
}

// exportWhole makes the export from the whole document in memory, for a
// store that cannot hand it out in pieces.
func exportWhole(ctx context.Context, s Store, f Format, opts ExportOptions) (*Export, error) {
	doc, err := s.Documents.Export(ctx, opts.Articles...)
	if err != nil {
		return nil, err
	}
	if f != FormatNative {
		doc = WithoutOrphans(doc) // their anchors are on no text; only the native document keeps them
		doc = WithoutWithheld(doc)
	}
	settings, err := s.Settings.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if opts.ApprovedOnly {
		doc = ApprovedClaims(doc, settings.ApprovalsRequired)
	}
	var buf bytes.Buffer
	if err := WriteFormatBy(&buf, f, doc, OrganizationOf(settings)); err != nil {
		return nil, err
	}
	ex := &Export{Format: f, Doc: doc, Files: []ExportFile{{Data: buf.Bytes()}}}
	if f == FormatClaimReview {
		ex.Issues = CheckClaimReviews(doc, settings)
		if opts.Check != nil {
			if err := opts.Check(ex.Issues); err != nil {
				return nil, err
			}
		}
	}
	return ex, nil
}

// ExportBratFolder makes the brat export of the articles with the given IDs
// (every article when none are given): <name>.txt and <name>.ann for each,
// named by BratName. Two articles never share a name (compared without
// case, as some file systems do): one would be written over the other while
// both were counted, so that is an error before anything is written.
func ExportBratFolder(ctx context.Context, s Store, ids ...string) (*Export, error) {
	doc, err := s.Documents.Export(ctx, ids...)
	if err != nil {
		return nil, err
	}
	doc = WithoutOrphans(doc)
	files, err := bratFolder(doc, BratName)
	if err != nil {
		return nil, err
	}
	return &Export{Format: FormatBrat, Doc: doc, Files: files, Folder: true}, nil
}

// bratFolder is the .txt and .ann of each article of doc, named by name.
func bratFolder(doc *annotate.Document, name func(*annotate.Article) string) ([]ExportFile, error) {
	seen := map[string]string{}
	var files []ExportFile
	for i := range doc.Articles {
		a := &doc.Articles[i]
		base := name(&a.Article)
		if err := bratNameFree(seen, base, a.ID); err != nil {
			return nil, err
		}
		var ann bytes.Buffer
		if err := WriteBrat(&ann, a, doc.Speakers); err != nil {
			return nil, err
		}
		files = append(files, ExportFile{base + ".txt", []byte(a.Text)}, ExportFile{base + ".ann", ann.Bytes()})
	}
	return files, nil
}

// Paths are where the files go when the export is written to target: the
// file itself, or the folder they are written into.
func (e *Export) Paths(target string) []string {
	paths := make([]string, len(e.Files))
	for i, f := range e.Files {
		paths[i] = target
		if f.Name != "" {
			paths[i] = filepath.Join(target, f.Name)
		}
	}
	return paths
}

// Write writes the files to target with write (the caller's atomic write,
// which refuses what it must not replace), in order, stopping at the first
// error. A folder must be there already.
func (e *Export) Write(target string, write func(path string, data []byte) error) error {
	for i, p := range e.Paths(target) {
		if err := write(p, e.Files[i].Data); err != nil {
			return err
		}
	}
	return nil
}

// Count is the number of annotations the export holds: for a brief its
// claims, for ClaimReview the
// reviews (notes with a verdict on a claim), for brat the attributions and
// claims (brat has no notes), for the others every annotation.
func (e *Export) Count() int {
	if IsBrief(e.Format) {
		return e.briefClaims
	}
	switch e.Format {
	case FormatClaimReview:
		if e.streamed {
			return e.count
		}
		reviews, _ := claimReviewCount(e.Doc)
		return reviews
	case FormatBrat:
		if e.streamed {
			return e.spans
		}
		spans, _ := bratCounts(e.Doc)
		return spans
	case FormatArchiveQueue:
		if e.streamed {
			return e.count
		}
		return len(archiveURLs(e.Doc))
	}
	return e.Annotations()
}

// Annotations is the number of every annotation the export holds, of any
// kind and whether its format keeps it or not.
func (e *Export) Annotations() int {
	if e.streamed {
		return e.annotations
	}
	return e.Doc.Count()
}

// Summary says what the export written to target holds, as the command
// line prints it and the desk's status line shows it.
func (e *Export) Summary(target string) string {
	doc := e.Doc
	switch {
	case IsBrief(e.Format):
		return e.briefSummary(target)
	case e.Format == FormatClaimReview:
		reviews, articles := e.count, e.countArticles
		if !e.streamed {
			reviews, articles = claimReviewCount(doc)
		}
		msg := fmt.Sprintf("exported %s of %s to %s", howMany(reviews, "ClaimReview review"), howMany(articles, "article"), target)
		if reviews == 0 {
			msg += " (only a note with a verdict on a claim makes a review)"
		}
		return msg
	case e.Format == FormatArchiveQueue:
		return fmt.Sprintf("exported %s to archive to %s (withheld sources are never listed)", howMany(e.Count(), "source URL"), target)
	case e.Folder:
		spans, notes, articles, files := e.spans, e.notes, e.articles, e.files
		if !e.streamed {
			spans, notes = bratCounts(doc)
			articles, files = len(doc.Articles), len(e.Files)
		}
		msg := fmt.Sprintf("exported %s (%s), %s as brat to %s", howMany(articles, "article"),
			howMany(files, "file"), howMany(spans, "annotation"), target)
		if notes > 0 {
			msg += fmt.Sprintf("; %s left out (brat has no notes)", howMany(notes, "note"))
		}
		return msg
	}
	articles := len(doc.Articles) // the native format holds every article
	if e.streamed {
		articles = e.articles
	} else if e.Format != FormatNative {
		articles = 0
		for i := range doc.Articles {
			if a := &doc.Articles[i]; len(a.Attributions)+len(a.Claims)+len(a.Notes) > 0 {
				articles++
			}
		}
	}
	return fmt.Sprintf("exported %s of %s as %s to %s", howMany(e.Count(), "annotation"), howMany(articles, "article"), shortName(e.Format), target)
}

// bratCounts are the attributions and claims of doc, which brat holds, and
// its notes, which it does not.
func bratCounts(doc *annotate.Document) (spans, notes int) {
	for i := range doc.Articles {
		a := &doc.Articles[i]
		spans += len(a.Attributions) + len(a.Claims)
		notes += len(a.Notes)
	}
	return spans, notes
}

// claimReviewCount is the number of ClaimReviews an export of doc holds —
// one for every claim with a verdict, as WriteClaimReview writes them —
// and the number of articles they are on.
func claimReviewCount(doc *annotate.Document) (reviews, articles int) {
	on := map[*annotate.ArticleDoc]bool{}
	for _, it := range claimReviewItems(doc) {
		reviews++
		on[it.article] = true
	}
	return reviews, len(on)
}

// shortName is a short name of a format, for one line of a report.
func shortName(f Format) string {
	switch f {
	case FormatNative:
		return "Factmark JSON"
	case FormatW3C:
		return "W3C Web Annotation"
	case FormatCSV:
		return "CSV"
	}
	return f.Label()
}

// howMany is n and the noun, with an s unless n is 1.
func howMany(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%s %ss", grouped(n), noun)
}

// grouped writes n with its thousands grouped, as English does:
// 1,000,000 annotations reads at a glance; 1000000 does not.
func grouped(n int) string {
	s := strconv.Itoa(n)
	digits := strings.TrimPrefix(s, "-")
	var b strings.Builder
	b.WriteString(s[:len(s)-len(digits)])
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// WriteBratFolder writes the brat export of the articles with the given
// IDs (every article when none are given) into dir, as ExportBratFolder
// makes it, each file through write (the caller's atomic write, which
// fills the file from a writer), and returns the export without its
// files, for its Summary. From a store that hands out passes
// (DocumentPasser), a first pass checks the names (two articles sharing a
// name is an error before anything is written) and the second writes each
// article's two files as it comes: memory holds one article. A failure
// halfway leaves the files written before it, each whole.
func WriteBratFolder(ctx context.Context, s Store, dir string, write func(path string, fill func(io.Writer) error) error, ids ...string) (*Export, error) {
	src, ok := storePasses(ctx, s, ids)
	if !ok {
		ex, err := ExportBratFolder(ctx, s, ids...)
		if err != nil {
			return nil, err
		}
		return ex, ex.Write(dir, func(p string, data []byte) error { return write(p, bytesFill(data)) })
	}
	ex := &Export{Format: FormatBrat, Folder: true, streamed: true}
	seen := map[string]string{}
	head := func(d *annotate.Document) error {
		ex.Doc = &annotate.Document{Format: d.Format, Scale: d.Scale, Speakers: d.Speakers}
		return nil
	}
	article := func(pass int, a *annotate.ArticleDoc) error {
		a = &WithoutOrphans(oneArticle(a)).Articles[0]
		base := BratName(&a.Article)
		if pass == 0 {
			return bratNameFree(seen, base, a.ID)
		}
		var ann bytes.Buffer
		if err := WriteBrat(&ann, a, ex.Doc.Speakers); err != nil {
			return err
		}
		if err := write(filepath.Join(dir, base+".txt"), bytesFill([]byte(a.Text))); err != nil {
			return err
		}
		if err := write(filepath.Join(dir, base+".ann"), bytesFill(ann.Bytes())); err != nil {
			return err
		}
		ex.articles, ex.files = ex.articles+1, ex.files+2
		ex.spans += len(a.Attributions) + len(a.Claims)
		ex.notes += len(a.Notes)
		return nil
	}
	if err := src(2, head, article); err != nil {
		return nil, err
	}
	return ex, nil
}

// BratFolderPaths are the files WriteBratFolder writes into dir, in order,
// read in one pass over the articles' names; two articles of one name are
// an error, as there.
func BratFolderPaths(ctx context.Context, s Store, dir string, ids ...string) ([]string, error) {
	src, ok := storePasses(ctx, s, ids)
	if !ok {
		ex, err := ExportBratFolder(ctx, s, ids...)
		if err != nil {
			return nil, err
		}
		return ex.Paths(dir), nil
	}
	seen := map[string]string{}
	var paths []string
	err := src(1, func(*annotate.Document) error { return nil }, func(_ int, a *annotate.ArticleDoc) error {
		base := BratName(&a.Article)
		paths = append(paths, filepath.Join(dir, base+".txt"), filepath.Join(dir, base+".ann"))
		return bratNameFree(seen, base, a.ID)
	})
	if err != nil {
		return nil, err
	}
	return paths, nil
}

// bratNameFree records that the article has the brat name base, or says
// which article has it already (compared without case, as some file
// systems do).
func bratNameFree(seen map[string]string, base, id string) error {
	key := strings.ToLower(base)
	if other, dup := seen[key]; dup {
		return annotate.Errorf(annotate.ECONFLICT, "articles %s and %s would both be exported as %s.txt and .ann; nothing was written",
			other, id, base)
	}
	seen[key] = id
	return nil
}

// bytesFill fills a file with data.
func bytesFill(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
