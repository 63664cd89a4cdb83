package transcript

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// sharedDir is ../shared beside the repository (or $FACTMARK_SHARED); the
// test skips when it is absent.
func sharedDir(tb testing.TB, parts ...string) string {
	tb.Helper()
	dir := os.Getenv("FACTMARK_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	dir = filepath.Join(append([]string{dir}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared corpora not found (set FACTMARK_SHARED): %v", err)
	}
	return dir
}

// truth is a transcripts-dev .json: the turns as spoken and, for the three
// with rolling captions, their word count.
type truth struct {
	Name  string `json:"name"`
	Words int    `json:"words"`
	Turns []struct {
		Speaker   string  `json:"speaker"`
		Text      string  `json:"text"`
		TimeStart float64 `json:"time_start"`
		TimeEnd   float64 `json:"time_end"`
	} `json:"turns"`
	Rolling *struct {
		File  string `json:"file"`
		Words int    `json:"words"`
		Text  string `json:"text"`
	} `json:"rolling"`
}

func loadTruths(t *testing.T) (string, []truth) {
	dir := sharedDir(t, "corpus", "transcripts-dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no truth files in %s", dir)
	}
	var out []truth
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var tr truth
		if err := json.Unmarshal(data, &tr); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, tr)
	}
	return dir, out
}

// score counts, as the README defines it, the truth's turns found as
// (speaker, text) pairs in order (a longest common subsequence; a turn's text
// may include or omit its "SPEAKER: " label), and of those the ones whose
// start and end times are both within 0.5 s.
type score struct{ truth, got, right, timed int }

func (s *score) add(tr truth, text string, turns []annotate.Turn) {
	rs := []rune(text)
	n, m := len(tr.Turns), len(turns)
	s.truth += n
	s.got += m
	bodies := make([]string, m)
	for j, got := range turns {
		bodies[j] = strings.Join(strings.Fields(string(rs[got.Start:got.End])), " ")
	}
	same := func(i, j int) bool {
		want, got := tr.Turns[i], turns[j]
		return got.Speaker == want.Speaker && (bodies[j] == want.Text || bodies[j] == want.Speaker+": "+want.Text)
	}
	// LCS table, rows of m+1.
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case same(i, j):
				l[i][j] = l[i+1][j+1] + 1
			case l[i+1][j] >= l[i][j+1]:
				l[i][j] = l[i+1][j]
			default:
				l[i][j] = l[i][j+1]
			}
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case same(i, j):
			s.right++
			got, want := turns[j], tr.Turns[i]
			if got.TimeStart != nil && got.TimeEnd != nil && math.Abs(*got.TimeStart-want.TimeStart) <= 0.5 && math.Abs(*got.TimeEnd-want.TimeEnd) <= 0.5 {
				s.timed++
			}
			i, j = i+1, j+1
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
}

func ratio(a, b int) float64 { return float64(a) / float64(max(b, 1)) }

// TestDevCorpus measures the targets of issue 11 on transcripts-dev: turns
// with the right speaker and text ≥ 99% (NAME: text, SRT, VTT), times
// within 0.5 s ≥ 99% (SRT, VTT), rolling captions' word count within 5%.
func TestDevCorpus(t *testing.T) {
	dir, truths := loadTruths(t)
	scores := map[string]*score{"txt": {}, "srt": {}, "vtt": {}}
	for _, tr := range truths {
		for _, ext := range []string{"txt", "srt", "vtt"} {
			data, err := os.ReadFile(filepath.Join(dir, tr.Name+"."+ext))
			if err != nil {
				t.Fatal(err)
			}
			text, turns := readTurns(t, tr.Name+"."+ext, data)
			before := *scores[ext]
			scores[ext].add(tr, text, turns)
			if d := scores[ext].right - before.right; d < len(tr.Turns) {
				t.Logf("%s.%s: %d of %d turns right (%d found)", tr.Name, ext, d, len(tr.Turns), len(turns))
			}
		}
		if tr.Rolling != nil {
			checkRolling(t, dir, tr)
		}
	}
	for _, ext := range []string{"txt", "srt", "vtt"} {
		s := scores[ext]
		t.Logf("%s: %d/%d turns right (%.2f%%), %d found", ext, s.right, s.truth, 100*ratio(s.right, s.truth), s.got)
		if ext != "txt" {
			t.Logf("%s: times within 0.5 s %d/%d (%.2f%%)", ext, s.timed, s.truth, 100*ratio(s.timed, s.truth))
		}
		if ratio(s.right, s.truth) < 0.99 {
			t.Errorf("%s: %.2f%% of turns right, want ≥ 99%%", ext, 100*ratio(s.right, s.truth))
		}
		if ext != "txt" && ratio(s.timed, s.truth) < 0.99 {
			t.Errorf("%s: %.2f%% of turns timed within 0.5 s, want ≥ 99%%", ext, 100*ratio(s.timed, s.truth))
		}
	}
}

func readTurns(t *testing.T, name string, data []byte) (string, []annotate.Turn) {
	t.Helper()
	if strings.HasSuffix(name, ".txt") {
		text, err := annotate.NormalizeText(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		turns, ok := DetectTurns(text)
		if !ok {
			t.Errorf("%s: no turns detected", name)
		}
		return text, turns
	}
	ex, err := Extract(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ex.Text, ex.Turns
}

func checkRolling(t *testing.T, dir string, tr truth) {
	data, err := os.ReadFile(filepath.Join(dir, tr.Rolling.File))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Extract(tr.Rolling.File, data)
	if err != nil {
		t.Fatalf("%s: %v", tr.Rolling.File, err)
	}
	naive := 0
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.Contains(l, "-->") && !strings.HasPrefix(l, "WEBVTT") && !strings.Contains(l, ": ") {
			naive += len(strings.Fields(stripTags(l)))
		}
	}
	got := len(strings.Fields(ex.Text))
	same := strings.Join(strings.Fields(ex.Text), " ") == strings.Join(strings.Fields(tr.Rolling.Text), " ")
	off := math.Abs(float64(got-tr.Rolling.Words)) / float64(tr.Rolling.Words)
	t.Logf("%s: %d words read (naively %d), %d spoken: %.2f%% off, %d paragraphs, words as spoken: %v", tr.Rolling.File, got, naive, tr.Rolling.Words, 100*off, strings.Count(ex.Text, "\n\n")+1, same)
	if off > 0.05 {
		t.Errorf("%s: %d words for %d spoken, %.1f%% off, want within 5%%", tr.Rolling.File, got, tr.Rolling.Words, 100*off)
	}
}

// stripTags drops <...> for the naive count.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
