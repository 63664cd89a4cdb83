// Package pdftext makes an article of a PDF: it reads the glyphs each page
// draws (through github.com/ledongthuc/pdf's object and stream reader, with
// a content interpreter of its own) and lays them out again as text,
// column by column, in paragraphs, without running headers, footers and page
// numbers, with words broken at line ends joined, and with the span of every
// page so that evidence can cite "p. 4".
//
// It owns the reading of PDFs and nothing else: it neither stores nor
// anchors; its result is an annotate.Extracted for the import path. The
// layout rules are general (repeated strings at the same height, page-number
// patterns, gaps that split columns, indents and vertical gaps that start
// paragraphs), never rules for particular producers or files. A PDF that is
// not one, is damaged, encrypted, has no text layer, or expands past the
// limits is refused with a message that names the file.
package pdftext
