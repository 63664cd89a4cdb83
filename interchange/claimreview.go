package interchange

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

// ParseClaimReview reads ClaimReviews (one, a list, or an @graph): each
// becomes a claim, found in its article (itemReviewed.appearance, through
// lookup) by its text, and a note with the verdict. A verdict that is not on
// scale is kept in the note's rationale as "Rating: …". A review whose claim
// cannot be found in its article's text, or whose article is not in the
// project, is left out and listed in Orphans; nodes of other types are
// skipped. Errors give the JSON path of what is wrong.
func ParseClaimReview(data []byte, lookup ArticleLookup, scale annotate.Scale, now time.Time) (*Imported, error) {
	return parseClaimReview(data, lookup, nil, scale, now)
}

// parseClaimReview is ParseClaimReview where stored gives the project's
// annotations on an article (or is nil): a review of a span the project has
// a claim on is attached to that claim, not to a second claim of the span.
func parseClaimReview(data []byte, lookup ArticleLookup, stored func(articleID string) (*annotate.Annotations, error), scale annotate.Scale, now time.Time) (*Imported, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	var items []jsonItem
	switch v := v.(type) {
	case []any:
		items, err = objectItems("", v)
	case map[string]any:
		if g, ok := v["@graph"].([]any); ok {
			items, err = objectItems("@graph", g)
		} else {
			items = []jsonItem{{"", v}}
		}
	default:
		err = annotate.Errorf(annotate.EINVALID, "the document is not a ClaimReview, a list of them or an @graph")
	}
	if err != nil {
		return nil, err
	}
	r := newImportBuilder(lookup, scale, now)
	cr := &crClaims{ids: map[string]bool{}, spans: map[string]string{}, stored: stored, storedOn: map[string]*annotate.Annotations{}}
	for _, it := range items {
		if !hasString(stringsOf(it.m["@type"]), "ClaimReview") {
			r.skipped++
			continue
		}
		if err := r.claimReview(it.path, it.m, cr); err != nil {
			return nil, err
		}
	}
	return r.finish(FormatClaimReview)
}

// crClaims are the claims a ClaimReview file's reviews are of: several
// reviews may review one claim, and a claim may be in the project already.
type crClaims struct {
	ids      map[string]bool   // IDs of the claims read
	spans    map[string]string // article ID and span → the ID of the claim read on it
	stored   func(articleID string) (*annotate.Annotations, error)
	storedOn map[string]*annotate.Annotations // by article ID, as stored loaded them
}

// spanKey identifies a claim's span on an article.
func spanKey(articleID string, anchors []annotate.Anchor) string {
	var b strings.Builder
	b.WriteString(articleID)
	for _, a := range anchors {
		fmt.Fprintf(&b, " %d-%d", a.Start, a.End)
	}
	return b.String()
}

// find returns the claim of the file or of the project on exactly anchors,
// or nil. A stored claim is returned as stored but without its speaker and
// attribution, which the document does not hold: it is not newer than the
// stored one, so importing the document leaves the stored claim as it is.
func (cr *crClaims) find(art *annotate.Article, anchors []annotate.Anchor) (id string, stored *annotate.Claim, err error) {
	if id, ok := cr.spans[spanKey(art.ID, anchors)]; ok {
		return id, nil, nil
	}
	if cr.stored == nil {
		return "", nil, nil
	}
	on, ok := cr.storedOn[art.ID]
	if !ok {
		if on, err = cr.stored(art.ID); err != nil {
			return "", nil, err
		}
		cr.storedOn[art.ID] = on
	}
	if on == nil {
		return "", nil, nil
	}
	for i := range on.Claims {
		if c := on.Claims[i]; sameSpans(c.Anchors, anchors) {
			c.SpeakerID, c.AttributionID = "", ""
			return "", &c, nil
		}
	}
	return "", nil, nil
}

func sameSpans(a, b []annotate.Anchor) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Start != b[i].Start || a[i].End != b[i].End {
			return false
		}
	}
	return true
}

// claimReview reads one ClaimReview.
func (r *importBuilder) claimReview(path string, m map[string]any, cr *crClaims) error {
	reviewed, err := optString(m, path, "claimReviewed")
	if err != nil {
		return err
	}
	if strings.TrimSpace(reviewed) == "" {
		return annotate.Errorf(annotate.EINVALID, "%s: is missing; a ClaimReview needs the claim it reviews", join(path, "claimReviewed"))
	}
	item, ok := m["itemReviewed"].(map[string]any)
	if !ok && m["itemReviewed"] != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: must be a Claim object, not %s", join(path, "itemReviewed"), jsonKindOf(m["itemReviewed"]))
	}
	n, err := r.crNote(path, m)
	if err != nil {
		return err
	}
	source := crAppearance(item)
	if source == "" {
		r.orphan(path, n.ID, "its itemReviewed has no appearance with a url: Factmark cannot tell which article it is in")
		return nil
	}
	art, text, err := r.article(source)
	if annotate.ErrorCode(err) == annotate.EINTERNAL {
		return err
	} else if err != nil {
		r.orphan(path, n.ID, annotate.ErrorMessage(err))
		return nil
	}
	pieces := strings.Split(reviewed, claimPieceSep)
	for i, p := range pieces {
		if strings.TrimSpace(p) == "" {
			return annotate.Errorf(annotate.EINVALID, "%s: piece %d is only white space; a claim needs words", join(path, "claimReviewed"), i+1)
		}
	}
	anchors, ok := anchorPieces(text, pieces)
	if !ok {
		r.orphan(path, n.ID, fmt.Sprintf("the claim %q is not in the article, or not in one place", annotate.Clip(reviewed)))
		return nil
	}
	id, err := r.reviewedClaim(path, item, art, anchors, source+"\x00"+reviewed, n.Created, cr)
	if err != nil {
		return err
	}
	return r.addNote(path, art, n, anchors, id)
}

// reviewedClaim returns the ID of the claim a review is of. A claim of the
// same span, read from the file already or stored in the project, is that
// claim, whatever the file calls it: the project never gets a second claim
// of one span from a review. Otherwise the claim is made from itemReviewed,
// with its @id (or an ID derived from fallbackID) and the review's time.
func (r *importBuilder) reviewedClaim(path string, item map[string]any, art *annotate.Article, anchors []annotate.Anchor,
	fallbackID string, created time.Time, cr *crClaims) (string, error) {
	found, stored, err := cr.find(art, anchors)
	if err != nil || found != "" {
		return found, err
	}
	var c annotate.Claim
	if stored != nil {
		c = *stored
	} else {
		claimID, _ := item["@id"].(string)
		if claimID == "" {
			claimID = fallbackID
		}
		c = annotate.Claim{Meta: annotate.Meta{Origin: annotate.Manual, Created: created, Modified: created}, Anchors: anchors, Status: annotate.StatusPublished}
		c.ID = crID(claimID)
		if cr.ids[c.ID] {
			return c.ID, nil // one claim under one @id, reviewed on several spans: the first is kept
		}
		if au, ok := item["author"]; ok {
			if c.SpeakerID, err = r.speakerID(join(path, "itemReviewed.author"), agentName(au)); err != nil {
				return "", err
			}
			if err := r.speakerRole(join(path, "itemReviewed.author"), c.SpeakerID, au); err != nil {
				return "", err
			}
		}
	}
	cr.ids[c.ID] = true
	cr.spans[spanKey(art.ID, anchors)] = c.ID
	return c.ID, r.addClaim(join(path, "itemReviewed"), art, c, "")
}

// speakerRole gives the speaker with the ID, if new and without a role,
// the claimant's description or job title, as Factmark writes the role.
func (r *importBuilder) speakerRole(path, id string, author any) error {
	m, _ := author.(map[string]any)
	role := strings.TrimSpace(firstString(m, "description", "jobTitle"))
	if id == "" || role == "" {
		return nil
	}
	for i := range r.speakers.list {
		if sp := &r.speakers.list[i]; sp.ID == id && sp.Role == "" {
			if err := annotate.CheckLine(join(path, "description"), role); err != nil {
				return err
			}
			sp.Role = role
		}
	}
	return nil
}

// crID is the Factmark ID of a ClaimReview node: its urn:uuid:, or one
// derived from whatever identifies it.
func crID(id string) string {
	if u, ok := strings.CutPrefix(id, "urn:uuid:"); ok {
		if parsed, err := uuid.Parse(u); err == nil && len(u) == 36 {
			return parsed.String()
		}
	}
	return uuid.NewSHA1(idSpace, []byte(id)).String()
}

// crNote reads the note of a ClaimReview: verdict, rationale, evidence and
// times.
func (r *importBuilder) crNote(path string, m map[string]any) (annotate.Note, error) {
	n := annotate.Note{}
	id, _ := m["@id"].(string)
	if id == "" {
		id, _ = m["url"].(string)
	}
	if id == "" {
		data, _ := json.Marshal(m)
		id = string(data)
	}
	n.ID = crID(id)
	if first, ok := r.ids[n.ID]; ok {
		return n, annotate.Errorf(annotate.EINVALID, "%s: review %s appears twice (first at %s)", pathOr(path, "the review"), n.ID, first)
	}
	r.ids[n.ID] = pathOr(path, "the review")
	n.Origin = annotate.Manual
	var err error
	published, err := optTime(m, path, "datePublished", r.now)
	if err != nil {
		return n, err
	}
	if n.Created, err = optTime(m, path, "dateCreated", published); err != nil {
		return n, err
	}
	if n.Modified, err = optTime(m, path, "dateModified", n.Created); err != nil {
		return n, err
	}
	if n.Modified.Before(n.Created) {
		n.Modified = n.Created
	}
	rating, ok := m["reviewRating"].(map[string]any)
	if !ok {
		return n, annotate.Errorf(annotate.EINVALID, "%s: is missing or not a Rating; a ClaimReview needs its verdict", join(path, "reviewRating"))
	}
	if err := checkRating(join(path, "reviewRating"), rating); err != nil {
		return n, err
	}
	verdict := strings.TrimSpace(firstString(rating, "alternateName", "name"))
	if verdict == "" {
		return n, annotate.Errorf(annotate.EINVALID, "%s: has no alternateName, the verdict", join(path, "reviewRating"))
	}
	var texts []string
	if r.scale.Has(verdict) {
		n.Verdict = verdict
	} else {
		texts = append(texts, "Rating: "+verdict)
	}
	if body, err := optString(m, path, "reviewBody"); err != nil {
		return n, err
	} else if body != "" {
		texts = append(texts, body)
	}
	n.Rationale = strings.Join(texts, "\n\n")
	for _, c := range listOf(m["citation"]) {
		if e := crEvidence(c); e != nil {
			n.Sources = append(n.Sources, *e)
		}
	}
	return n, nil
}

// checkRating checks a Rating's numbers, which Factmark does not keep (the
// verdict is its alternateName) but which must make sense if the file is
// to be trusted: each a finite number (or a string of one, as publishers
// write them), worstRating ≤ bestRating, and ratingValue between them.
// Missing bounds are schema.org's defaults, 1 and 5.
func checkRating(path string, rating map[string]any) error {
	value, hasValue, err := ratingNumber(path, rating, "ratingValue")
	if err != nil {
		return err
	}
	best, hasBest, err := ratingNumber(path, rating, "bestRating")
	if err != nil {
		return err
	}
	worst, hasWorst, err := ratingNumber(path, rating, "worstRating")
	if err != nil {
		return err
	}
	if !hasBest {
		best = 5
	}
	if !hasWorst {
		worst = 1
	}
	switch {
	case best < worst:
		return annotate.Errorf(annotate.EINVALID, "%s: %v is below worstRating %v", join(path, "bestRating"), best, worst)
	case hasValue && (value < worst || value > best):
		return annotate.Errorf(annotate.EINVALID, "%s: %v is not between worstRating %v and bestRating %v", join(path, "ratingValue"), value, worst, best)
	}
	return nil
}

// ratingNumber reads rating[key]: a JSON number or a string of one, finite.
func ratingNumber(path string, rating map[string]any, key string) (float64, bool, error) {
	var f float64
	switch v := rating[key].(type) {
	case nil:
		return 0, false, nil
	case float64:
		f = v
	case string:
		var err error
		if f, err = strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil && !math.IsInf(f, 0) {
			return 0, false, annotate.Errorf(annotate.EINVALID, "%s: %q is not a number", join(path, key), annotate.Clip(v))
		}
	default:
		return 0, false, annotate.Errorf(annotate.EINVALID, "%s: must be a number, not %s", join(path, key), jsonKindOf(v))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, annotate.Errorf(annotate.EINVALID, "%s: %v is not a finite number", join(path, key), f)
	}
	return f, true, nil
}

// crAppearance is the IRI of the article a reviewed claim appears in.
func crAppearance(item map[string]any) string {
	for _, k := range []string{"appearance", "firstAppearance"} {
		for _, v := range listOf(item[k]) {
			switch v := v.(type) {
			case string:
				return v
			case map[string]any:
				if s := firstString(v, "url", "@id"); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// crEvidence reads a citation: a URL, or a CreativeWork.
func crEvidence(v any) *annotate.Evidence {
	switch v := v.(type) {
	case string:
		if isWebURL(v) {
			return &annotate.Evidence{URL: v}
		}
		if strings.TrimSpace(v) != "" {
			return &annotate.Evidence{Title: v}
		}
	case map[string]any:
		e := annotate.Evidence{Title: firstString(v, "name", "headline")}
		if u := firstString(v, "url"); isWebURL(u) {
			e.URL = u
		}
		if p, ok := v["publisher"]; ok {
			e.Publisher = agentName(p)
		}
		if e.URL != "" || strings.TrimSpace(e.Title) != "" {
			return &e
		}
	}
	return nil
}

// anchorPieces finds the pieces of a claim in order: each by AnchorQuote,
// the ones after the first near where the one before ended.
func anchorPieces(text *annotate.Text, pieces []string) ([]annotate.Anchor, bool) {
	anchors := make([]annotate.Anchor, 0, len(pieces))
	hint := -1
	for _, p := range pieces {
		a, ok := annotate.AnchorQuote(text, p, "", "", hint)
		if !ok {
			return nil, false
		}
		anchors = append(anchors, a)
		hint = a.End
	}
	return anchors, true
}
