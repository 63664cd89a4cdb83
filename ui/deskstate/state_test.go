package deskstate

import (
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func anchor(start, end int) annotate.Anchor { return annotate.Anchor{Start: start, End: end} }

func meta(id string) annotate.Meta { return annotate.Meta{ID: id, ArticleID: "art"} }

// ids lists a state's annotation IDs by kind, in order.
func ids(s *State) (attrs, claims, notes []string) {
	for _, a := range s.Ann.Attributions {
		attrs = append(attrs, a.ID)
	}
	for _, c := range s.Ann.Claims {
		claims = append(claims, c.ID+"←"+c.AttributionID)
	}
	for _, n := range s.Ann.Notes {
		notes = append(notes, n.ID)
	}
	return attrs, claims, notes
}

func TestApply(t *testing.T) {
	attr := annotate.Attribution{Meta: meta("a1"), Content: []annotate.Anchor{anchor(10, 20)}, Kind: annotate.Direct}
	claim := annotate.Claim{Meta: meta("c1"), Anchors: []annotate.Anchor{anchor(12, 18)}, AttributionID: "a1"}
	early := annotate.Claim{Meta: meta("c0"), Anchors: []annotate.Anchor{anchor(2, 5)}}
	onClaim := annotate.Note{Meta: meta("n1"), ClaimID: "c1"}
	onSpan := annotate.Note{Meta: meta("n2"), Target: &annotate.Anchor{Start: 30, End: 31}}
	moved := claim
	moved.Anchors = []annotate.Anchor{anchor(0, 1)}
	other := annotate.Claim{Meta: annotate.Meta{ID: "x", ArticleID: "another"}, Anchors: []annotate.Anchor{anchor(1, 2)}}
	base := []Op{CreateAttribution(attr), CreateClaim(claim), CreateClaim(early), CreateNote(onClaim), CreateNote(onSpan)}
	tests := []struct {
		name                 string
		ops                  []Op
		attrs, claims, notes []string
	}{
		{"creates in text order", base, []string{"a1"}, []string{"c0←", "c1←a1"}, []string{"n1", "n2"}},
		{"an update moves a claim and its note", append(base, UpdateClaim(moved)), []string{"a1"}, []string{"c1←a1", "c0←"}, []string{"n1", "n2"}},
		{"deleting a claim takes its notes", append(base, Delete("art", "c1")), []string{"a1"}, []string{"c0←"}, []string{"n2"}},
		{"deleting an attribution unlinks its claims", append(base, Delete("art", "a1")), nil, []string{"c0←", "c1←"}, []string{"n1", "n2"}},
		{"undoing a delete brings it back", append(base, Delete("art", "c1"), CreateClaim(claim), CreateNote(onClaim)), []string{"a1"}, []string{"c0←", "c1←a1"}, []string{"n1", "n2"}},
		{"another article's annotations are not shown", append(base, CreateClaim(other), Delete("another", "c0")), []string{"a1"}, []string{"c0←", "c1←a1"}, []string{"n1", "n2"}},
		{"applying again changes nothing", append(append(base, Delete("art", "n2")), append(base, Delete("art", "n2"))...), []string{"a1"}, []string{"c0←", "c1←a1"}, []string{"n1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &State{ArticleID: "art", Ann: &annotate.Annotations{}}
			s.Apply(Change{Ops: tt.ops})
			attrs, claims, notes := ids(s)
			if !equal(attrs, tt.attrs) || !equal(claims, tt.claims) || !equal(notes, tt.notes) {
				t.Fatalf("got %v %v %v, want %v %v %v", attrs, claims, notes, tt.attrs, tt.claims, tt.notes)
			}
		})
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestApplySpeakersInNameOrder(t *testing.T) {
	s := &State{ArticleID: "art", Ann: &annotate.Annotations{}}
	s.Apply(Change{Ops: []Op{
		CreateSpeaker(annotate.Speaker{ID: "2", Name: "Zoe"}),
		CreateSpeaker(annotate.Speaker{ID: "1", Name: "Anna"}),
		UpdateSpeaker(annotate.Speaker{ID: "2", Name: "Bea", Aliases: []string{"B."}}),
	}})
	if len(s.Speakers) != 2 || s.Speakers[0].Name != "Anna" || s.Speakers[1].Name != "Bea" || s.Speakers[1].Aliases[0] != "B." {
		t.Fatalf("speakers %+v", s.Speakers)
	}
}

// TestOpsKeepTheirOwnCopies: a change queued and then edited in memory by
// the caller still writes what it was made with.
func TestOpsKeepTheirOwnCopies(t *testing.T) {
	c := annotate.Claim{Meta: meta("c"), Anchors: []annotate.Anchor{anchor(1, 2)}, Tags: []string{"budget"}}
	op := UpdateClaim(c)
	c.Tags[0], c.Anchors[0].Start = "changed", 0
	s := &State{ArticleID: "art", Ann: &annotate.Annotations{}}
	s.Apply(Change{Ops: []Op{op}})
	got := s.Ann.Claims[0]
	if got.Tags[0] != "budget" || got.Anchors[0].Start != 1 {
		t.Fatalf("the op shares memory with its caller: %+v", got)
	}
	got.Tags[0] = "again"
	if op.claim.Tags[0] != "budget" {
		t.Fatal("the state shares memory with the op")
	}
}

func TestValidateRefusesBeforeQueueing(t *testing.T) {
	text := annotate.NewText("The minister said so.")
	good, err := text.Anchor(4, 12)
	if err != nil {
		t.Fatal(err)
	}
	stamped := annotate.Meta{ID: annotate.NewID(), ArticleID: annotate.NewID(), Origin: annotate.Manual}
	stamped.Stamp("Tester", time.Now())
	claim := annotate.Claim{Meta: stamped, Anchors: []annotate.Anchor{good}, Status: annotate.StatusCandidate}
	wrong := claim
	wrong.Anchors = []annotate.Anchor{{Start: 4, End: 12, Exact: "not this"}}
	scale := annotate.DefaultScale()
	tests := []struct {
		name    string
		op      Op
		article string
		wantErr bool
	}{
		{"a sound claim", CreateClaim(claim), stamped.ArticleID, false},
		{"a quote that is not the text", UpdateClaim(wrong), stamped.ArticleID, true},
		{"another article's claim is the store's to check", UpdateClaim(wrong), "other", false},
		{"a speaker without a name", CreateSpeaker(annotate.Speaker{ID: annotate.NewID()}), stamped.ArticleID, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Change{Ops: []Op{tt.op}}.Validate(tt.article, text, &scale)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
