package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// geometry is what the desk writes to $FACTMARK_GEOMETRY (ui/geometry.go).
type geometry struct {
	View      [4]int      `json:"view"`
	Carets    [][3]int    `json:"carets"`
	Focus     string      `json:"focus"`
	Entry     string      `json:"entry"`
	Status    string      `json:"status"`
	Tab       string      `json:"tab"`
	Current   string      `json:"current"`
	Pending   int         `json:"pending"`
	Proposal  *proposal   `json:"proposal"`
	Proposals []*proposal `json:"proposals"`
	Marking   bool        `json:"marking"`
	Selected  string      `json:"selected"`
	Speaker   string      `json:"speaker"`
	Kind      string      `json:"kind"`
	Cue       *span       `json:"cue"`
	Widgets   map[string][2]int
}

type proposal struct {
	Claim   *span  `json:"claim"`
	Source  *span  `json:"source"`
	Cue     *span  `json:"cue"`
	Content []span `json:"content"`
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"`
}

// caret is where the caret before offset stands, if it is on screen.
func (g *geometry) caret(offset int) (x, y int, ok bool) {
	for _, c := range g.Carets {
		if c[0] == offset {
			return c[1], c[2], true
		}
	}
	return 0, 0, false
}

// counts are the user's actions.
type counts struct {
	keys, clicks, drags, typed, scrolls int
}

func (c counts) actions() int { return c.keys + c.clicks + c.drags }

type replay struct {
	bin, dir, db, geoPath, text string
	gold                        *goldSet
	proc                        *exec.Cmd
	exited                      chan error
	count                       counts
	notes                       []string

	manualAttrs, attrActions, attrTyped int             // attributions made by hand, and what they took
	known                               map[string]bool // the speakers the registry has by now

	// The review's decisions, and the actions they took (suggest mode).
	decisions map[string][2]int // kind of decision → count, actions
}

// decided records a decision on a suggestion and the actions it took.
func (r *replay) decided(kind string, before counts) {
	if r.decisions == nil {
		r.decisions = map[string][2]int{}
	}
	d := r.decisions[kind]
	r.decisions[kind] = [2]int{d[0] + 1, d[1] + r.count.actions() - before.actions()}
}

// start imports the seed article into a new project and opens the desk on it.
func (r *replay) start() error {
	os.Remove(r.db)
	if out, err := exec.Command(r.bin, "--db", r.db, "import", r.text).CombinedOutput(); err != nil {
		return fmt.Errorf("import: %v: %s", err, out)
	}
	logf, err := os.Create(filepath.Join(r.dir, "factmark.log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(r.bin, "--db", r.db)
	cmd.Env = append(os.Environ(), "FACTMARK_GEOMETRY="+r.geoPath)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return err
	}
	r.proc, r.exited = cmd, make(chan error, 1)
	go func() { r.exited <- cmd.Wait() }()
	_, err = r.waitFor("the window with the article", 30*time.Second, func(g *geometry) bool { return len(g.Carets) > 0 })
	return err
}

// read is the desk's geometry now.
func (r *replay) read() (*geometry, []byte, error) {
	b, err := os.ReadFile(r.geoPath)
	if err != nil {
		return nil, nil, err
	}
	var g geometry
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, nil, err
	}
	return &g, b, nil
}

// waitFor waits until ok holds for the geometry and it has stopped
// changing, with every change saved.
func (r *replay) waitFor(what string, timeout time.Duration, ok func(*geometry) bool) (*geometry, error) {
	deadline := time.Now().Add(timeout)
	var last []byte
	stable := time.Time{}
	for time.Now().Before(deadline) {
		select {
		case err := <-r.exited:
			return nil, fmt.Errorf("the desk exited (%v) waiting for %s; see factmark.log", err, what)
		default:
		}
		g, b, err := r.read()
		if err == nil && ok(g) && g.Pending == 0 {
			if !bytes.Equal(b, last) {
				last, stable = b, time.Now()
			} else if time.Since(stable) > 150*time.Millisecond {
				return g, nil
			}
		} else {
			last = nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	g, _, _ := r.read()
	if g != nil {
		return g, fmt.Errorf("timed out waiting for %s (status %q, focus %q, tab %q)", what, g.Status, g.Focus, g.Tab)
	}
	return nil, fmt.Errorf("timed out waiting for %s", what)
}

// settle waits for the desk to finish what the last action started.
func (r *replay) settle() *geometry {
	g, err := r.waitFor("the desk to settle", 10*time.Second, func(*geometry) bool { return true })
	if err != nil {
		log.Printf("replay: %v", err)
	}
	return g
}

func (r *replay) xdo(args ...string) {
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		log.Printf("xdotool %v: %v %s", args, err, out)
	}
}

// key presses one key chord ("a", "Return", "ctrl+a").
func (r *replay) key(k string) *geometry {
	r.count.keys++
	_, before, _ := r.read()
	r.xdo("key", "--clearmodifiers", k)
	r.changed(before)
	return r.settle()
}

// changed waits, up to a second, for the desk to show that it saw the last
// action; settling at once could read the state before it (the X server
// delivers events late on a loaded machine).
func (r *replay) changed(before []byte) {
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, b, err := r.read(); err == nil && !bytes.Equal(b, before) {
			return
		}
	}
}

// typeText types s, each character counted.
func (r *replay) typeText(s string) {
	r.count.typed += len([]rune(s))
	r.xdo("type", "--delay", "15", s)
	r.settle()
}

// click clicks at a point of the window.
func (r *replay) click(x, y int) *geometry {
	r.count.clicks++
	_, before, _ := r.read()
	r.xdo("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	r.changed(before)
	return r.settle()
}

// visible scrolls with the wheel until the span is wholly on screen.
func (r *replay) visible(s span) (*geometry, error) {
	for try := 0; try < 80; try++ {
		g := r.settle()
		if g == nil {
			return nil, errors.New("no geometry")
		}
		_, _, ok1 := g.caret(s[0])
		_, _, ok2 := g.caret(s[1])
		if ok1 && ok2 {
			return g, nil
		}
		button := "5" // down
		if len(g.Carets) > 0 && s[0] < g.Carets[0][0] {
			button = "4"
		}
		r.count.scrolls++
		top := g.Carets
		r.xdo("mousemove", fmt.Sprint(g.View[0]+g.View[2]/2), fmt.Sprint(g.View[1]+g.View[3]/2), "click", button)
		// The wheel is seen when the text has moved; settling before that
		// would read where the text was.
		r.waitFor("the wheel step", 2*time.Second, func(g *geometry) bool {
			return len(g.Carets) == 0 || len(top) == 0 || g.Carets[0] != top[0]
		})
	}
	return nil, fmt.Errorf("could not scroll %s into view", r.gold.quote(s))
}

// drag selects the span with the pointer: from just inside its first
// character to just inside its last, as a careful user does.
func (r *replay) drag(s span) error {
	g, err := r.visible(s)
	if err != nil {
		return err
	}
	x1, y1, _ := g.caret(s[0])
	x2, y2, _ := g.caret(s[1])
	want := fmt.Sprintf("selection %d–%d ", s[0], s[1])
	r.count.drags++
	r.xdo("mousemove", fmt.Sprint(x1+1), fmt.Sprint(y1), "mousedown", "1")
	r.xdo("mousemove", fmt.Sprint(x1+4), fmt.Sprint(y1))
	r.xdo("mousemove", fmt.Sprint(x2-1), fmt.Sprint(y2), "mouseup", "1")
	if _, err := r.waitFor("the selection "+r.gold.quote(s), 5*time.Second, func(g *geometry) bool {
		return strings.Contains(g.Status, want)
	}); err != nil {
		return err
	}
	return nil
}

func (r *replay) screenshot(name string) {
	exec.Command("import", "-window", "root", filepath.Join(r.dir, name+".png")).Run()
}

// quit ends the desk with Ctrl+Q, which waits for pending saves.
func (r *replay) quit() error {
	r.xdo("key", "--clearmodifiers", "Escape")
	r.xdo("key", "--clearmodifiers", "ctrl+q")
	select {
	case err := <-r.exited:
		return err
	case <-time.After(30 * time.Second):
		r.proc.Process.Kill()
		return errors.New("Ctrl+Q did not quit within 30 s")
	}
}
