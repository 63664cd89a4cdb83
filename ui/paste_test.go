package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/factmark/factmark/annotate"
)

// titleEntry is the title field of the dialog on top, or nil.
func (td *testDesk) titleEntry() *findEntry {
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var e *findEntry
	walkTree(top, func(o fyne.CanvasObject) {
		if x, ok := o.(*findEntry); ok {
			e = x
		}
	})
	return e
}

// pasteWith puts text on the clipboard and presses Ctrl+Shift+V.
func (td *testDesk) pasteWith(text string) {
	td.app.Clipboard().SetContent(text)
	td.shortcut(fyne.KeyV, true)
}

func TestNewArticleFromClipboard(t *testing.T) {
	for _, tt := range []struct {
		name, clip string
		title      string // typed over the prefilled one; "" keeps it
		prefilled  string
		wantTitle  string
	}{
		{"title typed", "Council votes on the tram\nThe council voted on Tuesday.\n", "Tram vote, 3 March", "Council votes on the tram", "Tram vote, 3 March"},
		{"first line kept", "\n\n# Budget report\nSpending grew by 4%.", "", "Budget report", "Budget report"},
		{"looks like JSON", "[Applause]\nThank you all for coming tonight.", "", "[Applause]", "[Applause]"},
		{"looks like brat", "T1\tthe opening line\nA second line.", "", "T1 the opening line", "T1 the opening line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			before := td.lib.total
			td.pasteWith(tt.clip)
			e := td.titleEntry()
			if e == nil {
				t.Fatalf("no title dialog; status %q", td.status.Text)
			}
			if e.Text != tt.prefilled {
				t.Errorf("title prefilled %q, want %q", e.Text, tt.prefilled)
			}
			if tt.title != "" {
				e.SetText(tt.title)
			}
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if !td.pumpUntil(func() bool { return td.lib.total == before+1 && td.article.Title == tt.wantTitle }, 10*time.Second) {
				t.Fatalf("article %q not made; status %q", tt.wantTitle, td.status.Text)
			}
			norm, _ := annotate.NormalizeText([]byte(tt.clip))
			if td.article.Text != norm {
				t.Errorf("article text %q, want the clipboard's %q", td.article.Text, norm)
			}
			if !strings.HasPrefix(td.status.Text, "0 attributions") || !strings.Contains(td.status.Text, "imported") {
				t.Errorf("status %q", td.status.Text)
			}
		})
	}
}

func TestNewArticleFromClipboardRefusals(t *testing.T) {
	td := newTestDesk(t, nil)
	before := td.lib.total
	// Blank: nothing asked, nothing stored.
	for _, blank := range []string{"", "  \n\t\n"} {
		td.pasteWith(blank)
		if td.win.Canvas().Overlays().Top() != nil || !strings.Contains(td.status.Text, emptyClipboard) {
			t.Errorf("clipboard %q: status %q, dialog %v", blank, td.status.Text, td.win.Canvas().Overlays().Top() != nil)
		}
	}
	// Escape gives up.
	td.pasteWith("Some text\nworth keeping.")
	e := td.titleEntry()
	if e == nil {
		t.Fatal("no title dialog")
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if td.win.Canvas().Overlays().Top() != nil || !strings.Contains(td.status.Text, "no article made") {
		t.Errorf("Escape left status %q", td.status.Text)
	}
	// Too large: the import's limit and its words.
	td.pasteWith(strings.Repeat("A very long clipboard line of words.\n", annotate.MaxTextBytes/37+1000))
	td.titleEntry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	td.waitStatus("Error: clipboard.txt:")
	if !strings.Contains(td.status.Text, "limit") {
		t.Errorf("too large a clipboard: %q", td.status.Text)
	}
	td.lib.reload()
	if td.lib.total != before {
		t.Errorf("refusals stored %d articles", td.lib.total-before)
	}
}

func TestClipboardCommandInTheTable(t *testing.T) {
	td := newTestDesk(t, nil)
	c := td.commandNamed("New article from clipboard…")
	if c == nil || c.menu != menuFile || c.shortcut() != "Ctrl+Shift+V" {
		t.Fatalf("command %+v", c)
	}
	td.svc.ReadOnly = true
	td.app.Clipboard().SetContent("Text")
	td.do(c)()
	if td.win.Canvas().Overlays().Top() != nil || !strings.Contains(td.status.Text, readOnlyMessage) {
		t.Errorf("read-only project: status %q", td.status.Text)
	}
}
