// Package annotate is Factmark's domain: articles and their normalised text,
// anchors and the quotes that place them (AnchorQuote), speakers and their
// registry, rating scales, and the three kinds of annotation a fact-checker
// makes (attributions, claims and fact-check notes), with the rules that make
// them valid and the errors (*Error, with a code) that say why not.
//
// It also holds the Go types of the native document (Document, ArticleDoc)
// and their validation, because the store imports and exports whole
// projects as that document; reading and writing it as JSON, and every other
// file format, belong to package interchange. Extracted is what an importer
// of article text (web page, PDF, transcript) hands to the import path.
//
// It owns the meaning of the data, not its storage, its files or its
// display: it imports neither Fyne, nor database/sql, nor interchange.
// Offsets are Unicode code points into NFC-normalised text with '\n' line
// ends, everywhere.
//
// The service interfaces in service.go are what the rest of the program
// needs from storage; package store implements them with SQLite.
package annotate
