package store

// Benchmarks of the store against raw SQLite baselines measured in the same
// run, with the same DSN (WAL, synchronous=FULL) on the same machine:
//
//	go test -run '^$' -bench 'Commit|Save' ./store/
//	go test -run '^$' -bench '100k' -benchtime 3x ./store/
//
// A save's target (issue 16) is at most 1.5 times a raw commit (median). On a
// loaded machine the load moves between one benchmark and the next, so the
// save benchmarks also time a raw commit beside each save, in turn, and
// report the medians' ratio as x-raw-paired.
//
// Each baseline is declared before the benchmark it is the baseline of, so it
// runs first; the store's benchmark then also reports its figure as a share of
// the baseline's (see ratio). Targets: a durable save of one
// annotation at most 1 ms median; an import of 100k annotations at least 80% of
// the raw insert rate (issue 16); an export of 100k annotations at most 0.5 s.

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// generateDocument builds a valid native document: 50 speakers and one
// article of about textBytes of prose with non-ASCII text, carrying n
// annotations: 40% attributions, 40% claims (half of them from one of the
// attributions), 20% notes (half on claims, with evidence).
func generateDocument(tb testing.TB, n, textBytes int, seed uint64) *annotate.Document {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	words := strings.Fields("the minister said that “the deficit” grew by 12 % in 2025 according to " +
		"Zoë Ibáñez while critics of the government déclaré ‘it is false’ 👍🏽 and €3 billion " +
		"were spent on roads schools and hospitals across the région 🇫🇷 last year")
	var sb strings.Builder
	for sb.Len() < textBytes {
		for i := 5 + rng.IntN(20); i > 0; i-- {
			sb.WriteString(words[rng.IntN(len(words))])
			sb.WriteByte(' ')
		}
		sb.WriteString(".")
		if rng.IntN(6) == 0 {
			sb.WriteString("\n")
		} else {
			sb.WriteString(" ")
		}
	}
	base := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	art, err := annotate.NewArticle([]byte(sb.String()), annotate.ArticleMeta{Title: fmt.Sprintf("Generated %d", seed),
		Outlet: "Bench", Authors: []string{"Gen"}}, base)
	if err != nil {
		tb.Fatal(err)
	}
	text := annotate.NewText(art.Text)
	doc := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale()}
	for i := range 50 {
		doc.Speakers = append(doc.Speakers, annotate.Speaker{ID: annotate.NewID(), Name: fmt.Sprintf("Speaker Núñez %02d", i),
			Created: base, Modified: base})
	}
	anchor := func() annotate.Anchor {
		start := rng.IntN(text.Len() - 80)
		a, err := text.Anchor(start, start+5+rng.IntN(60))
		if err != nil {
			tb.Fatal(err)
		}
		return a
	}
	meta := func(i int) annotate.Meta {
		t := base.Add(time.Duration(i) * time.Millisecond)
		return annotate.Meta{ID: annotate.NewID(), Author: "Bench", Origin: annotate.Manual, Created: t, Modified: t}
	}
	ad := annotate.ArticleDoc{Article: *art}
	verdicts := doc.Scale.Verdicts
	for i := range n {
		switch k := i % 10; {
		case k < 4:
			a := annotate.Attribution{Meta: meta(i), Content: []annotate.Anchor{anchor()}, Kind: annotate.Indirect,
				SpeakerID: doc.Speakers[rng.IntN(len(doc.Speakers))].ID}
			if k < 2 {
				a.Cue = ptr(anchor())
				a.Source = ptr(anchor())
				a.Kind = annotate.Direct
			}
			ad.Attributions = append(ad.Attributions, a)
		case k < 8:
			c := annotate.Claim{Meta: meta(i), Anchors: []annotate.Anchor{anchor()}, Status: annotate.StatusCandidate,
				Worthiness: ptr(rng.Float64()), WorthinessOrigin: annotate.Suggested}
			if k < 6 && len(ad.Attributions) > 0 {
				c.AttributionID = ad.Attributions[rng.IntN(len(ad.Attributions))].ID
			}
			ad.Claims = append(ad.Claims, c)
		default:
			note := annotate.Note{Meta: meta(i), Verdict: verdicts[rng.IntN(len(verdicts))].Label,
				Rationale: "Checked against the budget law — « loi de finances ».",
				Sources:   []annotate.Evidence{{URL: "https://example.org/budget", Title: "Budget 2025", Accessed: "2026-03-01"}}}
			if k == 8 && len(ad.Claims) > 0 {
				note.ClaimID = ad.Claims[rng.IntN(len(ad.Claims))].ID
			} else {
				note.Target = ptr(anchor())
			}
			ad.Notes = append(ad.Notes, note)
		}
	}
	doc.Articles = []annotate.ArticleDoc{ad}
	if err := doc.Validate(); err != nil {
		tb.Fatalf("generated document: %v", err)
	}
	return doc
}

var (
	doc100kOnce sync.Once
	doc100k     *annotate.Document
)

// document100k is the benchmarks' document: 100k annotations on ~1 MB.
func document100k(b *testing.B) *annotate.Document {
	doc100kOnce.Do(func() { doc100k = generateDocument(b, 100_000, 1<<20, 100) })
	return doc100k
}

// baselines holds each baseline's figure from this run, for ratio.
var baselines sync.Map

// ratio reports how value compares with the named baseline's figure, when
// the baseline ran in this process: for a rate (higher is better) as a
// percentage of the baseline's ("of-raw-%"), for a time as a multiple of it
// ("x-raw").
func ratio(b *testing.B, baseline string, value float64, rate bool) {
	v, ok := baselines.Load(baseline)
	if !ok || value == 0 {
		return
	}
	if base := v.(float64); rate {
		b.ReportMetric(100*value/base, "of-raw-%")
	} else {
		b.ReportMetric(value/base, "x-raw")
	}
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkRawCommit is the baseline of BenchmarkSaveAnnotation: one
// single-row INSERT, autocommitted, with the store's DSN on a plain table.
func BenchmarkRawCommit(b *testing.B) {
	commit := rawCommitter(b)
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		ds = append(ds, commit())
	}
	b.StopTimer()
	m := median(ds)
	b.ReportMetric(ms(m), "median-ms")
	baselines.Store("commit", ms(m))
}

// rawCommitter opens a database with the store's DSN and a plain table, and
// returns what BenchmarkRawCommit times: one single-row INSERT of about an
// annotation row's size, autocommitted. It returns how long that took.
func rawCommitter(b *testing.B) func() time.Duration {
	path := filepath.Join(b.TempDir(), "raw.db")
	if err := prepareFile(path); err != nil {
		b.Fatal(err)
	}
	raw := rawDB(b, dsn(path))
	b.Cleanup(func() { raw.Close() })
	if _, err := raw.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		b.Fatal(err)
	}
	value := strings.Repeat("x", 400)
	return func() time.Duration {
		start := time.Now()
		if _, err := raw.Exec("INSERT INTO t (v) VALUES (?)", value); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
}

// paired times op b.N times, with base (a raw baseline, off the benchmark's
// timer) beside each, before it at even iterations and after it at odd ones
// (whichever runs second pays a little for the first's flush). It reports
// op's median (median-ms) and its ratio to base's median in the same
// iterations (x-raw-paired), and returns op's median.
func paired(b *testing.B, base func() time.Duration, op func(i int)) time.Duration {
	ds := make([]time.Duration, 0, b.N)
	bs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			b.StopTimer()
			bs = append(bs, base())
			b.StartTimer()
		}
		start := time.Now()
		op(i)
		ds = append(ds, time.Since(start))
		if i%2 == 1 {
			b.StopTimer()
			bs = append(bs, base())
			b.StartTimer()
		}
	}
	b.StopTimer()
	m := median(ds)
	b.ReportMetric(ms(m), "median-ms")
	b.ReportMetric(float64(m)/float64(median(bs)), "x-raw-paired")
	return m
}

// BenchmarkRawSaveAudited is the floor of a durable save, beside
// BenchmarkRawCommit: the rows one CreateClaim writes (the annotation and its
// audit entry, built before the timer) inserted with statements prepared
// once, in one durable transaction, on the store's schema (its indexes and
// the audit log's triggers; since schema 11 the two rows write six pages to
// the WAL, TestSaveWritesSixPages). Its x-raw is what the schema alone costs
// a save, whatever the store does around it.
func BenchmarkRawSaveAudited(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	insert, err := f.db.db.Prepare(insertSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer insert.Close()
	log, err := f.db.db.Prepare(insertAuditSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	type save struct {
		args []any
		view string
	}
	saves := make([]save, b.N)
	for i := range saves {
		c := f.claim(b)
		c.Status = annotate.StatusCandidate
		c.ID, c.Created, c.Modified = annotate.NewID(), f.clock.Now(), f.clock.Now()
		r := claimRow(c)
		args, err := r.insertArgs()
		if err != nil {
			b.Fatal(err)
		}
		saves[i] = save{args, string(rowView(&r, args[11].(string)))}
	}
	m := paired(b, rawCommitter(b), func(i int) {
		s := &saves[i]
		tx, err := f.db.db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Stmt(insert).Exec(s.args...); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Stmt(log).Exec(entryID(), timeText(time.Now()), "Bench", "create", "claim", s.args[0], s.args[1],
			"", "", s.view); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	})
	ratio(b, "commit", ms(m), false)
}

// BenchmarkSaveAnnotation is one CreateClaim: stamp, validate, insert the
// row and its audit entry, durable commit. Target: median at most 1.5 times
// BenchmarkRawCommit's (x-raw), and the raw commits timed beside it
// (x-raw-paired).
func BenchmarkSaveAnnotation(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	anchors := [][]annotate.Anchor{
		{span(b, f.text, "the deficit grew 12 % in 2025’ 👨‍👩‍👧")},
		{span(b, f.text, "“We will not raise taxes,”"), span(b, f.text, "€3 billion")},
		{span(b, f.text, "“🇫🇷 flags”")},
	}
	m := paired(b, rawCommitter(b), func(i int) {
		c := &annotate.Claim{Meta: annotate.Meta{ArticleID: f.art.ID}, Anchors: anchors[i%len(anchors)], Tags: []string{"bench"}}
		if err := f.db.CreateClaim(ctx, c); err != nil {
			b.Fatal(err)
		}
	})
	ratio(b, "commit", ms(m), false)
}

// BenchmarkRawInsert100k is the baseline of BenchmarkImport100k: the rows the
// store writes for the document (built with the store's own helpers before
// the timer) inserted with one prepared statement in one transaction, into
// the store's schema.
func BenchmarkRawInsert100k(b *testing.B) {
	b.StopTimer() // the timer runs only around the inserts
	raw := rawInserter(b, document100k(b))
	var elapsed, cpu time.Duration
	for range b.N {
		b.StartTimer()
		e, c := raw()
		b.StopTimer()
		elapsed, cpu = elapsed+e, cpu+c
	}
	rate := float64(100_000*b.N) / elapsed.Seconds()
	b.ReportMetric(rate, "rows/s")
	baselines.Store("insert100k", rate)
	reportCPURate(b, "insert100k-cpu", 100_000, cpu, false)
}

// rawInserter returns what BenchmarkRawInsert100k times: the rows of doc's
// article inserted into a fresh project (made off the clock, with the
// article and speakers), as the wall and CPU time the inserts took.
func rawInserter(b *testing.B, doc *annotate.Document) func() (elapsed, cpu time.Duration) {
	ad := &doc.Articles[0]
	rows := importRows(b, ad)
	if len(rows) != 100_000 {
		b.Fatalf("%d rows, not 100k", len(rows))
	}
	ctx := context.Background()
	return func() (elapsed, cpu time.Duration) {
		db := openTestDB(b)
		defer db.Close()
		art := ad.Article
		if _, err := db.CreateArticle(ctx, &art); err != nil {
			b.Fatal(err)
		}
		for i := range doc.Speakers {
			if _, err := db.db.Exec(insertSpeakerSQL, speakerArgs(&doc.Speakers[i])...); err != nil {
				b.Fatal(err)
			}
		}
		start, startCPU := time.Now(), cpuTime()
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			stmt, err := tx.Prepare(insertSQL)
			if err != nil {
				return err
			}
			defer stmt.Close()
			for _, args := range rows {
				if _, err := stmt.Exec(args...); err != nil {
					return err
				}
			}
			return nil
		})
		elapsed, cpu = time.Since(start), cpuTime()-startCPU
		if err != nil {
			b.Fatal(err)
		}
		return elapsed, cpu
	}
}

// BenchmarkRawInsertAudited100k is what an entry per record would cost an
// import, beside BenchmarkRawInsert100k: the same rows with the same
// prepared statement, and for each one audit entry of the record's view
// with a prepared statement of its own, in one transaction. Its of-raw-%
// (about 40%) is why an import logs one entry per article it adds to,
// naming the records, instead (importedArticle).
func BenchmarkRawInsertAudited100k(b *testing.B) {
	b.StopTimer()
	doc := document100k(b)
	ad := &doc.Articles[0]
	rows := importRows(b, ad)
	ctx := context.Background()
	at := timeText(time.Now())
	var elapsed, cpu time.Duration
	for range b.N {
		db := openTestDB(b)
		art := ad.Article
		if _, err := db.CreateArticle(ctx, &art); err != nil {
			b.Fatal(err)
		}
		for i := range doc.Speakers {
			if _, err := db.db.Exec(insertSpeakerSQL, speakerArgs(&doc.Speakers[i])...); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime()
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			stmt, err := tx.Prepare(insertSQL)
			if err != nil {
				return err
			}
			defer stmt.Close()
			log, err := tx.Prepare(insertAuditSQL)
			if err != nil {
				return err
			}
			defer log.Close()
			for _, args := range rows {
				if _, err := stmt.Exec(args...); err != nil {
					return err
				}
				view := annotationView(args[4].(string), args[5].(string), refText(args[8]), refText(args[9]), refText(args[10]), args[11].(string))
				if _, err := log.Exec(entryID(), at, "Bench", "import", args[2], args[0], args[1], "", "", string(view)); err != nil {
					return err
				}
			}
			return nil
		})
		elapsed += time.Since(start)
		cpu += cpuTime() - startCPU
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	rate := float64(len(rows)*b.N) / elapsed.Seconds()
	b.ReportMetric(rate, "rows/s")
	ratio(b, "insert100k", rate, true)
	reportCPURate(b, "insert100k-cpu", len(rows), cpu, true)
}

func refText(v any) string {
	s, _ := v.(string)
	return s
}

// importRows is the insert arguments of every annotation of ad, in the order
// Import writes them.
func importRows(tb testing.TB, ad *annotate.ArticleDoc) [][]any {
	starts := map[string]int{}
	for i := range ad.Claims {
		starts[ad.Claims[i].ID] = ad.Claims[i].Start()
	}
	var rows []row
	for i := range ad.Attributions {
		rows = append(rows, attributionRow(&ad.Attributions[i]))
	}
	for i := range ad.Claims {
		rows = append(rows, claimRow(&ad.Claims[i]))
	}
	for i := range ad.Notes {
		n := &ad.Notes[i]
		start := starts[n.ClaimID]
		if n.Target != nil {
			start = n.Target.Start
		}
		rows = append(rows, noteRow(n, start))
	}
	args := make([][]any, len(rows))
	for i := range rows {
		rows[i].meta.ArticleID = ad.ID
		var err error
		if args[i], err = rows[i].insertArgs(); err != nil {
			tb.Fatal(err)
		}
	}
	return args
}

// BenchmarkImport100k is store.Import of the 100k-annotation document into a
// fresh project: validation, speakers, the article and every annotation in one
// transaction. Target: at least 80% of BenchmarkRawInsert100k's rate
// (of-raw-%, of-raw-cpu-%). On a loaded machine the load moves between
// one benchmark and the next, so each import is also timed beside a raw
// insert of BenchmarkRawInsert100k's, in turn (before it at even iterations,
// after it at odd ones): of-raw-paired-% is the raw inserts' median time
// over the imports', of-raw-paired-cpu-% the same of their CPU times. At
// -benchtime 3x the medians are of three pairs each, which a load of 10 or
// more moves by ±25 points between runs: take -benchtime 9x or more for them.
func BenchmarkImport100k(b *testing.B) {
	b.StopTimer() // the timer runs only around Import
	doc := document100k(b)
	raw := rawInserter(b, doc)
	ctx := context.Background()
	var elapsed, cpu time.Duration
	var times, cpus, rawTimes, rawCPUs []time.Duration
	for i := range b.N {
		if i%2 == 0 {
			e, c := raw()
			rawTimes, rawCPUs = append(rawTimes, e), append(rawCPUs, c)
		}
		db := openTestDB(b)
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime()
		res, err := db.Import(ctx, doc)
		e, c := time.Since(start), cpuTime()-startCPU
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if res.Saved != doc.Count() {
			b.Fatalf("saved %d of %d", res.Saved, doc.Count())
		}
		db.Close()
		elapsed, cpu = elapsed+e, cpu+c
		times, cpus = append(times, e), append(cpus, c)
		if i%2 == 1 {
			e, c := raw()
			rawTimes, rawCPUs = append(rawTimes, e), append(rawCPUs, c)
		}
	}
	rate := float64(doc.Count()*b.N) / elapsed.Seconds()
	b.ReportMetric(rate, "rows/s")
	ratio(b, "insert100k", rate, true)
	reportCPURate(b, "insert100k-cpu", doc.Count(), cpu, true)
	b.ReportMetric(100*float64(median(rawTimes))/float64(median(times)), "of-raw-paired-%")
	b.ReportMetric(100*float64(median(rawCPUs))/float64(median(cpus)), "of-raw-paired-cpu-%")
}

// BenchmarkExport100k is the native export of the 100k-annotation project
// as factmark export and the desk make it (interchange.WriteExport,
// streamed from the store), after raw, the SELECT of the rows it reads
// (rawExportRows) in the same run: export reports x-raw, its median time
// over raw's, and cpu-ms. Target (issue 16): at most 0.4 s an op.
// BenchmarkExportNative has the whole document's export beside it.
func BenchmarkExport100k(b *testing.B) {
	doc := document100k(b)
	db := openTestDB(b)
	ctx := context.Background()
	if _, err := db.Import(ctx, doc); err != nil {
		b.Fatal(err)
	}
	b.Run("raw", func(b *testing.B) {
		baselines.Store("export100k-raw", ms(benchExport(b, func() error { return rawExportRows(ctx, db) })))
	})
	b.Run("export", func(b *testing.B) {
		d := benchExport(b, func() error {
			_, err := interchange.WriteExport(ctx, io.Discard, interchange.StoreOf(db), interchange.FormatNative, interchange.ExportOptions{})
			return err
		})
		ratio(b, "export100k-raw", ms(d), false)
	})
}

// reportCPURate reports rows per CPU second (the process's user and system
// time: on a loaded machine the wall clock varies far more), as the named
// baseline (compare false) or as a share of it ("of-raw-cpu-%").
func reportCPURate(b *testing.B, name string, rows int, cpu time.Duration, compare bool) {
	if cpu <= 0 {
		return
	}
	rate := float64(rows*b.N) / cpu.Seconds()
	b.ReportMetric(rate, "rows/cpu-s")
	if !compare {
		baselines.Store(name, rate)
		return
	}
	if v, ok := baselines.Load(name); ok {
		b.ReportMetric(100*rate/v.(float64), "of-raw-cpu-%")
	}
}
