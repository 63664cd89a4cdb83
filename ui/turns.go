package ui

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/ui/textview"
)

// Transcripts and PDFs on the desk: each turn's speaker and time in the
// article view's margin, a claim made inside a turn attributed to its
// speaker, the page and the turn of the selection in the status line, and
// the question whether turns found in a plain text are turns at all.

// turnsUpdater is the article service's method that replaces an article's
// turns (nil: none, the text is plain). Not every service has it: the
// desk asks for it when it needs it.
type turnsUpdater interface {
	UpdateArticleTurns(ctx context.Context, articleID string, turns []annotate.Turn) error
}

// showTurns puts the open article's turns in the view's margin: the
// speaker, and the time the turn starts where it is known.
func (d *Desk) showTurns() {
	if d.article == nil || len(d.article.Turns) == 0 {
		d.view.SetMarginLabels(nil)
		return
	}
	reg := annotate.NewRegistry(d.speakers)
	labels := make([]textview.MarginLabel, 0, len(d.article.Turns))
	for _, t := range d.article.Turns {
		labels = append(labels, textview.MarginLabel{Offset: t.Start, Text: turnLabel(reg, t)})
	}
	d.view.SetMarginLabels(labels)
}

// turnLabel is what the margin says of a turn: "Donald Trump 1:02:03".
func turnLabel(reg *annotate.Registry, t annotate.Turn) string {
	name := turnSpeakerName(reg, t)
	if t.TimeStart != nil {
		return name + " " + clockTime(*t.TimeStart)
	}
	return name
}

// clockTime spells seconds from the start of a recording as m:ss, or
// h:mm:ss from an hour on.
func clockTime(sec float64) string {
	s := int(math.Max(math.Floor(sec), 0))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// turnSpeaker is the registry speaker of the turn: the one the import
// matched or added (SpeakerID), else the one its label names.
func turnSpeaker(reg *annotate.Registry, t annotate.Turn) (annotate.Speaker, bool) {
	if t.SpeakerID != "" {
		for _, sp := range reg.Speakers() {
			if sp.ID == t.SpeakerID {
				return sp, true
			}
		}
	}
	return reg.Match(t.Speaker)
}

// turnSpeakerName is the registry's name of the turn's speaker, or the
// label the file gives ("TRUMP") when the registry has none.
func turnSpeakerName(reg *annotate.Registry, t annotate.Turn) string {
	if sp, ok := turnSpeaker(reg, t); ok {
		return sp.Name
	}
	return t.Speaker
}

// turnAt is the index of the open article's turn holding offset, or -1.
func (d *Desk) turnAt(offset int) int {
	if d.article == nil {
		return -1
	}
	return annotate.TurnAt(d.article.Turns, offset)
}

// turnHolding is the index of the turn that holds all of [start, end), or -1.
func (d *Desk) turnHolding(start, end int) int {
	i := d.turnAt(start)
	if i < 0 || end > d.article.Turns[i].End {
		return -1
	}
	return i
}

// pageAt is the number of the open article's page holding offset, or 0.
func (d *Desk) pageAt(offset int) int {
	if d.article == nil {
		return 0
	}
	ps := d.article.Pages
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End > offset })
	if i < len(ps) && ps[i].Start <= offset {
		return ps[i].Number
	}
	return 0
}

// selectionPlace is what the status line adds to a selection [start, end)
// of an article with pages or turns: ", p. 4" (or "pp. 4–5"), and the
// speaker and time of the turn it starts in.
func (d *Desk) selectionPlace(start, end int) string {
	var b strings.Builder
	if first := d.pageAt(start); first > 0 {
		if last := d.pageAt(end - 1); last > first {
			fmt.Fprintf(&b, ", pp. %d–%d", first, last)
		} else {
			fmt.Fprintf(&b, ", p. %d", first)
		}
	}
	if i := d.turnAt(start); i >= 0 {
		t := d.article.Turns[i]
		fmt.Fprintf(&b, ", %s's turn", turnSpeakerName(annotate.NewRegistry(d.speakers), t))
		if t.TimeStart != nil {
			b.WriteString(" at " + clockTime(*t.TimeStart))
		}
	}
	return b.String()
}

// personalSpeaker is the speaker of a source "I" or "me" set by hand in a
// transcript's turn: the turn's (as the suggester has it); name is the
// turn's label when the registry does not know it and the attribution has
// no speaker yet. Any other personal pronoun, or one outside every turn,
// names no one: current stays (the suggester's surnames once made every "I"
// of a debate "Maria I").
func (d *Desk) personalSpeaker(mention string, s annotate.Anchor, current string) (speaker, name string) {
	i := d.turnAt(s.Start)
	if !suggest.IsFirstPerson(mention) || i < 0 {
		return current, ""
	}
	t := d.article.Turns[i]
	if sp, ok := turnSpeaker(annotate.NewRegistry(d.speakers), t); ok {
		return sp.ID, ""
	}
	if current == "" {
		name = t.Speaker
	}
	return current, name
}

// turnClaimant gives a new claim with no attribution around it the speaker
// of the turn it lies in, and returns what the status line should say of
// it ("" when it lies in no turn).
func (d *Desk) turnClaimant(c *annotate.Claim) string {
	sel := c.Anchors[0]
	i := d.turnHolding(sel.Start, sel.End)
	if i < 0 {
		return ""
	}
	t := d.article.Turns[i]
	sp, ok := turnSpeaker(annotate.NewRegistry(d.speakers), t)
	if !ok {
		return fmt.Sprintf("claim with no claimant: %s, this turn's speaker, is not in the registry", t.Speaker)
	}
	c.SpeakerID = sp.ID
	return fmt.Sprintf("claim by %s (the speaker of this turn)", sp.Name)
}

// detectedTurns reports whether the article's turns were found in a plain
// text (a "NAME:" transcript) rather than read from subtitles, which the
// user should confirm.
func detectedTurns(a *annotate.Article) bool {
	if a == nil || len(a.Turns) == 0 {
		return false
	}
	return a.Source == nil || strings.HasPrefix(a.Source.Type, "text/plain") || strings.HasPrefix(a.Source.Type, "text/markdown")
}

// offerPlainText asks, once after importing a plain text in which turns
// were found, whether they are turns: "Plain text" drops them.
func (d *Desk) offerPlainText(r *interchange.Report) {
	a := d.article
	if r == nil || r.Article == nil || r.Existed || a == nil || a.ID != r.Article.ID || !detectedTurns(a) {
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("This looks like a transcript: %d %s by %s.\nKeep the turns?",
		len(a.Turns), plural(len(a.Turns), "turn", "turns"), speakerList(a.Turns, maxSpeakersListed)))
	dlg := dialog.NewCustomConfirm("A transcript?", "Keep", "Plain text", msg, func(keep bool) {
		if keep {
			d.setStatus(fmt.Sprintf("kept %d turns", len(a.Turns)))
			return
		}
		d.dropTurns(a.ID)
	}, d.win)
	dlg.Show()
}

// maxSpeakersListed is how many speakers the question names.
const maxSpeakersListed = 5

// speakerList names the turns' speakers in order of first turn, at most
// max of them and then how many more.
func speakerList(turns []annotate.Turn, max int) string {
	var names []string
	seen := map[string]bool{}
	for _, t := range turns {
		if !seen[t.Speaker] {
			seen[t.Speaker] = true
			names = append(names, t.Speaker)
		}
	}
	if len(names) > max {
		return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
	}
	return strings.Join(names, ", ")
}

// dropTurns stores the article as plain text, without turns, and shows it
// so.
func (d *Desk) dropTurns(id string) {
	up, ok := d.svc.Articles.(turnsUpdater)
	if !ok {
		d.setStatus("this project cannot change an article's turns; the turns stay")
		return
	}
	d.background("Keeping it as plain text", func() (func(), error) {
		if err := up.UpdateArticleTurns(d.ctx, id, nil); err != nil {
			return nil, err
		}
		return func() {
			if d.article != nil && d.article.ID == id {
				d.article.Turns = nil
				d.showTurns()
			}
			d.setStatus("kept as plain text, without turns")
		}, nil
	})
}
