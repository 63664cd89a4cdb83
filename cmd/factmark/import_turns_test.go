package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A transcript's turns are kept and their speakers added to the registry,
// the report's second line on stdout saying how many; --no-turns keeps none.
func TestImportTurnsAndNoTurns(t *testing.T) {
	dir := t.TempDir()
	text := "TRUMP: We have to bring back jobs.\n\nHOLT: Thank you. Secretary Clinton?\n\nCLINTON: Well, I think that's wrong.\n"
	f := writeFile(t, dir, "debate.txt", []byte(text))
	srt := writeFile(t, dir, "debate.srt", []byte("1\n00:00:01,000 --> 00:00:03,500\nHOLT: Good evening.\n\n2\n00:00:04,000 --> 00:00:06,000\nTRUMP: Thank you.\n"))

	db := filepath.Join(dir, "turns.db")
	out := mustRun(t, "--db", db, "import", f)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "imported ") || lines[1] != "found 3 turns by 3 speakers (3 new in the registry, 0 already there)" {
		t.Fatalf("import said %q", out)
	}
	out = mustRun(t, "--db", db, "import", srt)
	if !strings.Contains(out, "found 2 turns by 2 speakers (0 new in the registry, 2 already there)") {
		t.Fatalf("importing the subtitles said %q", out)
	}
	export := mustRun(t, "--db", db, "export")
	for _, want := range []string{`"format": "factmark/2"`, `"speaker": "TRUMP"`, `"name": "Trump"`, `"time_start": 1`, `"type": "application/x-subrip"`} {
		if !strings.Contains(export, want) {
			t.Errorf("the export lacks %s", want)
		}
	}

	plain := filepath.Join(dir, "plain.db")
	out = mustRun(t, "--db", plain, "import", "--no-turns", f)
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "imported ") {
		t.Fatalf("import --no-turns said %q", out)
	}
	if export := mustRun(t, "--db", plain, "export"); strings.Contains(export, `"turns"`) {
		t.Errorf("import --no-turns kept turns:\n%s", export)
	}
}
