package textview

import (
	"cmp"
	"slices"
	"sort"
)

// maxLanes caps how many bands overlapping highlights split a line into;
// beyond it bands share lanes (they are translucent, so both still show).
const maxLanes = 4

// hlEntry is a highlight and its position in the caller's slice.
type hlEntry struct {
	Highlight
	order int
}

// hlIndex finds the highlights overlapping a range: sorted by start, with the
// running maximum of the ends, a range query is a binary search for the
// first highlight starting after the range and a scan back while the running
// maximum still reaches into it.
type hlIndex struct {
	hs     []hlEntry
	maxEnd []int
}

// newHLIndex indexes hs, dropping empty ranges.
func newHLIndex(hs []Highlight) hlIndex {
	x := hlIndex{hs: make([]hlEntry, 0, len(hs))}
	for i, h := range hs {
		if h.End > h.Start {
			x.hs = append(x.hs, hlEntry{h, i})
		}
	}
	slices.SortFunc(x.hs, func(a, b hlEntry) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.order, b.order))
	})
	x.maxEnd = make([]int, len(x.hs))
	m := 0
	for i, h := range x.hs {
		m = max(m, h.End)
		x.maxEnd[i] = m
	}
	return x
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
