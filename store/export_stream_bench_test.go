package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// The native export of two generated projects of 100k annotations each:
// one article with all of them (document100k), and 1,000 articles of 100
// (manyArticles). For each, three benchmarks in one run:
//
//	BenchmarkExportNative/<project>/raw       SELECT of the rows the export reads, scanned, nothing built (the baseline)
//	BenchmarkExportNative/<project>/whole     db.Export + interchange.WriteDocument, as the export was before it streamed
//	BenchmarkExportNative/<project>/streamed  interchange.WriteExport, article by article from db.ExportStream
//
// each reporting x-raw (its time over raw's) and peak-heap-MB, the most the
// live heap grew during an export over what it was before (sampled every
// millisecond). Targets (issue 16): 100k annotations ≤ 0.4 s; a project's
// export ≤ 500 MB peak.
func BenchmarkExportNative(b *testing.B) {
	for _, p := range []struct {
		name string
		doc  func(testing.TB) *annotate.Document
	}{
		{"one-article-100k", func(tb testing.TB) *annotate.Document { return document100k(tb.(*testing.B)) }},
		{"1000-articles-x100", func(tb testing.TB) *annotate.Document { return manyArticles(tb, 1000, 100) }},
	} {
		b.Run(p.name, func(b *testing.B) {
			db := openTestDB(b)
			ctx := context.Background()
			if _, err := db.Import(ctx, p.doc(b)); err != nil {
				b.Fatal(err)
			}
			key := "export-raw-" + p.name
			b.Run("raw", func(b *testing.B) {
				d := benchExport(b, func() error { return rawExportRows(ctx, db) })
				baselines.Store(key, ms(d))
			})
			b.Run("whole", func(b *testing.B) {
				d := benchExport(b, func() error {
					doc, err := db.Export(ctx)
					if err != nil {
						return err
					}
					return interchange.WriteDocument(io.Discard, doc)
				})
				ratio(b, key, ms(d), false)
			})
			b.Run("streamed", func(b *testing.B) {
				d := benchExport(b, func() error {
					_, err := interchange.WriteExport(ctx, io.Discard, interchange.StoreOf(db), interchange.FormatNative, interchange.ExportOptions{})
					return err
				})
				ratio(b, key, ms(d), false)
			})
		})
	}
}

// benchExport runs op b.N times, reports the largest growth of the live
// heap during one and the median CPU time of one (user and system, of
// every goroutine: on a loaded machine the wall clock says little), and
// returns the median time of one.
func benchExport(b *testing.B, op func() error) time.Duration {
	b.ReportAllocs()
	var times, cpus []time.Duration
	var peak uint64
	for range b.N {
		b.StopTimer()
		runtime.GC()
		before := heapObjects()
		stop := watchHeap()
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		err := op()
		times = append(times, time.Since(start))
		cpus = append(cpus, cpuTime()-cpu)
		b.StopTimer()
		if top := stop(); top > before && top-before > peak {
			peak = top - before
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(median(cpus).Milliseconds()), "cpu-ms") // cpuTime: workflow_bench_test.go
	return median(times)
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

// heapObjects is the heap's bytes in objects, live or not yet swept.
func heapObjects() uint64 {
	metrics.Read(heapSample)
	return heapSample[0].Value.Uint64()
}

// watchHeap samples the heap every millisecond until the returned
// function is called, which returns the largest sample.
func watchHeap() (stop func() uint64) {
	done := make(chan struct{})
	var top uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			top = max(top, heapObjects())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return max(top, heapObjects())
	}
}

// rawExportRows reads, in one read transaction, the rows a whole native
// export reads: the settings, speakers, every article (with its text),
// annotation, note source, comment and revision, and the log, each scanned
// into strings and dropped.
func rawExportRows(ctx context.Context, db *DB) error {
	return db.readTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			"SELECT * FROM settings",
			"SELECT * FROM speakers",
			"SELECT id, title, url, outlet, authors, published, language, text, sha256, imported_at, pages FROM articles",
			`SELECT id, article_id, kind, author, origin, created, modified,
				coalesce(speaker_id, ''), coalesce(attribution_id, ''), coalesce(claim_id, ''), body FROM annotations`,
			"SELECT * FROM note_evidence JOIN evidence ON evidence.id = note_evidence.evidence_id",
			"SELECT * FROM comments",
			"SELECT * FROM revisions",
			"SELECT id, at, who, action, kind, entity, article, field, old, new FROM audit ORDER BY seq",
		} {
			if err := scanAll(ctx, tx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
}

// scanAll scans every row of the query into strings.
func scanAll(ctx context.Context, tx *sql.Tx, query string) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}

var (
	manyOnce sync.Once
	manyDoc  *annotate.Document
)

// manyArticles is a document of articles articles with perArticle
// annotations each (generateDocument's mix, ~4 KB of text each), speaking
// for the first article's 50 speakers.
func manyArticles(tb testing.TB, articles, perArticle int) *annotate.Document {
	manyOnce.Do(func() {
		doc := generateDocument(tb, perArticle, 4<<10, 1)
		for i := 1; i < articles; i++ {
			ad := generateDocument(tb, perArticle, 4<<10, uint64(1000+i)).Articles[0]
			for j := range ad.Attributions {
				ad.Attributions[j].SpeakerID = doc.Speakers[j%len(doc.Speakers)].ID
			}
			doc.Articles = append(doc.Articles, ad)
		}
		if err := doc.Validate(); err != nil {
			tb.Fatal(err)
		}
		manyDoc = doc
	})
	return manyDoc
}
