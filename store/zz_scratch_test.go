package store

import (
	"context"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func BenchmarkZZPhases(b *testing.B) {
	doc := document100k(b)
	db := openTestDB(b)
	ctx := context.Background()
	if _, err := db.Import(ctx, doc); err != nil {
		b.Fatal(err)
	}
	for range 4 {
		runtime.GC()
		t0 := time.Now()
		out, _ := db.Export(ctx)
		t1 := time.Now()
		annotate.WriteDocument(io.Discard, out)
		t2 := time.Now()
		b.Logf("export %v write %v", t1.Sub(t0), t2.Sub(t1))
	}
}
