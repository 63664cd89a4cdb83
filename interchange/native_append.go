package interchange

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/jsonenc"
)

// The native document's lists of annotations and log entries are most of
// its bytes. Their elements are appended here already indented, with the
// bytes the encoder and the indenter would give, without reflection and
// without the indenter's second pass over them: for 100k annotations and
// their 100k log entries, encoding them took most of the writer's time. An
// element with a part written nowhere else here (a placement, approvals,
// corrections, a snapshot) goes the encoder's way, as does every element
// when a type has a field this file does not know (fastTypes): a new field
// is then written, only slower.

// fastTypes reports whether the types appended here have exactly the fields
// (names, types and JSON tags) that the appenders write, and none of them
// encodes itself (MarshalJSON or MarshalText): otherwise every element goes
// through the encoder.
var fastTypes = fieldsTagged(reflect.TypeFor[annotate.AuditEntry](),
	"ID string id", "At time.Time at", "Who string who", "Action string action", "Kind string kind",
	"EntityID string entity", "ArticleID string article,omitempty", "Field string field,omitempty",
	"Old string old,omitempty", "New string new,omitempty") &&
	fieldsTagged(reflect.TypeFor[annotate.Meta](),
		"ID string id", "ArticleID string -", "Author string author", "Origin annotate.Origin origin",
		"Created time.Time created", "Modified time.Time modified",
		"Placement *annotate.Placement placement,omitempty", "Orphan bool orphan,omitempty") &&
	fieldsTagged(reflect.TypeFor[annotate.Anchor](),
		"Start int start", "End int end", "Exact string exact", "Prefix string prefix", "Suffix string suffix") &&
	fieldsTagged(reflect.TypeFor[annotate.Attribution](),
		"Meta annotate.Meta ", "Source *annotate.Anchor source,omitempty", "Cue *annotate.Anchor cue,omitempty",
		"Content []annotate.Anchor content", "SpeakerID string speaker,omitempty", "Kind annotate.Kind kind") &&
	fieldsTagged(reflect.TypeFor[annotate.Claim](),
		"Meta annotate.Meta ", "Anchors []annotate.Anchor anchors", "SpeakerID string claimant,omitempty",
		"AttributionID string attribution,omitempty", "Worthiness *float64 worthiness,omitempty",
		"WorthinessOrigin annotate.Origin worthiness_origin,omitempty", "Status annotate.Status status",
		"Tags []string tags,omitempty", "ReviewURL string review_url,omitempty",
		"Approvals []annotate.Approval approvals,omitempty", "Corrections []annotate.Correction corrections,omitempty",
		"CheckedBefore []string checked_before,omitempty") &&
	fieldsTagged(reflect.TypeFor[annotate.Note](),
		"Meta annotate.Meta ", "ClaimID string claim,omitempty", "Target *annotate.Anchor target,omitempty",
		"Verdict string verdict,omitempty", "Rationale string rationale,omitempty",
		"Sources []annotate.Evidence sources,omitempty") &&
	fieldsTagged(reflect.TypeFor[annotate.Evidence](),
		"ID string id,omitempty", "URL string url,omitempty", "Title string title,omitempty",
		"Publisher string publisher,omitempty", "Type annotate.SourceType type,omitempty",
		"Accessed string accessed,omitempty", "Excerpt string excerpt,omitempty",
		"Archives []string archives,omitempty", "Snapshot *annotate.Snapshot snapshot,omitempty",
		"Withheld bool withheld,omitempty")

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// fieldsTagged reports whether t's fields are, in order, the given
// "Name Type tag" lines, and none of them but time.Time's encodes itself.
func fieldsTagged(t reflect.Type, fields ...string) bool {
	if t.NumField() != len(fields) || selfEncoding(t) {
		return false
	}
	for i, want := range fields {
		f := t.Field(i)
		if f.Name+" "+f.Type.String()+" "+f.Tag.Get("json") != want {
			return false
		}
		if ft := f.Type; ft != reflect.TypeFor[time.Time]() && (selfEncoding(ft) ||
			ft.Kind() == reflect.Slice && selfEncoding(ft.Elem())) {
			return false
		}
	}
	return true
}

func selfEncoding(t reflect.Type) bool {
	return t.Implements(jsonMarshaler) || t.Implements(textMarshaler) ||
		reflect.PointerTo(t).Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(textMarshaler)
}

// appendElement appends v, a list's element, at ind's place (after the
// list's '[' or an element's ','), indented as the encoder and the indenter
// would write it, and reports whether it did; false leaves ind as it was.
func appendElement(ind *indenter, v any) bool {
	if !fastTypes {
		return false
	}
	mark, depth, need := len(ind.out), ind.depth, ind.needIndent
	ind.value()
	var ok bool
	switch v := v.(type) {
	case *annotate.AuditEntry:
		ok = ind.auditEntry(v)
	case *annotate.Attribution:
		ok = ind.attribution(v)
	case *annotate.Claim:
		ok = ind.claim(v)
	case *annotate.Note:
		ok = ind.note(v)
	}
	if !ok {
		ind.out, ind.depth, ind.needIndent = ind.out[:mark], depth, need
	}
	return ok
}

// value starts a value where the indenter stands: on a new line after a
// '[' or '{', as indent does at the first character after them.
func (ind *indenter) value() {
	if ind.needIndent {
		ind.needIndent = false
		ind.depth++
		ind.newline()
	}
}

// open starts an object or array whose members follow.
func (ind *indenter) open(c byte) {
	ind.out = append(ind.out, c)
	ind.depth++
}

// close ends an object or array with at least one member.
func (ind *indenter) close(c byte) {
	ind.depth--
	ind.newline()
	ind.out = append(ind.out, c)
}

// key starts a member of an object: key is its name quoted, with the colon
// and space (`"id": `); first says it is the object's first.
func (ind *indenter) key(first bool, key string) {
	if !first {
		ind.out = append(ind.out, ',')
	}
	ind.newline()
	ind.out = append(ind.out, key...)
}

func (ind *indenter) auditEntry(e *annotate.AuditEntry) bool {
	ind.open('{')
	ind.key(true, `"id": `)
	ind.str(e.ID)
	ind.key(false, `"at": `)
	if !ind.time(e.At) {
		return false
	}
	ind.key(false, `"who": `)
	ind.str(e.Who)
	ind.key(false, `"action": `)
	ind.str(e.Action)
	ind.key(false, `"kind": `)
	ind.str(e.Kind)
	ind.key(false, `"entity": `)
	ind.str(e.EntityID)
	ind.optStr(`"article": `, e.ArticleID)
	ind.optStr(`"field": `, e.Field)
	ind.optStr(`"old": `, e.Old)
	ind.optStr(`"new": `, e.New)
	ind.close('}')
	return true
}

// meta writes the fields every annotation starts with; false for a
// placement, which only the encoder writes.
func (ind *indenter) meta(m *annotate.Meta) bool {
	if m.Placement != nil {
		return false
	}
	ind.open('{')
	ind.key(true, `"id": `)
	ind.str(m.ID)
	ind.key(false, `"author": `)
	ind.str(m.Author)
	ind.key(false, `"origin": `)
	ind.str(string(m.Origin))
	ind.key(false, `"created": `)
	if !ind.time(m.Created) {
		return false
	}
	ind.key(false, `"modified": `)
	if !ind.time(m.Modified) {
		return false
	}
	if m.Orphan {
		ind.key(false, `"orphan": `)
		ind.out = append(ind.out, "true"...)
	}
	return true
}

func (ind *indenter) attribution(a *annotate.Attribution) bool {
	if !ind.meta(&a.Meta) {
		return false
	}
	ind.optAnchor(`"source": `, a.Source)
	ind.optAnchor(`"cue": `, a.Cue)
	ind.key(false, `"content": `)
	ind.anchors(a.Content)
	ind.optStr(`"speaker": `, a.SpeakerID)
	ind.key(false, `"kind": `)
	ind.str(string(a.Kind))
	ind.close('}')
	return true
}

func (ind *indenter) claim(c *annotate.Claim) bool {
	if len(c.Approvals) > 0 || len(c.Corrections) > 0 || !ind.meta(&c.Meta) {
		return false
	}
	ind.key(false, `"anchors": `)
	ind.anchors(c.Anchors)
	ind.optStr(`"claimant": `, c.SpeakerID)
	ind.optStr(`"attribution": `, c.AttributionID)
	if c.Worthiness != nil {
		ind.key(false, `"worthiness": `)
		if !ind.float(*c.Worthiness) {
			return false
		}
	}
	ind.optStr(`"worthiness_origin": `, string(c.WorthinessOrigin))
	ind.key(false, `"status": `)
	ind.str(string(c.Status))
	ind.optStrs(`"tags": `, c.Tags)
	ind.optStr(`"review_url": `, c.ReviewURL)
	ind.optStrs(`"checked_before": `, c.CheckedBefore)
	ind.close('}')
	return true
}

func (ind *indenter) note(n *annotate.Note) bool {
	if !ind.meta(&n.Meta) {
		return false
	}
	ind.optStr(`"claim": `, n.ClaimID)
	ind.optAnchor(`"target": `, n.Target)
	ind.optStr(`"verdict": `, n.Verdict)
	ind.optStr(`"rationale": `, n.Rationale)
	if len(n.Sources) > 0 {
		ind.key(false, `"sources": `)
		ind.open('[')
		for i := range n.Sources {
			if i > 0 {
				ind.out = append(ind.out, ',')
			}
			ind.newline()
			if !ind.evidence(&n.Sources[i]) {
				return false
			}
		}
		ind.close(']')
	}
	ind.close('}')
	return true
}

// evidence writes a note's source; false for a snapshot, which only the
// encoder writes, or a source with no field set ({}).
func (ind *indenter) evidence(e *annotate.Evidence) bool {
	if e.Snapshot != nil {
		return false
	}
	mark := len(ind.out)
	ind.open('{')
	first := true
	opt := func(key, s string) {
		if s != "" {
			ind.key(first, key)
			ind.str(s)
			first = false
		}
	}
	opt(`"id": `, e.ID)
	opt(`"url": `, e.URL)
	opt(`"title": `, e.Title)
	opt(`"publisher": `, e.Publisher)
	opt(`"type": `, string(e.Type))
	opt(`"accessed": `, e.Accessed)
	opt(`"excerpt": `, e.Excerpt)
	if len(e.Archives) > 0 {
		ind.key(first, `"archives": `)
		ind.strs(e.Archives)
		first = false
	}
	if e.Withheld {
		ind.key(first, `"withheld": `)
		ind.out = append(ind.out, "true"...)
		first = false
	}
	if first {
		ind.out, ind.depth = ind.out[:mark], ind.depth-1
		return false
	}
	ind.close('}')
	return true
}

func (ind *indenter) optStr(key, s string) {
	if s != "" {
		ind.key(false, key)
		ind.str(s)
	}
}

func (ind *indenter) optStrs(key string, list []string) {
	if len(list) > 0 {
		ind.key(false, key)
		ind.strs(list)
	}
}

// strs writes a list of strings, not empty.
func (ind *indenter) strs(list []string) {
	ind.open('[')
	for i, s := range list {
		if i > 0 {
			ind.out = append(ind.out, ',')
		}
		ind.newline()
		ind.str(s)
	}
	ind.close(']')
}

func (ind *indenter) optAnchor(key string, a *annotate.Anchor) {
	if a != nil {
		ind.key(false, key)
		ind.anchor(a)
	}
}

// anchors writes a list of anchors: null when nil, as the encoder does.
func (ind *indenter) anchors(list []annotate.Anchor) {
	switch {
	case list == nil:
		ind.out = append(ind.out, "null"...)
		return
	case len(list) == 0:
		ind.out = append(ind.out, "[]"...)
		return
	}
	ind.open('[')
	for i := range list {
		if i > 0 {
			ind.out = append(ind.out, ',')
		}
		ind.newline()
		ind.anchor(&list[i])
	}
	ind.close(']')
}

// anchor writes an anchor. Its quote and context are mostly the article's
// text at the anchor's place (ind.text), and where that holds nothing the
// encoder escapes they are copied as they are, found so by comparing them
// with the text, not by looking at each of their bytes (quoting them took
// half the native export's writing of 100k annotations): 50k anchors of
// the generated text, in text order as the export writes them, in
// 0.54–0.66 of the time (loaded machine, the two ways in turn).
func (ind *indenter) anchor(a *annotate.Anchor) {
	ind.open('{')
	ind.key(true, `"start": `)
	ind.out = strconv.AppendInt(ind.out, int64(a.Start), 10)
	ind.key(false, `"end": `)
	ind.out = strconv.AppendInt(ind.out, int64(a.End), 10)
	at, inText := ind.text.byteOf(a.Start)
	ind.key(false, `"exact": `)
	inText = ind.quote(a.Exact, at, inText)
	ind.key(false, `"prefix": `)
	ind.quote(a.Prefix, at-len(a.Prefix), inText)
	ind.key(false, `"suffix": `)
	ind.quote(a.Suffix, at+len(a.Exact), inText)
	ind.close('}')
}

// quote writes s, which, when inText, may be the text's bytes from b, and
// reports whether it was.
func (ind *indenter) quote(s string, b int, inText bool) bool {
	if inText {
		var plain bool
		if inText, plain = ind.text.at(s, b); plain {
			ind.reserve(len(s) + 2)
			ind.out = append(ind.out, '"')
			ind.out = append(ind.out, s...)
			ind.out = append(ind.out, '"')
			return true
		}
	}
	ind.str(s)
	return inText
}

// articleText is an article's text, indexed for anchor.
type articleText struct {
	s     string
	bytes []int32 // the byte offset of each code point, and of the end
	stops []int   // the byte offsets of the characters the encoder escapes, in order
}

// newArticleText is s indexed, or nil for text that is not UTF-8 (a piece
// of which might be) or of 2 GB or more. Every code point's offset is
// kept, 4 bytes each: annotate.Text's, found from one every 64 code points,
// took longer to find than quoting an anchor's strings took.
func newArticleText(s string) *articleText {
	if len(s) >= 1<<31 || !utf8.ValidString(s) {
		return nil
	}
	t := &articleText{s: s, bytes: make([]int32, 0, utf8.RuneCountInString(s)+1)}
	for i := range s {
		t.bytes = append(t.bytes, int32(i))
	}
	t.bytes = append(t.bytes, int32(len(s)))
	for i := 0; ; {
		if i += jsonenc.PlainLen(s[i:]); i == len(s) {
			return t
		}
		t.stops = append(t.stops, i)
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
}

// byteOf is the byte offset of code point i, if the text has it; false
// for a nil text.
func (t *articleText) byteOf(i int) (int, bool) {
	if t == nil || i < 0 || i >= len(t.bytes) {
		return 0, false
	}
	return int(t.bytes[i]), true
}

// at reports whether q is the text's bytes from b, whole characters, and
// whether they hold nothing the encoder escapes: then the encoder writes q
// as it is, for the text is UTF-8 and PlainLen stops at nothing else.
func (t *articleText) at(q string, b int) (same, plain bool) {
	end := b + len(q)
	if b < 0 || end > len(t.s) || t.s[b:end] != q || b < len(t.s) && !utf8.RuneStart(t.s[b]) ||
		end < len(t.s) && !utf8.RuneStart(t.s[end]) {
		return false, false
	}
	i, _ := slices.BinarySearch(t.stops, b)
	return true, i == len(t.stops) || t.stops[i] >= end
}

// time writes t as time.Time's MarshalJSON does; false for what it refuses
// (a year outside 0–9999, an offset of a day or more), for the encoder to
// say so, and for an offset of seconds, which it writes without them.
func (ind *indenter) time(t time.Time) bool {
	if y := t.Year(); y < 0 || y > 9999 {
		return false
	}
	if _, off := t.Zone(); off%60 != 0 || off <= -24*3600 || off >= 24*3600 {
		return false
	}
	ind.out = append(ind.out, '"')
	ind.out = t.AppendFormat(ind.out, time.RFC3339Nano)
	ind.out = append(ind.out, '"')
	return true
}

// float writes f as the encoder writes a float64; false for NaN and the
// infinities, which it refuses.
func (ind *indenter) float(f float64) bool {
	out, ok := jsonenc.AppendFloat(ind.out, f)
	ind.out = out
	return ok
}

// str writes s quoted as the encoder does with HTML escaping: invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped. Room for s is made first
// (reserve): a log entry's value can be megabytes (an import's entry lists
// what it added).
func (ind *indenter) str(s string) {
	ind.reserve(len(s) + 2)
	ind.out = jsonenc.AppendString(ind.out, s)
}
