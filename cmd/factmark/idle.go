package main

import (
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/ui"
)

// The desk gives its free memory back to the system once it is at rest. A
// collection of Go's own returns the garbage of scrolling or opening to the
// heap, but the heap keeps those pages (up to about its goal, one and a half
// times what is live) for the next burst, and glibc keeps the renderer's
// freed blocks: scrolling a megabyte article leaves 10–20 MB of each the
// window holds for nothing. When the process has allocated almost nothing
// for a while (no input, no redraw), idleReleaser collects, returns the Go
// heap's free pages (debug.FreeOSMemory) and trims the C heap, once per
// burst. At each release, and each time the desk comes to rest with little
// to give back, it drops the pages of the fonts embedded in the binary that
// Fyne has read to parse them into the heap (about 5 MB resident otherwise,
// 4.1 MB of it the emoji font's). It runs off the window's goroutine and
// only while the desk is idle; a frame drawn during its collection shares
// the marking work, as it would with any collection.
const (
	idleTick    = 500 * time.Millisecond
	idleTicks   = 2       // ticks in a row below idleAlloc before releasing
	idleAlloc   = 1 << 20 // bytes allocated in a tick that still count as rest
	idleRelease = 8 << 20 // release only when at least this much would go back
)

// modelsIdle is how long the suggestion models (36–40 MB of heap once
// loaded) stay after their last use: Suggest, or a source set by hand
// (the cue beside it). Reviewing suggestions needs them no more.
const modelsIdle = 2 * time.Minute

// heapSample is what idleReleaser reads of the runtime each tick.
type heapSample struct {
	allocs  uint64 // bytes allocated since the start (cumulative)
	free    uint64 // free heap pages not yet returned to the system
	garbage uint64 // heap objects not live at the last collection
}

// idleReleaser decides, tick by tick, when the desk is at rest with memory
// worth returning.
type idleReleaser struct {
	last  uint64 // allocs at the previous tick
	quiet int    // ticks in a row at rest
}

// tick takes a sample and reports whether to release now.
func (r *idleReleaser) tick(s heapSample) bool {
	grew := s.allocs - r.last
	r.last = s.allocs
	if grew >= idleAlloc {
		r.quiet = 0
		return false
	}
	r.quiet++
	if r.quiet < idleTicks || s.free+s.garbage < idleRelease {
		return false
	}
	r.quiet = 0
	return true
}

// settled reports whether the last tick was the one at which the desk came
// to rest (idleTicks quiet ticks in a row), whatever it has to give back:
// once per rest.
func (r *idleReleaser) settled() bool { return r.quiet == idleTicks }

// resting reports whether the desk has been at rest for idleTicks or more.
func (r *idleReleaser) resting() bool { return r.quiet >= idleTicks }

// heapNames are the runtime metrics readHeap reads, in heapSample's order.
var heapNames = []string{
	"/gc/heap/allocs:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/objects:bytes",
	"/gc/heap/live:bytes",
}

func readHeap(samples []metrics.Sample) heapSample {
	metrics.Read(samples)
	v := make([]uint64, len(samples))
	for i, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			v[i] = s.Value.Uint64()
		}
	}
	s := heapSample{allocs: v[0], free: v[1]}
	if v[2] > v[3] {
		s.garbage = v[2] - v[3]
	}
	return s
}

// releaseWhenIdle starts the desk's idle releaser; it runs until the process
// ends.
func releaseWhenIdle() {
	samples := make([]metrics.Sample, len(heapNames))
	for i, name := range heapNames {
		samples[i].Name = name
	}
	var r idleReleaser
	r.last = readHeap(samples).allocs
	go func() {
		for range time.Tick(idleTick) {
			release := r.tick(readHeap(samples))
			if !release && r.resting() && suggest.ReleaseUnused(modelsIdle) {
				release = true // the models are garbage now: collect them and give their pages back
			}
			if release {
				debug.FreeOSMemory()
				trimCHeap()
				r.last = readHeap(samples).allocs // the collection's own work is not activity
			}
			if release || r.settled() {
				dropReadPages(ui.EmbeddedFonts())
			}
		}
	}()
}
