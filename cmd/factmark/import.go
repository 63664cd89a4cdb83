package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "[--title T] [--url U] [--outlet O] [--date YYYY-MM-DD] [--author A] FILE...")
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
			return fmt.Errorf("%s: %w", f, err)
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

// importFile imports one file: a native JSON export, or an article's text.
func importFile(ctx context.Context, e *env, db *store.DB, path string, meta annotate.ArticleMeta) error {
	data, err := readInput(path, annotate.MaxDocumentBytes)
	if err != nil {
		return err
	}
	if isJSON(path, data) {
		return importDocument(ctx, e, db, data)
	}
	_, err = importArticle(ctx, e, db, data, meta)
	return err
}

// readInput reads a file after checking it is a regular file of at most limit bytes.
func readInput(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot read: %v", unwrapPathError(err))
	}
	if info.IsDir() {
		return nil, annotate.Errorf(annotate.EINVALID, "is a folder, not a file")
	}
	if info.Size() > limit {
		return nil, annotate.Errorf(annotate.EINVALID, "file is %.1f MB; the limit is %d MB", float64(info.Size())/(1<<20), limit>>20)
	}
	return os.ReadFile(path)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func isJSON(path string, data []byte) bool {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return true
	}
	return strings.HasPrefix(strings.TrimLeft(string(data[:min(len(data), 64)]), " \t\r\n\uFEFF"), "{")
}

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
	fmt.Fprintf(e.stdout, "%s %s %s\n", verb, a.ID, a.Title)
	return a, nil
}

func importDocument(ctx context.Context, e *env, db *store.DB, data []byte) error {
	doc, err := annotate.ParseDocument(data)
	if err != nil {
		return err
	}
	res, err := db.Import(ctx, doc)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d articles (%d already there), %d speakers (%d already there), %d annotations saved, %d unchanged\n",
		res.ArticlesAdded, res.ArticlesFound, res.SpeakersAdded, res.SpeakersFound, res.Saved, res.Unchanged)
	return nil
}
