package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, text, field string }{
		{"plain «title» 🙂", "plain «title» 🙂", "plain «title» 🙂"},
		{"clear\x1b[2Jscreen\a", `clear\x1b[2Jscreen\x07`, `clear\x1b[2Jscreen\x07`},
		{"title\x1b]0;pwned\x07", `title\x1b]0;pwned\x07`, `title\x1b]0;pwned\x07`},
		{"csi\u009b31m c1", `csi\u009b31m c1`, `csi\u009b31m c1`},
		{"del\x7f nul\x00", `del\x7f nul\x00`, `del\x7f nul\x00`},
		{"tab\tline\n", "tab\tline\n", `tab\x09line\x0a`},
		{"bad \xff byte", `bad \xff byte`, `bad \xff byte`},
		{"evil\u202egnp.exe", `evil\u202egnp.exe`, `evil\u202egnp.exe`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.text {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := escapeField(tt.in); got != tt.field {
			t.Errorf("escapeField(%q) = %q, want %q", tt.in, got, tt.field)
		}
	}
}

// storeRawTitle gives an article a title as an older Factmark, or another
// program, may have stored it, bypassing the checks on import.
func storeRawTitle(t *testing.T, path, id, title, outlet string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("UPDATE articles SET title = ?, outlet = ? WHERE id = ?", title, outlet, id); err != nil {
		t.Fatal(err)
	}
}

// factmark list never prints a stored string raw: a title holding ESC[2J
// and BEL would clear the user's terminal and ring its bell.
func TestListEscapesControlCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := annotate.SampleArticle(time.Now())
	if _, err := db.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	db.Close()
	storeRawTitle(t, path, a.ID, "Budget\x1b[2J\aday\u009b", "The\tLedger\n")
	out := mustRun(t, "--db", path, "list")
	for _, c := range []string{"\x1b", "\a", "\u009b", "\t"} {
		if strings.Contains(out, c) {
			t.Errorf("list prints %q raw:\n%q", c, out)
		}
	}
	for _, want := range []string{`Budget\x1b[2J\x07day\u009b`, `The\x09Ledger\x0a`} {
		if !strings.Contains(out, want) {
			t.Errorf("list does not show %s:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 2 {
		t.Errorf("list printed %d lines, want the header and one article:\n%s", lines, out)
	}
}

// Error messages that quote input are escaped too.
func TestReportEscapesAndHidesCauses(t *testing.T) {
	sqlCause := errors.New("UNIQUE constraint failed: articles.id")
	tests := []struct {
		name  string
		err   error
		debug string
		want  []string
		not   []string
	}{
		{"message quoting a title", annotate.Errorf(annotate.EINVALID, "title %q", "x\x1b[2J"), "",
			[]string{`x\x1b[2J`}, []string{"\x1b"}},
		{"a human message hides its cause", &annotate.Error{Code: annotate.ECONFLICT, Message: "the project already has it", Err: sqlCause}, "",
			[]string{"the project already has it"}, []string{"cause", "UNIQUE"}},
		{"an internal error shows its cause", &annotate.Error{Code: annotate.EINTERNAL, Message: "export", Err: sqlCause}, "",
			[]string{"export", "cause: UNIQUE"}, nil},
		{"FACTMARK_DEBUG=1 shows every cause", &annotate.Error{Code: annotate.ECONFLICT, Message: "the project already has it", Err: sqlCause}, "1",
			[]string{"cause: UNIQUE"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FACTMARK_DEBUG", tt.debug)
			var b bytes.Buffer
			if code := report(&b, "import", tt.err); code != 1 {
				t.Errorf("exit %d", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("report %q lacks %q", b.String(), w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(b.String(), n) {
					t.Errorf("report %q shows %q", b.String(), n)
				}
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	null, _ := os.Open("/dev/null")
	defer null.Close()
	file, _ := os.CreateTemp(t.TempDir(), "x")
	defer file.Close()
	for _, tt := range []struct {
		w    io.Writer
		want bool
	}{{ptmx, true}, {null, false}, {file, false}, {&bytes.Buffer{}, false}} {
		if got := isTerminal(tt.w); got != tt.want {
			t.Errorf("isTerminal(%T %v) = %v", tt.w, tt.w, got)
		}
	}
}

// An export printed to a terminal is escaped; to a file or a pipe it is
// the data as it is.
func TestExportToTerminalIsEscaped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	annotateSample(t, path) // CSV has a row, with the title, for each annotation
	storeRawTitle(t, path, exportDoc(t, path).Articles[0].ID, "Budget\x1b[2J\a", "Ledger")
	for _, terminal := range []bool{true, false} {
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut, dbPath: path, terminal: func(io.Writer) bool { return terminal }}
		if err := runExport(context.Background(), e, []string{"--format", "csv"}); err != nil {
			t.Fatal(err)
		}
		raw := strings.Contains(out.String(), "Budget\x1b[2J\a")
		escaped := strings.Contains(out.String(), `Budget\x1b[2J\x07`)
		if terminal && (raw || !escaped) || !terminal && (!raw || escaped) {
			t.Errorf("to a terminal %v: raw %v, escaped %v", terminal, raw, escaped)
		}
	}
}
