package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The claim marker: while it is on (M, or "Mark claims as you select" in
// the Annotate menu and the palette), each stretch of text the pointer
// drags over in the article becomes a claim, as if C had been pressed
// after the drag, the way INCEpTION and Prodigy's manual interface label a
// span as soon as it is selected once the label is chosen. Marking the
// fourteen claims of an article is then fourteen drags. Selections made
// otherwise (a double-click, Shift+arrows, Find) stay plain selections, so
// that C, A and the part keys still work on them; a claim made this way is
// one change and one undo step, as C's is.

// newClaimMarkerLabel is the label at the end of the status line that says
// the marker is on; hidden (and taking no room) while it is off.
func newClaimMarkerLabel() *widget.Label {
	l := widget.NewLabel("Claim marker on: each drag makes a claim (M turns it off)")
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// toggleClaimMarker turns the claim marker on or off.
func (d *Desk) toggleClaimMarker() {
	d.marking = !d.marking
	if d.marking {
		d.marker.Show()
		d.setStatus("claim marker on: drag over a claim's text to make it a claim; M turns it off")
	} else {
		d.marker.Hide()
		d.setStatus("claim marker off")
	}
}

// dragSelected is the article view's report of a selection dragged with
// the pointer: a claim from it while the marker is on, through the claim
// command and its checks (an open, writable project; text, not blanks).
func (d *Desk) dragSelected(start, end int) {
	if !d.marking || start == end {
		return
	}
	if c := d.commandFor(fyne.KeyC); c != nil {
		d.do(c)()
	}
}
