package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/atomicfile"
)

// The export dialog is the desk's own, not Fyne's file save dialog: that one
// opens the chosen file for writing, emptying it, before the desk can look
// at it, so that choosing the open project's database lost the project.
// This one only takes a path, checks it, asks before replacing a file, and
// writes through atomicfile, which checks again.

// Preferences the export dialog remembers between exports.
const (
	prefExportFolder = "export.folder"
	prefExportFormat = "export.format"
)

// exportBaseName is the name the dialog offers, before the format's
// extension (a brat export is a folder of that name).
const exportBaseName = "factmark-export"

// exportPathWidth is the least width of the "Save to" entry, so that a
// typical path shows whole, and the dialog still fits the desk's smallest
// window (564 px wide since the toolbar wraps).
const exportPathWidth = 280

// exportDialog asks what to export, in which format and where.
type exportDialog struct {
	d        *Desk
	dlg      *dialog.CustomDialog
	form     *widget.Form
	scope    *widget.RadioGroup
	format   *guardedSelect
	approved *widget.Check // only the claims approved for publication (not for json or brat)
	path     *widget.Entry
	choose   *widget.Button
	message  *widget.Label   // why the path was refused; hidden when it was not
	body     *fyne.Container // the form and the message
	scroll   *container.Scroll
	export   *widget.Button
	cancel   *widget.Button
	shown    interchange.Format // the format the path's extension is for
}

// showExport opens the export dialog.
func (d *Desk) showExport() { d.newExportDialog().show() }

// show shows the dialog, as large as it needs or as the window allows.
// The path has the focus, to be typed at once.
func (e *exportDialog) show() {
	e.dlg.Show()
	e.fit()
	e.d.win.Canvas().Focus(e.path)
}

// fit sizes the dialog to show the whole form or, in a window too low for
// it, as much as fits, the rest scrolled.
func (e *exportDialog) fit() {
	want := e.body.MinSize()
	if e.message.Visible() {
		// A wrapped label is as tall as its text at its width: give it the
		// form's width first.
		e.message.Resize(fyne.NewSize(want.Width, e.message.MinSize().Height))
		want = e.body.MinSize()
	}
	e.scroll.SetMinSize(fyne.NewSize(want.Width, 0))
	chrome := e.dlg.MinSize().Height - e.scroll.MinSize().Height
	room := e.d.win.Canvas().Size().Height - chrome - 2*theme.Padding()
	e.scroll.SetMinSize(fyne.NewSize(want.Width, max(min(want.Height, room), 2*theme.TextSize())))
	e.dlg.Resize(e.dlg.MinSize())
}

// newExportDialog builds the export dialog, prefilled with the format and
// folder of the last export (by default native JSON in the home folder).
func (d *Desk) newExportDialog() *exportDialog {
	e := &exportDialog{d: d, shown: d.lastExportFormat()}
	e.scope = widget.NewRadioGroup([]string{"This article", "All articles"}, nil)
	e.scope.Horizontal = true
	e.scope.SetSelected("This article")
	if d.article == nil {
		e.scope.SetSelected("All articles")
	}
	labels, shown := make([]string, len(interchange.ExportFormats)), 0
	for i, f := range interchange.ExportFormats {
		labels[i] = f.Label()
		if f == e.shown {
			shown = i
		}
	}
	e.format = newSelect(labels, func(string) { e.formatChanged() })
	e.format.SetSelectedIndex(shown)
	e.path = widget.NewEntry()
	e.path.SetText(defaultExportPath(d.lastExportFolder(), e.shown))
	e.path.OnSubmitted = func(string) { e.submit() }
	e.choose = widget.NewButtonWithIcon("Choose folder…", theme.FolderOpenIcon(), e.chooseFolder)
	e.message = widget.NewLabel("")
	e.message.Wrapping = fyne.TextWrapWord
	e.message.Importance = widget.DangerImportance
	e.message.Hide()
	width := canvas.NewRectangle(nil)
	width.SetMinSize(fyne.NewSize(exportPathWidth, 0))
	where := container.NewBorder(nil, nil, nil, e.choose, container.NewStack(width, e.path))
	e.approved = widget.NewCheck("Only claims approved for publication", nil)
	e.form = widget.NewForm(
		widget.NewFormItem("Articles", e.scope),
		widget.NewFormItem("Format", e.format),
		&widget.FormItem{Text: "Save to", Widget: where, HintText: pathHint(e.shown)},
		&widget.FormItem{Text: "Claims", Widget: e.approved, HintText: approvedHint(e.shown)},
	)
	e.enableApproved()
	e.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { e.dlg.Hide() })
	e.export = widget.NewButtonWithIcon("Export", theme.DocumentSaveIcon(), e.submit)
	e.export.Importance = widget.HighImportance
	e.body = container.NewVBox(e.form, e.message)
	e.scroll = container.NewVScroll(e.body)
	e.dlg = dialog.NewCustomWithoutButtons("Export annotations", e.scroll, d.win)
	e.dlg.SetButtons([]fyne.CanvasObject{e.cancel, e.export})
	return e
}

// pathHint says what the "Save to" path names in format f.
func pathHint(f interchange.Format) string {
	if f == interchange.FormatBrat {
		return "the folder for a .txt and a .ann per article (made if missing); ~/ is your home folder"
	}
	return "the full path of the file; ~/ is your home folder"
}

// selected is the format chosen.
func (e *exportDialog) selected() interchange.Format {
	return interchange.ExportFormats[max(0, e.format.SelectedIndex())]
}

// ids are the articles to export; none means all.
func (e *exportDialog) ids() []string {
	if e.scope.Selected == "This article" && e.d.article != nil {
		return []string{e.d.article.ID}
	}
	return nil
}

// formatChanged gives the path the new format's extension, in place of the
// old one's.
func (e *exportDialog) formatChanged() {
	f := e.selected()
	if f == e.shown {
		return
	}
	e.path.SetText(strings.TrimSuffix(e.path.Text, exportExt(e.shown)) + exportExt(f))
	e.shown = f
	e.form.Items[2].HintText = pathHint(f)
	e.form.Items[3].HintText = approvedHint(f)
	e.enableApproved()
	e.form.Refresh()
}

// limitable reports whether an export in f can be limited to approved
// claims: the native document and brat hold the whole project.
func limitable(f interchange.Format) bool {
	return f != interchange.FormatNative && f != interchange.FormatBrat
}

// enableApproved offers the approved-only choice for the formats that take
// it, and clears it for the others.
func (e *exportDialog) enableApproved() {
	if limitable(e.shown) {
		e.approved.Enable()
		return
	}
	e.approved.SetChecked(false)
	e.approved.Disable()
}

func approvedHint(f interchange.Format) string {
	if !limitable(f) {
		return "this format keeps the whole project"
	}
	return "approved, published or corrected, with the approvals the settings require"
}

// exportExt is the extension of the path of an export in format f: none
// for brat, whose path is a folder.
func exportExt(f interchange.Format) string {
	if f == interchange.FormatBrat {
		return ""
	}
	return f.Ext()
}

// defaultExportPath is the path the dialog offers in folder.
func defaultExportPath(folder string, f interchange.Format) string {
	return filepath.Join(folder, exportBaseName+exportExt(f))
}

// lastExportFolder is the folder of the last export if it is still there,
// or the home folder.
func (d *Desk) lastExportFolder() string {
	if dir := d.app.Preferences().String(prefExportFolder); dir != "" {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return string(filepath.Separator)
}

// lastExportFormat is the format of the last export, or native JSON.
func (d *Desk) lastExportFormat() interchange.Format {
	if f, ok := interchange.ParseFormat(d.app.Preferences().String(prefExportFormat)); ok {
		return f
	}
	return interchange.FormatNative
}

// rememberExport keeps the folder and format of an export for the next.
func (d *Desk) rememberExport(job *exportJob) {
	d.app.Preferences().SetString(prefExportFolder, filepath.Dir(job.target.path))
	d.app.Preferences().SetString(prefExportFormat, string(job.format))
}

// chooseFolder lets the user pick the folder part of the path in a folder
// dialog, which opens no file.
func (e *exportDialog) chooseFolder() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			e.refuse(err)
			return
		}
		if dir == nil {
			return
		}
		if dir.Scheme() != "file" {
			e.refuse(annotate.Errorf(annotate.EINVALID, "%s is not a folder on this computer; choose a local one", dir))
			return
		}
		e.path.SetText(withFolder(e.path.Text, dir.Path(), e.selected()))
	}, e.d.win)
	if p, err := expandPath(e.path.Text); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(p))); err == nil {
			fd.SetLocation(l)
		}
	}
	fd.Show()
}

// withFolder is path with its folder part replaced by dir (the name the
// dialog offers when path names none).
func withFolder(path, dir string, f interchange.Format) string {
	name := filepath.Base(path)
	if strings.TrimSpace(path) == "" || strings.HasSuffix(path, string(filepath.Separator)) || name == "." || name == string(filepath.Separator) {
		name = exportBaseName + exportExt(f)
	}
	return filepath.Join(dir, name)
}

// refuse shows why the export was not made in the dialog, whose values
// stay as they were, and in the status line.
func (e *exportDialog) refuse(err error) {
	e.d.showError(err)
	e.message.SetText(annotate.ErrorMessage(err))
	e.message.Show()
	e.fit()
	e.scroll.ScrollToBottom()
}

// submit checks the path and, when it may be written, makes the export in
// the background, asks before replacing files that are there, and writes.
func (e *exportDialog) submit() {
	e.message.Hide()
	f, ids, protect := e.selected(), e.ids(), e.d.protectProject()
	target, err := checkExportPath(e.path.Text, f, protect)
	if err != nil {
		e.refuse(err)
		return
	}
	e.d.background("Exporting", func() (func(), error) {
		job, err := e.d.prepareExport(f, interchange.ExportOptions{Articles: ids, ApprovedOnly: e.approved.Checked}, target, protect)
		return func() {
			if err != nil {
				e.refuse(err)
				return
			}
			e.checkReviews(job, func() { e.confirm(job) })
		}, nil
	})
}

// maxIssuesShown bounds the list of what a ClaimReview export lacks: the
// command line lists them all.
const maxIssuesShown = 8

// checkReviews shows what a ClaimReview export's reviews lack that
// consumers require or recommend (interchange.CheckClaimReviews) before
// anything is written: "Export anyway" goes on to next, Cancel leaves the
// export dialog as it was. An export that lacks nothing goes straight on.
func (e *exportDialog) checkReviews(job *exportJob, next func()) {
	issues := job.issues
	if len(issues) == 0 {
		next()
		return
	}
	text := widget.NewLabel(issuesText(issues))
	text.Wrapping = fyne.TextWrapWord
	list := container.NewVScroll(text)
	list.SetMinSize(fyne.NewSize(min(520, e.d.win.Canvas().Size().Width-80), 8*theme.TextSize()))
	c := dialog.NewCustomConfirm("What the reviews lack", "Export anyway", "Cancel", list, func(ok bool) {
		if ok {
			next()
		}
	}, e.d.win)
	c.Show()
}

// issuesText is the list checkReviews shows: a summary, then one line an
// issue, the required ones first, at most maxIssuesShown.
func issuesText(issues []interchange.ClaimReviewIssue) string {
	sorted := slices.Clone(issues)
	slices.SortStableFunc(sorted, func(a, b interchange.ClaimReviewIssue) int {
		switch {
		case a.Required == b.Required:
			return 0
		case a.Required:
			return -1
		}
		return 1
	})
	var b strings.Builder
	if n := interchange.RequiredMissing(issues); n == 1 {
		b.WriteString("1 claim lacks what ClaimReview consumers require: they would refuse its review.\n")
	} else if n > 1 {
		fmt.Fprintf(&b, "%s lack what ClaimReview consumers require: they would refuse those reviews.\n", countOf(n, "claim"))
	} else {
		b.WriteString("The reviews have what consumers require; some lack what they recommend.\n")
	}
	for i, is := range sorted {
		if i == maxIssuesShown {
			fmt.Fprintf(&b, "\n… and %d more (factmark export --format claimreview lists them all)", len(sorted)-i)
			break
		}
		b.WriteString("\n• " + is.String())
	}
	return b.String()
}

// countOf is n and the noun, with an s unless n is 1.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// confirm asks before the export replaces files that are there.
func (e *exportDialog) confirm(job *exportJob) {
	if len(job.replaced) == 0 {
		e.write(job)
		return
	}
	msg := job.replaced[0] + " is there already.\nReplace it with the export?"
	if n := len(job.replaced); n > 1 {
		msg = fmt.Sprintf("%d of the %d files are in %s already\n(such as %s).\nReplace them with the export?",
			n, len(job.paths), job.target.path, filepath.Base(job.replaced[0]))
	}
	c := dialog.NewConfirm("Replace?", msg, func(ok bool) {
		if ok {
			e.write(job)
		}
	}, e.d.win)
	c.SetConfirmText("Replace")
	c.SetDismissText("Cancel")
	c.Show()
}

// write writes the export in the background, then closes the dialog and
// says in the status line what the export holds.
func (e *exportDialog) write(job *exportJob) {
	protect := e.d.protectProject()
	e.d.background("Saving", func() (func(), error) {
		err := job.write(protect)
		return func() {
			if err != nil {
				e.refuse(err)
				return
			}
			e.dlg.Hide()
			e.d.rememberExport(job)
			e.d.setStatus(job.summary)
		}, nil
	})
}

// protectProject keeps exports off the open project's database and the
// files SQLite keeps beside it.
func (d *Desk) protectProject() atomicfile.Option {
	p := d.svc.Path
	if p == "" {
		return atomicfile.Protect("the open project's database")
	}
	return atomicfile.Protect("the open project's database", p, p+"-wal", p+"-shm", p+"-journal")
}

// exportTarget is a path an export may be written to.
type exportTarget struct {
	path   string // absolute and clean, ~ expanded
	exists bool   // the file (for brat, the folder) is there already
}

// checkExportPath checks the path typed in the dialog, without opening
// anything: a file format needs a path in a folder that exists that is not
// a folder, not a protected file and, if it is there, a regular file; brat
// needs a folder, or a path in a folder that exists where it can make one.
func checkExportPath(text string, f interchange.Format, protect atomicfile.Option) (exportTarget, error) {
	p, err := expandPath(text)
	if err != nil {
		return exportTarget{}, err
	}
	if err := checkParent(p); err != nil {
		return exportTarget{}, err
	}
	info, err := os.Stat(p)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return exportTarget{}, writeError(p, err)
	}
	exists := err == nil
	if f == interchange.FormatBrat {
		if exists && !info.IsDir() {
			return exportTarget{}, annotate.Errorf(annotate.EINVALID,
				"%s is not a folder: brat writes a .txt and a .ann per article into a folder; give a folder's path", p)
		}
		return exportTarget{path: p, exists: exists}, nil
	}
	if exists && info.IsDir() {
		return exportTarget{}, annotate.Errorf(annotate.EINVALID,
			"%s is a folder: add the name of the file to write in it, such as %s", p, exportBaseName+f.Ext())
	}
	if err := atomicfile.Check(p, protect); err != nil {
		return exportTarget{}, err
	}
	_, err = os.Lstat(p)
	return exportTarget{path: p, exists: err == nil}, nil
}

// expandPath is the path typed, with ~/ standing for the home folder; it
// must be absolute, since the desk has no folder of its own to start from.
func expandPath(text string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", annotate.Errorf(annotate.EINVALID, "say where to export: type the full path, or choose a folder")
	}
	p := text
	if p == "~" || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", annotate.Errorf(annotate.EINVALID, "%s: the home folder is not known here (%v); type the full path", text, err)
		}
		p = filepath.Join(home, p[1:])
	}
	if !filepath.IsAbs(p) {
		return "", annotate.Errorf(annotate.EINVALID, "%s is not a full path: type one that starts with / (or ~/ for your home folder)", text)
	}
	return filepath.Clean(p), nil
}

// checkParent refuses a path whose folder is missing or not a folder.
func checkParent(p string) error {
	dir := filepath.Dir(p)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return annotate.Errorf(annotate.EINVALID, "the folder %s does not exist: choose one that does (Choose folder…)", dir)
	case err != nil:
		return writeError(p, err)
	case !info.IsDir():
		return annotate.Errorf(annotate.EINVALID, "%s is not a folder, so %s cannot be written", dir, filepath.Base(p))
	}
	return nil
}

// writeError says that path cannot be written, and why, in words.
func writeError(path string, err error) error {
	var ae *annotate.Error
	if errors.As(err, &ae) {
		return err // it names the file and says why
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", path, err)
}

// exportJob is an export checked and ready to be written: it is made as
// it is written, article by article into each file's atomic temporary
// file (interchange.WriteExport, WriteBratFolder), so that memory never
// holds the file.
type exportJob struct {
	format   interchange.Format
	opts     interchange.ExportOptions
	target   exportTarget
	issues   []interchange.ClaimReviewIssue // what a ClaimReview export's reviews lack, found before writing
	export   *interchange.Export            // what was written, once it is
	paths    []string                       // where, in order
	replaced []string                       // the paths among them that are there already
	count    int                            // once written, the annotations (ClaimReview: reviews) it holds
	summary  string                         // once written, what the export holds, for the status line
	ctx      context.Context
	store    interchange.Store
}

// errChecked stops an export once its check has seen what ClaimReview's
// reviews lack, before anything is written.
var errChecked = errors.New("checked")

// prepareExport checks the export of the articles (all when ids is empty)
// in format f for target: the files it will write (for brat, read from the
// articles' names), each of which may be written, and what a ClaimReview
// export lacks. It writes nothing, and holds no file.
func (d *Desk) prepareExport(f interchange.Format, opts interchange.ExportOptions, target exportTarget, protect atomicfile.Option) (*exportJob, error) {
	job := &exportJob{format: f, opts: opts, target: target, paths: []string{target.path}, ctx: d.ctx, store: d.store()}
	switch f {
	case interchange.FormatBrat:
		paths, err := interchange.BratFolderPaths(d.ctx, job.store, target.path, opts.Articles...)
		if err != nil {
			return nil, err
		}
		job.paths = paths
	case interchange.FormatClaimReview:
		check := opts
		check.Check = func(issues []interchange.ClaimReviewIssue) error { job.issues = issues; return errChecked }
		if _, err := interchange.WriteExport(d.ctx, io.Discard, job.store, f, check); !errors.Is(err, errChecked) {
			if err == nil {
				err = annotate.Errorf(annotate.EINTERNAL, "the ClaimReview export was not checked")
			}
			return nil, err
		}
	}
	for _, p := range job.paths {
		if err := atomicfile.Check(p, protect); err != nil {
			return nil, err
		}
		if _, err := os.Lstat(p); err == nil {
			job.replaced = append(job.replaced, p)
		}
	}
	return job, nil
}

// store is the project as the import and export paths of package
// interchange take it.
func (d *Desk) store() interchange.Store {
	return interchange.Store{Articles: d.svc.Articles, Annotations: d.svc.Annotations, Settings: d.svc.Settings, Documents: d.svc.Documents, Speakers: d.svc.Speakers}
}

// write makes the export and writes its files as it goes, each
// atomically and never over a protected file; a brat folder that is not
// there is made first. A failure halfway leaves no partial file.
func (job *exportJob) write(protect atomicfile.Option) error {
	fill := func(p string, fill func(io.Writer) error) error {
		if err := atomicfile.WriteFunc(p, fill, protect); err != nil {
			return writeError(p, err)
		}
		return nil
	}
	var ex *interchange.Export
	var err error
	if job.format == interchange.FormatBrat {
		if !job.target.exists {
			if err := os.Mkdir(job.target.path, 0o777); err != nil && !errors.Is(err, os.ErrExist) {
				return writeError(job.target.path, err)
			}
		}
		ex, err = interchange.WriteBratFolder(job.ctx, job.store, job.target.path, fill, job.opts.Articles...)
	} else {
		err = fill(job.target.path, func(w io.Writer) error {
			var err error
			ex, err = interchange.WriteExport(job.ctx, w, job.store, job.format, job.opts)
			return err
		})
	}
	if err != nil {
		return err
	}
	job.export, job.count, job.summary = ex, ex.Count(), ex.Summary(job.target.path)
	return nil
}

// ExportTo writes the native document of the articles (all when none) to w
// and returns the number of annotations written.
func (d *Desk) ExportTo(w io.Writer, ids ...string) (int, error) {
	return d.ExportFormat(w, interchange.FormatNative, ids...)
}

// ExportFormat writes the articles' annotations (all articles' when none)
// to w in format f, one file (brat: the .ann of the first article), and
// returns the number of annotations in the export.
func (d *Desk) ExportFormat(w io.Writer, f interchange.Format, ids ...string) (int, error) {
	ex, err := interchange.WriteExport(d.ctx, w, d.store(), f, interchange.ExportOptions{Articles: ids})
	if err != nil {
		return 0, err
	}
	return ex.Annotations(), nil
}

// exportBytes is the export of the articles (all when ids is empty) in
// format f, and the number of annotations in it.
func (d *Desk) exportBytes(f interchange.Format, ids []string) ([]byte, int, error) {
	ex, err := interchange.ExportFormat(d.ctx, d.store(), f, ids...)
	if err != nil {
		return nil, 0, err
	}
	return ex.Files[0].Data, ex.Annotations(), nil
}

// ExportBrat writes <name>.txt and <name>.ann for each article (all when no
// IDs are given) into the local folder dir, made if missing, each file
// atomically and never over the open project's files, and returns the
// number of annotations exported (brat has no notes). It replaces files
// without asking.
func (d *Desk) ExportBrat(dir string, ids ...string) (int, error) {
	protect := d.protectProject()
	target, err := checkExportPath(dir, interchange.FormatBrat, protect)
	if err != nil {
		return 0, err
	}
	job, err := d.prepareExport(interchange.FormatBrat, interchange.ExportOptions{Articles: ids}, target, protect)
	if err != nil {
		return 0, err
	}
	if err := job.write(protect); err != nil {
		return 0, err
	}
	return job.count, nil
}
