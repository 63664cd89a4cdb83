package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/factmark/factmark/annotate"
)

// The geometry file is for scripts that drive the real window as a user
// does (scripts/replay): a tester selects text with the pointer, so the
// script must know where each character of the article is drawn. When
// Services.Geometry names a file, the desk rewrites it, whenever what it
// holds changes, with the article view's place in the window, where each
// caret on screen stands, and what has the keyboard. Unset, nothing runs.

// geometry is one state of the window, in window pixels.
type geometry struct {
	View    [4]int   `json:"view"`    // x, y, width, height of the article view
	Carets  [][3]int `json:"carets"`  // offset, x, y of each caret wholly on screen
	Focus   string   `json:"focus"`   // the kind of widget with the keyboard: "text", "speaker", "suggestions", ...
	Entry   string   `json:"entry"`   // the text of the focused entry
	Status  string   `json:"status"`  // the status line
	Tab     string   `json:"tab"`     // the panel in front
	Current string   `json:"current"` // the suggestion under review, as the list shows it
	Pending int      `json:"pending"` // changes not yet saved

	// Proposal is the suggestion under review; Speaker the speaker of the
	// selected attribution; Widgets the centres of the controls a script
	// clicks ("suggest": the toolbar button, "suggestions-filter" and
	// "suggestions-list": the Suggestions tab's filter and list while it is
	// shown, "speaker": the editor's
	// speaker field, "cue-clear": the button that clears its cue).
	Proposal *geometryProposal `json:"proposal,omitempty"`
	// Proposals are the suggestions the list shows, in its order, as a
	// reviewer sees them there and in the article's highlights.
	Proposals []*geometryProposal `json:"proposals,omitempty"`
	// Marking says the claim marker is on (a drag makes a claim).
	Marking  bool              `json:"marking,omitempty"`
	Selected string            `json:"selected"`
	Speaker  string            `json:"speaker"`
	Kind     string            `json:"kind"`
	Cue      *[2]int           `json:"cue,omitempty"` // the selected attribution's cue
	Widgets  map[string][2]int `json:"widgets"`
}

// geometryProposal is a suggestion's spans as [start, end) pairs.
type geometryProposal struct {
	Claim   *[2]int  `json:"claim,omitempty"`
	Source  *[2]int  `json:"source,omitempty"`
	Cue     *[2]int  `json:"cue,omitempty"`
	Content [][2]int `json:"content,omitempty"`
	Speaker string   `json:"speaker,omitempty"`
	Kind    string   `json:"kind,omitempty"`
}

func spanOf(a *annotate.Anchor) *[2]int {
	if a == nil {
		return nil
	}
	return &[2]int{a.Start, a.End}
}

func proposalGeometry(s *proposal) *geometryProposal {
	if s.sent != nil {
		return &geometryProposal{Claim: spanOf(&s.sent.Anchor)}
	}
	g := &geometryProposal{Source: spanOf(s.attr.Source), Cue: spanOf(s.attr.Cue), Speaker: s.attr.Speaker, Kind: string(s.attr.Kind)}
	for _, c := range s.attr.Content {
		g.Content = append(g.Content, [2]int{c.Start, c.End})
	}
	return g
}

// widgetCentres are the centres of the controls a script clicks.
func (d *Desk) widgetCentres(px func(float32) int) map[string][2]int {
	out := map[string][2]int{}
	centre := func(name string, o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		out[name] = [2]int{px(p.X + o.Size().Width/2), px(p.Y + o.Size().Height/2)}
	}
	for _, b := range d.toolbarButtons() {
		if b.Text == "Suggest" {
			centre("suggest", b)
		}
	}
	if d.sugg != nil && d.tabs != nil && d.tabs.Selected() != nil && d.tabs.Selected().Text == "Suggestions" {
		centre("suggestions-filter", d.sugg.filter)
		centre("suggestions-list", d.sugg.list)
	}
	if d.attrs != nil && len(d.attrs.edit.Objects) > 0 {
		walk(d.attrs.edit.Objects[0], func(o fyne.CanvasObject) {
			if e, ok := o.(*speakerEntry); ok {
				centre("speaker", e)
			}
			if f, ok := o.(*anchorField); ok && strings.HasSuffix(f.key, "/cue") && f.clearButton != nil {
				centre("cue-clear", f.clearButton)
			}
		})
	}
	return out
}

// watchGeometry rewrites path every 50 ms while the window's state
// changes, until the window closes. The lock keeps a look at the widgets
// from running after the close: the test driver runs DoAndWait on the
// calling goroutine, not the UI's (the app's driver runs both on the UI
// goroutine, where the lock is never contended).
func (d *Desk) watchGeometry(path string) {
	var last []byte
	var mu sync.Mutex
	closed := false
	done := make(chan struct{})
	d.win.SetOnClosed(func() {
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			closed = true
			close(done)
		}
	})
	tick := time.NewTicker(50 * time.Millisecond)
	go func() {
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			fyne.DoAndWait(func() {
				mu.Lock()
				defer mu.Unlock()
				if closed {
					return
				}
				last = d.saveGeometry(path, last)
			})
		}
	}()
}

// saveGeometry writes the geometry to path unless it is last; it returns
// what it wrote. It runs on the UI goroutine.
func (d *Desk) saveGeometry(path string, last []byte) []byte {
	b, err := json.Marshal(d.geometry())
	if err != nil || bytes.Equal(b, last) {
		return last
	}
	if err := writeGeometry(path, b); err != nil {
		fmt.Fprintln(os.Stderr, "factmark: geometry:", err)
	}
	return b
}

func writeGeometry(path string, b []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func (d *Desk) geometry() geometry {
	scale := d.win.Canvas().Scale()
	px := func(f float32) int { return int(f*scale + 0.5) }
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.view)
	size := d.view.Size()
	g := geometry{View: [4]int{px(abs.X), px(abs.Y), px(size.Width), px(size.Height)},
		Status: d.status.Text, Pending: d.save.q.Len()}
	d.view.VisibleCarets(func(off int, p fyne.Position) {
		g.Carets = append(g.Carets, [3]int{off, px(abs.X + p.X), px(abs.Y + p.Y)})
	})
	if d.tabs != nil && d.tabs.Selected() != nil {
		g.Tab = d.tabs.Selected().Text
	}
	if s := d.sugg.current; s != nil {
		g.Current, g.Proposal = s.label(), proposalGeometry(s)
	}
	for _, s := range d.sugg.shown {
		g.Proposals = append(g.Proposals, proposalGeometry(s))
	}
	g.Marking = d.marking
	g.Selected = d.selected
	if a := d.findAttribution(d.selected); a != nil {
		g.Speaker, g.Kind, g.Cue = d.speakerName(a.SpeakerID), string(a.Kind), spanOf(a.Cue)
	}
	g.Widgets = d.widgetCentres(px)
	switch f := d.win.Canvas().Focused().(type) {
	case nil:
	case *speakerEntry:
		g.Focus, g.Entry = "speaker", f.Text
	case *reviewList:
		g.Focus = "suggestions"
	default:
		if f == d.view {
			g.Focus = "text"
		} else {
			g.Focus = fmt.Sprintf("%T", f)
		}
	}
	return g
}
