package ui

import (
	"cmp"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/similar"
	"github.com/factmark/factmark/interchange"
)

// checkedIndex is the desk's index of the fact-checks done before (issue
// 14), in two parts: the imported feeds' reviews, built once and again only
// when a feed is imported (a feed may hold 100,000 of them, two seconds to
// index), and the project's own claims with a verdict, built again when a
// verdict on the open article (the only one the desk changes) is set or
// changed.
type checkedIndex struct {
	feeds, own *similar.Index
	byID       map[string]annotate.KnownCheck
	built      string // the fingerprint own was built for (checkedFingerprint)
}

// checkedFingerprint is what the index of own checks depends on that the
// desk can change: the open article and its notes' verdicts.
func (d *Desk) checkedFingerprint() string {
	var b strings.Builder
	if d.article != nil {
		b.WriteString(d.article.ID)
	}
	for i := range d.ann.Notes {
		n := &d.ann.Notes[i]
		if n.ClaimID != "" && n.Verdict != "" {
			fmt.Fprintf(&b, "|%s=%s", n.ClaimID, n.Verdict)
		}
	}
	return b.String()
}

// knownChecks returns the index, its parts built again where they may be
// stale; nil when the project keeps no checks (a store without the service)
// or they cannot be read (the error is in the status line).
func (d *Desk) knownChecks() *checkedIndex {
	if d.svc.Checks == nil {
		return nil
	}
	fp := d.checkedFingerprint()
	ci := d.checked
	if ci != nil && ci.built == fp && ci.feeds != nil {
		return ci
	}
	checks, err := d.svc.Checks.FindKnownChecks(d.ctx)
	if err != nil {
		d.showError(err)
		return nil
	}
	var own, feeds []annotate.KnownCheck
	byID := make(map[string]annotate.KnownCheck, len(checks))
	for _, k := range checks {
		byID[k.ID] = k
		if k.Own() {
			own = append(own, k)
		} else {
			feeds = append(feeds, k)
		}
	}
	next := &checkedIndex{own: similar.KnownIndex(own), byID: byID, built: fp}
	if ci != nil && ci.feeds != nil {
		next.feeds = ci.feeds // no feed was imported since
	} else {
		next.feeds = similar.KnownIndex(feeds)
	}
	d.checked = next
	return next
}

// checkedMatches are the earlier checks that say what the claim says, best
// first, without the claim itself and those already linked: the project's
// and the feeds' together, at most similar.MatchesShown.
func (d *Desk) checkedMatches(c *annotate.Claim) []similar.Match {
	ci := d.knownChecks()
	if ci == nil {
		return nil
	}
	text := spansText(c.Anchors)
	ms := append(ci.own.CheckedBefore(text, c.ID), ci.feeds.CheckedBefore(text, c.ID)...)
	ms = slices.DeleteFunc(ms, func(m similar.Match) bool { return slices.Contains(c.CheckedBefore, m.ID) })
	slices.SortStableFunc(ms, func(a, b similar.Match) int { return cmp.Compare(b.Score, a.Score) })
	return ms[:min(len(ms), similar.MatchesShown)]
}

// checkedItem is the claim editor's "Checked before" row: the checks the
// user linked, each with Unlink, then the matches not linked yet, each with
// Link (the first one also by the L key). Nil when there is nothing to show
// and no checks are kept.
func (d *Desk) checkedItem(c *annotate.Claim) *widget.FormItem {
	ci := d.knownChecks()
	if ci == nil {
		return nil
	}
	box := container.NewVBox()
	for _, id := range c.CheckedBefore {
		k, ok := ci.byID[id]
		if !ok {
			k = annotate.KnownCheck{ID: id, Claim: "(no longer in the project)"}
		}
		box.Add(d.checkRow(k, "Unlink", theme.ContentRemoveIcon(), func() { d.unlinkCheck(c.ID, id) }))
	}
	for i, m := range d.checkedMatches(c) {
		k := ci.byID[m.ID]
		label := "Link"
		if i == 0 {
			label = "Link (L)"
		}
		box.Add(d.checkRow(k, label, theme.ContentAddIcon(), func() { d.linkCheck(c.ID, k.ID) }))
	}
	if len(box.Objects) == 0 {
		none := widget.NewLabel("No earlier fact-check says this.")
		none.Wrapping = fyne.TextWrapWord
		box.Add(none)
	}
	return widget.NewFormItem("Checked before", box)
}

// checkRow shows one earlier check: verdict, who and when, the claim, a
// link to the published check when it has a web URL, and an action.
func (d *Desk) checkRow(k annotate.KnownCheck, action string, icon fyne.Resource, run func()) fyne.CanvasObject {
	who := k.Publisher
	if k.Own() {
		who = strings.TrimSpace("this project · " + k.Title)
	}
	head := strings.Join(slices.DeleteFunc([]string{k.Verdict, who, k.Date}, func(s string) bool { return s == "" }), " · ")
	title := widget.NewLabel(head)
	title.TextStyle.Bold = true
	title.Wrapping = fyne.TextWrapWord
	claim := widget.NewLabel("“" + clipWords(k.Claim, checkClaimShown) + "”")
	claim.Wrapping = fyne.TextWrapWord
	// One under the other: the editor is narrow, and a row that wraps
	// inside a form item overlaps the item below.
	row := container.NewVBox(title, claim)
	if u, err := url.Parse(k.URL); err == nil && annotate.ValidURL(k.URL) {
		row.Add(widget.NewHyperlink("Open the fact-check", u))
	}
	if d.editable() {
		row.Add(widget.NewButtonWithIcon(action, icon, run))
	}
	return row
}

// checkClaimShown is how many characters of an earlier check's claim the
// editor shows: enough to judge that it says the same.
const checkClaimShown = 200

// clipWords is s cut to at most n characters at a word, with an ellipsis.
func clipWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}

// linkCheck links the earlier check to the claim, through the change path.
func (d *Desk) linkCheck(claimID, checkID string) {
	d.updateClaim(claimID, "", func(x *annotate.Claim) {
		if !slices.Contains(x.CheckedBefore, checkID) {
			x.CheckedBefore = append(x.CheckedBefore, checkID)
		}
	})
}

func (d *Desk) unlinkCheck(claimID, checkID string) {
	d.updateClaim(claimID, "", func(x *annotate.Claim) {
		x.CheckedBefore = slices.DeleteFunc(slices.Clone(x.CheckedBefore), func(id string) bool { return id == checkID })
		if len(x.CheckedBefore) == 0 {
			x.CheckedBefore = nil
		}
	})
}

// linkBestCheck is the L key: it links the selected claim's best earlier
// check not linked yet, or says there is none.
func (d *Desk) linkBestCheck() {
	c := d.findClaim(d.selected)
	if c == nil {
		d.setStatus("Select a claim to link it to an earlier fact-check")
		return
	}
	ms := d.checkedMatches(c)
	if len(ms) == 0 {
		d.setStatus("No earlier fact-check says what this claim says")
		return
	}
	d.linkCheck(c.ID, ms[0].ID)
}

// showImportChecks asks for a ClaimReview feed (a .json or .jsonld file) and
// adds its fact-checks to those the desk offers as checked before.
func (d *Desk) showImportChecks() {
	if !d.editable() || d.svc.Checks == nil {
		return
	}
	chooseLocalFile(d.win, []string{".json", ".jsonld"}, d.showError, d.importChecks).Show()
}

// importChecks reads the feed at path and stores its checks.
func (d *Desk) importChecks(path string) {
	checks, err := interchange.ReadCheckFeeds(path)
	if err != nil {
		d.showError(err)
		return
	}
	added, err := d.svc.Checks.ImportKnownChecks(d.ctx, checks)
	if err != nil {
		d.showError(err)
		return
	}
	d.checked = nil
	d.setStatus(fmt.Sprintf("imported %d fact-checks (%d new) from %s", len(checks), added, filepath.Base(path)))
	d.claims.syncEditor(true)
}
