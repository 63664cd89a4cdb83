package ui

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/ui/deskstate"
	"github.com/factmark/factmark/ui/textview"
)

// proposal is one suggestion in the Suggestions tab: an attribution or a
// check-worthy sentence. The user may edit its spans before accepting it;
// key stays the suggester's, so that a rejection is remembered as proposed.
type proposal struct {
	key  string
	attr *suggest.Attribution // nil for a sentence
	sent *suggest.Sentence
	part string // the span the span keys adjust (see activeSpan)
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
	if p.sent.Speaker != "" { // a transcript's turn says who spoke it
		return fmt.Sprintf("claim %.2f · %s: %s", p.sent.Score, p.sent.Speaker, quote(p.sent.Anchor.Exact))
	}
	return fmt.Sprintf("claim %.2f: %s", p.sent.Score, quote(p.sent.Anchor.Exact))
}

// reason explains the proposal. Once the reviewer has moved its spans the
// reason still tells what the suggester weighed, and says so: it was given
// for the spans as they were.
func (p *proposal) reason() string {
	why := p.suggestedWhy()
	if p.spansChanged() {
		return "As suggested, before your changes to its spans: " + why
	}
	return why
}

// suggestedWhy is the suggester's explanation of the proposal.
func (p *proposal) suggestedWhy() string {
	if p.attr != nil {
		return p.attr.Reason
	}
	if len(p.sent.Reasons) == 0 {
		return fmt.Sprintf("Check-worthiness %.2f.", p.sent.Score)
	}
	return fmt.Sprintf("Check-worthiness %.2f: %s.", p.sent.Score, strings.Join(p.sent.Reasons, "; "))
}

// spansChanged reports whether the proposal's spans differ from those it
// was made with (its key is theirs).
func (p *proposal) spansChanged() bool {
	if p.attr != nil {
		return p.attr.Key() != p.key
	}
	return p.sent.Key() != p.key
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
// proposals, and review them one key a decision (see reviewKeys). The
// decision bar above the editor stays put whatever the proposal's length.
type suggestionsPanel struct {
	desk     *Desk
	all      []*proposal // for the open article, neither accepted nor rejected
	shown    []*proposal
	current  *proposal
	hidden   int // claims the other filters show but the score hides
	kind     *guardedSelect
	minScore *widget.Slider
	scoreLbl *widget.Label
	countLbl *widget.Label
	filter   *widget.Entry
	list     *reviewList
	bar      *decisionBar
	edit     *fyne.Container
	content  fyne.CanvasObject
	quiet    bool
	// firstField is the current editor's first field, for the E key; nil
	// when it has none to type in.
	firstField fyne.Focusable
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
	p.countLbl = widget.NewLabel("")
	p.countLbl.Truncation = fyne.TextTruncateEllipsis
	p.minScore = widget.NewSlider(0, 1)
	p.minScore.Step = 0.01
	p.minScore.OnChanged = func(v float64) { p.scoreLbl.SetText(fmt.Sprintf("claims ≥ %.2f", v)); p.apply() }
	p.minScore.SetValue(suggest.MinClaimScore)
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter suggestions")
	p.filter.OnChanged = func(string) { p.apply() }
	p.list = newReviewList(p)
	p.list.OnSelected = func(i widget.ListItemID) {
		p.list.sel = i
		if !p.quiet && i < len(p.shown) {
			p.show(p.shown[i])
		}
	}
	p.bar = newDecisionBar(p)
	run := widget.NewButton("Suggest", d.runSuggest)
	acceptAll := widget.NewButton("Accept all shown", p.acceptAll)
	// Rejecting all shown is in the Annotate menu and the palette: a second
	// button here would widen the tab past the smallest window's room.
	top := container.NewVBox(
		container.NewBorder(nil, nil, run, acceptAll, p.filter),
		container.NewBorder(nil, nil, p.kind, p.scoreLbl, p.minScore),
	)
	listPane := container.NewBorder(nil, p.countLbl, nil, nil, p.list)
	editPane := container.NewBorder(p.bar.content, nil, nil, nil, container.NewVScroll(p.edit))
	split := container.NewVSplit(listPane, editPane)
	split.Offset = 0.4
	p.content = container.NewBorder(top, nil, nil, nil, split)
	p.apply()
	return p
}

// set replaces the proposals with the suggester's result, leaving out the
// rejected ones and those the article has already, and selects the first.
func (p *suggestionsPanel) set(res *suggest.Result, rejected map[string]bool) {
	p.all = nil
	for i := range res.Attributions {
		a := &res.Attributions[i]
		if k := a.Key(); !rejected[k] && !p.desk.hasAttribution(a.Content) {
			if a.SpeakerID == "" && p.desk.article != nil {
				// A surname alone ("Starmer"), named as a source set by
				// hand is: in full as the text gives it elsewhere.
				a.Speaker = fullerName(p.desk.article.Text, a.Speaker)
			}
			p.all = append(p.all, &proposal{key: k, attr: a})
		}
	}
	for i := range res.Sentences {
		s := &res.Sentences[i]
		if k := s.Key(); !rejected[k] && !p.desk.hasClaim(s.Anchor) {
			p.all = append(p.all, &proposal{key: k, sent: s})
		}
	}
	p.sortAll()
	p.current = nil
	p.apply()
	p.list.Select(0) // none when nothing is shown

}

// sortAll puts the attributions first and the claims after them, each in
// text order: the two are reviewed differently (an attribution's parts are
// checked and fixed, a claim is taken or left), and once the attributions
// are decided, what is left is the claims, which "Reject every suggestion
// shown" then clears in one step.
func (p *suggestionsPanel) sortAll() {
	sort.SliceStable(p.all, func(i, j int) bool {
		a, b := p.all[i], p.all[j]
		if (a.attr != nil) != (b.attr != nil) {
			return a.attr != nil
		}
		return a.start() < b.start()
	})
}

// clear drops the proposals, when another article is opened.
func (p *suggestionsPanel) clear() {
	p.all, p.current = nil, nil
	p.apply()
}

// apply filters the proposals by kind, score and text, and counts the
// claims the score alone hides.
func (p *suggestionsPanel) apply() {
	if p.list == nil || p.bar == nil {
		return
	}
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.nameSpeakers()
	before := p.shown
	p.shown, p.hidden = nil, 0
	for _, s := range p.all {
		switch {
		case p.kind.Selected == kindAttributions && s.attr == nil,
			p.kind.Selected == kindClaims && s.sent == nil,
			q != "" && !strings.Contains(strings.ToLower(s.label()), q):
			continue
		case s.sent != nil && s.sent.Score < p.minScore.Value:
			p.hidden++
			continue
		}
		p.shown = append(p.shown, s)
	}
	p.quiet = true
	p.list.UnselectAll()
	if i := p.index(p.current); i >= 0 {
		p.list.Select(i)
	}
	p.quiet = false
	p.list.Refresh()
	p.countLbl.SetText(p.countText())
	p.showEditor()
	p.redrawHighlights(before)
}

// nameSpeakers gives each attribution suggestion whose speaker is only a
// name the registry speaker that name means now: the suggester ran before
// the speakers the review has since added ("Starmer" is Keir Starmer once an
// accepted attribution made him), and accepting would take that speaker
// anyway (proposalOp), so the list and the editor say so beforehand.
func (p *suggestionsPanel) nameSpeakers() {
	var reg *annotate.Registry
	for _, s := range p.all {
		if s.attr == nil || s.attr.SpeakerID != "" || s.attr.Speaker == "" {
			continue
		}
		if reg == nil {
			reg = annotate.NewRegistry(p.desk.speakers)
		}
		if sp, ok := reg.Match(s.attr.Speaker); ok {
			s.attr.SpeakerID, s.attr.Speaker = sp.ID, sp.Name
		}
	}
}

// redrawHighlights replaces the dashed highlights of the suggestions shown
// before with those of the ones shown now, leaving the annotations' alone
// (10,000 of them take ~10 ms to build again). When the desk's annotations
// were replaced and are not drawn yet (an article opening), nothing: the
// desk's refresh that follows draws every highlight, these included.
func (p *suggestionsPanel) redrawHighlights(before []*proposal) {
	d := p.desk
	if d.drawn.ann != d.ann {
		return
	}
	groups := make(map[string][]textview.Highlight, len(before)+len(p.shown))
	for _, s := range before {
		groups[proposalPrefix+s.key] = nil
	}
	for _, s := range p.shown {
		groups[proposalPrefix+s.key] = suggestionHighlights(nil, s)
	}
	d.view.SetHighlightsFor(groups)
}

// countText says how many proposals are left to review and how many claims
// the threshold hides, so that a user knows to lower it.
func (p *suggestionsPanel) countText() string {
	if len(p.all) == 0 {
		return ""
	}
	msg := fmt.Sprintf("%d to review", len(p.shown))
	if p.hidden > 0 {
		msg += fmt.Sprintf(" · %d %s below %.2f hidden", p.hidden, plural(p.hidden, "claim", "claims"), p.minScore.Value)
	}
	return msg
}

// index is where s is in the shown list, or -1.
func (p *suggestionsPanel) index(s *proposal) int {
	for i, t := range p.shown {
		if s != nil && t == s {
			return i
		}
	}
	return -1
}

// show selects a proposal and marks its text, scrolled into view; the list
// takes the keyboard, so that the review keys work after a tap on the
// proposal's highlight too.
func (p *suggestionsPanel) show(s *proposal) {
	p.current = s
	p.showEditor()
	p.markSpans()
	if c := p.desk.win.Canvas(); c.Focused() != p.list && !p.editing() {
		c.Focus(p.list)
	}
}

// markSpans selects the current proposal's text in the article (which
// scrolls it into view): all of it, or the span being adjusted.
func (p *suggestionsPanel) markSpans() {
	s := p.current
	if s == nil {
		return
	}
	_, spans := s.anchors()
	start, end := spans[0].Start, spans[0].End
	for _, a := range spans[1:] {
		start, end = min(start, a.Start), max(end, a.End)
	}
	p.desk.view.SetSelection(start, end)
}

// editing reports whether a field of the editor has the keyboard. The
// filter is none: a tap on a proposal after typing one takes the keyboard
// to the list, or the review's A went into the filter.
func (p *suggestionsPanel) editing() bool {
	f := p.desk.win.Canvas().Focused()
	return f != nil && f != p.list && f != p.desk.view && f != p.filter
}

// showEditor shows the editor of the current proposal.
func (p *suggestionsPanel) showEditor() {
	p.edit.Objects = nil
	p.firstField = nil
	if s := p.current; s != nil && p.visible(s) {
		editor := p.desk.proposalEditor(s)
		p.desk.disableFields(editor)
		p.edit.Add(editor)
	} else {
		p.current = nil
		p.edit.Add(hint(p.emptyHint()))
	}
	p.edit.Refresh()
	p.bar.update()
}

// emptyHint is what the editor says with no proposal selected.
func (p *suggestionsPanel) emptyHint() string {
	switch {
	case len(p.all) == 0:
		return "Suggest proposes attributions and check-worthy claims; then review them one key a decision: " + reviewKeysText + "."
	case len(p.shown) == 0:
		return "No suggestion is shown: change the filter, the kind or the claim threshold."
	}
	return "Select a suggestion to review it: " + reviewKeysText + "."
}

func (p *suggestionsPanel) visible(s *proposal) bool { return p.index(s) >= 0 }

// remove takes proposals off the list once accepted or rejected. When the
// current one goes, the next undecided one is selected (the one before when
// it was the last), so that the review goes on at one key a decision.
func (p *suggestionsPanel) remove(gone ...*proposal) {
	drop := map[*proposal]bool{}
	for _, s := range gone {
		drop[s] = true
	}
	next := p.current
	if drop[p.current] {
		next = p.nextKept(drop)
	}
	kept := p.all[:0]
	for _, s := range p.all {
		if !drop[s] {
			kept = append(kept, s)
		}
	}
	p.all = kept
	p.current = nil
	p.apply()
	if next != nil && p.visible(next) {
		p.quiet = true
		p.list.Select(p.index(next))
		p.quiet = false
		p.show(next)
	}
}

// nextKept is the first shown proposal after the current one that is not
// being dropped, else the last before it, else nil.
func (p *suggestionsPanel) nextKept(drop map[*proposal]bool) *proposal {
	at := p.index(p.current)
	if at < 0 {
		return nil
	}
	for _, s := range p.shown[at+1:] {
		if !drop[s] {
			return s
		}
	}
	for i := at - 1; i >= 0; i-- {
		if !drop[p.shown[i]] {
			return p.shown[i]
		}
	}
	return nil
}

// restore puts proposals back on the list, when the decision on them is
// undone, and selects the first of them.
func (p *suggestionsPanel) restore(ps ...*proposal) {
	for _, s := range ps {
		if !slices.Contains(p.all, s) {
			p.all = append(p.all, s)
		}
	}
	p.sortAll()
	p.apply()
	if len(ps) > 0 && p.visible(ps[0]) {
		p.list.Select(p.index(ps[0]))
	}
}

// step selects the proposal k places after the current one (before it for
// k < 0), stopping at the ends; with none selected it selects the first.
func (p *suggestionsPanel) step(k int) {
	if len(p.shown) == 0 {
		return
	}
	i := p.index(p.current)
	switch {
	case i < 0:
		i = 0
	default:
		i = min(max(i+k, 0), len(p.shown)-1)
	}
	if p.shown[i] == p.current {
		p.list.ScrollTo(i)
		p.markSpans()
		return
	}
	p.list.Select(i)
}

// acceptCurrent and rejectCurrent decide on the selected proposal.
func (p *suggestionsPanel) acceptCurrent() {
	if p.current != nil {
		p.desk.acceptProposals(p.current)
	}
}

func (p *suggestionsPanel) rejectCurrent() {
	if p.current != nil {
		p.desk.rejectProposal(p.current)
	}
}

// acceptAll accepts every proposal the filter shows, as one undo step.
func (p *suggestionsPanel) acceptAll() {
	if len(p.shown) == 0 {
		return
	}
	shown := append([]*proposal(nil), p.shown...)
	p.desk.acceptProposals(shown...)
}

// rejectAll rejects every proposal the filter shows, as one undo step: what
// a reviewer does with the claims left once the ones worth checking are
// accepted.
func (p *suggestionsPanel) rejectAll() {
	if len(p.shown) == 0 {
		return
	}
	p.desk.rejectProposals(append([]*proposal(nil), p.shown...)...)
}

// runSuggest runs the suggester on the open article, with its turns when it
// is a transcript, in the background, with its progress shown, and fills the
// Suggestions tab.
func (d *Desk) runSuggest() {
	if d.article == nil {
		return
	}
	text, id, turns := d.text, d.article.ID, d.article.Turns
	reg := annotate.NewRegistry(d.speakers)
	pending := d.save.q.Pending() // rejections that may be written while the suggester runs
	bar := widget.NewProgressBar()
	ctx, cancel := context.WithCancel(d.ctx)
	progress := dialog.NewCustom("Suggesting", "Cancel", bar, d.win)
	progress.SetOnClosed(cancel)
	progress.Show()
	go func() {
		res, rejected, err := d.suggestFor(ctx, id, text, turns, reg, func(done, total int) {
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

// suggestFor runs the suggester on an article's text and turns (none for
// an article that is not a transcript) and reads the suggestions rejected on
// it before.
func (d *Desk) suggestFor(ctx context.Context, id string, text *annotate.Text, turns []annotate.Turn, reg *annotate.Registry,
	progress func(done, total int)) (*suggest.Result, map[string]bool, error) {
	s, err := suggest.New()
	if err != nil {
		return nil, nil, err
	}
	res, err := s.SuggestWith(ctx, text, reg, suggest.Options{Turns: turns}, progress)
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
	d.tabs.SelectIndex(tabSuggestions)
	d.sugg.set(res, withPendingRejections(id, rejected, d.save.q.Pending()))
	d.win.Canvas().Focus(d.sugg.list)
	msg := fmt.Sprintf("%d suggestions", len(d.sugg.all))
	if d.sugg.hidden > 0 {
		msg += fmt.Sprintf(" (%d %s below %.2f hidden)", d.sugg.hidden, plural(d.sugg.hidden, "claim", "claims"), d.sugg.minScore.Value)
	}
	d.setStatus(msg + "; review them with " + reviewKeysText)
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
