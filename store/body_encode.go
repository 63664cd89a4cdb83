package store

import (
	"encoding/json"
	"strconv"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/jsonenc"
)

// appendBody appends the JSON of body, an attributionBody, claimBody or
// noteBody, byte for byte as json.Marshal writes it (compact, with its
// escapes of <, > and &, U+2028, U+2029 and invalid UTF-8), without
// reflection: encoding/json was most of the Go time of a bulk import
// after validation. The rare lists of times (a claim's approvals and
// corrections) are still handed to encoding/json. TestAppendBodyIsMarshal
// fills every field of every body type and fails when the two differ, as
// they would for a field added to a body type and not here.
func appendBody(dst []byte, body any) ([]byte, error) {
	switch b := body.(type) {
	case attributionBody:
		return appendAttributionBody(dst, &b)
	case claimBody:
		return appendClaimBody(dst, &b)
	case noteBody:
		return appendNoteBody(dst, &b)
	}
	data, err := json.Marshal(body)
	return append(dst, data...), err
}

func appendAttributionBody(dst []byte, b *attributionBody) ([]byte, error) {
	o := jsonObject{dst: dst}
	if b.Source != nil {
		appendAnchor(o.key("source"), b.Source)
	}
	if b.Cue != nil {
		appendAnchor(o.key("cue"), b.Cue)
	}
	appendAnchors(o.key("content"), b.Content)
	appendJSONString(o.key("kind"), string(b.Kind))
	if err := appendPlaced(&o, &b.placed); err != nil {
		return dst, err
	}
	return o.end(), nil
}

func appendClaimBody(dst []byte, b *claimBody) ([]byte, error) {
	o := jsonObject{dst: dst}
	appendAnchors(o.key("anchors"), b.Anchors)
	if b.Worthiness != nil {
		if err := appendFloat(o.key("worthiness"), *b.Worthiness); err != nil {
			return dst, err
		}
	}
	if b.WorthinessOrigin != "" {
		appendJSONString(o.key("worthiness_origin"), string(b.WorthinessOrigin))
	}
	appendJSONString(o.key("status"), string(b.Status))
	if len(b.Tags) > 0 {
		appendStrings(o.key("tags"), b.Tags)
	}
	if b.ReviewURL != "" {
		appendJSONString(o.key("review_url"), b.ReviewURL)
	}
	if len(b.CheckedBefore) > 0 {
		appendStrings(o.key("checked_before"), b.CheckedBefore)
	}
	if err := appendPlaced(&o, &b.placed); err != nil {
		return dst, err
	}
	for _, list := range []struct {
		key   string
		n     int
		value any
	}{{"approvals", len(b.Approvals), b.Approvals}, {"corrections", len(b.Corrections), b.Corrections}} {
		if list.n == 0 {
			continue
		}
		data, err := json.Marshal(list.value)
		if err != nil {
			return dst, err
		}
		o.dst = append(o.key(list.key).dst, data...)
	}
	return o.end(), nil
}

func appendNoteBody(dst []byte, b *noteBody) ([]byte, error) {
	o := jsonObject{dst: dst}
	if b.Target != nil {
		appendAnchor(o.key("target"), b.Target)
	}
	if b.Verdict != "" {
		appendJSONString(o.key("verdict"), b.Verdict)
	}
	if b.Rationale != "" {
		appendJSONString(o.key("rationale"), b.Rationale)
	}
	if err := appendPlaced(&o, &b.placed); err != nil {
		return dst, err
	}
	return o.end(), nil
}

// appendPlaced appends the fields of placed, which every body embeds.
func appendPlaced(o *jsonObject, p *placed) error {
	if pl := p.Placement; pl != nil {
		v := o.key("placement")
		w := jsonObject{dst: v.dst}
		w.dst = strconv.AppendInt(w.key("revision").dst, int64(pl.Revision), 10)
		appendJSONString(w.key("method"), pl.Method)
		if pl.Score != 0 {
			if err := appendFloat(w.key("score"), pl.Score); err != nil {
				return err
			}
		}
		v.dst = w.end()
	}
	if p.Orphan {
		o.dst = append(o.key("orphan").dst, "true"...)
	}
	return nil
}

// jsonObject appends an object's members: key appends the separator and
// the key, the value is appended to dst after it, and end closes it.
type jsonObject struct {
	dst   []byte
	count int
}

// key appends the next member's key and returns o, for its value to be
// appended to o.dst.
func (o *jsonObject) key(k string) *jsonObject {
	if o.count == 0 {
		o.dst = append(o.dst, '{')
	} else {
		o.dst = append(o.dst, ',')
	}
	o.count++
	o.dst = append(o.dst, '"')
	o.dst = append(o.dst, k...) // keys are plain ASCII
	o.dst = append(o.dst, '"', ':')
	return o
}

func (o *jsonObject) end() []byte {
	if o.count == 0 {
		return append(o.dst, '{', '}')
	}
	return append(o.dst, '}')
}

func appendAnchor(o *jsonObject, a *annotate.Anchor) {
	w := jsonObject{dst: o.dst}
	w.dst = strconv.AppendInt(w.key("start").dst, int64(a.Start), 10)
	w.dst = strconv.AppendInt(w.key("end").dst, int64(a.End), 10)
	appendJSONString(w.key("exact"), a.Exact)
	appendJSONString(w.key("prefix"), a.Prefix)
	appendJSONString(w.key("suffix"), a.Suffix)
	o.dst = w.end()
}

// appendAnchors appends a list as encoding/json does a slice without
// omitempty: null when nil.
func appendAnchors(o *jsonObject, as []annotate.Anchor) {
	if as == nil {
		o.dst = append(o.dst, "null"...)
		return
	}
	o.dst = append(o.dst, '[')
	for i := range as {
		if i > 0 {
			o.dst = append(o.dst, ',')
		}
		appendAnchor(o, &as[i])
	}
	o.dst = append(o.dst, ']')
}

func appendStrings(o *jsonObject, ss []string) {
	o.dst = append(o.dst, '[')
	for i, s := range ss {
		if i > 0 {
			o.dst = append(o.dst, ',')
		}
		appendJSONString(o, s)
	}
	o.dst = append(o.dst, ']')
}

// appendFloat appends f as encoding/json does a float64 (as ES6 prints a
// number); NaN and the infinities are errors, as there.
func appendFloat(o *jsonObject, f float64) error {
	out, ok := jsonenc.AppendFloat(o.dst, f)
	if !ok {
		return &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	o.dst = out
	return nil
}

// appendJSONString appends s quoted as encoding/json quotes a string.
func appendJSONString(o *jsonObject, s string) { o.dst = jsonenc.AppendString(o.dst, s) }

// encodedInsertArgs are insertSQL's arguments for the row (insertArgs),
// its body encoded by appendBody into buf, which it returns for reuse.
func (r *row) encodedInsertArgs(buf []byte) ([]any, []byte, error) {
	buf, err := appendBody(buf[:0], r.body)
	if err != nil {
		return nil, buf, err
	}
	return r.insertValues(string(buf)), buf, nil
}
