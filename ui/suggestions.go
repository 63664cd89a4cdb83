package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/ui/deskstate"
)

// proposal is one suggestion in the Suggestions tab: an attribution or a
// check-worthy sentence. The user may edit its spans before accepting it;
// key stays the suggester's, so that a rejection is remembered as proposed.
type proposal struct {
	key  string
	attr *suggest.Attribution // nil for a sentence
	sent *suggest.Sentence
}

// label sums the proposal up for the list.
func (p *proposal) label() string {
	if p.attr != nil {
		who := p.attr.Speaker
		if who == "" {
			who = "(unknown speaker)"
		}
		cue := ""
		if p.attr.Cue != nil {
			cue = " · " + p.attr.Cue.Exact
		}
		return fmt.Sprintf("attribution: %s%s · %s", who, cue, firstQuote(p.attr.Content))
	}
	return fmt.Sprintf("claim %.2f: %s", p.sent.Score, quote(p.sent.Anchor.Exact))
}

// reason explains the proposal.
func (p *proposal) reason() string {
	if p.attr != nil {
		return p.attr.Reason
	}
	if len(p.sent.Reasons) == 0 {
		return fmt.Sprintf("Check-worthiness %.2f.", p.sent.Score)
	}
	return fmt.Sprintf("Check-worthiness %.2f: %s.", p.sent.Score, strings.Join(p.sent.Reasons, "; "))
}

// start is where the proposal begins in the text.
func (p *proposal) start() int {
	if p.attr != nil {
		return p.attr.Start()
	}
	return p.sent.Anchor.Start
}

// anchors are the proposal's spans with the highlight part of each.
func (p *proposal) anchors() (parts []string, spans []annotate.Anchor) {
	if p.sent != nil {
		return []string{partClaim}, []annotate.Anchor{p.sent.Anchor}
	}
	if p.attr.Source != nil {
		parts, spans = append(parts, partSource), append(spans, *p.attr.Source)
	}
	if p.attr.Cue != nil {
		parts, spans = append(parts, partCue), append(spans, *p.attr.Cue)
	}
	for _, c := range p.attr.Content {
		parts, spans = append(parts, partContent), append(spans, c)
	}
	return parts, spans
}

// suggestionsPanel is the Suggestions tab: run the suggester, filter its
// proposals, and accept, edit or reject them.
type suggestionsPanel struct {
	desk     *Desk
	all      []*proposal // for the open article, neither accepted nor rejected
	shown    []*proposal
	current  *proposal
	kind     *guardedSelect
	minScore *widget.Slider
	scoreLbl *widget.Label
	filter   *widget.Entry
	list     *widget.List
	edit     *fyne.Container
	content  fyne.CanvasObject
	quiet    bool
}

const (
	kindAll          = "All"
	kindAttributions = "Attributions"
	kindClaims       = "Claims"
)

func newSuggestionsPanel(d *Desk) *suggestionsPanel {
	p := &suggestionsPanel{desk: d, edit: container.NewVBox()}
	p.kind = newSelect([]string{kindAll, kindAttributions, kindClaims}, func(string) { p.apply() })
	p.kind.SetSelected(kindAll)
	p.scoreLbl = widget.NewLabel("")
	p.minScore = widget.NewSlider(0, 1)
	p.minScore.Step = 0.05
	p.minScore.OnChanged = func(v float64) { p.scoreLbl.SetText(fmt.Sprintf("claims ≥ %.2f", v)); p.apply() }
	p.minScore.SetValue(suggest.MinClaimScore)
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter suggestions")
	p.filter.OnChanged = func(string) { p.apply() }
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i].label()) },
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.quiet && i < len(p.shown) {
			p.show(p.shown[i])
		}
	}
	run := widget.NewButton("Suggest", d.runSuggest)
	acceptAll := widget.NewButton("Accept all shown", p.acceptAll)
	top := container.NewVBox(
		container.NewBorder(nil, nil, run, acceptAll, p.filter),
		container.NewBorder(nil, nil, p.kind, p.scoreLbl, p.minScore),
	)
	split := container.NewVSplit(p.list, container.NewVScroll(p.edit))
	split.Offset = 0.5
	p.content = container.NewBorder(top, nil, nil, nil, split)
	return p
}

// set replaces the proposals with the suggester's result, leaving out the
// rejected ones and those the article has already.
func (p *suggestionsPanel) set(res *suggest.Result, rejected map[string]bool) {
	p.all = nil
	for i := range res.Attributions {
		a := &res.Attributions[i]
		if k := a.Key(); !rejected[k] && !p.desk.hasAttribution(a.Content) {
			p.all = append(p.all, &proposal{key: k, attr: a})
		}
	}
	for i := range res.Sentences {
		s := &res.Sentences[i]
		if k := s.Key(); !rejected[k] && !p.desk.hasClaim(s.Anchor) {
			p.all = append(p.all, &proposal{key: k, sent: s})
		}
	}
	sort.SliceStable(p.all, func(i, j int) bool { return p.all[i].start() < p.all[j].start() })
	p.current = nil
	p.apply()
}

// clear drops the proposals, when another article is opened.
func (p *suggestionsPanel) clear() {
	p.all, p.current = nil, nil
	p.apply()
}

// apply filters the proposals by kind, score and text.
func (p *suggestionsPanel) apply() {
	if p.list == nil {
		return
	}
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.shown = nil
	for _, s := range p.all {
		switch {
		case p.kind.Selected == kindAttributions && s.attr == nil,
			p.kind.Selected == kindClaims && s.sent == nil,
			s.sent != nil && s.sent.Score < p.minScore.Value,
			q != "" && !strings.Contains(strings.ToLower(s.label()), q):
			continue
		}
		p.shown = append(p.shown, s)
	}
	p.quiet = true
	p.list.UnselectAll()
	for i, s := range p.shown {
		if s == p.current {
			p.list.Select(i)
		}
	}
	p.quiet = false
	p.list.Refresh()
	p.showEditor()
	p.desk.view.SetHighlights(p.desk.highlights())
}

// show selects a proposal and marks its text.
func (p *suggestionsPanel) show(s *proposal) {
	p.current = s
	p.showEditor()
	_, spans := s.anchors()
	start, end := spans[0].Start, spans[0].End
	for _, a := range spans[1:] {
		start, end = min(start, a.Start), max(end, a.End)
	}
	p.desk.view.SetSelection(start, end)
}

// showEditor shows the editor of the current proposal.
func (p *suggestionsPanel) showEditor() {
	p.edit.Objects = nil
	if s := p.current; s != nil && p.visible(s) {
		p.edit.Add(p.desk.proposalEditor(s))
	} else {
		p.current = nil
		p.edit.Add(hint("Suggest proposes attributions and check-worthy claims; select one to accept, edit or reject it."))
	}
	p.edit.Refresh()
}

func (p *suggestionsPanel) visible(s *proposal) bool {
	for _, t := range p.shown {
		if t == s {
			return true
		}
	}
	return false
}

// remove takes proposals off the list once accepted or rejected.
func (p *suggestionsPanel) remove(gone ...*proposal) {
	drop := map[*proposal]bool{}
	for _, s := range gone {
		drop[s] = true
	}
	kept := p.all[:0]
	for _, s := range p.all {
		if !drop[s] {
			kept = append(kept, s)
		}
	}
	p.all = kept
	if drop[p.current] {
		p.current = nil
	}
	p.apply()
}

// acceptAll accepts every proposal the filter shows, as one undo step.
func (p *suggestionsPanel) acceptAll() {
	if len(p.shown) == 0 {
		return
	}
	shown := append([]*proposal(nil), p.shown...)
	p.desk.acceptProposals(shown...)
}

// runSuggest runs the suggester on the open article in the background, with
// its progress shown, and fills the Suggestions tab.
func (d *Desk) runSuggest() {
	if d.article == nil {
		return
	}
	text, id := d.text, d.article.ID
	reg := annotate.NewRegistry(d.speakers)
	pending := d.save.q.Pending() // rejections that may be written while the suggester runs
	bar := widget.NewProgressBar()
	ctx, cancel := context.WithCancel(d.ctx)
	progress := dialog.NewCustom("Suggesting", "Cancel", bar, d.win)
	progress.SetOnClosed(cancel)
	progress.Show()
	go func() {
		res, rejected, err := d.suggestFor(ctx, id, text, reg, func(done, total int) {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		})
		fyne.Do(func() {
			progress.Hide()
			cancel()
			switch {
			case ctx.Err() != nil && err != nil:
				d.setStatus("suggesting cancelled")
			case err != nil:
				d.showError(err)
			default:
				d.showSuggestions(id, res, withPendingRejections(id, rejected, pending))
			}
		})
	}()
}

// suggestFor runs the suggester on an article's text and reads the
// suggestions rejected on it before.
func (d *Desk) suggestFor(ctx context.Context, id string, text *annotate.Text, reg *annotate.Registry,
	progress func(done, total int)) (*suggest.Result, map[string]bool, error) {
	s, err := suggest.New()
	if err != nil {
		return nil, nil, err
	}
	res, err := s.Suggest(ctx, text, reg, progress)
	if err != nil {
		return nil, nil, err
	}
	rejected, err := d.svc.Rejections.FindRejections(ctx, id)
	return res, rejected, err
}

// showSuggestions fills the Suggestions tab, unless the user has opened
// another article meanwhile.
func (d *Desk) showSuggestions(id string, res *suggest.Result, rejected map[string]bool) {
	if d.article == nil || d.article.ID != id {
		return
	}
	d.sugg.set(res, withPendingRejections(id, rejected, d.save.q.Pending()))
	d.tabs.SelectIndex(tabSuggestions)
	d.setStatus(fmt.Sprintf("%d suggestions", len(d.sugg.all)))
}

// withPendingRejections adds to the rejections read from the store those of
// changes not written yet, and takes away those undone since.
func withPendingRejections(id string, rejected map[string]bool, changes []deskstate.Change) map[string]bool {
	if rejected == nil {
		rejected = map[string]bool{}
	}
	for _, c := range changes {
		for _, op := range c.Ops {
			if article, key, rej, ok := op.Rejection(); ok && article == id {
				rejected[key] = rej
			}
		}
	}
	return rejected
}

// hasAttribution reports whether an attribution has exactly this content.
func (d *Desk) hasAttribution(content []annotate.Anchor) bool {
	for _, a := range d.ann.Attributions {
		if sameSpans(a.Content, content) {
			return true
		}
	}
	return false
}

// hasClaim reports whether a claim has exactly this span.
func (d *Desk) hasClaim(s annotate.Anchor) bool {
	for _, c := range d.ann.Claims {
		if sameSpans(c.Anchors, []annotate.Anchor{s}) {
			return true
		}
	}
	return false
}

func sameSpans(a, b []annotate.Anchor) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Start != b[i].Start || a[i].End != b[i].End {
			return false
		}
	}
	return true
}
