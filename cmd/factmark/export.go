package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/factmark/factmark/annotate"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "--format json [--article ID] [-o FILE]")
	format := fs.String("format", "json", "the `format`: json (native factmark/1)")
	article := fs.String("article", "", "export only the article with this `ID` (default: all)")
	out := fs.String("o", "", "write to `FILE`, atomically (default: standard output)")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	if *format != "json" {
		return fmt.Errorf("unknown format %q (known: json): %w", *format, errUsage)
	}
	db, err := e.openDB()
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
	var buf bytes.Buffer
	if err := annotate.WriteDocument(&buf, doc); err != nil {
		return err
	}
	if *out == "" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d articles, %d annotations to %s\n", len(doc.Articles), doc.Count(), *out)
	return nil
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path: readers see the old file or the new, never a part.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, unwrapPathError(err))
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
