package ui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/ui/deskstate"
)

// deliverer runs functions on the UI goroutine: fyne.Do in the app, a
// pump the test drives in tests (where fyne.Do runs the function at once,
// on the caller's goroutine).
type deliverer interface {
	Do(fn func())
	DoAndWait(fn func())
}

type fyneDeliverer struct{}

func (fyneDeliverer) Do(fn func())        { fyne.Do(fn) }
func (fyneDeliverer) DoAndWait(fn func()) { fyne.DoAndWait(fn) }

// How long the desk waits for pending changes: between tries of a write
// that found the project locked; on quit, before it tells the user what is
// still unsaved; and before an export, which must hold every change.
const (
	saveRetry       = 500 * time.Millisecond
	quitPatience    = 10 * time.Second
	exportPatience  = time.Minute
	maxUnsavedShown = 15
)

// saver is the desk's side of the background writer: the queue, how results
// come back to the UI goroutine, and the state of quitting.
type saver struct {
	q       *deskstate.Queue
	svc     Services // as the writer's goroutine reads them
	deliver deliverer
	openID  atomic.Value // the open article's ID, for the writer goroutine
	busy    bool         // the last write found the project locked
	note    string       // the last word setStatus showed, shown again as writes finish
	shown   string       // the status text setStatus set last
	// refuse, when set, is why the desk takes no changes (a read-only
	// project): commit shows it and changes nothing.
	refuse string

	patience time.Duration // on quit, before the unsaved changes are listed
	exit     func()        // ends the app once quitting may
	quitting bool
	waitDlg  dialog.Dialog
	waitText *widget.Label
	overdue  dialog.Dialog
	timer    *time.Timer
}

// startSaving starts the background writer on the project's services.
func (d *Desk) startSaving(deliver deliverer) {
	if docs, ok := d.svc.Documents.(interface{ saved() savedDocuments }); ok {
		d.svc.Documents = docs.saved().DocumentService // started again, in tests
	}
	s := &saver{svc: d.svc, deliver: deliver, patience: quitPatience, exit: d.app.Quit}
	s.openID.Store("")
	s.q = deskstate.NewQueue(writeServices{d.svc}, saveRetry, func(ev deskstate.Event) { d.onSaveEvent(s, ev) })
	d.save = s
	d.svc.Documents = waitingDocuments(savedDocuments{DocumentService: d.svc.Documents, q: d.save.q, patience: exportPatience})
}

// stopSaving stops the writer once its current attempt ends.
func (d *Desk) stopSaving() { d.save.q.Close() }

// writeServices are the desk's services as the writer's store.
type writeServices struct{ svc Services }

func (w writeServices) CreateAttribution(ctx context.Context, a *annotate.Attribution) error {
	return w.svc.Annotations.CreateAttribution(ctx, a)
}
func (w writeServices) UpdateAttribution(ctx context.Context, a *annotate.Attribution) error {
	return w.svc.Annotations.UpdateAttribution(ctx, a)
}
func (w writeServices) CreateClaim(ctx context.Context, c *annotate.Claim) error {
	return w.svc.Annotations.CreateClaim(ctx, c)
}
func (w writeServices) UpdateClaim(ctx context.Context, c *annotate.Claim) error {
	return w.svc.Annotations.UpdateClaim(ctx, c)
}
func (w writeServices) CreateNote(ctx context.Context, n *annotate.Note) error {
	return w.svc.Annotations.CreateNote(ctx, n)
}
func (w writeServices) UpdateNote(ctx context.Context, n *annotate.Note) error {
	return w.svc.Annotations.UpdateNote(ctx, n)
}
func (w writeServices) DeleteAnnotation(ctx context.Context, id string) error {
	return w.svc.Annotations.DeleteAnnotation(ctx, id)
}
func (w writeServices) CreateSpeaker(ctx context.Context, s *annotate.Speaker) error {
	return w.svc.Speakers.CreateSpeaker(ctx, s)
}
func (w writeServices) UpdateSpeaker(ctx context.Context, s *annotate.Speaker) error {
	return w.svc.Speakers.UpdateSpeaker(ctx, s)
}
func (w writeServices) Reject(ctx context.Context, articleID, key string) error {
	return w.svc.Rejections.Reject(ctx, articleID, key)
}
func (w writeServices) Unreject(ctx context.Context, articleID, key string) error {
	return w.svc.Rejections.Unreject(ctx, articleID, key)
}
func (w writeServices) UpdateSettings(ctx context.Context, s annotate.Settings) error {
	return w.svc.Settings.UpdateSettings(ctx, s)
}
func (w writeServices) UpdateArticleMeta(ctx context.Context, id string, m annotate.ArticleMeta) error {
	return w.svc.Articles.UpdateArticleMeta(ctx, id, m)
}

// savedDocuments waits for the pending changes before an export, so that
// an export holds every change the desk shows. Exports run off the UI
// goroutine.
type savedDocuments struct {
	annotate.DocumentService
	q        *deskstate.Queue
	patience time.Duration
}

func (s savedDocuments) Export(ctx context.Context, ids ...string) (*annotate.Document, error) {
	if err := s.wait(); err != nil {
		return nil, err
	}
	return s.DocumentService.Export(ctx, ids...)
}

func (s savedDocuments) saved() savedDocuments { return s }

// wait waits for the pending changes, at most s.patience.
func (s savedDocuments) wait() error {
	if !s.q.Wait(s.patience) {
		return annotate.Errorf(annotate.EBUSY, "%s: another program holds the project's write lock; export again once the status line says saved",
			waitingText(s.q.Len()))
	}
	return nil
}

// streamingDocuments is a project that imports and exports a piece at a
// time (store.DB): an export of a year's work, or its import, never held
// whole in memory.
type streamingDocuments interface {
	annotate.DocumentService
	interchange.StreamStore
	interchange.DocumentStreamer
	interchange.DocumentPasser
}

// savedStreams is savedDocuments over a project that streams: its
// exports, piece by piece too, wait for the pending changes first.
type savedStreams struct {
	savedDocuments
	streams streamingDocuments
}

// waitingDocuments is s, keeping the streaming of the project it wraps:
// hiding it would make the desk's exports and imports of a large project
// whole documents in memory.
func waitingDocuments(s savedDocuments) annotate.DocumentService {
	if st, ok := s.DocumentService.(streamingDocuments); ok {
		return savedStreams{s, st}
	}
	return s
}

func (s savedStreams) ExportStream(ctx context.Context, ids []string, head func(*annotate.Document) error,
	article func(*annotate.ArticleDoc) error, audit func([]annotate.AuditEntry) error) error {
	if err := s.wait(); err != nil {
		return err
	}
	return s.streams.ExportStream(ctx, ids, head, article, audit)
}

func (s savedStreams) ExportPasses(ctx context.Context, ids []string, passes int, head func(*annotate.Document) error,
	article func(pass int, a *annotate.ArticleDoc) error) error {
	if err := s.wait(); err != nil {
		return err
	}
	return s.streams.ExportPasses(ctx, ids, passes, head, article)
}

func (s savedStreams) ImportStream(ctx context.Context, head *annotate.Document,
	next func() (*annotate.ArticleDoc, error), audit func() ([]annotate.AuditEntry, error)) (annotate.ImportResult, error) {
	return s.streams.ImportStream(ctx, head, next, audit)
}

// commit is the one way a change enters the desk: it is checked, applied to
// the desk's annotations and speakers at once, and queued for the store. It
// returns the change's sequence number, or 0 when the change was refused
// (the status line says why). Callers redraw what the change touched.
func (d *Desk) commit(c deskstate.Change) int {
	if d.save.refuse != "" {
		d.setStatus(d.save.refuse)
		return 0
	}
	var articleID string
	if d.article != nil {
		articleID = d.article.ID
	}
	if err := c.Validate(articleID, d.text, &d.settings.Scale); err != nil {
		d.showError(err)
		return 0
	}
	d.applyChanges(c)
	seq := d.save.q.Push(c)
	d.showCounts()
	return seq
}

// applyChanges makes the changes in the desk's state.
func (d *Desk) applyChanges(cs ...deskstate.Change) {
	st := deskstate.State{Ann: d.ann, Speakers: d.speakers, Settings: d.settings, Article: d.article, Index: &d.idx, Comments: d.comments}
	if d.article != nil {
		st.ArticleID = d.article.ID
	}
	for _, c := range cs {
		st.Apply(c)
	}
	d.speakers, d.settings, d.comments = st.Speakers, st.Settings, st.Comments
	d.noteChanges(&st)
}

// loadAnnotations reads an article's annotations and applies the changes not
// written yet, so that what the desk shows is never older than what the user
// did. The pending list is taken before the read: a change written in
// between is then in both, and applying it again is harmless.
func (d *Desk) loadAnnotations(id string) (*annotate.Annotations, error) {
	pending := d.save.q.Pending()
	ann, err := d.svc.Annotations.FindAnnotations(d.ctx, id)
	if err != nil {
		return nil, err
	}
	d.save.openID.Store(id)
	st := deskstate.State{ArticleID: id, Ann: ann}
	for _, c := range pending {
		st.Apply(c)
	}
	return ann, nil
}

// markOpened records in the background that the article was opened: it is
// a convenience (the library's order), not the user's work, so it is not
// queued, and a locked project only leaves it unrecorded.
func (d *Desk) markOpened(id string) {
	if d.save.refuse != "" {
		return
	}
	s := d.save
	go func() {
		err := s.svc.Articles.MarkOpened(context.Background(), id)
		if err != nil && annotate.ErrorCode(err) != annotate.EBUSY {
			s.deliver.Do(func() { d.showError(err) })
		}
	}()
}

// onSaveEvent runs on the writer's goroutine after every write. A failed
// write (not a locked one) restores the desk from the store: it reads the
// store here, while the writer waits, and applies the still pending changes
// to what it read on the UI goroutine, before the writer goes on.
func (d *Desk) onSaveEvent(s *saver, ev deskstate.Event) {
	if ev.Err == nil || ev.Retrying() {
		s.deliver.Do(func() { d.saveProgress(ev) })
		return
	}
	id, _ := s.openID.Load().(string)
	var ann *annotate.Annotations
	var err error
	if id != "" {
		ann, err = s.svc.Annotations.FindAnnotations(context.Background(), id)
	}
	speakers, serr := s.svc.Speakers.FindSpeakers(context.Background())
	if err == nil {
		err = serr
	}
	s.deliver.DoAndWait(func() { d.saveFailed(ev, id, ann, speakers, err) })
}

// saveProgress shows that a write committed or found the project locked.
func (d *Desk) saveProgress(ev deskstate.Event) {
	d.save.busy = ev.Retrying()
	if ev.Err == nil {
		d.showCounts()
	}
	d.showSaveState()
	d.quitProgress()
}

// saveFailed shows why a change could not be saved and puts the desk back
// to what the store holds, with the changes still pending applied.
func (d *Desk) saveFailed(ev deskstate.Event, id string, ann *annotate.Annotations, speakers []annotate.Speaker, readErr error) {
	d.save.busy = false
	d.hist.forget(ev.Seq)
	if readErr == nil && d.article != nil && d.article.ID == id {
		d.ann, d.speakers = ann, speakers
		d.comments = d.loadComments(id)
		d.applyChanges(d.save.q.Pending()...)
		if d.findKind(d.selected) == noKind {
			d.selected = ""
		}
		d.refresh(true)
		d.showCounts()
	}
	err := fmt.Errorf("%s was not saved: %w", orDefault(ev.Change.Label, "a change"), ev.Err)
	d.showError(err)
	if readErr != nil {
		d.showError(fmt.Errorf("%w; the desk could not reread the project: %w", err, readErr))
	}
	if d.save.quitting {
		d.stopQuitting()
		dialog.ShowError(fmt.Errorf("%s\n\nThe desk stays open.", annotate.ErrorMessage(err)), d.win)
	}
}

// saveState is the status line's word on saving.
func (d *Desk) saveState() string {
	n := d.save.q.Len()
	switch {
	case d.save.refuse != "":
		return "" // nothing is saved on a read-only project; the banner says why
	case n == 0:
		return "saved"
	case d.save.quitting:
		return fmt.Sprintf("saving %d %s…", n, plural(n, "change", "changes"))
	case d.save.busy:
		return waitingText(n) + " (another program is writing to the project; retrying)"
	}
	return waitingText(n)
}

// waitingText is "N changes waiting to be saved".
func waitingText(n int) string {
	return fmt.Sprintf("%d %s waiting to be saved", n, plural(n, "change", "changes"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// showSaveState shows the save state again after a write, unless something
// else (an error) has taken the status line since setStatus.
func (d *Desk) showSaveState() {
	if d.status.Text == d.save.shown {
		d.setStatus(d.save.note)
	}
}

// showCounts puts the open article's counts in its library row.
func (d *Desk) showCounts() {
	if d.article == nil {
		return
	}
	d.lib.setCounts(d.article.ID, len(d.ann.Attributions), len(d.ann.Claims), len(d.ann.Notes))
}

// quit ends the desk once every change is written: at once when none is
// pending; else it shows "saving N changes…" and waits, and after a while
// lists what is unsaved and lets the user wait longer or quit anyway.
func (d *Desk) quit() {
	if d.save.q.Len() == 0 {
		d.exitNow()
		return
	}
	if d.save.quitting {
		return
	}
	d.save.quitting = true
	d.save.waitText = widget.NewLabel("")
	d.save.waitDlg = dialog.NewCustomWithoutButtons("Saving",
		container.NewVBox(d.save.waitText, widget.NewProgressBarInfinite()), d.win)
	d.save.waitDlg.Resize(fyne.NewSize(400, 0))
	d.save.waitDlg.Show()
	d.waitForSaves()
}

// waitForSaves shows the count and gives the writer patience more time.
func (d *Desk) waitForSaves() {
	n := d.save.q.Len()
	d.save.waitText.SetText(fmt.Sprintf("Saving %d %s before quitting…", n, plural(n, "change", "changes")))
	d.setStatus(d.save.note)
	if d.save.timer != nil {
		d.save.timer.Stop()
	}
	d.save.timer = time.AfterFunc(d.save.patience, func() { d.save.deliver.Do(d.quitOverdue) })
}

// quitProgress quits once the last pending change is written.
func (d *Desk) quitProgress() {
	if !d.save.quitting {
		return
	}
	if n := d.save.q.Len(); n > 0 {
		d.save.waitText.SetText(fmt.Sprintf("Saving %d %s before quitting…", n, plural(n, "change", "changes")))
		return
	}
	d.exitNow()
}

// quitOverdue tells the user what is still unsaved, and lets them choose.
func (d *Desk) quitOverdue() {
	if !d.save.quitting {
		return
	}
	if d.save.q.Len() == 0 {
		d.exitNow()
		return
	}
	d.save.waitDlg.Hide()
	msg := widget.NewLabel(d.unsavedText())
	msg.Wrapping = fyne.TextWrapWord
	wait := widget.NewButton("Wait longer", func() {
		d.save.overdue.Hide()
		d.save.waitDlg.Show()
		d.waitForSaves()
	})
	wait.Importance = widget.HighImportance
	lose := widget.NewButton("Quit anyway", d.exitNow)
	d.save.overdue = dialog.NewCustomWithoutButtons("Changes not saved yet",
		container.NewVBox(msg, container.NewHBox(wait, lose)), d.win)
	d.save.overdue.Resize(fyne.NewSize(560, 0))
	d.save.overdue.Show()
}

// unsavedText says exactly which changes are not saved, and why.
func (d *Desk) unsavedText() string {
	pending := d.save.q.Pending()
	var b strings.Builder
	fmt.Fprintf(&b, "%s could not be saved yet", plural(len(pending), "This change", fmt.Sprintf("These %d changes", len(pending))))
	if d.save.busy {
		b.WriteString(": another program is writing to the project and holds its lock")
	}
	b.WriteString(".\n")
	for i, c := range pending {
		if i == maxUnsavedShown {
			fmt.Fprintf(&b, "• and %d more\n", len(pending)-i)
			break
		}
		fmt.Fprintf(&b, "• %s\n", orDefault(c.Label, "a change"))
	}
	b.WriteString("\nWait longer to keep trying (the desk quits as soon as they are saved), or quit anyway and lose them.")
	return b.String()
}

// stopQuitting closes the quit dialogs and keeps the desk open.
func (d *Desk) stopQuitting() {
	d.save.quitting = false
	if d.save.timer != nil {
		d.save.timer.Stop()
	}
	for _, dlg := range []dialog.Dialog{d.save.waitDlg, d.save.overdue} {
		if dlg != nil {
			dlg.Hide()
		}
	}
	d.setStatus(d.save.note)
}

// exitNow stops the writer and ends the app.
func (d *Desk) exitNow() {
	if d.save.quitting {
		d.stopQuitting()
	}
	d.stopSaving()
	d.save.exit()
}
