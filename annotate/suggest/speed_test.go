package suggest

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	goflag "flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	ittranscript "github.com/factmark/factmark/interchange/transcript"
	"github.com/factmark/factmark/internal/testcorpus"
)

// transcriptText builds a text of at least n bytes from the "NAME: text"
// transcripts of transcripts-dev, whole lines, in file-name order (repeating
// them if they are too short), and returns it with the turns
// transcript.DetectTurns finds in it, as a plain transcript's import would.
func transcriptText(t testing.TB, n int) (string, []annotate.Turn) {
	t.Helper()
	dir := filepath.Join(testcorpus.Dir(t, "corpus"), "transcripts-dev")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no NAME: transcripts in %s", dir)
	}
	sort.Strings(files)
	var b strings.Builder
	for b.Len() < n {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.SplitAfter(string(data), "\n") {
				if b.Len() >= n {
					break
				}
				b.WriteString(line)
			}
			if b.Len() >= n {
				break
			}
		}
	}
	text := annotate.NewText(b.String()).String() // NFC, as imported
	turns, ok := ittranscript.DetectTurns(text)
	if !ok {
		t.Fatal("DetectTurns found no turns in the transcripts-dev text")
	}
	return text, turns
}

// BenchmarkSuggest1MBTranscript runs SuggestWith on 1 MB of the
// transcripts-dev debates, with the turns DetectTurns finds in it and
// without; Tokenize is the baseline in the same run: the one pass over the
// text any suggester must make. The target is 300 ms with turns.
// Besides the wall time it reports the process's CPU time per operation
// (cpu-ms/op, where the system tells it), which a loaded machine moves
// less.
func BenchmarkSuggest1MBTranscript(b *testing.B) {
	raw, turns := transcriptText(b, 1<<20)
	text := annotate.NewText(raw)
	sg := suggester(b)
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"Tokenize", func() error {
			if len(newDoc(raw).sentences()) == 0 {
				return fmt.Errorf("no sentences")
			}
			return nil
		}},
		{"Turns", func() error {
			_, err := sg.SuggestWith(context.Background(), text, nil, Options{Turns: turns}, nil)
			return err
		}},
		{"NoTurns", func() error {
			_, err := sg.SuggestWith(context.Background(), text, nil, Options{}, nil)
			return err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			cpu0, ok := processCPU()
			for i := 0; i < b.N; i++ {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
			if cpu1, _ := processCPU(); ok {
				b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			}
		})
	}
}

var updateGolden = goflag.Bool("update-golden", false, "rewrite testdata/results.golden from the current suggester")

// goldenCase is one text whose full Result the golden file fingerprints.
type goldenCase struct {
	name string
	run  func(t *testing.T, sg *Suggester) *Result
}

func goldenCases() []goldenCase {
	article := func(rel ...string) func(t *testing.T, sg *Suggester) *Result {
		return func(t *testing.T, sg *Suggester) *Result {
			data, err := os.ReadFile(filepath.Join(append([]string{testcorpus.Dir(t, "corpus")}, rel...)...))
			if err != nil {
				t.Fatal(err)
			}
			res, err := sg.Suggest(context.Background(), annotate.NewText(string(data)), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
	}
	debate := func(withTurns bool) func(t *testing.T, sg *Suggester) *Result {
		return func(t *testing.T, sg *Suggester) *Result {
			raw, turns := transcriptText(t, 1<<18)
			var o Options
			if withTurns {
				o.Turns = turns
			}
			res, err := sg.SuggestWith(context.Background(), annotate.NewText(raw), nil, o, nil)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
	}
	return []goldenCase{
		{"seed", article("seed", "article.txt")},
		{"polnear-dev first", func(t *testing.T, sg *Suggester) *Result {
			fs, err := GoldFiles(filepath.Join(testcorpus.Dir(t, "corpus"), "polnear-dev"))
			if err != nil || len(fs) == 0 {
				t.Fatalf("polnear-dev: %v", err)
			}
			rel, _ := filepath.Rel(testcorpus.Dir(t, "corpus"), fs[0].Text)
			return article(rel)(t, sg)
		}},
		{"transcripts-dev 256 KB with turns", debate(true)},
		{"transcripts-dev 256 KB without turns", debate(false)},
	}
}

// fingerprint hashes every field of a Result, the unexported logit too
// (it orders the claims evaluation).
func fingerprint(t *testing.T, r *Result) string {
	h := sha256.New()
	for _, a := range r.Attributions {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	for _, s := range r.Sentences {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
		fmt.Fprintf(h, "%x", s.logit)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestResultsUnchanged guards changes meant only for speed: the full Result
// on the seed article, the first polnear-dev file and 256 KB of the
// transcripts-dev debates (with turns and without) must hash as recorded in
// testdata/results.golden. A change meant to alter suggestions (or retrained
// models) rewrites the file with -update-golden, and says so in its commit.
func TestResultsUnchanged(t *testing.T) {
	sg := suggester(t)
	path := filepath.Join("testdata", "results.golden")
	var lines []string
	for _, c := range goldenCases() {
		lines = append(lines, c.name+"\t"+fingerprint(t, c.run(t, sg)))
	}
	got := strings.Join(lines, "\n") + "\n"
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run once with -update-golden to record it)", err)
	}
	if got != string(want) {
		t.Errorf("suggestions changed:\ngot\n%swant\n%s", got, want)
	}
}
