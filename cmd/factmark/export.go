package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
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
	fs := newFlags(e, "export", "[--format "+known+"] [--article ID] [--strict] [--approved-only] [-o FILE|DIR]")
	format := fs.String("format", "json", "the `format`: "+known+"\n(json is native factmark/1, or factmark/2 with pages, turns or source files; brat writes <name>.txt and <name>.ann per article into DIR;\n"+
		"brief-html, brief-md and brief-pdf (or html, md, pdf) are the fact-check brief to publish: a self-contained web page, Markdown for a CMS, a PDF;\n"+
		"archive-queue lists the sources' URLs that have no archive copy yet)")
	article := fs.String("article", "", "export only the article with this `ID` (default: all)")
	out := fs.String("o", "", "write to `FILE` atomically, or for brat into the folder DIR (default, or -: standard output)")
	strict := fs.Bool("strict", false, "claimreview: write nothing when a review lacks what consumers require\n(claimReviewed, the verdict, url); what reviews lack is listed on standard error either way")
	approved := fs.Bool("approved-only", false, "export only the claims signed off for publication (approved, published or corrected,\nwith the approvals the settings require) and their notes: claimreview, w3c, csv, archive-queue and the brief\n(a brief has by default every claim with a verdict)")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	defer collectLessOften()()
	f, ok := interchange.ParseFormat(*format)
	if !ok {
		return fmt.Errorf("unknown format %q (known: %s): %w", *format, strings.Join(names, ", "), errUsage)
	}
	if *strict && f != interchange.FormatClaimReview {
		return fmt.Errorf("--strict checks ClaimReview exports: use it with --format claimreview: %w", errUsage)
	}
	if *approved && (f == interchange.FormatNative || f == interchange.FormatBrat) {
		return fmt.Errorf("--approved-only limits the public formats (claimreview, w3c, csv, archive-queue, the brief), not %s: %w", f, errUsage)
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
	if f == interchange.FormatBrat && *out != "" && *out != "-" {
		return exportBrat(ctx, e, db, *out, ids)
	}
	opts := interchange.ExportOptions{Articles: ids, ApprovedOnly: *approved,
		Check: func(issues []interchange.ClaimReviewIssue) error { return reportIssues(e.stderr, issues, *strict) }}
	if *out == "" || *out == "-" {
		return exportToStdout(ctx, e, db, f, opts)
	}
	return exportStreamed(ctx, e, db, *out, f, opts)
}

// exportToStdout writes the export to standard output as it is made,
// article by article (interchange.WriteExport), except to a terminal,
// where it is made whole first and escaped (escapeText), as every text a
// terminal shows.
func exportToStdout(ctx context.Context, e *env, db *store.DB, f interchange.Format, opts interchange.ExportOptions) error {
	terminal := e.terminal
	if terminal == nil {
		terminal = isTerminal
	}
	if terminal(e.stdout) {
		ex, err := interchange.ExportFormatWith(ctx, interchange.StoreOf(db), f, opts)
		if err != nil {
			return err
		}
		return e.writeData(ex.Files[0].Data)
	}
	bw := bufio.NewWriterSize(e.stdout, 1<<16)
	if _, err := interchange.WriteExport(ctx, bw, interchange.StoreOf(db), f, opts); err != nil {
		return err
	}
	return bw.Flush()
}

// reportIssues lists on w what the ClaimReview export's reviews lack, one
// line each, and with strict refuses the export when something required
// is missing.
func reportIssues(w io.Writer, issues []interchange.ClaimReviewIssue, strict bool) error {
	if len(issues) == 0 {
		return nil
	}
	required, claims := interchange.RequiredMissing(issues), map[string]bool{}
	for _, is := range issues {
		claims[is.ClaimID] = true
	}
	n := requiredCount(issues)
	fmt.Fprintf(w, "ClaimReview check: %d required and %d recommended fields missing, in %s:\n", n, len(issues)-n, plural(len(claims), "claim"))
	for _, is := range issues {
		fmt.Fprintln(w, "  "+escapeText(is.String()))
	}
	if strict && required > 0 {
		verb := "lack"
		if required == 1 {
			verb = "lacks"
		}
		return annotate.Errorf(annotate.EINVALID, "--strict: %s %s what ClaimReview consumers require (listed above); nothing was written", plural(required, "claim"), verb)
	}
	return nil
}

func requiredCount(issues []interchange.ClaimReviewIssue) int {
	n := 0
	for _, is := range issues {
		if is.Required {
			n++
		}
	}
	return n
}

// plural is n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// exportBrat writes <name>.txt and <name>.ann for each article into dir
// (see interchange.WriteBratFolder), each file atomically, an article at
// a time.
func exportBrat(ctx context.Context, e *env, db *store.DB, dir string, ids []string) error {
	made := false // the folder, made before the first file is written
	write := func(p string, fill func(io.Writer) error) error {
		if !made {
			if err := os.MkdirAll(dir, 0o777); err != nil {
				return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", dir, unwrapPathError(err))
			}
			made = true
		}
		return writeFuncAtomic(db, p, fill)
	}
	ex, err := interchange.WriteBratFolder(ctx, interchange.StoreOf(db), dir, write, ids...)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, escapeText(ex.Summary(dir)))
	return nil
}

// exportStreamed writes the export in format f to path atomically as it is
// made, article by article (interchange.WriteExport): memory holds one
// article, not the file. A failure halfway, or --strict refusing a
// ClaimReview export, leaves no file.
func exportStreamed(ctx context.Context, e *env, db *store.DB, path string, f interchange.Format, opts interchange.ExportOptions) error {
	var ex *interchange.Export
	err := writeFuncAtomic(db, path, func(w io.Writer) error {
		var err error
		ex, err = interchange.WriteExport(ctx, w, interchange.StoreOf(db), f, opts)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, escapeText(ex.Summary(path)))
	return nil
}

// writeFileAtomic writes data to path atomically (see package atomicfile),
// never over the project's own files nor over anything but a regular file.
func writeFileAtomic(db *store.DB, path string, data []byte) error {
	return writeFuncAtomic(db, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFuncAtomic writes what fill writes to path as writeFileAtomic
// writes data.
func writeFuncAtomic(db *store.DB, path string, fill func(io.Writer) error) error {
	var opts []atomicfile.Option
	if db != nil {
		p := db.Path()
		opts = append(opts, atomicfile.Protect("the open project's database", p, p+"-wal", p+"-shm", p+"-journal"))
	}
	err := atomicfile.WriteFunc(path, fill, opts...)
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

// collectLessOften lets an export's or import's garbage grow four times the
// live heap before a collection (Go's default is once) under a soft limit of
// 400 MiB, and returns what puts the settings back. Both make garbage in
// proportion to the document and keep only an article live: on 1M
// annotations this cut the export's CPU time from 15.1 s to 12.4 s (peak 133
// → 179 MB) and the import's wall clock from 34.9 s to 31.5 s (peak 313 →
// 416 MB), within the 500 MB either may take.
func collectLessOften() (restore func()) {
	gc := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(400 << 20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}
