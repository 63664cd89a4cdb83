package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/input"
	"github.com/factmark/factmark/store"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "[--title T] [--url U] [--outlet O] [--date YYYY-MM-DD] [--author A] [--article ID] [--no-turns] [--revision-of ID] FILE...\n\n"+
		"FILE is an article (.txt, .md, a saved web page .html, a .pdf), subtitles (.srt, .vtt) or\n"+
		"annotations: native JSON, W3C Web Annotation, ClaimReview, Hypothesis (export or API search),\n"+
		"brat (.ann, its text beside it) or Factmark CSV; the format is recognised by content. A\n"+
		"transcript's turns (NAME: paragraphs, subtitle voices) are kept, their speakers matched to the\n"+
		"registry or added to it. With --revision-of, FILE (any article format) is a new version of that\n"+
		"article: it becomes its current revision and every annotation is re-anchored on it; those whose\n"+
		"text is gone are kept as orphans and listed.")
	var meta annotate.ArticleMeta
	var author, articleID, revisionOf string
	fs.StringVar(&meta.Title, "title", "", "the article's `title` (default: its first line)")
	fs.StringVar(&meta.URL, "url", "", "where the article was published")
	fs.StringVar(&meta.Outlet, "outlet", "", "the publication")
	fs.StringVar(&meta.Published, "date", "", "the publication date, YYYY-MM-DD")
	fs.StringVar(&author, "author", "", "the article's author(s), separated by ';'")
	fs.StringVar(&meta.Language, "language", "", "the article's language (default en)")
	fs.StringVar(&articleID, "article", "", "put Hypothesis annotations on the article with this `ID` (factmark list), whatever page they name")
	fs.StringVar(&revisionOf, "revision-of", "", "import FILE as a new revision of the article with this `ID` (factmark list), re-anchoring its annotations")
	noTurns := fs.Bool("no-turns", false, "keep no speakers' turns: the text is not a transcript")
	files, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	defer collectLessOften()() // as an export: a stream, an article live at a time
	if len(files) == 0 {
		return fmt.Errorf("no FILE given: %w", errUsage)
	}
	if revisionOf != "" && len(files) > 1 {
		return fmt.Errorf("--revision-of takes one FILE, the article's new version; %d were given: %w", len(files), errUsage)
	}
	meta.Authors = splitList(author)
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	turns := interchange.TurnsDetect
	if *noTurns {
		turns = interchange.TurnsNone
	}
	for _, f := range files {
		if err := importFile(ctx, e, db, f, interchange.ImportOptions{Meta: meta, ArticleID: articleID, RevisionOf: revisionOf, Turns: turns}); err != nil {
			return err
		}
	}
	return nil
}

func splitList(s string) []string {
	var list []string
	for _, part := range strings.Split(s, ";") {
		if p := strings.TrimSpace(part); p != "" {
			list = append(list, p)
		}
	}
	return list
}

// importFile imports one file through interchange.Import, in the format its
// content shows: an article's text, or annotations in any format Factmark
// reads, stored in one transaction. It prints the report: what was imported
// on stdout, what was left out on stderr. Every error names the file.
func importFile(ctx context.Context, e *env, db *store.DB, path string, opts interchange.ImportOptions) error {
	// The start of the file tells its format, and so its limit: a 300 MB
	// text is refused before it is read.
	head, err := input.ReadHead(path, 64<<10)
	if err != nil {
		return err // it names the file
	}
	format := interchange.DetectFormat(path, head)
	if format == interchange.FormatNative && opts.ArticleID == "" && opts.RevisionOf == "" {
		// Read as it is stored, article by article: a project's export
		// may be larger than memory would hold whole.
		r, err := interchange.ImportNative(ctx, interchange.StoreOf(db), path, func() (io.ReadCloser, error) { return openRegular(path) }, opts)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		printReport(e, r)
		return nil
	}
	data, err := readInput(path, interchange.ReadLimit(format))
	if err != nil {
		return err
	}
	opts.ReadFile = readText
	if info, err := os.Stat(path); err == nil {
		opts.FileTime = info.ModTime()
	}
	r, err := interchange.Import(ctx, interchange.StoreOf(db), path, data, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	printReport(e, r)
	return nil
}

// openRegular opens the regular file at path for reading (ReadHead has
// checked it is one; it is checked again once open, in case it was
// replaced). Errors name the path.
func openRegular(path string) (io.ReadCloser, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot read %s: %v", path, err)
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, annotate.Errorf(annotate.EINVALID, "%s is not a regular file; give the path of a text or annotation file", path)
	}
	return f, nil
}

// printReport prints an import's report: what was imported on stdout (its
// first line, and the turns found), the rest (what was left out) on
// stderr, each headed by the file's name.
func printReport(e *env, r *interchange.Report) {
	lines := r.Lines(0)
	done := 1
	if r.TurnsLine() != "" {
		done = 2
	}
	for _, l := range lines[:done] {
		fmt.Fprintln(e.stdout, escapeField(l))
	}
	for _, l := range lines[done:] {
		if strings.HasPrefix(l, "  ") {
			fmt.Fprintf(e.stderr, "  %s\n", escapeField(l[2:]))
		} else {
			fmt.Fprintf(e.stderr, "%s: %s\n", escapeText(r.Name), l)
		}
	}
}

// readText reads a file beside an imported one (a brat file's text).
func readText(path string) ([]byte, error) { return readInput(path, annotate.MaxTextBytes) }

// readInput reads a regular file of at most limit bytes (see package
// input); its errors name the path.
func readInput(path string, limit int64) ([]byte, error) { return input.ReadFile(path, limit) }

// importArticle imports data as an article's text, whatever it looks like,
// and prints what was done.
func importArticle(ctx context.Context, e *env, db *store.DB, name string, data []byte) (*annotate.Article, error) {
	r, err := interchange.ImportArticle(ctx, interchange.StoreOf(db), name, data, interchange.ImportOptions{})
	if err != nil {
		return nil, err
	}
	printReport(e, r)
	return r.Article, nil
}
