package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// decodeBody must give exactly what json.Unmarshal gives, value and error,
// for any input: the bodies the store writes, and anything else.
func checkDecodeBody(t *testing.T, data []byte) {
	t.Helper()
	for _, pair := range [][2]any{
		{new(attributionBody), new(attributionBody)},
		{new(claimBody), new(claimBody)},
		{new(noteBody), new(noteBody)},
	} {
		got, want := pair[0], pair[1]
		gotErr := decodeBody(string(data), got)
		wantErr := json.Unmarshal(data, want)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%T from %q: error %v, encoding/json says %v", got, data, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%T from %q:\n got %+v\nwant %+v", got, data, got, want)
		}
	}
}

var bodySeeds = []string{
	`{}`, `[]`, ``, `null`, `{"kind":"direct"}x`, `{"kind":"direct"} `,
	`{"source":{"start":1,"end":5,"exact":"“We”","prefix":"","suffix":" said"},"cue":{"start":6,"end":10,"exact":"said","prefix":"“We” ","suffix":""},"content":[{"start":1,"end":5,"exact":"“We”","prefix":"","suffix":" said"}],"kind":"direct"}`,
	`{"content":[],"kind":"direct"}`,
	`{"content":null,"kind":"direct"}`,
	`{"source":null,"content":[{"start":0,"end":1,"exact":"a"}]}`,
	`{"Kind":"direct"}`,
	`{"kind":"a","kind":"b"}`,
	`{"source":{"start":1,"start":2}}`,
	`{ "kind" : "direct" }`,
	`{"kind":"x\"y\\z\n\u2028\ud83d\ude00\/"}`,
	`{"kind":"ends in a backslash\\"}`,
	`{"kind":"ends in an escaped quote\\\""}`,
	`{"kind":"` + "\xff" + `"}`,
	`{"kind":"a<b&c>d"}`, `{"kind":"` + "\u2028 \u2029" + `"}`, `{"kind":"` + "é\xe2\x80" + `"}`, `{"kind":"é` + "\xed\xa0\x80" + `"}`,
	`{"kind":"plain text then the end`, `{"kind":"plain text then a tab` + "\t" + `"}`,
	`{"kind":"line\nbreak\tand \"quote\" \\ / \/ \b\f\r"}`, `{"kind":"ends in an escape\n"}`, `{"kind":"\n"}`,
	`{"kind":"a\nb<c"}`, `{"kind":"a\nb\u00e9"}`, `{"kind":"a\n`, `{"kind":"a\x"}`, `{"kind":"é\n` + "\xff" + `"}`,
	`{"kind":"` + "\x01" + `"}`,
	`{"kind":"unterminated}`,
	`{"kind":"direct","extra":1}`,
	`{"content":[{"start":01}]}`,
	`{"content":[{"start":1.5}]}`,
	`{"content":[{"start":1e2}]}`,
	`{"content":[{"start":-0}]}`,
	`{"content":[{"start":-1,"end":99999999999999999999}]}`,
	`{"content":[{"start":-}]}`,
	`{"content":[{"start":+1}]}`,
	`{"content":[{"start":true}]}`,
	`{"content":[{"start":"1"}]}`,
	`{"anchors":[{"start":3,"end":9,"exact":"déficit","prefix":"le ","suffix":" 🙄"}],"worthiness":0.75,"worthiness_origin":"suggested","status":"in_review","tags":["économie","🧾"]}`,
	`{"anchors":[],"worthiness":-0.0,"status":"new"}`,
	`{"worthiness":1e-7}`, `{"worthiness":1E+2}`, `{"worthiness":.5}`, `{"worthiness":5.}`, `{"worthiness":1e}`,
	`{"worthiness":1e999}`, `{"worthiness":null}`, `{"worthiness":"0.5"}`,
	`{"tags":[]}`, `{"tags":["a",]}`, `{"tags":["a" "b"]}`, `{"tags":[1]}`, `{"tags":["\\","\""]}`,
	`{"target":{"start":0,"end":1,"exact":"a","prefix":"","suffix":"b"},"verdict":"Mostly false","rationale":"« faux »","sources":[{"url":"https://example.org/?q=déficit","title":"T","publisher":"P","accessed":"2026-03-03","excerpt":"x"},{"title":"call"}]}`,
	`{"sources":[]}`, `{"sources":[{}]}`, `{"sources":[{"url":1}]}`, `{"sources":{"url":"x"}}`,
	`{"verdict":"a","rationale":"b","verdict":"c"}`,
	`{"content":[{"start":0,"end":1,"exact":"a","prefix":"","suffix":""}],"kind":"direct","placement":{"revision":2,"method":"fuzzy","score":0.875},"orphan":true}`,
	`{"anchors":[],"status":"new","placement":{"revision":3,"method":"exact"}}`,
	`{"target":null,"orphan":false}`, `{"orphan":true,"orphan":true}`, `{"orphan":1}`, `{"orphan":"true"}`,
	`{"orphan":tru}`, `{"orphan":truex}`, `{"placement":null}`, `{"placement":{"revision":1.5}}`,
	`{"placement":{"method":"diff","method":"exact"}}`, `{"placement":{"extra":1}}`,
	`{"anchors":[],"status":"checked","review_url":"https://example.org/fact-check/a?b=c\u0026d"}`,
	`{"review_url":1}`, `{"review_url":null}`, `{"review_url":"a","review_url":"b"}`,
	`{"anchors":[],"status":"approved","approvals":[{"reviewer":"Ana","at":"2026-03-04T10:00:00Z","hash":"ab"},{"reviewer":"Ben","at":"2026-03-04T11:00:00.5Z","hash":"cd","withdrawn":"2026-03-05T09:00:00Z","withdrawn_why":"changed"}]}`,
	`{"anchors":[],"status":"corrected","corrections":[{"at":"2026-03-06T10:00:00Z","author":"Ana","what":"verdict: \"False\" → \"Half true\"","why":"new figures"}]}`,
	`{"status":"approved","approvals":[{"at":"yesterday"}]}`, `{"approvals":null}`, `{"corrections":{}}`,
	`{"status":"in_review","status":"checked"}`, `{"status":"dismissed"}`, `{"status":"\u006eew"}`,
	`{"verdict":"x","sources":[{"url":"https://example.org/old"}]}`,
}

// The placement and orphan keys are read by the small parser, not handed to
// encoding/json: a re-anchored article's annotations all carry them.
func TestDecodeBodyPlacementFastPath(t *testing.T) {
	for _, c := range []struct {
		data  string
		parse func(p *bodyParser) bool
	}{
		{`{"content":[],"kind":"direct","placement":{"revision":2,"method":"diff","score":0.5},"orphan":true}`,
			func(p *bodyParser) bool { return p.attribution(new(attributionBody)) }},
		{`{"anchors":[],"status":"new","placement":{"revision":2,"method":"exact","score":1}}`,
			func(p *bodyParser) bool { return p.claim(new(claimBody)) }},
		{`{"anchors":[],"status":"new","review_url":"https://example.org/a","placement":{"revision":2,"method":"exact","score":1},"orphan":true}`,
			func(p *bodyParser) bool { return p.claim(new(claimBody)) }},
		{`{"verdict":"x","placement":{"revision":4,"method":"orphan"},"orphan":true}`,
			func(p *bodyParser) bool { return p.note(new(noteBody)) }},
	} {
		p := bodyParser{data: c.data}
		if !c.parse(&p) || p.i != len(c.data) {
			t.Errorf("%s: the fast path refused it (stopped at byte %d)", c.data, p.i)
		}
		checkDecodeBody(t, []byte(c.data))
	}
}

// TestClaimBodyFastPath: every field of a claim's body, as the store
// writes it, is read by the small parser, not handed to encoding/json.
func TestClaimBodyFastPath(t *testing.T) {
	w := 0.5
	body, err := json.Marshal(claimBody{Anchors: []annotate.Anchor{{Start: 1, End: 2, Exact: "a"}}, Worthiness: &w,
		WorthinessOrigin: annotate.Manual, Status: annotate.StatusVerdictProposed, Tags: []string{"t"}, ReviewURL: "https://example.org/fact-check/a"})
	if err != nil {
		t.Fatal(err)
	}
	var b claimBody
	p := bodyParser{data: string(body)}
	if !p.claim(&b) || p.i != len(body) || b.ReviewURL != "https://example.org/fact-check/a" {
		t.Fatalf("the fast path refused %s (read %+v)", body, b)
	}
}

func TestDecodeBodyMatchesEncodingJSON(t *testing.T) {
	for _, s := range bodySeeds {
		checkDecodeBody(t, []byte(s))
	}
	// Every body the store writes for a generated article.
	doc := generateDocument(t, 3000, 50<<10, 11)
	ad := &doc.Articles[0]
	var rows []row
	for i := range ad.Attributions {
		rows = append(rows, attributionRow(&ad.Attributions[i]))
	}
	for i := range ad.Claims {
		rows = append(rows, claimRow(&ad.Claims[i]))
	}
	for i := range ad.Notes {
		rows = append(rows, noteRow(&ad.Notes[i], 0))
	}
	for _, r := range rows {
		body, err := json.Marshal(r.body)
		if err != nil {
			t.Fatal(err)
		}
		checkDecodeBody(t, body)
	}
}

func FuzzDecodeBody(f *testing.F) {
	for _, s := range bodySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDecodeBody(t, data) })
}

// TestEveryStoredFieldTakesTheFastPath fills every field of every body
// the store writes (reflection: a field added to a body type is filled too),
// marshals it as the store does, and fails if the small parser hands any of
// it to encoding/json: the slow path is for bodies the store did not write.
// Every field is filled twice over, with a plain value and with one that
// needs escapes, an empty list and a withdrawn approval among them.
func TestEveryStoredFieldTakesTheFastPath(t *testing.T) {
	for _, variant := range []fill{{text: "x", n: 3}, {text: "« \"q\" »\\\n<&>", n: 0, emptyLists: true}} {
		for _, c := range []struct {
			body  any
			parse func(p *bodyParser, v any) bool
		}{
			{new(attributionBody), func(p *bodyParser, v any) bool { return p.attribution(v.(*attributionBody)) }},
			{new(claimBody), func(p *bodyParser, v any) bool { return p.claim(v.(*claimBody)) }},
			{new(noteBody), func(p *bodyParser, v any) bool { return p.note(v.(*noteBody)) }},
		} {
			v := reflect.ValueOf(c.body).Elem()
			variant.value(t, v, v.Type().Name())
			data, err := json.Marshal(v.Interface())
			if err != nil {
				t.Fatal(err)
			}
			got := reflect.New(v.Type())
			p := bodyParser{data: string(data)}
			if !c.parse(&p, got.Interface()) || p.i != len(data) {
				t.Errorf("%T: the fast path refused %s at byte %d (%.30q)", c.body, data, p.i, data[p.i:])
				continue
			}
			// Empty lists with omitempty are left out: those read back as nil.
			if !variant.emptyLists && !reflect.DeepEqual(got.Elem().Interface(), v.Interface()) {
				t.Errorf("%T from %s:\n got %+v\nwant %+v", c.body, data, got.Elem().Interface(), v.Interface())
			}
			checkDecodeBody(t, data)
		}
	}
}

// fill sets every field of a value, in every nested struct, list and
// pointer, to a value that is not the zero one (lists to one element, or
// empty when emptyLists).
type fill struct {
	text       string
	n          int
	emptyLists bool
}

func (f fill) value(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	if v.Type() == reflect.TypeFor[time.Time]() {
		v.Set(reflect.ValueOf(time.Date(2026, 3, 4, 10, 5, 6, 700+f.n, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(f.text)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(f.n + 1))
	case reflect.Float64:
		v.SetFloat(0.5 + float64(f.n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		f.value(t, v.Elem(), path)
	case reflect.Slice:
		n := 1
		if f.emptyLists {
			n = 0
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			f.value(t, v.Index(i), path+"[]")
		}
	case reflect.Struct:
		for i := range v.NumField() {
			field := v.Type().Field(i)
			if !field.IsExported() && !field.Anonymous {
				t.Fatalf("%s.%s: unexported, not stored", path, field.Name)
			}
			f.value(t, v.Field(i), path+"."+field.Name)
		}
	default:
		t.Fatalf("%s: a %s field; teach fill (and the body parser) about it", path, v.Kind())
	}
}
