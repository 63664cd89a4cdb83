package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sahilm/fuzzy"

	"github.com/factmark/factmark/annotate"
)

// library is the left column: the project's articles, filtered by fuzzy
// match as the user types, and the Import button.
type library struct {
	desk    *Desk
	all     []annotate.ArticleSummary
	shown   []annotate.ArticleSummary
	filter  *widget.Entry
	list    *widget.List
	content fyne.CanvasObject
}

func newLibrary(d *Desk) *library {
	l := &library{desk: d, filter: widget.NewEntry()}
	l.filter.SetPlaceHolder("Filter articles")
	l.filter.OnChanged = func(string) { l.apply() }
	l.list = widget.NewList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewLabel("")
			meta.Truncation = fyne.TextTruncateEllipsis
			meta.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(title, meta)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(l.shown[i].Title)
			box.Objects[1].(*widget.Label).SetText(summaryLine(l.shown[i]))
		},
	)
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < len(l.shown) && (d.article == nil || l.shown[i].ID != d.article.ID) {
			d.show(l.shown[i].ID)
		}
	}
	importButton := widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), d.showImport)
	d.disableFields(importButton)
	l.content = container.NewBorder(l.filter, importButton, nil, nil, l.list)
	return l
}

// summaryLine is the second line of a library row: outlet, date, counts.
func summaryLine(s annotate.ArticleSummary) string {
	var parts []string
	if s.Outlet != "" {
		parts = append(parts, s.Outlet)
	}
	if s.Published != "" {
		parts = append(parts, s.Published)
	}
	parts = append(parts, fmt.Sprintf("%d A · %d C · %d N", s.Attributions, s.Claims, s.Notes))
	return strings.Join(parts, " · ")
}

// reload reads the article list again.
func (l *library) reload() {
	all, err := l.desk.svc.Articles.FindArticles(l.desk.ctx)
	if err != nil {
		l.desk.showError(err)
		return
	}
	l.all = all
	l.apply()
}

// apply filters the articles by the filter text, best match first.
func (l *library) apply() {
	l.shown = fuzzyFilter(l.filter.Text, l.all, func(a annotate.ArticleSummary) string { return a.Title + " " + a.Outlet })
	l.list.UnselectAll()
	for i, a := range l.shown {
		if l.desk.article != nil && a.ID == l.desk.article.ID {
			l.list.Select(i)
		}
	}
	l.list.Refresh()
}

// fuzzyFilter returns the items whose key fuzzily matches q, best first, or
// all of them in their order when q is blank.
func fuzzyFilter[T any](q string, items []T, key func(T) string) []T {
	if strings.TrimSpace(q) == "" {
		return items
	}
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = key(it)
	}
	var out []T
	for _, m := range fuzzy.Find(strings.TrimSpace(q), keys) {
		out = append(out, items[m.Index])
	}
	return out
}
