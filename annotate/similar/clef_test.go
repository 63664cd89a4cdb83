package similar

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestReadLibrary(t *testing.T) {
	in := "\tvclaim\ttitle\n1\t\"A \"\"quoted\"\" claim\nover two lines.\"\tIts title\n2\tPlain claim\tPlain title\n"
	cs, err := ReadLibrary(strings.NewReader(in), "lib.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Claim{{ID: "1", Text: "A \"quoted\" claim\nover two lines.", Title: "Its title"}, {ID: "2", Text: "Plain claim", Title: "Plain title"}}
	if len(cs) != 2 || cs[0] != want[0] || cs[1] != want[1] {
		t.Errorf("got %+v, want %+v", cs, want)
	}
	bad := []struct{ in, want string }{
		{"", "lib.tsv is empty"},
		{"h\th\th\n1\tonly two\n", "lib.tsv, row 2: 2 columns, want 3"},
		{"h\th\th\n\tclaim\ttitle\n", "row 2: the id is empty"},
		{"h\th\th\n1\ta\tb\n1\tc\td\n", `claim id "1" is on rows 2 and 3`},
	}
	for _, b := range bad {
		_, err := ReadLibrary(strings.NewReader(b.in), "lib.tsv")
		var ae *annotate.Error
		if !errors.As(err, &ae) || ae.Code != annotate.EINVALID || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ReadLibrary(%q): %v, want EINVALID saying %q", b.in, err, b.want)
		}
	}
}

func TestReadQrelsAndMAP(t *testing.T) {
	qr, err := ReadQrels(strings.NewReader("q1 0 a 1\nq1\t0\tb\t1\nq2 0 c 1\nq3 0 d 0\n\n"), "x.qrels")
	if err != nil {
		t.Fatal(err)
	}
	if len(qr) != 2 || len(qr["q1"]) != 2 {
		t.Fatalf("qrels %v: want q1 with 2 relevant, q2 with 1, q3 left out", qr)
	}
	run := Run{
		"q1": {{Claim: Claim{ID: "x"}}, {Claim: Claim{ID: "a"}}, {Claim: Claim{ID: "b"}}},
		"q2": {{Claim: Claim{ID: "c"}}},
	}
	// q1: hits at ranks 2 and 3: (1/2 + 2/3)/2; q2: 1.
	tests := []struct {
		k    int
		want float64
	}{{1, (0 + 1) / 2.0}, {2, (0.5/2 + 1) / 2}, {5, ((0.5+2.0/3)/2 + 1) / 2}}
	for _, tt := range tests {
		if got := MAP(run, qr, tt.k); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("MAP@%d = %v, want %v", tt.k, got, tt.want)
		}
	}
	if got := MAP(Run{}, qr, 5); got != 0 {
		t.Errorf("MAP of an empty run = %v, want 0", got)
	}
	for _, in := range []string{"q1 0 a\n", "q1 0 a yes\n"} {
		if _, err := ReadQrels(strings.NewReader(in), "x.qrels"); err == nil || !strings.Contains(err.Error(), "x.qrels, line 1") {
			t.Errorf("ReadQrels(%q): %v, want an error naming line 1", in, err)
		}
	}
}

func TestWriteRun(t *testing.T) {
	var b bytes.Buffer
	run := Run{"q1": {{Claim: Claim{ID: "a"}, Score: 2.5}, {Claim: Claim{ID: "b"}, Score: 1}}}
	if err := WriteRun(&b, run, []string{"q1", "q2"}, "tag"); err != nil {
		t.Fatal(err)
	}
	want := "q1\tQ0\ta\t1\t2.500000\ttag\nq1\tQ0\tb\t2\t1.000000\ttag\n"
	if b.String() != want {
		t.Errorf("run:\n%q\nwant\n%q", b.String(), want)
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"Brindle's bikes", "#HashTag’s pic.twitter.com/x — A (@b) May 1, 2020", "ÉÀ 'S", "\x00\xff", ""} {
		f.Add(s)
	}
	ix := NewIndex(smallLibrary)
	f.Fuzz(func(t *testing.T, s string) {
		ms := ix.Search(s, 3)
		if len(ms) > 3 {
			t.Fatalf("%d matches for k=3", len(ms))
		}
		for i := 1; i < len(ms); i++ {
			if ms[i].Score > ms[i-1].Score {
				t.Fatalf("not sorted: %v", ms)
			}
		}
		for _, w := range words(s) {
			if w == "" {
				t.Fatalf("empty word in %q", s)
			}
		}
	})
}
