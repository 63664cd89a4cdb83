package main

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "list", "")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	db, err := e.openExistingDB()
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.FindArticles(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tATTRIBUTIONS\tCLAIMS\tNOTES\tPUBLISHED\tOUTLET\tTITLE")
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
