package interchange

import (
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
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

func (ind *indenter) anchor(a *annotate.Anchor) {
	ind.open('{')
	ind.key(true, `"start": `)
	ind.out = strconv.AppendInt(ind.out, int64(a.Start), 10)
	ind.key(false, `"end": `)
	ind.out = strconv.AppendInt(ind.out, int64(a.End), 10)
	ind.key(false, `"exact": `)
	ind.str(a.Exact)
	ind.key(false, `"prefix": `)
	ind.str(a.Prefix)
	ind.key(false, `"suffix": `)
	ind.str(a.Suffix)
	ind.close('}')
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
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(ind.out, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as the encoder cleans it up
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	ind.out = b
	return true
}

// plainByte marks the ASCII bytes the encoder copies into a string as
// they are: not a control character, '"', '\\', or (HTML escaping) '<',
// '>', '&'.
var plainByte = func() (set [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		set[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return set
}()

const hexDigits = "0123456789abcdef"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainWord reports whether the 8 bytes of s are all plain (plainByte),
// testing them at once: none has its high bit set, is below 0x20, or is
// one of '"', '\\', '<', '>', '&'.
func plainWord(s string) bool {
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	if w&highs != 0 || (w-0x20*ones)&^w&highs != 0 { // a byte of 0x80 or more, or below 0x20
		return false
	}
	return !hasZero(w^'"'*ones) && !hasZero(w^'\\'*ones) && !hasZero(w^'<'*ones) &&
		!hasZero(w^'>'*ones) && !hasZero(w^'&'*ones)
}

// hasZero reports whether a byte of w is zero (all of w's bytes below 0x80).
func hasZero(w uint64) bool { return (w-ones)&^w&highs != 0 }

// str writes s quoted as the encoder does with HTML escaping: invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped. Room for s is made first
// (reserve): a log entry's value can be megabytes (an import's entry lists
// what it added).
func (ind *indenter) str(s string) {
	ind.reserve(len(s) + 2)
	b := append(ind.out, '"')
	start := 0
	word := 0 // where to test 8 bytes at once next: after 8 bytes one by one, when it fails
	for i := 0; i < len(s); {
		if i >= word && i+8 <= len(s) {
			if plainWord(s[i : i+8]) {
				i += 8
				continue
			}
			word = i + 8
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if plainByte[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscaped(b, c)
			i++
			start = i
			continue
		}
		if n := plainRune(s[i:]); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + size
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	ind.out = append(b, '"')
}

// plainRune is the length of the multi-byte character s starts with, which
// the encoder copies as it is; 0 for anything else (invalid UTF-8, U+2028
// and U+2029), which str decodes. Checking the bytes here rather than
// decoding each character, and testing 8 bytes at once only after 8 one by
// one when the test fails, made str about 15% faster on text like the
// generated annotations' (French, curly quotes and emoji: a multi-byte
// character every few bytes).
func plainRune(s string) int {
	c := s[0]
	switch {
	case c >= 0xc2 && c < 0xe0:
		if len(s) >= 2 && s[1]&0xc0 == 0x80 {
			return 2
		}
	case c >= 0xe0 && c < 0xf0:
		if len(s) < 3 || s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 ||
			c == 0xe0 && s[1] < 0xa0 || // overlong
			c == 0xed && s[1] >= 0xa0 || // a surrogate
			c == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9) { // U+2028, U+2029
			return 0
		}
		return 3
	case c >= 0xf0 && c < 0xf5:
		if len(s) < 4 || s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 || s[3]&0xc0 != 0x80 ||
			c == 0xf0 && s[1] < 0x90 || // overlong
			c == 0xf4 && s[1] >= 0x90 { // beyond U+10FFFF
			return 0
		}
		return 4
	}
	return 0
}

// appendEscaped appends the ASCII byte c (not plain) as the encoder
// escapes it.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
