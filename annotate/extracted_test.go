package annotate

import (
	"strings"
	"testing"
	"time"
)

func TestExtractedCheck(t *testing.T) {
	sec := func(f float64) *float64 { return &f }
	cases := []struct {
		name string
		e    Extracted
		ok   bool
	}{
		{"plain", Extracted{Text: "Hello.\n\nWorld."}, true},
		{"pages", Extracted{Text: "abcdef", Pages: []Page{{1, 0, 3}, {2, 3, 6}}}, true},
		{"page past the end", Extracted{Text: "abc", Pages: []Page{{1, 0, 4}}}, false},
		{"page zero", Extracted{Text: "abc", Pages: []Page{{0, 0, 3}}}, false},
		{"pages overlap", Extracted{Text: "abcdef", Pages: []Page{{1, 0, 4}, {2, 3, 6}}}, false},
		{"turns", Extracted{Text: "A: hi\nB: yo", Turns: []Turn{{Speaker: "A", Start: 0, End: 5, TimeStart: sec(1), TimeEnd: sec(2)}, {Speaker: "B", Start: 6, End: 11}}}, true},
		{"turn without speaker", Extracted{Text: "hi", Turns: []Turn{{Start: 0, End: 2}}}, false},
		{"empty turn", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", Start: 1, End: 1}}}, false},
		{"turn ends before it starts", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", Start: 0, End: 2, TimeStart: sec(3), TimeEnd: sec(2)}}}, false},
		{"turn with a registry speaker", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", SpeakerID: "7d9f3c1e-2b4a-4c6d-8e0f-1a2b3c4d5e6f", Start: 0, End: 2}}}, true},
		{"turn speaker_id not a UUID", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", SpeakerID: "trump", Start: 0, End: 2}}}, false},
		{"negative time", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", Start: 0, End: 2, TimeStart: sec(-1)}}}, false},
		{"not normalised", Extracted{Text: "a\r\nb"}, false},
		{"code points, not bytes", Extracted{Text: "ééé", Pages: []Page{{1, 0, 3}}}, true},
	}
	for _, c := range cases {
		err := c.e.Check()
		if (err == nil) != c.ok {
			t.Errorf("%s: Check() = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

// An article's source file is described by a name, a media type and the
// SHA-256 of its bytes, which must be those given to keep.
func TestArticleSource(t *testing.T) {
	data := []byte("<p>Hello</p>")
	file := func(name, typ, sum string) *SourceFile { return &SourceFile{Name: name, Type: typ, SHA256: sum} }
	good := FileHash(data)
	cases := []struct {
		name string
		src  *SourceFile
		data []byte
		want string // "" when valid
	}{
		{"none", nil, nil, ""},
		{"described", file("a.html", "text/html", good), nil, ""},
		{"with its bytes", file("a.html", "text/html", good), data, ""},
		{"other bytes", file("a.html", "text/html", good), []byte("x"), "source.sha256"},
		{"bytes without a file", nil, data, "source"},
		{"no name", file(" ", "text/html", good), nil, "source.name"},
		{"control in the name", file("a\x01.html", "text/html", good), nil, "source.name"},
		{"no type", file("a.html", "", good), nil, "source.type"},
		{"not a media type", file("a.html", "html", good), nil, "source.type"},
		{"upper-case hash", file("a.html", "text/html", strings.ToUpper(good)), nil, "source.sha256"},
		{"short hash", file("a.html", "text/html", good[:10]), nil, "source.sha256"},
	}
	for _, c := range cases {
		a, err := NewArticle([]byte("Hello"), ArticleMeta{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		a.Source, a.SourceData = c.src, c.data
		err = a.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: Validate() = %v", c.name, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(ErrorMessage(err), c.want)):
			t.Errorf("%s: Validate() = %v, want an error about %s", c.name, err, c.want)
		}
	}
}

// A turn's speaker must be one of the document's; turns, pages and sources
// come with factmark/2, and a document needs it only when it has them.
func TestDocumentTurnsAndVersion(t *testing.T) {
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	s := Speaker{ID: NewID(), Name: "Donald Trump", Created: now, Modified: now}
	doc := func(format string, turns ...Turn) *Document {
		a, err := NewArticle([]byte("TRUMP: Hello."), ArticleMeta{}, now)
		if err != nil {
			t.Fatal(err)
		}
		a.Turns = turns
		return &Document{Format: format, Scale: DefaultScale(), Speakers: []Speaker{s},
			Articles: []ArticleDoc{{Article: *a}}}
	}
	turn := func(id string) Turn { return Turn{Speaker: "TRUMP", SpeakerID: id, Start: 7, End: 13} }
	cases := []struct {
		name   string
		doc    *Document
		want   string // "" when valid
		needed string
	}{
		{"plain v1", doc(NativeFormatV1), "", NativeFormatV1},
		{"plain v2", doc(NativeFormat), "", NativeFormatV1},
		{"turn of a speaker", doc(NativeFormat, turn(s.ID)), "", NativeFormat},
		{"turn unmatched", doc(NativeFormat, turn("")), "", NativeFormat},
		{"turn of no speaker", doc(NativeFormat, turn(NewID())), "articles[0].turns[0].speaker_id", NativeFormat},
		{"turns in v1", doc(NativeFormatV1, turn(s.ID)), "articles[0].turns", NativeFormat},
		{"unknown version", doc("factmark/9"), "format", NativeFormatV1},
	}
	for _, c := range cases {
		err := c.doc.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: Validate() = %v", c.name, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(ErrorMessage(err), c.want)):
			t.Errorf("%s: Validate() = %v, want an error about %s", c.name, err, c.want)
		}
		if got := c.doc.NeededFormat(); got != c.needed {
			t.Errorf("%s: NeededFormat() = %s, want %s", c.name, got, c.needed)
		}
	}
}
