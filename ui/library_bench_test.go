package ui

// Benchmarks of the desk on the generated project of issue 16
// (internal/bigproject: 10,000 articles, FACTMARK_BIG_ANNOTATIONS
// annotations each, default 100; made once in the temporary folder, about
// 95 s, then reused), each after its baseline:
//
//	go test -run '^$' -bench 'DeskStart|LibraryFilter' -benchtime 10x ./ui/
//
// DeskStart builds the desk (test driver), opens the first article and
// captures a frame; its baseline is a project with the sample article
// alone. LibraryFilter is one keystroke in the library's filter (the store
// query of a page and the list's refresh); its baseline is the fuzzy filter
// the library ran before, over the 10,000 summaries in memory.

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/bigproject"
	"github.com/factmark/factmark/store"
)

// bigDB is the generated 10,000-article project.
func bigDB(b *testing.B) *store.DB { return bigproject.ForBenchmark(b) }

func sampleDB(b *testing.B) *store.DB {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.CreateArticle(context.Background(), annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))); err != nil {
		b.Fatal(err)
	}
	return db
}

// startDesk builds a desk on db and shows it as the desk's start does.
func startDesk(b *testing.B, a fyne.App, db *store.DB) *Desk {
	svc := WithWorkflow(Services{Articles: db, Annotations: db, Speakers: db, Settings: db, Documents: db, Rejections: db}, db)
	d, err := newDesk(a, svc, &testPump{})
	if err != nil {
		b.Fatal(err)
	}
	if err := d.OpenFirst(""); err != nil {
		b.Fatal(err)
	}
	d.win.Resize(fyne.NewSize(1280, 800))
	d.win.Canvas().Capture()
	return d
}

func benchmarkDeskStart(b *testing.B, db *store.DB) {
	a := test.NewTempApp(b)
	b.ResetTimer()
	for range b.N {
		d := startDesk(b, a, db)
		b.StopTimer()
		if d.lib.total == 0 || d.article == nil {
			b.Fatalf("the desk shows %d articles, open %v", d.lib.total, d.article != nil)
		}
		d.stopSaving()
		d.win.Close()
		b.StartTimer()
	}
}

func BenchmarkDeskStartSample(b *testing.B) { benchmarkDeskStart(b, sampleDB(b)) }

func BenchmarkDeskStart10k(b *testing.B) { benchmarkDeskStart(b, bigDB(b)) }

// keystrokes are what a user types into the filter, one state each.
var keystrokes = []string{"r", "re", "rep", "repo", "report", "report ", "report n", "report nu", "report num",
	"report number", "report number 4", "report number 42", "report number 421"}

func BenchmarkLibraryFilterInMemory(b *testing.B) {
	all, err := bigDB(b).FindArticles(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	key := func(a annotate.ArticleSummary) string { return a.Title + " " + a.Outlet }
	b.ResetTimer()
	for i := range b.N {
		fuzzyFilter(keystrokes[i%len(keystrokes)], all, key)
	}
}

func BenchmarkLibraryFilter(b *testing.B) {
	d := startDesk(b, test.NewTempApp(b), bigDB(b))
	defer d.win.Close()
	defer d.stopSaving()
	b.ResetTimer()
	for i := range b.N {
		d.lib.filter.SetText(keystrokes[i%len(keystrokes)])
	}
	b.StopTimer()
	if d.lib.total == 0 {
		b.Fatal("the filter matches nothing")
	}
}

// keystrokesOverSmall types the keystrokes by type on a desk over the big
// project and on one over the sample project in turn, in the same run, and
// reports each one's median keystroke, the difference and the processor
// time of the big one's:
//
//	go test -run '^$' -bench 'OverSmall' -benchtime 39x ./ui/
//
// The timing starts once the big project's full check is done: the desk's
// start runs it in the background (the first article's MarkOpened waits
// for it), once, and its 1.5 s of processor time over 620 MB landed in the
// first second of keystrokes, the whole of a short run, and in their
// processor time (the process's).
func keystrokesOverSmall(b *testing.B, open func(d *Desk), typ func(d *Desk, s string)) {
	a := test.NewTempApp(b)
	big := bigDB(b)
	desks := []*Desk{startDesk(b, a, big), startDesk(b, a, sampleDB(b))}
	if err := big.Check(context.Background()); err != nil {
		b.Fatal(err)
	}
	var opens [2]float64
	for k, d := range desks {
		defer d.win.Close()
		defer d.stopSaving()
		opens[k] = timed(func() { open(d) })
	}
	var ops, cpu [2][]float64
	b.ResetTimer()
	for i := range b.N {
		for k, d := range desks {
			c0 := cpuMS()
			ops[k] = append(ops[k], timed(func() { typ(d, keystrokes[i%len(keystrokes)]) }))
			cpu[k] = append(cpu[k], cpuMS()-c0)
		}
	}
	b.StopTimer()
	b.ReportMetric(med(ops[0]), "10k-ms/op")
	b.ReportMetric(med(ops[1]), "small-ms/op")
	b.ReportMetric(med(ops[0])-med(ops[1]), "over-small-ms/op")
	b.ReportMetric(med(cpu[0]), "10k-cpu-ms/op")
	b.ReportMetric(med(cpu[1]), "small-cpu-ms/op")
	b.ReportMetric(opens[0], "10k-open-ms")
	b.ReportMetric(opens[1], "small-open-ms")
	b.ReportMetric(worstKeystroke(b, "", ops[0]), "10k-worst-key-ms")
	b.ReportMetric(worstKeystroke(b, "processor ", cpu[0]), "10k-worst-key-cpu-ms")
}

// worstKeystroke is the largest of the keystrokes' medians in ops (the
// i-th typed keystrokes[i%len(keystrokes)]): the median over all of them
// is a middle one's, which says nothing of the first letters, when nearly
// every title matches. With -test.v it logs each keystroke's median, of
// what ops measured.
func worstKeystroke(b *testing.B, what string, ops []float64) float64 {
	worst := 0.0
	for k, s := range keystrokes {
		var of []float64
		for i := k; i < len(ops); i += len(keystrokes) {
			of = append(of, ops[i])
		}
		if len(of) == 0 {
			continue
		}
		worst = max(worst, med(of))
		if testing.Verbose() && len(of) > 1 {
			b.Logf("%-20q %6.2f %sms (median of %d)", s, med(of), what, len(of))
		}
	}
	return worst
}

// BenchmarkLibraryFilterOverSmall is a keystroke in the library's filter
// (the store's page and the list's refresh), on 10,000 articles against
// the sample project.
func BenchmarkLibraryFilterOverSmall(b *testing.B) {
	keystrokesOverSmall(b, func(*Desk) {}, func(d *Desk, s string) { d.lib.filter.SetText(s) })
}

// BenchmarkPaletteOverSmall is a keystroke in the Ctrl+K palette (a page
// of matching articles from the store, ranked with the commands, the open
// article's annotations and the speakers), on 10,000 articles against the
// sample project; *-open-ms is the palette's opening, once.
func BenchmarkPaletteOverSmall(b *testing.B) {
	keystrokesOverSmall(b, func(d *Desk) { d.palette.show() }, func(d *Desk, s string) { d.palette.entry.SetText(s) })
}

// BenchmarkCheckedRebuildOverSmall is the rebuild of the index of the
// project's own checked claims that a new open article or verdict causes
// (knownChecks with its fingerprint changed), on 10,000 articles against
// the sample project; own-checks is how many the big project holds.
func BenchmarkCheckedRebuildOverSmall(b *testing.B) {
	a := test.NewTempApp(b)
	desks := []*Desk{startDesk(b, a, bigDB(b)), startDesk(b, a, sampleDB(b))}
	for _, d := range desks {
		defer d.win.Close()
		defer d.stopSaving()
		if d.knownChecks() == nil {
			b.Fatal("the desk keeps no checks")
		}
	}
	var ops, cpu [2][]float64
	b.ResetTimer()
	for range b.N {
		for k, d := range desks {
			d.checked.built = "stale"
			c0 := cpuMS()
			ops[k] = append(ops[k], timed(func() { d.knownChecks() }))
			cpu[k] = append(cpu[k], cpuMS()-c0)
		}
	}
	b.StopTimer()
	b.ReportMetric(med(ops[0]), "10k-ms/op")
	b.ReportMetric(med(ops[1]), "small-ms/op")
	b.ReportMetric(med(cpu[0]), "10k-cpu-ms/op")
	b.ReportMetric(float64(len(desks[0].checked.byID)), "checks")
}
