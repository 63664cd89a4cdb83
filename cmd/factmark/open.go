package main

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// runOpen opens the desk: on FILE if given (imported if new), else on the
// article opened last. A new, empty project gets the sample article.
func runOpen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "[--db PATH]", "[FILE]")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return fmt.Errorf("unknown command %q: %w", rest[0], errUsage)
	}
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := prepareProject(ctx, db); err != nil {
		return err
	}
	var article *annotate.Article
	if len(rest) == 1 {
		data, err := readInput(rest[0], annotate.MaxTextBytes)
		if err != nil {
			return fmt.Errorf("%s: %w", rest[0], err)
		}
		if article, err = importArticle(ctx, e, db, data, annotate.ArticleMeta{}); err != nil {
			return fmt.Errorf("%s: %w", rest[0], err)
		}
	}
	return openDesk(ctx, db, article)
}

// prepareProject loads the sample article into an empty project and names
// the annotator after the system user until the user sets a name.
func prepareProject(ctx context.Context, db *store.DB) error {
	list, err := db.FindArticles(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		if _, err := db.CreateArticle(ctx, annotate.SampleArticle(time.Now())); err != nil {
			return err
		}
	}
	s, err := db.Settings(ctx)
	if err != nil || s.Annotator != "" {
		return err
	}
	s.Annotator = systemUser()
	return db.UpdateSettings(ctx, s)
}

func systemUser() string {
	if u, err := user.Current(); err == nil && u.Name != "" {
		return u.Name
	} else if err == nil {
		return u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	return "annotator"
}
