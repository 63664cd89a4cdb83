package suggest

import (
	"fmt"
	"sort"

	"github.com/factmark/factmark/annotate"
)

// PRF counts the matches of one field of attributions (source, cue or
// content) under one criterion. Gold and Pred count the attributions that
// have the field at all; Matched counts one-to-one pairs of a gold and a
// predicted attribution whose field meets the criterion.
type PRF struct {
	Gold, Pred, Matched int
}

// Precision is Matched/Pred (1 when nothing was predicted).
func (s PRF) Precision() float64 { return ratio(s.Matched, s.Pred) }

// Recall is Matched/Gold (1 when there is no gold).
func (s PRF) Recall() float64 { return ratio(s.Matched, s.Gold) }

// F1 is the harmonic mean of precision and recall.
func (s PRF) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *PRF) add(t PRF) { s.Gold += t.Gold; s.Pred += t.Pred; s.Matched += t.Matched }

// FieldScore is one field scored both ways.
//
// Exact: a gold and a predicted field match when they are the same spans —
// the same set of (start, end) code-point ranges, fragment for fragment.
// Overlap: they match when some gold fragment and some predicted fragment
// share at least one code point.
//
// Under each criterion the pairs are one-to-one: a gold attribution matches
// at most one prediction and a prediction at most one gold attribution, and
// the count is the largest such matching (maximum bipartite matching), so a
// prediction that overlaps two gold contents still counts once.
type FieldScore struct {
	Exact, Overlap PRF
}

// AttrScore scores predicted attributions against gold, each field on its
// own: the source of a prediction is compared with gold sources, its cue
// with gold cues, its content with gold contents. Attributions without a
// source (or cue) are left out of that field's counts.
type AttrScore struct {
	Docs                 int
	Source, Cue, Content FieldScore
}

// Add accumulates another document's score: figures over a corpus are
// micro-averages, pooled counts over every gold file.
func (s *AttrScore) Add(t AttrScore) {
	s.Docs += t.Docs
	for _, p := range [][2]*FieldScore{{&s.Source, &t.Source}, {&s.Cue, &t.Cue}, {&s.Content, &t.Content}} {
		p[0].Exact.add(p[1].Exact)
		p[0].Overlap.add(p[1].Overlap)
	}
}

// ScoreAttributions compares one document's predictions with its gold.
func ScoreAttributions(gold, pred []annotate.Attribution) AttrScore {
	field := func(a *annotate.Attribution, f int) []annotate.Anchor {
		switch f {
		case 0:
			if a.Source != nil {
				return []annotate.Anchor{*a.Source}
			}
		case 1:
			if a.Cue != nil {
				return []annotate.Anchor{*a.Cue}
			}
		default:
			return a.Content
		}
		return nil
	}
	s := AttrScore{Docs: 1}
	for f, out := range []*FieldScore{&s.Source, &s.Cue, &s.Content} {
		var g, p [][]annotate.Anchor
		for i := range gold {
			if as := field(&gold[i], f); len(as) > 0 {
				g = append(g, as)
			}
		}
		for i := range pred {
			if as := field(&pred[i], f); len(as) > 0 {
				p = append(p, as)
			}
		}
		out.Exact = PRF{Gold: len(g), Pred: len(p), Matched: maxMatching(g, p, sameSpans)}
		out.Overlap = PRF{Gold: len(g), Pred: len(p), Matched: maxMatching(g, p, overlaps)}
	}
	return s
}

func sameSpans(a, b []annotate.Anchor) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := spansOf(a), spansOf(b)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func spansOf(as []annotate.Anchor) [][2]int {
	out := make([][2]int, len(as))
	for i, a := range as {
		out[i] = [2]int{a.Start, a.End}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1] })
	return out
}

func overlaps(a, b []annotate.Anchor) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Overlaps(y) {
				return true
			}
		}
	}
	return false
}

// maxMatching returns the size of a maximum one-to-one matching between g
// and p where ok says which pairs may match (Kuhn's augmenting paths; the
// sets are one document's attributions, small).
func maxMatching(g, p [][]annotate.Anchor, ok func(a, b []annotate.Anchor) bool) int {
	adj := make([][]int, len(g))
	for i := range g {
		for j := range p {
			if ok(g[i], p[j]) {
				adj[i] = append(adj[i], j)
			}
		}
	}
	owner := make([]int, len(p))
	for j := range owner {
		owner[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for _, j := range adj[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	n := 0
	for i := range g {
		if len(adj[i]) > 0 && try(i, make([]bool, len(p))) {
			n++
		}
	}
	return n
}

// Lines formats the score as the eval command prints it: one line per field
// and criterion with precision, recall, F1 and the counts behind them.
func (s AttrScore) Lines() []string {
	var out []string
	for _, f := range []struct {
		name string
		fs   FieldScore
	}{{"source", s.Source}, {"cue", s.Cue}, {"content", s.Content}} {
		for _, c := range []struct {
			name string
			p    PRF
		}{{"exact", f.fs.Exact}, {"overlap", f.fs.Overlap}} {
			out = append(out, fmt.Sprintf("%-8s %-8s P=%.3f R=%.3f F1=%.3f  (matched %d, gold %d, predicted %d)",
				f.name, c.name, c.p.Precision(), c.p.Recall(), c.p.F1(), c.p.Matched, c.p.Gold, c.p.Pred))
		}
	}
	return out
}
