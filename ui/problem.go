package ui

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// Opener opens the project at path for the desk: the services on it and a
// function that closes it. The command line gives one that opens the store
// and prepares a new project as it does at start.
type Opener func(path string) (svc Services, close func() error, err error)

// RunProblem is the desk's start when the project at path cannot be opened
// (damaged, another program's, written by a newer Factmark, locked): a
// window says why, with the path, and offers to open another project or
// create one, or to quit. A project opened there opens in the desk. It
// returns when the user quits: err when no other project was opened.
func RunProblem(err error, path string, open Opener) error {
	p := newProblemWindow(newApp(), err, path, open)
	p.win.ShowAndRun()
	if cerr := p.close(); cerr != nil {
		log.Printf("factmark: closing the project: %v", cerr)
	}
	if p.desk == nil {
		return err
	}
	return nil
}

// problemWindow is the window that shows why a project cannot be opened.
type problemWindow struct {
	app     fyne.App
	win     fyne.Window
	message *widget.Label
	open    Opener
	desk    *Desk          // the desk on the project opened instead, once there is one
	closers []func() error // close the projects opened from here
	dir     string         // the folder the dialogs start in: the refused project's
}

func newProblemWindow(a fyne.App, err error, path string, open Opener) *problemWindow {
	p := &problemWindow{app: a, win: a.NewWindow("Factmark — the project cannot be opened"), open: open, dir: filepath.Dir(path)}
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.setProblem(err, path)
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("Open another project…", theme.FolderOpenIcon(), p.chooseProject),
		widget.NewButtonWithIcon("New project…", theme.ContentAddIcon(), p.chooseNewProject),
		widget.NewButtonWithIcon("Quit", theme.LogoutIcon(), a.Quit),
	)
	icon := widget.NewIcon(theme.ErrorIcon())
	p.win.SetContent(container.NewBorder(nil, container.NewCenter(buttons), container.NewPadded(icon), nil, p.message))
	// Large enough for the file dialogs it opens to be usable inside it.
	p.win.Resize(fyne.NewSize(900, 600))
	return p
}

// setProblem shows why the project at path cannot be opened.
func (p *problemWindow) setProblem(err error, path string) {
	p.message.SetText(fmt.Sprintf("Factmark cannot open the project\n%s\n\n%s\n\n"+
		"Open another project, or create a new one; the file above is left as it is.", path, annotate.ErrorMessage(err)))
}

// OpenProject opens the project at path in the desk, closing this window;
// when it cannot be opened either, the window says why. It is what the
// dialogs call.
func (p *problemWindow) OpenProject(path string) bool {
	svc, closeFn, err := p.open(path)
	if err != nil {
		p.setProblem(err, path)
		return false
	}
	d, err := NewDesk(p.app, svc)
	if err != nil {
		if cerr := closeFn(); cerr != nil {
			log.Printf("factmark: closing %s: %v", path, cerr)
		}
		p.setProblem(err, path)
		return false
	}
	p.closers = append(p.closers, closeFn)
	d.OpenFirst("")
	p.desk = d
	d.win.Show()
	d.checkProject() // the app runs already: no OnStarted to wait for
	p.win.Close()
	return true
}

// chooseProject asks for a project file (.db) to open.
func (p *problemWindow) chooseProject() {
	open := chooseLocalFile(p.win, []string{".db"}, func(err error) { dialog.ShowError(err, p.win) }, func(path string) { p.OpenProject(path) })
	p.startIn(open)
	open.Show()
}

// chooseNewProject asks for a folder and a file name, and creates a new
// project there. It never opens an existing file as new: a file dialog for
// saving would empty it.
func (p *problemWindow) chooseNewProject() {
	folder := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, p.win)
			return
		}
		if dir == nil {
			return
		}
		name := widget.NewEntry()
		name.SetText("factmark.db")
		dialog.ShowForm("New project in "+dir.Path(), "Create", "Cancel",
			[]*widget.FormItem{widget.NewFormItem("File name", name)}, func(ok bool) {
				if ok {
					if err := p.NewProject(dir.Path(), name.Text); err != nil {
						dialog.ShowError(err, p.win)
					}
				}
			}, p.win)
	}, p.win)
	p.startIn(folder)
	folder.Show()
}

// startIn makes a file dialog start in the refused project's folder, when
// it can be listed.
func (p *problemWindow) startIn(fd *dialog.FileDialog) {
	if dir, err := storage.ListerForURI(storage.NewFileURI(p.dir)); err == nil {
		fd.SetLocation(dir)
	}
}

// NewProject creates the project name (".db" added when missing) in dir and
// opens it; a file of that name there is refused, not touched.
func (p *problemWindow) NewProject(dir, name string) error {
	if name == "" || filepath.Base(name) != name {
		return annotate.Errorf(annotate.EINVALID, "the file name %q is not a plain file name", name)
	}
	if filepath.Ext(name) != ".db" {
		name += ".db"
	}
	path := filepath.Join(dir, name)
	if _, err := os.Lstat(path); err == nil {
		return annotate.Errorf(annotate.ECONFLICT, "%s exists already; open it with Open another project…, or choose another name", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return annotate.Errorf(annotate.EINVALID, "%s: %v", path, err)
	}
	p.OpenProject(path)
	return nil
}

// close closes the projects opened from the window.
func (p *problemWindow) close() error {
	var errs []error
	for _, c := range p.closers {
		errs = append(errs, c())
	}
	return errors.Join(errs...)
}
