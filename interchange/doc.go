// Package interchange owns Factmark's files: the native JSON document
// (factmark/2, and factmark/1 without pages, turns or source files) read,
// validated and written byte for byte the same (native.go, its JSON Schemas
// in schema/), and the formats that convert to and from it:
// W3C Web Annotation (w3c.go), schema.org ClaimReview (read in
// claimreview.go, written in claimreview_write.go, and checked against
// what its consumers require in claimreview_check.go), brat standoff (brat.go) and CSV (csv.go), with the JSON-LD helpers the two
// JSON-LD formats share (jsonld.go).
//
// Every foreign format is read into a native annotate.Document, so that
// storing an import is one transaction of the store whatever the file.
// DetectFormat tells the formats apart by content, ParseImport reads any of
// them and WriteFormat writes any of them.
//
// It also owns the one import path and the one export path the command
// line and the desk share: Import (detect, parse, anchor, store, and a
// Report both render with Report.Lines), where importers of article text
// (web pages, PDFs, transcripts: subpackages returning *annotate.Extracted)
// plug into extractArticle; and ExportFormat and ExportBratFolder, which
// make an Export in memory, and WriteExport and WriteBratFolder, which
// write every format to its destination (the caller's atomic temporary
// file) as it streams from the store, an article at a time: the native
// document and CSV in one pass (DocumentStreamer), W3C, ClaimReview, the
// to-archive list, the brief and brat's folder in two (DocumentPasser),
// the first for what their head says (export_passes.go).
// Import with ImportOptions.RevisionOf reads a file of article text as a new
// revision of an article and re-anchors every annotation on it (revise.go,
// through annotate/reanchor); ProposeRevisionOf finds the article a new file
// may be a revision of. Orphans stay in the native document only: the
// exports that point at the text leave them out (WithoutOrphans).
//
// The fact-check workflow's records (workflow.go) travel in the native
// document whole: approvals, corrections, comments, evidence records and
// the audit log. The public formats carry what they can (comments as W3C
// replies, corrections as ClaimReview CorrectionComments, approvals and
// corrections as CSV columns) and never a source withheld for safety
// (WithoutWithheld); ExportOptions.ApprovedOnly limits them to claims
// signed off (ApprovedClaims); FormatArchiveQueue lists the sources still
// to archive.
//
// The domain it converts lives in package annotate; it never speaks SQL
// (the store is reached through annotate's service interfaces) nor imports
// Fyne.
package interchange
