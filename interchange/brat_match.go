package interchange

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// matchStored gives each attribution and claim of ad that has the spans of
// a stored annotation of the same kind that annotation's ID, creation time,
// author and origin, one to one in text order, and points claims at their
// attributions' new IDs. The store then updates the stored annotation (when
// the file is newer than its last change) instead of adding a copy.
func matchStored(ad *annotate.ArticleDoc, stored *annotate.Annotations) {
	free := map[string][]annotate.Meta{}
	for _, a := range stored.Attributions {
		k := attributionSpans(&a)
		free[k] = append(free[k], a.Meta)
	}
	for _, c := range stored.Claims {
		k := claimSpans(&c)
		free[k] = append(free[k], c.Meta)
	}
	take := func(k string, m *annotate.Meta) (old string, ok bool) {
		if len(free[k]) == 0 {
			return "", false
		}
		s := free[k][0]
		free[k] = free[k][1:]
		old = m.ID
		m.ID, m.Created, m.Author, m.Origin = s.ID, s.Created, s.Author, s.Origin
		if m.Modified.Before(m.Created) { // a file older than the annotation: the store keeps its version
			m.Modified = m.Created
		}
		return old, true
	}
	renamed := map[string]string{}
	for i := range ad.Attributions {
		a := &ad.Attributions[i]
		if old, ok := take(attributionSpans(a), &a.Meta); ok {
			renamed[old] = a.ID
		}
	}
	for i := range ad.Claims {
		c := &ad.Claims[i]
		take(claimSpans(c), &c.Meta)
		if id, ok := renamed[c.AttributionID]; ok {
			c.AttributionID = id
		}
	}
}

// attributionSpans and claimSpans are an annotation's identity in a format
// without IDs: its kind and the code-point ranges of its spans by role.
func attributionSpans(a *annotate.Attribution) string {
	var b strings.Builder
	b.WriteString("attribution")
	for _, p := range []*annotate.Anchor{a.Source, a.Cue} {
		b.WriteString(" |")
		if p != nil {
			writeRanges(&b, []annotate.Anchor{*p})
		}
	}
	b.WriteString(" |")
	writeRanges(&b, a.Content)
	return b.String()
}

func claimSpans(c *annotate.Claim) string {
	var b strings.Builder
	b.WriteString("claim |")
	writeRanges(&b, c.Anchors)
	return b.String()
}

// writeRanges writes the anchors' ranges in text order, so that the pieces
// of a content match whatever order a file lists them in.
func writeRanges(b *strings.Builder, as []annotate.Anchor) {
	rs := make([][2]int, len(as))
	for i, a := range as {
		rs[i] = [2]int{a.Start, a.End}
	}
	slices.SortFunc(rs, func(x, y [2]int) int { return cmp.Or(x[0]-y[0], x[1]-y[1]) })
	for _, r := range rs {
		fmt.Fprintf(b, " %d-%d", r[0], r[1])
	}
}
