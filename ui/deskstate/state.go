package deskstate

import (
	"cmp"
	"slices"

	"github.com/factmark/factmark/annotate"
)

// State is what the desk shows: the open article's annotations and the
// speaker registry. Applying a change to it does what writing the change
// does to the store, so the desk shows every change at once, written or not.
type State struct {
	ArticleID string // the open article; changes to others' annotations do not touch Ann
	Ann       *annotate.Annotations
	Speakers  []annotate.Speaker
	Settings  annotate.Settings
	// Article is the open article, whose details a change may edit; nil
	// leaves them to the caller.
	Article *annotate.Article
}

// Apply makes the change in the state. Every step sets a whole value or
// removes one, so applying a change again that the state has already is
// harmless: a state loaded from the store while writes are pending is made
// current by applying every pending change to it (see Queue.Pending).
func (s *State) Apply(c Change) {
	for _, op := range c.Ops {
		s.apply(op)
	}
}

func (s *State) apply(op Op) {
	switch op.kind {
	case createSpeaker, updateSpeaker:
		s.Speakers = put(s.Speakers, CloneSpeaker(op.speaker), func(x *annotate.Speaker) string { return x.ID })
		slices.SortFunc(s.Speakers, func(a, b annotate.Speaker) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		return
	case updateSettings:
		s.Settings = CloneSettings(op.settings)
		return
	case updateArticleMeta:
		if s.Article != nil && s.Article.ID == op.articleID {
			s.Article.SetMeta(op.meta)
		}
		return
	}
	if s.Ann == nil || op.articleID != s.ArticleID {
		return
	}
	ann := s.Ann
	switch op.kind {
	case createAttribution, updateAttribution:
		ann.Attributions = put(ann.Attributions, CloneAttribution(op.attribution), attributionID)
		annotate.SortAttributions(ann.Attributions)
	case createClaim, updateClaim:
		ann.Claims = put(ann.Claims, CloneClaim(op.claim), claimID)
		annotate.SortClaims(ann.Claims)
		annotate.SortNotes(ann.Notes, ann.Claims)
	case createNote, updateNote:
		ann.Notes = put(ann.Notes, CloneNote(op.note), noteID)
		annotate.SortNotes(ann.Notes, ann.Claims)
	case deleteAnnotation:
		s.delete(op.id)
	}
}

// delete removes the annotation as the store does: a claim takes the notes
// on it along, and claims from a deleted attribution keep their text but
// lose the link.
func (s *State) delete(id string) {
	ann := s.Ann
	ann.Attributions = slices.DeleteFunc(ann.Attributions, func(a annotate.Attribution) bool { return a.ID == id })
	ann.Claims = slices.DeleteFunc(ann.Claims, func(c annotate.Claim) bool { return c.ID == id })
	ann.Notes = slices.DeleteFunc(ann.Notes, func(n annotate.Note) bool { return n.ID == id || n.ClaimID == id })
	for i := range ann.Claims {
		if ann.Claims[i].AttributionID == id {
			ann.Claims[i].AttributionID = ""
		}
	}
}

func attributionID(a *annotate.Attribution) string { return a.ID }
func claimID(c *annotate.Claim) string             { return c.ID }
func noteID(n *annotate.Note) string               { return n.ID }

// put replaces the element with v's ID, or appends v.
func put[T any](xs []T, v T, id func(*T) string) []T {
	for i := range xs {
		if id(&xs[i]) == id(&v) {
			xs[i] = v
			return xs
		}
	}
	return append(xs, v)
}
