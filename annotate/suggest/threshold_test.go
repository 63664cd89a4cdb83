package suggest

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

func TestThresholdFor(t *testing.T) {
	s := func(score float64, worthy bool) Scored { return Scored{Score: score, Worthy: worthy} }
	data := []Scored{s(0.9, true), s(0.8, false), s(0.55, true), s(0.4, true), s(0.3, false), s(0.129, true), s(0.1, false)}
	tests := []struct {
		share       float64
		want        float64
		worthy, all float64
	}{
		{1, 0.12, 1, 6.0 / 7},
		{0.75, 0.4, 0.75, 4.0 / 7},
		{0.8, 0.12, 1, 6.0 / 7}, // 3.2 positives round up to 4
		{0.5, 0.55, 0.5, 3.0 / 7},
		{0, 0.9, 0.25, 1.0 / 7}, // at least one
	}
	for _, tt := range tests {
		got := ThresholdFor(data, tt.share)
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("ThresholdFor(%.2f) = %.4f, want %.2f", tt.share, got, tt.want)
		}
		w, a := ShownAt(data, got)
		if math.Abs(w-tt.worthy) > 1e-9 || math.Abs(a-tt.all) > 1e-9 {
			t.Errorf("ShownAt(%.2f) = %.3f, %.3f, want %.3f, %.3f", got, w, a, tt.worthy, tt.all)
		}
	}
	if got := ThresholdFor([]Scored{s(0.5, false)}, 0.8); got != 0 {
		t.Errorf("with no check-worthy sentence: %v, want 0", got)
	}
}

// clefTrain reads the CLEF 2019 training transcripts, the claims model's
// training data, or skips.
func clefTrain(t *testing.T) []Transcript {
	f, err := os.Open(filepath.Join(testcorpus.Dir(t, "corpus"), "clef2019-checkworthy", "train.csv"))
	if err != nil {
		t.Skipf("no CLEF training data: %v", err)
	}
	defer f.Close()
	ts, err := ReadCLEF(f)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestMinClaimScoreShowsMostCheckWorthy checks that the default threshold
// shows ClaimRecall of the check-worthy sentences of the model's training
// data as the shipped model scores them. Scores of sentences the model was
// fitted to are higher than those of new text, so this is a bound the
// default must meet, not how it is chosen: see TestCLEFLeaveOneOutTarget.
func TestMinClaimScoreShowsMostCheckWorthy(t *testing.T) {
	s := suggester(t)
	var scored []Scored
	for _, tr := range clefTrain(t) {
		scored = append(scored, s.RankTranscript(&tr).Scored...)
	}
	if w, _ := ShownAt(scored, MinClaimScore); w < ClaimRecall {
		t.Fatalf("MinClaimScore %.2f shows %.0f%% of the training data's check-worthy sentences, want at least %.0f%%",
			MinClaimScore, 100*w, 100*ClaimRecall)
	}
}

func TestPrecisionAt(t *testing.T) {
	scored := []Scored{{0.9, true}, {0.8, false}, {0.5, true}, {0.2, false}, {0.1, false}}
	for _, c := range []struct {
		t, precision float64
	}{{0.85, 1}, {0.5, 2.0 / 3}, {0, 0.4}, {0.95, 1}} {
		p, base := PrecisionAt(scored, c.t)
		if math.Abs(p-c.precision) > 1e-9 || math.Abs(base-0.4) > 1e-9 {
			t.Errorf("at %.2f: precision %.3f, base %.3f; want %.3f, 0.4", c.t, p, base, c.precision)
		}
	}
}
