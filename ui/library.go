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

// library is the left column: the project's articles, filtered by a fuzzy
// match in the store as the user types, and the Import button. It holds
// only the pages of rows it has shown (libraryPage rows each, read as the
// list scrolls to them), never the whole project.
type library struct {
	desk    *Desk
	filter  *widget.Entry
	list    *widget.List
	content fyne.CanvasObject
	total   int                               // articles matching the filter
	pages   map[int][]annotate.ArticleSummary // rows read, by page number
	typed   string                            // the filter's text when the list was last filtered for it
	titles  *rowLabels                        // the rows' title labels, by article
	none    *widget.Label                     // says that no article matches the filter
}

// libraryPage is how many rows one read of the store brings; libraryPages
// how many pages the library keeps before it forgets them all.
const (
	libraryPage  = 100
	libraryPages = 20
)

func newLibrary(d *Desk) *library {
	l := &library{desk: d, filter: widget.NewEntry(), pages: map[int][]annotate.ArticleSummary{}, titles: newRowLabels()}
	l.titles.newLabel = newTitleLabel
	l.filter.SetPlaceHolder("Filter articles")
	l.filter.OnChanged = whenTypingPauses(&l.filter.Text, &l.typed, l.applyTyped)
	l.list = widget.NewList(
		func() int { return l.total },
		func() fyne.CanvasObject {
			meta := widget.NewLabel("")
			meta.Truncation = fyne.TextTruncateEllipsis
			meta.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(container.NewStack(newTitleLabel()), meta)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s, _ := l.row(i)
			box := o.(*fyne.Container)
			l.titles.bind(box.Objects[0].(*fyne.Container), s.ID, s.Title, d.lookStamp())
			setLabel(box.Objects[1].(*widget.Label), summaryLine(s))
		},
	)
	l.list.OnSelected = func(i widget.ListItemID) {
		if s, ok := l.row(i); ok && (d.article == nil || s.ID != d.article.ID) {
			d.show(s.ID)
		}
	}
	importButton := widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), d.showImport)
	d.disableFields(importButton)
	l.none = widget.NewLabel("")
	l.none.Wrapping = fyne.TextWrapWord
	l.none.Hide()
	l.content = container.NewBorder(l.filter, importButton, nil, nil, container.NewStack(l.list, container.NewVBox(l.none)))
	return l
}

// newTitleLabel is a library row's title: bold, cut to the row's width.
func newTitleLabel() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// setLabel shows text in l unless l shows it already. A keystroke in the
// filter binds every visible row again, often to the text it had (the same
// outlet and counts), and each SetText of a truncated label shapes its text
// anew (about 0.2 ms, with a new shaper each time). The titles move between
// rows as the ranking changes: each article keeps its own measured title
// label (titles, as the panels' rows do).
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
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
func (l *library) reload() { l.apply() }

// apply reads the first page of the articles matching the filter text, best
// match first, forgetting the pages read before, and selects the open
// article when it is on that page.
func (l *library) apply() {
	clear(l.pages)
	l.total = 0
	_, ok := l.load(0)
	l.sayNone(ok)
	if !ok {
		l.list.Refresh()
		return
	}
	l.list.UnselectAll()
	for i, a := range l.pages[0] {
		if l.desk.article != nil && a.ID == l.desk.article.ID {
			l.list.Select(i)
		}
	}
	l.list.Refresh()
}

// noneQuoted is how much of the filter sayNone quotes, in characters.
const noneQuoted = 80

// sayNone shows, in place of an empty list, that no article matches the
// filter (a blank column looked like a project that failed to load).
// read says whether the store answered: if not, the status line says why.
func (l *library) sayNone(read bool) {
	q := strings.TrimSpace(l.filter.Text)
	if !read || l.total > 0 || q == "" {
		l.none.Hide()
		return
	}
	if r := []rune(q); len(r) > noneQuoted {
		q = string(r[:noneQuoted]) + "…" // a pasted page would run off the column
	}
	l.none.SetText(fmt.Sprintf("No article matches “%s”.", q))
	l.none.Show()
}

// applyTyped is apply for a new filter text, showing the list from its
// best match: selecting the open article scrolls to its row, and the list
// kept that offset as the filter narrowed (typing "clinton" over 10,000
// articles left the first match half hidden under the filter, where "c"
// had put the open article in view).
func (l *library) applyTyped() {
	l.apply()
	if l.list.GetScrollOffset() > 0 {
		l.list.ScrollToTop()
	}
}

// row is the i-th article the library lists, read with its page when the
// page is not at hand.
func (l *library) row(i int) (annotate.ArticleSummary, bool) {
	if i < 0 || i >= l.total {
		return annotate.ArticleSummary{}, false
	}
	page, ok := l.pages[i/libraryPage]
	if !ok {
		if page, ok = l.load(i / libraryPage); !ok {
			return annotate.ArticleSummary{}, false
		}
	}
	if k := i % libraryPage; k < len(page) {
		return page[k], true
	}
	return annotate.ArticleSummary{}, false
}

// load reads page n of the articles matching the filter, and how many match.
func (l *library) load(n int) ([]annotate.ArticleSummary, bool) {
	page, total, err := l.desk.svc.Articles.FindArticlesPage(l.desk.ctx, l.filter.Text, n*libraryPage, libraryPage)
	if err != nil {
		l.desk.showError(err)
		return nil, false
	}
	for i := range page {
		l.desk.withPendingSummary(&page[i])
	}
	if len(l.pages) >= libraryPages {
		clear(l.pages)
	}
	l.pages[n], l.total = page, total
	return page, true
}

// shown is the rows the library has read, in order, for tests.
func (l *library) shown() []annotate.ArticleSummary {
	var out []annotate.ArticleSummary
	for i := range l.total {
		page, ok := l.pages[i/libraryPage]
		if !ok {
			break
		}
		if k := i % libraryPage; k < len(page) {
			out = append(out, page[k])
		}
	}
	return out
}

// articles lists every article of the project, for the palette and tests:
// a read of the store, not of the library's pages.
func (l *library) articles() []annotate.ArticleSummary {
	list, err := l.desk.svc.Articles.FindArticles(l.desk.ctx)
	if err != nil {
		l.desk.showError(err)
	}
	return list
}

// name is the title of the article with the ID, from the pages read or else
// the store; "" when neither has it.
func (l *library) name(id string) string {
	for _, page := range l.pages {
		for _, a := range page {
			if a.ID == id {
				return a.Title
			}
		}
	}
	if a, err := l.desk.svc.Articles.FindArticleByID(l.desk.ctx, id); err == nil {
		return a.Title
	}
	return ""
}

// patchMeta shows an article's new details in its row, if it is read, as
// the change may not be written yet.
func (l *library) patchMeta(id string, m annotate.ArticleMeta) {
	for _, page := range l.pages {
		for i := range page {
			if s := &page[i]; s.ID == id {
				s.Title, s.Outlet, s.Published = m.Title, m.Outlet, m.Published
			}
		}
	}
	l.list.Refresh()
}

// setCounts shows new annotation counts in the article's row, if it is read.
func (l *library) setCounts(id string, attributions, claims, notes int) {
	for _, page := range l.pages {
		for i := range page {
			if s := &page[i]; s.ID == id {
				s.Attributions, s.Claims, s.Notes = attributions, claims, notes
				l.list.Refresh()
				return
			}
		}
	}
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

// withPendingSummary gives a row read from the store the details of changes
// not written yet (see withPendingMeta).
func (d *Desk) withPendingSummary(s *annotate.ArticleSummary) {
	if d.save == nil || d.save.q == nil {
		return
	}
	for _, c := range d.save.q.Pending() {
		for _, op := range c.Ops {
			if id, m, ok := op.ArticleMeta(); ok && id == s.ID {
				s.Title, s.Outlet, s.Published = m.Title, m.Outlet, m.Published
			}
		}
	}
}

// whenTypingPauses is an entry's OnChanged that calls apply once the keys
// already waiting have been read, and only when the text (*text) differs
// from what apply last ran for (*last). Each keystroke asks for it with
// fyne.Do, which queues it behind the events of the same frame, so keys
// typed faster than the store answers a filter cost a query a frame, not a
// query a character: 420 characters typed fast into the palette over
// 10,000 articles made a backlog of 420 queries (seen in the real window).
// In tests, where fyne.Do runs at once, it filters at every key as before.
func whenTypingPauses(text, last *string, apply func()) func(string) {
	return func(string) {
		fyne.Do(func() {
			if *text == *last {
				return
			}
			*last = *text
			apply()
		})
	}
}
