package store

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/jsonenc"
)

// decodeBody fills v, an *attributionBody, *claimBody or *noteBody, from the
// body column. encoding/json took most of the time of loading or exporting a
// large article (about 4 µs a row), so bodies in the shape json.Marshal
// writes them are read by the small parser below; anything else — a field it
// does not know, a null, a key twice, a malformed value — is handed to
// encoding/json from the start, so the result is always what
// json.Unmarshal gives.
//
// Strings are cut from data without copies: they share its memory.
func decodeBody(data string, v any) error {
	p := bodyParser{data: data}
	var ok bool
	switch v := v.(type) {
	case *attributionBody:
		if ok = p.attribution(v) && p.i == len(data); !ok {
			*v = attributionBody{}
		}
	case *claimBody:
		if ok = p.claim(v) && p.i == len(data); !ok {
			*v = claimBody{}
		}
	case *noteBody:
		if ok = p.note(v) && p.i == len(data); !ok {
			*v = noteBody{}
		}
	}
	if ok {
		return nil
	}
	return json.Unmarshal([]byte(data), v)
}

// bodyParser reads compact JSON, reporting false at anything unexpected.
type bodyParser struct {
	data string
	i    int
}

func (p *bodyParser) skip(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// object reads an object, calling field for each key. Keys are matched
// exactly; field returns the key's bit (to refuse a key seen twice) and
// false for a key it does not know or a value it cannot read.
func (p *bodyParser) object(field func(key string) (bit uint, ok bool)) bool {
	if !p.skip('{') {
		return false
	}
	if p.skip('}') {
		return true
	}
	var seen uint
	for {
		if !p.skip('"') {
			return false
		}
		end := strings.IndexByte(p.data[p.i:], '"')
		if end < 0 {
			return false
		}
		key := p.data[p.i : p.i+end]
		p.i += end + 1
		if !p.skip(':') {
			return false
		}
		bit, ok := field(key)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		if p.skip(',') {
			continue
		}
		return p.skip('}')
	}
}

// array reads an array, calling elem for each element.
func (p *bodyParser) array(elem func() bool) bool {
	if !p.skip('[') {
		return false
	}
	if p.skip(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.skip(',') {
			continue
		}
		return p.skip(']')
	}
}

func (p *bodyParser) str() (string, bool) {
	if !p.skip('"') {
		return "", false
	}
	start := p.i
	// Most strings have no escapes and nothing the encoder escapes: they
	// end at the first byte PlainLen stops at, a quote, and are valid
	// UTF-8, found in one pass.
	if n := jsonenc.PlainLen(p.data[start:]); start+n < len(p.data) && p.data[start+n] == '"' {
		p.i = start + n + 1
		return p.data[start : start+n], true
	} else if s, end, ok := unescapeSimple(p.data, start, start+n); ok {
		p.i = end
		return s, true
	}
	for {
		// The string ends at the first quote not escaped, that is, not after
		// an odd number of backslashes.
		end := strings.IndexByte(p.data[p.i:], '"')
		if end < 0 {
			return "", false
		}
		q := p.i + end
		b := q
		for b > start && p.data[b-1] == '\\' {
			b--
		}
		p.i = q + 1
		if (q-b)%2 == 0 {
			break
		}
	}
	raw := p.data[start : p.i-1]
	plain := true // no escapes, no control characters (which JSON refuses)
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c < 0x20 || c == '\\' {
			plain = false
			break
		}
	}
	if plain {
		// encoding/json replaces bad bytes with U+FFFD.
		return raw, utf8.ValidString(raw)
	}
	var s string // escapes: encoding/json's own rules, for this string only
	err := json.Unmarshal([]byte(p.data[start-1:p.i]), &s)
	return s, err == nil
}

// simpleEscapes are the escapes unescapeSimple reads: a backslash and
// the byte after it, for the byte they stand for.
var simpleEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unescapeSimple reads the string of data that starts at start and whose
// plain start (jsonenc.PlainLen) ends at i, when all that follows up to its
// closing quote is plain text and escapes of one byte (\n, \", …): a
// quote or context of an anchor that crosses a line (\n) is the most
// common escape in a body, and encoding/json took 11 ms of the export of
// 100k annotations reading them. It returns the string, the offset after
// its quote, and false for anything else (a \u escape, '<', U+2028, a
// byte that is not UTF-8…), which str reads encoding/json's way.
func unescapeSimple(data string, start, i int) (string, int, bool) {
	var b strings.Builder
	for i+1 < len(data) && data[i] == '\\' {
		c := simpleEscapes[data[i+1]]
		if c == 0 {
			return "", 0, false
		}
		if b.Len() == 0 {
			b.Grow(2 * (i - start + 2))
		}
		b.WriteString(data[start:i])
		b.WriteByte(c)
		start = i + 2
		i = start + jsonenc.PlainLen(data[start:])
	}
	if i >= len(data) || data[i] != '"' || b.Len() == 0 {
		return "", 0, false
	}
	b.WriteString(data[start:i])
	return b.String(), i + 1, true
}

// number returns the next number's text if it is a JSON number:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and whether it is an integer.
func (p *bodyParser) number() (text string, integer, ok bool) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	p.skip('-')
	if first := p.i; digits() == 0 || p.data[first] == '0' && p.i-first > 1 {
		return "", false, false
	}
	integer = true
	if p.skip('.') {
		integer = false
		if digits() == 0 {
			return "", false, false
		}
	}
	if p.skip('e') || p.skip('E') {
		integer = false
		if !p.skip('+') {
			p.skip('-')
		}
		if digits() == 0 {
			return "", false, false
		}
	}
	return p.data[start:p.i], integer, true
}

func (p *bodyParser) int() (int, bool) {
	text, integer, ok := p.number()
	if !ok || !integer {
		return 0, false
	}
	n, err := strconv.Atoi(text)
	return n, err == nil
}

func (p *bodyParser) float() (float64, bool) {
	text, _, ok := p.number()
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(text, 64)
	return f, err == nil
}

func (p *bodyParser) anchor(a *annotate.Anchor) bool {
	return p.object(func(key string) (uint, bool) {
		var ok bool
		switch key {
		case "start":
			a.Start, ok = p.int()
			return 1, ok
		case "end":
			a.End, ok = p.int()
			return 2, ok
		case "exact":
			a.Exact, ok = p.str()
			return 4, ok
		case "prefix":
			a.Prefix, ok = p.str()
			return 8, ok
		case "suffix":
			a.Suffix, ok = p.str()
			return 16, ok
		}
		return 0, false
	})
}

func (p *bodyParser) anchors(as *[]annotate.Anchor) bool {
	list := []annotate.Anchor{}
	ok := p.array(func() bool {
		list = append(list, annotate.Anchor{})
		return p.anchor(&list[len(list)-1])
	})
	*as = list
	return ok
}

func (p *bodyParser) optionalAnchor(a **annotate.Anchor) bool {
	*a = new(annotate.Anchor)
	return p.anchor(*a)
}

func (p *bodyParser) strings(ss *[]string) bool {
	list := []string{}
	ok := p.array(func() bool {
		s, ok := p.str()
		list = append(list, s)
		return ok
	})
	*ss = list
	return ok
}

func (p *bodyParser) attribution(b *attributionBody) bool {
	return p.object(func(key string) (uint, bool) {
		switch key {
		case "source":
			return 1, p.optionalAnchor(&b.Source)
		case "cue":
			return 2, p.optionalAnchor(&b.Cue)
		case "content":
			return 4, p.anchors(&b.Content)
		case "kind":
			s, ok := p.str()
			b.Kind = annotate.Kind(s)
			return 8, ok
		}
		return p.placed(key, &b.placed, 16)
	})
}

func (p *bodyParser) claim(b *claimBody) bool {
	return p.object(func(key string) (uint, bool) {
		switch key {
		case "anchors":
			return 1, p.anchors(&b.Anchors)
		case "worthiness":
			f, ok := p.float()
			b.Worthiness = &f
			return 2, ok
		case "worthiness_origin":
			s, ok := p.str()
			b.WorthinessOrigin = annotate.Origin(s)
			return 4, ok
		case "status":
			s, ok := p.str()
			b.Status = annotate.Status(s)
			if st, legacy := annotate.LegacyStatus(s); legacy {
				b.Status = st // as Status.UnmarshalJSON reads it
			}
			return 8, ok
		case "tags":
			return 16, p.strings(&b.Tags)
		case "review_url":
			var ok bool
			b.ReviewURL, ok = p.str()
			return 32, ok
		case "checked_before":
			return 256, p.strings(&b.CheckedBefore)
		case "approvals":
			return 512, p.approvals(&b.Approvals)
		case "corrections":
			return 1024, p.corrections(&b.Corrections)
		}
		return p.placed(key, &b.placed, 64)
	})
}

func (p *bodyParser) note(b *noteBody) bool {
	return p.object(func(key string) (uint, bool) {
		var ok bool
		switch key {
		case "target":
			return 1, p.optionalAnchor(&b.Target)
		case "verdict":
			b.Verdict, ok = p.str()
			return 2, ok
		case "rationale":
			b.Rationale, ok = p.str()
			return 4, ok
		}
		return p.placed(key, &b.placed, 8)
	})
}

// placed reads the placement and orphan keys every kind's body may have,
// with the bits bit and bit<<1.
func (p *bodyParser) placed(key string, b *placed, bit uint) (uint, bool) {
	switch key {
	case "placement":
		b.Placement = new(annotate.Placement)
		return bit, p.placement(b.Placement)
	case "orphan":
		var ok bool
		b.Orphan, ok = p.bool()
		return bit << 1, ok
	}
	return 0, false
}

func (p *bodyParser) placement(pl *annotate.Placement) bool {
	return p.object(func(key string) (uint, bool) {
		var ok bool
		switch key {
		case "revision":
			pl.Revision, ok = p.int()
			return 1, ok
		case "method":
			pl.Method, ok = p.str()
			return 2, ok
		case "score":
			pl.Score, ok = p.float()
			return 4, ok
		}
		return 0, false
	})
}

func (p *bodyParser) bool() (bool, bool) {
	switch {
	case strings.HasPrefix(p.data[p.i:], "true"):
		p.i += 4
		return true, true
	case strings.HasPrefix(p.data[p.i:], "false"):
		p.i += 5
		return false, true
	}
	return false, false
}

// time reads a time as encoding/json does: the quoted text, handed to
// time.Time's UnmarshalJSON.
func (p *bodyParser) time(t *time.Time) bool {
	start := p.i
	if _, ok := p.str(); !ok {
		return false
	}
	return t.UnmarshalJSON([]byte(p.data[start:p.i])) == nil
}

func (p *bodyParser) approvals(list *[]annotate.Approval) bool {
	var as []annotate.Approval
	ok := p.array(func() bool {
		as = append(as, annotate.Approval{})
		a := &as[len(as)-1]
		return p.object(func(key string) (uint, bool) {
			var ok bool
			switch key {
			case "reviewer":
				a.Reviewer, ok = p.str()
				return 1, ok
			case "at":
				return 2, p.time(&a.At)
			case "hash":
				a.Hash, ok = p.str()
				return 4, ok
			case "withdrawn":
				a.Withdrawn = new(time.Time)
				return 8, p.time(a.Withdrawn)
			case "withdrawn_why":
				a.WithdrawnWhy, ok = p.str()
				return 16, ok
			}
			return 0, false
		})
	})
	*list = nonNilSlice(as) // [] is an empty list, as encoding/json reads it
	return ok
}

func (p *bodyParser) corrections(list *[]annotate.Correction) bool {
	var cs []annotate.Correction
	ok := p.array(func() bool {
		cs = append(cs, annotate.Correction{})
		c := &cs[len(cs)-1]
		return p.object(func(key string) (uint, bool) {
			var ok bool
			switch key {
			case "at":
				return 1, p.time(&c.At)
			case "author":
				c.Author, ok = p.str()
				return 2, ok
			case "what":
				c.What, ok = p.str()
				return 4, ok
			case "why":
				c.Why, ok = p.str()
				return 8, ok
			}
			return 0, false
		})
	})
	*list = nonNilSlice(cs)
	return ok
}
