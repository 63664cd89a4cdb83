package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Fyne's tabs fold the ones that do not fit into a "…" menu, and at
// 1024×640 that hid Suggestions, the tab the review keys work in. The
// panels' side of the split is kept wide enough for every tab's label.

// minWidthLayout gives its only object at least a width.
type minWidthLayout struct{ width func() float32 }

func (l minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(max(s.Width, l.width()), s.Height)
}

// tabsWidth is the width the tab bar needs to show every tab's label: each
// label in the tabs' text style, with a tab's padding, measured now (the
// text size follows the theme).
func tabsWidth(tabs *container.AppTabs) float32 {
	w := float32(0)
	for _, it := range tabs.Items {
		// a tab button: its label and the inner padding on each side
		// (container/tabs.go), the buttons a padding apart
		w += fyne.MeasureText(it.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding() + theme.Padding()
	}
	return w + 4*theme.Padding() // and the split's handle, with a margin for rounding
}

// withAllTabs wraps the tabs so that the split leaves room for all of them.
func withAllTabs(tabs *container.AppTabs) fyne.CanvasObject {
	return container.New(minWidthLayout{width: func() float32 { return tabsWidth(tabs) }}, tabs)
}
