package deskstate

import (
	"cmp"
	"slices"
	"strings"
	"time"

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

	// Index finds Ann's annotations by ID for Apply, which keeps it up to
	// date; the desk keeps one for its lookups. Apply makes one when nil.
	Index *Index
	// Touched collects the IDs of the annotations the applied changes
	// created, changed or removed, with the notes a deleted claim took along
	// and the claims a deleted attribution let go, so that the desk redraws
	// only those. SpeakersChanged is set when a speaker was added or edited.
	Touched         []string
	SpeakersChanged bool
	// Moved is set when an annotation was added or removed, or moved in
	// text order, so that lists by position must be redrawn whole.
	Moved bool

	// Comments are the open article's comments (workflow.go), oldest
	// first; CommentsChanged is set when a change added, edited or removed
	// one.
	Comments        []annotate.Comment
	CommentsChanged bool
}

// Apply makes the change in the state. Every step sets a whole value or
// removes one, so applying a change again that the state has already is
// harmless: a state loaded from the store while writes are pending is made
// current by applying every pending change to it (see Queue.Pending).
// Annotations stay in text order: an edited one moves only when its start
// changed, and a new one is put in its place, so a step costs a lookup and
// a move, not a sort of the article's annotations.
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
		s.SpeakersChanged = true
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
	if op.wf != nil {
		s.applyWorkflow(op)
		return
	}
	if s.Ann == nil || op.articleID != s.ArticleID {
		return
	}
	s.bind()
	ann, x := s.Ann, s.Index
	var moved bool
	defer func() { s.Moved = s.Moved || moved }()
	switch op.kind {
	case createAttribution, updateAttribution:
		v := CloneAttribution(op.attribution)
		ann.Attributions, moved = place(x, ann.Attributions, kindAttribution, v.ID, v, attributionKey)
		s.touch(v.ID)
	case createClaim, updateClaim:
		v := CloneClaim(op.claim)
		old := x.Claim(ann, v.ID)
		shifted := old < 0 || ann.Claims[old].Start() != v.Start()
		ann.Claims, moved = place(x, ann.Claims, kindClaim, v.ID, v, claimKey)
		s.touch(v.ID)
		if shifted && s.notesOn(v.ID) {
			// Notes on a claim stand where it starts.
			annotate.SortNotes(ann.Notes, ann.Claims)
			x.stale[kindNote], s.Moved = true, true
		}
	case createNote, updateNote:
		v := CloneNote(op.note)
		ann.Notes, moved = place(x, ann.Notes, kindNote, v.ID, v, s.noteKey)
		s.touch(v.ID)
		s.withdrawStale(v.ClaimID, time.Now()) // now: the desk's copy of Modified is the last save's
	case deleteAnnotation:
		claimID := s.noteClaim(op.id)
		s.delete(op.id)
		s.withdrawStale(claimID, time.Now())
	}
}

// bind makes the index follow Ann, putting annotations made elsewhere (the
// store, a test) in text order first.
func (s *State) bind() {
	if s.Index == nil {
		s.Index = &Index{}
	}
	if s.Index.ann == s.Ann {
		return
	}
	annotate.SortAttributions(s.Ann.Attributions)
	annotate.SortClaims(s.Ann.Claims)
	annotate.SortNotes(s.Ann.Notes, s.Ann.Claims)
	s.Index.reset(s.Ann)
	s.Moved = true
}

func (s *State) touch(ids ...string) { s.Touched = append(s.Touched, ids...) }

// notesOn reports whether a note is on the claim.
func (s *State) notesOn(claimID string) bool {
	for i := range s.Ann.Notes {
		if s.Ann.Notes[i].ClaimID == claimID {
			return true
		}
	}
	return false
}

// delete removes the annotation as the store does: a claim takes the notes
// on it along, and claims from a deleted attribution keep their text but
// lose the link.
func (s *State) delete(id string) {
	ann := s.Ann
	s.touch(id)
	ann.Attributions = slices.DeleteFunc(ann.Attributions, func(a annotate.Attribution) bool { return a.ID == id })
	ann.Claims = slices.DeleteFunc(ann.Claims, func(c annotate.Claim) bool { return c.ID == id })
	ann.Notes = slices.DeleteFunc(ann.Notes, func(n annotate.Note) bool {
		if n.ID == id || n.ClaimID == id {
			s.touch(n.ID)
			return true
		}
		return false
	})
	for i := range ann.Claims {
		if ann.Claims[i].AttributionID == id {
			ann.Claims[i].AttributionID = ""
			s.touch(ann.Claims[i].ID)
		}
	}
	s.Index.stale = [kinds]bool{true, true, true}
	s.Moved = true
}

func attributionKey(a *annotate.Attribution) (int, string) { return a.Start(), a.ID }
func claimKey(c *annotate.Claim) (int, string)             { return c.Start(), c.ID }

// noteKey is where a note stands: its target, or its claim's start (0 when
// the claim is not there, as annotate.SortNotes has it).
func (s *State) noteKey(n *annotate.Note) (int, string) {
	if n.Target != nil {
		return n.Target.Start, n.ID
	}
	if i := s.Index.Claim(s.Ann, n.ClaimID); i >= 0 {
		return s.Ann.Claims[i].Start(), n.ID
	}
	return 0, n.ID
}

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

// Kinds of annotation an Index finds.
const (
	kindAttribution = iota
	kindClaim
	kindNote
	kinds
)

// Index finds annotations by ID, as positions in their slices, without
// scanning them. It follows one Annotations value: positions are rebuilt,
// one kind at a time, after a step that moved annotations of the kind, or
// when the slices changed other than through State.Apply (their length
// differs, or an ID is not where the index has it).
type Index struct {
	ann   *annotate.Annotations
	pos   [kinds]map[string]int
	n     [kinds]int
	stale [kinds]bool
}

// Attribution is the position of the attribution with the ID in
// ann.Attributions, or -1.
func (x *Index) Attribution(ann *annotate.Annotations, id string) int {
	return x.find(ann, kindAttribution, id)
}

// Claim is the position of the claim with the ID in ann.Claims, or -1.
func (x *Index) Claim(ann *annotate.Annotations, id string) int { return x.find(ann, kindClaim, id) }

// Note is the position of the note with the ID in ann.Notes, or -1.
func (x *Index) Note(ann *annotate.Annotations, id string) int { return x.find(ann, kindNote, id) }

func (x *Index) reset(ann *annotate.Annotations) {
	x.ann, x.stale = ann, [kinds]bool{true, true, true}
}

func (x *Index) find(ann *annotate.Annotations, kind int, id string) int {
	if ann == nil || id == "" {
		return -1
	}
	if x.ann != ann {
		x.reset(ann)
	}
	n := count(ann, kind)
	if x.stale[kind] || x.n[kind] != n {
		x.build(kind)
	}
	i, ok := x.pos[kind][id]
	if ok && (i >= n || idAt(ann, kind, i) != id) {
		x.build(kind)
		i, ok = x.pos[kind][id]
	}
	if !ok {
		return -1
	}
	return i
}

func (x *Index) build(kind int) {
	n := count(x.ann, kind)
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		m[idAt(x.ann, kind, i)] = i
	}
	x.pos[kind], x.n[kind], x.stale[kind] = m, n, false
}

func count(ann *annotate.Annotations, kind int) int {
	switch kind {
	case kindAttribution:
		return len(ann.Attributions)
	case kindClaim:
		return len(ann.Claims)
	}
	return len(ann.Notes)
}

func idAt(ann *annotate.Annotations, kind, i int) string {
	switch kind {
	case kindAttribution:
		return ann.Attributions[i].ID
	case kindClaim:
		return ann.Claims[i].ID
	}
	return ann.Notes[i].ID
}

// place replaces the annotation with the ID in xs by v, or adds v, and
// moves it to its place in text order (key) if it is not there; the slice
// is otherwise in order. The index's positions of the kind are rebuilt
// after a move.
func place[T any](x *Index, xs []T, kind int, id string, v T, key func(*T) (int, string)) (_ []T, moved bool) {
	i := x.find(x.ann, kind, id)
	if i < 0 {
		xs = append(xs, v)
		i = len(xs) - 1
		x.stale[kind], moved = true, true
	} else {
		xs[i] = v
	}
	if inPlace(xs, i, key) {
		return xs, moved
	}
	x.stale[kind] = true
	xs = slices.Delete(xs, i, i+1)
	j, _ := slices.BinarySearchFunc(xs, &v, func(a T, b *T) int { return compareKeys(key, &a, b) })
	return slices.Insert(xs, j, v), true
}

// inPlace reports whether xs[i] is in order with its neighbours.
func inPlace[T any](xs []T, i int, key func(*T) (int, string)) bool {
	return (i == 0 || compareKeys(key, &xs[i-1], &xs[i]) <= 0) && (i == len(xs)-1 || compareKeys(key, &xs[i], &xs[i+1]) <= 0)
}

// compareKeys orders by start, then ID, as annotate's sorts do.
func compareKeys[T any](key func(*T) (int, string), a, b *T) int {
	sa, ia := key(a)
	sb, ib := key(b)
	return cmp.Or(cmp.Compare(sa, sb), strings.Compare(ia, ib))
}
