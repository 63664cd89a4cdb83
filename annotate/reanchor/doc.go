// Package reanchor carries annotations from one revision of an article's
// text onto the next: it owns the word diff between two revisions, the
// mapping of an anchor through it, the check of the mapped span against the
// anchor's quote and context, the approximate search (bit-parallel Myers)
// for anchors the diff cannot place, and the decision that an anchor is an
// orphan rather than attached to other words.
//
// It is pure domain code: it reads annotate.Text and annotate.Anchor and
// returns placements; storing revisions, recording how each annotation was
// placed and showing orphans belong to the store and the desk. Build one
// Mapper per pair of texts (New) and call Place for every anchor; for an
// attribution, PlaceAttribution places every piece and says which were lost.
//
// Subpackage eval scores placements on the shared/reanchor datasets as
// their score.py does, and cmd/reanchor-eval prints those figures for a
// dataset file.
//
// Offsets are Unicode code points into NFC text, as everywhere in annotate.
package reanchor
