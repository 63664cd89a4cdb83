package main

import (
	"context"
	"fmt"
	"os/user"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
	"github.com/factmark/factmark/ui"
)

// runOpen opens the desk: on FILE if given (imported if new), else on the
// article opened last. A new, empty project gets the sample article. A
// project that cannot be opened (damaged, another program's, newer,
// locked) gets a window that says why and offers to open another one.
func runOpen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "[--db PATH]", "[FILE]")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return fmt.Errorf("unknown command %q: %w", rest[0], errUsage)
	}
	deskMemory()
	releaseWhenIdle()
	path, err := e.projectPath()
	if err != nil {
		return err
	}
	db, err := openProject(ctx, path)
	if err != nil {
		return ui.RunProblem(err, path, deskOpener(ctx))
	}
	defer db.Close()
	var article *annotate.Article
	if len(rest) == 1 {
		data, err := readInput(rest[0], annotate.MaxTextBytes)
		if err != nil {
			return err // it names the file
		}
		if db.ReadOnly() {
			return fmt.Errorf("%s: %w", rest[0], annotate.Errorf(annotate.EINVALID,
				"cannot be imported: the project %s cannot be written (read-only); open it without FILE to read it", path))
		}
		if article, err = importArticle(ctx, e, db, rest[0], data); err != nil {
			return fmt.Errorf("%s: %w", rest[0], err)
		}
	}
	return openDesk(ctx, db, article)
}

// openProject opens the project at path for the desk and prepares it, unless
// it is read-only: that one is shown as it is.
func openProject(ctx context.Context, path string) (*store.DB, error) {
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if db.ReadOnly() {
		return db, nil
	}
	if err := prepareProject(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// deskOpener opens the projects chosen in the desk's problem window.
func deskOpener(ctx context.Context) ui.Opener {
	return func(path string) (ui.Services, func() error, error) {
		db, err := openProject(ctx, path)
		if err != nil {
			return ui.Services{}, nil, err
		}
		return services(db), db.Close, nil
	}
}

// prepareProject loads the sample article into an empty project and names
// the annotator after the system user until the user sets a name.
func prepareProject(ctx context.Context, db *store.DB) error {
	_, total, err := db.FindArticlesPage(ctx, "", 0, 1) // a count: the desk's start reads no list
	if err != nil {
		return err
	}
	if total == 0 {
		if _, err := db.CreateArticle(ctx, annotate.SampleArticle(time.Now())); err != nil {
			return err
		}
	}
	s, err := db.Settings(ctx)
	if err != nil || s.Annotator != "" {
		return err
	}
	// No write when there is no name to set: a write waits for the full
	// check of a large project, which the desk runs after its window shows.
	if s.Annotator = systemUser(); s.Annotator == "" {
		return nil
	}
	return db.UpdateSettings(ctx, s)
}

// systemUser is the annotator's name until the user sets one: the account's
// full name. An account without one (root's is "root") gives no name, so
// that annotations are not stamped "root": the settings dialog asks instead.
func systemUser() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return fullName(u)
}

// fullName is the first field of the account's GECOS entry, unless it only
// repeats the login name or the account is root's.
func fullName(u *user.User) string {
	name := strings.TrimSpace(strings.Split(u.Name, ",")[0])
	if u.Uid == "0" || strings.EqualFold(name, u.Username) {
		return ""
	}
	return name
}
