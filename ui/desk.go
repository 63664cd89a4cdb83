package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
	"github.com/factmark/factmark/ui/textview"
)

// Services are what the desk needs from the project.
type Services struct {
	Articles    annotate.ArticleService
	Annotations annotate.AnnotationService
	Speakers    annotate.SpeakerService
	Settings    annotate.SettingsService
	Documents   annotate.DocumentService
	Rejections  annotate.RejectionService
	// Revisions imports new versions of articles as their next revision
	// (revimport.go); nil: every import makes new articles.
	Revisions RevisionImports
	// The fact-check workflow's services (issue 13); nil where the store
	// has none, and the desk leaves out what needs them (WithWorkflow
	// fills them from a store that has them).
	Evidence annotate.EvidenceService
	Review   annotate.ReviewService
	Comments annotate.CommentService
	Audit    annotate.AuditService
	// Checks keeps the fact-checks done before, offered as "checked
	// before" in the claim editor (checked.go); nil: none are offered.
	Checks annotate.KnownCheckService

	// Check runs the project's full check, which the store defers on a
	// large project (store.DB.Check): the desk runs it once its window
	// shows and reports a damaged project (check.go). nil: no check.
	Check func(ctx context.Context) error

	// ReadOnly is set for a project whose file or folder cannot be written:
	// the desk shows it for reading and export only, with a banner naming
	// Path, the project's file.
	ReadOnly bool
	Path     string

	// Geometry names a file the desk keeps up to date with where the
	// article's characters are drawn and what has the keyboard, for
	// scripts that drive the real window (ui/geometry.go); "" for none.
	Geometry string
}

// Desk is the main window: library, article view, panels and status line,
// and the state of the article open in it.
type Desk struct {
	svc Services
	app fyne.App
	win fyne.Window
	ctx context.Context

	article  *annotate.Article // nil until one is opened
	text     *annotate.Text
	ann      *annotate.Annotations
	speakers []annotate.Speaker
	comments []annotate.Comment // the open article's, oldest first (comments.go)
	draft    *correctionDraft   // the changed note of a published claim (correction.go)
	settings annotate.Settings
	selected string          // the ID of the selected annotation, or ""
	focus    editorFocus     // the editor field to focus once it is rebuilt (attribution.go)
	idx      deskstate.Index // finds ann's annotations by ID
	drawn    drawState       // what the view and panels show of ann (highlights.go)

	view    *textview.View
	lib     *library
	tabs    *container.AppTabs
	attrs   *panel
	claims  *panel
	notes   *panel
	sugg    *suggestionsPanel
	orphans *orphansPanel   // the Orphans tab, shown while the article has orphans (orphans.go)
	revs    *revisionPicker // the revision picker above the article (revisions.go)
	status  *widget.Label
	marker  *widget.Label // says the claim marker is on (claimmarker.go)
	marking bool          // the claim marker is on: a drag makes a claim
	banner  *widget.Label // the read-only banner, hidden when the project can be written
	find    *findBar
	hist    history
	theme   *deskTheme
	palette *palette
	save    *saver // writes every change in the background (save.go)

	startErr error // what NewDesk could not read, for OpenFirst to show

	cmds  []*command        // the table of commands (commands.go)
	bar   fyne.CanvasObject // the toolbar, built from the table
	sheet dialog.Dialog     // the dialog Escape closes while it is open: the shortcut sheet, a history

	revAsked *revisionQuestion // the last question whether an import is a revision (revimport.go)
	checked  *checkedIndex     // the fact-checks done before, when built (checked.go)
}

// NewDesk builds the desk's window in app. It shows nothing until Open.
// Settings or speakers that cannot be read do not stop it: the desk starts
// with the default settings or no speakers, and OpenFirst says what failed.
// The error is kept for the callers' sake and is nil.
func NewDesk(app fyne.App, svc Services) (*Desk, error) {
	return newDesk(app, svc, fyneDeliverer{})
}

// newDesk builds the desk, with the writer's results delivered to the UI
// goroutine by deliver.
func newDesk(app fyne.App, svc Services, deliver deliverer) (*Desk, error) {
	d := &Desk{svc: svc, app: app, ctx: context.Background(), ann: &annotate.Annotations{}}
	var err error
	if d.settings, err = svc.Settings.Settings(d.ctx); err != nil {
		d.startErr, d.settings = err, annotate.Settings{Scale: annotate.DefaultScale()}
	}
	if d.speakers, err = svc.Speakers.FindSpeakers(d.ctx); err != nil {
		d.startErr, d.speakers = err, nil
	}
	d.win = app.NewWindow("Factmark")
	d.startSaving(deliver)
	if svc.ReadOnly {
		d.save.refuse = readOnlyMessage
	}
	d.theme = newDeskTheme(app)
	custom := d.settings.Theme != "" || d.settings.TextSize != 0
	if custom {
		d.applyTheme() // settings.go
	}
	d.build()
	if custom {
		d.view.SetTextSize(d.theme.textSize)
	}
	d.win.Resize(fyne.NewSize(1280, 800))
	if svc.Geometry != "" {
		d.watchGeometry(svc.Geometry)
	}
	return d, nil
}

// Window is the desk's window.
func (d *Desk) Window() fyne.Window { return d.win }

// View is the article view, for tests and the wiring.
func (d *Desk) View() *textview.View { return d.view }

// Article is the open article, or nil.
func (d *Desk) Article() *annotate.Article { return d.article }

// Annotations are the open article's annotations as the desk shows them.
func (d *Desk) Annotations() *annotate.Annotations { return d.ann }

// Selected is the ID of the selected annotation, or "".
func (d *Desk) Selected() string { return d.selected }

func (d *Desk) build() {
	d.view = textview.New()
	d.view.OnTypedRune = d.typedRune
	d.view.OnTypedKey = d.typedKey
	d.view.OnHighlightTapped = d.highlightTapped
	d.view.OnSecondaryTapped = d.showContextMenu
	d.view.OnSelectionChanged = func(start, end int) { d.showSelection(start, end) }
	d.view.OnDragSelected = d.dragSelected
	d.status = widget.NewLabel("")
	d.marker = newClaimMarkerLabel()
	d.status.Truncation = fyne.TextTruncateEllipsis
	d.banner = d.newBanner()
	d.lib = newLibrary(d)
	d.find = newFindBar(d)
	d.palette = newPalette(d)
	d.attrs = newPanel(d, attributionCount, attributionItem, attributionAt, d.attributionEditor)
	d.claims = newPanel(d, claimCount, claimItem, claimAt, d.claimEditor)
	d.notes = newPanel(d, noteCount, noteItem, noteAt, d.noteEditor)
	d.sugg = newSuggestionsPanel(d)
	d.tabs = container.NewAppTabs(
		container.NewTabItem("Attributions", d.attrs.content),
		container.NewTabItem("Claims", d.claims.content),
		container.NewTabItem("Notes", d.notes.content),
		container.NewTabItem("Suggestions", d.sugg.content),
	)
	d.orphans = newOrphansPanel(d)
	d.revs = newRevisionPicker(d)
	article := container.NewBorder(d.find.content, nil, nil, nil, d.view)
	legend, row := newLegend(d.orphans.width, d.revs.legend...)
	d.revs.row, d.revs.kinds = row, row.Objects[:len(row.Objects)-len(d.revs.legend)]
	centre := container.NewBorder(d.revs.content, legend, nil, nil, article) // hidden parts take no room
	right := container.NewHSplit(centre, withAllTabs(d.tabs))
	right.Offset = 0.62
	main := container.NewHSplit(d.lib.content, right)
	main.Offset = 0.2
	d.bar = d.toolbar()
	statusRow := container.NewBorder(nil, nil, nil, d.marker, d.status) // a hidden marker takes no room
	d.win.SetContent(container.NewBorder(container.NewVBox(d.banner, d.bar), statusRow, nil, nil, main))
	d.win.SetMainMenu(d.mainMenu())
	d.addShortcuts()
	d.win.SetCloseIntercept(d.quit) // which waits for pending writes
	d.win.SetOnDropped(d.dropped)   // drop.go
}

// open shows the article with the ID and its annotations; Open guards it.
func (d *Desk) open(id string) error {
	a, err := d.svc.Articles.FindArticleByID(d.ctx, id)
	if err != nil {
		return err
	}
	d.withPendingMeta(a) // details.go
	ann, err := d.loadAnnotations(id)
	if err != nil {
		return err
	}
	d.article, d.text, d.ann, d.selected = a, annotate.NewText(a.Text), ann, ""
	compactAnnotations(d.ann, d.text) // compact.go: the store's rows can go
	d.comments = d.loadComments(id)   // comments.go
	d.sugg.clear()
	d.hist.seal()
	d.win.SetTitle("Factmark — " + a.Title)
	d.view.SetText(a.Text)
	d.revs.load(a)   // revisions.go
	d.showTurns()    // turns.go
	d.markOpened(id) // not on a read-only project: commit refuses every change there
	d.refresh(true)
	d.lib.reload()
	d.setStatus("")
	if len(a.Text) > largeText {
		// Loading a long text leaves megabytes of garbage (query buffers,
		// decoded JSON); hand it back to the system soon, not minutes
		// later, but after the first frame: the forced collection takes
		// ~45 ms that the article's opening need not wait for.
		time.AfterFunc(freeAfter, d.releaseMemory)
	}
	return nil
}

// largeText is the size in bytes past which opening an article returns the
// garbage it made to the system, freeAfter the opening.
const (
	largeText = 256 << 10
	freeAfter = 500 * time.Millisecond
)

// refresh redraws what the changes since the last refresh touched: their
// highlights, their rows in the panel lists (every visible row of a list
// whose annotations were added or reordered, of every list when one was
// removed or a speaker changed) and the status line, and the editor too
// when rebuild is set (not while the user types in it).
func (d *Desk) refresh(rebuild bool) {
	d.touchNotesOnClaims()
	all := d.redrawHighlights() || d.drawn.speakers || d.drawn.moved && d.removedAny()
	if d.drawn.speakers {
		d.showTurns() // the margin names the registry's speakers
	}
	for _, p := range []*panel{d.attrs, d.claims, d.notes} {
		if all || d.drawn.moved && p.holds(d.drawn.touched) {
			p.reload(rebuild)
		} else {
			p.refreshRows(d.drawn.touched, rebuild)
		}
	}
	if all || d.orphans.concerns(d.drawn.touched) {
		d.orphans.reload()
	}
	d.drawn.touched, d.drawn.moved, d.drawn.speakers = d.drawn.touched[:0], false, false
	d.setStatus("")
}

// setStatus shows the counts, a word on the state of things, and whether
// every change is saved.
func (d *Desk) setStatus(state string) {
	d.save.note = state
	defer func() { d.save.shown = d.status.Text }()
	if d.article == nil {
		if d.save.q.Len() > 0 {
			state = strings.TrimPrefix(state+" — "+d.saveState(), " — ")
		}
		d.status.SetText(state)
		return
	}
	if state == "" && d.revs.earlier() {
		state = earlierStatus // revisions.go
	}
	msg := fmt.Sprintf("%d attributions · %d claims · %d notes", len(d.ann.Attributions), len(d.ann.Claims), len(d.ann.Notes))
	if start, end := d.view.Selection(); end > start {
		msg += fmt.Sprintf(" · selection %d–%d (%d characters)", start, end, end-start) + d.selectionPlace(start, end)
	}
	for _, part := range []string{state, d.saveState()} {
		if part != "" {
			msg += " — " + part
		}
	}
	d.status.SetText(msg)
}

func (d *Desk) showSelection(start, end int) { d.setStatus("") }

// showError puts the error's message in the status line and its detail in
// the log.
func (d *Desk) showError(err error) {
	if cause := annotate.Cause(err); cause != "" {
		log.Printf("factmark: %v: %s", err, cause)
	}
	d.status.SetText("Error: " + annotate.ErrorMessage(err))
}

// speakerName is the name of the speaker with the ID, or "".
func (d *Desk) speakerName(id string) string {
	for _, s := range d.speakers {
		if s.ID == id {
			return s.Name
		}
	}
	return ""
}
