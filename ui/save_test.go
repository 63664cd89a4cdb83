package ui

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
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
		// cond before run: what made it hold (the writer's last event) has
		// been delivered by then, so a run that finds nothing means done.
		held := cond()
		n := td.pump.run()
		if n == 0 && held {
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
	if !td.pumpUntil(td.save.q.Idle, 30*time.Second) {
		td.t.Fatalf("%d changes still not saved", td.save.q.Len())
	}
}

// lockingAnnotations is the project's annotation service with a switch that
// makes every write fail as a held write lock does (EBUSY), or fails the
// next UpdateClaim for another reason.
type lockingAnnotations struct {
	annotate.AnnotationService
	locked     atomic.Bool
	failUpdate atomic.Bool
	writes     atomic.Int32 // writes tried
}

var errLocked = annotate.Errorf(annotate.EBUSY, "save annotation: the database is locked by another program; try again")

func (l *lockingAnnotations) try() error {
	l.writes.Add(1)
	if l.locked.Load() {
		return errLocked
	}
	return nil
}

func (l *lockingAnnotations) CreateAttribution(ctx context.Context, a *annotate.Attribution) error {
	if err := l.try(); err != nil {
		return err
	}
	return l.AnnotationService.CreateAttribution(ctx, a)
}

func (l *lockingAnnotations) UpdateAttribution(ctx context.Context, a *annotate.Attribution) error {
	if err := l.try(); err != nil {
		return err
	}
	return l.AnnotationService.UpdateAttribution(ctx, a)
}

func (l *lockingAnnotations) CreateClaim(ctx context.Context, c *annotate.Claim) error {
	if err := l.try(); err != nil {
		return err
	}
	return l.AnnotationService.CreateClaim(ctx, c)
}

func (l *lockingAnnotations) UpdateClaim(ctx context.Context, c *annotate.Claim) error {
	if err := l.try(); err != nil {
		return err
	}
	if l.failUpdate.CompareAndSwap(true, false) {
		return annotate.Errorf(annotate.EINVALID, "status: %q is not one of new, in_review, checked, dismissed", c.Status)
	}
	return l.AnnotationService.UpdateClaim(ctx, c)
}

func (l *lockingAnnotations) CreateNote(ctx context.Context, n *annotate.Note) error {
	if err := l.try(); err != nil {
		return err
	}
	return l.AnnotationService.CreateNote(ctx, n)
}

func (l *lockingAnnotations) UpdateNote(ctx context.Context, n *annotate.Note) error {
	if err := l.try(); err != nil {
		return err
	}
	return l.AnnotationService.UpdateNote(ctx, n)
}

func (l *lockingAnnotations) DeleteAnnotation(ctx context.Context, id string) error {
	if err := l.try(); err != nil {
		return err
	}
	return l.AnnotationService.DeleteAnnotation(ctx, id)
}

// lockableDesk is a test desk whose annotation writes can be locked.
func lockableDesk(t *testing.T) (*testDesk, *lockingAnnotations) {
	td := newTestDesk(t, nil)
	td.stopSaving()
	lock := &lockingAnnotations{AnnotationService: td.db}
	td.svc.Annotations = lock
	td.startSaving(td.pump)
	td.save.openID.Store(td.article.ID) // as Open does
	t.Cleanup(func() {
		lock.locked.Store(false)
		td.pumpUntil(func() bool { return td.save.q.Len() == 0 || td.save.q.Closed() }, 5*time.Second)
		td.stopSaving()
	})
	td.save.exit = func() {}
	return td, lock
}

// claimOn makes a claim of the phrase and returns its ID.
func (td *testDesk) claimOn(phrase string) string {
	td.t.Helper()
	td.view.SetSelection(td.rangeOf(phrase))
	test.Type(td.view, "c")
	id := td.Selected()
	if td.findClaim(id) == nil {
		td.t.Fatalf("C on %q made no claim (status %q)", phrase, td.status.Text)
	}
	return id
}

func TestLockedWritesWaitAndUndoStaysRight(t *testing.T) {
	td, lock := lockableDesk(t)
	lock.locked.Store(true)
	a := td.claimOn("€230 million")
	b := td.claimOn("€86 million")
	td.updateClaim(b, "", func(c *annotate.Claim) { c.Status = annotate.StatusVerdictProposed })
	td.undo() // the status
	td.undo() // claim b
	td.redo() // claim b again: 6 changes in all
	if !td.pumpUntil(func() bool { return lock.writes.Load() >= 2 }, 5*time.Second) {
		t.Fatal("the writer did not try to write")
	}
	if want := "6 changes waiting to be saved"; !strings.Contains(td.status.Text, want) {
		t.Fatalf("status %q while the project is locked, want %q", td.status.Text, want)
	}
	if !strings.Contains(td.status.Text, "another program is writing") {
		t.Fatalf("status %q does not say why", td.status.Text)
	}
	if got := len(td.ann.Claims); got != 2 || td.findClaim(b).Status != annotate.StatusCandidate {
		t.Fatalf("the desk shows %d claims, b %+v", got, td.findClaim(b))
	}
	// Reopening the article while the writes wait shows them, not the store.
	if err := td.Open(td.article.ID); err != nil {
		t.Fatal(err)
	}
	if td.findClaim(a) == nil || td.findClaim(b) == nil {
		t.Fatalf("reopened while locked: %d claims shown, want the 2 pending", len(td.ann.Claims))
	}
	lock.locked.Store(false)
	stored := td.stored()
	if len(stored.Claims) != 2 || stored.Claims[0].ID != a || stored.Claims[1].ID != b || stored.Claims[1].Status != annotate.StatusCandidate {
		t.Fatalf("stored %+v", stored.Claims)
	}
	if !strings.HasSuffix(td.status.Text, "— saved") {
		t.Fatalf("status %q once written, want it to end in saved", td.status.Text)
	}
}

func TestFailedWriteRestoresTheStoredState(t *testing.T) {
	td, lock := lockableDesk(t)
	id := td.claimOn("€230 million")
	td.flush()
	lock.failUpdate.Store(true)
	td.updateClaim(id, "", func(c *annotate.Claim) { c.Status = annotate.StatusVerdictProposed })
	if td.findClaim(id).Status != annotate.StatusVerdictProposed {
		t.Fatal("the edit was not shown at once")
	}
	td.flush()
	if got := td.findClaim(id).Status; got != annotate.StatusCandidate {
		t.Fatalf("after the store refused the edit the desk shows %q, want the stored %q", got, annotate.StatusCandidate)
	}
	if !strings.Contains(td.status.Text, "was not saved") || !strings.Contains(td.status.Text, "status:") {
		t.Fatalf("status %q does not say the edit was not saved and why", td.status.Text)
	}
	td.undo() // the refused edit is out of history: this undoes the claim
	if got := len(td.stored().Claims); got != 0 {
		t.Fatalf("undo after a refused edit left %d claims", got)
	}
}

func TestQuitWaitsForPendingWrites(t *testing.T) {
	tests := []struct {
		name       string
		quitAnyway bool
	}{{"they are saved, then the desk quits", false}, {"the user quits anyway", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td, lock := lockableDesk(t)
			exited := false
			td.save.exit = func() { exited = true }
			td.save.patience = 50 * time.Millisecond
			lock.locked.Store(true)
			td.claimOn("€230 million")
			td.claimOn("€86 million")
			td.shortcut(fyne.KeyQ, false)
			if exited || !strings.Contains(td.status.Text, "saving 2 changes…") {
				t.Fatalf("quit with 2 pending: exited %v, status %q", exited, td.status.Text)
			}
			if !td.pumpUntil(func() bool { return td.save.overdue != nil }, 5*time.Second) {
				t.Fatal("no word on the unsaved changes after the wait")
			}
			text := td.unsavedText()
			for _, want := range []string{"These 2 changes could not be saved yet", "add claim “€230 million”", "add claim “€86 million”", "another program"} {
				if !strings.Contains(text, want) {
					t.Errorf("the unsaved list lacks %q:\n%s", want, text)
				}
			}
			if exited {
				t.Fatal("the desk quit with changes unsaved")
			}
			if tt.quitAnyway {
				td.exitNow()
				if !exited {
					t.Fatal("Quit anyway did not quit")
				}
				return
			}
			lock.locked.Store(false)
			if !td.pumpUntil(func() bool { return exited }, 10*time.Second) {
				t.Fatalf("the desk did not quit once saved (%d pending)", td.save.q.Len())
			}
			if got := len(td.stored().Claims); got != 2 {
				t.Fatalf("%d claims stored when the desk quit", got)
			}
		})
	}
}

func TestQuitWithNothingPendingQuitsAtOnce(t *testing.T) {
	td, _ := lockableDesk(t)
	exited := false
	td.save.exit = func() { exited = true }
	td.claimOn("€230 million")
	td.flush()
	td.quit()
	if !exited {
		t.Fatal("quit with every change saved did not quit")
	}
}

func TestRefusedChangesChangeNothing(t *testing.T) {
	td := newTestDesk(t, nil)
	td.save.refuse = "this project is read-only"
	td.view.SetSelection(td.rangeOf("€230 million"))
	test.Type(td.view, "c")
	if len(td.ann.Claims) != 0 || td.save.q.Len() != 0 || !strings.Contains(td.status.Text, "read-only") {
		t.Fatalf("a refused change: %d claims shown, %d queued, status %q", len(td.ann.Claims), td.save.q.Len(), td.status.Text)
	}
}
