package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// typedRune handles the one-key commands of the article view.
func (d *Desk) typedRune(r rune) {
	if d.article == nil {
		return
	}
	switch r {
	case 'a', 'A':
		d.whenEditable(d.createAttribution)()
	case 'c', 'C':
		d.whenEditable(d.createClaim)()
	case 'n', 'N':
		d.whenEditable(d.createNote)()
	}
}

// typedKey handles keys the article view passes on.
func (d *Desk) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		d.whenEditable(d.deleteSelected)()
	case fyne.KeyEscape:
		d.find.hide()
	}
}

// shortcuts are the desk's keyboard shortcuts.
func (d *Desk) shortcuts() map[fyne.Shortcut]func() {
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	ctrlShift := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	}
	undo, redo := d.whenEditable(d.undo), d.whenEditable(d.redo)
	return map[fyne.Shortcut]func(){
		ctrl(fyne.KeyF):          d.find.show,
		ctrl(fyne.KeyK):          d.palette.show,
		&fyne.ShortcutUndo{}:     undo,
		&fyne.ShortcutRedo{}:     redo,
		ctrl(fyne.KeyZ):          undo,
		ctrlShift(fyne.KeyZ):     redo,
		ctrl(fyne.KeyY):          redo,
		ctrl(fyne.KeyQ):          d.quit,
		ctrl(fyne.KeyEqual):      func() { d.zoom(+1) },
		ctrlShift(fyne.KeyEqual): func() { d.zoom(+1) },
		ctrl(fyne.KeyPlus):       func() { d.zoom(+1) },
		ctrl(fyne.KeyMinus):      func() { d.zoom(-1) },
		ctrl(fyne.KeyI):          d.showImport,
		ctrl(fyne.KeyE):          d.showExport,
	}
}

// addShortcuts registers the shortcuts with the window's canvas, which gets
// them when no focused widget takes them (the article view passes its own on).
func (d *Desk) addShortcuts() {
	for s, fn := range d.shortcuts() {
		fn := fn
		d.win.Canvas().AddShortcut(s, func(fyne.Shortcut) { fn() })
	}
}

// zoom changes the article's text size by one step.
func (d *Desk) zoom(step int) {
	size := d.theme.textSize + float32(step)
	if size < 9 || size > 40 {
		return
	}
	d.theme.textSize = size
	d.view.SetTextSize(size)
	d.setStatus("text size " + itoa(int(size)))
}

// actions are the annotate commands, for the toolbar and the context menu.
func (d *Desk) actions() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Attribution (A)", d.whenEditable(d.createAttribution)),
		fyne.NewMenuItem("Claim (C)", d.whenEditable(d.createClaim)),
		fyne.NewMenuItem("Note (N)", d.whenEditable(d.createNote)),
	}
}

func (d *Desk) toolbar() fyne.CanvasObject {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.AccountIcon(), d.whenEditable(d.createAttribution)),
		widget.NewToolbarAction(theme.QuestionIcon(), d.whenEditable(d.createClaim)),
		widget.NewToolbarAction(theme.DocumentCreateIcon(), d.whenEditable(d.createNote)),
		widget.NewToolbarAction(theme.SearchReplaceIcon(), d.runSuggest),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentUndoIcon(), d.whenEditable(d.undo)),
		widget.NewToolbarAction(theme.ContentRedoIcon(), d.whenEditable(d.redo)),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.SearchIcon(), d.find.show),
		widget.NewToolbarAction(theme.ListIcon(), d.palette.show),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), d.showExport),
		widget.NewToolbarAction(theme.ColorPaletteIcon(), d.toggleTheme),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { d.zoom(+1) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { d.zoom(-1) }),
	)
}

// showContextMenu offers the annotate commands at the pointer.
func (d *Desk) showContextMenu(pe *fyne.PointEvent) {
	items := d.actions()
	if d.selected != "" {
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Delete selected annotation", d.whenEditable(d.deleteSelected)))
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), d.win.Canvas(), pe.AbsolutePosition)
}
