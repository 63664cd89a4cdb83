// Package brief writes the fact-check brief: what a fact-check publishes
// about an article, for readers and for the newsroom's CMS (issue 14). For
// each article it holds its title, outlet, date and URL, and for each claim
// the brief covers: the claim quoted with its claimant, the verdict (with
// the scale's explanation of it, or the one-sentence conclusion on a
// conclusion scale), the rationale, the numbered sources with their
// publisher, access date, archive links and snapshot hashes, the reviewers
// who approved it, and the corrections of a published verdict with when and
// why.
//
// It writes three formats from one model (model.go), so that they say the
// same thing: a self-contained HTML page (html.go: inline CSS, no scripts,
// no external fetches, the article's text with the claims highlighted), Markdown for a CMS
// (markdown.go) and PDF (pdf.go, through go-pdf/fpdf with an embedded
// Unicode font).
//
// Withheld evidence (annotate.Evidence.Withheld) never reaches the model,
// so no format can show it. Everything from the project is text to the
// brief: escaped for HTML and Markdown, and a URL becomes a link only when
// it is an http(s) URL. The output is a function of the document and the
// settings alone (no clock, no map order), so the same project writes the
// same bytes.
//
// It imports only package annotate; package interchange registers the
// formats (brief-html, brief-md, brief-pdf) among its exports.
package brief
