package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// withdrawnMark marks a withdrawn approval in the list (a label cannot
// strike its text through).
const withdrawnMark = "✗ withdrawn: "

// approvalLine is one approval as the claim editor lists it: who and when,
// and for a withdrawn one, marked, when and why.
func approvalLine(a *annotate.Approval) string {
	if a.Active() {
		return "✓ " + a.Reviewer + " · " + when(a.At)
	}
	return withdrawnMark + a.Reviewer + " · " + when(a.At) + " — " + when(*a.Withdrawn) + ": " + orDefault(a.WithdrawnWhy, "no reason given")
}

// correctionLine is one correction as the claim editor lists it.
func correctionLine(k *annotate.Correction) string {
	return when(k.At) + " · " + orDefault(k.Author, "(no name)") + " · " + k.What + " — why: " + k.Why
}

// approvalsBox shows the claim's sign-off: "1 of 2 approvals", each
// approval (withdrawn ones marked, with why), the buttons that approve and
// withdraw, and the corrections of a published verdict.
func (d *Desk) approvalsBox(c *annotate.Claim) fyne.CanvasObject {
	id := c.ID
	box := container.NewVBox(widget.NewLabelWithStyle(d.approvalCount(c), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i := range c.Approvals {
		a := &c.Approvals[i]
		l := widget.NewLabel(approvalLine(a))
		l.Wrapping = fyne.TextWrapWord
		if !a.Active() {
			l.Importance = widget.LowImportance
			box.Add(l)
			continue
		}
		reviewer := a.Reviewer
		withdraw := widget.NewButton("Withdraw…", func() { d.askWithdraw(id, reviewer) })
		box.Add(container.NewBorder(nil, nil, nil, withdraw, l))
	}
	me := strings.TrimSpace(d.settings.Annotator)
	approve := widget.NewButtonWithIcon("Approve…", theme.ConfirmIcon(), func() { d.askApprove(id) })
	if me != "" {
		approve.SetText("Approve as " + me)
		approve.OnTapped = func() { d.approveClaim(id, me) }
	}
	other := widget.NewButton("Another reviewer…", func() { d.askApprove(id) })
	if ok, why := d.canApprove(c, me); !ok && (me != "" || d.svc.Review == nil) {
		approve.Disable()
		box.Add(hint(why))
	}
	if ok, _ := d.approvable(c); !ok {
		other.Disable()
	}
	box.Add(container.NewVBox(approve, other))
	if len(c.Corrections) > 0 {
		box.Add(widget.NewLabelWithStyle("Corrections", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i := range c.Corrections {
			l := widget.NewLabel(correctionLine(&c.Corrections[i]))
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
	}
	return box
}

// approveSelected approves the selected claim as the settings' annotator,
// or asks the reviewer's name when none is set (the command's key).
func (d *Desk) approveSelected() {
	c := d.findClaim(d.selected)
	if c == nil {
		d.setStatus("select a claim to approve")
		return
	}
	if me := strings.TrimSpace(d.settings.Annotator); me != "" {
		d.approveClaim(c.ID, me)
		return
	}
	d.askApprove(c.ID)
}

// askApprove asks who approves the claim.
func (d *Desk) askApprove(id string) {
	name := lineEntry("", "The reviewer's full name", "reviewer")
	name.Validator = requiredText("give the reviewer's name")
	dlg := dialog.NewForm("Approve the verdict", "Approve", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Reviewer", name)}, func(ok bool) {
			if ok {
				d.approveClaim(id, name.Text)
			}
		}, d.win)
	name.OnSubmitted = func(string) { dlg.Submit() } // Enter approves, once a name is given
	dlg.Resize(fyne.NewSize(min(440, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(name)
}

// askWithdraw asks why reviewer's approval is withdrawn; the reason is
// required.
func (d *Desk) askWithdraw(id, reviewer string) {
	why := lineEntry("", "Why the approval no longer stands", "why")
	why.Validator = requiredText("say why")
	dlg := dialog.NewForm(fmt.Sprintf("Withdraw %s's approval", reviewer), "Withdraw", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Why", why)}, func(ok bool) {
			if ok {
				d.withdrawApproval(id, reviewer, why.Text)
			}
		}, d.win)
	why.OnSubmitted = func(string) { dlg.Submit() }
	dlg.Resize(fyne.NewSize(min(480, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(why)
}

// requiredText is a validator that refuses blank text with the message.
func requiredText(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return annotate.Errorf(annotate.EINVALID, "%s", msg)
		}
		return nil
	}
}
