package textview

import (
	"cmp"
	"slices"
	"sort"
)

// maxLanes caps how many bands overlapping highlights split a line into;
// beyond it bands share lanes (they are translucent, so both still show).
const maxLanes = 4

// hlEntry is a highlight and its place in drawing order: its position in
// the caller's slice, or after every other for one set by SetHighlightsFor.
type hlEntry struct {
	Highlight
	order int
}

// hlKey is what an entry is sorted by, unique since orders are.
type hlKey struct{ start, end, order int }

func (e *hlEntry) key() hlKey { return hlKey{e.Start, e.End, e.order} }

func compareKeys(a, b hlKey) int {
	return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.order, b.order))
}

// hlIndex finds the highlights overlapping a range: sorted by start, with the
// running maximum of the ends, a range query is a binary search for the
// first highlight starting after the range and a scan back while the running
// maximum still reaches into it. groups finds a group's entries again, so
// that replacing one group costs a few binary searches and one pass over
// the running maxima, not a sort of every highlight.
type hlIndex struct {
	hs     []hlEntry
	maxEnd []int
	groups map[string][]hlKey
	next   int // the order of the next highlight added
}

// newHLIndex indexes hs, dropping empty ranges.
func newHLIndex(hs []Highlight) hlIndex {
	x := hlIndex{hs: make([]hlEntry, 0, len(hs)), groups: map[string][]hlKey{}, next: len(hs)}
	for i, h := range hs {
		if h.End > h.Start {
			x.hs = append(x.hs, hlEntry{h, i})
		}
	}
	slices.SortFunc(x.hs, func(a, b hlEntry) int { return compareKeys(a.key(), b.key()) })
	for i := range x.hs {
		g := x.hs[i].Group
		x.groups[g] = append(x.groups[g], x.hs[i].key())
	}
	x.maxEnd = make([]int, len(x.hs))
	x.fixMaxEnd(0)
	return x
}

// fixMaxEnd recomputes the running maxima from entry i on.
func (x *hlIndex) fixMaxEnd(i int) {
	x.maxEnd = slices.Grow(x.maxEnd[:min(i, len(x.maxEnd))], len(x.hs)-i)[:len(x.hs)]
	m := 0
	if i > 0 {
		m = x.maxEnd[i-1]
	}
	for ; i < len(x.hs); i++ {
		m = max(m, x.hs[i].End)
		x.maxEnd[i] = m
	}
}

// search is where an entry with the key is, or would be inserted.
func (x *hlIndex) search(k hlKey) int {
	i, _ := slices.BinarySearchFunc(x.hs, k, func(e hlEntry, k hlKey) int { return compareKeys(e.key(), k) })
	return i
}

// setGroup replaces the highlights of the group with hs (none: removes it)
// and reports whether that changed anything: the same highlights again
// (typing in a note leaves its span) are left where they are.
func (x *hlIndex) setGroup(group string, hs []Highlight) bool {
	if x.groups == nil {
		x.groups = map[string][]hlKey{}
	}
	if x.holds(group, hs) {
		return false
	}
	lo := len(x.hs)
	for _, k := range x.groups[group] {
		i := x.search(k)
		x.hs = slices.Delete(x.hs, i, i+1)
		lo = min(lo, i)
	}
	delete(x.groups, group)
	var keys []hlKey
	for _, h := range hs {
		if h.End <= h.Start {
			continue
		}
		h.Group = group
		e := hlEntry{h, x.next}
		x.next++
		i := x.search(e.key())
		x.hs = slices.Insert(x.hs, i, e)
		lo = min(lo, i)
		keys = append(keys, e.key())
	}
	if len(keys) > 0 {
		x.groups[group] = keys
	}
	x.fixMaxEnd(lo)
	return true
}

// holds reports whether the group has exactly the non-empty ones of hs, in
// that order.
func (x *hlIndex) holds(group string, hs []Highlight) bool {
	keys := x.groups[group]
	n := 0
	for _, h := range hs {
		if h.End <= h.Start {
			continue
		}
		if n == len(keys) {
			return false
		}
		h.Group = group
		if !sameHighlight(x.hs[x.search(keys[n])].Highlight, h) {
			return false
		}
		n++
	}
	return n == len(keys)
}

// sameHighlight compares highlights field by field, colours by value (a
// colour type need not be comparable).
func sameHighlight(a, b Highlight) bool {
	if a.Start != b.Start || a.End != b.End || a.ID != b.ID || a.Group != b.Group || a.Dashed != b.Dashed {
		return false
	}
	if a.Color == nil || b.Color == nil {
		return a.Color == nil && b.Color == nil
	}
	ar, ag, ab, aa := a.Color.RGBA()
	br, bg, bb, ba := b.Color.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// all returns every highlight, in order of start.
func (x *hlIndex) all() []Highlight {
	out := make([]Highlight, len(x.hs))
	for i := range x.hs {
		out[i] = x.hs[i].Highlight
	}
	return out
}

// overlapping appends to dst the indices of highlights overlapping
// [start, end), in decreasing order.
func (x *hlIndex) overlapping(start, end int, dst []int) []int {
	i := sort.Search(len(x.hs), func(i int) bool { return x.hs[i].Start >= end })
	for j := i - 1; j >= 0 && x.maxEnd[j] > start; j-- {
		if x.hs[j].End > start {
			dst = append(dst, j)
		}
	}
	return dst
}

// at returns the highlights covering offset, shortest first, then the one
// later in the caller's slice (drawn later) first.
func (x *hlIndex) at(offset int) []Highlight {
	idx := x.overlapping(offset, offset+1, nil)
	slices.SortFunc(idx, func(a, b int) int {
		ha, hb := x.hs[a], x.hs[b]
		return cmp.Or(cmp.Compare(ha.End-ha.Start, hb.End-hb.Start), cmp.Compare(hb.order, ha.order))
	})
	out := make([]Highlight, len(idx))
	for i, j := range idx {
		out[i] = x.hs[j].Highlight
	}
	return out
}

// band is one highlight's part of one line.
type band struct {
	idx        int // into hlIndex.hs
	start, end int // code points, clipped to the line
	lane       int // 0-based lane among the overlapping bands
	lanes      int // lanes in its cluster of overlapping bands
}

// assignLanes sorts bands by start (longer first) and gives each a lane so
// that overlapping bands get different lanes; lanes counts the lanes used by
// the cluster of transitively overlapping bands each band belongs to.
func assignLanes(bs []band) {
	slices.SortFunc(bs, func(a, b band) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var laneEnd [maxLanes]int
	first, reach, used := 0, -1, 0
	for i := range bs {
		if bs[i].start >= reach {
			setLanes(bs[first:i], used)
			first, used = i, 0
		}
		lane := 0
		for lane < used && laneEnd[lane] > bs[i].start {
			lane++
		}
		lane %= maxLanes
		bs[i].lane, laneEnd[lane] = lane, bs[i].end
		used = min(max(used, lane+1), maxLanes)
		reach = max(reach, bs[i].end)
	}
	setLanes(bs[first:], used)
}

func setLanes(bs []band, n int) {
	for i := range bs {
		bs[i].lanes = n
	}
}
