package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// deferCheck makes Open defer the full check of every file, as it does for
// a large one, for the rest of the test.
func deferCheck(t *testing.T) {
	old := fullCheckAtOpen
	fullCheckAtOpen = -1
	t.Cleanup(func() { fullCheckAtOpen = old })
}

// damagePages overwrites n pages of the file from offset at with garbage,
// as a bad disk sector would.
func damagePages(t *testing.T, path string, at int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := make([]byte, n*4096)
	for i := range garbage {
		garbage[i] = byte(i * 7)
	}
	if _, err := f.WriteAt(garbage, at); err != nil {
		t.Fatal(err)
	}
}

// A large project is opened without the full check; Check runs it later,
// once, and a write waits for it.
func TestOpenDefersTheFullCheckOfALargeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.db")
	factmarkDB(t, path)
	ctx := context.Background()

	small, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !small.Checked() {
		t.Error("a small project was not checked in full at Open")
	}
	small.Close()

	deferCheck(t)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Checked() {
		t.Fatal("Open checked a large project in full")
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := db.Check(ctx); err != nil {
			t.Errorf("Check of a whole project: %v", err)
		}
	})
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Annotator = "Ana"
	if err := db.UpdateSettings(ctx, s); err != nil { // during or after the check
		t.Fatalf("a write to a whole project: %v", err)
	}
	wg.Wait()
	if !db.Checked() {
		t.Error("Checked = false after Check")
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check again: %v", err)
	}
}

// A write into a project not yet checked runs the check first: into a
// damaged one nothing is written, and every later write is refused too.
func TestDeferredCheckRefusesWritesToADamagedProject(t *testing.T) {
	for _, tt := range []struct {
		name  string
		check bool // call Check before writing, as the desk does
	}{
		{"the desk's check, then a write", true},
		{"a write first", false},
		{"the opening recorded first", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "project.db")
			factmarkDB(t, path)
			id := onlyArticle(t, path)
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			damagePages(t, path, info.Size()/3/4096*4096, 3)
			before := snapshot(t, dir)
			deferCheck(t)
			ctx := context.Background()

			db, err := Open(path)
			if err != nil {
				t.Fatalf("Open refused a project whose structure is whole: %v", err)
			}
			// Reads do not wait for the check; one that meets a damaged
			// page says so (the pages damaged differ from run to run).
			if _, total, err := db.FindArticlesPage(ctx, "", 0, 10); err != nil && !strings.Contains(err.Error(), "damaged") || err == nil && total != 1 {
				t.Errorf("reading the library of a project not yet checked: %d articles, %v", total, err)
			}
			if tt.name == "the opening recorded first" {
				if err := db.MarkOpened(ctx, id); err != nil {
					t.Errorf("MarkOpened on a damaged project: %v; want it unrecorded, without an error of its own", err)
				}
			}
			if tt.check {
				err := db.Check(ctx)
				wantError(t, err, annotate.EINTERNAL, "damaged", "no change will be saved", "backup", path)
				noInternals(t, err)
			}
			s, err := db.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			s.Annotator = "Ana"
			err = db.UpdateSettings(ctx, s)
			wantError(t, err, annotate.EINTERNAL, "damaged", "no change will be saved")
			noInternals(t, err)
			_, err = db.CreateArticle(ctx, annotate.SampleArticle(db.Now()))
			wantError(t, err, annotate.EINTERNAL, "damaged")
			if err := db.MarkOpened(ctx, id); err != nil {
				t.Errorf("MarkOpened after the check: %v; want it unrecorded, without an error of its own", err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if after := snapshot(t, dir); after["project.db"] != before["project.db"] || len(after) != len(before) {
				t.Error("the damaged project was changed")
			}
		})
	}
}

// What Open still refuses at once without the full check: a file cut
// short (a half-copied project) and a broken table root.
func TestOpenWithoutTheFullCheckRefusesABrokenStructure(t *testing.T) {
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"cut short", func(t *testing.T, path string) {
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		}},
		{"second page", func(t *testing.T, path string) { damagePages(t, path, 4096, 1) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "project.db")
			factmarkDB(t, path)
			tt.damage(t, path)
			before := snapshot(t, dir)
			deferCheck(t)
			db, err := Open(path)
			if err == nil {
				db.Close()
			}
			wantError(t, err, annotate.EINTERNAL, "damaged", "left untouched", "backup", path)
			noInternals(t, err)
			if after := snapshot(t, dir); len(after) != len(before) || after["project.db"] != before["project.db"] {
				t.Error("Open changed the damaged project or left files beside it")
			}
		})
	}
}

// noInternals fails if the error's message shows SQLite's report.
func noInternals(t *testing.T, err error) {
	t.Helper()
	for _, internal := range []string{"***", "Tree ", "page ", "quick_check", "SELECT"} {
		if strings.Contains(annotate.ErrorMessage(err), internal) {
			t.Errorf("error %q shows SQLite's internals (%q)", err, internal)
		}
	}
}

// onlyArticle is the ID of the one article of the project at path, read
// before the test damages it.
func onlyArticle(t *testing.T, path string) string {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, _, err := db.FindArticlesPage(context.Background(), "", 0, 2)
	if err != nil || len(list) != 1 {
		t.Fatalf("FindArticlesPage = %v, %v; want one article", list, err)
	}
	return list[0].ID
}
