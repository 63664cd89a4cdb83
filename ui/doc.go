// Package ui is Factmark's desktop window: the article library, the article
// view with its highlights, the Attributions, Claims and Notes panels with
// their editors, undo and redo, find, the command palette, and the import and
// export dialogs. It is the only package that imports Fyne; it reaches the
// project only through the annotate service interfaces.
package ui
