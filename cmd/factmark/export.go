package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/atomicfile"
	"github.com/factmark/factmark/store"
)

func runExport(ctx context.Context, e *env, args []string) error {
	var names []string
	for _, f := range annotate.ExportFormats {
		names = append(names, string(f))
	}
	known := strings.Join(names, "|")
	fs := newFlags(e, "export", "[--format "+known+"] [--article ID] [-o FILE|DIR]")
	format := fs.String("format", "json", "the `format`: "+known+"\n(json is native factmark/1; brat writes <name>.txt and <name>.ann per article into DIR)")
	article := fs.String("article", "", "export only the article with this `ID` (default: all)")
	out := fs.String("o", "", "write to `FILE` atomically, or for brat into the folder DIR (default: standard output)")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	f, ok := annotate.ParseFormat(*format)
	if !ok {
		return fmt.Errorf("unknown format %q (known: %s): %w", *format, strings.Join(names, ", "), errUsage)
	}
	if f == annotate.FormatBrat && *out == "" && *article == "" {
		return fmt.Errorf("brat writes a folder of .txt and .ann files: give -o DIR, or --article ID for one .ann on standard output: %w", errUsage)
	}
	db, err := e.openExistingDB()
	if err != nil {
		return err
	}
	defer db.Close()
	var ids []string
	if *article != "" {
		ids = append(ids, *article)
	}
	doc, err := db.Export(ctx, ids...)
	if err != nil {
		return err
	}
	if f == annotate.FormatBrat && *out != "" {
		return exportBrat(e, doc, *out)
	}
	var buf bytes.Buffer
	if err := writeFormat(ctx, db, &buf, f, doc); err != nil {
		return err
	}
	if *out == "" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d articles, %d annotations to %s (%s)\n", len(doc.Articles), doc.Count(), escapeText(*out), f.Label())
	return nil
}

// writeFormat writes the document in a single-file format (brat: the .ann
// of its one article).
func writeFormat(ctx context.Context, db *store.DB, buf *bytes.Buffer, f annotate.Format, doc *annotate.Document) error {
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	return annotate.WriteFormat(buf, f, doc, s.Organization)
}

// exportBrat writes <name>.txt and <name>.ann for each article into dir,
// each file atomically.
func exportBrat(e *env, doc *annotate.Document, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", dir, unwrapPathError(err))
	}
	for i := range doc.Articles {
		a := &doc.Articles[i]
		var ann bytes.Buffer
		if err := annotate.WriteBrat(&ann, a, doc.Speakers); err != nil {
			return err
		}
		base := filepath.Join(dir, annotate.BratName(&a.Article))
		if err := writeFileAtomic(base+".txt", []byte(a.Text)); err != nil {
			return err
		}
		if err := writeFileAtomic(base+".ann", ann.Bytes()); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "exported %d articles, %d annotations to %s (brat)\n", len(doc.Articles), doc.Count(), dir)
	return nil
}

// writeFileAtomic writes data to path atomically (see package atomicfile).
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.Write(path, data); err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, unwrapPathError(err))
	}
	return nil
}
