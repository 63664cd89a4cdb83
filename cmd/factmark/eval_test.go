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

// clefDebate is a made-up CLEF file of two debates, and transcriptFiles
// the same debates as a plain "NAME:" transcript and as subtitles, as
// transcripts-dev has them.
const clefDebate = "line_number,speaker,text,label,file_name\n" +
	"1,MODERATOR,Good evening and welcome.,0,one.tsv\n" +
	"2,MODERATOR,\"Senator, what about jobs?\",0,one.tsv\n" +
	"3,LARSEN,Thank you.,0,one.tsv\n" +
	"4,LARSEN,Unemployment fell to 4 percent in 2019.,1,one.tsv\n" +
	"5,OKAFOR,That is not true.,0,one.tsv\n" +
	"6,OKAFOR,The state lost 12000 factory jobs since 2017.,1,one.tsv\n" +
	"1,HOST,Welcome back.,0,two.tsv\n" +
	"2,REYES,We cut taxes by 40 percent in 2015.,1,two.tsv\n" +
	"3,REYES,It is great to be here.,0,two.tsv\n"

var transcriptFiles = map[string]string{
	"one.txt": "MODERATOR: Good evening and welcome. Senator, what about jobs?\n" +
		"LARSEN: Thank you. Unemployment fell to 4 percent in 2019.\n" +
		"OKAFOR: That is not true. The state lost 12000 factory jobs since 2017.\n",
	"two.txt": "HOST: Welcome back.\nREYES: We cut taxes by 40 percent in 2015. It is great to be here.\n",
	"one.srt": "1\n00:00:01,000 --> 00:00:04,000\nMODERATOR: Good evening and welcome.\n\n" +
		"2\n00:00:04,250 --> 00:00:06,000\nSenator, what about jobs?\n\n" +
		"3\n00:00:06,800 --> 00:00:10,000\nLARSEN: Thank you. Unemployment fell\nto 4 percent in 2019.\n\n" +
		"4\n00:00:10,800 --> 00:00:15,000\nOKAFOR: That is not true. The state lost\n12000 factory jobs since 2017.\n\n",
	"two.srt": "1\n00:00:01,000 --> 00:00:02,000\nHOST: Welcome back.\n\n" +
		"2\n00:00:02,800 --> 00:00:06,000\nREYES: We cut taxes by 40 percent in 2015.\n\n" +
		"3\n00:00:06,250 --> 00:00:08,000\nIt is great to be here.\n\n",
}

func TestEvalClaimsTranscripts(t *testing.T) {
	dir := t.TempDir()
	csv := writeFile(t, dir, "clef.csv", []byte(clefDebate))
	for name, body := range transcriptFiles {
		writeFile(t, dir, name, []byte(body))
	}
	for _, args := range [][]string{
		{"eval", "claims", "--shipped", "--transcripts", dir, csv},
		{"eval", "claims", "--shipped", "--transcripts", dir, "--from", "srt", csv},
		{"eval", "claims", "--transcripts", dir, csv},
	} {
		out := mustRun(t, args...)
		for _, want := range []string{
			"one.tsv", "3 turns, 0 lines not found", "two.tsv", "2 turns, 0 lines not found",
			"MAP 1.0000 over 2 transcripts: the CSV lines",
			"MAP 1.0000 over 2 transcripts: articles from " + dir + "/*.", "with their 5 turns (0 lines not found",
			"over 2 transcripts: the same articles without turns", "of the check-worthy sentences (target 80%)",
		} {
			if args[2] != "--shipped" && strings.Contains(want, "MAP 1.0000") {
				want = strings.TrimPrefix(want, "MAP 1.0000") // the leave-one-out models learn from one debate
			}
			if !strings.Contains(out, want) {
				t.Errorf("factmark %v: no %q in\n%s", args, want, out)
			}
		}
		if args[2] == "--shipped" && !strings.Contains(out, "in-sample") {
			t.Errorf("factmark %v does not say the shipped model's figures on its training transcripts are in-sample:\n%s", args, out)
		}
	}
}

func TestEvalClaimsTranscriptsErrors(t *testing.T) {
	dir := t.TempDir()
	csv := writeFile(t, dir, "clef.csv", []byte(clefDebate))
	writeFile(t, dir, "one.txt", []byte(transcriptFiles["one.txt"]))
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "claims", "--shipped", "--transcripts", dir, csv}, 1, "two.txt: cannot read the transcript of two.tsv"},
		{[]string{"eval", "claims", "--transcripts", dir, "--from", "doc", csv}, 2, `--from "doc" is not txt, srt or vtt`},
	} {
		code, _, errOut := factmark(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("factmark %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

// TestEvalClaimsTranscriptsDev ranks the dev transcripts imported from
// their "NAME:" text with the shipped model: in-sample, since it learned
// from the same debates, so it checks what the import adds or loses, not
// how good the model is: with the turns, within 0.01 of the CSV lines' MAP
// and above the same texts without turns; every turn found; no line lost
// but the one without a word ("....").
func TestEvalClaimsTranscriptsDev(t *testing.T) {
	if testing.Short() {
		t.Skip("suggests on 19 debates twice")
	}
	shared := testcorpus.Dir(t)
	out := mustRun(t, "eval", "claims", "--shipped", "--transcripts", filepath.Join(shared, "corpus", "transcripts-dev"),
		filepath.Join(shared, "corpus", "clef2019-checkworthy", "train.csv"))
	var csvMAP, turnsMAP, flatMAP float64
	var turns, lost int
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(l, ": the CSV lines"):
			fmt.Sscanf(l, "MAP %f", &csvMAP)
		case strings.Contains(l, "with their"):
			fmt.Sscanf(l[strings.Index(l, "with their"):], "with their %d turns (%d lines", &turns, &lost)
			fmt.Sscanf(l, "MAP %f", &turnsMAP)
		case strings.Contains(l, "without turns"):
			fmt.Sscanf(l, "MAP %f", &flatMAP)
		}
	}
	t.Logf("MAP: CSV lines %.4f, articles with turns %.4f, without %.4f; %d turns, %d lines not found", csvMAP, turnsMAP, flatMAP, turns, lost)
	if csvMAP == 0 || turnsMAP < csvMAP-0.01 || turnsMAP <= flatMAP || turns != 4713 || lost > 1 {
		t.Errorf("want MAP with turns within 0.01 of the CSV's and above without, 4713 turns, ≤ 1 line not found:\n%s", out)
	}
}
