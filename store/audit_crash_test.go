package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// auditCrashEnv names the project TestAuditCrashHelper changes; it runs only
// in the child process of TestAuditCrashLeavesNoChangeWithoutEntry.
const auditCrashEnv = "FACTMARK_STORE_AUDIT_CRASH_DB"

// TestAuditCrashHelper creates, edits and deletes claims and notes on the
// project's first article until it is killed, printing "saving" once it
// has made its first change.
func TestAuditCrashHelper(t *testing.T) {
	path := os.Getenv(auditCrashEnv)
	if path == "" {
		t.Skip("the child process of TestAuditCrashLeavesNoChangeWithoutEntry")
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "audit crash helper:", err)
		os.Exit(3)
	}
	db, err := Open(path)
	if err != nil {
		fail(err)
	}
	ctx := annotate.WithActor(context.Background(), fmt.Sprintf("child %d", os.Getpid()))
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
		for {
			start := rng.IntN(text.Len() - 50)
			if a, err := text.Anchor(start, start+1+rng.IntN(40)); err == nil {
				return a
			}
		}
	}
	var claims []*annotate.Claim
	var notes []*annotate.Note
	for i := 0; ; i++ {
		switch op := rng.IntN(10); {
		case op < 3 || len(claims) == 0:
			c := &annotate.Claim{Meta: annotate.Meta{ArticleID: art.ID}, Anchors: []annotate.Anchor{anchor()}}
			if err = db.CreateClaim(ctx, c); err == nil {
				claims = append(claims, c)
			}
		case op < 5:
			c := claims[rng.IntN(len(claims))]
			c.Status = []annotate.Status{annotate.StatusSelected, annotate.StatusResearching}[i%2]
			c.Tags = []string{fmt.Sprintf("tag %d", i)}
			err = db.UpdateClaim(ctx, c)
		case op < 7:
			n := &annotate.Note{Meta: annotate.Meta{ArticleID: art.ID}, ClaimID: claims[rng.IntN(len(claims))].ID,
				Verdict: "False", Rationale: fmt.Sprintf("note %d — « vérifié »", i)}
			if err = db.CreateNote(ctx, n); err == nil {
				notes = append(notes, n)
			}
		case op < 9 && len(notes) > 0:
			n := notes[rng.IntN(len(notes))]
			n.Rationale = fmt.Sprintf("edited %d", i)
			err = db.UpdateNote(ctx, n)
		default: // delete a claim (and its notes) or a note
			k := rng.IntN(len(claims))
			id := claims[k].ID
			if err = db.DeleteAnnotation(ctx, id); err == nil {
				claims = slices.Delete(claims, k, k+1)
				notes = slices.DeleteFunc(notes, func(n *annotate.Note) bool { return n.ClaimID == id })
			}
		}
		if err != nil {
			fail(err)
		}
		if i == 0 {
			os.Stdout.WriteString("saving\n")
		}
	}
}

// TestAuditCrashLeavesNoChangeWithoutEntry kills a process that creates,
// edits and deletes annotations with SIGKILL at random moments, and checks
// after each kill that the log and the annotations agree exactly: replaying
// each annotation's entries (create, then each field's update, then delete)
// gives the row as stored, for every row present, and nothing for the rows
// absent. So no change landed without its entries, and no entry without
// its change.
func TestAuditCrashLeavesNoChangeWithoutEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := generateDocument(t, 50, 8<<10, 3)
	if _, err := db.Import(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	imported := importedViews(t, &doc.Articles[0])
	db.Close()
	rounds := 4
	if testing.Short() {
		rounds = 2
	}
	rng := rand.New(rand.NewPCG(2, uint64(time.Now().UnixNano())))
	for round := range rounds {
		killAuditChild(t, path, time.Duration(50+rng.IntN(251))*time.Millisecond)
		db, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: open after the kill: %v", round, err)
		}
		var check string
		if err := db.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Errorf("round %d: integrity_check = %q, %v", round, check, err)
		}
		n := checkLogMatchesRows(t, db, imported)
		t.Logf("round %d: %d annotations agree with the log", round, n)
		db.Close()
	}
}

// killAuditChild runs TestAuditCrashHelper on path and kills it after it
// has been changing the project for after.
func killAuditChild(t *testing.T, path string, after time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAuditCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), auditCrashEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started := make(chan bool, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		started <- line == "saving\n"
	}()
	select {
	case ok := <-started:
		if !ok {
			cmd.Wait()
			t.Fatalf("the child ended before saving: %s", stderr.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the child did not start saving")
	}
	time.Sleep(after)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed but ended: %v\n%s", err, stderr.String())
	}
}

// importedViews are the views of the annotations of ad, as the log
// records them, by ID: what an import's entry of the article (which names
// them) says they were when imported.
func importedViews(t testing.TB, ad *annotate.ArticleDoc) map[string]json.RawMessage {
	views := map[string]json.RawMessage{}
	for _, args := range importRows(t, ad) {
		views[args[0].(string)] = annotationView(args[4].(string), args[5].(string), refText(args[8]),
			refText(args[9]), refText(args[10]), args[11].(string))
	}
	return views
}

// checkLogMatchesRows replays every annotation's log entries and compares
// the result with the stored rows; it returns how many rows it compared.
// The annotations an import's entry names start from their imported
// views.
func checkLogMatchesRows(t *testing.T, db *DB, imported map[string]json.RawMessage) int {
	t.Helper()
	ctx := context.Background()
	entries, err := db.FindAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	replayed := map[string]map[string]json.RawMessage{} // nil: deleted
	for _, e := range entries {
		if e.Action == "import" && e.Kind == "article" {
			replayImport(t, e, imported, replayed)
			continue
		}
		if e.Kind != "attribution" && e.Kind != "claim" && e.Kind != "note" {
			continue
		}
		state, known := replayed[e.EntityID]
		switch {
		case e.Action == "create" || e.Action == "import" && e.Field == "" && e.Old == "":
			if state != nil {
				t.Errorf("%s %s created twice", e.Kind, e.EntityID)
			}
			state = map[string]json.RawMessage{}
			if err := json.Unmarshal([]byte(e.New), &state); err != nil {
				t.Fatalf("entry %s: %v", e.ID, err)
			}
		case e.Action == "delete":
			if state == nil {
				t.Errorf("%s %s deleted but never created (or twice)", e.Kind, e.EntityID)
			}
			state = nil
		case !known || state == nil:
			t.Errorf("%s %s: %s of %q with no record to change", e.Kind, e.EntityID, e.Action, e.Field)
			continue
		case e.New == "":
			delete(state, e.Field)
		default:
			state[e.Field] = json.RawMessage(e.New)
		}
		replayed[e.EntityID] = state
	}
	rows, err := storedAnnotations(ctx, db.db, "")
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for _, r := range rows {
		present[r.id] = true
		state := replayed[r.id]
		if state == nil {
			t.Errorf("%s %s is stored without its create entry (or after its delete entry)", r.kind, r.id)
			continue
		}
		var stored map[string]json.RawMessage
		if err := json.Unmarshal(r.view, &stored); err != nil {
			t.Fatal(err)
		}
		if !sameFields(stored, state) {
			logged, _ := json.Marshal(state)
			t.Errorf("%s %s as stored:\n%s\nas its log has it:\n%s", r.kind, r.id, r.view, logged)
		}
	}
	for id, state := range replayed {
		if state != nil && !present[id] {
			t.Errorf("annotation %s is in the log but not stored: an entry without its change", id)
		}
	}
	return len(rows)
}

func sameFields(a, b map[string]json.RawMessage) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !sameJSON(v, b[k]) {
			return false
		}
	}
	return true
}

// replayImport starts each annotation the import entry e names from its
// imported view.
func replayImport(t *testing.T, e annotate.AuditEntry, imported map[string]json.RawMessage, replayed map[string]map[string]json.RawMessage) {
	t.Helper()
	var added importedArticle
	if err := json.Unmarshal([]byte(e.New), &added); err != nil {
		t.Fatalf("entry %s: %v", e.ID, err)
	}
	for _, id := range slices.Concat(added.Attributions, added.Claims, added.Notes) {
		if replayed[id] != nil {
			t.Errorf("%s imported twice", id)
		}
		state := map[string]json.RawMessage{}
		if err := json.Unmarshal(imported[id], &state); err != nil {
			t.Fatalf("entry %s names %s, which the document does not have: %v", e.ID, id, err)
		}
		replayed[id] = state
	}
}
