package suggest

import (
	"math"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func span(a, b int) *annotate.Anchor { return &annotate.Anchor{Start: a, End: b} }

func attr(src, cue *annotate.Anchor, content ...annotate.Anchor) annotate.Attribution {
	return annotate.Attribution{Source: src, Cue: cue, Content: content}
}

func TestScoreAttributions(t *testing.T) {
	gold := []annotate.Attribution{
		attr(span(0, 5), span(6, 10), *span(11, 30)),
		attr(span(40, 45), span(46, 50), *span(51, 60), *span(70, 80)),
		attr(nil, span(90, 95), *span(96, 120)),
	}
	tests := []struct {
		name                          string
		pred                          []annotate.Attribution
		srcExact, cueExact, contExact int
		srcOver, cueOver, contOver    int
	}{
		{"perfect", gold, 2, 3, 3, 2, 3, 3},
		{"nothing", nil, 0, 0, 0, 0, 0, 0},
		{
			"off by a comma, one fragment missing",
			[]annotate.Attribution{
				attr(span(0, 6), span(6, 10), *span(11, 29)),
				attr(span(40, 45), span(46, 50), *span(51, 60)),
			},
			1, 2, 0, 2, 2, 2,
		},
		{
			// One prediction overlapping two gold contents counts once.
			"one to one",
			[]annotate.Attribution{attr(nil, span(46, 50), *span(20, 55))},
			0, 1, 0, 0, 1, 1,
		},
		{
			"fragments in another order are the same spans",
			[]annotate.Attribution{attr(nil, nil, *span(70, 80), *span(51, 60))},
			0, 0, 1, 0, 0, 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreAttributions(gold, tt.pred)
			got := []int{s.Source.Exact.Matched, s.Cue.Exact.Matched, s.Content.Exact.Matched,
				s.Source.Overlap.Matched, s.Cue.Overlap.Matched, s.Content.Overlap.Matched}
			want := []int{tt.srcExact, tt.cueExact, tt.contExact, tt.srcOver, tt.cueOver, tt.contOver}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("matched (source, cue, content exact; source, cue, content overlap) = %v, want %v", got, want)
					break
				}
			}
			if s.Source.Exact.Gold != 2 || s.Cue.Exact.Gold != 3 || s.Content.Exact.Gold != 3 {
				t.Errorf("gold counts %d %d %d, want 2 3 3", s.Source.Exact.Gold, s.Cue.Exact.Gold, s.Content.Exact.Gold)
			}
		})
	}
}

func TestPRF(t *testing.T) {
	tests := []struct {
		s       PRF
		p, r, f float64
	}{
		{PRF{Gold: 10, Pred: 8, Matched: 6}, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35},
		{PRF{Gold: 10, Pred: 0, Matched: 0}, 1, 0, 0},
		{PRF{}, 1, 1, 1},
	}
	for _, tt := range tests {
		if p, r, f := tt.s.Precision(), tt.s.Recall(), tt.s.F1(); math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f-tt.f) > 1e-9 {
			t.Errorf("%+v: P R F1 = %v %v %v, want %v %v %v", tt.s, p, r, f, tt.p, tt.r, tt.f)
		}
	}
}

func TestAveragePrecision(t *testing.T) {
	tests := []struct {
		scores []float64
		worthy []bool
		want   float64
	}{
		{[]float64{3, 2, 1}, []bool{true, false, true}, (1 + 2.0/3) / 2},
		{[]float64{1, 2, 3}, []bool{true, false, false}, 1.0 / 3},
		{[]float64{1, 1, 1}, []bool{false, true, false}, 0.5}, // ties keep transcript order
		{[]float64{1, 2}, []bool{false, false}, 0},
	}
	for _, tt := range tests {
		if got := AveragePrecision(tt.scores, tt.worthy); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("AP(%v, %v) = %v, want %v", tt.scores, tt.worthy, got, tt.want)
		}
	}
}
