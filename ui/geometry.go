package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
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
}

// watchGeometry rewrites path every 50 ms while the window's state changes.
func (d *Desk) watchGeometry(path string) {
	var last []byte
	tick := time.NewTicker(50 * time.Millisecond)
	go func() {
		for range tick.C {
			fyne.DoAndWait(func() {
				b, err := json.Marshal(d.geometry())
				if err != nil || bytes.Equal(b, last) {
					return
				}
				last = b
				if err := writeGeometry(path, b); err != nil {
					fmt.Fprintln(os.Stderr, "factmark: geometry:", err)
				}
			})
		}
	}()
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
		g.Current = s.label()
	}
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
