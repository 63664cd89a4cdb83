package ui

import (
	"sync"
	"time"
)

// testPump is the tests' deliverer: what the writer hands the UI goroutine
// waits here until the test's goroutine runs it (fyne.Do in the test driver
// would run it at once on the writer's goroutine).
type testPump struct {
	mu  sync.Mutex
	fns []func()
}

func (p *testPump) Do(fn func()) {
	p.mu.Lock()
	p.fns = append(p.fns, fn)
	p.mu.Unlock()
}

func (p *testPump) DoAndWait(fn func()) {
	done := make(chan struct{})
	p.Do(func() { fn(); close(done) })
	<-done
}

// run runs what is waiting and reports how many it ran.
func (p *testPump) run() int {
	p.mu.Lock()
	fns := p.fns
	p.fns = nil
	p.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
	return len(fns)
}

// pumpUntil runs what the writer delivers until cond holds, or timeout.
func (td *testDesk) pumpUntil(cond func() bool, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		n := td.pump.run()
		if n == 0 && cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		if n == 0 {
			time.Sleep(2 * time.Millisecond)
		}
	}
}

// flush waits until every pending change is written and its result shown.
func (td *testDesk) flush() {
	td.t.Helper()
	if !td.pumpUntil(func() bool { return td.save.q.Len() == 0 }, 30*time.Second) {
		td.t.Fatalf("%d changes still not saved", td.save.q.Len())
	}
}
