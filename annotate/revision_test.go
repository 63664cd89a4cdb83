package annotate

import (
	"strings"
	"testing"
	"time"
)

// An orphan's anchors are checked as a quote with offsets, not against the
// text; anything else's must lie in it.
func TestOrphanAnchorsAreOnNoText(t *testing.T) {
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	text := NewText("The mayor said the tram opens in May.\n")
	old := Anchor{Start: 40, End: 52, Exact: "in June 2027", Prefix: "opens ", Suffix: "."}
	meta := func(orphan bool, p *Placement) Meta {
		return Meta{ID: NewID(), ArticleID: NewID(), Origin: Manual, Created: now, Modified: now, Orphan: orphan, Placement: p}
	}
	orphanPlaced := &Placement{Revision: 2, Method: PlacedOrphan}
	tests := []struct {
		name string
		c    Claim
		want string // the start of the error, "" for none
	}{
		{"an orphan's old anchor", Claim{Meta: meta(true, orphanPlaced), Anchors: []Anchor{old}, Status: StatusCandidate}, ""},
		{"the same anchor, not an orphan", Claim{Meta: meta(false, nil), Anchors: []Anchor{old}, Status: StatusCandidate}, "anchors[0]"},
		{"an orphan's quote of the wrong length", Claim{Meta: meta(true, orphanPlaced), Anchors: []Anchor{{Start: 40, End: 45, Exact: "in June 2027"}}, Status: StatusCandidate}, "anchors[0].exact"},
		{"an orphan's empty span", Claim{Meta: meta(true, orphanPlaced), Anchors: []Anchor{{Start: 4, End: 4}}, Status: StatusCandidate}, "anchors[0]"},
		{"an orphan's control character", Claim{Meta: meta(true, orphanPlaced), Anchors: []Anchor{{Start: 0, End: 2, Exact: "a\x00"}}, Status: StatusCandidate}, "anchors[0].exact"},
		{"a placement on no revision", Claim{Meta: meta(false, &Placement{Method: PlacedExact, Score: 1}), Anchors: []Anchor{{Start: 0, End: 3, Exact: "The", Suffix: " mayor said the tram opens in Ma"}}, Status: StatusCandidate}, "placement.revision"},
		{"an unknown method", Claim{Meta: meta(false, &Placement{Revision: 2, Method: "guess"}), Anchors: []Anchor{{Start: 0, End: 3, Exact: "The", Suffix: " mayor said the tram opens in Ma"}}, Status: StatusCandidate}, "placement.method"},
		{"a score above 1", Claim{Meta: meta(false, &Placement{Revision: 2, Method: PlacedFuzzy, Score: 1.5}), Anchors: []Anchor{{Start: 0, End: 3, Exact: "The", Suffix: " mayor said the tram opens in Ma"}}, Status: StatusCandidate}, "placement.score"},
		{"a fuzzy placement", Claim{Meta: meta(false, &Placement{Revision: 2, Method: PlacedFuzzy, Score: 0.8}), Anchors: []Anchor{{Start: 0, End: 3, Exact: "The", Suffix: " mayor said the tram opens in Ma"}}, Status: StatusCandidate}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate(text)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || ErrorCode(err) != EINVALID || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Validate = %v; want an error on %s", err, tt.want)
			}
		})
	}
	n := Note{Meta: meta(true, orphanPlaced), Target: &old}
	if err := n.Validate(text, &Scale{}); err != nil {
		t.Errorf("an orphan note: %v", err)
	}
	a := Attribution{Meta: meta(true, orphanPlaced), Cue: &old, Content: []Anchor{old}, Kind: Direct}
	if err := a.Validate(text); err != nil {
		t.Errorf("an orphan attribution: %v", err)
	}
}

func TestRevisionValidate(t *testing.T) {
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	good := Revision{Number: 2, Text: "Text.\n", SHA256: TextHash("Text.\n"), Created: now}
	tests := []struct {
		name   string
		change func(r *Revision)
		want   string
	}{
		{"good", func(r *Revision) {}, ""},
		{"number 0", func(r *Revision) { r.Number = 0 }, "revision.number"},
		{"blank", func(r *Revision) { r.Text, r.SHA256 = " \n", TextHash(" \n") }, "revision.text"},
		{"CR line ends", func(r *Revision) { r.Text, r.SHA256 = "a\r\nb", TextHash("a\r\nb") }, "revision.text"},
		{"wrong hash", func(r *Revision) { r.SHA256 = TextHash("other") }, "revision.sha256"},
		{"no time", func(r *Revision) { r.Created = time.Time{} }, "revision.created"},
	}
	for _, tt := range tests {
		r := good
		tt.change(&r)
		err := r.Validate()
		if (err == nil) != (tt.want == "") || err != nil && !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: Validate = %v; want %q", tt.name, err, tt.want)
		}
	}
}
