package ui

// Benchmarks of the desk's latency in the software test driver (1280×800
// window), run with: go test -run '^$' -bench Desk ./ui
//
// Each operation ends with a capture of the window, which paints the frame.
// Besides ns/op each reports median-ms/op, ms-above-idle/op (minus the
// median time to capture the same window with nothing changed, captured
// between the operations) and ms-above-empty/op (minus the capture of an
// empty window of the same size, the floor ui/textview's benchmarks use).

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// benchDesk is a desk on a generated article, kept for the whole run: a
// benchmark function runs several times with growing b.N.
type benchDesk struct {
	d    *Desk
	pump *testPump
	rng  *rand.Rand
}

var (
	benchMu    sync.Mutex
	benchDesks = map[string]*benchDesk{}
	benchApp   fyne.App
)

// deskFor is the desk on a generated article of size bytes with n
// annotations, made once per run.
func deskFor(b *testing.B, size, n int) *benchDesk { return taggedDesk(b, "", size, n) }

// taggedDesk is deskFor's desk of its own for the tag: benchmarks that add
// annotations and keep them leave other benchmarks' desks alone.
func taggedDesk(b *testing.B, tag string, size, n int) *benchDesk {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := tag + strconv.Itoa(size) + "/" + strconv.Itoa(n)
	if bd := benchDesks[key]; bd != nil {
		return bd
	}
	if benchApp == nil {
		benchApp = test.NewApp()
	}
	// One project per kind of desk, replaced on each run: the desks
	// outlive any one benchmark, so no b.TempDir can hold them.
	dir := filepath.Join(os.TempDir(), "factmark-bench-"+tag+strconv.Itoa(size)+"-"+strconv.Itoa(n))
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(filepath.Join(dir, "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := db.UpdateSettings(ctx, annotate.Settings{Annotator: "Bench", Scale: annotate.DefaultScale()}); err != nil {
		b.Fatal(err)
	}
	doc := bigDocument(size, n)
	if _, err := db.Import(ctx, doc); err != nil {
		b.Fatal(err)
	}
	pump := &testPump{}
	d, err := newDesk(benchApp, Services{Articles: db, Annotations: db, Speakers: db, Settings: db, Documents: db, Rejections: db}, pump)
	if err != nil {
		b.Fatal(err)
	}
	d.win.Resize(fyne.NewSize(1280, 800))
	if err := d.OpenFirst(""); err != nil {
		b.Fatal(err)
	}
	if got := len(d.ann.Attributions) + len(d.ann.Claims) + len(d.ann.Notes); got != n {
		b.Fatalf("the desk shows %d annotations, want %d", got, n)
	}
	bd := &benchDesk{d: d, pump: pump, rng: rand.New(rand.NewPCG(7, uint64(n)))}
	bd.settle()
	benchDesks[key] = bd
	return bd
}

// settle runs what the writer has delivered and paints a frame.
func (bd *benchDesk) settle() {
	bd.pump.run()
	bd.d.win.Canvas().Capture()
}

// report adds the above-the-floor figures to the benchmark's results: the
// median of the timed operations (ops, in ms; the machine is shared, and a
// median shrugs off the other programs' bursts) minus the median of idle
// frames captured between them, and minus the empty window's; and
// desk-ms/op, the median of the desk's own work in them (the frame not
// painted yet).
func (bd *benchDesk) report(b *testing.B, ops, idle, work []float64) {
	if work != nil {
		b.ReportMetric(med(work), "desk-ms/op")
	}
	op := med(ops)
	b.ReportMetric(op, "median-ms/op")
	b.ReportMetric(op-med(idle), "ms-above-idle/op")
	b.ReportMetric(op-emptyFloor(), "ms-above-empty/op")
}

func med(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// timed runs f and returns how long it took in milliseconds.
func timed(f func()) float64 {
	t := time.Now()
	f()
	return float64(time.Since(t).Nanoseconds()) / 1e6
}

var (
	emptyOnce sync.Once
	emptyMS   float64
)

// emptyFloor is the median time to capture an empty 1280×800 window.
func emptyFloor() float64 {
	emptyOnce.Do(func() {
		if benchApp == nil {
			benchApp = test.NewApp()
		}
		w := test.NewWindow(container.NewWithoutLayout())
		w.Resize(fyne.NewSize(1280, 800))
		for i := 0; i < 5; i++ {
			w.Canvas().Capture()
		}
		emptyMS = median(31, func() { w.Canvas().Capture() })
	})
	return emptyMS
}

// median runs f n times and returns the median duration in milliseconds.
func median(n int, f func()) float64 {
	d := make([]float64, n)
	for i := range d {
		d[i] = timed(f)
	}
	return med(d)
}

func BenchmarkDeskEmptyFrame(b *testing.B) {
	emptyFloor()
	w := test.NewWindow(container.NewWithoutLayout())
	w.Resize(fyne.NewSize(1280, 800))
	w.Canvas().Capture()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Canvas().Capture()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}

func BenchmarkDeskIdleFrame10k(b *testing.B) {
	bd := deskFor(b, 1<<20, 10000)
	var ops []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ops = append(ops, timed(func() { bd.d.win.Canvas().Capture() }))
	}
	bd.report(b, ops, ops, nil)
}

// pressC selects a random stretch of the article and presses C on it, until
// the frame is painted; the selection and its frame are not timed.
func pressC(b *testing.B, bd *benchDesk) {
	d := bd.d
	n := d.text.Len()
	var ops, idle, work []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		start := bd.rng.IntN(n - 100)
		d.view.SetSelection(start, start+20+bd.rng.IntN(60))
		bd.settle()
		idle = append(idle, timed(func() { d.win.Canvas().Capture() }))
		before := len(d.ann.Claims)
		b.StartTimer()
		var w float64
		ops = append(ops, timed(func() {
			w = timed(func() { d.typedRune('c') })
			d.win.Canvas().Capture()
		}))
		work = append(work, w)
		b.StopTimer()
		if len(d.ann.Claims) != before+1 && !d.blankSelected() {
			b.Fatalf("C made no claim: %q", d.status.Text)
		}
		b.StartTimer()
	}
	b.StopTimer()
	bd.report(b, ops, idle, work)
}

func BenchmarkDeskPressC10k(b *testing.B)   { pressC(b, deskFor(b, 1<<20, 10000)) }
func BenchmarkDeskPressCEmpty(b *testing.B) { pressC(b, deskFor(b, 8<<10, 0)) }

// BenchmarkDeskPressCOverEmpty is issue 10's latency target as it reads:
// press C with 10 000 annotations on the article against the same press on
// an empty article, the two pressed in turn in the same run (the machine's
// load falls on both alike). Each press is undone, untimed, so that the
// articles keep exactly 10 000 and no annotations. It reports each desk's
// median press until the frame is painted, over-empty-ms/op (the 10k
// desk's median minus the empty one's; the target is ≤ 16), the median of
// the differences of each pair of presses, their ratio, the desks' own work
// (frame not painted) and the processor time likewise.
func BenchmarkDeskPressCOverEmpty(b *testing.B) {
	big := taggedDesk(b, "undone", 1<<20, 10000)
	empty := taggedDesk(b, "undone", 8<<10, 0)
	var ops, work, cpu [2][]float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, bd := range []*benchDesk{big, empty} {
			op, w, c := bd.pressCUndone(b)
			ops[k], work[k], cpu[k] = append(ops[k], op), append(work[k], w), append(cpu[k], c)
		}
	}
	b.StopTimer()
	b.ReportMetric(med(ops[0]), "10k-ms/op")
	b.ReportMetric(med(ops[1]), "empty-ms/op")
	b.ReportMetric(med(ops[0])-med(ops[1]), "over-empty-ms/op")
	b.ReportMetric(med(pairedDiffs(ops[0], ops[1])), "paired-over-empty-ms/op")
	b.ReportMetric(med(ops[0])/med(ops[1]), "ratio")
	b.ReportMetric(med(work[0])-med(work[1]), "desk-over-empty-ms/op")
	b.ReportMetric(med(cpu[0]), "10k-cpu-ms/op")
	b.ReportMetric(med(cpu[0])-med(cpu[1]), "cpu-over-empty-ms/op")
	b.ReportMetric(med(ops[0])-emptyFloor(), "10k-above-empty-window-ms/op")
}

// pairedDiffs are xs[i] - ys[i]: presses made one after the other meet
// about the same load, so the median of their differences shrugs off more
// of it than the difference of the medians.
func pairedDiffs(xs, ys []float64) []float64 {
	d := make([]float64, min(len(xs), len(ys)))
	for i := range d {
		d[i] = xs[i] - ys[i]
	}
	return d
}

// cpuMS is the processor time the whole process has used, in ms: on a
// shared machine the wall clock also counts the waits for a core, this
// only the work done (the painter's, the desk's, the collector's).
func cpuMS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

// pressCUndone selects a random stretch, presses C on it until the frame
// is painted (timed: op, the desk's own part, w, and the processor time
// used, cpu), then undoes it.
func (bd *benchDesk) pressCUndone(b *testing.B) (op, w, cpu float64) {
	b.StopTimer()
	d := bd.d
	for {
		start := bd.rng.IntN(d.text.Len() - 100)
		d.view.SetSelection(start, start+20+bd.rng.IntN(60))
		if !d.blankSelected() {
			break
		}
	}
	bd.settle()
	before := len(d.ann.Claims)
	b.StartTimer()
	c0 := cpuMS()
	op = timed(func() {
		w = timed(func() { d.typedRune('c') })
		d.win.Canvas().Capture()
	})
	cpu = cpuMS() - c0
	b.StopTimer()
	if len(d.ann.Claims) != before+1 {
		b.Fatalf("C made no claim: %q", d.status.Text)
	}
	d.undo()
	if len(d.ann.Claims) != before {
		b.Fatalf("undo left %d claims, want %d: %q", len(d.ann.Claims), before, d.status.Text)
	}
	bd.settle()
	b.StartTimer()
	return op, w, cpu
}

// typeKey types one key into the rationale of a note of the article, until
// the frame is painted.
func typeKey(b *testing.B, bd *benchDesk, small bool) {
	d := bd.d
	if len(d.ann.Notes) == 0 {
		d.view.SetSelection(10, 40)
		d.typedRune('n')
	} else {
		d.selectAnnotation(d.ann.Notes[len(d.ann.Notes)/2].ID, false)
	}
	bd.settle()
	entry := rationaleEntry(d.notes.edit)
	if entry == nil {
		b.Fatal("no rationale field in the note's editor")
	}
	d.win.Canvas().Focus(entry)
	id := d.selected
	var ops, idle, work []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var w float64
		ops = append(ops, timed(func() {
			w = timed(func() { entry.TypedRune(rune('a' + i%26)) })
			d.win.Canvas().Capture()
		}))
		work = append(work, w)
		b.StopTimer()
		if i%16 == 15 {
			bd.pump.run() // what the writer delivered
		}
		idle = append(idle, timed(func() { d.win.Canvas().Capture() }))
		b.StartTimer()
	}
	b.StopTimer()
	if got := d.findNote(id).Rationale; got != entry.Text {
		b.Fatalf("the note holds %q, the field %q", got, entry.Text)
	}
	bd.report(b, ops, idle, work)
}

func BenchmarkDeskTypeNote10k(b *testing.B)   { typeKey(b, deskFor(b, 1<<20, 10000), false) }
func BenchmarkDeskTypeNoteEmpty(b *testing.B) { typeKey(b, deskFor(b, 8<<10, 0), true) }

// rationaleEntry finds the multi-line entry in a note's editor.
func rationaleEntry(o fyne.CanvasObject) *widget.Entry {
	switch x := o.(type) {
	case *widget.Entry:
		if x.MultiLine {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if e := rationaleEntry(c); e != nil {
				return e
			}
		}
	case *widget.Form:
		for _, it := range x.Items {
			if e := rationaleEntry(it.Widget); e != nil {
				return e
			}
		}
	}
	return nil
}

// bigDocument is a native document with one generated article of size
// bytes and n annotations on it, a third each attributions, claims and
// notes, as scripts/bigdoc.go makes them.
func bigDocument(size, n int) *annotate.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	art, err := annotate.NewArticle([]byte(benchProse(rng, size)), annotate.ArticleMeta{Title: "Generated transcript", Outlet: "bench"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	doc := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale(), Speakers: []annotate.Speaker{}}
	ad := annotate.ArticleDoc{Article: *art, Attributions: []annotate.Attribution{}, Claims: []annotate.Claim{}, Notes: []annotate.Note{}}
	text := annotate.NewText(art.Text)
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		start := rng.IntN(text.Len() - 200)
		a, _ := text.Anchor(start, start+10+rng.IntN(150))
		meta := annotate.Meta{ID: annotate.NewID(), ArticleID: art.ID, Author: "bench", Origin: annotate.Manual, Created: now, Modified: now}
		switch i % 3 {
		case 0:
			ad.Attributions = append(ad.Attributions, annotate.Attribution{Meta: meta, Content: []annotate.Anchor{a}, Kind: annotate.Indirect})
		case 1:
			ad.Claims = append(ad.Claims, annotate.Claim{Meta: meta, Anchors: []annotate.Anchor{a}, Status: annotate.StatusCandidate})
		default:
			ad.Notes = append(ad.Notes, annotate.Note{Meta: meta, Target: &a, Verdict: "False", Rationale: "generated"})
		}
	}
	doc.Articles = []annotate.ArticleDoc{ad}
	return doc
}

// benchProse makes size bytes of paragraphs from made-up words.
func benchProse(rng *rand.Rand, size int) string {
	vocab := make([]string, 15000)
	for i := range vocab {
		var b strings.Builder
		for j := 0; j < 2+rng.IntN(9); j++ {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		vocab[i] = b.String()
	}
	var b strings.Builder
	for b.Len() < size {
		for w := 0; w < 40+rng.IntN(160); w++ {
			b.WriteString(vocab[int(rng.ExpFloat64()*2000)%len(vocab)])
			if rng.IntN(12) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String()[:size]) + "\n"
}

// openIDs are the big and the small article of the "open" desk, found on
// its first run (a benchmark function runs again with a larger b.N).
var (
	openMu  sync.Mutex
	openIDs [2]string
)

// BenchmarkDeskOpen10kOverSmall opens, in turn, an article of 1 MB with
// 10,000 annotations and the sample article in one project, each until its
// first frame is painted (issue 10: ≤ 150 ms for the big one), and reports
// each one's median, the difference and the big one's processor time.
func BenchmarkDeskOpen10kOverSmall(b *testing.B) {
	bd := taggedDesk(b, "open", 1<<20, 10000)
	d := bd.d
	openMu.Lock()
	defer openMu.Unlock()
	if openIDs[0] == "" { // the first run: the desk shows the big one
		small := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
		if _, err := d.svc.Articles.CreateArticle(d.ctx, small); err != nil {
			b.Fatal(err)
		}
		openIDs = [2]string{d.article.ID, small.ID}
	}
	var ops, cpu [2][]float64
	b.ResetTimer()
	for range b.N {
		for k, id := range openIDs {
			c0 := cpuMS()
			ops[k] = append(ops[k], timed(func() {
				if !d.show(id) {
					b.Fatalf("could not open %s: %s", id, d.status.Text)
				}
				d.win.Canvas().Capture()
			}))
			cpu[k] = append(cpu[k], cpuMS()-c0)
			b.StopTimer()
			if n := len(d.ann.Attributions) + len(d.ann.Claims) + len(d.ann.Notes); k == 0 && n != 10000 || d.article.ID != id {
				b.Fatalf("the desk shows %s with %d annotations, want %s (%d)", d.article.ID, n, id, k)
			}
			bd.settle()
			b.StartTimer()
		}
	}
	b.StopTimer()
	b.ReportMetric(med(ops[0]), "10k-ms/op")
	b.ReportMetric(med(ops[1]), "small-ms/op")
	b.ReportMetric(med(ops[0])-med(ops[1]), "over-small-ms/op")
	b.ReportMetric(med(cpu[0]), "10k-cpu-ms/op")
	b.ReportMetric(med(cpu[1]), "small-cpu-ms/op")
}
