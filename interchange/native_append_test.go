package interchange

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// viaEncoder is list written as writeList wrote every list before the
// appenders: each element through the encoder, then the indenter.
func viaEncoder[T any](t *testing.T, list []T) string {
	t.Helper()
	var buf bytes.Buffer
	enc := newEncoder(&buf)
	buf.WriteByte('[')
	for i := range list {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(&list[i]); err != nil {
			t.Fatal(err)
		}
	}
	buf.WriteByte(']')
	var out bytes.Buffer
	ind := indenter{w: &out, depth: 2} // inside an article, as the annotations are
	ind.indent(buf.Bytes())
	if err := ind.flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// viaWriter is list written by writeList, as the export writes it.
func viaWriter[T any](t *testing.T, list []T) string {
	t.Helper()
	var out bytes.Buffer
	ind := &indenter{w: &out, depth: 2}
	if err := writeList(ind, list); err != nil {
		t.Fatal(err)
	}
	if err := ind.flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// fast counts the elements appendElement writes itself.
func fast[T any](list []T) int {
	n := 0
	for i := range list {
		ind := indenter{}
		if appendElement(&ind, &list[i]) {
			n++
		}
	}
	return n
}

// awkward are strings the encoder escapes in every way it does.
var awkward = []string{"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\rret",
	"\b\f\x00\x1f\x7f", "line\u2028para\u2029", "bad \xff byte \xe2\x80", "Zoë 👍🏽 🇫🇷 « loi »", `\"`, "{[,:]}"}

func when(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func meta(i int) annotate.Meta {
	s := awkward[i%len(awkward)]
	times := []time.Time{when("2026-03-04T10:00:00Z"), when("2026-03-04T10:00:00.5+02:00"),
		when("0001-01-01T00:00:00Z"), when("2026-03-04T10:00:00.123456789-07:30"), when("9999-12-31T23:59:59.9+23:59")}
	return annotate.Meta{ID: "id " + s, ArticleID: "not written", Author: s, Origin: annotate.Origin(s),
		Created: times[i%len(times)], Modified: times[(i+1)%len(times)], Orphan: i%3 == 0}
}

func anchor(i int) annotate.Anchor {
	return annotate.Anchor{Start: i, End: -i * 1000, Exact: awkward[i%len(awkward)],
		Prefix: awkward[(i+1)%len(awkward)], Suffix: awkward[(i+2)%len(awkward)]}
}

// TestAppendersWriteWhatTheEncoderWrites: every field of the annotations
// and log entries, with strings the encoder escapes, times in other zones,
// floats of every form, nil and empty lists, comes out as the encoder and
// the indenter wrote it; and the elements that only the encoder writes
// (a placement, approvals, a snapshot) still come out right.
func TestAppendersWriteWhatTheEncoderWrites(t *testing.T) {
	if !fastTypes {
		t.Fatal("a type the appenders write has changed: update native_append.go (fastTypes) or every annotation goes through the encoder")
	}
	var atts []annotate.Attribution
	var claims []annotate.Claim
	var notes []annotate.Note
	var log []annotate.AuditEntry
	floats := []float64{0, 0.5, 1, -0.25, 1e-7, 1e21, 123456789.125, 1e-300, math.Copysign(0, -1), 0.1 + 0.2}
	for i := range 3 * len(awkward) {
		s := awkward[i%len(awkward)]
		a := annotate.Attribution{Meta: meta(i), Content: []annotate.Anchor{anchor(i), anchor(i + 1)},
			SpeakerID: s, Kind: annotate.Kind(s)}
		switch i % 4 {
		case 0:
			a.Source, a.Cue = new(anchor(i+2)), new(anchor(i+3))
		case 1:
			a.Content = nil
		case 2:
			a.Content = []annotate.Anchor{}
		}
		atts = append(atts, a)
		c := annotate.Claim{Meta: meta(i + 1), Anchors: []annotate.Anchor{anchor(i)}, SpeakerID: s,
			AttributionID: s, WorthinessOrigin: annotate.Origin(s), Status: annotate.Status(s), ReviewURL: s}
		if i%3 > 0 {
			c.Worthiness = new(floats[i%len(floats)])
			c.Tags = []string{s, "b"}
			c.CheckedBefore = []string{s}
		}
		if i%4 == 3 {
			c.Anchors = nil
		}
		claims = append(claims, c)
		n := annotate.Note{Meta: meta(i + 2), ClaimID: s, Verdict: s, Rationale: s}
		if i%2 == 0 {
			n.Target = new(anchor(i))
			n.Sources = []annotate.Evidence{{ID: s, URL: s, Title: s, Publisher: s, Type: annotate.SourceType(s),
				Accessed: s, Excerpt: s, Archives: []string{s, "x"}, Withheld: i%4 == 0}, {Title: "only"}}
		}
		notes = append(notes, n)
		log = append(log, annotate.AuditEntry{ID: s, At: meta(i).Created, Who: s, Action: s, Kind: s,
			EntityID: s, ArticleID: s, Field: s, Old: s, New: s})
	}
	fastOnes := fast(atts) + fast(claims) + fast(notes) + fast(log)
	// What only the encoder writes, among them.
	atts[1].Placement = &annotate.Placement{Revision: 2, Method: "fuzzy", Score: 0.75}
	claims[1].Approvals = []annotate.Approval{{Reviewer: "x", At: meta(0).Created}}
	claims[2].Worthiness = new(math.NaN())
	notes[0].Sources = append(notes[0].Sources, annotate.Evidence{})
	notes[2].Sources[0].Snapshot = &annotate.Snapshot{SHA256: "ab"}
	log[3].At = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	log[4].At = time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("odd", 3600+17)) // written without the seconds
	if got := fast(atts) + fast(claims) + fast(notes) + fast(log); got != fastOnes-7 {
		t.Errorf("%d of the elements appended without the encoder, want %d", got, fastOnes-7)
	}
	if want := len(atts) + len(claims) + len(notes) + len(log); fastOnes != want {
		t.Errorf("%d of %d elements were appended without the encoder", fastOnes, want)
	}
	claims[2].Worthiness = nil // the encoder refuses NaN; checked below
	log[3].At = meta(3).Created
	for name, pair := range map[string][2]string{
		"attributions": {viaWriter(t, atts), viaEncoder(t, atts)},
		"claims":       {viaWriter(t, claims), viaEncoder(t, claims)},
		"notes":        {viaWriter(t, notes), viaEncoder(t, notes)},
		"audit":        {viaWriter(t, log), viaEncoder(t, log)},
	} {
		if got, want := pair[0], pair[1]; got != want {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: the writer's bytes differ from the encoder's at byte %d:\n got …%q\nwant …%q", name, i,
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}

// TestAppendersRefuseWhatTheEncoderRefuses: a worthiness the encoder cannot
// write, and a time out of its range, fail the list as before.
func TestAppendersRefuseWhatTheEncoderRefuses(t *testing.T) {
	var out bytes.Buffer
	claims := []annotate.Claim{{Meta: meta(0), Anchors: []annotate.Anchor{anchor(1)}, Worthiness: new(math.Inf(1))}}
	if err := writeList(&indenter{w: &out}, claims); err == nil {
		t.Error("a claim of infinite worthiness was written")
	}
	log := []annotate.AuditEntry{{ID: "x", At: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if err := writeList(&indenter{w: &out}, log); err == nil {
		t.Error("a log entry of the year -1 was written")
	}
}

// TestStrWritesWhatTheEncoderWrites: str quotes strings of plain, escaped,
// multi-byte, invalid and line-separating pieces, at every alignment to the
// 8 bytes it reads at once, as the encoder does.
func TestStrWritesWhatTheEncoderWrites(t *testing.T) {
	pieces := []string{"a", "é", "“", "👍🏽", `"`, `\`, "<", "&", "\n", "\x01", "\u2028", "\u2029", "\xff", "\xe2\x80", "\xe2\x80\x9d"}
	var buf bytes.Buffer
	enc := newEncoder(&buf)
	for pad := range 9 {
		for _, x := range pieces {
			for _, y := range pieces {
				for _, z := range pieces {
					s := strings.Repeat("p", pad) + x + "ordinary text" + y + z + "ü"
					buf.Reset()
					if err := enc.Encode(s); err != nil {
						t.Fatal(err)
					}
					ind := indenter{}
					ind.str(s)
					if got, want := string(ind.out), strings.TrimSuffix(buf.String(), "\n"); got != want {
						t.Fatalf("str(%q) = %s, the encoder writes %s", s, got, want)
					}
				}
			}
		}
	}
}

// TestAnchorsOfTheTextWriteWhatTheEncoderWrites: anchors whose quote and
// context are the article's text (copied as they are where it holds
// nothing the encoder escapes) and anchors that are not, or only in part
// (a changed quote, a context cut inside a character, a place beyond the
// text), come out as the encoder writes them, in a text with every
// character it escapes, and in one that is not UTF-8.
func TestAnchorsOfTheTextWriteWhatTheEncoderWrites(t *testing.T) {
	text := strings.Repeat("Zoë said “the deficit” grew.\nA \"quote\", a \\ and <b>&</b>\u2028 then 👍🏽 and tab\there. ", 6)
	idx := annotate.NewText(text)
	var anchors []annotate.Anchor
	for start := 0; start+9 <= idx.Len(); start += 7 {
		for _, n := range []int{1, 5, 9} {
			a, err := idx.Anchor(start, start+n)
			if err != nil {
				continue // blank
			}
			anchors = append(anchors, a)
			stale := a
			switch start % 4 {
			case 0:
				stale.Exact += "x"
			case 1:
				stale.Prefix = "\xa9" + stale.Prefix // from inside a character, if é is before it
			case 2:
				stale.Suffix = stale.Suffix[:len(stale.Suffix)/2]
			case 3:
				stale.Start = idx.Len() + 5
			}
			anchors = append(anchors, stale)
		}
	}
	anchors = append(anchors, annotate.Anchor{Start: -1, Exact: "Zoë"}, annotate.Anchor{Start: 0, End: 3, Exact: "Zoë", Suffix: " said"},
		annotate.Anchor{Start: 1, Exact: "\xa9", Prefix: "Zo\xc3"},
		annotate.Anchor{Start: 3, End: 8, Exact: " said", Prefix: "\xab"}, // the end of ë: the text's bytes, not UTF-8
		annotate.Anchor{Start: 1, End: 2, Exact: "o\xc3"})                 // the start of ë
	var claims []annotate.Claim
	for i, a := range anchors {
		claims = append(claims, annotate.Claim{Meta: meta(i), Anchors: []annotate.Anchor{a}, Status: "new"})
	}
	plain := 0
	for _, a := range anchors {
		if b, ok := newArticleText(text).byteOf(a.Start); ok {
			if _, p := newArticleText(text).at(a.Exact, b); p {
				plain++
			}
		}
	}
	if plain < len(anchors)/4 {
		t.Fatalf("only %d of %d anchors are plain text: the test shows little", plain, len(anchors))
	}
	for _, s := range []string{text, text[:len(text)/2] + "\xff" + text[len(text)/2:]} {
		var out bytes.Buffer
		ind := &indenter{w: &out, depth: 2, text: newArticleText(s)}
		if err := writeList(ind, claims); err != nil {
			t.Fatal(err)
		}
		if err := ind.flush(); err != nil {
			t.Fatal(err)
		}
		if got, want := out.String(), viaEncoder(t, claims); got != want {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("the writer's bytes differ from the encoder's at byte %d:\n got …%q\nwant …%q", i,
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}
