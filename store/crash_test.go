package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// crashEnv names the database TestCrashHelper writes to; it runs only in the
// child process that TestCrashKeepsEveryReportedSave starts.
const crashEnv = "FACTMARK_STORE_CRASH_DB"

// TestCrashHelper is the child process of TestCrashKeepsEveryReportedSave: it
// opens the project and saves claims and notes (on claims and on spans) on its
// first article until it is killed, writing each annotation's ID to stdout,
// one line each, only after the save returned nil.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("the child process of TestCrashKeepsEveryReportedSave")
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "crash helper:", err)
		os.Exit(3)
	}
	db, err := Open(path)
	if err != nil {
		fail(err)
	}
	ctx := context.Background()
	list, err := db.FindArticles(ctx)
	if err != nil || len(list) == 0 {
		fail(fmt.Errorf("no article: %v", err))
	}
	art, err := db.FindArticleByID(ctx, list[0].ID)
	if err != nil {
		fail(err)
	}
	text := annotate.NewText(art.Text)
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	anchor := func() annotate.Anchor {
		for { // a span of white space is no anchor: draw another
			start := rng.IntN(text.Len() - 50)
			if a, err := text.Anchor(start, start+1+rng.IntN(40)); err == nil {
				return a
			}
		}
	}
	var claims []string
	for i := 0; ; i++ {
		var meta *annotate.Meta
		switch {
		case i%3 == 2 && len(claims) > 0:
			n := &annotate.Note{Meta: annotate.Meta{ArticleID: art.ID}, ClaimID: claims[rng.IntN(len(claims))],
				Verdict: "False", Rationale: fmt.Sprintf("note %d — « vérifié »", i)}
			meta, err = &n.Meta, db.CreateNote(ctx, n)
		case i%3 == 1:
			n := &annotate.Note{Meta: annotate.Meta{ArticleID: art.ID}, Target: ptr(anchor()),
				Sources: []annotate.Evidence{{Title: fmt.Sprintf("source %d 📚", i)}}}
			meta, err = &n.Meta, db.CreateNote(ctx, n)
		default:
			c := &annotate.Claim{Meta: annotate.Meta{ArticleID: art.ID}, Anchors: []annotate.Anchor{anchor()},
				Worthiness: ptr(rng.Float64()), WorthinessOrigin: annotate.Manual}
			meta, err = &c.Meta, db.CreateClaim(ctx, c)
			if err == nil {
				claims = append(claims, c.ID)
			}
		}
		if err != nil {
			fail(err)
		}
		// One write of a whole line: a pipe never splits it.
		if _, err := os.Stdout.WriteString(meta.ID + "\n"); err != nil {
			fail(err)
		}
	}
}

// crashChild is a running TestCrashHelper and the IDs it reported.
type crashChild struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	mu     sync.Mutex
	ids    []string
	done   chan struct{} // closed when stdout reaches EOF
}

func startCrashChild(t *testing.T, path string) *crashChild {
	t.Helper()
	c := &crashChild{done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), crashEnv+"="+path)
	c.cmd.Stderr = &c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.done)
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return // a last line without its newline was never reported
			}
			c.mu.Lock()
			c.ids = append(c.ids, strings.TrimSuffix(line, "\n"))
			c.mu.Unlock()
		}
	}()
	return c
}

func (c *crashChild) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ids)
}

// TestCrashKeepsEveryReportedSave kills a process that is saving annotations
// with SIGKILL at random moments, several times, and checks that every save
// it reported is in the database and that the database is sound.
func TestCrashKeepsEveryReportedSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), generateDocument(t, 200, 20<<10, 7)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	var reported []string
	for round := range 5 {
		child := startCrashChild(t, path)
		// Kill it only once it is saving, then after 50–300 ms more.
		deadline := time.Now().Add(10 * time.Second)
		for child.count() == 0 && time.Now().Before(deadline) {
			select {
			case <-child.done:
				child.cmd.Wait()
				t.Fatalf("round %d: the child ended before saving: %s", round, child.stderr.String())
			case <-time.After(5 * time.Millisecond):
			}
		}
		time.Sleep(time.Duration(50+rng.IntN(251)) * time.Millisecond)
		if err := child.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-child.done
		err := child.cmd.Wait()
		if ws, ok := child.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: the child was not killed but ended: %v\n%s", round, err, child.stderr.String())
		}
		reported = append(reported, child.ids...)
		t.Logf("round %d: killed after %d saves", round, len(child.ids))

		db, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: open after the kill: %v", round, err)
		}
		var check string
		if err := db.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Errorf("round %d: integrity_check = %q, %v", round, check, err)
		}
		stored := map[string]bool{}
		list, err := db.FindArticles(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		all, err := db.FindAnnotations(context.Background(), list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all.Claims {
			stored[c.ID] = true
		}
		for _, n := range all.Notes {
			stored[n.ID] = true
		}
		missing := 0
		for _, id := range reported {
			if !stored[id] {
				missing++
				if missing <= 5 {
					t.Errorf("round %d: reported save %s is missing", round, id)
				}
			}
		}
		if missing > 0 {
			t.Fatalf("round %d: %d of %d reported saves are missing", round, missing, len(reported))
		}
		db.Close()
	}
}
