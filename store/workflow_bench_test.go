package store

// Benchmarks of the reads and writes evidence records add to, with the
// process's CPU time per op beside the wall time: on a machine shared with
// other work the wall time varies by half from run to run, the CPU time by
// far less.
//
//	go test -run '^$' -bench 'CPU|FindAnnotations100k' -benchtime 3x ./store/

import (
	"context"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/factmark/factmark/interchange"
)

// cpuTime is the CPU time the process (every thread: SQLite's work runs in
// cgo calls) has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeCPU runs op b.N times, timed, and reports its CPU time per op.
func timeCPU(b *testing.B, op func()) {
	var cpu time.Duration
	for range b.N {
		b.StartTimer()
		start := cpuTime()
		op()
		cpu += cpuTime() - start
		b.StopTimer()
	}
	b.ReportMetric(ms(cpu)/float64(b.N), "cpu-ms/op")
}

// BenchmarkFindAnnotations100k is FindAnnotations of the 100k-annotation
// article, whose 20k notes each have a source (an evidence record, read by
// one query for the article).
func BenchmarkFindAnnotations100k(b *testing.B) {
	b.StopTimer()
	doc := document100k(b)
	db := openTestDB(b)
	ctx := context.Background()
	if _, err := db.Import(ctx, doc); err != nil {
		b.Fatal(err)
	}
	timeCPU(b, func() {
		all, err := db.FindAnnotations(ctx, doc.Articles[0].ID)
		if err != nil || len(all.Notes) == 0 || len(all.Notes[0].Sources) != 1 {
			b.Fatalf("FindAnnotations: %v", err)
		}
	})
}

// BenchmarkImport100kCPU is BenchmarkImport100k with its CPU time.
func BenchmarkImport100kCPU(b *testing.B) {
	b.StopTimer()
	doc := document100k(b)
	ctx := context.Background()
	var db *DB
	defer func() { db.Close() }()
	timeCPU(b, func() {
		b.StopTimer()
		if db != nil {
			db.Close()
		}
		db = openTestDB(b)
		b.StartTimer()
		if _, err := db.Import(ctx, doc); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkExport100kCPU is the whole document's export of the 100k
// project (db.Export, then interchange.WriteDocument) with its CPU time;
// BenchmarkExport100k is the streamed export that factmark export makes.
func BenchmarkExport100kCPU(b *testing.B) {
	b.StopTimer()
	doc := document100k(b)
	db := openTestDB(b)
	ctx := context.Background()
	if _, err := db.Import(ctx, doc); err != nil {
		b.Fatal(err)
	}
	timeCPU(b, func() {
		out, err := db.Export(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := interchange.WriteDocument(io.Discard, out); err != nil {
			b.Fatal(err)
		}
	})
}
