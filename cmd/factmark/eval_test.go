package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/internal/testcorpus"
)

// TestEvalAttributionsOnOwnOutput scores suggestions against themselves:
// written as brat and read back, every figure must be perfect.
func TestEvalAttributionsOnOwnOutput(t *testing.T) {
	dir := t.TempDir()
	txt := writeFile(t, dir, "lisbon.txt", []byte(suggestText))
	mustRun(t, "suggest", "--out", dir, txt)
	out := mustRun(t, "eval", "attributions", dir)
	lines := 0
	for _, l := range strings.Split(out, "\n") {
		if !strings.Contains(l, "P=") {
			continue
		}
		lines++
		if !strings.Contains(l, "P=1.000 R=1.000 F1=1.000") {
			t.Errorf("not perfect against its own output: %s", l)
		}
	}
	if lines != 6 {
		t.Errorf("%d P/R/F1 lines, want 6 (source, cue, content × exact, overlap):\n%s", lines, out)
	}
}

func TestEvalAttributionsSeed(t *testing.T) {
	shared := testcorpus.Dir(t)
	out := mustRun(t, "eval", "attributions", filepath.Join(shared, "corpus", "seed"))
	for _, want := range []string{"source   exact", "cue      overlap", "content  overlap", "claims   top-20"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalClaims(t *testing.T) {
	csv := "line_number,speaker,text,label,file_name\n" +
		"1,A,We cut taxes by 40 percent in 2015.,1,one.tsv\n" +
		"2,B,Thank you very much.,0,one.tsv\n" +
		"3,A,Good evening everybody.,0,one.tsv\n" +
		"1,C,Unemployment fell to 4 percent last year.,1,two.tsv\n" +
		"2,D,It is great to be here.,0,two.tsv\n" +
		"3,C,\"Thanks, and welcome.\",0,two.tsv\n"
	path := writeFile(t, t.TempDir(), "clef.csv", []byte(csv))
	for _, args := range [][]string{{"eval", "claims", path}, {"eval", "claims", "--shipped", path}} {
		out := mustRun(t, args...)
		if !strings.Contains(out, "AP ") || !strings.Contains(out, "one.tsv") || !strings.Contains(out, "MAP ") {
			t.Errorf("factmark %v: no per-transcript AP and MAP in\n%s", args, out)
		}
		if !strings.Contains(out, "of the check-worthy sentences (target 80%)") || !strings.Contains(out, fmt.Sprintf("default  %.2f shows", suggest.MinClaimScore)) {
			t.Errorf("factmark %v: no claim threshold figures in\n%s", args, out)
		}
	}
	if out := mustRun(t, "eval", "claims", "--shipped", path); !strings.Contains(out, "MAP 1.0000") {
		t.Errorf("the shipped model should rank these obvious claims first:\n%s", out)
	}
}
