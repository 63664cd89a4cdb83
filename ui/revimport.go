package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// Importing a new version of an article: when the file looks like one
// (its URL is an article's, or most of its text is), the desk asks whether
// to import it as that article's next revision, re-anchoring its
// annotations, or as a new article; then it says how the annotations were
// placed and opens the article, on its Orphans tab when some lost their text.

// RevisionImports is what the desk needs of the project to import a new
// version of an article: RevisionImporter through package interchange,
// which cmd/factmark wires in, or a fake in tests. Nil in Services: every
// import makes new articles.
type RevisionImports interface {
	// ProposeRevisionOf names the article the file's content looks like a
	// new version of; ok is false when none does.
	ProposeRevisionOf(ctx context.Context, s interchange.Store, name string, data []byte) (p RevisionProposal, ok bool, err error)
	// ImportRevision imports the content as the next revision of the
	// article, makes it current and re-anchors every annotation onto it.
	ImportRevision(ctx context.Context, s interchange.Store, name string, data []byte, articleID string, opts interchange.ImportOptions) (RevisionReport, error)
}

// RevisionProposal is the article a file looks like a new version of.
type RevisionProposal struct {
	ArticleID string
	Title     string
	Revisions int    // the article's revisions now; the import would be Revisions+1
	Why       string // what matched: "URL matches", "87% of the text"
}

// RevisionReport says what importing a revision did.
type RevisionReport struct {
	ArticleID string
	Title     string
	Revision  int            // the new revision's number
	Placed    map[string]int // annotations placed, by method (annotate.PlacedExact, PlacedDiff, PlacedFuzzy)
	Orphans   int            // annotations whose text is gone
}

// importData imports a file's content: as a new revision of the article it
// looks like a new version of, when the user says so, else as before
// (importNew). A proposal that fails is not in the way: the file is
// imported as a new article.
func (d *Desk) importData(path string, data []byte) {
	if d.svc.Revisions == nil || d.svc.ReadOnly {
		d.importNew(path, data)
		return
	}
	d.background("Reading "+filepath.Base(path), func() (func(), error) {
		p, ok, err := d.svc.Revisions.ProposeRevisionOf(d.ctx, d.store(), path, data)
		if err != nil || !ok {
			return func() { d.importNew(path, data) }, nil
		}
		return func() { d.askRevision(path, data, p) }, nil
	})
}

// revisionQuestion is the dialog asking how to import a new version, kept
// for tests.
type revisionQuestion struct {
	dlg      dialog.Dialog
	revision *widget.Button
	article  *widget.Button
}

// askRevision asks whether the file is the proposed article's next
// revision or a new article; Cancel imports nothing.
func (d *Desk) askRevision(path string, data []byte, p RevisionProposal) {
	next := p.Revisions + 1
	msg := widget.NewLabel(fmt.Sprintf("This looks like a new version of “%s” (%s). Import it as revision %d of it, or as a new article?", p.Title, p.Why, next))
	msg.Wrapping = fyne.TextWrapWord
	q := &revisionQuestion{}
	q.revision = widget.NewButtonWithIcon(fmt.Sprintf("As revision %d", next), theme.HistoryIcon(), func() {
		q.dlg.Hide()
		d.importRevision(path, data, p)
	})
	q.revision.Importance = widget.HighImportance
	q.article = widget.NewButtonWithIcon("As a new article", theme.DocumentIcon(), func() {
		q.dlg.Hide()
		d.importNew(path, data)
	})
	content := container.NewVBox(msg, container.NewHBox(q.revision, q.article))
	q.dlg = dialog.NewCustom("Import "+filepath.Base(path), "Cancel", content, d.win)
	q.dlg.Resize(fyne.NewSize(min(560, d.win.Canvas().Size().Width*0.9), content.MinSize().Height*2))
	d.revAsked = q
	q.dlg.Show()
}

// importRevision imports the file as the article's next revision in the
// background, then opens the article and says how its annotations were
// placed.
func (d *Desk) importRevision(path string, data []byte, p RevisionProposal) {
	d.background(fmt.Sprintf("Importing %s as revision %d", filepath.Base(path), p.Revisions+1), func() (func(), error) {
		if d.svc.ReadOnly {
			return nil, fmt.Errorf("%s: %w", filepath.Base(path), d.errReadOnly())
		}
		opts := interchange.ImportOptions{ReadFile: readURI, FileTime: modTime(readURI, path)}
		r, err := d.svc.Revisions.ImportRevision(d.ctx, d.store(), path, data, p.ArticleID, opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		return func() { d.showRevised(r) }, nil
	})
}

// showRevised opens the revised article, on its Orphans tab when there are
// orphans, and reports the placements in the status line and a dialog.
func (d *Desk) showRevised(r RevisionReport) {
	d.lib.reload()
	if !d.show(r.ArticleID) {
		return
	}
	if r.Orphans > 0 && d.orphans.shown {
		d.tabs.Select(d.orphans.tab)
	}
	lines := revisionLines(r)
	d.setStatus(strings.Join(lines, "; "))
	dialog.ShowInformation(fmt.Sprintf("Imported revision %d", r.Revision), strings.Join(lines, "\n"), d.win)
}

// revisionLines are the report: the revision, the annotations by how they
// were placed, and the orphans.
func revisionLines(r RevisionReport) []string {
	lines := []string{fmt.Sprintf("revision %d of “%s” is current", r.Revision, r.Title)}
	var parts []string
	total := 0
	for _, m := range []struct{ method, words string }{
		{annotate.PlacedExact, "unchanged"}, {annotate.PlacedDiff, "by the word diff"},
		{annotate.PlacedFuzzy, "by approximate search"}, {placedManual, "by hand"},
	} {
		if n := r.Placed[m.method]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, m.words))
			total += n
		}
	}
	placed := fmt.Sprintf("%d annotations placed", total)
	if len(parts) > 0 {
		placed += ": " + strings.Join(parts, ", ")
	}
	lines = append(lines, placed)
	if r.Orphans > 0 {
		lines = append(lines, fmt.Sprintf("%d orphans: their text is gone; re-attach or delete them in the Orphans tab", r.Orphans))
	} else {
		lines = append(lines, "no orphans")
	}
	return lines
}

// RevisionImporter is the desk's RevisionImports through package
// interchange, for cmd/factmark to wire in (headless tests use fakes, or
// none: every import a new article).
func RevisionImporter() RevisionImports { return revisionImporter{} }

type revisionImporter struct{}

func (revisionImporter) ProposeRevisionOf(ctx context.Context, s interchange.Store, name string, data []byte) (RevisionProposal, bool, error) {
	ex, err := interchange.Extract(name, data)
	if err != nil {
		return RevisionProposal{}, false, nil // annotations, or a file the import will refuse with its own words
	}
	id, share, err := interchange.ProposeRevisionOf(ctx, s, ex)
	if err != nil || id == "" {
		return RevisionProposal{}, false, err
	}
	a, err := s.Articles.FindArticleByID(ctx, id)
	if err != nil {
		return RevisionProposal{}, false, err
	}
	p := RevisionProposal{ArticleID: id, Title: a.Title, Revisions: 1, Why: fmt.Sprintf("%.0f%% of the text", 100*share)}
	if u := strings.TrimSpace(ex.Meta.URL); u != "" && u == a.URL {
		p.Why = "the URL matches"
	}
	if f, ok := s.Articles.(revisionFinder); ok {
		if revs, err := f.FindRevisions(ctx, id); err == nil && len(revs) > 0 {
			p.Revisions = len(revs)
		}
	}
	return p, true, nil
}

func (revisionImporter) ImportRevision(ctx context.Context, s interchange.Store, name string, data []byte, articleID string, opts interchange.ImportOptions) (RevisionReport, error) {
	opts.RevisionOf = articleID
	r, err := interchange.Import(ctx, s, name, data, opts)
	if err != nil {
		return RevisionReport{}, err
	}
	rep := RevisionReport{ArticleID: articleID}
	if a, err := s.Articles.FindArticleByID(ctx, articleID); err == nil {
		rep.Title = a.Title
	}
	if rv := r.Revised; rv != nil {
		rep.Revision, rep.Placed, rep.Orphans = rv.Revision, rv.Methods, len(rv.Orphans)
	}
	return rep, nil
}
