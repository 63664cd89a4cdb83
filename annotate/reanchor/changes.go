package reanchor

import "github.com/factmark/factmark/annotate"

// Changes is what the word diff between two revisions changed, for showing
// them: the spans of old's text whose words are gone from new (deleted) and
// the spans of new's text whose words old did not have (inserted), each in
// text order as code-point ranges [start, end) of its own text. A run of
// changed words is one span, with the white space between them but not
// around them. It is the same diff New maps anchors through.
func Changes(old, new *annotate.Text) (deleted, inserted [][2]int) {
	m := New(old, new)
	return runs(m.oldT, m.oldToNew), runs(m.newT, m.newToOld)
}

// runs are the spans of the consecutive tokens that have no equal (-1) on
// the other side.
func runs(ts []token, other []int32) [][2]int {
	var out [][2]int
	for i := 0; i < len(ts); {
		if other[i] >= 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(ts) && other[j] < 0 {
			j++
		}
		out = append(out, [2]int{int(ts[i].start), int(ts[j-1].end)})
		i = j
	}
	return out
}
