// Command soak drives the real desk in a real window (under Xvfb, see
// scripts/soak.sh) with random edits through xdotool — select and press A, C
// or N, delete, undo, redo, type in an editor, accept a suggestion — and
// kills it with SIGKILL at random moments. After each kill it opens the
// project and checks that every change the desk reported as saved (the lines
// it appends to $FACTMARK_SAVELOG after each commit) is there, and that
// SQLite's integrity_check is ok. It exits non-zero on the first loss.
//
//	go run ./scripts/soak -bin bin/factmark -edits 1000 -kills 25 -out /tmp/soak
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/factmark/factmark/store"
)

func main() {
	bin := flag.String("bin", "bin/factmark", "the factmark binary")
	edits := flag.Int("edits", 1000, "random edit actions in all")
	kills := flag.Int("kills", 25, "SIGKILLs spread over the run (at least 20 for the issue's measure)")
	out := flag.String("out", "", "folder for the project, logs and screenshots (default: a new temporary one)")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "random seed")
	flag.Parse()
	dir := *out
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "factmark-soak-"); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	s := &soak{bin: *bin, dir: dir, rng: rand.New(rand.NewPCG(*seed, 7)), db: filepath.Join(dir, "soak.db"),
		saveLog: filepath.Join(dir, "save.log")}
	log.Printf("soak: seed %d, %d edits, %d kills, in %s", *seed, *edits, *kills, dir)
	if err := s.run(*edits, *kills); err != nil {
		log.Fatalf("soak: FAIL: %v (project and logs in %s)", err, dir)
	}
}

type soak struct {
	bin, dir, db, saveLog string
	rng                   *rand.Rand
	proc                  *exec.Cmd
	exited                chan error // receives the desk's exit once
	suggested             bool       // Suggest has run in the current process

	actions map[string]int // edit actions tried, by kind
	checks  int
	ahead   int // changes committed but killed before they were logged

	displayRetries int // starts the X server refused
}

func (s *soak) run(edits, kills int) error {
	s.actions = map[string]int{}
	done := 0
	for round := 0; done < edits; round++ {
		if err := s.start(); err != nil {
			return err
		}
		batch := edits / kills
		batch = batch/2 + s.rng.IntN(batch+1)
		if round >= kills-1 || done+batch > edits {
			batch = edits - done
		}
		for i := 0; i < batch; i++ {
			if err := s.act(); err != nil {
				return err
			}
			if err := s.died(); err != nil {
				return err
			}
		}
		done += batch
		last := done >= edits
		if last {
			if err := s.quit(); err != nil {
				return err
			}
		} else {
			time.Sleep(time.Duration(s.rng.IntN(300)) * time.Millisecond)
			s.kill()
		}
		if err := s.verify(); err != nil {
			return fmt.Errorf("after round %d (%d edits): %w", round+1, done, err)
		}
		log.Printf("soak: round %d: %d edits so far, %s", round+1, done, s.summary())
	}
	log.Printf("soak: PASS: %d edits, %d kills, %d checks; actions %v; %d committed changes the kill stopped from being logged; %d starts the X server refused",
		done, s.checks-1, s.checks, s.actions, s.ahead, s.displayRetries)
	return nil
}

// start runs the desk on the project and waits for its window. When the X
// server refuses the connection (seen under load on a shared Xvfb: GLFW then
// panics before the desk runs), it tries again, up to three times, and
// counts it: that is the display, not the desk.
func (s *soak) start() error {
	for try := 0; ; try++ {
		err := s.startOnce()
		if err == nil || try == 2 || !s.displayRefused() {
			return err
		}
		s.displayRetries++
		time.Sleep(time.Second)
	}
}

// displayRefused reports whether the desk's log ends with the X server
// refusing it.
func (s *soak) displayRefused() bool {
	b, _ := os.ReadFile(filepath.Join(s.dir, "factmark.log"))
	tail := b[max(0, len(b)-4096):]
	return strings.Contains(string(tail), "X11: Failed to open display")
}

func (s *soak) startOnce() error {
	logf, err := os.OpenFile(filepath.Join(s.dir, "factmark.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.bin, "--db", s.db)
	cmd.Env = append(os.Environ(), "FACTMARK_SAVELOG="+s.saveLog)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return err
	}
	s.proc, s.suggested = cmd, false
	s.exited = make(chan error, 1)
	go func() { s.exited <- cmd.Wait() }()
	for i := 0; i < 120; i++ {
		out, _ := exec.Command("xdotool", "search", "--name", "^Factmark").Output()
		if len(strings.TrimSpace(string(out))) > 0 {
			time.Sleep(700 * time.Millisecond)
			return nil
		}
		if err := s.died(); err != nil {
			return err
		}
		time.Sleep(250 * time.Millisecond)
	}
	s.screenshot("nowindow")
	return errors.New("the desk showed no window within 30 s (see factmark.log)")
}

func (s *soak) kill() {
	s.proc.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// died reports the desk's exit when nobody asked it to: a crash.
func (s *soak) died() error {
	select {
	case err := <-s.exited:
		return fmt.Errorf("the desk exited by itself (%v) after %v; see factmark.log", err, s.actions)
	default:
		return nil
	}
}

// quit ends the last round with Ctrl+Q, which must wait for pending saves.
func (s *soak) quit() error {
	s.xdo("key", "--clearmodifiers", "Escape")
	s.xdo("key", "--clearmodifiers", "ctrl+q")
	select {
	case err := <-s.exited:
		if err != nil {
			return fmt.Errorf("the desk exited with %v on Ctrl+Q", err)
		}
		return nil
	case <-time.After(30 * time.Second):
		s.screenshot("noquit")
		s.kill()
		return errors.New("Ctrl+Q did not quit within 30 s")
	}
}

// Screen regions of the 1280×800 window (see the README's screenshots):
// the menu bar and the command bar take the top 68 pixels.
const (
	bars                                     = 68
	textLeft, textRight, textTop, textBottom = 275, 875, 60 + bars, 745
	editorLeft, editorRight                  = 900, 1270
	editorTop, editorBottom                  = 450 + bars, 745
	tabsY                                    = 21 + bars
	suggestX, suggestY                       = 338, 49 // the command bar's Suggest
)

// act performs one random edit action.
func (s *soak) act() error {
	switch r := s.rng.IntN(100); {
	case r < 30:
		s.selectText()
		key := []string{"a", "c", "n"}[s.rng.IntN(3)]
		s.xdo("key", key)
		s.actions["create "+key]++
	case r < 42:
		s.clickText()
		s.xdo("key", "Delete")
		s.actions["delete"]++
	case r < 54:
		s.xdo("key", "--clearmodifiers", "ctrl+z")
		s.actions["undo"]++
	case r < 62:
		s.xdo("key", "--clearmodifiers", "ctrl+shift+z")
		s.actions["redo"]++
	case r < 82:
		s.typeInEditor()
		s.actions["type"]++
	default:
		s.acceptSuggestion()
		s.actions["accept"]++
	}
	s.pause()
	return nil
}

func (s *soak) textPoint() (int, int) {
	return textLeft + s.rng.IntN(textRight-textLeft), textTop + s.rng.IntN(textBottom-textTop)
}

func (s *soak) selectText() {
	x, y := s.textPoint()
	if s.rng.IntN(2) == 0 {
		s.xdo("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "--repeat", "2", "--delay", "60", "1")
		return
	}
	x2 := min(textRight, x+20+s.rng.IntN(300))
	y2 := min(textBottom, y+s.rng.IntN(3)*23)
	s.xdo("mousemove", fmt.Sprint(x), fmt.Sprint(y), "mousedown", "1")
	s.xdo("mousemove", fmt.Sprint(x2), fmt.Sprint(y2), "mouseup", "1")
}

func (s *soak) clickText() {
	x, y := s.textPoint()
	s.xdo("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1")
}

// typeInEditor clicks somewhere in the editor below a panel's list and types
// a few characters: when the click lands in a field, that is an edit.
func (s *soak) typeInEditor() {
	tabs := []int{945, 1030, 1095}
	s.xdo("mousemove", fmt.Sprint(tabs[s.rng.IntN(3)]), fmt.Sprint(tabsY), "click", "1")
	s.xdo("mousemove", fmt.Sprint(1000+s.rng.IntN(250)), fmt.Sprint(tabsY+60+s.rng.IntN(300)), "click", "1")
	x := editorLeft + s.rng.IntN(editorRight-editorLeft)
	y := editorTop + s.rng.IntN(editorBottom-editorTop)
	s.xdo("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	word := []string{"checked ", "source: ", "x", "2026 ", "é ", "“quote” "}[s.rng.IntN(6)]
	s.xdo("type", "--delay", "15", word)
	s.xdo("key", "Escape")
}

// acceptSuggestion runs Suggest once per process, picks a suggestion in
// the list (which takes the keyboard) and accepts it with A, or rejects it
// with X now and then.
func (s *soak) acceptSuggestion() {
	s.xdo("mousemove", "1178", fmt.Sprint(tabsY), "click", "1")
	if !s.suggested {
		s.xdo("mousemove", fmt.Sprint(suggestX), fmt.Sprint(suggestY), "click", "1")
		time.Sleep(4 * time.Second)
		s.suggested = true
	}
	s.xdo("mousemove", "1080", fmt.Sprint(tabsY+121+39*s.rng.IntN(5)), "click", "1")
	time.Sleep(150 * time.Millisecond)
	key := "a"
	if s.rng.IntN(4) == 0 {
		key = "x"
	}
	s.xdo("key", key)
}

func (s *soak) pause() { time.Sleep(time.Duration(20+s.rng.IntN(120)) * time.Millisecond) }

func (s *soak) xdo(args ...string) {
	exec.Command("xdotool", args...).Run()
}

func (s *soak) screenshot(name string) {
	exec.Command("import", "-window", "root", filepath.Join(s.dir, name+".png")).Run()
}

// saved is one line of the desk's save log.
type saved struct {
	Op       string    `json:"op"` // "put" or "delete"
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Claim    string    `json:"claim"` // a note's claim, whose deletion takes the note
}

// expected replays the save log: each annotation's last reported state.
func (s *soak) expected() (map[string]saved, int, error) {
	f, err := os.Open(s.saveLog)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]saved{}, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	want := map[string]saved{}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var v saved
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			continue // a line cut by the kill
		}
		want[v.ID] = v
		if v.Op == "delete" {
			for id, w := range want {
				if w.Claim == v.ID && w.Op == "put" {
					want[id] = saved{Op: "delete", ID: id}
				}
			}
		}
		n++
	}
	return want, n, sc.Err()
}

// verify opens the project as the desk left it and compares it with the
// save log. A kill can fall between a commit and its log line, so one change
// may be ahead of the log; anything else missing is a lost edit.
func (s *soak) verify() error {
	s.checks++
	want, _, err := s.expected()
	if err != nil {
		return err
	}
	db, err := store.Open(s.db)
	if err != nil {
		return fmt.Errorf("the project does not open: %w", err)
	}
	defer db.Close()
	ctx := context.Background()
	report, err := db.IntegrityCheck(ctx)
	if err != nil {
		return err
	}
	if report != "ok" {
		return fmt.Errorf("integrity_check: %s", report)
	}
	have, err := storedModified(ctx, db)
	if err != nil {
		return err
	}
	var lost []string
	ahead := 0
	for id, w := range want {
		mod, present := have[id]
		switch {
		case w.Op == "put" && !present:
			ahead++
			lost = append(lost, "missing "+id)
		case w.Op == "put" && mod.Before(w.Modified):
			lost = append(lost, fmt.Sprintf("%s is older (%s) than saved (%s)", id, mod, w.Modified))
		case w.Op == "delete" && present:
			ahead++
			lost = append(lost, "deleted but present "+id)
		}
	}
	if len(lost) > 1 || (len(lost) == 1 && ahead == 0) {
		return fmt.Errorf("%d saved changes are not in the project: %s", len(lost), strings.Join(lost, "; "))
	}
	s.ahead += len(lost)
	return nil
}

func storedModified(ctx context.Context, db *store.DB) (map[string]time.Time, error) {
	list, err := db.FindArticles(ctx)
	if err != nil {
		return nil, err
	}
	have := map[string]time.Time{}
	for _, a := range list {
		ann, err := db.FindAnnotations(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, x := range ann.Attributions {
			have[x.ID] = x.Modified
		}
		for _, x := range ann.Claims {
			have[x.ID] = x.Modified
		}
		for _, x := range ann.Notes {
			have[x.ID] = x.Modified
		}
	}
	return have, nil
}

func (s *soak) summary() string {
	want, lines, _ := s.expected()
	present := 0
	for _, w := range want {
		if w.Op == "put" {
			present++
		}
	}
	return fmt.Sprintf("%d changes logged as saved, %d annotations expected present", lines, present)
}
