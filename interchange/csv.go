package interchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"golang.org/x/text/unicode/norm"
)

// CSV: one row per annotation, for spreadsheets, RFC 4180 (CRLF line ends,
// fields with commas, quotes or line ends in double quotes). The columns are
// csvColumns. A span is start and end (code points, end exclusive) with its
// quote; a span of several pieces also lists them in pieces ("12-30;41-58")
// and joins their quotes with " … ". A note on a claim carries the claim's
// span. Lists in a cell — tags, and sources (one a line: url | title |
// publisher | accessed | excerpt) — escape their separators with a
// backslash. Text that a spreadsheet would run as a formula (starting with =,
// +, -, @, tab or CR) is written after a ' and read back without it.
// Sources withheld for safety are left out (WithoutWithheld).
//
// A claim's row also says how many reviewers' approvals stand (approvals)
// and when its published verdict was last corrected (corrected, empty when
// never): csvReviewColumns, written after csvColumns and not read back (the
// approvals and corrections themselves are the native document's), so a
// CSV without them, as the first release wrote, reads the same.

// csvColumns are the columns of the CSV a reader requires, in order.
var csvColumns = []string{
	"article_sha256", "article", "id", "kind", "start", "end", "pieces", "quote",
	"source", "source_start", "source_end", "cue", "cue_start", "cue_end",
	"speaker", "attribution_kind", "attribution_id",
	"worthiness", "worthiness_origin", "status", "tags",
	"claim_id", "verdict", "rationale", "sources",
	"author", "origin", "created", "modified",
}

// csvReviewColumns are the columns written after csvColumns, for people.
var csvReviewColumns = []string{"approvals", "corrected"}

// csvHeader is the header WriteCSV writes.
var csvHeader = append(append([]string{}, csvColumns...), csvReviewColumns...)

// Annotation kinds in the kind column.
const (
	kindAttribution = "attribution"
	kindClaim       = "claim"
	kindNote        = "note"
)

// isCSVHeader reports whether data starts with Factmark's CSV header.
func isCSVHeader(data []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\n"))
	s := string(bytes.TrimSuffix(line, []byte("\r")))
	return s == strings.Join(csvHeader, ",") || s == strings.Join(csvColumns, ",")
}

// WriteCSV writes one row per annotation of the document, in its canonical
// order, after the header.
func WriteCSV(w io.Writer, d *annotate.Document) error {
	d = WithoutWithheld(d)
	d.Sort()
	cw, err := newCSVWriter(w, d.Speakers)
	if err != nil {
		return err
	}
	for i := range d.Articles {
		if err := cw.article(&d.Articles[i]); err != nil {
			return err
		}
	}
	return cw.end()
}

// csvWriter writes the CSV export an article at a time: the header first
// (newCSVWriter), then each article's rows, then end. WriteCSV and the
// export streamed from the store (streamCSV) write through it.
type csvWriter struct {
	bw    *bufio.Writer
	cw    *csv.Writer
	names map[string]string
	row   []string
}

func newCSVWriter(w io.Writer, speakers []annotate.Speaker) (*csvWriter, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	c := &csvWriter{bw: bw, cw: csv.NewWriter(bw), names: speakerNameMap(speakers), row: make([]string, len(csvHeader))}
	c.cw.UseCRLF = true
	if err := c.cw.Write(csvHeader); err != nil {
		return nil, fmt.Errorf("write CSV: %w", err)
	}
	return c, nil
}

// article writes the rows of the article's annotations, which are in the
// document's order.
func (c *csvWriter) article(a *annotate.ArticleDoc) error {
	cw, row, names := c.cw, c.row, c.names
	claims := make(map[string][]annotate.Anchor, len(a.Claims))
	for j := range a.Claims {
		claims[a.Claims[j].ID] = a.Claims[j].Anchors
	}
	for j := range a.Attributions {
		csvAttribution(row, &a.Attributions[j], names)
		if err := writeCSVRow(cw, row, a); err != nil {
			return err
		}
	}
	for j := range a.Claims {
		csvClaim(row, &a.Claims[j], names)
		if err := writeCSVRow(cw, row, a); err != nil {
			return err
		}
	}
	for j := range a.Notes {
		n := &a.Notes[j]
		span := claims[n.ClaimID]
		if n.Target != nil {
			span = []annotate.Anchor{*n.Target}
		}
		csvNote(row, n, span)
		if err := writeCSVRow(cw, row, a); err != nil {
			return err
		}
	}
	return nil
}

// end writes what is left.
func (c *csvWriter) end() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return c.bw.Flush()
}

// Column indexes.
const (
	colSHA = iota
	colArticle
	colID
	colKind
	colStart
	colEnd
	colPieces
	colQuote
	colSource
	colSourceStart
	colSourceEnd
	colCue
	colCueStart
	colCueEnd
	colSpeaker
	colAttributionKind
	colAttributionID
	colWorthiness
	colWorthinessOrigin
	colStatus
	colTags
	colClaimID
	colVerdict
	colRationale
	colSources
	colAuthor
	colOrigin
	colCreated
	colModified
	colApprovals // csvReviewColumns
	colCorrected
)

func writeCSVRow(cw *csv.Writer, row []string, a *annotate.ArticleDoc) error {
	row[colSHA], row[colArticle] = a.SHA256, a.Title
	for i, s := range row {
		if i != colStart && i != colEnd && i != colSourceStart && i != colSourceEnd && i != colCueStart && i != colCueEnd && i != colWorthiness {
			row[i] = guardFormula(s)
		}
	}
	if err := cw.Write(row); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func csvMeta(row []string, m *annotate.Meta, kind string) {
	for i := range row {
		row[i] = ""
	}
	row[colID], row[colKind], row[colAuthor], row[colOrigin] = m.ID, kind, m.Author, string(m.Origin)
	row[colCreated], row[colModified] = timeString(m.Created), timeString(m.Modified)
}

// csvSpan fills start, end, pieces and quote.
func csvSpan(row []string, anchors []annotate.Anchor) {
	if len(anchors) == 0 {
		return
	}
	row[colStart], row[colEnd] = strconv.Itoa(anchors[0].Start), strconv.Itoa(anchors[len(anchors)-1].End)
	quotes := make([]string, len(anchors))
	pieces := make([]string, len(anchors))
	for i, a := range anchors {
		quotes[i], pieces[i] = a.Exact, strconv.Itoa(a.Start)+"-"+strconv.Itoa(a.End)
	}
	row[colQuote] = strings.Join(quotes, claimPieceSep)
	if len(anchors) > 1 {
		row[colPieces] = strings.Join(pieces, ";")
	}
}

func csvAttribution(row []string, a *annotate.Attribution, names map[string]string) {
	csvMeta(row, &a.Meta, kindAttribution)
	csvSpan(row, a.Content)
	if a.Source != nil {
		row[colSource], row[colSourceStart], row[colSourceEnd] = a.Source.Exact, strconv.Itoa(a.Source.Start), strconv.Itoa(a.Source.End)
	}
	if a.Cue != nil {
		row[colCue], row[colCueStart], row[colCueEnd] = a.Cue.Exact, strconv.Itoa(a.Cue.Start), strconv.Itoa(a.Cue.End)
	}
	row[colSpeaker], row[colAttributionKind] = names[a.SpeakerID], string(a.Kind)
}

func csvClaim(row []string, c *annotate.Claim, names map[string]string) {
	csvMeta(row, &c.Meta, kindClaim)
	csvSpan(row, c.Anchors)
	row[colSpeaker], row[colAttributionID], row[colStatus] = names[c.SpeakerID], c.AttributionID, string(c.Status)
	if c.Worthiness != nil {
		row[colWorthiness] = strconv.FormatFloat(*c.Worthiness, 'f', -1, 64)
		row[colWorthinessOrigin] = string(c.WorthinessOrigin)
	}
	row[colTags] = joinEscaped(c.Tags, ';', "; ")
	row[colApprovals] = strconv.Itoa(len(c.ActiveReviewers()))
	if last := lastCorrection(c); !last.IsZero() {
		row[colCorrected] = timeString(last)
	}
}

func csvNote(row []string, n *annotate.Note, span []annotate.Anchor) {
	csvMeta(row, &n.Meta, kindNote)
	csvSpan(row, span)
	row[colClaimID], row[colVerdict], row[colRationale] = n.ClaimID, n.Verdict, n.Rationale
	lines := make([]string, len(n.Sources))
	for i, e := range n.Sources {
		fields := []string{e.URL, e.Title, e.Publisher, e.Accessed, e.Excerpt}
		for len(fields) > 1 && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		lines[i] = joinEscaped(fields, '|', " | ")
	}
	row[colSources] = strings.Join(lines, "\n")
}

// joinEscaped joins items with sep, escaping the separator character, line
// ends and backslashes in them with a backslash.
func joinEscaped(items []string, sepChar rune, sep string) string {
	esc := strings.NewReplacer(`\`, `\\`, string(sepChar), `\`+string(sepChar), "\n", `\n`)
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = esc.Replace(s)
	}
	return strings.Join(parts, sep)
}

// splitEscaped undoes joinEscaped; items are trimmed of spaces.
func splitEscaped(s string, sepChar rune) []string {
	var items []string
	var b strings.Builder
	escaped := false
	for _, r := range s {
		switch {
		case escaped && r == 'n':
			b.WriteByte('\n')
			escaped = false
		case escaped:
			b.WriteRune(r)
			escaped = false
		case r == '\\':
			escaped = true
		case r == sepChar:
			items = append(items, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteRune(r)
		}
	}
	return append(items, strings.TrimSpace(b.String()))
}

// guardFormula keeps a spreadsheet from running text as a formula (OWASP's
// advice: a leading '); unguardFormula takes the ' away again. Text that
// starts with ' is guarded too, so that the round trip is exact.
func guardFormula(s string) string {
	if startsFormula(s) || strings.HasPrefix(s, "'") {
		return "'" + s
	}
	return s
}

func unguardFormula(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && (startsFormula(rest) || strings.HasPrefix(rest, "'")) {
		return rest
	}
	return s
}

func startsFormula(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// ParseCSV reads Factmark's CSV back: each row becomes the annotation it was,
// with its ID, in the project's article that article_sha256 names (through
// lookup). Links to annotations the file does not have are dropped. Errors
// give the line and column, or the line and the column's name, of what is
// wrong; verdicts must be on scale.
func ParseCSV(data []byte, lookup ArticleLookup, scale annotate.Scale, now time.Time) (*Imported, error) {
	data, err := annotate.ToUTF8(data)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(err)
	}
	cols, err := csvHeaderIndex(header)
	if err != nil {
		return nil, err
	}
	r := newImportBuilder(lookup, scale, now)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		row := csvRow{line: line, rec: rec, cols: cols}
		if err := r.csvRow(&row); err != nil {
			return nil, err
		}
	}
	return r.finish(FormatCSV)
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return annotate.Errorf(annotate.EINVALID, "line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return annotate.Errorf(annotate.EINVALID, "the file is empty: want Factmark's CSV header")
	}
	return annotate.Errorf(annotate.EINVALID, "%v", err)
}

// csvHeaderIndex maps each of Factmark's columns to its place in header,
// which must have them all (in any order; other columns are ignored).
func csvHeaderIndex(header []string) ([]int, error) {
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))] = i
	}
	cols := make([]int, len(csvColumns))
	for i, c := range csvColumns {
		j, ok := at[c]
		if !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "line 1: the header has no column %q: this is not Factmark's CSV (columns: %s)", c, strings.Join(csvColumns, ","))
		}
		cols[i] = j
	}
	return cols, nil
}

// csvRow is one row being read.
type csvRow struct {
	line int
	rec  []string
	cols []int
}

// get returns the cell of column col, without its formula guard.
func (row *csvRow) get(col int) string {
	if j := row.cols[col]; j < len(row.rec) {
		return unguardFormula(row.rec[j])
	}
	return ""
}

func (row *csvRow) errorf(col int, format string, args ...any) error {
	return annotate.Errorf(annotate.EINVALID, "line %d: %s: %s", row.line, csvColumns[col], fmt.Sprintf(format, args...))
}

func (r *importBuilder) csvRow(row *csvRow) error {
	kind := strings.TrimSpace(row.get(colKind))
	if kind != kindAttribution && kind != kindClaim && kind != kindNote {
		return row.errorf(colKind, "%q is not attribution, claim or note", annotate.Clip(kind))
	}
	sha := strings.TrimSpace(row.get(colSHA))
	m, err := r.csvMeta(row)
	if err != nil {
		return err
	}
	art, text, err := r.article(TextSource(sha))
	if err != nil {
		return row.errorf(colSHA, "%s", annotate.ErrorMessage(err))
	}
	span, err := csvAnchors(row, text)
	if err != nil {
		return err
	}
	where := fmt.Sprintf("line %d", row.line)
	switch kind {
	case kindAttribution:
		a := annotate.Attribution{Meta: m, Content: span, Kind: annotate.Kind(row.get(colAttributionKind))}
		if a.Source, err = csvAnchor(row, text, colSource, colSourceStart, colSourceEnd); err != nil {
			return err
		}
		if a.Cue, err = csvAnchor(row, text, colCue, colCueStart, colCueEnd); err != nil {
			return err
		}
		if a.SpeakerID, err = r.speakerID(csvColumns[colSpeaker], row.get(colSpeaker)); err != nil {
			return annotate.Errorf(annotate.EINVALID, "%s: %s", where, annotate.ErrorMessage(err))
		}
		return r.addAttribution(where, art, a)
	case kindClaim:
		c, err := r.csvClaim(row, m, span)
		if err != nil {
			return err
		}
		return r.addClaim(where, art, c, strings.TrimSpace(row.get(colAttributionID)))
	}
	n := annotate.Note{Meta: m, Verdict: row.get(colVerdict), Rationale: row.get(colRationale)}
	if n.Sources, err = csvSources(row); err != nil {
		return err
	}
	return r.addNote(where, art, n, span, strings.TrimSpace(row.get(colClaimID)))
}

func (r *importBuilder) csvMeta(row *csvRow) (annotate.Meta, error) {
	m := annotate.Meta{Author: row.get(colAuthor), Origin: annotate.Origin(strings.TrimSpace(row.get(colOrigin)))}
	if m.Origin == "" {
		m.Origin = annotate.Manual
	}
	id := strings.TrimSpace(row.get(colID))
	if id == "" {
		id = strings.Join(row.rec, "\x00")
	}
	var err error
	if m.ID, err = r.uniqueID(fmt.Sprintf("line %d", row.line), id, nil); err != nil {
		return m, err
	}
	if m.Created, err = row.time(colCreated, r.now); err != nil {
		return m, err
	}
	m.Modified, err = row.time(colModified, m.Created)
	return m, err
}

// time reads a date-time cell (RFC 3339); def if it is empty.
func (row *csvRow) time(col int, def time.Time) (time.Time, error) {
	s := strings.TrimSpace(row.get(col))
	if s == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return def, row.errorf(col, "%q is not a date-time (RFC 3339, as 2026-03-04T09:00:00Z)", annotate.Clip(s))
	}
	return t.UTC(), nil
}

func (r *importBuilder) csvClaim(row *csvRow, m annotate.Meta, span []annotate.Anchor) (annotate.Claim, error) {
	c := annotate.Claim{Meta: m, Anchors: span, Status: readStatus(row.get(colStatus))}
	if c.Status == "" {
		c.Status = annotate.StatusCandidate
	}
	var err error
	if c.SpeakerID, err = r.speakerID(csvColumns[colSpeaker], row.get(colSpeaker)); err != nil {
		return c, annotate.Errorf(annotate.EINVALID, "line %d: %s", row.line, annotate.ErrorMessage(err))
	}
	if w := strings.TrimSpace(row.get(colWorthiness)); w != "" {
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return c, row.errorf(colWorthiness, "%q is not a number between 0 and 1", annotate.Clip(w))
		}
		c.Worthiness, c.WorthinessOrigin = &f, annotate.Origin(strings.TrimSpace(row.get(colWorthinessOrigin)))
		if c.WorthinessOrigin == "" {
			c.WorthinessOrigin = annotate.Manual
		}
	}
	if tags := strings.TrimSpace(row.get(colTags)); tags != "" {
		c.Tags = splitEscaped(tags, ';')
	}
	return c, nil
}

// csvAnchors reads the row's span: its pieces, or start and end, checked
// against the quote. A note on a claim may have none.
func csvAnchors(row *csvRow, text *annotate.Text) ([]annotate.Anchor, error) {
	pieces := strings.TrimSpace(row.get(colPieces))
	start, end := strings.TrimSpace(row.get(colStart)), strings.TrimSpace(row.get(colEnd))
	if pieces == "" && start == "" && end == "" {
		return nil, nil
	}
	if pieces == "" {
		pieces = start + "-" + end
	}
	var anchors []annotate.Anchor
	var quotes []string
	for _, p := range strings.Split(pieces, ";") {
		a, b, _ := strings.Cut(strings.TrimSpace(p), "-")
		s, err1 := strconv.Atoi(strings.TrimSpace(a))
		e, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil {
			col := colPieces
			if row.get(colPieces) == "" {
				col = colStart
			}
			return nil, row.errorf(col, "%q are not offsets (start-end;start-end…)", annotate.Clip(pieces))
		}
		anchor, err := text.Anchor(s, e)
		if err != nil {
			return nil, row.errorf(colStart, "%s", strings.TrimPrefix(annotate.ErrorMessage(err), "anchor: "))
		}
		anchors = append(anchors, anchor)
		quotes = append(quotes, anchor.Exact)
	}
	if q, want := row.get(colQuote), strings.Join(quotes, claimPieceSep); !sameQuote(q, want) {
		return nil, row.errorf(colQuote, "%q is not the text at %s, which reads %q", annotate.Clip(q), pieces, annotate.Clip(want))
	}
	return anchors, nil
}

// sameQuote compares a quote from a file with the text, forgiving a
// spreadsheet's CRLF and another normalisation form.
func sameQuote(got, want string) bool {
	got = strings.ReplaceAll(got, "\r\n", "\n")
	return got == want || norm.NFC.String(got) == want
}

// csvAnchor reads an optional single span: a source or a cue.
func csvAnchor(row *csvRow, text *annotate.Text, quote, start, end int) (*annotate.Anchor, error) {
	s, e := strings.TrimSpace(row.get(start)), strings.TrimSpace(row.get(end))
	if s == "" && e == "" {
		return nil, nil
	}
	si, err1 := strconv.Atoi(s)
	ei, err2 := strconv.Atoi(e)
	if err1 != nil || err2 != nil {
		return nil, row.errorf(start, "%q–%q are not offsets", annotate.Clip(s), annotate.Clip(e))
	}
	a, err := text.Anchor(si, ei)
	if err != nil {
		return nil, row.errorf(start, "%s", strings.TrimPrefix(annotate.ErrorMessage(err), "anchor: "))
	}
	if q := row.get(quote); !sameQuote(q, a.Exact) {
		return nil, row.errorf(quote, "%q is not the text at %d–%d, which reads %q", annotate.Clip(q), si, ei, annotate.Clip(a.Exact))
	}
	return &a, nil
}

// csvSources reads the sources cell: one source a line.
func csvSources(row *csvRow) ([]annotate.Evidence, error) {
	var list []annotate.Evidence
	for _, line := range strings.Split(strings.ReplaceAll(row.get(colSources), "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := splitEscaped(line, '|')
		if len(f) > 5 {
			return nil, row.errorf(colSources, "%q has more than url | title | publisher | accessed | excerpt", annotate.Clip(line))
		}
		f = append(f, make([]string, 5-len(f))...)
		list = append(list, annotate.Evidence{URL: f[0], Title: f[1], Publisher: f[2], Accessed: f[3], Excerpt: f[4]})
	}
	return list, nil
}
