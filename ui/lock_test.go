package ui

import (
	"bufio"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
)

// lockEnv names the project TestLockHolder holds the write lock of; it runs
// only in the child process TestEditsWaitOutAnotherProgramsLock starts.
const lockEnv = "FACTMARK_UI_LOCK_DB"

// lockHold is how long the other program holds the lock: three times the
// store's busy timeout, as a large import does.
const lockHold = 15 * time.Second

// TestLockHolder is another program writing to the project: it takes the
// write lock with BEGIN IMMEDIATE, says "locked", holds it for lockHold,
// says "released" and ends.
func TestLockHolder(t *testing.T) {
	path := os.Getenv(lockEnv)
	if path == "" {
		t.Skip("the child process of TestEditsWaitOutAnotherProgramsLock")
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "lock holder:", err)
		os.Exit(3)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_txlock=immediate&_busy_timeout=10000")
	if err != nil {
		fail(err)
	}
	tx, err := db.Begin()
	if err != nil {
		fail(err)
	}
	fmt.Println("locked")
	time.Sleep(lockHold)
	if err := tx.Rollback(); err != nil {
		fail(err)
	}
	fmt.Println("released")
	os.Exit(0)
}

// lockHolder starts TestLockHolder on the project at path and returns once
// it holds the lock, with a channel closed when it has released it.
func lockHolder(t *testing.T, path string) <-chan struct{} {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolder$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "locked" {
		t.Fatalf("the lock holder did not lock: %q %s", lines.Text(), stderr.String())
	}
	released := make(chan struct{})
	go func() {
		for lines.Scan() {
			if lines.Text() == "released" {
				close(released)
				return
			}
		}
	}()
	return released
}

// TestEditsWaitOutAnotherProgramsLock: another process holds the project's
// write lock for 15 s, three times the store's busy timeout, while the desk
// makes 5 edits. None is lost: the status line says they are waiting, and
// once the lock is released all 5 are stored and it says saved.
func TestEditsWaitOutAnotherProgramsLock(t *testing.T) {
	if testing.Short() {
		t.Skip("holds a lock for 15 s")
	}
	td := newTestDesk(t, nil)
	released := lockHolder(t, td.db.Path())
	start := time.Now()

	a := td.claimOn("€230 million")
	b := td.claimOn("€86 million")
	td.view.SetSelection(td.rangeOf("38,000 passengers a day"))
	test.Type(td.view, "n")
	td.updateClaim(a, "", func(c *annotate.Claim) { c.Status = annotate.StatusVerdictProposed })
	td.updateClaim(b, "tags", func(c *annotate.Claim) { c.Tags = []string{"budget"} })

	var seen []string // the save state of the status line, each time it changed
	watch := func() bool {
		state := td.status.Text[strings.LastIndex(td.status.Text, " — ")+len(" — "):]
		if len(seen) == 0 || seen[len(seen)-1] != state {
			seen = append(seen, state)
		}
		select {
		case <-released:
			return td.save.q.Len() == 0
		default:
			if n := td.save.q.Len(); n != 5 {
				t.Fatalf("%d changes pending while the lock is held (%v)", n, seen)
			}
			return false
		}
	}
	if !td.pumpUntil(watch, lockHold+30*time.Second) {
		t.Fatalf("not saved %v after the lock was released (%d pending; %v)", time.Since(start), td.save.q.Len(), seen)
	}
	t.Logf("saved %v after the edits; the status went through %q", time.Since(start).Round(time.Millisecond), seen)
	if seen[0] != "5 changes waiting to be saved" || seen[len(seen)-1] != "saved" {
		t.Fatalf("the status went through %q, want from %q to %q", seen, "5 changes waiting to be saved", "saved")
	}
	if !strings.Contains(strings.Join(seen, "\n"), "another program is writing to the project") {
		t.Fatalf("the writer never found the project locked: %q", seen)
	}
	all := td.stored()
	if len(all.Claims) != 2 || len(all.Notes) != 1 {
		t.Fatalf("stored %d claims and %d notes, want 2 and 1", len(all.Claims), len(all.Notes))
	}
	for _, c := range all.Claims {
		if c.ID == a && c.Status != annotate.StatusVerdictProposed || c.ID == b && (len(c.Tags) != 1 || c.Tags[0] != "budget") {
			t.Fatalf("claim stored as %+v", c)
		}
	}
}
