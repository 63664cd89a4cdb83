// Package deskstate holds the desk's changes as values, in plain Go: each
// change is applied to the desk's in-memory annotations at once and written
// to the project later, in order, by a background writer (Queue). It has no
// Fyne in it, so that it is tested without a window.
package deskstate

import (
	"context"
	"slices"

	"github.com/factmark/factmark/annotate"
)

// Store is what the writer writes changes to.
type Store interface {
	CreateAttribution(ctx context.Context, a *annotate.Attribution) error
	UpdateAttribution(ctx context.Context, a *annotate.Attribution) error
	CreateClaim(ctx context.Context, c *annotate.Claim) error
	UpdateClaim(ctx context.Context, c *annotate.Claim) error
	CreateNote(ctx context.Context, n *annotate.Note) error
	UpdateNote(ctx context.Context, n *annotate.Note) error
	DeleteAnnotation(ctx context.Context, id string) error
	CreateSpeaker(ctx context.Context, s *annotate.Speaker) error
	UpdateSpeaker(ctx context.Context, s *annotate.Speaker) error
	Reject(ctx context.Context, articleID, key string) error
	Unreject(ctx context.Context, articleID, key string) error
	UpdateSettings(ctx context.Context, s annotate.Settings) error
	UpdateArticleMeta(ctx context.Context, id string, meta annotate.ArticleMeta) error
}

// Change is one thing the user did (add a claim, type in a field, delete,
// undo, accept suggestions): its steps, in the order they are written. Key,
// when set, names the field a typing edit changes; a queued change with the
// same key that is not being written yet is replaced by the newer one, since
// each step carries the whole new value.
type Change struct {
	Label string // what the user did, for undo and for the list of unsaved changes
	Key   string
	Ops   []Op
}

// opKind is what an Op does.
type opKind int

const (
	createAttribution opKind = iota
	updateAttribution
	createClaim
	updateClaim
	createNote
	updateNote
	deleteAnnotation
	createSpeaker
	updateSpeaker
	reject
	unreject
	updateSettings
	updateArticleMeta
)

// Op is one step of a change: one write to the project, and its effect on
// the desk's state. Ops hold their own copies of the values they write.
type Op struct {
	kind        opKind
	attribution annotate.Attribution
	claim       annotate.Claim
	note        annotate.Note
	speaker     annotate.Speaker
	settings    annotate.Settings
	meta        annotate.ArticleMeta
	articleID   string
	id          string      // of the annotation deleted, or the suggestion key
	wf          *workflowOp // the workflow's steps (workflow.go)
}

// CreateAttribution adds a stamped attribution (ID and times set).
func CreateAttribution(a annotate.Attribution) Op {
	return Op{kind: createAttribution, attribution: CloneAttribution(a), articleID: a.ArticleID}
}

// UpdateAttribution saves an edited attribution.
func UpdateAttribution(a annotate.Attribution) Op {
	return Op{kind: updateAttribution, attribution: CloneAttribution(a), articleID: a.ArticleID}
}

// CreateClaim adds a stamped claim.
func CreateClaim(c annotate.Claim) Op {
	return Op{kind: createClaim, claim: CloneClaim(c), articleID: c.ArticleID}
}

// UpdateClaim saves an edited claim.
func UpdateClaim(c annotate.Claim) Op {
	return Op{kind: updateClaim, claim: CloneClaim(c), articleID: c.ArticleID}
}

// CreateNote adds a stamped note.
func CreateNote(n annotate.Note) Op {
	return Op{kind: createNote, note: CloneNote(n), articleID: n.ArticleID}
}

// UpdateNote saves an edited note.
func UpdateNote(n annotate.Note) Op {
	return Op{kind: updateNote, note: CloneNote(n), articleID: n.ArticleID}
}

// Delete deletes the annotation with the ID from the article; as in the
// store, the notes on a deleted claim go with it and claims lose their link
// to a deleted attribution.
func Delete(articleID, id string) Op { return Op{kind: deleteAnnotation, articleID: articleID, id: id} }

// CreateSpeaker adds a speaker with its ID and times set.
func CreateSpeaker(s annotate.Speaker) Op {
	return Op{kind: createSpeaker, speaker: CloneSpeaker(s)}
}

// UpdateSpeaker saves an edited speaker.
func UpdateSpeaker(s annotate.Speaker) Op {
	return Op{kind: updateSpeaker, speaker: CloneSpeaker(s)}
}

// Reject remembers that the suggestion with the key was rejected on the article.
func Reject(articleID, key string) Op { return Op{kind: reject, articleID: articleID, id: key} }

// Unreject forgets a rejection.
func Unreject(articleID, key string) Op { return Op{kind: unreject, articleID: articleID, id: key} }

// UpdateSettings saves the project's settings.
func UpdateSettings(s annotate.Settings) Op {
	return Op{kind: updateSettings, settings: CloneSettings(s)}
}

// UpdateArticleMeta saves the details (title, URL, outlet, authors, date,
// language) of the article with the ID.
func UpdateArticleMeta(articleID string, m annotate.ArticleMeta) Op {
	m.Authors = slices.Clone(m.Authors)
	return Op{kind: updateArticleMeta, articleID: articleID, meta: m}
}

// Settings reports the settings the op saves, if it saves settings.
func (op Op) Settings() (annotate.Settings, bool) {
	return CloneSettings(op.settings), op.kind == updateSettings
}

// ArticleMeta reports the article and details the op saves, if it saves
// an article's details.
func (op Op) ArticleMeta() (articleID string, m annotate.ArticleMeta, ok bool) {
	if op.kind != updateArticleMeta {
		return "", annotate.ArticleMeta{}, false
	}
	m = op.meta
	m.Authors = slices.Clone(m.Authors)
	return op.articleID, m, true
}

// Rejection reports the suggestion key the op rejects (rejected true) or
// forgets (false), if it is one of those.
func (op Op) Rejection() (articleID, key string, rejected, ok bool) {
	switch op.kind {
	case reject:
		return op.articleID, op.id, true, true
	case unreject:
		return op.articleID, op.id, false, true
	}
	return "", "", false, false
}

// write makes the op's change in the store, on copies, since the store
// stamps what it is given.
func (op Op) write(ctx context.Context, s Store) error {
	switch op.kind {
	case createAttribution:
		a := CloneAttribution(op.attribution)
		return s.CreateAttribution(ctx, &a)
	case updateAttribution:
		a := CloneAttribution(op.attribution)
		return s.UpdateAttribution(ctx, &a)
	case createClaim:
		c := CloneClaim(op.claim)
		return s.CreateClaim(ctx, &c)
	case updateClaim:
		c := CloneClaim(op.claim)
		return s.UpdateClaim(ctx, &c)
	case createNote:
		n := CloneNote(op.note)
		return s.CreateNote(ctx, &n)
	case updateNote:
		n := CloneNote(op.note)
		return s.UpdateNote(ctx, &n)
	case deleteAnnotation:
		return s.DeleteAnnotation(ctx, op.id)
	case createSpeaker:
		sp := CloneSpeaker(op.speaker)
		return s.CreateSpeaker(ctx, &sp)
	case updateSpeaker:
		sp := CloneSpeaker(op.speaker)
		return s.UpdateSpeaker(ctx, &sp)
	case reject:
		return s.Reject(ctx, op.articleID, op.id)
	case unreject:
		return s.Unreject(ctx, op.articleID, op.id)
	case updateSettings:
		return s.UpdateSettings(ctx, CloneSettings(op.settings))
	case updateArticleMeta:
		_, m, _ := op.ArticleMeta()
		return s.UpdateArticleMeta(ctx, op.articleID, m)
	}
	if op.wf != nil {
		return op.writeWorkflow(ctx, s)
	}
	return annotate.Errorf(annotate.EINTERNAL, "unknown change %d", op.kind)
}

func cloneAnchor(a *annotate.Anchor) *annotate.Anchor {
	if a == nil {
		return nil
	}
	c := *a
	return &c
}

// CloneAttribution copies an attribution so that the copy shares no slice
// or pointer with it.
func CloneAttribution(a annotate.Attribution) annotate.Attribution {
	a.Source, a.Cue, a.Content = cloneAnchor(a.Source), cloneAnchor(a.Cue), slices.Clone(a.Content)
	return a
}

// CloneClaim copies a claim.
func CloneClaim(c annotate.Claim) annotate.Claim {
	c.Anchors, c.Tags = slices.Clone(c.Anchors), slices.Clone(c.Tags)
	c.Approvals, c.Corrections = slices.Clone(c.Approvals), slices.Clone(c.Corrections)
	if c.Worthiness != nil {
		w := *c.Worthiness
		c.Worthiness = &w
	}
	return c
}

// CloneNote copies a note.
func CloneNote(n annotate.Note) annotate.Note {
	n.Target, n.Sources = cloneAnchor(n.Target), slices.Clone(n.Sources)
	return n
}

// CloneSpeaker copies a speaker.
func CloneSpeaker(s annotate.Speaker) annotate.Speaker {
	s.Aliases = slices.Clone(s.Aliases)
	return s
}

// CloneSettings copies settings so that the copy shares no slice with them.
func CloneSettings(s annotate.Settings) annotate.Settings {
	s.Scale.Verdicts = slices.Clone(s.Scale.Verdicts)
	s.Scale.Retired = slices.Clone(s.Scale.Retired)
	return s
}

// Validate checks the change's annotations on the article with the text, and
// its speakers, before the change is queued: a mistake is refused while the
// user still sees what they did, not seconds later when it is written. The
// store checks everything again; annotations on other articles are left to it.
//
// Ops after one that saves the settings are checked on its scale: a change
// of scale may relabel notes to the new scale's verdicts.
func (c Change) Validate(articleID string, text *annotate.Text, scale *annotate.Scale) error {
	for _, op := range c.Ops {
		if err := op.validate(articleID, text, scale); err != nil {
			return err
		}
		if op.kind == updateSettings {
			scale = &op.settings.Scale
		}
	}
	return nil
}

func (op Op) validate(articleID string, text *annotate.Text, scale *annotate.Scale) error {
	if op.wf != nil {
		if op.articleID != articleID {
			text = nil
		}
		return op.validateWorkflow(text, scale)
	}
	switch op.kind {
	case createSpeaker, updateSpeaker:
		return op.speaker.Validate()
	case updateSettings:
		return op.settings.Validate()
	case updateArticleMeta:
		return op.meta.ValidateEdit()
	}
	if text == nil || op.articleID != articleID || op.orphan() {
		// An orphan's anchors point at no text of the current revision
		// (their old quote kept): the store checks it as an orphan.
		return nil
	}
	switch op.kind {
	case createAttribution, updateAttribution:
		return op.attribution.Validate(text)
	case createClaim, updateClaim:
		return op.claim.Validate(text)
	case createNote, updateNote:
		return op.note.Validate(text, scale)
	}
	return nil
}

// orphan reports whether the op writes an orphaned annotation.
func (op Op) orphan() bool {
	switch op.kind {
	case createAttribution, updateAttribution:
		return op.attribution.Orphan
	case createClaim, updateClaim:
		return op.claim.Orphan
	case createNote, updateNote:
		return op.note.Orphan
	}
	return false
}

// Attribution is the attribution an op creates or saves, for a caller that
// builds further steps on it.
func (op Op) Attribution() annotate.Attribution { return CloneAttribution(op.attribution) }
