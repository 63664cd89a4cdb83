// Package annotate is Factmark's domain: articles, anchors, speakers and the
// three kinds of annotation a fact-checker makes (attributions, claims and
// fact-check notes), the rules that make them valid, and the native JSON
// document they are exchanged in.
//
// Every other format converts to and from that document, so that storing
// an import is one transaction of the store whatever the file: W3C Web
// Annotation (w3c.go), schema.org ClaimReview (claimreview.go), brat standoff
// (brat.go) and CSV (csv.go). DetectFormat tells them apart by content and
// ParseImport reads any of them; AnchorQuote places annotations from
// elsewhere in a text, or refuses to guess.
//
// It owns the meaning of the data, not its storage or display: it imports
// neither Fyne nor database/sql. Offsets are Unicode code points into
// NFC-normalised text with '\n' line ends, everywhere.
//
// The service interfaces at the bottom of service.go are what the rest of the
// program needs from storage; package store implements them with SQLite.
package annotate
