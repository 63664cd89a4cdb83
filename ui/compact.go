package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// compactAnnotations gives the open article's annotations strings of their
// own. The store cuts each annotation's strings out of the row it read (one
// joined text of the columns and the JSON body, store/rows_joined.go), so
// one ID or one quote the desk keeps holds the whole row: 3.6 MB of rows for
// 10k annotations. Quotes (exact, prefix, suffix) that are the article's
// text at their offsets become slices of the text, which the desk holds
// anyway; values many annotations repeat (the article, authors, speakers,
// kinds, statuses) are shared; the rest is copied. Notes' sources, read from
// rows of their own, are left as they are. The three lists get arrays of
// their own length: the store grows them by doubling, which leaves up to
// half of each unused (0.6 MB of 3.2 at 10k annotations).
func compactAnnotations(ann *annotate.Annotations, text *annotate.Text) {
	ann.Attributions = fitted(ann.Attributions)
	ann.Claims = fitted(ann.Claims)
	ann.Notes = fitted(ann.Notes)
	c := compactor{text: text, known: map[string]string{}}
	for i := range ann.Attributions {
		a := &ann.Attributions[i]
		c.meta(&a.Meta)
		c.optionalAnchor(a.Source)
		c.optionalAnchor(a.Cue)
		c.anchors(a.Content)
		a.SpeakerID = c.shared(a.SpeakerID)
		a.Kind = annotate.Kind(c.shared(string(a.Kind)))
	}
	for i := range ann.Claims {
		c.claim(&ann.Claims[i])
	}
	for i := range ann.Notes {
		n := &ann.Notes[i]
		c.meta(&n.Meta)
		n.ClaimID = strings.Clone(n.ClaimID)
		c.optionalAnchor(n.Target)
		n.Verdict = c.shared(n.Verdict)
		n.Rationale = strings.Clone(n.Rationale)
	}
}

// fitted returns list in an array of its own length when more than an
// eighth of its capacity is unused, else list itself; an empty list keeps
// its nil or empty kind, not its array.
func fitted[T any](list []T) []T {
	switch {
	case cap(list)-len(list) <= len(list)/8:
		return list
	case len(list) == 0:
		return make([]T, 0)
	}
	return slices.Clone(list)
}

// compactor copies or shares the strings of one article's annotations.
type compactor struct {
	text  *annotate.Text
	known map[string]string // the shared copies, by value
}

// shared returns the one copy of s the article's annotations share.
func (c *compactor) shared(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := c.known[s]; ok {
		return v
	}
	v := strings.Clone(s)
	c.known[v] = v
	return v
}

func (c *compactor) meta(m *annotate.Meta) {
	m.ID = strings.Clone(m.ID)
	m.ArticleID = c.shared(m.ArticleID)
	m.Author = c.shared(m.Author)
	m.Origin = annotate.Origin(c.shared(string(m.Origin)))
	if m.Placement != nil {
		m.Placement.Method = c.shared(m.Placement.Method)
	}
}

func (c *compactor) claim(cl *annotate.Claim) {
	c.meta(&cl.Meta)
	c.anchors(cl.Anchors)
	cl.SpeakerID = c.shared(cl.SpeakerID)
	cl.AttributionID = strings.Clone(cl.AttributionID)
	cl.WorthinessOrigin = annotate.Origin(c.shared(string(cl.WorthinessOrigin)))
	cl.Status = annotate.Status(c.shared(string(cl.Status)))
	for i := range cl.Tags {
		cl.Tags[i] = c.shared(cl.Tags[i])
	}
	cl.ReviewURL = strings.Clone(cl.ReviewURL)
	for i := range cl.CheckedBefore {
		cl.CheckedBefore[i] = strings.Clone(cl.CheckedBefore[i])
	}
	for i := range cl.Approvals {
		a := &cl.Approvals[i]
		a.Reviewer = c.shared(a.Reviewer)
		a.Hash = strings.Clone(a.Hash)
		a.WithdrawnWhy = strings.Clone(a.WithdrawnWhy)
	}
	for i := range cl.Corrections {
		k := &cl.Corrections[i]
		k.Author = c.shared(k.Author)
		k.What = strings.Clone(k.What)
		k.Why = strings.Clone(k.Why)
	}
}

func (c *compactor) anchors(as []annotate.Anchor) {
	for i := range as {
		c.anchor(&as[i])
	}
}

func (c *compactor) optionalAnchor(a *annotate.Anchor) {
	if a != nil {
		c.anchor(a)
	}
}

// anchor makes the quotes slices of the text where they are the text at the
// anchor's offsets (an orphan's are not), copies otherwise.
func (c *compactor) anchor(a *annotate.Anchor) {
	n := c.text.Len()
	if a.Start < 0 || a.Start > a.End || a.End > n {
		a.Exact, a.Prefix, a.Suffix = strings.Clone(a.Exact), strings.Clone(a.Prefix), strings.Clone(a.Suffix)
		return
	}
	a.Exact = c.inText(a.Exact, a.Start, a.End)
	if p := a.Start - utf8.RuneCountInString(a.Prefix); p >= 0 {
		a.Prefix = c.inText(a.Prefix, p, a.Start)
	} else {
		a.Prefix = strings.Clone(a.Prefix)
	}
	if e := a.End + utf8.RuneCountInString(a.Suffix); e <= n {
		a.Suffix = c.inText(a.Suffix, a.End, e)
	} else {
		a.Suffix = strings.Clone(a.Suffix)
	}
}

// inText returns the text's code points [start, end) if they are s, else a
// copy of s.
func (c *compactor) inText(s string, start, end int) string {
	if s == "" {
		return ""
	}
	if t := c.text.Slice(start, end); t == s {
		return t
	}
	return strings.Clone(s)
}
