package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// Files dropped on the window are imported as the Import dialog imports
// one: read with the checks of readLocal, in the format their content
// shows. A dropped folder imports the files directly in it whose names
// say they can be imported (its sub-folders and other files are left
// alone: a folder is often more than a set of articles). One summary says
// what came of them all, and the last article imported is opened.

// maxDropped is the most files one drop imports: a folder of thousands is
// more likely a mistake than a wish, and would keep the desk busy for long.
const maxDropped = 200

// dropResult is what came of importing one dropped file.
type dropResult struct {
	path   string
	report *interchange.Report // nil on error
	err    error
}

// dropped imports the files (and folders' files) dropped on the window,
// in the background.
func (d *Desk) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 || !d.editable() {
		return
	}
	paths, refused := droppedPaths(uris)
	switch {
	case len(paths) == 0:
		d.setStatus("nothing imported: " + strings.Join(refused, "; "))
		return
	case len(paths) > maxDropped:
		d.setStatus(fmt.Sprintf("nothing imported: %d files dropped; drop at most %d at once", len(paths), maxDropped))
		return
	}
	title := "Importing " + filepath.Base(paths[0])
	if len(paths) > 1 {
		title = fmt.Sprintf("Importing %d files", len(paths))
	}
	d.background(title, func() (func(), error) {
		res := make([]dropResult, len(paths))
		for i, p := range paths {
			res[i] = d.importDropped(p)
		}
		return func() { d.showDropped(res, refused) }, nil
	})
}

// importDropped reads and imports one file.
func (d *Desk) importDropped(path string) dropResult {
	if isNativeFile(path) {
		r, err := d.importNativeFile(path)
		return dropResult{path: path, report: r, err: err}
	}
	data, err := readLocal(path, interchange.MaxDocumentBytes)
	if err != nil {
		return dropResult{path: path, err: err} // it names the file
	}
	r, err := d.importReport(path, data, readURI)
	return dropResult{path: path, report: r, err: err}
}

// droppedPaths are the local files to import for the dropped items, each
// once, and what was refused and why.
func droppedPaths(uris []fyne.URI) (paths, refused []string) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, u := range uris {
		if u.Scheme() != "file" {
			refused = append(refused, u.String()+" is not a local file")
			continue
		}
		p := u.Path()
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			add(p) // readLocal says what is wrong with it, if anything
			continue
		}
		files, err := importableIn(p)
		switch {
		case err != nil:
			refused = append(refused, annotate.ErrorMessage(err))
		case len(files) == 0:
			refused = append(refused, fmt.Sprintf("the folder %s holds no file Factmark imports (%s)", p, strings.Join(interchange.ImportExtensions, ", ")))
		}
		for _, f := range files {
			add(f)
		}
	}
	return paths, refused
}

// importableIn lists the regular files directly in dir whose extension is
// one Factmark imports, by name; hidden files are left out.
func importableIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot read the folder %s: %v", dir, errText(err))
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !slices.Contains(interchange.ImportExtensions, strings.ToLower(filepath.Ext(name))) {
			continue
		}
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			out = append(out, p)
		}
	}
	return out, nil
}

// errText is an OS error's reason, without the path it repeats.
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// showDropped opens the last article imported and says what came of the
// drop: for one file, what the Import dialog says; for several, a line in
// the status line and, when any failed or left annotations out, a list of
// every file and what came of it.
func (d *Desk) showDropped(res []dropResult, refused []string) {
	if len(res) == 1 && len(refused) == 0 {
		if res[0].err != nil {
			d.reportOpen(res[0].err)
			return
		}
		d.showImported(res[0].report)
		return
	}
	d.lib.reload()
	var last *interchange.Report
	lines := slices.Clone(refused)
	bad := len(refused)
	for _, r := range res {
		if r.err != nil {
			bad++
			lines = append(lines, annotate.ErrorMessage(r.err))
			continue
		}
		if r.report.LeftOut() {
			bad++
		}
		lines = append(lines, filepath.Base(r.path)+": "+importStatus(r.report))
		if r.report.ArticleID() != "" {
			last = r.report
		}
	}
	if last != nil && !d.show(last.ArticleID()) {
		return
	}
	d.setStatus(dropSummary(res, refused))
	if bad > 0 {
		d.showDropList(lines)
	}
	if last != nil {
		d.offerPlainText(last)
	}
}

// dropSummary is the status line's account of a drop of several files.
func dropSummary(res []dropResult, refused []string) string {
	ok := 0
	for _, r := range res {
		if r.err == nil {
			ok++
		}
	}
	n := len(res) + len(refused)
	msg := fmt.Sprintf("imported %d of %d dropped %s", ok, n, plural(n, "item", "items"))
	if ok < n {
		msg += fmt.Sprintf("; %d could not be imported", n-ok)
	}
	return msg
}

// showDropList lists every dropped file and what came of it, scrolled when
// long.
func (d *Desk) showDropList(lines []string) {
	list := widget.NewLabel(strings.Join(lines, "\n"))
	dlg := dialog.NewCustom("Dropped files", "Close", container.NewVScroll(list), d.win)
	win := d.win.Canvas().Size()
	want := list.MinSize().Add(fyne.NewSize(80, 120))
	dlg.Resize(fyne.NewSize(min(want.Width, win.Width*0.9), min(want.Height, win.Height*0.8)))
	dlg.Show()
}
