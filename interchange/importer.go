package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

// importBuilder gathers what a foreign format says into a native document:
// the project's articles the annotations point at, the annotations in them,
// the speakers they name, and the annotations left out. The W3C, ClaimReview
// and CSV readers share it, so that every format's annotations are checked
// and linked the same way.
type importBuilder struct {
	lookup   ArticleLookup
	scale    annotate.Scale
	now      time.Time
	sources  map[string]*builtArticle // by the source that named it
	articles []*builtArticle          // in the order first met
	ids      map[string]string        // annotation ID → JSON path or line where it was read
	speakers speakerSet
	comments []pendingComment
	orphans  []string
	skipped  int
}

// builtArticle is one article of the document being built.
type builtArticle struct {
	doc   annotate.ArticleDoc
	text  *annotate.Text
	err   error
	links []pendingLink
}

// pendingLink is a claim's link to its attribution or a note's to its claim,
// resolved once the whole file is read.
type pendingLink struct {
	claim, note int // index of the claim or note; -1 for the other
	link        string
	targets     []annotate.Anchor // a note's own span, if the link does not resolve
}

func newImportBuilder(lookup ArticleLookup, scale annotate.Scale, now time.Time) *importBuilder {
	now = now.UTC()
	return &importBuilder{lookup: lookup, scale: scale, now: now, sources: map[string]*builtArticle{},
		ids: map[string]string{}, speakers: newSpeakerSet(now)}
}

// article finds the project's article that source names.
func (r *importBuilder) article(source string) (*annotate.Article, *annotate.Text, error) {
	if b, ok := r.sources[source]; ok {
		return &b.doc.Article, b.text, b.err
	}
	b := &builtArticle{}
	var a *annotate.Article
	if r.lookup == nil {
		b.err = annotate.Errorf(annotate.EINVALID, "its article %s cannot be looked up here", annotate.Clip(source))
	} else if a, b.err = r.lookup(source); b.err == nil && a == nil {
		b.err = annotate.Errorf(annotate.ENOTFOUND, "no article %s", source)
	}
	if b.err != nil {
		if annotate.ErrorCode(b.err) == annotate.ENOTFOUND {
			b.err = annotate.Errorf(annotate.ENOTFOUND, "its article %s is not in the project; import the article's text first", annotate.Clip(source))
		}
		r.sources[source] = b
		return nil, nil, b.err
	}
	for _, other := range r.articles {
		if other.doc.ID == a.ID {
			r.sources[source] = other
			return &other.doc.Article, other.text, nil
		}
	}
	b.doc.Article, b.text = *a, annotate.NewText(a.Text)
	b.doc.Turns = turnsByLabel(a.Turns)
	r.sources[source] = b
	r.articles = append(r.articles, b)
	return &b.doc.Article, b.text, nil
}

// turnsByLabel is an article's turns without the project's speakers they
// were matched to: the document an import makes names only the speakers its
// file names, and would otherwise refuse a transcript's matched turns as
// naming speakers it lacks. The article is the project's already, which the
// store finds by its text and keeps as it is, turns and all.
func turnsByLabel(turns []annotate.Turn) []annotate.Turn {
	if len(turns) == 0 {
		return turns
	}
	out := make([]annotate.Turn, len(turns))
	for i, t := range turns {
		t.SpeakerID = ""
		out[i] = t
	}
	return out
}

// noArticle is the error for an annotation whose target names no article.
func noArticle(where string) error {
	return annotate.Errorf(annotate.EINVALID, "%s: it has no target: say which article and span it is on", pathOr(where, "the annotation"))
}

// built returns the document article of art.
func (r *importBuilder) built(art *annotate.Article) *builtArticle {
	for _, b := range r.articles {
		if b.doc.ID == art.ID {
			return b
		}
	}
	panic("annotate: article " + art.ID + " was not looked up")
}

// uniqueID returns the Factmark ID of an annotation whose ID in the file is
// id (urn:uuid:…, a UUID, or any other IRI, from which one is derived), or
// of an annotation without one, derived from its content. It is an error for
// two annotations of a file to have the same ID.
func (r *importBuilder) uniqueID(where, id string, content any) (string, error) {
	u, err := uuid.Parse(strings.TrimPrefix(id, "urn:uuid:"))
	switch {
	case err == nil && len(strings.TrimPrefix(id, "urn:uuid:")) == 36:
		id = u.String()
	case id != "":
		id = uuid.NewSHA1(idSpace, []byte(id)).String()
	default:
		data, _ := json.Marshal(content)
		id = uuid.NewSHA1(idSpace, data).String()
	}
	if first, ok := r.ids[id]; ok {
		return "", annotate.Errorf(annotate.EINVALID, "%s: annotation %s appears twice (first at %s)", where, id, first)
	}
	r.ids[id] = where
	return id, nil
}

// speakerID returns the ID of the speaker called name (see speakerSet.id);
// field says where the name is in the file.
func (r *importBuilder) speakerID(field, name string) (string, error) {
	return r.speakers.id(field, name)
}

// orphan records an annotation that cannot be placed.
func (r *importBuilder) orphan(where, id, why string) {
	r.orphans = append(r.orphans, fmt.Sprintf("%s (%s): %s", pathOr(where, "the annotation"), id, why))
}

func (r *importBuilder) addAttribution(where string, art *annotate.Article, a annotate.Attribution) error {
	if art == nil {
		return noArticle(where)
	}
	b := r.built(art)
	a.ArticleID = art.ID
	if err := a.Validate(b.text); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: %s", pathOr(where, "the annotation"), annotate.ErrorMessage(err))
	}
	b.doc.Attributions = append(b.doc.Attributions, a)
	return nil
}

func (r *importBuilder) addClaim(where string, art *annotate.Article, c annotate.Claim, link string) error {
	if art == nil {
		return noArticle(where)
	}
	b := r.built(art)
	c.ArticleID = art.ID
	if err := c.Validate(b.text); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: %s", pathOr(where, "the annotation"), annotate.ErrorMessage(err))
	}
	b.doc.Claims = append(b.doc.Claims, c)
	if link != "" {
		b.links = append(b.links, pendingLink{claim: len(b.doc.Claims) - 1, note: -1, link: link})
	}
	return nil
}

// addNote adds a note on the claim link names, if the file has it, else on
// the span of its targets.
func (r *importBuilder) addNote(where string, art *annotate.Article, n annotate.Note, targets []annotate.Anchor, link string) error {
	if len(targets) == 0 || art == nil {
		// Checked before the article is looked at: a note whose target
		// list is empty names no article at all.
		r.orphan(where, n.ID, "it has no target span")
		return nil
	}
	b := r.built(art)
	n.ArticleID = art.ID
	n.Target = extent(b.text, targets)
	// Windows tools and spreadsheets end lines with CRLF; a note's text has
	// '\n' (and CR alone is refused, see CheckText).
	n.Rationale = strings.ReplaceAll(n.Rationale, "\r\n", "\n")
	for i := range n.Sources {
		n.Sources[i].Excerpt = strings.ReplaceAll(n.Sources[i].Excerpt, "\r\n", "\n")
	}
	if err := n.Validate(b.text, &r.scale); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: %s", pathOr(where, "the annotation"), annotate.ErrorMessage(err))
	}
	b.doc.Notes = append(b.doc.Notes, n)
	if link != "" {
		b.links = append(b.links, pendingLink{claim: -1, note: len(b.doc.Notes) - 1, link: link})
	}
	return nil
}

// finish resolves links and returns the document, checked whole.
func (r *importBuilder) finish(f Format) (*Imported, error) {
	doc := &annotate.Document{Format: annotate.NativeFormat, Scale: r.scale, Speakers: r.speakers.list}
	r.resolveComments()
	for _, b := range r.articles {
		b.resolveLinks()
		if len(b.doc.Attributions)+len(b.doc.Claims)+len(b.doc.Notes) > 0 {
			doc.Articles = append(doc.Articles, b.doc)
		}
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	if err := checkWorkflow(doc); err != nil {
		return nil, err
	}
	return &Imported{Format: f, Doc: doc, Skipped: r.skipped, Orphans: r.orphans}, nil
}

// resolveLinks links claims to their attributions and notes to their claims
// where the file has them; a link to an annotation the file does not have is
// dropped (a note then stays on its own span).
func (b *builtArticle) resolveLinks() {
	kinds := map[string]string{}
	for _, a := range b.doc.Attributions {
		kinds[a.ID] = "attribution"
	}
	for _, c := range b.doc.Claims {
		kinds[c.ID] = "claim"
	}
	for _, l := range b.links {
		switch {
		case l.claim >= 0 && kinds[l.link] == "attribution":
			b.doc.Claims[l.claim].AttributionID = l.link
		case l.note >= 0 && kinds[l.link] == "claim":
			b.doc.Notes[l.note].ClaimID, b.doc.Notes[l.note].Target = l.link, nil
		}
	}
}

// speakerSet makes the speakers a file names, one per name (by NameKey).
type speakerSet struct {
	list  []annotate.Speaker
	byKey map[string]int
	now   time.Time
}

func newSpeakerSet(now time.Time) speakerSet {
	return speakerSet{byKey: map[string]int{}, now: now}
}

// id returns the ID of the speaker called name, making it the first time;
// "" for no name. A name with control characters is an error naming field
// (see CheckLine).
func (s *speakerSet) id(field, name string) (string, error) {
	key := annotate.NameKey(name)
	if key == "" {
		return "", nil
	}
	if err := annotate.CheckLine(field, name); err != nil {
		return "", err
	}
	if i, ok := s.byKey[key]; ok {
		return s.list[i].ID, nil
	}
	sp := annotate.Speaker{ID: annotate.NewID(), Name: strings.TrimSpace(name), Created: s.now, Modified: s.now}
	s.byKey[key] = len(s.list)
	s.list = append(s.list, sp)
	return sp.ID, nil
}

// jsonText is data as UTF-8 JSON text: UTF-16 with a byte-order mark is
// converted, and invalid UTF-8 is refused where it is (encoding/json would
// silently turn it into U+FFFD and the user's text would change).
func jsonText(data []byte) ([]byte, error) {
	data, err := annotate.ToUTF8(data)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, annotate.Errorf(annotate.EINVALID, "invalid JSON: not valid UTF-8: bad byte at %s", position(data, int64(annotate.InvalidUTF8At(data))))
	}
	return data, nil
}

// decodeJSON decodes a JSON document into maps and lists. Syntax errors
// say where.
func decodeJSON(data []byte) (any, error) {
	if len(data) > MaxDocumentBytes {
		return nil, annotate.Errorf(annotate.EINVALID, "document is larger than %s", annotate.SizeString(MaxDocumentBytes))
	}
	data, err := jsonText(data)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, jsonError(data, err)
	}
	return v, nil
}

// join appends a key to a JSON path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func pathOr(path, alt string) string {
	if path == "" {
		return alt
	}
	return path
}

// jsonKindOf names the kind of a decoded JSON value.
func jsonKindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// optString returns m[key] if it is a string, "" if it is missing.
func optString(m map[string]any, path, key string) (string, error) {
	switch v := m[key].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", annotate.Errorf(annotate.EINVALID, "%s: must be a string, not %s", join(path, key), jsonKindOf(v))
	}
}

// optTime returns m[key] as an RFC 3339 date-time (or a YYYY-MM-DD date),
// def if it is missing.
func optTime(m map[string]any, path, key string, def time.Time) (time.Time, error) {
	s, err := optString(m, path, key)
	if err != nil || s == "" {
		return def, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if t, err = time.Parse("2006-01-02", s); err != nil {
			return def, annotate.Errorf(annotate.EINVALID, "%s: %q is not a date-time (RFC 3339, as 2026-03-04T09:00:00Z)", join(path, key), annotate.Clip(s))
		}
	}
	return t.UTC(), nil
}

// wholeNumber returns m[key], which must be a whole number ≥ 0.
func wholeNumber(m map[string]any, path, key string) (int, error) {
	v, ok := m[key]
	if !ok {
		return 0, annotate.Errorf(annotate.EINVALID, "%s: is missing", join(path, key))
	}
	n, isNumber := v.(float64)
	if !isNumber {
		return 0, annotate.Errorf(annotate.EINVALID, "%s: must be a whole number, not %s", join(path, key), jsonKindOf(v))
	}
	if n < 0 || n > math.MaxInt32 || n != math.Trunc(n) {
		return 0, annotate.Errorf(annotate.EINVALID, "%s: %v is not a whole number ≥ 0", join(path, key), n)
	}
	return int(n), nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// pendingComment is a comment read from a file, placed once the whole file
// is read: target is the ID of the annotation or comment it replies to.
type pendingComment struct {
	where  string
	name   string // how the report names it
	c      annotate.Comment
	target string
	root   string // the thread's first annotation, if the file says (Hypothesis): where it goes when target is not in the file
}

// addComment checks a comment read at where and keeps it until finish
// places it (resolveComments). target is the IRI of what it replies to,
// root (or "") of its thread's first annotation; name is how a report names
// it ("" for its ID).
func (r *importBuilder) addComment(where, name string, c annotate.Comment, target, root string) error {
	where = pathOr(where, "the annotation")
	switch {
	case strings.TrimSpace(c.Body) == "":
		return annotate.Errorf(annotate.EINVALID, "%s: body: is empty; a comment needs words", where)
	case c.Modified.Before(c.Created):
		return annotate.Errorf(annotate.EINVALID, "%s: modified: is before created", where)
	}
	if err := firstError(annotate.CheckText("body", c.Body), annotate.CheckLine("creator", c.Author)); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: %s", where, annotate.ErrorMessage(err))
	}
	if name == "" {
		name = c.ID
	}
	p := pendingComment{where: where, name: name, c: c, target: iriID(target)}
	if root != "" {
		p.root = iriID(root)
	}
	r.comments = append(r.comments, p)
	return nil
}

// iriID is the Factmark ID an IRI names, as uniqueID derives it: the UUID
// of a urn:uuid:, else one made from the IRI.
func iriID(iri string) string {
	s := strings.TrimPrefix(iri, "urn:uuid:")
	if u, err := uuid.Parse(s); err == nil && len(s) == 36 {
		return u.String()
	}
	return uuid.NewSHA1(idSpace, []byte(iri)).String()
}

// resolveComments puts each comment read on its article: on the annotation
// it replies to, or, for a reply to a comment, on that comment's annotation
// with the comment as its parent. A reply to nothing the file has is listed
// in Orphans.
func (r *importBuilder) resolveComments() {
	on := map[string]*builtArticle{} // annotation ID → its article
	for _, b := range r.articles {
		for _, x := range b.doc.Attributions {
			on[x.ID] = b
		}
		for _, x := range b.doc.Claims {
			on[x.ID] = b
		}
		for _, x := range b.doc.Notes {
			on[x.ID] = b
		}
	}
	byID := make(map[string]*pendingComment, len(r.comments))
	for i := range r.comments {
		byID[r.comments[i].c.ID] = &r.comments[i]
	}
	for i := range r.comments {
		p := &r.comments[i]
		annotation, parent := p.target, ""
		for steps := 0; on[annotation] == nil && byID[annotation] != nil && steps <= len(r.comments); steps++ {
			if parent == "" {
				parent = annotation
			}
			annotation = byID[annotation].target
		}
		if on[annotation] == nil && p.root != "" {
			annotation, parent = p.root, ""
		}
		b := on[annotation]
		if b == nil {
			r.orphan(p.where, p.name, "a reply in a thread whose annotation was not imported (left out, or not in this file)")
			continue
		}
		p.c.AnnotationID, p.c.ParentID, p.c.ArticleID = annotation, parent, b.doc.ID
		b.doc.Comments = append(b.doc.Comments, p.c)
	}
}
