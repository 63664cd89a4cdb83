package annotate

import (
	"fmt"
	"strings"
)

// Validate checks a whole document: its format, scale and speakers, every
// article, every annotation against its article's text, and every reference
// (speakers, claims, attributions). Errors give the JSON path of the fault.
func (d *Document) Validate() error {
	if d.Format != NativeFormat && d.Format != NativeFormatV1 {
		return Errorf(EINVALID, "format: %q is not %q or %q (a document of a newer Factmark? update Factmark to read it)", d.Format, NativeFormatV1, NativeFormat)
	}
	if err := d.Scale.Validate(); err != nil {
		return err
	}
	speakers, err := d.speakerIDs()
	if err != nil {
		return err
	}
	ids := make(map[string]bool, d.Count())
	articles := make(map[string]bool, len(d.Articles))
	for i := range d.Articles {
		if err := d.Articles[i].validate(&d.Scale, speakers, ids); err != nil {
			return prefixError(fmt.Sprintf("articles[%d]", i), err)
		}
		if err := d.checkVersion(&d.Articles[i]); err != nil {
			return prefixError(fmt.Sprintf("articles[%d]", i), err)
		}
		id := d.Articles[i].ID
		if articles[id] {
			return Errorf(EINVALID, "articles[%d].id: %s appears twice", i, id)
		}
		articles[id] = true
	}
	return nil
}

func (d *Document) speakerIDs() (map[string]bool, error) {
	ids := make(map[string]bool, len(d.Speakers))
	for i := range d.Speakers {
		s := &d.Speakers[i]
		if err := s.Validate(); err != nil {
			// Speaker.Validate names its fields "speaker.name"; here the
			// path is speakers[i].name.
			if e, ok := err.(*Error); ok {
				err = &Error{Code: e.Code, Message: strings.TrimPrefix(e.Message, "speaker."), Err: e.Err}
			}
			return nil, prefixError(fmt.Sprintf("speakers[%d]", i), err)
		}
		if ids[s.ID] {
			return nil, Errorf(EINVALID, "speakers[%d].id: %s appears twice", i, s.ID)
		}
		ids[s.ID] = true
	}
	return ids, nil
}

// SetArticleIDs sets every annotation's ArticleID to its article's ID, as
// Validate does. Validate then writes nothing to the document, and may
// check it while it is read elsewhere (store.Import stores it meanwhile).
func (d *Document) SetArticleIDs() {
	for i := range d.Articles {
		d.Articles[i].setArticleIDs()
	}
}

func (a *ArticleDoc) setArticleIDs() {
	for i := range a.Attributions {
		a.Attributions[i].ArticleID = a.ID
	}
	for i := range a.Claims {
		a.Claims[i].ArticleID = a.ID
	}
	for i := range a.Notes {
		a.Notes[i].ArticleID = a.ID
	}
}

// articleIDsSet reports whether every annotation's ArticleID is its
// article's already.
func (a *ArticleDoc) articleIDsSet() bool {
	for i := range a.Attributions {
		if a.Attributions[i].ArticleID != a.ID {
			return false
		}
	}
	for i := range a.Claims {
		if a.Claims[i].ArticleID != a.ID {
			return false
		}
	}
	for i := range a.Notes {
		if a.Notes[i].ArticleID != a.ID {
			return false
		}
	}
	return true
}

// validate checks the article and its annotations, and sets their ArticleID
// (unless they are set already: see SetArticleIDs).
func (a *ArticleDoc) validate(scale *Scale, speakers, ids map[string]bool) error {
	if err := a.Article.Validate(); err != nil {
		return err
	}
	if err := a.validateRevisions(); err != nil {
		return err
	}
	if !a.articleIDsSet() {
		a.setArticleIDs()
	}
	text := NewText(a.Text)
	refs := refChecker{speakers: speakers, ids: ids, claims: make(map[string]bool, len(a.Claims)),
		attributions: make(map[string]bool, len(a.Attributions))}
	for i := range a.Attributions {
		x := &a.Attributions[i]
		if err := refs.add("attributions", i, x.ID, refs.attributions); err != nil {
			return err
		}
		if err := x.Validate(text); err != nil {
			return prefixError(fmt.Sprintf("attributions[%d]", i), err)
		}
	}
	for i := range a.Claims {
		x := &a.Claims[i]
		if err := refs.add("claims", i, x.ID, refs.claims); err != nil {
			return err
		}
		if err := x.Validate(text); err != nil {
			return prefixError(fmt.Sprintf("claims[%d]", i), err)
		}
	}
	for i := range a.Notes {
		x := &a.Notes[i]
		if err := refs.add("notes", i, x.ID, nil); err != nil {
			return err
		}
		if err := x.Validate(text, scale); err != nil {
			return prefixError(fmt.Sprintf("notes[%d]", i), err)
		}
	}
	return refs.check(a)
}

// checkVersion refuses in a factmark/1 document what only factmark/2 has.
func (d *Document) checkVersion(a *ArticleDoc) error {
	if d.Format != NativeFormatV1 {
		return nil
	}
	if a.hasRevisions() {
		return Errorf(EINVALID, "revisions: a %s document has no revisions, placements or orphans; they came with %s", NativeFormatV1, NativeFormat)
	}
	if !a.hasProvenance() {
		return nil
	}
	field := "source"
	switch {
	case len(a.Pages) > 0:
		field = "pages"
	case len(a.Turns) > 0:
		field = "turns"
	}
	return Errorf(EINVALID, "%s: a %s document has no %s; they came with %s", field, NativeFormatV1, field, NativeFormat)
}

// refChecker checks that IDs are unique and references resolve.
type refChecker struct {
	speakers, ids, claims, attributions map[string]bool
}

func (r refChecker) add(list string, i int, id string, kind map[string]bool) error {
	if r.ids[id] {
		return Errorf(EINVALID, "%s[%d].id: %s appears twice", list, i, id)
	}
	r.ids[id] = true
	if kind != nil {
		kind[id] = true
	}
	return nil
}

func (r refChecker) check(a *ArticleDoc) error {
	for i, x := range a.Attributions {
		if x.SpeakerID != "" && !r.speakers[x.SpeakerID] {
			return Errorf(EINVALID, "attributions[%d].speaker: no speaker %s in the document", i, x.SpeakerID)
		}
	}
	for i, x := range a.Claims {
		if x.SpeakerID != "" && !r.speakers[x.SpeakerID] {
			return Errorf(EINVALID, "claims[%d].claimant: no speaker %s in the document", i, x.SpeakerID)
		}
		if x.AttributionID != "" && !r.attributions[x.AttributionID] {
			return Errorf(EINVALID, "claims[%d].attribution: no attribution %s in this article", i, x.AttributionID)
		}
	}
	for i, x := range a.Turns {
		if x.SpeakerID != "" && !r.speakers[x.SpeakerID] {
			return Errorf(EINVALID, "turns[%d].speaker_id: no speaker %s in the document", i, x.SpeakerID)
		}
	}
	for i, x := range a.Notes {
		if x.ClaimID != "" && !r.claims[x.ClaimID] {
			return Errorf(EINVALID, "notes[%d].claim: no claim %s in this article", i, x.ClaimID)
		}
	}
	return nil
}

// prefixError puts a JSON path in front of a validation message.
func prefixError(path string, err error) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	return &Error{Code: e.Code, Message: path + "." + e.Message, Err: e.Err}
}

// validateRevisions checks the article's revisions: numbered 1, 2, … in
// order, the last being the article's text, and no placement on a revision
// the article does not have.
func (a *ArticleDoc) validateRevisions() error {
	if len(a.Revisions) == 1 {
		return Errorf(EINVALID, "revisions: has one revision; an article with only its imported text lists none")
	}
	for i := range a.Revisions {
		r := &a.Revisions[i]
		if err := r.Validate(); err != nil {
			return prefixError(fmt.Sprintf("revisions[%d]", i), err)
		}
		if r.Number != i+1 {
			return Errorf(EINVALID, "revisions[%d].number: %d; revisions are numbered 1, 2, … in order", i, r.Number)
		}
	}
	if n := len(a.Revisions); n > 0 && (a.Revisions[n-1].SHA256 != a.SHA256 || a.Revisions[n-1].Text != a.Text) {
		return Errorf(EINVALID, "revisions[%d]: the last revision is not the article's text; it must be the current one", n-1)
	}
	last := max(1, len(a.Revisions))
	check := func(list string, i int, m *Meta) error {
		if m.Placement != nil && m.Placement.Revision > last {
			return Errorf(EINVALID, "%s[%d].placement.revision: %d; the article has %d revisions", list, i, m.Placement.Revision, last)
		}
		return nil
	}
	for i := range a.Attributions {
		if err := check("attributions", i, &a.Attributions[i].Meta); err != nil {
			return err
		}
	}
	for i := range a.Claims {
		if err := check("claims", i, &a.Claims[i].Meta); err != nil {
			return err
		}
	}
	for i := range a.Notes {
		if err := check("notes", i, &a.Notes[i].Meta); err != nil {
			return err
		}
	}
	return nil
}
