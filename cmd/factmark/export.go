package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/atomicfile"
	"github.com/factmark/factmark/store"
)

func runExport(ctx context.Context, e *env, args []string) error {
	var names []string
	for _, f := range interchange.ExportFormats {
		names = append(names, string(f))
	}
	known := strings.Join(names, "|")
	fs := newFlags(e, "export", "[--format "+known+"] [--article ID] [-o FILE|DIR]")
	format := fs.String("format", "json", "the `format`: "+known+"\n(json is native factmark/1; brat writes <name>.txt and <name>.ann per article into DIR)")
	article := fs.String("article", "", "export only the article with this `ID` (default: all)")
	out := fs.String("o", "", "write to `FILE` atomically, or for brat into the folder DIR (default, or -: standard output)")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	f, ok := interchange.ParseFormat(*format)
	if !ok {
		return fmt.Errorf("unknown format %q (known: %s): %w", *format, strings.Join(names, ", "), errUsage)
	}
	if f == interchange.FormatBrat && *out == "" && *article == "" {
		return fmt.Errorf("brat writes a folder of .txt and .ann files: give -o DIR, or --article ID for one .ann on standard output: %w", errUsage)
	}
	db, err := e.openExistingDB()
	if err != nil {
		return err
	}
	defer db.Close()
	defer atomicfile.CleanUpOnSignal()()
	var ids []string
	if *article != "" {
		ids = append(ids, *article)
	}
	doc, err := db.Export(ctx, ids...)
	if err != nil {
		return err
	}
	if f == interchange.FormatBrat && *out != "" && *out != "-" {
		return exportBrat(e, db, doc, *out)
	}
	var buf bytes.Buffer
	if err := writeFormat(ctx, db, &buf, f, doc); err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		return e.writeData(buf.Bytes())
	}
	if err := writeFileAtomic(db, *out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d articles, %d annotations to %s (%s)\n", len(doc.Articles), doc.Count(), escapeText(*out), f.Label())
	return nil
}

// writeFormat writes the document in a single-file format (brat: the .ann
// of its one article).
func writeFormat(ctx context.Context, db *store.DB, buf *bytes.Buffer, f interchange.Format, doc *annotate.Document) error {
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	return interchange.WriteFormatBy(buf, f, doc, interchange.Organization{Name: s.Organization, URL: s.OrganizationURL})
}

// exportBrat writes <name>.txt and <name>.ann for each article into dir,
// each file atomically. Two articles never share a name: that would write
// one over the other while reporting both.
func exportBrat(e *env, db *store.DB, doc *annotate.Document, dir string) error {
	names, err := bratNames(doc.Articles, interchange.BratName)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", dir, unwrapPathError(err))
	}
	written := 0
	for i := range doc.Articles {
		a := &doc.Articles[i]
		var ann bytes.Buffer
		if err := interchange.WriteBrat(&ann, a, doc.Speakers); err != nil {
			return err
		}
		base := filepath.Join(dir, names[i])
		if err := writeFileAtomic(db, base+".txt", []byte(a.Text)); err != nil {
			return err
		}
		if err := writeFileAtomic(db, base+".ann", ann.Bytes()); err != nil {
			return err
		}
		written++
	}
	fmt.Fprintf(e.stderr, "exported %d articles (%d files), %d annotations to %s (brat)\n", written, 2*written, doc.Count(), escapeText(dir))
	return nil
}

// bratNames returns each article's file name, or an error naming the two
// articles that would share one (compared without case, as some file
// systems do), before any file is written.
func bratNames(articles []annotate.ArticleDoc, name func(*annotate.Article) string) ([]string, error) {
	names := make([]string, len(articles))
	seen := map[string]int{}
	for i := range articles {
		names[i] = name(&articles[i].Article)
		key := strings.ToLower(names[i])
		if j, dup := seen[key]; dup {
			return nil, annotate.Errorf(annotate.ECONFLICT, "articles %s and %s would both be exported as %s.txt and .ann; nothing was written",
				escapeText(articles[j].ID), escapeText(articles[i].ID), escapeText(names[i]))
		}
		seen[key] = i
	}
	return names, nil
}

// writeFileAtomic writes data to path atomically (see package atomicfile),
// never over the project's own files nor over anything but a regular file.
func writeFileAtomic(db *store.DB, path string, data []byte) error {
	var opts []atomicfile.Option
	if db != nil {
		p := db.Path()
		opts = append(opts, atomicfile.Protect("the open project's database", p, p+"-wal", p+"-shm", p+"-journal"))
	}
	err := atomicfile.Write(path, data, opts...)
	var ae *annotate.Error
	if errors.As(err, &ae) {
		return err // it names the file and says why
	} else if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, unwrapPathError(err))
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
