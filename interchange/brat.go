package interchange

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// brat standoff, as PolNeAR and Factmark's seed gold write it:
//
//	T<n>\t<Type> <start> <end>[;<start> <end>…]\t<text of the fragments, joined by one space>
//	E<n>\tAttribution:T<trigger> [Source:T<a>] [Cue:T<b>] Content:T<c> [Content2:T<d>…]
//	#<n>\tAnnotatorNotes <T or E id>\tkey=value | key=value
//
// Span types are Source, Cue, Content, Claim and the event triggers
// Attribution and Attribution-no-source (at the cue). Offsets count code
// points. Notes Factmark reads and writes: on a Source span speaker=Name; on
// an event kind=direct|indirect|mixed and speaker=Name; on a Claim span
// score=0.73 (a suggested check-worthiness, or a manual one with
// scored=manual), speaker=Name (the claimant), attribution=E<n> and
// status=<a claim status other than candidate: selected, researching,
// verdict_proposed, approved, …; the first release's in_review and checked
// are read as researching and verdict_proposed>. Other notes are kept by brat for people
// and ignored here.

// BratDoc is what a brat standoff file says in Factmark's terms: the
// attributions its events make, its check-worthy claims, and the speakers its
// notes name. Skipped counts the annotations that are neither (PolNeAR's
// Discuss and Discard spans, relations, attributes, spans no event uses).
type BratDoc struct {
	Attributions []annotate.Attribution
	Claims       []annotate.Claim
	Speakers     []annotate.Speaker
	Skipped      int
}

// Brat span and event types.
const (
	bratSource   = "Source"
	bratCue      = "Cue"
	bratContent  = "Content"
	bratClaim    = "Claim"
	bratTrigger  = "Attribution"
	bratNoSource = "Attribution-no-source"
)

// ParseBrat reads a brat standoff file whose offsets point into text. The
// annotations it makes belong to articleID, are stamped with now and
// origin manual, and have IDs derived from the text, the file and their brat
// IDs, so that importing the same file twice finds the same annotations.
// Errors give the line and say what is wrong; a span whose text column is not
// what the text holds at its offsets is an error.
func ParseBrat(text *annotate.Text, articleID string, ann []byte, now time.Time) (*BratDoc, error) {
	ann, err := annotate.ToUTF8(ann)
	if err != nil {
		return nil, err
	}
	p := bratParser{text: text, articleID: articleID, now: now.UTC(), mapOffset: func(i int) int { return i }}
	return p.parse(ann)
}

// ParseBratText reads a brat file whose offsets point into raw, the text file
// beside it as it is on disk. The article text is raw normalised
// (NormalizeText): when normalisation changes the text (a few PolNeAR texts
// have decomposed accents), the offsets are moved to where the same
// characters are in the normalised text. It returns the normalised text with
// the annotations.
func ParseBratText(raw []byte, articleID string, ann []byte, now time.Time) (*annotate.Text, *BratDoc, error) {
	raw, err := annotate.ToUTF8(raw)
	if err != nil {
		return nil, nil, err
	}
	if ann, err = annotate.ToUTF8(ann); err != nil {
		return nil, nil, err
	}
	s, err := annotate.NormalizeText(raw)
	if err != nil {
		return nil, nil, err
	}
	text := annotate.NewText(s)
	p := bratParser{text: text, articleID: articleID, now: now.UTC(), mapOffset: annotate.NormalizedOffsets(string(raw), s)}
	doc, err := p.parse(ann)
	return text, doc, err
}

// BratTextPaths returns where the text of the brat file annPath may be, in
// the order to try: X.txt beside X.ann; for one annotator's file
// <slug>_<annotator>.ann, <slug>.txt beside it, then PolNeAR's layout, where
// attributions/<slug>_<annotator>.ann annotates text/<slug>.txt.
func BratTextPaths(annPath string) []string {
	base := strings.TrimSuffix(annPath, filepath.Ext(annPath))
	paths := []string{base + ".txt"}
	dir, name := filepath.Split(base)
	if m := polnearName.FindStringSubmatch(name); m != nil { // see isAnnotatorFile
		paths = append(paths, filepath.Join(dir, m[1]+".txt"), filepath.Join(dir, "..", "text", m[1]+".txt"))
	}
	return paths
}

var polnearName = regexp.MustCompile(`^(.+)_[0-9a-f]{4}$`)

// isAnnotatorFile says whether annPath is named as one annotator's file of
// a text, PolNeAR's <slug>_<annotator>.ann.
func isAnnotatorFile(annPath string) bool {
	base := filepath.Base(strings.TrimSuffix(annPath, filepath.Ext(annPath)))
	return polnearName.MatchString(base)
}

// Document makes the native document that stores the brat file's
// annotations on article a: the store imports it in one transaction. scale
// is the project's, so that importing does not change it.
func (b *BratDoc) Document(a *annotate.Article, scale annotate.Scale) *annotate.Document {
	ad := annotate.ArticleDoc{Article: *a, Attributions: b.Attributions, Claims: b.Claims}
	for i := range ad.Attributions {
		ad.Attributions[i].ArticleID = a.ID
	}
	for i := range ad.Claims {
		ad.Claims[i].ArticleID = a.ID
	}
	return &annotate.Document{Format: annotate.NativeFormat, Scale: scale, Speakers: b.Speakers, Articles: []annotate.ArticleDoc{ad}}
}

// bratSpan is a T line.
type bratSpan struct {
	line    int
	id, typ string
	anchors []annotate.Anchor
	notes   map[string]string
	used    bool
}

// bratEvent is an E line.
type bratEvent struct {
	line          int
	id, typ       string
	trigger       string
	source, cue   string
	content       []string // Content, Content2, … in role order
	notes         map[string]string
	attributionID string
}

type bratParser struct {
	text      *annotate.Text
	articleID string
	now       time.Time
	mapOffset func(int) int // from the file's offsets to text's

	spans    map[string]*bratSpan
	order    []*bratSpan // spans in file order
	events   []*bratEvent
	byID     map[string]*bratEvent
	skipped  map[string]bool // IDs of lines that are not Factmark's
	doc      BratDoc
	speakers speakerSet
	idSeed   [32]byte
}

func (p *bratParser) parse(ann []byte) (*BratDoc, error) {
	p.spans = map[string]*bratSpan{}
	p.byID = map[string]*bratEvent{}
	p.skipped = map[string]bool{}
	p.speakers = newSpeakerSet(p.now)
	h := sha256.New()
	h.Write([]byte(annotate.TextHash(p.text.String())))
	h.Write(ann)
	copy(p.idSeed[:], h.Sum(nil))
	if err := p.readLines(ann); err != nil {
		return nil, err
	}
	if err := p.attributions(); err != nil {
		return nil, err
	}
	if err := p.claims(); err != nil {
		return nil, err
	}
	for _, s := range p.order {
		if !s.used {
			p.doc.Skipped++
		}
	}
	p.doc.Speakers = p.speakers.list
	return &p.doc, nil
}

// readLines reads every line into spans, events and notes.
func (p *bratParser) readLines(ann []byte) error {
	lines := strings.Split(strings.TrimPrefix(string(ann), "\uFEFF"), "\n")
	var notes []bratNote
	var refs []bratRefs
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSuffix(lines[i], "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		id, rest, _ := strings.Cut(line, "\t")
		var err error
		switch {
		case !isBratID(id):
			err = fmt.Errorf("%q is not a brat annotation ID (T1, E1, #1…): the line must start with an ID and a tab", annotate.Clip(id))
		case p.known(id):
			err = fmt.Errorf("%s appears twice", id)
		case id[0] == 'T':
			i, err = p.span(lines, i, id, rest)
		case id[0] == 'E':
			err = p.event(i+1, id, rest)
			refs = append(refs, bratRefs{i + 1, id, lineRefs(id, rest)})
		case id[0] == '#':
			var n bratNote
			n, err = parseBratNote(i+1, rest)
			notes = append(notes, n)
			p.skipped[id] = true
		default: // R, A, M, N, *: relations, attributes, normalisations, equivalences
			p.skipped[id] = true
			p.doc.Skipped++
			refs = append(refs, bratRefs{i + 1, id, lineRefs(id, rest)})
		}
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "line %d: %v", i+1, err)
		}
	}
	for _, r := range refs {
		for _, ref := range r.ids {
			if !p.known(ref) {
				return annotate.Errorf(annotate.EINVALID, "line %d: %s refers to %s, which the file does not have", r.line, r.id, annotate.Clip(ref))
			}
		}
	}
	return p.attachNotes(notes)
}

// bratRefs are the IDs a line refers to.
type bratRefs struct {
	line int
	id   string
	ids  []string
}

// lineRefs returns the IDs an E, R, A, M, N or * line refers to, whether
// Factmark reads the line or not: a reference to an annotation the file does
// not have is a broken file, not one to import in part.
//
//	E1	Type:T1 Role:T2 Role:E3
//	R1	Type Arg1:T1 Arg2:T2
//	A1	Type T1 [value]   (M1 the same)
//	N1	Type T1 db:id	text
//	*	Type T1 T2 …
func lineRefs(id, rest string) []string {
	head, _, _ := strings.Cut(rest, "\t")
	fields := strings.Fields(head)
	if len(fields) == 0 {
		return nil
	}
	var refs []string
	switch id[0] {
	case 'E', 'R':
		for i, f := range fields {
			if _, ref, ok := strings.Cut(f, ":"); ok && ref != "" && (i > 0 || id[0] == 'E') {
				refs = append(refs, ref)
			}
		}
	case 'A', 'M', 'N':
		if len(fields) > 1 {
			refs = append(refs, fields[1])
		}
	case '*':
		refs = append(refs, fields[1:]...)
	}
	return refs
}

// isBratID reports whether id is a brat annotation ID: T1, E1, R1, A1, M1,
// N1, #1, or * (equivalences) with or without a number.
func isBratID(id string) bool {
	if id == "" || !strings.ContainsRune("TERAMN#*", rune(id[0])) {
		return false
	}
	for _, c := range id[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(id) > 1 || id[0] == '*'
}

func (p *bratParser) known(id string) bool {
	_, span := p.spans[id]
	_, event := p.byID[id]
	return span || event || p.skipped[id]
}

// span reads the T line lines[i]; its text may continue on the next lines
// when the span crosses line ends (brat writes them so). It returns the index
// of the last line it read.
func (p *bratParser) span(lines []string, i int, id, rest string) (int, error) {
	head, col, ok := strings.Cut(rest, "\t")
	if !ok {
		return i, fmt.Errorf("%s: want \"<type> <start> <end>\", a tab and the text", id)
	}
	typ, offsets, ok := strings.Cut(head, " ")
	if !ok || typ == "" {
		return i, fmt.Errorf("%s: %q is not \"<type> <start> <end>\"", id, annotate.Clip(head))
	}
	anchors, err := p.fragments(offsets)
	if err != nil {
		return i, fmt.Errorf("%s: %v", id, err)
	}
	want := p.spanText(anchors)
	col = strings.TrimSuffix(col, "\r")
	for col != want && strings.HasPrefix(want, col+"\n") && i+1 < len(lines) {
		i++
		col += "\n" + strings.TrimSuffix(lines[i], "\r")
	}
	if !sameSpanText(col, want) {
		return i, fmt.Errorf("%s: the text column %q does not match the article at %s, which reads %q",
			id, annotate.Clip(col), offsets, annotate.Clip(want))
	}
	s := &bratSpan{line: i + 1, id: id, typ: typ, anchors: anchors}
	switch typ {
	case bratSource, bratCue, bratContent, bratClaim, bratTrigger, bratNoSource:
		p.spans[id] = s
		p.order = append(p.order, s)
	default: // Discuss, Discard and whatever else a project annotates
		p.skipped[id] = true
		p.doc.Skipped++
	}
	return i, nil
}

// fragments parses "start end;start end" into anchors in the text.
func (p *bratParser) fragments(offsets string) ([]annotate.Anchor, error) {
	var anchors []annotate.Anchor
	for _, f := range strings.Split(offsets, ";") {
		a, b, ok := strings.Cut(strings.TrimSpace(f), " ")
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("offsets %q are not \"<start> <end>[;<start> <end>…]\"", annotate.Clip(offsets))
		}
		if start < 0 || end <= start {
			return nil, fmt.Errorf("fragment %d–%d is empty or negative", start, end)
		}
		anchor, err := p.text.Anchor(p.mapOffset(start), p.mapOffset(end))
		if err != nil {
			return nil, fmt.Errorf("fragment %d–%d: %v", start, end, strings.TrimPrefix(err.Error(), "anchor: "))
		}
		anchors = append(anchors, anchor)
	}
	return anchors, nil
}

// spanText is what a T line's text column holds: the fragments' text joined
// by one space.
func (p *bratParser) spanText(anchors []annotate.Anchor) string {
	parts := make([]string, len(anchors))
	for i, a := range anchors {
		parts[i] = a.Exact
	}
	return strings.Join(parts, " ")
}

// sameSpanText compares a text column with the text it should hold: line
// ends may have become spaces (as WriteBrat writes them), and either may be
// normalised differently.
func sameSpanText(col, want string) bool {
	if col == want {
		return true
	}
	col, want = bratColumn(col), bratColumn(want)
	return col == want || norm.NFC.String(col) == norm.NFC.String(want)
}

// bratColumn makes text fit on one line of a brat file.
func bratColumn(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// event reads an E line.
func (p *bratParser) event(line int, id, rest string) error {
	args := strings.Fields(rest)
	if len(args) == 0 {
		return fmt.Errorf("%s has no type and trigger", id)
	}
	typ, trigger, ok := strings.Cut(args[0], ":")
	if !ok || trigger == "" {
		return fmt.Errorf("%s: %q is not \"<type>:<trigger>\"", id, annotate.Clip(args[0]))
	}
	if typ != bratTrigger && typ != bratNoSource {
		p.skipped[id] = true
		p.doc.Skipped++
		return nil
	}
	e := &bratEvent{line: line, id: id, typ: typ, trigger: trigger}
	contents := map[int]string{}
	for _, arg := range args[1:] {
		role, ref, ok := strings.Cut(arg, ":")
		if !ok || ref == "" {
			return fmt.Errorf("%s: %q is not \"<role>:<id>\"", id, annotate.Clip(arg))
		}
		switch n, isContent := contentRole(role); {
		case role == bratSource && e.source == "":
			e.source = ref
		case role == bratCue && e.cue == "":
			e.cue = ref
		case isContent && contents[n] == "":
			contents[n] = ref
		case role == bratSource || role == bratCue || isContent:
			return fmt.Errorf("%s has two %s arguments", id, role)
		default:
			return fmt.Errorf("%s: unknown role %q (Source, Cue, Content, Content2…)", id, annotate.Clip(role))
		}
	}
	if len(contents) == 0 {
		// An event without content is an annotator's slip (PolNeAR has a
		// few, beside a complete event on the same trigger): not an
		// attribution.
		p.skipped[id] = true
		p.doc.Skipped++
		return nil
	}
	roles := make([]int, 0, len(contents))
	for n := range contents {
		roles = append(roles, n)
	}
	sort.Ints(roles)
	for _, n := range roles {
		e.content = append(e.content, contents[n])
	}
	p.events = append(p.events, e)
	p.byID[id] = e
	return nil
}

// contentRole reports whether role is Content, Content2, Content3…, and which.
func contentRole(role string) (int, bool) {
	if role == bratContent {
		return 1, true
	}
	n, err := strconv.Atoi(strings.TrimPrefix(role, bratContent))
	return n, strings.HasPrefix(role, bratContent) && err == nil && n >= 2 && role == bratContent+strconv.Itoa(n)
}

// bratNote is a # line.
type bratNote struct {
	line   int
	target string
	values map[string]string
}

func parseBratNote(line int, rest string) (bratNote, error) {
	head, body, _ := strings.Cut(rest, "\t")
	typ, target, ok := strings.Cut(head, " ")
	if !ok || target == "" {
		return bratNote{}, fmt.Errorf("%q is not \"AnnotatorNotes <id>\"", annotate.Clip(head))
	}
	n := bratNote{line: line, target: target, values: map[string]string{}}
	if typ != "AnnotatorNotes" {
		return n, nil
	}
	for _, part := range strings.Split(body, "|") {
		if k, v, ok := strings.Cut(part, "="); ok && strings.TrimSpace(k) != "" {
			n.values[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
		}
	}
	return n, nil
}

// attachNotes gives each span and event the values of its notes; later notes
// win.
func (p *bratParser) attachNotes(notes []bratNote) error {
	for _, n := range notes {
		var values *map[string]string
		if s, ok := p.spans[n.target]; ok {
			values = &s.notes
		} else if e, ok := p.byID[n.target]; ok {
			values = &e.notes
		} else if p.skipped[n.target] {
			continue
		} else {
			return annotate.Errorf(annotate.EINVALID, "line %d: the note is on %s, which the file does not have", n.line, annotate.Clip(n.target))
		}
		if *values == nil {
			*values = map[string]string{}
		}
		for k, v := range n.values {
			(*values)[k] = v
		}
	}
	return nil
}

// attributions makes an attribution of every attribution event.
func (p *bratParser) attributions() error {
	for _, e := range p.events {
		a, err := p.attribution(e)
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "line %d: %s: %v", e.line, e.id, err)
		}
		p.doc.Attributions = append(p.doc.Attributions, a)
	}
	return nil
}

func (p *bratParser) attribution(e *bratEvent) (annotate.Attribution, error) {
	a := annotate.Attribution{Meta: p.meta(e.id)}
	e.attributionID = a.ID
	if s, err := p.use(e.trigger, "trigger", bratTrigger, bratNoSource); err != nil {
		return a, err
	} else if s == nil {
		return a, fmt.Errorf("trigger %s is not an Attribution span", e.trigger)
	}
	if s, err := p.use(e.source, bratSource, bratSource); err != nil {
		return a, err
	} else if s != nil {
		a.Source = extent(p.text, s.anchors)
		if a.SpeakerID, err = p.speakerID(s.notes["speaker"]); err != nil {
			return a, err
		}
	}
	if s, err := p.use(e.cue, bratCue, bratCue); err != nil {
		return a, err
	} else if s != nil {
		a.Cue = extent(p.text, s.anchors)
	}
	for _, ref := range e.content {
		s, err := p.use(ref, bratContent, bratContent)
		if err != nil {
			return a, err
		} else if s != nil {
			a.Content = append(a.Content, s.anchors...)
		}
	}
	if len(a.Content) == 0 {
		return a, fmt.Errorf("its Content is not a Content span")
	}
	if name := e.notes["speaker"]; name != "" {
		var err error
		if a.SpeakerID, err = p.speakerID(name); err != nil {
			return a, err
		}
	}
	a.Kind = quotedKind(a.Content)
	if k, ok := e.notes["kind"]; ok {
		a.Kind = annotate.Kind(k)
	}
	if err := a.Validate(p.text); err != nil {
		return a, err
	}
	return a, nil
}

// use returns the span ref names as role, checking its type. It returns nil
// for no ref, and for a span of a type Factmark does not read (an annotator
// who linked a Discuss span as a cue): the role is left out.
func (p *bratParser) use(ref, role string, types ...string) (*bratSpan, error) {
	if ref == "" || p.skipped[ref] {
		return nil, nil
	}
	s, ok := p.spans[ref]
	if !ok {
		return nil, fmt.Errorf("%s %s: no such span in the file", role, annotate.Clip(ref))
	}
	for _, t := range types {
		if s.typ == t {
			s.used = true
			return s, nil
		}
	}
	return nil, fmt.Errorf("%s %s is a %s span, not %s", role, ref, s.typ, strings.Join(types, " or "))
}

// extent is one anchor over all of anchors: Source and Cue are single spans
// in Factmark, and a few corpus spans have fragments.
func extent(text *annotate.Text, anchors []annotate.Anchor) *annotate.Anchor {
	if len(anchors) == 1 {
		a := anchors[0]
		return &a
	}
	start, end := anchors[0].Start, anchors[0].End
	for _, f := range anchors[1:] {
		start, end = min(start, f.Start), max(end, f.End)
	}
	a := spanAnchor(text, start, end)
	return &a
}

// claims makes a claim of every Claim span, in file order.
func (p *bratParser) claims() error {
	for _, s := range p.order {
		if s.typ != bratClaim {
			continue
		}
		s.used = true
		c, err := p.claim(s)
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "line %d: %s: %v", s.line, s.id, err)
		}
		p.doc.Claims = append(p.doc.Claims, c)
	}
	return nil
}

func (p *bratParser) claim(s *bratSpan) (annotate.Claim, error) {
	c := annotate.Claim{Meta: p.meta(s.id), Anchors: s.anchors, Status: annotate.StatusCandidate}
	var err error
	if c.SpeakerID, err = p.speakerID(s.notes["speaker"]); err != nil {
		return c, err
	}
	if v, ok := s.notes["score"]; ok {
		w, err := strconv.ParseFloat(v, 64)
		if err != nil || w < 0 || w > 1 {
			return c, fmt.Errorf("score %q is not a number between 0 and 1", annotate.Clip(v))
		}
		c.Worthiness, c.WorthinessOrigin = &w, annotate.Suggested
		if s.notes["scored"] == string(annotate.Manual) {
			c.WorthinessOrigin = annotate.Manual
		}
	}
	if v, ok := s.notes["status"]; ok {
		c.Status = readStatus(v)
	}
	if ref := s.notes["attribution"]; ref != "" {
		e, ok := p.byID[ref]
		if !ok {
			return c, fmt.Errorf("attribution %s: no attribution event with this ID", annotate.Clip(ref))
		}
		c.AttributionID = e.attributionID
	}
	return c, c.Validate(p.text)
}

// meta stamps a new annotation made from the brat line id.
func (p *bratParser) meta(id string) annotate.Meta {
	return annotate.Meta{
		ID:        uuid.NewSHA1(bratIDSpace, append(p.idSeed[:], id...)).String(),
		ArticleID: p.articleID,
		Origin:    annotate.Manual,
		Created:   p.now,
		Modified:  p.now,
	}
}

// bratIDSpace is the UUID name space of annotations read from brat files.
var bratIDSpace = uuid.MustParse("6f1c0a52-3f1e-4d35-9a57-8b0c2b7e6a10")

// speakerID returns the ID of the speaker named name; "" for none.
func (p *bratParser) speakerID(name string) (string, error) {
	return p.speakers.id("speaker note", name)
}

// quotedKind is the kind of an attribution whose event says none: direct
// when its content stands in quotation marks, else indirect.
func quotedKind(content []annotate.Anchor) annotate.Kind {
	if len(content) == 0 {
		return annotate.Indirect
	}
	first := strings.TrimSpace(content[0].Exact)
	last := strings.TrimRight(strings.TrimSpace(content[len(content)-1].Exact), ".,;:!?…—– ")
	if first != "" && last != "" && strings.ContainsRune(openQuotes, []rune(first)[0]) &&
		strings.ContainsRune(closeQuotes, []rune(last)[len([]rune(last))-1]) {
		return annotate.Direct
	}
	return annotate.Indirect
}

const (
	openQuotes  = "\"“„«‘‹'"
	closeQuotes = "\"”“»’›'"
)

// WriteBrat writes an article's attributions and claims as brat standoff,
// with the conventions ParseBrat reads: spans in the order Source, Cue,
// Content, trigger for each attribution in text order, then the claims; a
// span two attributions share is written once; the trigger is at the cue, or
// at the content when there is none. Fact-check notes have no place in brat
// and are left out. speakers resolves speaker IDs to names.
func WriteBrat(w io.Writer, a *annotate.ArticleDoc, speakers []annotate.Speaker) error {
	bw := &bratWriter{w: bufio.NewWriterSize(w, 1<<16), text: annotate.NewText(a.Text), spans: map[string]int{},
		noted: map[int]string{}, events: map[string]int{}, names: make(map[string]string, len(speakers))}
	for _, s := range speakers {
		bw.names[s.ID] = s.Name
	}
	attributions := append([]annotate.Attribution(nil), a.Attributions...)
	sort.SliceStable(attributions, func(i, j int) bool { return bratLess(&attributions[i], &attributions[j]) })
	for i := range attributions {
		bw.attribution(&attributions[i])
	}
	claims := append([]annotate.Claim(nil), a.Claims...)
	sort.SliceStable(claims, func(i, j int) bool { return claimLess(&claims[i], &claims[j]) })
	for i := range claims {
		bw.claim(&claims[i])
	}
	if bw.err != nil {
		return fmt.Errorf("write brat: %w", bw.err)
	}
	return bw.w.Flush()
}

// spanAnchor is text.Anchor of a span known to be valid.
func spanAnchor(t *annotate.Text, start, end int) annotate.Anchor {
	a, err := t.Anchor(start, end)
	if err != nil {
		panic("interchange: " + err.Error())
	}
	return a
}

// bratLess orders attributions for brat: by where they start, then by their
// spans, so that the file does not depend on IDs.
func bratLess(a, b *annotate.Attribution) bool {
	ka, kb := bratKey(a), bratKey(b)
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	return a.ID < b.ID
}

// bratKey is where a starts, then its content's, source's and cue's spans (-1 for none).
func bratKey(a *annotate.Attribution) [7]int {
	k := [7]int{a.Start(), -1, -1, -1, -1, -1, -1}
	if len(a.Content) > 0 {
		k[1], k[2] = a.Content[0].Start, a.Content[len(a.Content)-1].End
	}
	if a.Source != nil {
		k[3], k[4] = a.Source.Start, a.Source.End
	}
	if a.Cue != nil {
		k[5], k[6] = a.Cue.Start, a.Cue.End
	}
	return k
}

func claimLess(a, b *annotate.Claim) bool {
	if a.Start() != b.Start() {
		return a.Start() < b.Start()
	}
	if ea, eb := a.Anchors[len(a.Anchors)-1].End, b.Anchors[len(b.Anchors)-1].End; ea != eb {
		return ea < eb
	}
	return a.ID < b.ID
}

type bratWriter struct {
	w                  *bufio.Writer
	text               *annotate.Text
	nextT, nextE, note int
	spans              map[string]int    // type and offsets → T number
	noted              map[int]string    // T number → speaker named in its note
	events             map[string]int    // attribution ID → E number
	names              map[string]string // speaker ID → name
	err                error
}

func (bw *bratWriter) printf(format string, args ...any) {
	if bw.err == nil {
		_, bw.err = fmt.Fprintf(bw.w, format, args...)
	}
}

// span writes a T line unless the same span was written already, and returns
// its number and whether it is new. Claims are never shared.
func (bw *bratWriter) span(typ string, anchors []annotate.Anchor) (int, bool) {
	var offsets, text strings.Builder
	for i, a := range anchors {
		if i > 0 {
			offsets.WriteByte(';')
			text.WriteByte(' ')
		}
		fmt.Fprintf(&offsets, "%d %d", a.Start, a.End)
		text.WriteString(a.Exact)
	}
	key := typ + " " + offsets.String()
	if n, ok := bw.spans[key]; ok && typ != bratClaim {
		return n, false
	}
	bw.nextT++
	bw.spans[key] = bw.nextT
	bw.printf("T%d\t%s\t%s\n", bw.nextT, key, bratColumn(text.String()))
	return bw.nextT, true
}

func (bw *bratWriter) notes(target string, values ...string) {
	var parts []string
	for i := 0; i+1 < len(values); i += 2 {
		if values[i+1] != "" {
			parts = append(parts, values[i]+"="+bratNoteValue(values[i+1]))
		}
	}
	if len(parts) > 0 {
		bw.note++
		bw.printf("#%d\tAnnotatorNotes %s\t%s\n", bw.note, target, strings.Join(parts, " | "))
	}
}

// bratNoteValue keeps a value on its line and out of the " | " separators.
func bratNoteValue(v string) string {
	return strings.ReplaceAll(bratColumn(strings.ReplaceAll(v, "\t", " ")), "|", "/")
}

func (bw *bratWriter) attribution(a *annotate.Attribution) {
	speaker := bw.names[a.SpeakerID]
	args := ""
	if a.Source != nil {
		n, isNew := bw.span(bratSource, []annotate.Anchor{*a.Source})
		if isNew {
			bw.notes(fmt.Sprintf("T%d", n), "speaker", speaker)
			bw.noted[n] = speaker
		}
		if bw.noted[n] == speaker {
			speaker = "" // said on the source already
		}
		args += fmt.Sprintf(" Source:T%d", n)
	}
	if a.Cue != nil {
		n, _ := bw.span(bratCue, []annotate.Anchor{*a.Cue})
		args += fmt.Sprintf(" Cue:T%d", n)
	}
	content, _ := bw.span(bratContent, a.Content)
	args += fmt.Sprintf(" Content:T%d", content)
	typ, at := bratTrigger, a.Content
	if a.Source == nil {
		typ = bratNoSource
	}
	if a.Cue != nil {
		at = []annotate.Anchor{*a.Cue}
	}
	trigger, _ := bw.span(typ, at)
	bw.nextE++
	bw.events[a.ID] = bw.nextE
	bw.printf("E%d\t%s:T%d%s\n", bw.nextE, typ, trigger, args)
	bw.notes(fmt.Sprintf("E%d", bw.nextE), "kind", string(a.Kind), "speaker", speaker)
}

func (bw *bratWriter) claim(c *annotate.Claim) {
	n, _ := bw.span(bratClaim, c.Anchors)
	var score, scored, link, status string
	if c.Worthiness != nil {
		score = strconv.FormatFloat(*c.Worthiness, 'f', -1, 64)
		if c.WorthinessOrigin == annotate.Manual {
			scored = string(annotate.Manual)
		}
	}
	if e, ok := bw.events[c.AttributionID]; ok {
		link = fmt.Sprintf("E%d", e)
	}
	if c.Status != annotate.StatusCandidate {
		status = string(c.Status)
	}
	bw.notes(fmt.Sprintf("T%d", n), "score", score, "scored", scored, "speaker", bw.names[c.SpeakerID],
		"attribution", link, "status", status)
}

// BratName is the file name, without extension, an article's brat files are
// exported under: the start of its title made safe for any file system
// (lower-case ASCII letters, digits and dashes, at most 48), then its whole
// ID, so that no two articles share a name (UUIDv7 IDs made in the same
// minute share their first 8 hex digits) and an article has the same name
// in every export. It never holds a path separator or starts with a dot,
// and is at most 85 bytes.
func BratName(a *annotate.Article) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFKD.String(a.Title)) {
		switch {
		case r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
			dash = false
		case r >= 128 && unicode.IsMark(r):
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	name := strings.Trim(b.String(), "-")
	id := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f', r == '-':
			return r
		case r >= 'A' && r <= 'F':
			return r + 'a' - 'A'
		}
		return -1
	}, a.ID)
	id = strings.Trim(id[:min(36, len(id))], "-")
	switch {
	case id == "":
		id = "article"
	case name == "":
		return id
	}
	return name + "-" + id
}
