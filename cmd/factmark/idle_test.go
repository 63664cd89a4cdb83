package main

import (
	"runtime/metrics"
	"testing"
)

// The idle releaser releases once the process has been at rest for
// idleTicks ticks with enough to give back, not while it allocates, not with
// little to give back, and once per rest.
func TestIdleReleaserReleasesOnceAtRest(t *testing.T) {
	r := idleReleaser{}
	var allocs uint64
	step := func(grew, free, garbage uint64) bool {
		allocs += grew
		return r.tick(heapSample{allocs: allocs, free: free, garbage: garbage})
	}
	for i := 0; i < 5; i++ { // scrolling: allocating fast, much to give back
		if step(4<<20, 12<<20, 6<<20) {
			t.Fatalf("tick %d: released while allocating", i)
		}
	}
	for i := 1; i < idleTicks; i++ {
		if step(1<<10, 12<<20, 6<<20) {
			t.Fatalf("released after %d quiet ticks, want %d", i, idleTicks)
		}
	}
	if !step(1<<10, 12<<20, 6<<20) {
		t.Fatalf("no release after %d quiet ticks with 18 MB to give back", idleTicks)
	}
	for i := 0; i < 4*idleTicks; i++ { // at rest, the memory given back
		if step(1<<10, 1<<20, 0) {
			t.Fatalf("released again at rest with 1 MB to give back (tick %d)", i)
		}
	}
	r = idleReleaser{last: allocs}
	for i := 0; i < 4*idleTicks; i++ {
		if step(0, idleRelease/2, idleRelease/2-1) {
			t.Fatal("released with less than idleRelease to give back")
		}
	}
}

func TestReadHeapReadsTheRuntime(t *testing.T) {
	samples := make([]metrics.Sample, len(heapNames))
	for i, name := range heapNames {
		samples[i].Name = name
	}
	before := readHeap(samples)
	keep := make([]byte, 2<<20)
	after := readHeap(samples)
	if after.allocs < before.allocs+uint64(len(keep)) {
		t.Fatalf("allocs went from %d to %d over a 2 MB allocation", before.allocs, after.allocs)
	}
	keep[0] = 1
}

// The desk comes to rest once per quiet spell, with or without memory to
// give back: the tick that makes idleTicks quiet ticks, not the ones after.
func TestIdleReleaserSettlesOncePerRest(t *testing.T) {
	r := idleReleaser{}
	var allocs uint64
	settledAt := []int{}
	for i := 0; i < 3*idleTicks; i++ {
		if i == idleTicks+1 {
			allocs += 4 << 20 // activity in between
		}
		r.tick(heapSample{allocs: allocs, free: 1 << 20})
		if r.settled() {
			settledAt = append(settledAt, i)
		}
	}
	want := []int{idleTicks - 1, 2*idleTicks + 1}
	if len(settledAt) != len(want) || settledAt[0] != want[0] || settledAt[1] != want[1] {
		t.Fatalf("settled at ticks %v, want %v", settledAt, want)
	}
}

// TestIdleReleaserRests: resting holds from the tick the desk settles until
// the next activity (the models are let go at any tick of a rest, not only
// at its first: they are kept for minutes after their last use).
func TestIdleReleaserRests(t *testing.T) {
	r := idleReleaser{}
	var allocs uint64
	var resting []bool
	for i := 0; i < 4*idleTicks; i++ {
		if i == 2*idleTicks {
			allocs += 4 << 20
		}
		r.tick(heapSample{allocs: allocs, free: 1 << 20})
		resting = append(resting, r.resting())
	}
	for i, got := range resting {
		want := i >= idleTicks-1 && i < 2*idleTicks || i >= 3*idleTicks
		if got != want {
			t.Errorf("tick %d: resting %v, want %v (all: %v)", i, got, want, resting)
		}
	}
}
