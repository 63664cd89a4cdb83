package deskstate

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// fakeStore records the writes it takes, in order, and fails those fail
// says to (by call and how many times that call was tried before).
type fakeStore struct {
	mu       sync.Mutex
	written  []string
	attempts map[string]int
	fail     func(call string, attempt int) error
}

func newFakeStore(fail func(call string, attempt int) error) *fakeStore {
	return &fakeStore{attempts: map[string]int{}, fail: fail}
}

func (f *fakeStore) do(call string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.attempts[call]
	f.attempts[call]++
	if f.fail != nil {
		if err := f.fail(call, n); err != nil {
			return err
		}
	}
	f.written = append(f.written, call)
	return nil
}

func (f *fakeStore) writes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.written)
}

func (f *fakeStore) CreateAttribution(_ context.Context, a *annotate.Attribution) error {
	return f.do("create " + a.ID)
}
func (f *fakeStore) UpdateAttribution(_ context.Context, a *annotate.Attribution) error {
	return f.do("update " + a.ID + " " + string(a.Kind))
}
func (f *fakeStore) CreateClaim(_ context.Context, c *annotate.Claim) error {
	return f.do("create " + c.ID)
}
func (f *fakeStore) UpdateClaim(_ context.Context, c *annotate.Claim) error {
	return f.do(fmt.Sprintf("update %s %v", c.ID, c.Tags))
}
func (f *fakeStore) CreateNote(_ context.Context, n *annotate.Note) error {
	return f.do("create " + n.ID)
}
func (f *fakeStore) UpdateNote(_ context.Context, n *annotate.Note) error {
	return f.do("update " + n.ID + " " + n.Rationale)
}
func (f *fakeStore) DeleteAnnotation(_ context.Context, id string) error { return f.do("delete " + id) }
func (f *fakeStore) CreateSpeaker(_ context.Context, s *annotate.Speaker) error {
	return f.do("create speaker " + s.Name)
}
func (f *fakeStore) UpdateSpeaker(_ context.Context, s *annotate.Speaker) error {
	return f.do("update speaker " + s.Name)
}
func (f *fakeStore) Reject(_ context.Context, _, key string) error   { return f.do("reject " + key) }
func (f *fakeStore) Unreject(_ context.Context, _, key string) error { return f.do("unreject " + key) }

var errBusy = annotate.Errorf(annotate.EBUSY, "save annotation: the database is locked by another program; try again")

// events collects what a queue reports.
type events struct {
	mu   sync.Mutex
	list []Event
}

func (e *events) add(ev Event) { e.mu.Lock(); e.list = append(e.list, ev); e.mu.Unlock() }
func (e *events) all() []Event { e.mu.Lock(); defer e.mu.Unlock(); return slices.Clone(e.list) }

func newTestQueue(t *testing.T, s Store) (*Queue, *events) {
	t.Helper()
	var evs events
	q := NewQueue(s, time.Millisecond, evs.add)
	t.Cleanup(q.Close)
	return q, &evs
}

func note(id, rationale string) Change {
	return Change{Label: "edit note " + id, Ops: []Op{UpdateNote(annotate.Note{Meta: annotate.Meta{ID: id}, Rationale: rationale})}}
}

func TestQueueWritesInOrder(t *testing.T) {
	s := newFakeStore(nil)
	q, evs := newTestQueue(t, s)
	var want []string
	for i := range 20 {
		id := fmt.Sprintf("n%d", i)
		q.Push(note(id, "r"))
		want = append(want, "update "+id+" r")
	}
	if !q.Wait(5 * time.Second) {
		t.Fatalf("%d changes still queued", q.Len())
	}
	if got := s.writes(); !slices.Equal(got, want) {
		t.Fatalf("written %v, want %v", got, want)
	}
	for i, ev := range evs.all() {
		if ev.Err != nil || ev.Pending < 0 || ev.Seq != i+1 {
			t.Fatalf("event %d: %+v", i, ev)
		}
	}
}

func TestQueueRetriesALockedWriteUntilItCommits(t *testing.T) {
	s := newFakeStore(func(call string, attempt int) error {
		if call == "update a r" && attempt < 3 {
			return errBusy
		}
		return nil
	})
	q, evs := newTestQueue(t, s)
	q.Push(note("a", "r"))
	q.Push(note("b", "r"))
	q.Push(note("c", "r"))
	if !q.Wait(5 * time.Second) {
		t.Fatalf("%d changes still queued", q.Len())
	}
	if got, want := s.writes(), []string{"update a r", "update b r", "update c r"}; !slices.Equal(got, want) {
		t.Fatalf("written %v, want %v", got, want)
	}
	var retried, pendingWhileLocked []int
	for _, ev := range evs.all() {
		if ev.Retrying() {
			retried = append(retried, ev.Seq)
			pendingWhileLocked = append(pendingWhileLocked, ev.Pending)
		}
	}
	if !slices.Equal(retried, []int{1, 1, 1}) || !slices.Equal(pendingWhileLocked, []int{3, 3, 3}) {
		t.Fatalf("locked attempts of changes %v with %v pending, want change 1 three times with 3 pending", retried, pendingWhileLocked)
	}
	if q.Busy() {
		t.Fatal("the queue still says the project is locked")
	}
}

func TestQueueDropsAFailedWriteAndGoesOn(t *testing.T) {
	invalid := annotate.Errorf(annotate.EINVALID, "anchors: the quote is only white space")
	s := newFakeStore(func(call string, _ int) error {
		if call == "update b r" {
			return invalid
		}
		return nil
	})
	q, evs := newTestQueue(t, s)
	q.Push(note("a", "r"))
	q.Push(note("b", "r"))
	q.Push(note("c", "r"))
	if !q.Wait(5 * time.Second) {
		t.Fatalf("%d changes still queued", q.Len())
	}
	if got, want := s.writes(), []string{"update a r", "update c r"}; !slices.Equal(got, want) {
		t.Fatalf("written %v, want %v", got, want)
	}
	var failed []Event
	for _, ev := range evs.all() {
		if ev.Err != nil {
			failed = append(failed, ev)
		}
	}
	if len(failed) != 1 || failed[0].Err != invalid || failed[0].Retrying() || failed[0].Change.Label != "edit note b" {
		t.Fatalf("failures reported: %+v", failed)
	}
}

func TestQueueLockedAtQuitKeepsPendingInOrder(t *testing.T) {
	s := newFakeStore(func(string, int) error { return errBusy })
	q, _ := newTestQueue(t, s)
	q.Push(note("a", "r"))
	q.Push(note("b", "r"))
	if q.Wait(50 * time.Millisecond) {
		t.Fatal("Wait reported every change written while the project is locked")
	}
	var labels []string
	for _, c := range q.Pending() {
		labels = append(labels, c.Label)
	}
	if want := []string{"edit note a", "edit note b"}; !slices.Equal(labels, want) {
		t.Fatalf("pending %v, want %v", labels, want)
	}
	if !q.Busy() || q.Len() != 2 {
		t.Fatalf("busy %v, %d pending", q.Busy(), q.Len())
	}
	q.Close()
	time.Sleep(20 * time.Millisecond)
	if got := s.writes(); len(got) != 0 {
		t.Fatalf("written %v", got)
	}
}

func TestQueueMergesTypingIntoOneWrite(t *testing.T) {
	var locked sync.Mutex // held: the project is locked
	locked.Lock()
	s := newFakeStore(func(string, int) error {
		if !locked.TryLock() {
			return errBusy
		}
		locked.Unlock()
		return nil
	})
	q, _ := newTestQueue(t, s)
	q.Push(note("a", "first"))
	for _, r := range []string{"w", "wo", "wor", "word"} {
		q.Push(Change{Label: "edit note b", Key: "b/rationale", Ops: note("b", r).Ops})
	}
	if n := q.Len(); n != 2 {
		t.Fatalf("%d changes queued, want 2 (the typing in one)", n)
	}
	locked.Unlock()
	if !q.Wait(5 * time.Second) {
		t.Fatalf("%d changes still queued", q.Len())
	}
	if got, want := s.writes(), []string{"update a first", "update b word"}; !slices.Equal(got, want) {
		t.Fatalf("written %v, want %v", got, want)
	}
}

func TestQueueResumesAPartlyWrittenChange(t *testing.T) {
	s := newFakeStore(func(call string, attempt int) error {
		if call == "create n1" && attempt == 0 {
			return errBusy
		}
		return nil
	})
	q, _ := newTestQueue(t, s)
	q.Push(Change{Label: "undo delete claim", Ops: []Op{
		CreateClaim(annotate.Claim{Meta: annotate.Meta{ID: "c1"}}),
		CreateNote(annotate.Note{Meta: annotate.Meta{ID: "n1"}}),
		CreateNote(annotate.Note{Meta: annotate.Meta{ID: "n2"}}),
	}})
	if !q.Wait(5 * time.Second) {
		t.Fatalf("%d changes still queued", q.Len())
	}
	if got, want := s.writes(), []string{"create c1", "create n1", "create n2"}; !slices.Equal(got, want) {
		t.Fatalf("written %v, want %v (each step once)", got, want)
	}
}
