package ui

import (
	"fyne.io/fyne/v2/dialog"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// menuItems are the items of the window's main menu by label, and the
// menus' names in order.
func menuItems(t *testing.T, td *testDesk) (map[string]*fyne.MenuItem, []string) {
	t.Helper()
	mm := td.win.MainMenu()
	if mm == nil {
		t.Fatal("the window has no main menu")
	}
	items := map[string]*fyne.MenuItem{}
	var names []string
	for _, m := range mm.Items {
		names = append(names, m.Label)
		for _, it := range m.Items {
			if !it.IsSeparator {
				items[it.Label] = it
			}
		}
	}
	return items, names
}

// texts are the strings of every text drawn by o, laid out.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		switch x := x.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Label:
			out = append(out, x.Text)
		}
	}
	return out
}

// TestEveryCommandInPaletteAndMenu: each command of the table is in the
// palette and in its main menu with the same label and shortcut text, and
// the menu draws that shortcut text as Fyne spells it.
func TestEveryCommandInPaletteAndMenu(t *testing.T) {
	td := newTestDesk(t, nil)
	items, names := menuItems(t, td)
	if got := strings.Join(names, ","); got != "File,Edit,Annotate,View,Help" {
		t.Fatalf("main menus %s", got)
	}
	palette := map[string]paletteEntry{}
	for _, e := range td.paletteEntries() {
		if e.kind == "command" {
			palette[e.label] = e
		}
	}
	if len(items) != len(td.commands()) || len(palette) != len(td.commands()) {
		t.Errorf("%d commands, %d menu items, %d palette commands", len(td.commands()), len(items), len(palette))
	}
	for _, c := range td.commands() {
		it, e := items[c.label], palette[c.label]
		if it == nil || e.run == nil {
			t.Errorf("%q: in menu %v, in palette %v", c.label, it != nil, e.run != nil)
			continue
		}
		menuKey := ""
		if k, ok := it.Shortcut.(fyne.KeyboardShortcut); ok {
			menuKey = shortcutText(k)
		}
		if menuKey != e.shortcut || e.shortcut != c.shortcut() {
			t.Errorf("%q: menu shows %q, palette %q, table %q", c.label, menuKey, e.shortcut, c.shortcut())
		}
		if c.shortcut() != "" && !strings.Contains(e.text(), "("+c.shortcut()+")") {
			t.Errorf("%q: palette row %q lacks its shortcut", c.label, e.text())
		}
	}
	// The drawn menu spells each shortcut as the table does.
	for _, m := range td.win.MainMenu().Items {
		drawn := strings.Join(texts(widget.NewMenu(m)), "")
		for _, it := range m.Items {
			c := td.commandNamed(it.Label)
			if c == nil {
				t.Errorf("menu %s has %q, which is no command", m.Label, it.Label)
				continue
			}
			if !strings.Contains(drawn, it.Label) || !strings.Contains(drawn, c.shortcut()) {
				t.Errorf("menu %s draws %q; want %q and %q", m.Label, drawn, it.Label, c.shortcut())
			}
		}
	}
}

// TestMenuRunsItsCommand: a menu item does what its command does.
func TestMenuRunsItsCommand(t *testing.T) {
	td := newTestDesk(t, nil)
	items, _ := menuItems(t, td)
	td.view.SetSelection(td.rangeOf("Kanalgade bus terminal"))
	items["Add claim from selection"].Action()
	if got := td.stored().Claims; len(got) != 1 || got[0].Anchors[0].Exact != "Kanalgade bus terminal" {
		t.Fatalf("Annotate › Add claim stored %+v", got)
	}
	items["Undo"].Action()
	if got := td.stored().Claims; len(got) != 0 {
		t.Fatalf("Edit › Undo left %d claims", len(got))
	}
}

// TestShortcutSheetListsEveryKey: the sheet has a row for each command with
// a key or chord, with all of them, and none for a command without.
func TestShortcutSheetListsEveryKey(t *testing.T) {
	td := newTestDesk(t, nil)
	rows := texts(td.shortcutSheet())
	sheet := strings.Join(rows, "\n")
	for _, c := range td.commands() {
		keys := c.allShortcuts()
		if len(keys) == 0 {
			if strings.Contains(sheet, c.label) {
				t.Errorf("the sheet lists %q, which has no key", c.label)
			}
			continue
		}
		want := strings.Join(keys, "  or  ") + "\n" + c.label
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
	for _, want := range []string{"Ctrl+Z", "Ctrl+Shift+Z  or  Ctrl+Y", "Del  or  Backspace", "F1", "C"} {
		if !containsLine(rows, want) {
			t.Errorf("the sheet has no %q", want)
		}
	}
}

func containsLine(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

// TestToolbarHasNoBareIcon: every toolbar button says what it does in a
// word, and the claim button is no question mark.
func TestToolbarHasNoBareIcon(t *testing.T) {
	td := newTestDesk(t, nil)
	buttons := td.toolbarButtons()
	if len(buttons) < 8 {
		t.Fatalf("%d toolbar buttons", len(buttons))
	}
	for _, b := range buttons {
		if strings.TrimSpace(b.Text) == "" {
			t.Errorf("a toolbar button has no label (icon %v)", b.Icon)
		}
		if b.Text == "Claim" && b.Icon != nil && strings.Contains(b.Icon.Name(), "question") {
			t.Error("the claim button still shows a question mark")
		}
	}
	for _, o := range test.LaidOutObjects(td.win.Content()) {
		if _, ok := o.(*widget.Toolbar); ok {
			t.Error("the window still has an icon-only widget.Toolbar")
		}
	}
}

// TestF1OpensShortcutSheet: F1 opens the sheet from the article view, from
// a panel's list and with nothing focused; Help has it too.
func TestF1OpensShortcutSheet(t *testing.T) {
	for _, where := range []string{"view", "list", "window", "menu"} {
		t.Run(where, func(t *testing.T) {
			td := newTestDesk(t, nil)
			f1 := &fyne.KeyEvent{Name: fyne.KeyF1}
			switch where {
			case "view":
				td.win.Canvas().Focus(td.view)
				td.view.TypedKey(f1)
			case "list":
				td.tabs.SelectIndex(tabClaims)
				td.win.Canvas().Focus(td.claims.list)
				td.win.Canvas().Focused().TypedKey(f1)
			case "window":
				td.win.Canvas().Unfocus()
				td.win.Canvas().OnTypedKey()(f1)
			case "menu":
				items, _ := menuItems(t, td)
				items["Keyboard shortcuts"].Action()
			}
			top := td.win.Canvas().Overlays().Top()
			if top == nil || !containsLine(texts(top), "Keyboard shortcuts") || !containsLine(texts(top), "Add claim from selection") {
				t.Fatal("no shortcut sheet open")
			}
			if h := top.(*widget.PopUp).Content.Size().Height; h < 300 {
				t.Errorf("the sheet is %v high: its rows are hidden", h)
			}
			// Keys go to the sheet, not to the article under it.
			td.view.SetSelection(td.rangeOf("€412 million"))
			td.win.Canvas().OnTypedRune()('c')
			td.win.Canvas().OnTypedKey()(f1)
			if n := len(td.stored().Claims); n != 0 {
				t.Errorf("C under the open sheet made %d claims", n)
			}
			td.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if td.win.Canvas().Overlays().Top() != nil || td.sheet != nil {
				t.Error("Escape did not close the sheet")
			}
		})
	}
}

// TestShortcutsRunTheirCommands presses a few representative keys and
// chords where the user would and checks that their command ran.
func TestShortcutsRunTheirCommands(t *testing.T) {
	for _, tt := range []struct {
		name  string
		press func(td *testDesk)
		ran   func(td *testDesk) bool
	}{
		{"Ctrl+K", func(td *testDesk) { td.shortcut(fyne.KeyK, false) }, func(td *testDesk) bool { return td.palette.popup != nil }},
		{"Ctrl+F", func(td *testDesk) { td.shortcut(fyne.KeyF, false) }, func(td *testDesk) bool { return td.find.content.Visible() }},
		{"Ctrl+Shift+=", func(td *testDesk) { td.shortcut(fyne.KeyEqual, true) }, func(td *testDesk) bool { return td.theme.textSize > 14 }},
		{"C", func(td *testDesk) {
			td.view.SetSelection(td.rangeOf("€412 million"))
			test.Type(td.view, "C")
		}, func(td *testDesk) bool { return len(td.stored().Claims) == 1 }},
		{"Del in a list", func(td *testDesk) {
			td.view.SetSelection(td.rangeOf("€412 million"))
			td.createClaim()
			td.tabs.SelectIndex(tabClaims)
			td.win.Canvas().Focus(td.claims.list)
			td.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		}, func(td *testDesk) bool { return len(td.stored().Claims) == 0 }},
		{"Ctrl+Y after Ctrl+Z", func(td *testDesk) {
			td.view.SetSelection(td.rangeOf("€412 million"))
			td.createClaim()
			td.shortcut(fyne.KeyZ, false)
			td.win.Canvas().Unfocus()
			td.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrl(fyne.KeyY))
		}, func(td *testDesk) bool { return len(td.stored().Claims) == 1 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.theme.textSize = 14
			tt.press(td)
			if !tt.ran(td) {
				t.Fatalf("%s did not run its command (status %q)", tt.name, td.status.Text)
			}
		})
	}
}

// TestNInClaimsListMakesNoteOnIt: a claim tapped in the Claims list takes
// the keyboard focus to the list; N there makes a note on the claim.
func TestNInClaimsListMakesNoteOnIt(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("34 percent over budget"))
	td.createClaim()
	claim := td.stored().Claims[0].ID
	td.view.SetSelection(0, 0)
	td.selected = ""
	td.refresh(true)
	td.tabs.SelectIndex(tabClaims)
	row := fyne.CurrentApp().Driver().AbsolutePositionForObject(td.claims.list).Add(fyne.NewPos(20, 10))
	test.TapCanvas(td.win.Canvas(), row)
	if td.Selected() != claim {
		t.Fatalf("tapping the row selected %q", td.Selected())
	}
	focused := td.win.Canvas().Focused()
	if focused == nil || focused == fyne.Focusable(td.view) {
		t.Fatalf("tapping the row left the focus on %T, not the list", focused)
	}
	test.Type(focused, "n") // where the window sends a key pressed now
	notes := td.stored().Notes
	if len(notes) != 1 || notes[0].ClaimID != claim {
		t.Fatalf("N in the Claims list made %+v, want one note on the claim (status %q)", notes, td.status.Text)
	}
}

// TestReadOnlyGreysOutWrites: on a read-only project the menu items and
// toolbar buttons that write are disabled, the others not, and a write run
// anyway (its key) is refused.
func TestReadOnlyGreysOutWrites(t *testing.T) {
	td, _ := readOnlyDesk(t)
	items, _ := menuItems(t, td)
	for label, it := range items {
		c := td.commandNamed(label)
		if it.Disabled != (c.needs&needEditable != 0) {
			t.Errorf("menu item %q disabled=%v on a read-only project", label, it.Disabled)
		}
	}
	for _, b := range td.toolbarButtons() {
		if want := b.Text == "Attribution" || b.Text == "Claim" || b.Text == "Note" || b.Text == "Undo" || b.Text == "Redo" || b.Text == "Import"; b.Disabled() != want {
			t.Errorf("toolbar %q disabled=%v", b.Text, b.Disabled())
		}
	}
	td.view.SetSelection(td.rangeOf("€412 million"))
	items["Add claim from selection"].Action()
	if !strings.Contains(td.status.Text, "read-only project") {
		t.Errorf("status %q", td.status.Text)
	}
	if n := len(td.stored().Claims); n != 1 {
		t.Fatalf("%d claims on the read-only project", n)
	}
}

// TestContextMenuGreysOutWhatCannotRun: with nothing selected, the context
// menu offers the annotate commands but greys out those that need a
// selection or a selected annotation.
func TestContextMenuGreysOutWhatCannotRun(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(0, 0)
	td.showContextMenu(&fyne.PointEvent{AbsolutePosition: fyne.NewPos(300, 300)})
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no context menu")
	}
	want := map[string]bool{"Add attribution from selection": true, "Add claim from selection": true,
		"Add note": false, "Delete selected annotation": true,
		"Set the attribution's source to the selection": true, "Set the attribution's cue to the selection": true,
		"Set a piece of the attribution's content to the selection": true}
	items := td.contextItems()
	if items[0].Label != "Add attribution from selection" || !items[len(items)-2].IsSeparator {
		t.Errorf("context menu begins with %q; want the annotate commands, then a separator and Delete", items[0].Label)
	}
	for _, it := range items {
		if it.IsSeparator {
			continue
		}
		disabled, ok := want[it.Label]
		if !ok {
			t.Errorf("context menu has %q", it.Label)
		}
		if it.Disabled != disabled {
			t.Errorf("%q disabled=%v, want %v", it.Label, it.Disabled, disabled)
		}
		delete(want, it.Label)
	}
	if len(want) > 0 {
		t.Errorf("context menu lacks %v", want)
	}
}

// TestToolbarNotOverTabs: at 1024×640 and at 700×500 the toolbar lies
// above the article and the tabs, and every button inside the window; the
// 1024×640 window matches its master, and both are written to
// $FACTMARK_SHOTS for a look when it is set.
func TestToolbarNotOverTabs(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1024, Height: 640}, {Width: 700, Height: 500}} {
		t.Run(itoa(int(size.Width)), func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.win.Resize(size)
			for _, b := range td.toolbarButtons() {
				if x := rectOf(b).Max.X; x > size.Width {
					t.Errorf("toolbar button %q ends at x=%v, past the window's %v", b.Text, x, size.Width)
				}
				for name, o := range map[string]fyne.CanvasObject{"tabs": td.tabs, "article": td.view, "library": td.lib.content} {
					if rectOf(b).Overlaps(rectOf(o)) {
						t.Errorf("toolbar button %q at %v draws over the %s at %v", b.Text, rectOf(b), name, rectOf(o))
					}
				}
			}
			if dir := os.Getenv("FACTMARK_SHOTS"); dir != "" {
				writePNG(t, filepath.Join(dir, "toolbar_"+itoa(int(size.Width))+".png"), td)
			}
			if size.Width == 1024 {
				td.app.Settings().SetTheme(theme.DefaultTheme())
				td.theme.Theme = theme.DefaultTheme()
				td.SetVariant(theme.VariantLight)
				td.flush()
				test.AssertImageMatches(t, "desk_1024x640_light.png", td.win.Canvas().Capture())
			}
		})
	}
}

func writePNG(t *testing.T, path string, td *testDesk) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, td.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// rect is an object's place in the window.
type rect struct{ Min, Max fyne.Position }

func rectOf(o fyne.CanvasObject) rect {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return rect{p, p.Add(fyne.NewPos(o.Size().Width, o.Size().Height))}
}

// Overlaps reports whether the two rectangles share any area.
func (r rect) Overlaps(o rect) bool {
	return r.Min.X < o.Max.X && o.Min.X < r.Max.X && r.Min.Y < o.Max.Y && o.Min.Y < r.Max.Y
}

// A command's chord does nothing while a dialog is open: Ctrl+Z under the
// dialog would undo a change to the article the user cannot see. Once the
// dialog is closed the chord works again.
func TestChordsWaitForTheDialog(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("€412 million"))
	td.createClaim()
	press := func(k fyne.KeyName) {
		td.win.Canvas().Unfocus()
		td.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrl(k))
	}
	d := dialog.NewInformation("A dialog", "open over the desk", td.win)
	d.Show()
	press(fyne.KeyZ)
	if n := len(td.stored().Claims); n != 1 {
		t.Fatalf("Ctrl+Z under a dialog: %d claims stored, want 1 (status %q)", n, td.status.Text)
	}
	d.Hide()
	press(fyne.KeyZ)
	if n := len(td.stored().Claims); n != 0 {
		t.Fatalf("Ctrl+Z after the dialog closed: %d claims stored, want 0", n)
	}
}
