package ui

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// The theme choices as the settings dialog names them, in the order of
// themeValues.
var (
	themeLabels = []string{"Follow the system", "Light", "Dark"}
	themeValues = []string{"", "light", "dark"}
)

// reviewURLPlaceholder is the example the review URL pattern's entry shows.
const reviewURLPlaceholder = "https://example.org/fact-check/{slug}"

// themeDefaultSize is the text-size choice that keeps the theme's size.
const themeDefaultSize = "Theme default"

// settingsForm is the settings dialog's fields.
type settingsForm struct {
	annotator, org, orgURL *widget.Entry
	reviewURL              *widget.Entry
	theme, size, scale     *guardedSelect
	approvals              *guardedSelect
}

// maxApprovals is the most approvals a project may require.
const maxApprovals = 9

// approvalChoices are the approvals-required select's options, 1 to 9.
func approvalChoices() []string {
	out := make([]string, maxApprovals)
	for i := range out {
		out[i] = strconv.Itoa(i + 1)
	}
	return out
}

// showSettings opens the settings dialog: the annotator's name (stamped on
// new annotations), the organisation and its web site (ClaimReview's
// author), the pattern of its fact-checks' URLs (ClaimReview's url), the theme and the article's text size. Save makes one change,
// undone with Ctrl+Z like any other.
func (d *Desk) showSettings() {
	f := d.newSettingsForm()
	items := []*widget.FormItem{
		widget.NewFormItem("Your name", f.annotator),
		widget.NewFormItem("Organisation", f.org),
		widget.NewFormItem("Organisation URL", f.orgURL),
		widget.NewFormItem("Fact-check URL", f.reviewURL),
		widget.NewFormItem("Theme", f.theme),
		widget.NewFormItem("Text size", f.size),
		widget.NewFormItem("Rating scale", f.scale),
		widget.NewFormItem("Approvals required", f.approvals),
	}
	items[0].HintText = "stamped on each annotation you make"
	items[2].HintText = "named with the organisation in ClaimReview exports"
	items[3].HintText = "fills in {slug}, {id}, {date}, {year}, {month}, {day}"
	items[6].HintText = "verdicts not on a new scale keep their label and are flagged"
	items[7].HintText = "different reviewers who must approve a verdict before its claim is approved"
	dlg := dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if ok {
			d.chooseSettings(f.settings(d.settings))
		}
	}, d.win)
	dlg.Resize(fyne.NewSize(min(560, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
	d.win.Canvas().Focus(f.annotator)
}

func (d *Desk) newSettingsForm() *settingsForm {
	s := d.settings
	f := &settingsForm{
		annotator: lineEntry(s.Annotator, "Your full name", "annotator"),
		org:       lineEntry(s.Organization, "The fact-checking organisation", "organization"),
		orgURL:    lineEntry(s.OrganizationURL, "https://…", "organization_url"),
		reviewURL: lineEntry(s.ReviewURL, reviewURLPlaceholder, "review_url"),
		theme:     newSelect(themeLabels, nil),
		size:      newSelect(textSizes(), nil),
		scale:     newSelect(scaleChoices(&s.Scale), nil),
		approvals: newSelect(approvalChoices(), nil),
	}
	f.approvals.SetSelected(strconv.Itoa(min(max(s.ApprovalsRequired, 1), maxApprovals)))
	f.orgURL.Validator = func(v string) error {
		return (&annotate.Settings{OrganizationURL: strings.TrimSpace(v), Scale: annotate.DefaultScale()}).Validate()
	}
	f.reviewURL.Validator = func(v string) error { return annotate.CheckReviewURLPattern("review_url", strings.TrimSpace(v)) }
	f.theme.SetSelected(themeLabels[max(0, indexOf(themeValues, s.Theme))])
	f.size.SetSelected(sizeLabel(s.TextSize))
	f.scale.SetSelected(scaleChoice(&s.Scale))
	return f
}

// scaleChoices are the scale select's options: the presets by name, and the
// project's scale when it is a custom one.
func scaleChoices(current *annotate.Scale) []string {
	var names []string
	for _, p := range annotate.ScalePresets() {
		names = append(names, p.Scale.Name)
	}
	if current.PresetOf() == "" {
		names = append(names, scaleChoice(current))
	}
	return names
}

// scaleChoice is the option that stands for the scale.
func scaleChoice(s *annotate.Scale) string {
	if key := s.PresetOf(); key != "" {
		p, _ := annotate.FindScalePreset(key)
		return p.Name
	}
	return "Custom: " + s.Name
}

// chosenScale is the scale the select names: base's own when it is
// unchanged, else the preset, carried over from base.
func chosenScale(base annotate.Scale, choice string) annotate.Scale {
	if choice == scaleChoice(&base) {
		return base
	}
	for _, p := range annotate.ScalePresets() {
		if p.Scale.Name == choice {
			return carryScale(base, p.Scale)
		}
	}
	return base
}

// carryScale is next as the desk keeps it after a change from old: every
// label of old that next lacks is kept as retired, whether or not a note of
// this article uses it (the store, which sees every article, keeps only
// those in use), so that no note the desk shows falls off the scale.
func carryScale(old, next annotate.Scale) annotate.Scale {
	if old.SameRatings(&next) {
		next.Version, next.Retired = old.Version, slices.Clone(old.Retired)
		return next
	}
	labels := old.Labels()
	for _, v := range old.Retired {
		labels = append(labels, v.Label)
	}
	ch, err := annotate.ChangeScale(old, next, labels, nil)
	if err != nil {
		return next // a preset is valid, and a nil map cannot fail
	}
	return ch.Scale
}

// lineEntry is a one-line entry refusing control characters, as field.
func lineEntry(value, placeholder, field string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.SetText(value)
	e.Validator = func(v string) error { return annotate.CheckLine(field, v) }
	return e
}

// settings are base with the form's values.
func (f *settingsForm) settings(base annotate.Settings) annotate.Settings {
	s := deskstate.CloneSettings(base)
	s.Annotator = strings.TrimSpace(f.annotator.Text)
	s.Organization = strings.TrimSpace(f.org.Text)
	s.OrganizationURL = strings.TrimSpace(f.orgURL.Text)
	s.ReviewURL = strings.TrimSpace(f.reviewURL.Text)
	s.Theme = themeValues[max(0, indexOf(themeLabels, f.theme.Selected))]
	s.TextSize = 0
	if v, err := strconv.ParseFloat(f.size.Selected, 32); err == nil {
		s.TextSize = float32(v)
	}
	s.Scale = chosenScale(s.Scale, f.scale.Selected)
	if n, err := strconv.Atoi(f.approvals.Selected); err == nil && (n != max(base.ApprovalsRequired, 1)) {
		s.ApprovalsRequired = n // an unchanged choice keeps 0 as 0: both mean 1
	}
	return s
}

// textSizes are the text-size choices.
func textSizes() []string {
	sizes := []string{themeDefaultSize}
	for v := 10; v <= 32; v += 2 {
		sizes = append(sizes, strconv.Itoa(v))
	}
	return sizes
}

func sizeLabel(size float32) string {
	if size == 0 {
		return themeDefaultSize
	}
	return strconv.FormatFloat(float64(size), 'g', -1, 32)
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// chooseSettings saves the settings; when their scale lacks verdicts the
// article's notes carry, it first asks what each becomes.
func (d *Desk) chooseSettings(next annotate.Settings) {
	if labels := d.flaggedBy(&next.Scale); len(labels) > 0 {
		d.showScaleMap(next, labels)
		return
	}
	d.saveSettings(next, nil)
}

// flaggedBy returns the verdicts of the article's notes that are on the
// desk's scale but not on scale, in the order of the notes.
func (d *Desk) flaggedBy(scale *annotate.Scale) []string {
	var labels []string
	if d.ann == nil {
		return nil
	}
	for _, n := range d.ann.Notes {
		if scale.Flagged(n.Verdict) && !d.settings.Scale.Flagged(n.Verdict) && !slices.Contains(labels, n.Verdict) {
			labels = append(labels, n.Verdict)
		}
	}
	return labels
}

// keepFlagged is the mapping step's choice that relabels nothing.
const keepFlagged = "Keep it (flagged)"

// showScaleMap is the mapping step of a change of scale: for each verdict
// of the article's notes that the new scale lacks, the user picks a verdict
// of the new scale, or keeps it (the notes are flagged). Notes of other
// articles keep their verdicts, flagged.
func (d *Desk) showScaleMap(next annotate.Settings, labels []string) {
	selects := make([]*guardedSelect, len(labels))
	var items []*widget.FormItem
	for i, label := range labels {
		selects[i] = newSelect(append([]string{keepFlagged}, next.Scale.Labels()...), nil)
		selects[i].SetSelected(keepFlagged)
		items = append(items, widget.NewFormItem(label, selects[i]))
	}
	items[len(items)-1].HintText = "notes of other articles keep their verdict, flagged (factmark settings scale --map relabels every article)"
	title := "Verdicts not on " + next.Scale.Name
	dlg := dialog.NewForm(title, "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		relabel := map[string]string{}
		for i, s := range selects {
			if s.Selected != keepFlagged && s.Selected != "" {
				relabel[labels[i]] = s.Selected
			}
		}
		d.saveSettings(next, relabel)
	}, d.win)
	dlg.Resize(fyne.NewSize(min(560, d.win.Canvas().Size().Width-40), dlg.MinSize().Height))
	dlg.Show()
}

// saveSettings commits the settings, and the relabelling of the article's
// notes, as one undoable change and shows the theme and text size they
// choose. Undo puts the old scale back before the notes' old verdicts.
func (d *Desk) saveSettings(next annotate.Settings, relabel map[string]string) bool {
	old := deskstate.CloneSettings(d.settings)
	if reflect.DeepEqual(old, next) {
		d.setStatus("the settings are unchanged")
		return false
	}
	const label = "change settings"
	back := deskstate.CloneSettings(old)
	back.Scale = carryScale(next.Scale, old.Scale)
	redo := deskstate.Change{Label: label, Ops: []deskstate.Op{deskstate.UpdateSettings(next)}}
	undo := deskstate.Change{Label: "undo " + label, Ops: []deskstate.Op{deskstate.UpdateSettings(back)}}
	for _, n := range d.ann.Notes {
		if to, ok := relabel[n.Verdict]; ok {
			m := deskstate.CloneNote(n)
			m.Verdict = to
			redo.Ops = append(redo.Ops, deskstate.UpdateNote(m))
			undo.Ops = append(undo.Ops, deskstate.UpdateNote(deskstate.CloneNote(n)))
		}
	}
	seq := d.commit(redo)
	if seq == 0 {
		return false
	}
	d.hist.push(edit{label: label, undo: undo, redo: redo, seq: seq, afterUndo: d.applySettings, afterRedo: d.applySettings})
	d.applySettings()
	d.setStatus("settings saved")
	return true
}

// applySettings shows what the settings change: the look, and the notes,
// whose verdicts may be on the scale or flagged.
func (d *Desk) applySettings() {
	d.applyLook()
	if d.notes != nil {
		d.notes.reload(true)
	}
}

// applyLook shows the theme and text size the settings choose.
func (d *Desk) applyLook() {
	d.applyTheme()
	d.view.SetTextSize(d.theme.textSize)
	d.view.Refresh()
}

// applyTheme sets the app's theme to the settings' variant and text size;
// on start it runs before the window's widgets are made, so that every one
// of them is drawn in it.
func (d *Desk) applyTheme() {
	t := d.theme
	switch d.settings.Theme {
	case "light":
		t.variant, t.forced = theme.VariantLight, true
	case "dark":
		t.variant, t.forced = theme.VariantDark, true
	default:
		t.forced = false
	}
	t.textSize = d.settings.TextSize
	if t.textSize == 0 {
		t.textSize = theme.TextSize()
	}
	d.app.Settings().SetTheme(t)
}
