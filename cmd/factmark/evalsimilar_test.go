package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

const similarLibrary = "\tvclaim\ttitle\n" +
	"a1\tThe town of Brindle banned bicycles on Sundays.\tDid Brindle Ban Bicycles on Sundays?\n" +
	"a2\t\"A photo shows a \"\"giant\"\" squid on a beach in Norlund.\"\tIs This a Giant Squid in Norlund?\n" +
	"a3\tDrinking hot water cures the flu.\tDoes Hot Water Cure the Flu?\n"

const similarQueries = "\tquery\n" +
	"q1\tBrindle just banned bikes every Sunday?! pic.twitter.com/xyz — Someone (@someone) May 2, 2020\n" +
	"q2\tHuge squid washed up on a Norlund beach today https://t.co/abc\n"

// TestEvalSimilarRun writes a TREC run for hand-written claims and scores it.
func TestEvalSimilarRun(t *testing.T) {
	dir := t.TempDir()
	lib := writeFile(t, dir, "lib.tsv", []byte(similarLibrary))
	qs := writeFile(t, dir, "q.tsv", []byte(similarQueries))
	qrels := writeFile(t, dir, "q.qrels", []byte("q1\t0\ta1\t1\nq2\t0\ta2\t1\n"))
	runPath := filepath.Join(dir, "out.run")
	out := mustRun(t, "eval", "similar", "--library", lib, "--queries", qs, "--qrels", qrels, "--run", runPath, "--tag", "t1")
	for _, want := range []string{"2 queries against 3 verified claims", "MAP@1  1.000", "MAP@5  1.000", "MAP@10 1.000"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(runPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	first := map[string]string{}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 6 || f[1] != "Q0" || f[5] != "t1" {
			t.Fatalf("run line %q is not qid Q0 docid rank score tag", l)
		}
		if f[3] == "1" {
			first[f[0]] = f[2]
		}
	}
	if first["q1"] != "a1" || first["q2"] != "a2" {
		t.Errorf("top claims %v, want q1→a1, q2→a2", first)
	}
}

func TestEvalSimilarErrors(t *testing.T) {
	dir := t.TempDir()
	lib := writeFile(t, dir, "lib.tsv", []byte(similarLibrary))
	qs := writeFile(t, dir, "q.tsv", []byte(similarQueries))
	bad := writeFile(t, dir, "bad.qrels", []byte("q1 a1 1\n"))
	run := filepath.Join(dir, "out.run")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--library", lib, "--queries", qs}, "needs --library, --queries and --run"},
		{[]string{"--library", filepath.Join(dir, "none.tsv"), "--queries", qs, "--run", run}, "none.tsv cannot be read"},
		{[]string{"--library", lib, "--queries", qs, "--run", run, "--qrels", bad}, "bad.qrels, line 1: 3 fields, want 4"},
		{[]string{"--library", lib, "--queries", qs, "--run", filepath.Join(dir, "no", "out.run")}, "the run cannot be written"},
	}
	for _, tt := range tests {
		code, _, errOut := factmark(t, append([]string{"eval", "similar"}, tt.args...)...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("eval similar %v: exit %d, stderr %q; want failure saying %q", tt.args, code, errOut, tt.want)
		}
	}
}

// TestEvalSimilarCLEF runs the command on CheckThat! 2020 Task 2 dev.
func TestEvalSimilarCLEF(t *testing.T) {
	d := testcorpus.Dir(t, "corpus", "clef2020-claim-retrieval")
	run := filepath.Join(t.TempDir(), "dev.run")
	out := mustRun(t, "eval", "similar", "--library", filepath.Join(d, "verified_claims.docs.tsv"),
		"--queries", filepath.Join(d, "dev", "tweets.queries.tsv"), "--qrels", filepath.Join(d, "dev", "tweet-vclaim-pairs.qrels"), "--run", run)
	t.Log(out)
	var map5 float64
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "MAP@5 ") {
			if _, err := fmt.Sscan(strings.TrimPrefix(l, "MAP@5 "), &map5); err != nil {
				t.Fatal(err)
			}
		}
	}
	if map5 < 0.80 {
		t.Errorf("dev MAP@5 %.3f, want ≥ 0.80", map5)
	}
}
