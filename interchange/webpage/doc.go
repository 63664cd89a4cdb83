// Package webpage turns a saved web page (.html) into an article: the page's
// main content as plain text in paragraphs, found by
// codeberg.org/readeck/go-readability (a port of Mozilla's Readability), and
// the details the page gives of itself (title, authors, date, outlet,
// canonical URL, language) from its JSON-LD, OpenGraph and meta tags.
//
// It owns reading the page's bytes (its declared character set, refusing
// what is not a page), the content's text with paragraph breaks, and the
// mapping of the page's metadata onto annotate.ArticleMeta. It does not
// store anything: the import path keeps the original file and its SHA-256.
// Extract is deterministic, so that the text can be derived again from the
// kept file.
package webpage
