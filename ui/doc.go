// Package ui is Factmark's desktop window: the article library, the article
// view with its highlights, the Attributions, Claims and Notes panels with
// their editors, undo and redo, find, the command palette, and the import and
// export dialogs, with new articles from the clipboard and from files dropped
// on the window. A transcript's turns show in the article view's margin and
// give claims made in them their claimant; a PDF's pages and a turn's
// speaker and time are named in the status line. The fact-check workflow
// is there too: a claim's status moves only as its lifecycle allows,
// approvals and their withdrawal, corrections of published verdicts,
// evidence records with snapshots and the archive queue, threaded comments
// and an annotation's history (workflow.go and the files it names). It is
// the only package that imports Fyne; it reaches the project only through
// the annotate service interfaces.
package ui
