package transcript

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestNoTurnsInNews: DetectTurns finds no transcript in the news articles
// of PolNeAR's dev split (headlines such as "Pence: Gennifer Flowers Won't
// Be at Debate", "Editor's note:", a transcript quoted inside an article).
func TestNoTurnsInNews(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(t, "corpus", "polnear-dev", "text"), "*.txt"))
	if len(files) == 0 {
		t.Skip("no PolNeAR dev texts")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, err := annotate.NormalizeText(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if turns, ok := DetectTurns(text); ok {
			t.Errorf("%s: %d turns detected in a news article, the first by %q", filepath.Base(f), len(turns), turns[0].Speaker)
		}
	}
	t.Logf("%d news articles, no turns detected", len(files))
}
