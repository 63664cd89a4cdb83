package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
)

// claimItems lists the claims as "“text” · status · worthiness".
func claimItems(d *Desk) []item { return allItems(d, len(d.ann.Claims), claimItem) }

// claimItem is the row of the claim at i.
func claimItem(d *Desk, i int) item {
	c := &d.ann.Claims[i]
	label := firstQuote(c.Anchors) + " · " + c.Status.Label()
	if c.Worthiness != nil {
		label += fmt.Sprintf(" · %.2f", *c.Worthiness)
	}
	return item{c.ID, orphanPrefix(c.Orphan) + label}
}

// claimEditor edits the claim with the ID.
func (d *Desk) claimEditor(id string) fyne.CanvasObject {
	c := d.findClaim(id)
	if c == nil {
		return hint("Select text and press C to add a claim.")
	}
	if c.Orphan {
		return d.orphanEditor(id)
	}
	claimant := d.speakerField(id+"/claimant", c.SpeakerID, func(sid string) {
		d.updateClaim(id, "", func(x *annotate.Claim) { x.SpeakerID = sid })
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Claim", d.claimPieces(c)),
		widget.NewFormItem("Claimant", claimant),
	}
	if a := d.findAttribution(c.AttributionID); a != nil {
		from := widget.NewLabel(d.attributionLabel(a))
		from.Truncation = fyne.TextTruncateEllipsis
		items = append(items, widget.NewFormItem("From", from))
	}
	items = append(items,
		widget.NewFormItem("Worthiness", d.worthinessField(c)),
		widget.NewFormItem("Status", d.statusField(c)),
		widget.NewFormItem("Tags", d.tagsField(c)),
		widget.NewFormItem("Review URL", d.reviewURLField(c)),
	)
	items = append(items, widget.NewFormItem("Sign-off", d.approvalsBox(c)))
	if checked := d.checkedItem(c); checked != nil {
		items = append(items, checked)
	}
	if ev := d.claimEvidence(c.ID); ev != nil {
		items = append(items, widget.NewFormItem("Evidence", ev))
	}
	items = append(items, d.placementItems(&c.Meta)...)
	items = append(items, d.speakerDetails(c.SpeakerID)...)
	note := widget.NewButtonWithIcon("Add note", theme.DocumentCreateIcon(), d.createNote)
	del := widget.NewButtonWithIcon("Delete claim", theme.DeleteIcon(), d.deleteSelected)
	buttons := d.buttonRow(note, d.historyButton(id), del)
	return container.NewVBox(widget.NewForm(items...), buttons, d.commentsCard(id))
}

// claimPieces shows each piece of the claim's text in a box of fixed
// height (a long claim does not move the fields below it), each set to the
// selection or grown and shrunk a word at a time from the keyboard.
func (d *Desk) claimPieces(c *annotate.Claim) fyne.CanvasObject {
	id := c.ID
	lines := 3
	if len(c.Anchors) > 1 {
		lines = 1
	}
	box := container.NewVBox()
	for i, a := range c.Anchors {
		f := d.editorAnchor(&a, lines, fmt.Sprintf("%s/claim/%d", id, i), func(s *annotate.Anchor, key string) bool {
			if s == nil {
				return false
			}
			return d.updateClaim(id, key, func(x *annotate.Claim) {
				if i < len(x.Anchors) {
					x.Anchors[i] = *s
					if key == "" {
						annotate.SortAnchors(x.Anchors)
					}
				}
			})
		})
		box.Add(d.anchorFieldRow(f, "Set", false))
	}
	return box
}

// firstQuote quotes the first of the spans, or shows an empty quote.
func firstQuote(as []annotate.Anchor) string {
	if len(as) == 0 {
		return quote("")
	}
	return quote(as[0].Exact)
}

// spansText joins the quotes of a multi-piece span.
func spansText(as []annotate.Anchor) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = "“" + a.Exact + "”"
	}
	return strings.Join(parts, " … ")
}

func (d *Desk) worthinessField(c *annotate.Claim) fyne.CanvasObject {
	id := c.ID
	value := widget.NewLabel("not scored")
	slider := widget.NewSlider(0, 1)
	slider.Step = 0.05
	if c.Worthiness != nil {
		slider.SetValue(*c.Worthiness)
		value.SetText(fmt.Sprintf("%.2f (%s)", *c.Worthiness, c.WorthinessOrigin))
	}
	slider.OnChangeEnded = func(v float64) {
		d.updateClaim(id, "worthiness", func(x *annotate.Claim) {
			x.Worthiness, x.WorthinessOrigin = &v, annotate.Manual
		})
		value.SetText(fmt.Sprintf("%.2f (manual)", v))
	}
	return container.NewBorder(nil, nil, nil, value, slider)
}

// statusField offers the claim's status and only the moves the lifecycle
// allows from it (annotate.Status.Next); approved and corrected are
// reached by approvals and corrections, never chosen.
func (d *Desk) statusField(c *annotate.Claim) fyne.CanvasObject {
	id := c.ID
	choices := statusChoices(c.Status)
	labels := make([]string, len(choices))
	for i, s := range choices {
		labels[i] = s.Label()
	}
	sel := newSelect(labels, nil)
	sel.SetSelected(c.Status.Label())
	sel.OnChanged = func(label string) {
		for _, s := range choices {
			if s.Label() == label {
				d.moveClaim(id, s)
			}
		}
	}
	return sel
}

func (d *Desk) tagsField(c *annotate.Claim) fyne.CanvasObject {
	id := c.ID
	e := widget.NewEntry()
	e.SetPlaceHolder("Tags, separated by commas")
	e.SetText(strings.Join(c.Tags, ", "))
	e.OnChanged = func(s string) {
		d.updateClaim(id, "tags", func(x *annotate.Claim) { x.Tags = splitComma(s) })
	}
	return e
}

// reviewURLField edits the claim's own review URL, ClaimReview's url. A
// value is saved once it is an http(s) URL (or empty), so that typing one
// saves nothing half-typed; the entry shows what is wrong until then.
func (d *Desk) reviewURLField(c *annotate.Claim) fyne.CanvasObject {
	id := c.ID
	e := widget.NewEntry()
	e.SetPlaceHolder("https://example.org/fact-check/…")
	e.SetText(c.ReviewURL)
	check := func(s string) error { return annotate.CheckReviewURL("review URL", strings.TrimSpace(s)) }
	e.Validator = check
	e.OnChanged = func(s string) {
		s = strings.TrimSpace(s)
		if cur := d.findClaim(id); cur == nil || check(s) != nil || s == cur.ReviewURL {
			return
		}
		d.updateClaim(id, "review_url", func(x *annotate.Claim) { x.ReviewURL = s })
	}
	return e
}
