package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/similar"
	"github.com/factmark/factmark/interchange"
)

const checksSynopsis = "import FEED|FOLDER... | list | find TEXT"

// runChecks keeps the fact-checks done before (issue 14): it imports
// published ClaimReview feeds, lists what the project knows, and finds the
// checks that say what a claim says, with the desk's matcher.
func runChecks(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("checks needs import, list or find: %w", errUsage)
	}
	switch args[0] {
	case "import":
		return checksImport(ctx, e, args[1:])
	case "list":
		return checksList(ctx, e, args[1:])
	case "find":
		return checksFind(ctx, e, args[1:])
	case "-h", "--help", "-help":
		fs := newFlags(e, "checks", checksSynopsis)
		_, err := parseFlags(e, fs, args)
		return err
	}
	return fmt.Errorf("unknown checks command %q (known: import, list, find): %w", args[0], errUsage)
}

func checksImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "checks import", "FEED|FOLDER...")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return fmt.Errorf("checks import needs a ClaimReview feed file or a folder of them: %w", errUsage)
	}
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	for _, path := range rest {
		checks, err := interchange.ReadCheckFeeds(path)
		if err != nil {
			return err
		}
		added, err := db.ImportKnownChecks(ctx, checks)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: %s, %d new\n", escapeField(path), plural(len(checks), "fact-check"), added)
	}
	return nil
}

func checksList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "checks list", "")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	checks, err := knownChecks(ctx, e)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "FROM\tVERDICT\tURL\tCLAIM")
	for _, k := range checks {
		from := k.Feed
		if k.Own() {
			from = "project"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", escapeField(from), escapeField(k.Verdict), escapeField(dash(k.URL)), escapeField(k.Claim))
	}
	return w.Flush()
}

func checksFind(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "checks find", "TEXT")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(rest, " "))
	if text == "" {
		return fmt.Errorf("checks find needs the claim's text: %w", errUsage)
	}
	checks, err := knownChecks(ctx, e)
	if err != nil {
		return err
	}
	matches := similar.KnownIndex(checks).CheckedBefore(text, "")
	if len(matches) == 0 {
		fmt.Fprintln(e.stdout, "no earlier fact-check says this")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SCORE\tVERDICT\tURL\tCLAIM")
	for _, m := range matches {
		fmt.Fprintf(w, "%.1f\t%s\t%s\t%s\n", m.Score, escapeField(m.Verdict), escapeField(dash(m.URL)), escapeField(m.Text))
	}
	return w.Flush()
}

// knownChecks reads the project's known checks, for list and find.
func knownChecks(ctx context.Context, e *env) ([]annotate.KnownCheck, error) {
	db, err := e.openExistingDB()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.FindKnownChecks(ctx)
}
