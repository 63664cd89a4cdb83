package interchange

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/reanchor"
	"github.com/factmark/factmark/interchange/transcript"
)

// Revised says what importing a new revision of an article did: how each
// annotation was placed on it, which lost their text (orphans, kept with
// their old quote on no text) and which lost only some parts.
type Revised struct {
	// Same is set when the file's text is the article's current text:
	// nothing changed.
	Same     bool
	Revision int            // the new revision's number
	Methods  map[string]int // annotations by how they were placed (annotate.Placed*)
	// Orphans lists each annotation that lost its text, with its quote;
	// Lost each one that kept some parts and lost others, naming them.
	Orphans []string
	Lost    []string
}

// importRevision reads a file of article text as the next revision of the
// article opts.RevisionOf, re-anchors every annotation on it and stores both
// in one transaction (ReviseArticle).
func importRevision(ctx context.Context, s Store, kind Format, name string, data []byte, opts ImportOptions) (*Report, error) {
	art, err := s.Articles.FindArticleByID(ctx, opts.RevisionOf)
	if annotate.ErrorCode(err) == annotate.ENOTFOUND {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s in the project to add a revision to; `factmark list` shows the articles' IDs", annotate.Clip(opts.RevisionOf))
	} else if err != nil {
		return nil, err
	}
	ex, err := extractChecked(kind, name, data)
	if err != nil {
		return nil, err
	}
	r := &Report{Name: name, Format: kind, Article: art, Revised: &Revised{}}
	if annotate.TextHash(ex.Text) == art.SHA256 {
		r.Revised.Same = true
		return r, nil
	}
	revs, err := s.Articles.FindRevisions(ctx, art.ID)
	if err != nil {
		return nil, err
	}
	ann, err := s.Annotations.FindAnnotations(ctx, art.ID)
	if err != nil {
		return nil, err
	}
	rev := annotate.Revision{Number: len(revs) + 1, Text: ex.Text, SHA256: annotate.TextHash(ex.Text),
		Created: now(opts).UTC(), Pages: ex.Pages, Turns: revisionTurns(kind, ex, art, opts)}
	rev.Source, rev.SourceData = sourceFile(kind, name, data)
	m := reanchor.New(annotate.NewText(art.Text), annotate.NewText(ex.Text))
	r.Revised = Reanchor(m, rev.Number, ann)
	if err := s.Articles.ReviseArticle(ctx, art.ID, rev, ann); err != nil {
		return nil, err
	}
	if r.Article, err = s.Articles.FindArticleByID(ctx, art.ID); err != nil {
		return nil, err
	}
	return r, nil
}

// revisionTurns are the new text's turns, each speaker matched by its label
// to the speaker the old text's turns had.
func revisionTurns(kind Format, ex *annotate.Extracted, old *annotate.Article, opts ImportOptions) []annotate.Turn {
	turns := ex.Turns
	if kind == FormatText && opts.Turns == TurnsDetect {
		turns, _ = transcript.DetectTurns(ex.Text)
	}
	if opts.Turns == TurnsNone || len(turns) == 0 {
		return nil
	}
	ids := map[string]string{}
	for _, t := range old.Turns {
		if t.SpeakerID != "" {
			ids[t.Speaker] = t.SpeakerID
		}
	}
	for i := range turns {
		turns[i].SpeakerID = ids[turns[i].Speaker]
	}
	return turns
}

// Reanchor places every annotation of ann on m's new text, in place: each
// gets its Placement on revision number, and one that lost its text is
// marked an orphan and keeps its old anchors. An attribution keeps every
// part that survives (losing only its cue, say); a claim every piece. The
// result counts and lists what happened.
func Reanchor(m *reanchor.Mapper, revision int, ann *annotate.Annotations) *Revised {
	out := &Revised{Revision: revision, Methods: map[string]int{}}
	for i := range ann.Attributions {
		out.attribution(m, revision, &ann.Attributions[i])
	}
	for i := range ann.Claims {
		out.claim(m, revision, &ann.Claims[i])
	}
	for i := range ann.Notes {
		out.note(m, revision, &ann.Notes[i])
	}
	return out
}

func (r *Revised) attribution(m *reanchor.Mapper, revision int, a *annotate.Attribution) {
	if a.Orphan {
		r.orphan(&a.Meta, revision, "attribution", a.Content[0].Exact)
		return
	}
	p := m.PlaceAttribution(*a)
	if p.Orphan() {
		r.orphan(&a.Meta, revision, "attribution", a.Content[0].Exact)
		return
	}
	parts := append([]reanchor.Placement(nil), p.Content...)
	for _, q := range []*reanchor.Placement{p.Source, p.Cue} {
		if q != nil {
			parts = append(parts, *q)
		}
	}
	meta := a.Meta
	*a = p.Attribution
	a.Meta = meta
	r.placed(&a.Meta, revision, parts)
	if len(p.Lost) > 0 {
		r.Lost = append(r.Lost, fmt.Sprintf("attribution %s “%s” lost its %s; it keeps the rest",
			a.ID, annotate.Clip(a.Content[0].Exact), strings.Join(p.Lost, ", ")))
	}
}

func (r *Revised) claim(m *reanchor.Mapper, revision int, c *annotate.Claim) {
	if c.Orphan {
		r.orphan(&c.Meta, revision, "claim", c.Anchors[0].Exact)
		return
	}
	ps := m.PlaceAll(c.Anchors)
	var kept []annotate.Anchor
	var lost []string
	for i, p := range ps {
		if p.IsOrphan() {
			lost = append(lost, fmt.Sprintf("piece %d", i+1))
		} else {
			kept = append(kept, p.Anchor)
		}
	}
	if len(kept) == 0 {
		r.orphan(&c.Meta, revision, "claim", c.Anchors[0].Exact)
		return
	}
	c.Anchors = kept
	r.placed(&c.Meta, revision, ps)
	if len(lost) > 0 {
		r.Lost = append(r.Lost, fmt.Sprintf("claim %s “%s” lost its %s; it keeps the rest",
			c.ID, annotate.Clip(kept[0].Exact), strings.Join(lost, ", ")))
	}
}

// note places a note's target; a note on a claim goes where its claim goes.
func (r *Revised) note(m *reanchor.Mapper, revision int, n *annotate.Note) {
	if n.Target == nil {
		return
	}
	if n.Orphan {
		r.orphan(&n.Meta, revision, "note", n.Target.Exact)
		return
	}
	p := m.Place(*n.Target)
	if p.IsOrphan() {
		r.orphan(&n.Meta, revision, "note", n.Target.Exact)
		return
	}
	n.Target = &p.Anchor
	r.placed(&n.Meta, revision, []reanchor.Placement{p})
}

// placed records the placement of an annotation from those of its parts
// that kept their text: the least certain method, the lowest score.
func (r *Revised) placed(meta *annotate.Meta, revision int, parts []reanchor.Placement) {
	rank := map[reanchor.Method]int{reanchor.Exact: 0, reanchor.Diff: 1, reanchor.Fuzzy: 2}
	worst, score := reanchor.Exact, 1.0
	for _, p := range parts {
		if p.IsOrphan() {
			continue
		}
		if rank[p.Method] > rank[worst] {
			worst = p.Method
		}
		score = min(score, p.Score)
	}
	meta.Placement = &annotate.Placement{Revision: revision, Method: string(worst), Score: max(0, score)}
	meta.Orphan = false
	r.Methods[string(worst)]++
}

// orphan marks an annotation whose text is gone: it keeps its anchors.
func (r *Revised) orphan(meta *annotate.Meta, revision int, kind, quote string) {
	meta.Placement = &annotate.Placement{Revision: revision, Method: annotate.PlacedOrphan}
	meta.Orphan = true
	r.Methods[annotate.PlacedOrphan]++
	r.Orphans = append(r.Orphans, fmt.Sprintf("%s %s “%s”", kind, meta.ID, annotate.Clip(quote)))
}

// lines is what importing the revision did, as people read it: a summary,
// then each orphan and each annotation that lost a part, indented.
func (r *Revised) lines(a *annotate.Article) []string {
	if r.Same {
		return []string{fmt.Sprintf("unchanged %s %s: the file's text is its current text; nothing was changed", a.ID, a.Title)}
	}
	var counts []string
	total := 0
	for _, m := range []string{annotate.PlacedExact, annotate.PlacedDiff, annotate.PlacedFuzzy, annotate.PlacedOrphan} {
		counts = append(counts, fmt.Sprintf("%d %s", r.Methods[m], m))
		total += r.Methods[m]
	}
	lines := []string{fmt.Sprintf("revised %s %s: revision %d, %s re-anchored (%s)",
		a.ID, a.Title, r.Revision, howMany(total, "annotation"), strings.Join(counts, ", "))}
	if len(r.Orphans) > 0 {
		lost := fmt.Sprintf("%s annotations lost their text and are orphans, kept with their old quote:", grouped(len(r.Orphans)))
		if len(r.Orphans) == 1 {
			lost = "1 annotation lost its text and is an orphan, kept with its old quote:"
		}
		lines = append(lines, lost)
		for _, o := range r.Orphans {
			lines = append(lines, "  "+o)
		}
	}
	if len(r.Lost) > 0 {
		lost := fmt.Sprintf("%s annotations lost part of their text:", grouped(len(r.Lost)))
		if len(r.Lost) == 1 {
			lost = "1 annotation lost part of its text:"
		}
		lines = append(lines, lost)
		for _, l := range r.Lost {
			lines = append(lines, "  "+l)
		}
	}
	return lines
}

// ProposeRevisionOf finds the article a newly extracted text is most likely
// a new revision of, among a few candidates, so that an import never reads
// every text of the project: those the store finds by an indexed lookup
// (FindArticleCandidates: the same URL, or a title that is ex's title or
// its text's first line) and the recentCandidates most recently opened or
// imported (a corrected headline, say, of an article being worked on). It
// is one with the same URL (share 1), or else the one whose text shares the
// most of ex's word shingles (runs of shingleWords words), when that is at
// least half of them. "" when none is; share is the best share found
// either way. An older article whose title and first line both changed,
// without a URL, is not found: its import makes a new article.
func ProposeRevisionOf(ctx context.Context, s Store, ex *annotate.Extracted) (articleID string, share float64, err error) {
	u := strings.TrimSpace(ex.Meta.URL)
	ids, err := revisionCandidates(ctx, s.Articles, u, ex)
	if err != nil {
		return "", 0, err
	}
	hash := annotate.TextHash(ex.Text)
	list := make([]*annotate.Article, 0, len(ids))
	for _, id := range ids {
		a, err := s.Articles.FindArticleByID(ctx, id)
		if err != nil {
			return "", 0, err
		}
		if u != "" && a.URL == u && a.SHA256 != hash {
			return a.ID, 1, nil
		}
		list = append(list, a)
	}
	best, share := mostShared(ex.Text, hash, list)
	if share < 0.5 {
		best = ""
	}
	return best, share, nil
}

// recentCandidates is how many of the most recently opened or imported
// articles a proposal compares besides those found by URL and title.
const recentCandidates = 10

// revisionCandidates are the IDs of the articles ProposeRevisionOf compares:
// those with the URL or title first (the URL's decide), then the recent.
func revisionCandidates(ctx context.Context, s annotate.ArticleService, url string, ex *annotate.Extracted) ([]string, error) {
	ids, err := s.FindArticleCandidates(ctx, url, ex.Meta.Title, annotate.TitleFromText(ex.Text))
	if err != nil {
		return nil, err
	}
	recent, _, err := s.FindArticlesPage(ctx, "", 0, recentCandidates)
	if err != nil {
		return nil, err
	}
	for _, r := range recent {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// mostShared is the article of list whose text shares the most of text's
// shingles, and that share; an article with the text itself (hash) is not
// a revision of it.
func mostShared(text, hash string, list []*annotate.Article) (best string, share float64) {
	mine := map[uint64]int{} // the new text's shingles → the last article that had it, +1
	eachShingle(text, func(h uint64) { mine[h] = 0 })
	if len(mine) == 0 {
		return "", 0
	}
	for i, a := range list {
		if a.SHA256 == hash {
			continue // the same text: importing it finds the article, no revision
		}
		n := 0
		eachShingle(a.Text, func(h uint64) {
			if last, ok := mine[h]; ok && last != i+1 {
				mine[h] = i + 1
				n++
			}
		})
		if f := float64(n) / float64(len(mine)); f > share {
			best, share = a.ID, f
		}
	}
	return best, share
}

const shingleWords = 5

// eachShingle calls f with the hash of each run of shingleWords words of
// text (lower-cased), or of all its words when it has fewer. Hashes, not
// strings: a 1 MB text has some 170,000 shingles.
func eachShingle(text string, f func(uint64)) {
	var ring [shingleWords]uint64
	n := 0
	for _, w := range strings.Fields(text) {
		ring[n%shingleWords] = wordHash(w)
		n++
		if n >= shingleWords {
			f(windowHash(&ring, n))
		}
	}
	if n > 0 && n < shingleWords {
		f(windowHash(&ring, n))
	}
}

// windowHash combines the last min(n, shingleWords) word hashes, in order.
func windowHash(ring *[shingleWords]uint64, n int) uint64 {
	h := uint64(14695981039346656037)
	for k := max(0, n-shingleWords); k < n; k++ {
		h = (h ^ ring[k%shingleWords]) * 1099511628211
	}
	return h
}

// wordHash is FNV-1a of the word, lower-cased.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range strings.ToLower(w) {
		h = (h ^ uint64(r)) * 1099511628211
	}
	return h
}

// WithoutOrphans is doc without its orphans, for the exports that point at
// the text (W3C, ClaimReview, CSV, brat): an orphan's anchors are on no text
// of its article, so those formats have no place for it. Notes on an orphan
// claim go with it, and a claim from an orphan attribution loses the link.
// The native document keeps orphans ("orphan": true). doc is not changed;
// without orphans it is returned as it is.
func WithoutOrphans(doc *annotate.Document) *annotate.Document {
	if !hasOrphans(doc) {
		return doc
	}
	out := *doc
	out.Articles = make([]annotate.ArticleDoc, len(doc.Articles))
	for i := range doc.Articles {
		a := doc.Articles[i]
		gone := map[string]bool{}
		a.Attributions = keep(a.Attributions, func(x *annotate.Attribution) bool { gone[x.ID] = x.Orphan; return !x.Orphan })
		var claims []annotate.Claim
		for _, c := range a.Claims {
			if c.Orphan {
				gone[c.ID] = true
				continue
			}
			if gone[c.AttributionID] {
				c.AttributionID = ""
			}
			claims = append(claims, c)
		}
		a.Claims = nonNilList(claims)
		a.Notes = keep(a.Notes, func(n *annotate.Note) bool {
			gone[n.ID] = n.Orphan || gone[n.ClaimID]
			return !gone[n.ID]
		})
		if len(a.Comments) > 0 { // the threads on what is left out go with it
			a.Comments = slices.DeleteFunc(slices.Clone(a.Comments), func(c annotate.Comment) bool { return gone[c.AnnotationID] })
		}
		out.Articles[i] = a
	}
	return &out
}

func hasOrphans(doc *annotate.Document) bool {
	for i := range doc.Articles {
		a := &doc.Articles[i]
		for j := range a.Attributions {
			if a.Attributions[j].Orphan {
				return true
			}
		}
		for j := range a.Claims {
			if a.Claims[j].Orphan {
				return true
			}
		}
		for j := range a.Notes {
			if a.Notes[j].Orphan {
				return true
			}
		}
	}
	return false
}

// keep is the elements of list for which ok is true, in a new list.
func keep[T any](list []T, ok func(*T) bool) []T {
	out := []T{}
	for i := range list {
		if ok(&list[i]) {
			out = append(out, list[i])
		}
	}
	return out
}

func nonNilList[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
