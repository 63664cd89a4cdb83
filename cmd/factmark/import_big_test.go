package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestBigImportRoundTrip imports the native JSON at $FACTMARK_BIG_JSON (a
// large project's export: `factmark --db /work/big/project.db export
// --format json -o F`) into a new project with `factmark import`, read as
// a stream, and exports it again: the second export must hold the first
// byte for byte, followed only by the import's own log entries (the log is
// the document's last list, and the import's entries come after the
// document's history). Skipped unless the variable is set; scripts/scale.sh
// runs the same round trip as separate processes, timed.
func TestBigImportRoundTrip(t *testing.T) {
	src := os.Getenv("FACTMARK_BIG_JSON")
	if src == "" {
		t.Skip("FACTMARK_BIG_JSON is not set: no large export to import")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	mustRun(t, "--db", db, "import", src)
	out := filepath.Join(dir, "again.json")
	mustRun(t, "--db", db, "export", "--format", "json", "-o", out)
	if err := holdsExport(src, out); err != nil {
		t.Fatal(err)
	}
}

// holdsExport checks that the export at again starts with the export at
// first without its last 6 bytes ("\n  ]\n}\n", the end of its log), and
// then goes on with more log entries (",\n    {").
func holdsExport(first, again string) error {
	a, err := os.Open(first)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := os.Open(again)
	if err != nil {
		return err
	}
	defer b.Close()
	info, err := a.Stat()
	if err != nil {
		return err
	}
	n := info.Size() - int64(len("\n  ]\n}\n"))
	bufA, bufB := make([]byte, 1<<20), make([]byte, 1<<20)
	for off := int64(0); off < n; {
		m := int(min(int64(len(bufA)), n-off))
		if _, err := io.ReadFull(a, bufA[:m]); err != nil {
			return err
		}
		if _, err := io.ReadFull(b, bufB[:m]); err != nil {
			return fmt.Errorf("%s ends at byte %d, before %s's content does", again, off, first)
		}
		if i := mismatch(bufA[:m], bufB[:m]); i >= 0 {
			return fmt.Errorf("%s differs from %s at byte %d", again, first, off+int64(i))
		}
		off += int64(m)
	}
	next := make([]byte, len(",\n    {"))
	if _, err := io.ReadFull(b, next); err != nil || !bytes.Equal(next, []byte(",\n    {")) {
		return fmt.Errorf("%s does not go on with the import's log entries after %s's: %q", again, first, next)
	}
	return nil
}

func mismatch(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}
