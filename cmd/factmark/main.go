// Command factmark is the Factmark annotation desk: with no command it opens
// the desktop window; its commands import, list and export articles and
// annotations without one. It only wires the annotate, store and ui packages
// together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/factmark/factmark/annotate"
	_ "github.com/factmark/factmark/internal/clocale" // before Fyne reads the locale
	"github.com/factmark/factmark/store"
)

func main() {
	profileMemory()
	watchMemReport()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// profileMemory turns the heap profile's sampling off unless a memory report
// was asked for (FACTMARK_MEMREPORT): nothing else reads the profile, and its
// buckets of allocation stacks held 1.5 MB in the desk with a megabyte
// article open. The runtime wants this set before the program allocates.
func profileMemory() {
	if os.Getenv(memReportEnv) == "" {
		runtime.MemProfileRate = 0
	}
}

// env is what every command gets: the output streams and the database path.
type env struct {
	stdout, stderr io.Writer
	dbPath         string
	terminal       func(io.Writer) bool // whether output goes to a terminal; nil: isTerminal
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = []command{
	{"import", "import articles (.txt, .md) or annotations (JSON, W3C, ClaimReview, brat, CSV)", runImport},
	{"list", "list articles with their annotation counts", runList},
	{"export", "export annotations (JSON, W3C, ClaimReview, brat, CSV)", runExport},
	{"suggest", "suggest attributions and check-worthy claims for texts (brat, json)", runSuggest},
	{"checks", "fact-checks done before: import ClaimReview feeds, list them, find a claim's", runChecks},
	{"settings", "show or set the settings: annotator, organisation, theme, text size, rating scale", runSettings},
	{"eval", "score suggestions against gold: attributions DIR, claims FILE.csv", runEval},
}

const usage = `Usage:
  factmark [--db PATH] [FILE]         open the desk (on FILE, imported if new)
  factmark [--db PATH] COMMAND [ARGS]

Commands:
%s
Global flags:
  --db PATH   the project database (default %s)

Run 'factmark COMMAND --help' for a command's flags.
`

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("factmark", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.dbPath, "db", "", "the project database")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return 0
	} else if err != nil {
		fmt.Fprintf(stderr, "factmark: %v\n", err)
		printUsage(stderr)
		return 2
	}
	rest := fs.Args()
	cmd := command{name: "open", run: runOpen}
	if len(rest) > 0 {
		if c, ok := findCommand(rest[0]); ok {
			cmd, rest = c, rest[1:]
		}
	}
	err := cmd.run(context.Background(), e, rest)
	return report(stderr, cmd.name, err)
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// errUsage marks an error in the command line itself (exit code 2).
var errUsage = errors.New("usage")

func report(stderr io.Writer, name string, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "factmark %s: %s\n", name, strings.TrimSuffix(err.Error(), ": usage"))
		return 2
	}
	fmt.Fprintf(stderr, "factmark %s: %s\n", name, escapeText(annotate.ErrorMessage(err)))
	if cause := annotate.Cause(err); cause != "" && showCause(err) {
		fmt.Fprintf(stderr, "  cause: %s\n", escapeText(cause))
	}
	return 1
}

// showCause reports whether the internal detail behind err is printed: for
// internal errors, whose message alone does not help a bug report, or when
// FACTMARK_DEBUG=1. An error with a message for people never shows it: it
// can be SQL or Go detail the user cannot act on.
func showCause(err error) bool {
	return annotate.ErrorCode(err) == annotate.EINTERNAL || os.Getenv("FACTMARK_DEBUG") == "1"
}

func printUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	path, err := store.DefaultPath()
	if err != nil {
		path = "$XDG_DATA_HOME/factmark/factmark.db"
	}
	fmt.Fprintf(w, usage, b.String(), path)
}

// newFlags returns a command's flag set, with --db as everywhere.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.dbPath, "db", e.dbPath, "the project `database` file")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: factmark %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags wherever they stand among the arguments and returns
// the rest. --help prints the usage to stdout.
func parseFlags(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		fs.SetOutput(io.Discard)
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, err
		} else if err != nil {
			return nil, fmt.Errorf("%v: %w", err, errUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// openDB opens the project named by --db, or the default one, creating it
// if it does not exist: for the commands that write (import, the desk).
func (e *env) openDB() (*store.DB, error) {
	path, err := e.projectPath()
	if err != nil {
		return nil, err
	}
	return store.Open(path)
}

// openExistingDB opens the project for a command that only reads: a missing
// project is an error, never created.
func (e *env) openExistingDB() (*store.DB, error) {
	path, err := e.projectPath()
	if err != nil {
		return nil, err
	}
	return store.OpenExisting(path)
}

func (e *env) projectPath() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	return store.DefaultPath()
}
