package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// listPage is how many articles `factmark list` reads and prints at a time:
// memory stays bounded on a project of any size, and columns are aligned
// within each page (the IDs, first, are all as wide).
const listPage = 500

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "list", "[--offset N] [--limit N]")
	offset := fs.Int("offset", 0, "skip the first `N` articles")
	limit := fs.Int("limit", 0, "list at most `N` articles (0: all)")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	if *offset < 0 || *limit < 0 {
		return fmt.Errorf("--offset and --limit take a number of articles, 0 or more: %w", errUsage)
	}
	db, err := e.openExistingDB()
	if err != nil {
		return err
	}
	defer db.Close()
	return listArticles(ctx, db, e.stdout, *offset, *limit, listPage)
}

// listArticles prints the articles from offset, at most limit of them (all
// when 0), most recently opened first, pageSize at a time.
func listArticles(ctx context.Context, db *store.DB, out io.Writer, offset, limit, pageSize int) error {
	header := true
	for printed := 0; limit == 0 || printed < limit; {
		n := pageSize
		if limit > 0 {
			n = min(n, limit-printed)
		}
		page, _, err := db.FindArticlesPage(ctx, "", offset+printed, n)
		if err != nil {
			return err
		}
		if err := printArticles(out, page, header); err != nil {
			return err
		}
		header, printed = false, printed+len(page)
		if len(page) < n {
			break
		}
	}
	return nil
}

// printArticles prints one page of the list, aligned, after the header
// when it is the first.
func printArticles(out io.Writer, list []annotate.ArticleSummary, header bool) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if header {
		fmt.Fprintln(w, "ID\tATTRIBUTIONS\tCLAIMS\tNOTES\tPUBLISHED\tOUTLET\tTITLE")
	}
	for _, a := range list {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", escapeField(a.ID), a.Attributions, a.Claims, a.Notes,
			escapeField(dash(a.Published)), escapeField(dash(a.Outlet)), escapeField(a.Title))
	}
	return w.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
