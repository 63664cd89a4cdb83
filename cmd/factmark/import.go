package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/input"
	"github.com/factmark/factmark/store"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "[--title T] [--url U] [--outlet O] [--date YYYY-MM-DD] [--author A] FILE...\n\n"+
		"FILE is an article (.txt, .md) or annotations: native JSON, W3C Web Annotation, ClaimReview,\n"+
		"brat (.ann, its text beside it) or Factmark CSV; the format is recognised by content.")
	var meta annotate.ArticleMeta
	var author string
	fs.StringVar(&meta.Title, "title", "", "the article's `title` (default: its first line)")
	fs.StringVar(&meta.URL, "url", "", "where the article was published")
	fs.StringVar(&meta.Outlet, "outlet", "", "the publication")
	fs.StringVar(&meta.Published, "date", "", "the publication date, YYYY-MM-DD")
	fs.StringVar(&author, "author", "", "the article's author(s), separated by ';'")
	fs.StringVar(&meta.Language, "language", "", "the article's language (default en)")
	files, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no FILE given: %w", errUsage)
	}
	meta.Authors = splitList(author)
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	for _, f := range files {
		if err := importFile(ctx, e, db, f, meta); err != nil {
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

// importFile imports one file, in the format its content shows (see
// interchange.DetectFormat): an article's text, or annotations in any format
// Factmark reads. Annotations go into the project in one transaction. Every
// error names the file.
func importFile(ctx context.Context, e *env, db *store.DB, path string, meta annotate.ArticleMeta) error {
	// An article's text has a smaller limit than a document of annotations:
	// the start of the file tells which it is, so that a 300 MB text is
	// refused before it is read.
	head, err := input.ReadHead(path, 64<<10)
	if err != nil {
		return err // it names the file
	}
	limit := int64(interchange.MaxDocumentBytes)
	if interchange.DetectFormat(path, head) == interchange.FormatText {
		limit = annotate.MaxTextBytes
	}
	data, err := readInput(path, limit)
	if err != nil {
		return err
	}
	if err := importData(ctx, e, db, path, data, meta); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func importData(ctx context.Context, e *env, db *store.DB, path string, data []byte, meta annotate.ArticleMeta) error {
	f := interchange.DetectFormat(path, data)
	if f == interchange.FormatText {
		_, err := importArticle(ctx, e, db, data, meta)
		return err
	}
	var modified time.Time
	if info, err := os.Stat(path); err == nil {
		modified = info.ModTime()
	}
	return importAnnotations(ctx, e, db, path, data, f, meta, modified)
}

// importAnnotations imports a file of annotations in format f. Formats that
// point at articles (W3C, ClaimReview, CSV) find them in the project; brat
// reads its text beside the .ann, and its annotations are stamped with the
// file's modification time.
func importAnnotations(ctx context.Context, e *env, db *store.DB, path string, data []byte, f interchange.Format, meta annotate.ArticleMeta, modified time.Time) error {
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	im, err := interchange.ParseImport(f, interchange.ImportInput{
		Name: path, Data: data, Meta: meta, Scale: settings.Scale, Now: time.Now(), FileTime: modified,
		ReadFile: func(p string) ([]byte, error) { return readInput(p, annotate.MaxTextBytes) },
		Lookup:   func(source string) (*annotate.Article, error) { return db.FindArticleBySource(ctx, source) },
		Stored:   func(id string) (*annotate.Annotations, error) { return db.FindAnnotations(ctx, id) },
	})
	if err != nil {
		return err
	}
	if im.Count() == 0 && len(im.Orphans) > 0 {
		return annotate.Errorf(annotate.EINVALID, "none of its %d annotations could be placed in an article of the project: %s",
			len(im.Orphans), strings.Join(im.Orphans[:min(3, len(im.Orphans))], "; "))
	}
	res, err := db.Import(ctx, im.Doc)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %s: %d articles (%d already there), %d speakers (%d already there), %d annotations saved, %d unchanged\n",
		f.Label(), res.ArticlesAdded, res.ArticlesFound, res.SpeakersAdded, res.SpeakersFound, res.Saved, res.Unchanged)
	if im.Skipped > 0 {
		fmt.Fprintf(e.stderr, "%s: skipped %d annotations that are not attributions, claims or reviews\n", escapeText(path), im.Skipped)
	}
	if len(im.Orphans) > 0 {
		fmt.Fprintf(e.stderr, "%s: left out %d annotations that could not be placed in their article's text:\n", escapeText(path), len(im.Orphans))
		for _, o := range im.Orphans {
			fmt.Fprintf(e.stderr, "  %s\n", escapeField(o))
		}
	}
	return nil
}

// readInput reads a regular file of at most limit bytes (see package
// input); its errors name the path.
func readInput(path string, limit int64) ([]byte, error) { return input.ReadFile(path, limit) }

func importArticle(ctx context.Context, e *env, db *store.DB, data []byte, meta annotate.ArticleMeta) (*annotate.Article, error) {
	if len(data) > annotate.MaxTextBytes {
		return nil, annotate.Errorf(annotate.EINVALID, "text is %.1f MB; the limit is %d MB", float64(len(data))/(1<<20), annotate.MaxTextBytes>>20)
	}
	a, err := annotate.NewArticle(data, meta, time.Now())
	if err != nil {
		return nil, err
	}
	existed, err := db.CreateArticle(ctx, a)
	if err != nil {
		return nil, err
	}
	verb := "imported"
	if existed {
		verb = "already imported"
	}
	fmt.Fprintf(e.stdout, "%s %s %s\n", verb, escapeField(a.ID), escapeField(a.Title))
	return a, nil
}
