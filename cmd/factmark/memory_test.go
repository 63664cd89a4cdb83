package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

func TestDeskMemorySetsGOGCUnlessTheEnvironmentDid(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	deskMemory()
	if got := debug.SetGCPercent(77); got != deskGCPercent {
		t.Fatalf("GOGC %d after deskMemory, want %d", got, deskGCPercent)
	}
	t.Setenv("GOGC", "80")
	deskMemory()
	if got := debug.SetGCPercent(100); got != 77 {
		t.Fatalf("GOGC %d after deskMemory with GOGC=80 set, want it left alone (77)", got)
	}
}

func TestMemReportWritesClassesAndProfile(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "go")
	if err := writeMemReport(prefix); err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile(prefix + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/memory/classes/total:bytes", "/gc/heap/live:bytes", "/gc/gogc:percent", "goroutines"} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("the report lacks %s:\n%s", want, txt)
		}
	}
	if fi, err := os.Stat(prefix + ".heap"); err != nil || fi.Size() == 0 {
		t.Fatalf("no heap profile: %v", err)
	}
}

// The desk finds the store's optional services by type assertion on its
// article service: wrapped to trim the C heap, the project must still offer
// them, and release its memory without error.
func TestDeskArticleServiceReleasesMemoryAndKeepsTheStoresServices(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := services(db)
	r, ok := svc.Articles.(interface{ ReleaseMemory(context.Context) error })
	if !ok {
		t.Fatal("the desk's article service cannot release memory")
	}
	if err := r.ReleaseMemory(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, ok := svc.Articles.(interface {
		FindRevisions(context.Context, string) ([]annotate.Revision, error)
	}); !ok {
		t.Error("the desk's article service lost FindRevisions")
	}
	if _, ok := svc.Articles.(interface {
		UpdateArticleTurns(context.Context, string, []annotate.Turn) error
	}); !ok {
		t.Error("the desk's article service lost UpdateArticleTurns")
	}
}

func TestProfileMemoryOnlyForTheReport(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 512 << 10
	t.Setenv(memReportEnv, filepath.Join(t.TempDir(), "go"))
	profileMemory()
	if runtime.MemProfileRate != 512<<10 {
		t.Fatalf("MemProfileRate %d with a report asked for, want Go's default", runtime.MemProfileRate)
	}
	t.Setenv(memReportEnv, "")
	profileMemory()
	if runtime.MemProfileRate != 0 {
		t.Fatalf("MemProfileRate %d without a report, want 0 (off)", runtime.MemProfileRate)
	}
}
