package interchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

// W3C Web Annotation (https://www.w3.org/TR/annotation-model/), as Factmark
// writes it: one Annotation per attribution, claim and note, all in one
// AnnotationCollection. Every annotation targets its article (the article's
// URL, or urn:sha256 of its text when it has none) through SpecificResources
// with a TextQuoteSelector and a TextPositionSelector (code points), one per
// piece of the span:
//
//   - an attribution is "describing": it targets the content and its bodies
//     are the tag "attribution", the kind (classifying), the speaker's name
//     (identifying), the speaker's mention in the text (a SpecificResource,
//     identifying) and the cue (a SpecificResource, describing);
//   - a claim is "tagging": the tag "claim", then its own tags, its status and
//     check-worthiness (classifying: "status: verdict_proposed",
//     "check-worthiness: 0.9 (manual)"), the claimant (identifying) and a
//     "linking" SpecificResource to the attribution it comes from;
//   - a note is "assessing" when it has a verdict (the assessing body), else
//     "commenting": the rationale (commenting), each source of evidence (a
//     linking SpecificResource whose source is the evidence, with its title
//     and publisher as schema:name and schema:publisher, the access date as a
//     TimeState and the excerpt as a TextQuoteSelector) and a "linking" body
//     to the claim it is on; it targets that claim's span, or its own.
//
// A comment is "replying": it targets the IRI of the annotation it is on,
// or, for a reply in a thread, of the comment it answers; its body is the
// comment's text (a TextualBody, replying), its creator its author, and a
// resolved thread says so in Factmark's extension field factmark:resolved
// (the "factmark" prefix is defined in the annotation's @context, which
// for comments is a list: the Web Annotation context, then that prefix).
//
// Suggested annotations carry "origin: suggested" (classifying). IDs are
// urn:uuid: of Factmark's IDs; creator is the annotator, a Person.

// W3CContext is the Web Annotation JSON-LD context.
const W3CContext = "http://www.w3.org/ns/anno.jsonld"

// FactmarkNS is the IRI of Factmark's own terms in JSON-LD (the
// "factmark" prefix), for what the Web Annotation vocabulary has no term
// for: a comment thread's resolved state.
const FactmarkNS = "https://github.com/factmark/factmark/ns#"

// w3cCommentContext is the @context of a comment: the Web Annotation
// context, which the model requires, and the factmark prefix.
var w3cCommentContext = []any{W3CContext, map[string]string{"factmark": FactmarkNS}}

// w3cResolved is the extension field of a resolved comment.
const w3cResolved = "factmark:resolved"

// Factmark's own vocabulary inside W3C bodies.
const (
	w3cTagAttribution = "attribution"
	w3cTagClaim       = "claim"
	w3cStatus         = "status: "
	w3cWorthiness     = "check-worthiness: "
	w3cOrigin         = "origin: "
)

// factmarkAgent is the software that generates the annotations.
var factmarkAgent = &w3cAgent{Type: "Software", Name: "Factmark", Homepage: "https://github.com/factmark/factmark"}

type w3cAnnotation struct {
	Context    any       `json:"@context"` // W3CContext, or w3cCommentContext`
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Creator    *w3cAgent `json:"creator,omitempty"`
	Created    string    `json:"created"`
	Modified   string    `json:"modified"`
	Generator  *w3cAgent `json:"generator"`
	Body       []w3cBody `json:"body,omitempty"`
	Target     any       `json:"target"` // a w3cTarget, several, or an annotation's IRI (a comment's)
	Resolved   bool      `json:"factmark:resolved,omitempty"`
}

type w3cAgent struct {
	Type     string `json:"type"`
	Name     string `json:"name"`
	Homepage string `json:"homepage,omitempty"`
}

// w3cBody is a TextualBody (Value) or a SpecificResource (Source).
type w3cBody struct {
	Type     string        `json:"type"`
	Purpose  string        `json:"purpose"`
	Value    *string       `json:"value,omitempty"`
	Source   any           `json:"source,omitempty"` // an IRI or a w3cResource
	State    *w3cTimeState `json:"state,omitempty"`
	Selector any           `json:"selector,omitempty"`
}

type w3cTarget struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Selector []any  `json:"selector"`
}

type w3cQuote struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type w3cPosition struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// w3cResource is a source of evidence.
type w3cResource struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Name      string `json:"schema:name,omitempty"`
	Publisher string `json:"schema:publisher,omitempty"`
}

type w3cTimeState struct {
	Type       string `json:"type"`
	SourceDate string `json:"sourceDate"`
}

// WriteW3C writes the document's annotations as one W3C AnnotationCollection
// whose first page holds them all, in the document's canonical order, one
// annotation a line. The collection's ID is derived from its articles'
// texts, so that the same annotations export to the same bytes in any
// project.
func WriteW3C(w io.Writer, d *annotate.Document) error {
	d = WithoutWithheld(d)
	d.Sort() // the articles too, as the store hands them out
	return writeW3CFrom(w, documentPasses(d))
}

// writeW3CFrom writes the collection of the articles src hands out, one
// article at a time: the first pass counts the annotations and gathers the
// articles' hashes, which the collection's head gives, the second writes.
func writeW3CFrom(w io.Writer, src articlePasses) error {
	var shas []string
	total := 0
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	var ww w3cWriter
	sep := "\n      "
	emit := func(x *w3cAnnotation) error {
		buf.Reset()
		if err := enc.Encode(x); err != nil {
			return err
		}
		bw.WriteString(sep)
		sep = ",\n      "
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	started := false
	start := func() {
		started = true
		id := uuid.NewSHA1(idSpace, []byte("collection "+strings.Join(shas, " ")))
		page := uuid.NewSHA1(id, []byte("page 0"))
		fmt.Fprintf(bw, "{\n  \"@context\": %q,\n  \"id\": \"urn:uuid:%s\",\n  \"type\": \"AnnotationCollection\",\n"+
			"  \"label\": \"Factmark annotations\",\n  \"total\": %d,\n  \"first\": {\n    \"id\": \"urn:uuid:%s\",\n"+
			"    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [", W3CContext, id, total, page)
	}
	head := func(d *annotate.Document) error {
		ww.names = speakerNameMap(d.Speakers)
		return nil
	}
	article := func(pass int, a *annotate.ArticleDoc) error {
		a = w3cArticle(a)
		if pass == 0 {
			shas = append(shas, a.SHA256)
			total += len(a.Attributions) + len(a.Claims) + len(a.Notes) + len(a.Comments)
			return nil
		}
		if !started {
			start()
		}
		if err := ww.each(a, emit); err != nil {
			return fmt.Errorf("write W3C: %w", err)
		}
		return nil
	}
	if err := src(2, head, article); err != nil {
		return err
	}
	if !started {
		start()
	}
	if total > 0 {
		bw.WriteString("\n    ")
	}
	bw.WriteString("]\n  }\n}\n")
	return bw.Flush()
}

// w3cArticle is a as the W3C collection holds it: without withheld
// sources, its annotations in the document's order, comments oldest first.
func w3cArticle(a *annotate.ArticleDoc) *annotate.ArticleDoc {
	d := WithoutWithheld(oneArticle(a))
	d.Sort()
	sortWorkflow(d)
	return &d.Articles[0]
}

// W3CAnnotations returns each annotation of the document as a standalone
// W3C Annotation, for tests and tools that want them one by one.
func W3CAnnotations(d *annotate.Document) ([]json.RawMessage, error) {
	d = WithoutWithheld(d)
	d.Sort()
	sortWorkflow(d)
	ww := w3cWriter{names: speakerNameMap(d.Speakers)}
	var items []json.RawMessage
	for i := range d.Articles {
		err := ww.each(&d.Articles[i], func(x *w3cAnnotation) error {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			err := enc.Encode(x)
			items = append(items, bytes.TrimSuffix(b.Bytes(), []byte("\n")))
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return items, nil
}

type w3cWriter struct {
	names  map[string]string
	source string
}

// each calls emit with each of the article's annotations in turn.
func (ww *w3cWriter) each(a *annotate.ArticleDoc, emit func(*w3cAnnotation) error) error {
	ww.source = ArticleSource(&a.Article)
	claims := make(map[string][]annotate.Anchor, len(a.Claims))
	for i := range a.Claims {
		claims[a.Claims[i].ID] = a.Claims[i].Anchors
	}
	for i := range a.Attributions {
		x := ww.attribution(&a.Attributions[i])
		if err := emit(&x); err != nil {
			return err
		}
	}
	for i := range a.Claims {
		x := ww.claim(&a.Claims[i])
		if err := emit(&x); err != nil {
			return err
		}
	}
	for i := range a.Notes {
		n := &a.Notes[i]
		target := claims[n.ClaimID]
		if n.Target != nil {
			target = []annotate.Anchor{*n.Target}
		}
		x := ww.note(n, target)
		if err := emit(&x); err != nil {
			return err
		}
	}
	for i := range a.Comments {
		x := w3cComment(&a.Comments[i])
		if err := emit(&x); err != nil {
			return err
		}
	}
	return nil
}

// w3cCount is the number of W3C annotations the document makes: one per
// annotation and comment.
func w3cCount(d *annotate.Document) int {
	n := d.Count()
	for i := range d.Articles {
		n += len(d.Articles[i].Comments)
	}
	return n
}

// w3cComment is a comment as a reply (see above).
func w3cComment(c *annotate.Comment) w3cAnnotation {
	target := c.AnnotationID
	if c.ParentID != "" {
		target = c.ParentID
	}
	x := w3cAnnotation{
		Context: w3cCommentContext, ID: "urn:uuid:" + c.ID, Type: "Annotation", Motivation: "replying",
		Created: timeString(c.Created), Modified: timeString(c.Modified), Generator: factmarkAgent,
		Body: []w3cBody{textBody("replying", c.Body)}, Target: "urn:uuid:" + target, Resolved: c.Resolved,
	}
	if c.Author != "" {
		x.Creator = &w3cAgent{Type: "Person", Name: c.Author}
	}
	return x
}

func (ww *w3cWriter) annotation(m *annotate.Meta, motivation string, anchors []annotate.Anchor, bodies []w3cBody) w3cAnnotation {
	x := w3cAnnotation{
		Context: W3CContext, ID: "urn:uuid:" + m.ID, Type: "Annotation", Motivation: motivation,
		Created: timeString(m.Created), Modified: timeString(m.Modified), Generator: factmarkAgent,
	}
	if m.Author != "" {
		x.Creator = &w3cAgent{Type: "Person", Name: m.Author}
	}
	if m.Origin == annotate.Suggested {
		bodies = append(bodies, textBody("classifying", w3cOrigin+string(annotate.Suggested)))
	}
	x.Body = bodies
	targets := make([]w3cTarget, len(anchors))
	for i, a := range anchors {
		targets[i] = w3cTarget{Type: "SpecificResource", Source: ww.source, Selector: w3cSelectors(a)}
	}
	if len(targets) == 1 {
		x.Target = targets[0]
	} else {
		x.Target = targets
	}
	return x
}

func w3cSelectors(a annotate.Anchor) []any {
	return []any{
		w3cQuote{Type: "TextQuoteSelector", Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix},
		w3cPosition{Type: "TextPositionSelector", Start: a.Start, End: a.End},
	}
}

func textBody(purpose, value string) w3cBody {
	return w3cBody{Type: "TextualBody", Purpose: purpose, Value: &value}
}

// spanBody is a body that is a span of the article.
func (ww *w3cWriter) spanBody(purpose string, a annotate.Anchor) w3cBody {
	return w3cBody{Type: "SpecificResource", Purpose: purpose, Source: ww.source, Selector: w3cSelectors(a)}
}

// linkBody is a body that links to another annotation.
func linkBody(id string) w3cBody {
	return w3cBody{Type: "SpecificResource", Purpose: "linking", Source: "urn:uuid:" + id}
}

func (ww *w3cWriter) attribution(a *annotate.Attribution) w3cAnnotation {
	bodies := []w3cBody{textBody("tagging", w3cTagAttribution), textBody("classifying", string(a.Kind))}
	if name := ww.names[a.SpeakerID]; name != "" {
		bodies = append(bodies, textBody("identifying", name))
	}
	if a.Source != nil {
		bodies = append(bodies, ww.spanBody("identifying", *a.Source))
	}
	if a.Cue != nil {
		bodies = append(bodies, ww.spanBody("describing", *a.Cue))
	}
	return ww.annotation(&a.Meta, "describing", a.Content, bodies)
}

func (ww *w3cWriter) claim(c *annotate.Claim) w3cAnnotation {
	bodies := []w3cBody{textBody("tagging", w3cTagClaim)}
	for _, t := range c.Tags {
		bodies = append(bodies, textBody("tagging", t))
	}
	bodies = append(bodies, textBody("classifying", w3cStatus+string(c.Status)))
	if c.Worthiness != nil {
		bodies = append(bodies, textBody("classifying", fmt.Sprintf("%s%s (%s)", w3cWorthiness,
			strconv.FormatFloat(*c.Worthiness, 'f', -1, 64), c.WorthinessOrigin)))
	}
	if name := ww.names[c.SpeakerID]; name != "" {
		bodies = append(bodies, textBody("identifying", name))
	}
	if c.AttributionID != "" {
		bodies = append(bodies, linkBody(c.AttributionID))
	}
	return ww.annotation(&c.Meta, "tagging", c.Anchors, bodies)
}

func (ww *w3cWriter) note(n *annotate.Note, target []annotate.Anchor) w3cAnnotation {
	var bodies []w3cBody
	motivation := "commenting"
	if n.Verdict != "" {
		motivation = "assessing"
		bodies = append(bodies, textBody("assessing", n.Verdict))
	}
	if n.Rationale != "" {
		bodies = append(bodies, textBody("commenting", n.Rationale))
	}
	for _, e := range n.Sources {
		bodies = append(bodies, evidenceBody(e))
	}
	if n.ClaimID != "" {
		bodies = append(bodies, linkBody(n.ClaimID))
	}
	return ww.annotation(&n.Meta, motivation, target, bodies)
}

// evidenceBody is a source of evidence. One without a URL gets a URN made
// from its title and publisher: the model wants an IRI for every resource.
func evidenceBody(e annotate.Evidence) w3cBody {
	id := e.URL
	if id == "" {
		id = "urn:uuid:" + uuid.NewSHA1(idSpace, []byte("evidence\x00"+e.Title+"\x00"+e.Publisher)).String()
	}
	b := w3cBody{Type: "SpecificResource", Purpose: "linking",
		Source: w3cResource{ID: id, Type: "Text", Name: e.Title, Publisher: e.Publisher}}
	if e.Accessed != "" {
		date := e.Accessed // an RFC 3339 time as it is, a date at its start
		if annotate.ValidDate(date) {
			date += "T00:00:00Z"
		}
		b.State = &w3cTimeState{Type: "TimeState", SourceDate: date}
	}
	if e.Excerpt != "" {
		b.Selector = w3cQuote{Type: "TextQuoteSelector", Exact: e.Excerpt}
	}
	return b
}

// ParseW3C reads W3C Web Annotations: one annotation, a list of them, an
// AnnotationPage or an AnnotationCollection with embedded pages. Factmark's
// own annotations come back as the attributions, claims and notes they were
// (with their IDs, so that a second import finds them); any other annotation
// with a text selector, from Hypothesis for instance, becomes a note on the
// span it quotes. Targets are found through lookup and anchored with
// AnchorQuote; annotations that cannot be anchored are left out and listed in
// Orphans. Verdicts not on scale are kept in the note's rationale. Errors
// give the JSON path of what is wrong.
func ParseW3C(data []byte, lookup ArticleLookup, scale annotate.Scale, now time.Time) (*Imported, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	items, err := w3cItems(v)
	if err != nil {
		return nil, err
	}
	r := newImportBuilder(lookup, scale, now)
	for _, it := range items {
		if err := r.w3c(it.path, it.m); err != nil {
			return nil, err
		}
	}
	return r.finish(FormatW3C)
}

// w3cItems finds the annotations in a W3C document.
func w3cItems(v any) ([]jsonItem, error) {
	switch v := v.(type) {
	case []any:
		return objectItems("", v)
	case map[string]any:
		types := stringsOf(v["type"])
		switch {
		case hasString(types, "AnnotationCollection"):
			return w3cPages("first", v["first"])
		case hasString(types, "AnnotationPage"):
			return w3cPages("", v)
		}
		return []jsonItem{{"", v}}, nil
	}
	return nil, annotate.Errorf(annotate.EINVALID, "the document is not an annotation, a list of them, an AnnotationPage or an AnnotationCollection")
}

// w3cPages reads the items of an embedded page and the pages after it.
func w3cPages(path string, v any) ([]jsonItem, error) {
	var all []jsonItem
	for v != nil {
		page, ok := v.(map[string]any)
		if !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: pages must be embedded objects; Factmark cannot fetch %v", pathOr(path, "the document"), v)
		}
		items, ok := page["items"].([]any)
		if !ok && page["items"] != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: must be a list of annotations", join(path, "items"))
		}
		list, err := objectItems(join(path, "items"), items)
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
		path, v = join(path, "next"), page["next"]
	}
	return all, nil
}

// w3cAnno is a W3C annotation as read, before it becomes Factmark's.
type w3cAnno struct {
	path    string
	meta    annotate.Meta
	article *annotate.Article
	text    *annotate.Text
	targets []annotate.Anchor
	bodies  []w3cReadBody
	orphan  string // why it cannot be placed, if it cannot
}

// w3cReadBody is a body as read.
type w3cReadBody struct {
	path     string
	textual  bool
	purpose  string
	value    string
	link     string             // the UUID of a linked annotation
	span     *annotate.Anchor   // a span of the same article
	evidence *annotate.Evidence // a source of evidence
}

// w3c reads the annotation at path into the builder.
func (r *importBuilder) w3c(path string, m map[string]any) error {
	if !hasString(stringsOf(m["type"]), "Annotation") {
		return annotate.Errorf(annotate.EINVALID, "%s: is not an Annotation (its type is %v)", pathOr(join(path, "type"), "type"), m["type"])
	}
	x := &w3cAnno{path: path}
	var err error
	if x.meta, err = r.w3cMeta(path, m); err != nil {
		return err
	}
	if isReply(m) {
		return r.w3cComment(x, m)
	}
	if err := r.w3cTargets(x, join(path, "target"), m["target"]); err != nil {
		return err
	}
	if err := r.w3cBodies(x, path, m); err != nil {
		return err
	}
	if x.orphan != "" {
		r.orphan(path, x.meta.ID, x.orphan)
		return nil
	}
	switch tags := x.values("tagging"); {
	case len(tags) > 0 && tags[0] == w3cTagAttribution:
		return r.w3cAttribution(x)
	case len(tags) > 0 && tags[0] == w3cTagClaim:
		return r.w3cClaim(x, tags[1:])
	}
	return r.w3cNote(x)
}

// w3cMeta reads the ID, creator, times and origin of an annotation.
func (r *importBuilder) w3cMeta(path string, m map[string]any) (annotate.Meta, error) {
	meta := annotate.Meta{Origin: annotate.Manual}
	id, err := optString(m, path, "id")
	if err != nil {
		return meta, err
	}
	if meta.ID, err = r.uniqueID(join(path, "id"), id, m); err != nil {
		return meta, err
	}
	meta.Author = agentName(m["creator"])
	if meta.Created, err = optTime(m, path, "created", r.now); err != nil {
		return meta, err
	}
	if meta.Modified, err = optTime(m, path, "modified", meta.Created); err != nil {
		return meta, err
	}
	if meta.Modified.Before(meta.Created) {
		return meta, annotate.Errorf(annotate.EINVALID, "%s: %s is before created", join(path, "modified"), timeString(meta.Modified))
	}
	return meta, nil
}

// w3cTargets reads the targets: spans of one article.
func (r *importBuilder) w3cTargets(x *w3cAnno, path string, v any) error {
	if v == nil {
		return annotate.Errorf(annotate.EINVALID, "%s: is missing; an annotation needs a target", path)
	}
	for i, t := range listOf(v) {
		p := path
		if _, many := v.([]any); many {
			p = fmt.Sprintf("%s[%d]", path, i)
		}
		m, ok := t.(map[string]any)
		if !ok {
			if s, isString := t.(string); isString {
				x.orphan = fmt.Sprintf("it targets the whole of %s, not a span of its text", annotate.Clip(s))
				return nil
			}
			return annotate.Errorf(annotate.EINVALID, "%s: must be an IRI or a SpecificResource, not %s", p, jsonKindOf(t))
		}
		source := resourceID(m["source"])
		if source == "" {
			return annotate.Errorf(annotate.EINVALID, "%s: has no source", join(p, "source"))
		}
		art, text, err := r.article(source)
		if annotate.ErrorCode(err) == annotate.EINTERNAL {
			return err
		} else if err != nil {
			x.orphan = annotate.ErrorMessage(err)
			return nil
		}
		if x.article != nil && x.article != art {
			x.orphan = "its targets are in two articles"
			return nil
		}
		x.article, x.text = art, text
		a, why, err := anchorSelectors(text, p, m["selector"])
		if err != nil {
			return err
		}
		if why != "" {
			x.orphan = why
			return nil
		}
		x.targets = append(x.targets, a)
	}
	return nil
}

// resourceID is the IRI of a resource given as an IRI or as an object.
func resourceID(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		s, _ := v["id"].(string)
		return s
	}
	return ""
}

// anchorSelectors anchors a span by its TextQuoteSelector (with the
// TextPositionSelector's start as hint) or, without one, by its
// TextPositionSelector. It returns why it cannot when it cannot, and an
// error for selectors that are malformed.
func anchorSelectors(text *annotate.Text, path string, v any) (annotate.Anchor, string, error) {
	var quote *w3cQuote
	var pos *w3cPosition
	for i, s := range listOf(v) {
		p := join(path, "selector")
		if _, many := v.([]any); many {
			p = fmt.Sprintf("%s[%d]", p, i)
		}
		m, ok := s.(map[string]any)
		if !ok {
			continue // a selector by reference, which Factmark cannot follow
		}
		switch t := stringsOf(m["type"]); {
		case hasString(t, "TextQuoteSelector"):
			q, err := readQuote(p, m)
			if err != nil {
				return annotate.Anchor{}, "", err
			}
			quote = &q
		case hasString(t, "TextPositionSelector"):
			start, err1 := wholeNumber(m, p, "start")
			end, err2 := wholeNumber(m, p, "end")
			if err := firstError(err1, err2); err != nil {
				return annotate.Anchor{}, "", err
			}
			pos = &w3cPosition{Start: start, End: end}
		}
	}
	switch {
	case quote != nil:
		hint := -1
		if pos != nil {
			hint = pos.Start
		}
		if a, ok := annotate.AnchorQuote(text, quote.Exact, quote.Prefix, quote.Suffix, hint); ok {
			return a, "", nil
		}
		return annotate.Anchor{}, fmt.Sprintf("the quote %q is not in the article, or not in one place its context picks out", annotate.Clip(quote.Exact)), nil
	case pos != nil:
		a, err := text.Anchor(pos.Start, pos.End)
		if err != nil {
			return annotate.Anchor{}, "its TextPositionSelector " + strings.TrimPrefix(annotate.ErrorMessage(err), "anchor: "), nil
		}
		return a, "", nil
	}
	return annotate.Anchor{}, "it has no TextQuoteSelector or TextPositionSelector", nil
}

func readQuote(path string, m map[string]any) (w3cQuote, error) {
	var q w3cQuote
	var err error
	if q.Exact, err = optString(m, path, "exact"); err != nil {
		return q, err
	}
	if q.Exact == "" {
		return q, annotate.Errorf(annotate.EINVALID, "%s: is missing or empty", join(path, "exact"))
	}
	if strings.TrimSpace(q.Exact) == "" {
		return q, annotate.Errorf(annotate.EINVALID, "%s: is only white space; a quote needs words", join(path, "exact"))
	}
	if q.Prefix, err = optString(m, path, "prefix"); err != nil {
		return q, err
	}
	q.Suffix, err = optString(m, path, "suffix")
	return q, err
}

// w3cBodies reads body (or bodyValue).
func (r *importBuilder) w3cBodies(x *w3cAnno, path string, m map[string]any) error {
	if bv, ok := m["bodyValue"]; ok {
		s, isString := bv.(string)
		if !isString {
			return annotate.Errorf(annotate.EINVALID, "%s: must be a string", join(path, "bodyValue"))
		}
		x.bodies = append(x.bodies, w3cReadBody{textual: true, value: s})
	}
	v := m["body"]
	for i, b := range listOf(v) {
		p := join(path, "body")
		if _, many := v.([]any); many {
			p = fmt.Sprintf("%s[%d]", p, i)
		}
		body, err := r.w3cBody(x, p, b)
		if err != nil {
			return err
		}
		if body != nil {
			x.bodies = append(x.bodies, *body)
		}
	}
	return nil
}

// w3cBody reads one body: text, a span of the article, a link to another
// annotation or a source of evidence. Others (Choice, audio…) are ignored.
func (r *importBuilder) w3cBody(x *w3cAnno, path string, v any) (*w3cReadBody, error) {
	b := &w3cReadBody{path: path}
	m, ok := v.(map[string]any)
	if !ok {
		s, _ := v.(string)
		if isWebURL(s) {
			b.evidence = &annotate.Evidence{URL: s}
			return b, nil
		}
		return nil, nil
	}
	purpose := stringsOf(m["purpose"])
	if len(purpose) > 0 {
		b.purpose = purpose[0]
	}
	types := stringsOf(m["type"])
	switch {
	case hasString(types, "TextualBody") || len(types) == 0 && m["value"] != nil:
		s, ok := m["value"].(string)
		if !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: a TextualBody's value must be a string", join(path, "value"))
		}
		b.textual, b.value = true, s
		return b, nil
	case m["source"] != nil:
		return r.w3cResourceBody(x, b, path, m)
	}
	if id, _ := m["id"].(string); isWebURL(id) {
		b.evidence = &annotate.Evidence{URL: id}
		return b, nil
	}
	return nil, nil
}

// w3cResourceBody reads a SpecificResource body.
func (r *importBuilder) w3cResourceBody(x *w3cAnno, b *w3cReadBody, path string, m map[string]any) (*w3cReadBody, error) {
	src := resourceID(m["source"])
	if s, isIRI := m["source"].(string); isIRI && strings.HasPrefix(s, "urn:uuid:") {
		b.link = strings.ToLower(strings.TrimPrefix(s, "urn:uuid:"))
		return b, nil
	}
	if x.article != nil && src != "" && SameSource(x.article, src) && m["selector"] != nil {
		a, why, err := anchorSelectors(x.text, path, m["selector"])
		if err != nil {
			return nil, err
		}
		if why != "" {
			x.orphan = "a span in its body cannot be placed: " + why
			return nil, nil
		}
		b.span = &a
		return b, nil
	}
	e := annotate.Evidence{}
	if isWebURL(src) {
		e.URL = src
	}
	if s, ok := m["source"].(map[string]any); ok {
		e.Title = firstString(s, "schema:name", "name", "title")
		e.Publisher = firstString(s, "schema:publisher", "publisher")
	}
	if st, ok := m["state"].(map[string]any); ok {
		e.Accessed = accessedOf(st["sourceDate"])
	}
	if sel, ok := m["selector"].(map[string]any); ok && hasString(stringsOf(sel["type"]), "TextQuoteSelector") {
		e.Excerpt, _ = sel["exact"].(string)
	}
	if e.URL == "" && strings.TrimSpace(e.Title) == "" {
		return nil, nil // nothing a note could cite
	}
	b.evidence = &e
	return b, nil
}

// accessedOf is when a source was read, from a TimeState's sourceDate: the
// date of a time at the start of a day in UTC (as Factmark writes a date),
// else the RFC 3339 time; "" for anything else.
func accessedOf(v any) string {
	d, _ := v.(string)
	if len(d) < 10 || !annotate.ValidDate(d[:10]) {
		return ""
	}
	if t, err := time.Parse(time.RFC3339, d); err == nil && !t.Equal(t.Truncate(24*time.Hour)) {
		return d
	}
	return d[:10]
}

// values returns the values of the annotation's textual bodies with purpose.
func (x *w3cAnno) values(purpose string) []string {
	var list []string
	for _, b := range x.bodies {
		if b.textual && b.purpose == purpose {
			list = append(list, b.value)
		}
	}
	return list
}

// span returns the first body that is a span with purpose.
func (x *w3cAnno) span(purpose string) *annotate.Anchor {
	for _, b := range x.bodies {
		if b.span != nil && b.purpose == purpose {
			return b.span
		}
	}
	return nil
}

// link returns the first linked annotation.
func (x *w3cAnno) link() string {
	for _, b := range x.bodies {
		if b.link != "" {
			return b.link
		}
	}
	return ""
}

// classified returns the classifying value with prefix, without it.
func (x *w3cAnno) classified(prefix string) (string, bool) {
	for _, v := range x.values("classifying") {
		if s, ok := strings.CutPrefix(v, prefix); ok {
			return strings.TrimSpace(s), true
		}
	}
	return "", false
}

func (x *w3cAnno) origin() {
	if o, ok := x.classified(w3cOrigin); ok && annotate.Origin(o) == annotate.Suggested {
		x.meta.Origin = annotate.Suggested
	}
}

func (r *importBuilder) w3cAttribution(x *w3cAnno) error {
	x.origin()
	a := annotate.Attribution{Meta: x.meta, Content: x.targets, Source: x.span("identifying"), Cue: x.span("describing"),
		Kind: quotedKind(x.targets)}
	for _, v := range x.values("classifying") {
		if k := annotate.Kind(v); k == annotate.Direct || k == annotate.Indirect || k == annotate.Mixed {
			a.Kind = k
			break
		}
	}
	if names := x.values("identifying"); len(names) > 0 {
		var err error
		if a.SpeakerID, err = r.speakerID(join(x.path, "body"), names[0]); err != nil {
			return err
		}
	}
	return r.addAttribution(x.path, x.article, a)
}

func (r *importBuilder) w3cClaim(x *w3cAnno, tags []string) error {
	x.origin()
	c := annotate.Claim{Meta: x.meta, Anchors: x.targets, Status: annotate.StatusCandidate}
	if len(tags) > 0 {
		c.Tags = tags
	}
	if s, ok := x.classified(w3cStatus); ok {
		c.Status = readStatus(s)
	}
	if s, ok := x.classified(w3cWorthiness); ok {
		num, origin, _ := strings.Cut(s, " ")
		w, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "%s: %q is not a check-worthiness between 0 and 1", join(x.path, "body"), annotate.Clip(s))
		}
		c.Worthiness, c.WorthinessOrigin = &w, annotate.Origin(strings.Trim(origin, "()"))
		if c.WorthinessOrigin == "" {
			c.WorthinessOrigin = annotate.Suggested
		}
	}
	if names := x.values("identifying"); len(names) > 0 {
		var err error
		if c.SpeakerID, err = r.speakerID(join(x.path, "body"), names[0]); err != nil {
			return err
		}
	}
	return r.addClaim(x.path, x.article, c, x.link())
}

func (r *importBuilder) w3cNote(x *w3cAnno) error {
	x.origin()
	n := annotate.Note{Meta: x.meta}
	var texts, tags []string
	for _, b := range x.bodies {
		switch {
		case b.evidence != nil:
			n.Sources = append(n.Sources, *b.evidence)
		case !b.textual:
		case b.purpose == "assessing" && n.Verdict == "" && r.scale.Has(b.value):
			n.Verdict = b.value
		case b.purpose == "assessing":
			texts = append(texts, "Rating: "+b.value)
		case b.purpose == "tagging":
			tags = append(tags, b.value)
		case b.purpose == "" || b.purpose == "commenting" || b.purpose == "describing" || b.purpose == "replying" ||
			b.purpose == "questioning" || b.purpose == "editing":
			texts = append(texts, b.value)
		}
	}
	if len(tags) > 0 {
		texts = append(texts, "Tags: "+strings.Join(tags, ", "))
	}
	n.Rationale = strings.Join(texts, "\n\n")
	return r.addNote(x.path, x.article, n, x.targets, x.link())
}

// isReply reports whether a W3C annotation is a reply to another
// annotation: motivated by replying, with a target that is an annotation's
// IRI rather than a span of a page (a reply that quotes a passage is read
// as a note on it).
func isReply(m map[string]any) bool {
	if !hasString(stringsOf(m["motivation"]), "replying") {
		return false
	}
	return replyTarget(m["target"]) != ""
}

// replyTarget is the IRI a reply's target names: the target itself, or the
// id or source of a target object without selectors; "" for anything else.
func replyTarget(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) == 1 {
			return replyTarget(t[0])
		}
	case map[string]any:
		if t["selector"] != nil {
			return ""
		}
		if s := resourceID(t["source"]); s != "" {
			return s
		}
		s, _ := t["id"].(string)
		return s
	}
	return ""
}

// w3cComment reads a reply into a comment on the annotation it targets, or
// on that one's annotation when it answers another comment (resolved once
// the file is read, see resolveComments).
func (r *importBuilder) w3cComment(x *w3cAnno, m map[string]any) error {
	c := annotate.Comment{ID: x.meta.ID, Author: x.meta.Author, Created: x.meta.Created, Modified: x.meta.Modified}
	if err := r.w3cBodies(x, x.path, m); err != nil {
		return err
	}
	var texts []string
	for _, b := range x.bodies {
		if b.textual && strings.TrimSpace(b.value) != "" {
			texts = append(texts, b.value)
		}
	}
	c.Body = strings.ReplaceAll(strings.Join(texts, "\n\n"), "\r\n", "\n")
	switch v := m[w3cResolved].(type) {
	case nil:
	case bool:
		c.Resolved = v
	default:
		return annotate.Errorf(annotate.EINVALID, "%s: must be true or false, not %s", join(x.path, w3cResolved), jsonKindOf(v))
	}
	return r.addComment(x.path, "", c, replyTarget(m["target"]), "")
}
