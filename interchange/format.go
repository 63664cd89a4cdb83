package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange/pdftext"
	"github.com/factmark/factmark/interchange/transcript"
	"github.com/factmark/factmark/interchange/webpage"
)

// Format is a file format Factmark reads or writes.
type Format string

// Formats. Every one of ExportFormats but FormatArchiveQueue (a list of
// URLs, for people) is read back by ParseImport.
const (
	FormatNative      Format = "json"        // native factmark/1 JSON, lossless
	FormatW3C         Format = "w3c"         // W3C Web Annotation JSON-LD
	FormatClaimReview Format = "claimreview" // schema.org ClaimReview JSON-LD
	FormatBrat        Format = "brat"        // brat standoff (.ann beside .txt)
	FormatCSV         Format = "csv"         // one row per annotation
	FormatText        Format = "text"        // an article's text (.txt, .md)
	FormatHypothesis  Format = "hypothesis"  // Hypothesis's export or API search results (import only)
	FormatSRT         Format = "srt"         // SubRip subtitles: an article with turns and times
	FormatVTT         Format = "vtt"         // WebVTT subtitles and captions: the same
	FormatHTML        Format = "html"        // a saved web page: its main content, with its metadata
	FormatPDF         Format = "pdf"         // a PDF with a text layer: its text in reading order, with pages
	FormatBriefHTML   Format = "brief-html"  // the fact-check brief as one self-contained web page (export only)
	FormatBriefMD     Format = "brief-md"    // the fact-check brief as Markdown, for a CMS (export only)
	FormatBriefPDF    Format = "brief-pdf"   // the fact-check brief as PDF (export only)
	// FormatArchiveQueue is the to-archive list: the URLs of the sources
	// without an archive copy, one a line (export only; see
	// WriteArchiveQueue).
	FormatArchiveQueue Format = "archive-queue"
)

// ExportFormats lists the formats Factmark exports, in the order offered.
var ExportFormats = []Format{FormatNative, FormatW3C, FormatClaimReview, FormatBrat, FormatCSV,
	FormatBriefHTML, FormatBriefMD, FormatBriefPDF, FormatArchiveQueue}

// ImportExtensions are the file name extensions of every importable format.
var ImportExtensions = []string{".json", ".jsonld", ".ann", ".csv", ".txt", ".md", ".srt", ".vtt", ".html", ".htm", ".xhtml", ".pdf"}

// briefNames are the short names the command line also takes for the
// brief's formats (`factmark export --format html|md|pdf`): no other export
// format is a web page, Markdown or PDF.
var briefNames = map[string]Format{"html": FormatBriefHTML, "md": FormatBriefMD, "pdf": FormatBriefPDF}

// ParseFormat returns the export format named s (as on the command line).
func ParseFormat(s string) (Format, bool) {
	if f, ok := briefNames[s]; ok {
		return f, true
	}
	for _, f := range ExportFormats {
		if string(f) == s {
			return f, true
		}
	}
	return "", false
}

// Label names the format for people.
func (f Format) Label() string {
	switch f {
	case FormatNative:
		return "Factmark JSON (native, lossless)"
	case FormatW3C:
		return "W3C Web Annotation (JSON-LD)"
	case FormatClaimReview:
		return "schema.org ClaimReview (JSON-LD)"
	case FormatBrat:
		return "brat standoff (.txt + .ann per article)"
	case FormatCSV:
		return "CSV, one row per annotation"
	case FormatText:
		return "article text"
	case FormatHypothesis:
		return "Hypothesis annotations (export or API search)"
	case FormatSRT:
		return "SubRip subtitles (.srt)"
	case FormatVTT:
		return "WebVTT subtitles (.vtt)"
	case FormatHTML:
		return "web page (.html)"
	case FormatPDF:
		return "PDF document (.pdf)"
	case FormatBriefHTML:
		return "fact-check brief, web page (.html)"
	case FormatBriefMD:
		return "fact-check brief, Markdown (.md)"
	case FormatBriefPDF:
		return "fact-check brief, PDF (.pdf)"
	case FormatArchiveQueue:
		return "to-archive list: source URLs without an archive copy (.txt)"
	}
	return string(f)
}

// Ext is the file name extension of the format's files.
func (f Format) Ext() string {
	switch f {
	case FormatNative, FormatHypothesis:
		return ".json"
	case FormatW3C, FormatClaimReview:
		return ".jsonld"
	case FormatBrat:
		return ".ann"
	case FormatCSV:
		return ".csv"
	case FormatSRT:
		return ".srt"
	case FormatVTT:
		return ".vtt"
	case FormatHTML, FormatBriefHTML:
		return ".html"
	case FormatPDF, FormatBriefPDF:
		return ".pdf"
	case FormatBriefMD:
		return ".md"
	}
	return ".txt"
}

// DetectFormat recognises a file's format by its content, and by its name
// where the content does not tell: JSON with "format": "factmark/1" is
// native; JSON-LD with the Web Annotation context, or of type Annotation,
// AnnotationCollection or AnnotationPage, is W3C; JSON-LD with the
// schema.org context or of type ClaimReview is ClaimReview; JSON with
// Hypothesis's export keys (export_userid …) or search "rows", or without
// any of these but with "annotations" or an "acct:" user, is Hypothesis; a
// PDF header is a PDF; an HTML document, or an .html name, is a web page; a
// WebVTT header, an SRT first cue, or a .vtt or .srt name, is subtitles;
// lines of brat IDs
// (T1, E1, #1 and a tab), or a .ann name, are brat; a first line that is
// Factmark's CSV header, or a .csv name, is CSV. Other JSON is taken as
// native, whose reader says what is wrong with it; anything else is an
// article's text.
func DetectFormat(name string, data []byte) Format {
	if pdftext.Sniff(data) {
		return FormatPDF
	}
	if utf8, err := annotate.ToUTF8(data); err == nil {
		data = utf8 // UTF-16 is read as the UTF-8 the readers convert it to
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(head) > 0 && (head[0] == '{' || head[0] == '['):
		return sniffJSON(head)
	case ext == ".json" || ext == ".jsonld":
		return FormatNative
	case webpage.IsPage(name, data):
		return FormatHTML
	case subtitleFormat(name, data) != "":
		return subtitleFormat(name, data)
	case isCSVHeader(head) || ext == ".csv":
		return FormatCSV
	case ext == ".ann" || bratLine.Match(head):
		return FormatBrat
	}
	return FormatText
}

// subtitleFormat is the format of a subtitle file (by its first lines, or a
// .srt or .vtt name: see transcript.Sniff), or "".
func subtitleFormat(name string, data []byte) Format {
	switch kind, _ := transcript.Sniff(name, data); kind {
	case transcript.KindSRT:
		return FormatSRT
	case transcript.KindVTT:
		return FormatVTT
	}
	return ""
}

// sniffJSON reads the top-level keys of a JSON object (or of the first
// object of an array) until they tell the format.
func sniffJSON(data []byte) Format {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var hint Format
	if tok, err := dec.Token(); err != nil {
		return FormatNative
	} else if tok == json.Delim('[') {
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return FormatW3C // [] or a list of IRIs: annotations, if anything
		}
		hint = FormatW3C
	} else if tok != json.Delim('{') {
		return FormatNative
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			switch key {
			case "format":
				return FormatNative
			case "rows":
				return FormatHypothesis // truncated search results
			}
			break
		}
		if isHypothesisHint(key, v) {
			hint = FormatHypothesis
		}
		if f := formatOfKey(key, v); f != "" {
			return f
		}
	}
	if hint != "" {
		return hint
	}
	return FormatNative
}

// formatOfKey tells the format from one top-level key and its value, or "".
func formatOfKey(key string, v any) Format {
	switch key {
	case "format":
		return FormatNative
	case "export_date", "export_userid", "client_version":
		return FormatHypothesis
	case "rows":
		if _, ok := v.([]any); ok {
			return FormatHypothesis
		}
	case "@context":
		s := contextString(v)
		switch {
		case strings.Contains(s, "w3.org/ns/anno"):
			return FormatW3C
		case strings.Contains(s, "schema.org"):
			return FormatClaimReview
		}
	case "type", "@type":
		for _, t := range stringsOf(v) {
			switch t {
			case "Annotation", "AnnotationCollection", "AnnotationPage":
				return FormatW3C
			case "ClaimReview":
				return FormatClaimReview
			}
		}
	case "@graph":
		if list, ok := v.([]any); ok && len(list) > 0 {
			if m, ok := list[0].(map[string]any); ok {
				for _, k := range []string{"@context", "@type", "type"} {
					if f := formatOfKey(k, m[k]); f != "" {
						return f
					}
				}
			}
		}
	}
	return ""
}

// bratLine matches the first line of a brat standoff file.
var bratLine = regexp.MustCompile(`^([TERAMN#]\d+|\*)\t`)

// ArticleLookup finds the project's article that imported annotations point
// at: by "urn:sha256:<hex>" of its text, or by its URL. It returns an
// ENOTFOUND error when the project has none.
type ArticleLookup func(source string) (*annotate.Article, error)

// ArticleSource is how exports name an article: its URL, or, when it has
// none, "urn:sha256:" and the SHA-256 of its text.
func ArticleSource(a *annotate.Article) string {
	if a.URL != "" {
		return a.URL
	}
	return TextSource(a.SHA256)
}

// TextSource is the URN of a text by its SHA-256.
func TextSource(sha256 string) string { return "urn:sha256:" + sha256 }

// DocumentLookup finds articles among the document's, as ArticleLookup does.
func DocumentLookup(d *annotate.Document) ArticleLookup {
	return func(source string) (*annotate.Article, error) {
		for i := range d.Articles {
			if a := &d.Articles[i].Article; SameSource(a, source) {
				return a, nil
			}
		}
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", source)
	}
}

// SameSource reports whether source names article a: it is the URN of its
// text, or its URL (a fragment and a final slash do not count).
func SameSource(a *annotate.Article, source string) bool {
	if h, ok := strings.CutPrefix(source, "urn:sha256:"); ok {
		return strings.EqualFold(h, a.SHA256)
	}
	return a.URL != "" && trimURL(a.URL) == trimURL(source)
}

func trimURL(u string) string {
	u, _, _ = strings.Cut(u, "#")
	return strings.TrimSuffix(u, "/")
}

// ImportInput is what importing a file needs besides its content.
type ImportInput struct {
	Name     string                            // the file's path or name, for errors and for brat's text
	Data     []byte                            // its content
	ReadFile func(path string) ([]byte, error) // reads a file (brat's text beside the .ann); nil for none
	Lookup   ArticleLookup                     // the project's articles, for formats that point at them
	Scale    annotate.Scale                    // the project's rating scale
	Meta     annotate.ArticleMeta              // what the user says of a new article (brat)
	Now      time.Time                         // now: when articles are imported
	// FileTime is when the file was last changed, if known. Annotations
	// from a format without times of its own (brat) are stamped with it,
	// so that importing an unchanged file again changes nothing and
	// edits made in Factmark since are kept; by default, Now.
	FileTime time.Time
	// Stored returns the project's annotations on an article, or is nil.
	// Brat carries no IDs, so its annotations are recognised by their
	// spans: one with the spans of an annotation stored on the article with
	// the same text (found through Lookup) takes that annotation's ID, and
	// importing the brat export of an article back into the project does
	// not duplicate it. (Not for one annotator's file among several: see
	// matchStored.)
	Stored func(articleID string) (*annotate.Annotations, error)
	// Article is the article the user chose for annotations that name
	// their page by URL (Hypothesis): all of them go on it. Nil for none.
	Article *annotate.Article
	// Articles lists the project's articles, for URLs that name one in
	// another form (see normalURL); nil when it cannot.
	Articles func() ([]*annotate.Article, error)
}

// Imported is a file made ready for the store: the native document that
// holds what it says (the store imports it in one transaction), and what it
// left out.
type Imported struct {
	Format  Format
	Doc     *annotate.Document
	Skipped int      // annotations of kinds Factmark does not keep (brat Discuss, …)
	Orphans []string // annotations that could not be placed in their article's text, and why
	Omitted []string // annotations Factmark has no place for yet (Hypothesis page notes, empty replies), and why
}

// Count is the number of annotations the import stores.
func (im *Imported) Count() int { return im.Doc.Count() }

// ParseImport reads a file of format f (see DetectFormat) into a document
// for the store. It does not read article texts (FormatText): those become
// articles, not documents.
func ParseImport(f Format, in ImportInput) (*Imported, error) {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	switch f {
	case FormatNative:
		doc, err := ParseDocument(in.Data)
		return &Imported{Format: f, Doc: doc}, err
	case FormatBrat:
		return parseBratImport(in)
	case FormatW3C:
		return ParseW3C(in.Data, in.Lookup, in.Scale, in.Now)
	case FormatClaimReview:
		return parseClaimReview(in.Data, in.Lookup, in.Stored, in.Scale, in.Now)
	case FormatCSV:
		return ParseCSV(in.Data, in.Lookup, in.Scale, in.Now)
	case FormatHypothesis:
		return ParseHypothesis(in)
	}
	return nil, annotate.Errorf(annotate.EINVALID, "%s is not a format of annotations", f.Label())
}

// parseBratImport reads a brat file and the text beside it.
func parseBratImport(in ImportInput) (*Imported, error) {
	if in.ReadFile == nil {
		return nil, annotate.Errorf(annotate.EINVALID, "a brat file needs its text beside it, and it cannot be read here")
	}
	if err := in.Meta.Validate(); err != nil {
		return nil, err // what the user said of the article, not its text
	}
	var raw []byte
	var tried []string
	for _, p := range BratTextPaths(in.Name) {
		data, err := in.ReadFile(p)
		if err == nil {
			raw = data
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			// There but not readable (a pipe, no permission): say so,
			// rather than look further and call it missing.
			return nil, annotate.Errorf(annotate.EINVALID, "the article's text beside the brat file: %s", annotate.ErrorMessage(err))
		}
		tried = append(tried, p)
	}
	if raw == nil {
		return nil, annotate.Errorf(annotate.EINVALID, "the article's text is not beside the brat file (looked for %s)", joinAnd(tried))
	}
	art, err := annotate.NewArticle(raw, in.Meta, in.Now)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "the text beside it: %s", annotate.ErrorMessage(err))
	}
	stamp := in.FileTime
	if stamp.IsZero() {
		stamp = in.Now
	}
	_, b, err := ParseBratText(raw, art.ID, in.Data, stamp)
	if err != nil {
		return nil, err
	}
	doc := b.Document(art, in.Scale)
	if err := in.matchStored(&doc.Articles[0]); err != nil {
		return nil, err
	}
	return &Imported{Format: FormatBrat, Doc: doc, Skipped: b.Skipped}, nil
}

// joinAnd joins items as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// matchStored gives the annotations of ad that the project holds already
// (by their spans, on the stored article with ad's text) their stored IDs.
// It leaves alone a file named as one annotator's among several
// (<text>_<annotator>.ann, as in PolNeAR): two annotators who marked the
// same span made two annotations, and the same file imported again keeps
// its IDs without matching.
func (in *ImportInput) matchStored(ad *annotate.ArticleDoc) error {
	if in.Stored == nil || in.Lookup == nil || isAnnotatorFile(in.Name) {
		return nil
	}
	a, err := in.Lookup(TextSource(ad.SHA256))
	if annotate.ErrorCode(err) == annotate.ENOTFOUND || err == nil && a == nil {
		return nil
	} else if err != nil {
		return err
	}
	stored, err := in.Stored(a.ID)
	if err != nil || stored == nil {
		return err
	}
	matchStored(ad, stored)
	return nil
}

// writeJSON writes v as indented JSON. <, > and & are escaped (\u003c …),
// as in every JSON export: a ClaimReview is pasted into a
// <script type="application/ld+json"> block, which a "</script>" in a
// rationale would otherwise end.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteFormat writes doc to w in the single-file format f: for brat, the
// .ann of its first article (a folder export writes one per article with
// WriteBrat). organization is the fact-checking organisation ClaimReview
// names as the author.
func WriteFormat(w io.Writer, f Format, doc *annotate.Document, organization string) error {
	return WriteFormatBy(w, f, doc, Organization{Name: organization})
}

// WriteFormatBy writes as WriteFormat does, with the organisation's name and
// URL as ClaimReview's author.
func WriteFormatBy(w io.Writer, f Format, doc *annotate.Document, org Organization) error {
	switch f {
	case FormatW3C:
		return WriteW3C(w, doc)
	case FormatClaimReview:
		return WriteClaimReviewBy(w, doc, org)
	case FormatCSV:
		return WriteCSV(w, doc)
	case FormatArchiveQueue:
		return WriteArchiveQueue(w, doc)
	case FormatBrat:
		if len(doc.Articles) == 0 {
			return annotate.Errorf(annotate.EINVALID, "there is no article to export")
		}
		return WriteBrat(w, &doc.Articles[0], doc.Speakers)
	case FormatBriefHTML, FormatBriefMD, FormatBriefPDF:
		return writeBrief(w, f, doc, annotate.Settings{Organization: org.Name, OrganizationURL: org.URL, ReviewURL: org.ReviewURL}, false)
	}
	return WriteDocument(w, doc)
}

// speakerNameMap maps speaker IDs to names, for the writers that name
// speakers rather than point at them (W3C, ClaimReview, CSV).
func speakerNameMap(list []annotate.Speaker) map[string]string {
	m := make(map[string]string, len(list))
	for _, s := range list {
		m[s.ID] = s.Name
	}
	return m
}

// timeString is how every export writes a time: RFC 3339 in UTC, with as
// many fractional digits as it has.
func timeString(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
