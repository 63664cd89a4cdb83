package ui

import (
	"context"
	"fmt"
	"image/color"
	"log"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/reanchor"
	"github.com/factmark/factmark/ui/textview"
)

// An article keeps its revisions; annotations are on the current (last)
// one. While an article has more than one, a picker above the article
// shows an earlier revision's text read-only, with the words the next
// revision deleted and the words it inserted over the previous one marked
// in two colours of their own (and named in the legend while shown).

// revisionFinder is the store's list of an article's revisions, oldest
// first (annotate.ArticleService has it; the desk asks by type assertion so
// that a service without revisions shows no picker).
type revisionFinder interface {
	FindRevisions(ctx context.Context, articleID string) ([]annotate.Revision, error)
}

// Highlight parts and groups of the change marks.
const (
	changeGroup   = "change:"
	partDeleted   = "deleted"
	partInserted  = "inserted"
	earlierStatus = "this is an earlier revision, read only: choose the current one above the article to annotate"
)

// revisionPicker is the select above the article and the revisions it
// offers.
type revisionPicker struct {
	desk    *Desk
	revs    []annotate.Revision // oldest first; fewer than two: no picker
	shown   int                 // the index in revs shown; len(revs)-1 is the current
	pick    *widget.Select
	content *fyne.Container
	legend  []fyne.CanvasObject // the change marks' legend entries, shown with an earlier revision
	kinds   []fyne.CanvasObject // the annotation kinds' entries, hidden meanwhile
	row     *fyne.Container     // the legend's row of entries
}

func newRevisionPicker(d *Desk) *revisionPicker {
	p := &revisionPicker{desk: d}
	p.pick = widget.NewSelect(nil, func(s string) {
		if i := slices.Index(p.pick.Options, s); i >= 0 && i != p.shown {
			p.show(i)
		}
	})
	p.content = container.NewPadded(p.pick)
	p.content.Hide()
	for _, k := range changeKinds {
		e := legendEntry(k.name, textview.Tint(k.color), nil)
		e.Hide()
		p.legend = append(p.legend, e)
	}
	return p
}

// load reads the article's revisions and shows its current one.
func (p *revisionPicker) load(a *annotate.Article) {
	p.revs = nil
	if f, ok := p.desk.svc.Articles.(revisionFinder); ok {
		revs, err := f.FindRevisions(p.desk.ctx, a.ID)
		if err != nil {
			log.Printf("factmark: revisions of %s: %v", a.ID, err) // the article opens without its picker
		}
		if len(revs) > 1 { // one is the article's own text again: not kept
			p.revs = revs
		}
	}
	slices.SortFunc(p.revs, func(x, y annotate.Revision) int { return x.Number - y.Number })
	p.shown = len(p.revs) - 1
	p.setLegend(false)
	if len(p.revs) < 2 {
		p.content.Hide()
		return
	}
	opts := make([]string, len(p.revs))
	for i, r := range p.revs {
		opts[i] = p.optionText(i, r)
	}
	p.pick.Options = opts
	p.pick.SetSelectedIndex(p.shown)
	p.content.Show()
}

// optionText is "Revision 3 of 3 (current) · 2026-12-01 10:42".
func (p *revisionPicker) optionText(i int, r annotate.Revision) string {
	s := fmt.Sprintf("Revision %d of %d", r.Number, p.revs[len(p.revs)-1].Number)
	if i == len(p.revs)-1 {
		s += " (current)"
	}
	if !r.Created.IsZero() {
		s += " · " + r.Created.Local().Format("2006-01-02 15:04")
	}
	return s
}

// earlier reports whether an earlier revision is shown.
func (p *revisionPicker) earlier() bool { return len(p.revs) > 1 && p.shown < len(p.revs)-1 }

// show puts revision i in the view: the current one with its annotations,
// an earlier one with its changes marked.
func (p *revisionPicker) show(i int) {
	d := p.desk
	p.shown = i
	if !p.earlier() {
		p.setLegend(false)
		d.view.SetText(d.article.Text)
		d.showTurns()
		d.drawn.ann = nil // draw every highlight again
		d.refresh(true)
		return
	}
	d.view.SetText(p.revs[i].Text)
	d.view.SetMarginLabels(nil) // the turns are the current text's
	d.view.SetHighlights(p.changeHighlights(i))
	p.setLegend(true)
	d.setStatus(earlierStatus)
}

func (p *revisionPicker) setLegend(on bool) {
	for _, e := range p.legend {
		setShown(e, on)
	}
	for _, e := range p.kinds {
		setShown(e, !on)
	}
	if p.row != nil {
		p.row.Refresh()
	}
}

// changeHighlights mark in revision i what the next revision deleted and
// what it inserted over the previous one.
func (p *revisionPicker) changeHighlights(i int) []textview.Highlight {
	text := annotate.NewText(p.revs[i].Text)
	var hs []textview.Highlight
	add := func(part string, spans [][2]int, c color.Color) {
		for _, s := range spans {
			hs = append(hs, textview.Highlight{Start: s[0], End: s[1], Color: c, ID: changeGroup + part + "/" + part, Group: changeGroup + part})
		}
	}
	if i+1 < len(p.revs) {
		deleted, _ := reanchor.Changes(text, annotate.NewText(p.revs[i+1].Text))
		add(partDeleted, deleted, colorDeleted)
	}
	if i > 0 {
		_, inserted := reanchor.Changes(annotate.NewText(p.revs[i-1].Text), text)
		add(partInserted, inserted, colorInserted)
	}
	return hs
}

// revisionNumber is the number of the article's current revision: 1 for
// an article never revised.
func (d *Desk) revisionNumber() int {
	if n := len(d.revs.revs); n > 0 {
		return d.revs.revs[n-1].Number
	}
	return 1
}

// refusedOnEarlier reports, and says in the status line, that the command
// would annotate while an earlier revision is shown: its offsets are not
// the current text's.
func (d *Desk) refusedOnEarlier(c *command) bool {
	if !d.revs.earlier() || c.menu != menuAnnotate && c.needs&(needSelection|needAnnotation|needAttribution) == 0 {
		return false
	}
	d.setStatus(earlierStatus)
	return true
}

func setShown(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}
