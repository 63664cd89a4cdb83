package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/interchange"
)

const suggestText = `Harbour talks in Lisbon
Minister Carla Mendes, from Portugal, pledged Tuesday that a “green corridor” would keep grain ships moving through the strait.
“We need to widen the channel before the winter storms arrive,” Mendes said at a briefing. “No option has been ruled out.”
Grain exports fell by 12 percent in 2023, according to the ministry.
“Frankly,” she said, “the port cannot wait another year.”
`

func TestSuggestBratParsesBack(t *testing.T) {
	dir := t.TempDir()
	txt := writeFile(t, dir, "lisbon.txt", []byte(suggestText))
	out := filepath.Join(dir, "out")
	mustRun(t, "suggest", "--format", "brat", "--out", out, txt)
	ann, err := os.ReadFile(filepath.Join(out, "lisbon.ann"))
	if err != nil {
		t.Fatal(err)
	}
	text := annotate.NewText(suggestText)
	doc, err := interchange.ParseBrat(text, annotate.NewID(), ann, time.Now())
	if err != nil {
		t.Fatalf("suggest's brat does not parse back: %v\n%s", err, ann)
	}
	if len(doc.Attributions) < 3 {
		t.Errorf("%d attributions parsed back, want at least 3\n%s", len(doc.Attributions), ann)
	}
	if !strings.Contains(string(ann), "\tAnnotatorNotes T") || !strings.Contains(string(ann), "score=") {
		t.Errorf("no claim score notes in\n%s", ann)
	}
	for _, c := range doc.Claims {
		if c.Worthiness == nil || *c.Worthiness < suggest.MinClaimScore {
			t.Errorf("claim %q scored %v is under the default --min-score", c.Anchors[0].Exact, c.Worthiness)
		}
	}
}

func TestSuggestMinScoreZeroEmitsEverySentence(t *testing.T) {
	txt := writeFile(t, t.TempDir(), "lisbon.txt", []byte(suggestText))
	var got struct {
		Claims []struct {
			Start, End int
			Text       string
			Score      float64
			Reasons    []string
		}
		Attributions []struct {
			Reason string
			Kind   string
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "suggest", "--format", "json", "--min-score", "0", txt)), &got); err != nil {
		t.Fatal(err)
	}
	// Title, 1 + 2 + 1 + 1 sentences.
	if len(got.Claims) != 6 {
		t.Errorf("%d sentences emitted with --min-score 0, want all 6: %+v", len(got.Claims), got.Claims)
	}
	for _, a := range got.Attributions {
		if a.Reason == "" || a.Kind == "" {
			t.Errorf("attribution without reason or kind: %+v", a)
		}
	}
	brat := mustRun(t, "suggest", "--min-score", "0", txt)
	doc, err := interchange.ParseBrat(annotate.NewText(suggestText), annotate.NewID(), []byte(brat), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Claims) != 6 {
		t.Errorf("brat with --min-score 0 has %d claims, want 6", len(doc.Claims))
	}
}

func TestSuggestUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"suggest"}, "no FILE given"},
		{[]string{"suggest", "--format", "xml", "a.txt"}, `unknown format "xml"`},
		{[]string{"suggest", "--min-score", "2", "a.txt"}, "not between 0 and 1"},
		{[]string{"eval"}, "eval needs"},
		{[]string{"eval", "speakers", "x"}, `unknown evaluation "speakers"`},
		{[]string{"eval", "attributions"}, "want one DIR"},
		{[]string{"eval", "claims"}, "want one FILE.csv"},
	}
	for _, tt := range tests {
		code, _, errOut := factmark(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("factmark %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
