package annotate

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// The versions of the native JSON document. A reader that meets another
// value refuses the document rather than guess.
//
// factmark/2 adds to each article where its text came from: the pages of a
// PDF, the turns of a transcript and the source file. factmark/1 readers
// refuse fields they do not know, so a document is written as factmark/1
// whenever it has none of them (every project of plain texts, which older
// Factmarks keep reading), and as factmark/2 otherwise, which they refuse
// by its version rather than by an unknown field. An article's revisions and
// each annotation's placement and orphan mark (issue 12) are optional fields
// of factmark/2, added before any factmark/2 reader shipped without them.
const (
	NativeFormat   = "factmark/2" // the latest version, read and written
	NativeFormatV1 = "factmark/1" // the first, still read, and written when it suffices
)

// Document is the native JSON export: everything needed to rebuild the
// project's annotations elsewhere, lossless. Its JSON Schemas are
// interchange/schema/factmark-1.schema.json and factmark-2.schema.json.
type Document struct {
	Format   string       `json:"format"`
	Scale    Scale        `json:"scale"`
	Speakers []Speaker    `json:"speakers"`
	Articles []ArticleDoc `json:"articles"`
	// Audit is the change log of what the document holds, oldest first
	// (issue 13); importing it appends the entries a project lacks.
	Audit []AuditEntry `json:"audit,omitempty"`
}

// ArticleDoc is one article of a Document with its annotations.
type ArticleDoc struct {
	Article
	// Revisions are the article's revisions, oldest first, the last the
	// current one (Article.Text); nil when it has only its imported text.
	Revisions    []Revision    `json:"revisions,omitempty"`
	Attributions []Attribution `json:"attributions"`
	Claims       []Claim       `json:"claims"`
	Notes        []Note        `json:"notes"`
	// Comments are the threads on the article's annotations, oldest first.
	Comments []Comment `json:"comments,omitempty"`
}

// NeededFormat is the earliest version that holds the document:
// NativeFormatV1 unless an article has pages, turns or a source file, a
// claim has its own review URL, the scale has more than names and values
// (explanations, a preset, a version, retired labels, conclusions), or the
// document has the fact-check workflow's records (an audit log, or see
// ArticleDoc.hasWorkflow).
func (d *Document) NeededFormat() string {
	if !d.Scale.Plain() || len(d.Audit) > 0 {
		return NativeFormat
	}
	for i := range d.Articles {
		if a := &d.Articles[i]; a.hasProvenance() || a.hasRevisions() || a.hasReviewURL() || a.hasWorkflow() {
			return NativeFormat
		}
	}
	return NativeFormatV1
}

// hasRevisions reports whether the article has revisions, or an annotation
// placed on one, which factmark/1 documents cannot hold.
func (a *ArticleDoc) hasRevisions() bool {
	if len(a.Revisions) > 0 {
		return true
	}
	for i := range a.Attributions {
		if a.Attributions[i].Placement != nil || a.Attributions[i].Orphan {
			return true
		}
	}
	for i := range a.Claims {
		if a.Claims[i].Placement != nil || a.Claims[i].Orphan {
			return true
		}
	}
	for i := range a.Notes {
		if a.Notes[i].Placement != nil || a.Notes[i].Orphan {
			return true
		}
	}
	return false
}

// hasProvenance reports whether the article says where its text came from,
// which factmark/1 documents cannot.
func (a *Article) hasProvenance() bool {
	return len(a.Pages) > 0 || len(a.Turns) > 0 || a.Source != nil
}

// hasReviewURL reports whether a claim of the article has its own review
// URL, which factmark/1 documents cannot hold.
func (a *ArticleDoc) hasReviewURL() bool {
	for i := range a.Claims {
		if a.Claims[i].ReviewURL != "" {
			return true
		}
	}
	return false
}

// Sort puts the document in its canonical order, so that the same project
// always exports to the same bytes: speakers by name, articles by import time,
// annotations in text order; IDs break ties.
func (d *Document) Sort() {
	sort.Slice(d.Speakers, func(i, j int) bool {
		a, b := d.Speakers[i], d.Speakers[j]
		return a.Name < b.Name || a.Name == b.Name && a.ID < b.ID
	})
	sort.Slice(d.Articles, func(i, j int) bool {
		a, b := d.Articles[i], d.Articles[j]
		return a.ImportedAt.Before(b.ImportedAt) || a.ImportedAt.Equal(b.ImportedAt) && a.ID < b.ID
	})
	for i := range d.Articles {
		d.Articles[i].sort()
	}
}

func (a *ArticleDoc) sort() {
	SortAttributions(a.Attributions)
	SortClaims(a.Claims)
	SortNotes(a.Notes, a.Claims)
}

// SortAttributions puts attributions in text order.
func SortAttributions(as []Attribution) {
	sortByStart(as, func(a *Attribution) (int, string) { return a.Start(), a.ID })
}

// SortClaims puts claims in text order.
func SortClaims(cs []Claim) {
	sortByStart(cs, func(c *Claim) (int, string) { return c.Start(), c.ID })
}

// SortNotes puts notes in text order: a note on a claim stands where the claim
// starts.
func SortNotes(ns []Note, claims []Claim) {
	starts := make(map[string]int, len(claims))
	for i := range claims {
		starts[claims[i].ID] = claims[i].Start()
	}
	sortByStart(ns, func(n *Note) (int, string) {
		if n.Target != nil {
			return n.Target.Start, n.ID
		}
		return starts[n.ClaimID], n.ID
	})
}

// sortByStart sorts xs by start, then ID (key gives both). The annotations
// are large structs, so it sorts small keys and moves each annotation once,
// and not at all when they are in order already, as the store mostly
// returns them.
func sortByStart[T any](xs []T, key func(*T) (int, string)) {
	type k struct {
		start int
		id    string
		i     int
	}
	keys := make([]k, len(xs))
	for i := range xs {
		keys[i].start, keys[i].id = key(&xs[i])
		keys[i].i = i
	}
	byKey := func(a, b k) int { // the IDs only at equal starts: cmp.Or would compare them every time
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	}
	if slices.IsSortedFunc(keys, byKey) {
		return
	}
	slices.SortFunc(keys, byKey)
	out := make([]T, len(xs))
	for j, kk := range keys {
		out[j] = xs[kk.i]
	}
	copy(xs, out)
}

// Count returns the number of annotations in the document.
func (d *Document) Count() int {
	n := 0
	for i := range d.Articles {
		a := &d.Articles[i]
		n += len(a.Attributions) + len(a.Claims) + len(a.Notes)
	}
	return n
}
