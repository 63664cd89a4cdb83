package deskstate

import (
	"context"
	"sync"
	"time"

	"github.com/factmark/factmark/annotate"
)

// Queue writes changes to the store one at a time, in the order they were
// pushed, in a goroutine of its own, so that the desk never waits for the
// store. A write that finds the project locked by another program (EBUSY)
// stays at the head of the queue and is tried again after Retry until it
// commits; a write that fails for another reason is dropped and reported.
type Queue struct {
	store  Store
	notify func(Event)
	retry  time.Duration

	mu      sync.Mutex
	entries []*entry // in order; entries[0] is the one being written
	seq     int
	busy    bool // the last attempt found the project locked
	told    bool // notify is running: the last write's outcome is not handled yet
	closed  bool
	wake    chan struct{} // a push or Close happened
	stop    chan struct{} // closed by Close
}

// entry is a queued change and how far its writing got.
type entry struct {
	seq     int
	change  Change
	done    int  // steps written already
	writing bool // the writer has it now: it is not replaced by a newer change
}

// Event tells what became of one write. The queue calls notify with it on
// its own goroutine, and writes nothing more until notify returns, so that a
// handler of a failure can read the store and take Pending as one
// consistent picture.
type Event struct {
	Seq     int
	Change  Change
	Err     error // nil: written (durable); EBUSY: will be tried again; else: dropped
	Pending int   // changes still to be written
}

// Retrying reports whether the write found the project locked and will be
// tried again.
func (e Event) Retrying() bool { return e.Err != nil && annotate.ErrorCode(e.Err) == annotate.EBUSY }

// NewQueue starts a writer to store that tries a locked write again every
// retry and reports every attempt to notify.
func NewQueue(store Store, retry time.Duration, notify func(Event)) *Queue {
	q := &Queue{store: store, notify: notify, retry: retry,
		wake: make(chan struct{}, 1), stop: make(chan struct{})}
	go q.run()
	return q
}

// Push queues a change and returns its sequence number. A change with the
// key of the last queued one, which the writer has not started on, replaces
// it: typing in a field makes one write, not one a keystroke.
func (q *Queue) Push(c Change) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.seq++
	if n := len(q.entries); n > 0 && c.Key != "" {
		if last := q.entries[n-1]; last.change.Key == c.Key && !last.writing && last.done == 0 {
			last.seq, last.change = q.seq, c
			q.signal()
			return q.seq
		}
	}
	q.entries = append(q.entries, &entry{seq: q.seq, change: c})
	q.signal()
	return q.seq
}

func (q *Queue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// Len is the number of changes not yet written.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.entries)
}

// Idle reports whether every change is written and the outcome of the last
// write has been handled by notify: Len can be 0 while notify still runs
// for the write that emptied the queue.
func (q *Queue) Idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.entries) == 0 && !q.told
}

// Pending returns the changes not yet written, in order. A change whose
// first steps are written is returned whole: applying a step again is
// harmless (see State.Apply).
func (q *Queue) Pending() []Change {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]Change, len(q.entries))
	for i, e := range q.entries {
		out[i] = e.change
	}
	return out
}

// Busy reports whether the last write found the project locked by another
// program.
func (q *Queue) Busy() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.busy
}

// Wait waits up to timeout for every queued change to be written or
// dropped, and reports whether none is left. It must not be called where
// notify's handler has to run for the queue to go on (the UI goroutine).
func (q *Queue) Wait(timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for !q.Idle() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// Close stops the writer once its current attempt ends; what is still
// queued stays unwritten.
func (q *Queue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.stop)
	}
}

// Closed reports whether the writer was stopped.
func (q *Queue) Closed() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.closed
}

func (q *Queue) run() {
	for {
		e, ok := q.next()
		if !ok {
			return
		}
		err := q.write(e)
		ev := q.finish(e, err)
		q.notify(ev)
		q.mu.Lock()
		q.told = false
		q.mu.Unlock()
		if ev.Retrying() {
			select {
			case <-q.stop:
				return
			case <-time.After(q.retry):
			}
		}
	}
}

// next waits for the head of the queue and marks it as being written.
func (q *Queue) next() (*entry, bool) {
	for {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return nil, false
		}
		if len(q.entries) > 0 {
			e := q.entries[0]
			e.writing = true
			q.mu.Unlock()
			return e, true
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-q.stop:
			return nil, false
		}
	}
}

// write writes the entry's steps from the first one not written yet.
func (q *Queue) write(e *entry) error {
	q.mu.Lock()
	ops, done := e.change.Ops, e.done
	q.mu.Unlock()
	for ; done < len(ops); done++ {
		if err := ops[done].write(context.Background(), q.store); err != nil {
			q.mu.Lock()
			e.done = done
			q.mu.Unlock()
			return err
		}
	}
	q.mu.Lock()
	e.done = done
	q.mu.Unlock()
	return nil
}

// finish keeps a locked entry at the head for the next attempt and takes any
// other off the queue.
func (q *Queue) finish(e *entry, err error) Event {
	q.mu.Lock()
	defer q.mu.Unlock()
	ev := Event{Seq: e.seq, Change: e.change, Err: err}
	q.busy = ev.Retrying()
	e.writing = false
	if !q.busy {
		q.entries = q.entries[1:]
	}
	ev.Pending = len(q.entries)
	q.told = true
	return ev
}
