package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// AppID is Factmark's application ID, as in FyneApp.toml.
const AppID = "org.factmark.desk"

// Run opens the desk on the article with the ID, or the one opened last, and
// returns when the user quits.
func Run(svc Services, articleID string) error {
	d, err := NewDesk(newApp(), svc)
	if err != nil {
		return err
	}
	if err := d.OpenFirst(articleID); err != nil {
		return err
	}
	d.app.Lifecycle().SetOnStarted(d.checkProject)
	d.win.ShowAndRun()
	return nil
}

// newApp is the desk's application. How often the process collects
// garbage is the command's to set (cmd/factmark's deskMemory).
func newApp() fyne.App {
	return app.NewWithID(AppID)
}

// OpenFirst opens the article with the ID or, when id is empty, the one
// opened last (the library's first). When that article cannot be shown it
// says so and opens the next one that can: stored data never keeps the desk
// from starting, so the error is always nil (kept for the callers' sake).
func (d *Desk) OpenFirst(id string) error {
	defer d.reportStart()
	d.lib.reload()
	if first, ok := d.lib.row(0); id == "" && ok {
		id = first.ID
	}
	if id == "" {
		d.setStatus("Import an article to begin (Ctrl+I)")
		return nil
	}
	err := d.Open(id)
	if err == nil {
		return nil
	}
	d.openAnyBut(id)
	d.reportOpen(err)
	return nil
}

// openAnyBut opens the first article in the library's order, but for id,
// that can be shown, reading a page of them at a time.
func (d *Desk) openAnyBut(id string) {
	for offset := 0; ; offset += libraryPage {
		page, _, err := d.svc.Articles.FindArticlesPage(d.ctx, "", offset, libraryPage)
		if err != nil {
			d.showError(err)
			return
		}
		for _, a := range page {
			if a.ID != id && d.Open(a.ID) == nil {
				return
			}
		}
		if len(page) < libraryPage {
			return
		}
	}
}

// reportStart shows what NewDesk could not read, once.
func (d *Desk) reportStart() {
	if d.startErr != nil {
		d.reportOpen(d.startErr)
		d.startErr = nil
	}
}
