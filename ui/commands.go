package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// One table of commands: the main menu, the toolbar, the context menu, the
// palette, the key bindings and the shortcut sheet are all built from
// Desk.commands, so that a command has one label and one shortcut wherever
// it is offered.

// need is a condition a command needs to do anything.
type need uint8

const (
	needArticle     need = 1 << iota // an article is open
	needSelection                    // text is selected in the article
	needAnnotation                   // an annotation is selected
	needEditable                     // the project can be written
	needAttribution                  // an attribution is selected, or one is under review
)

// Menus of the main menu, in order.
const (
	menuFile     = "File"
	menuEdit     = "Edit"
	menuAnnotate = "Annotate"
	menuView     = "View"
	menuHelp     = "Help"
)

var menuOrder = []string{menuFile, menuEdit, menuAnnotate, menuView, menuHelp}

// command is one thing the desk can do, with every way to ask for it.
type command struct {
	label string // in the menu, the palette, the context menu and the sheet
	short string // the toolbar button's text; "" keeps the command off the toolbar
	menu  string // the main menu it is in
	icon  fyne.Resource

	// key is a key pressed alone in the article view or a panel's list (a
	// letter is matched as typed, in either case); keys are more of them.
	key  fyne.KeyName
	keys []fyne.KeyName
	// chord is the shortcut the menu shows; chords are more that do the same.
	chord  fyne.KeyboardShortcut
	chords []fyne.Shortcut

	needs   need
	context bool // offered in the article's context menu
	run     func()
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// commands is the table: every command of the desk, once. The Suggestions
// list's review keys are its own (ui/review.go) and shown in the sheet.
func (d *Desk) commands() []*command {
	if d.cmds != nil {
		return d.cmds
	}
	larger, smaller := func() { d.zoom(+1) }, func() { d.zoom(-1) }
	d.cmds = []*command{
		{label: "Import articles or exports…", menu: menuFile, icon: theme.FolderOpenIcon(),
			chord: ctrl(fyne.KeyI), needs: needEditable, run: d.showImport},
		{label: "Import fact-checks done before (ClaimReview feed)…", menu: menuFile, icon: theme.DownloadIcon(),
			needs: needEditable, run: d.showImportChecks},
		{label: "New article from clipboard…", menu: menuFile, icon: theme.ContentPasteIcon(),
			chord: ctrlShift(fyne.KeyV), needs: needEditable, run: d.newFromClipboard},
		{label: "Export…", short: "Export", menu: menuFile, icon: theme.DocumentSaveIcon(),
			chord: ctrl(fyne.KeyE), run: d.showExport},
		{label: "Article details…", menu: menuFile, icon: theme.DocumentIcon(),
			chord: ctrl(fyne.KeyD), needs: needArticle, run: d.showArticleDetails},
		{label: "Settings…", menu: menuFile, icon: theme.SettingsIcon(),
			chord: ctrl(fyne.KeyComma), run: d.showSettings},
		{label: "Quit", menu: menuFile, icon: theme.LogoutIcon(), chord: ctrl(fyne.KeyQ), run: d.quit},

		{label: "Undo", short: "Undo", menu: menuEdit, icon: theme.ContentUndoIcon(),
			chord: ctrl(fyne.KeyZ), chords: []fyne.Shortcut{&fyne.ShortcutUndo{}}, needs: needEditable, run: d.undo},
		{label: "Redo", short: "Redo", menu: menuEdit, icon: theme.ContentRedoIcon(),
			chord: ctrlShift(fyne.KeyZ), chords: []fyne.Shortcut{ctrl(fyne.KeyY), &fyne.ShortcutRedo{}}, needs: needEditable, run: d.redo},
		{label: "Delete selected annotation", menu: menuEdit, icon: theme.DeleteIcon(),
			key: fyne.KeyDelete, keys: []fyne.KeyName{fyne.KeyBackspace},
			needs: needArticle | needAnnotation | needEditable, context: true, run: d.deleteSelected},
		{label: "Find in article", short: "Find", menu: menuEdit, icon: theme.SearchIcon(),
			chord: ctrl(fyne.KeyF), needs: needArticle, run: d.find.show},
		{label: "Command palette", short: "Commands", menu: menuEdit, icon: theme.ListIcon(),
			chord: ctrl(fyne.KeyK), run: d.palette.show},

		{label: "Add attribution from selection", short: "Attribution", menu: menuAnnotate, icon: theme.AccountIcon(),
			key: fyne.KeyA, needs: needArticle | needSelection | needEditable, context: true, run: d.createAttribution},
		{label: "Add claim from selection", short: "Claim", menu: menuAnnotate, icon: theme.ConfirmIcon(),
			key: fyne.KeyC, needs: needArticle | needSelection | needEditable, context: true, run: d.createClaim},
		{label: "Mark claims as you select (claim marker on/off)", menu: menuAnnotate, icon: theme.ConfirmIcon(),
			key: fyne.KeyM, needs: needArticle, run: d.toggleClaimMarker},
		{label: "Set the attribution's source to the selection", menu: menuAnnotate, icon: theme.AccountIcon(),
			key: fyne.KeyS, needs: needArticle | needSelection | needAttribution | needEditable, context: true, run: func() { d.setPart(partKeySource) }},
		{label: "Set the attribution's cue to the selection", menu: menuAnnotate, icon: theme.MailReplyIcon(),
			key: fyne.KeyQ, needs: needArticle | needSelection | needAttribution | needEditable, context: true, run: func() { d.setPart(partKeyCue) }},
		{label: "Set a piece of the attribution's content to the selection", menu: menuAnnotate, icon: theme.ContentAddIcon(),
			key: fyne.KeyP, needs: needArticle | needSelection | needAttribution | needEditable, context: true, run: func() { d.setPart(partKeyContent) }},
		{label: "Change the attribution's kind (direct, indirect, mixed)", menu: menuAnnotate, icon: theme.ViewRefreshIcon(),
			key: fyne.KeyD, needs: needArticle | needAttribution | needEditable, run: d.cycleKind},
		{label: reattachLabel, menu: menuAnnotate, icon: theme.ContentRedoIcon(),
			key: fyne.KeyR, needs: needArticle | needSelection | needEditable, run: d.reattachOrphan},
		{label: "Add note", short: "Note", menu: menuAnnotate, icon: theme.DocumentCreateIcon(),
			key: fyne.KeyN, needs: needArticle | needEditable, context: true, run: d.createNote},
		{label: "Approve the selected claim's verdict", menu: menuAnnotate, icon: theme.ConfirmIcon(),
			chord: ctrlShift(fyne.KeyA), needs: needArticle | needAnnotation | needEditable, run: d.approveSelected},
		{label: "Comment on the selected annotation…", menu: menuAnnotate, icon: theme.MailComposeIcon(),
			chord: ctrl(fyne.KeyM), needs: needArticle | needAnnotation | needEditable, run: d.askComment},
		{label: "History of the selected annotation", menu: menuAnnotate, icon: theme.HistoryIcon(),
			chord: ctrl(fyne.KeyH), needs: needArticle | needAnnotation, run: func() { d.showHistory(d.selected) }},
		{label: "Archive queue…", menu: menuAnnotate, icon: theme.StorageIcon(),
			run: d.showArchiveQueue},
		{label: "Link the claim to the earlier fact-check that says the same", menu: menuAnnotate, icon: theme.ContentAddIcon(),
			key: fyne.KeyL, needs: needArticle | needAnnotation | needEditable, run: d.linkBestCheck},
		{label: "Suggest attributions and claims", short: "Suggest", menu: menuAnnotate, icon: theme.SearchReplaceIcon(),
			needs: needArticle, run: d.runSuggest},
		{label: "Reject every suggestion shown", menu: menuAnnotate, icon: theme.CancelIcon(),
			needs: needArticle | needEditable, run: func() { d.sugg.rejectAll() }},
		{label: "Split off the suggestion's last content piece (T in the list)", menu: menuAnnotate, icon: theme.ContentCutIcon(),
			needs: needArticle | needEditable, run: func() { d.sugg.splitPiece() }},

		{label: "Toggle light/dark theme", menu: menuView, icon: theme.ColorPaletteIcon(), run: d.toggleTheme},
		{label: "Larger text", menu: menuView, icon: theme.ZoomInIcon(),
			chord: ctrl(fyne.KeyEqual), chords: []fyne.Shortcut{ctrlShift(fyne.KeyEqual), ctrl(fyne.KeyPlus)}, run: larger},
		{label: "Smaller text", menu: menuView, icon: theme.ZoomOutIcon(), chord: ctrl(fyne.KeyMinus), run: smaller},

		{label: "Keyboard shortcuts", short: "Shortcuts", menu: menuHelp, icon: theme.HelpIcon(),
			key: fyne.KeyF1, run: d.showShortcuts},
	}
	return d.cmds
}

// do is the command behind the checks of what it needs: a write on a
// read-only project is refused through editable, and a command that needs
// an open article or a selected annotation says so. What a selection must
// hold is left to the command, which says it best.
func (d *Desk) do(c *command) func() {
	return func() {
		switch {
		case d.refusedOnEarlier(c): // revisions.go
		case c.needs&needEditable != 0 && !d.editable():
		case c.needs&needArticle != 0 && d.article == nil:
			d.setStatus("open an article first")
		case c.needs&needAnnotation != 0 && d.findKind(d.selected) == noKind:
			d.setStatus("select an annotation first")
		default:
			c.run()
		}
	}
}

// applies reports, without a word in the status line, whether the command
// can do something now (for greying it out in the context menu).
func (d *Desk) applies(c *command) bool {
	switch {
	case c.needs&needEditable != 0 && d.svc.ReadOnly,
		c.needs&needArticle != 0 && d.article == nil,
		c.needs&needAnnotation != 0 && d.findKind(d.selected) == noKind,
		c.needs&needAttribution != 0 && d.findAttribution(d.selected) == nil && d.reviewedAttribution() == nil:
		return false
	case c.needs&needSelection != 0:
		_, ok := d.selection()
		return ok
	}
	return true
}

// disabledAlways reports whether the command can never run on this desk:
// a write on a read-only project. The menu and the toolbar grey it out.
func (d *Desk) disabledAlways(c *command) bool {
	return c.needs&needEditable != 0 && d.svc.ReadOnly
}

// shortcut is what the command's key or chord is called, "Ctrl+Z" or "C" or
// "" for none, as Fyne's menus spell it.
func (c *command) shortcut() string {
	switch {
	case c.chord != nil:
		return shortcutText(c.chord)
	case c.key != "":
		return keyText(c.key)
	}
	return ""
}

// allShortcuts lists every key and chord of the command, for the sheet.
func (c *command) allShortcuts() []string {
	var out []string
	if c.chord != nil {
		out = append(out, shortcutText(c.chord))
	}
	for _, s := range c.chords {
		if k, ok := s.(fyne.KeyboardShortcut); ok {
			out = append(out, shortcutText(k))
		}
	}
	for _, k := range append([]fyne.KeyName{c.key}, c.keys...) {
		if k != "" {
			out = append(out, keyText(k))
		}
	}
	return dedupe(out)
}

// menuShortcut is the shortcut the menu item shows: the chord, or the key
// alone. The window runs a menu's chords itself; a key alone it never
// does (it has no modifier), so the desk's key handling stays the one path.
func (c *command) menuShortcut() fyne.Shortcut {
	if c.chord != nil {
		return c.chord
	}
	if c.key != "" {
		return &desktop.CustomShortcut{KeyName: c.key}
	}
	return nil
}

// shortcutText spells a keyboard shortcut as Fyne's menus do on Linux and
// Windows: "Ctrl+Shift+Z".
func shortcutText(s fyne.KeyboardShortcut) string {
	var b strings.Builder
	mod := s.Mod()
	for _, m := range []struct {
		mod  fyne.KeyModifier
		text string
	}{{fyne.KeyModifierControl, "Ctrl+"}, {fyne.KeyModifierAlt, "Alt+"}, {fyne.KeyModifierShift, "Shift+"}, {fyne.KeyModifierSuper, "Super+"}} {
		if mod&m.mod != 0 {
			b.WriteString(m.text)
		}
	}
	return b.String() + keyText(s.Key())
}

// keyText is a key's name as Fyne's menus spell it.
func keyText(k fyne.KeyName) string {
	names := map[fyne.KeyName]string{
		fyne.KeyBackspace: "Backspace", fyne.KeyDelete: "Del", fyne.KeyEscape: "Esc",
		fyne.KeyReturn: "Return", fyne.KeyEnter: "Enter", fyne.KeySpace: "Space", fyne.KeyTab: "Tab",
	}
	if s, ok := names[k]; ok {
		return s
	}
	return string(k)
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// commandFor is the command a key pressed alone runs, or nil. Letters come
// as typed runes, other keys as key events; a letter's key event is not a
// command (it is typed as a rune too).
func (d *Desk) commandFor(k fyne.KeyName) *command {
	for _, c := range d.commands() {
		if c.key == k {
			return c
		}
		for _, o := range c.keys {
			if o == k {
				return c
			}
		}
	}
	return nil
}

// commandNamed is the command with the label, or nil.
func (d *Desk) commandNamed(label string) *command {
	for _, c := range d.commands() {
		if c.label == label {
			return c
		}
	}
	return nil
}

// mainMenu is the window's menu bar: every command of the table, in its
// menu, with its icon and shortcut. Quit is last in File, so Fyne adds no
// second one.
func (d *Desk) mainMenu() *fyne.MainMenu {
	menus := make([]*fyne.Menu, len(menuOrder))
	for i, name := range menuOrder {
		menus[i] = fyne.NewMenu(name)
	}
	for _, c := range d.commands() {
		for i, name := range menuOrder {
			if c.menu == name {
				menus[i].Items = append(menus[i].Items, d.menuItem(c))
			}
		}
	}
	return fyne.NewMainMenu(menus...)
}

// menuItem is the command as a menu item, greyed out when it can never run
// here (a write on a read-only project).
func (d *Desk) menuItem(c *command) *fyne.MenuItem {
	it := fyne.NewMenuItem(c.label, d.do(c))
	it.Icon = c.icon
	it.Shortcut = c.menuShortcut()
	it.Disabled = d.disabledAlways(c)
	it.IsQuit = c.label == "Quit"
	return it
}

// showContextMenu offers the commands marked for it at the pointer.
func (d *Desk) showContextMenu(pe *fyne.PointEvent) {
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", d.contextItems()...), d.win.Canvas(), pe.AbsolutePosition)
}

// contextItems are the context menu's items, Annotate's first and then
// the others after a separator, those that cannot do anything now greyed out.
func (d *Desk) contextItems() []*fyne.MenuItem {
	var annotate, others []*fyne.MenuItem
	for _, c := range d.commands() {
		if !c.context {
			continue
		}
		it := d.menuItem(c)
		it.Disabled = !d.applies(c)
		if c.menu == menuAnnotate {
			annotate = append(annotate, it)
		} else {
			others = append(others, it)
		}
	}
	if len(annotate) > 0 && len(others) > 0 {
		annotate = append(annotate, fyne.NewMenuItemSeparator())
	}
	return append(annotate, others...)
}

// toolbar is a bar of buttons with an icon and a word each, for the
// commands with a short label; Fyne's toolbar actions have no text and no
// tooltips. It wraps onto a second line when the window is narrow rather
// than draw over the panels.
func (d *Desk) toolbar() fyne.CanvasObject {
	var buttons []fyne.CanvasObject
	for _, c := range d.toolbarCommands() {
		b := widget.NewButtonWithIcon(c.short, c.icon, d.do(c))
		b.Importance = widget.LowImportance
		if d.disabledAlways(c) {
			b.Disable()
		}
		buttons = append(buttons, b)
	}
	width := func() float32 {
		return d.win.Canvas().Size().Width - 2*theme.Padding()
	}
	return container.New(&wrapLayout{width: width}, buttons...)
}

// toolbarCommands are the commands with a short label, those of Annotate
// first, then Edit's, File's, View's and Help's.
func (d *Desk) toolbarCommands() []*command {
	var out []*command
	for _, menu := range []string{menuAnnotate, menuEdit, menuFile, menuView, menuHelp} {
		for _, c := range d.commands() {
			if c.menu == menu && c.short != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// toolbarButtons are the toolbar's buttons, for tests.
func (d *Desk) toolbarButtons() []*widget.Button {
	var out []*widget.Button
	for _, o := range d.bar.(*fyne.Container).Objects {
		out = append(out, o.(*widget.Button))
	}
	return out
}

// wrapLayout sets its objects in a row at their minimum size and starts
// another row where the next would not fit. Fyne asks a layout's minimum
// size before it gives it a width, so the height is worked out for the
// width the layout will get: width, the window's less its padding.
type wrapLayout struct {
	width func() float32
}

// rows places the objects in rows no wider than width (each at least one
// object), calling place for each, and returns the total size.
func (l *wrapLayout) rows(objects []fyne.CanvasObject, width float32, place func(fyne.CanvasObject, fyne.Position, fyne.Size)) fyne.Size {
	pad := theme.Padding()
	var x, y, rowH, maxW float32
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if x > 0 && x+s.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if place != nil {
			place(o, fyne.NewPos(x, y), s)
		}
		x += s.Width + pad
		rowH = max(rowH, s.Height)
		maxW = max(maxW, s.Width)
	}
	return fyne.NewSize(maxW, y+rowH)
}

// MinSize is as wide as the widest object and as high as the rows it will
// need; before the window has a size, one row.
func (l *wrapLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := l.width()
	if w <= 0 {
		w = float32(1 << 20)
	}
	return l.rows(objects, w, nil)
}

func (l *wrapLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.rows(objects, size.Width, func(o fyne.CanvasObject, p fyne.Position, s fyne.Size) {
		o.Move(p)
		o.Resize(s)
	})
}

// showShortcuts opens the keyboard-shortcut sheet: every command with a key
// or a chord, menu by menu, from the same table as the menus.
// It is as tall as the sheet, or most of the window and scrolled; Escape
// closes it.
func (d *Desk) showShortcuts() {
	sheet := d.shortcutSheet()
	if d.sheet != nil {
		return
	}
	dlg := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(sheet), d.win)
	dlg.SetOnClosed(func() { d.sheet = nil })
	d.sheet = dlg
	pad := 4 * theme.Padding()
	win := d.win.Canvas().Size()
	want := sheet.MinSize().Add(fyne.NewSize(2*pad, 4*pad+theme.TextSize()*3))
	dlg.Resize(fyne.NewSize(min(want.Width, win.Width*0.9), min(want.Height, win.Height*0.85)))
	dlg.Show()
}

// shortcutSheet is the sheet's content: a heading per menu, then the keys
// and the command's label on a row each.
func (d *Desk) shortcutSheet() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, name := range menuOrder {
		first := true
		for _, c := range d.commands() {
			keys := c.allShortcuts()
			if c.menu != name || len(keys) == 0 {
				continue
			}
			if first {
				grid.Add(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
				grid.Add(widget.NewLabel(""))
				first = false
			}
			grid.Add(widget.NewLabelWithStyle(strings.Join(keys, "  or  "), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
			grid.Add(widget.NewLabel(c.label))
		}
	}
	return grid
}
