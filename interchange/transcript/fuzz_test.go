package transcript

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// handSeeds are small files of our own, each reaching one path of the readers.
var handSeeds = []string{
	"1\n00:00:01,000 --> 00:00:02,000\nHOLT: Hello <i>there</i>.\n\n2\n00:00:02,000 --> 00:00:03,000\nTRUMP: Hi.\n",
	"00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"red\">One</font>\n",
	"WEBVTT\n\nNOTE x\n\nSTYLE\n::cue {}\n\nid\n00:01.000 --> 00:02.000 line:0\n<v.a Ann>A &amp; B</v> <c.x>c</c>\n<v Bob>D\n",
	"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n \nA<00:00:01.500><c> b</c>\n\n00:00:02.000 --> 00:00:02.010\nA b\n \n\n00:00:02.010 --> 00:00:03.000\nA b\nc<00:00:02.500><c> d</c>\n",
	"1\n00:00:05,000 --> 00:00:04,000\nback\n",
	"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v>\n",
	"\xff\xfe1\x00\n\x00",
}

func FuzzExtract(f *testing.F) {
	for i, s := range handSeeds {
		f.Add([]string{"a.srt", "a.vtt"}[i%2], []byte(s))
	}
	for _, p := range corpusSeeds(f, "*.srt", "*.vtt") {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(p), data[:min(len(data), 4096)])
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ex, err := Extract(name, data)
		if err != nil {
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Fatalf("error %q is not EINVALID: %v", err, annotate.Cause(err))
			}
			return
		}
		if err := ex.Check(); err != nil {
			t.Fatal(err)
		}
		for _, tr := range ex.Turns {
			if tr.TimeStart == nil || tr.TimeEnd == nil {
				t.Fatalf("turn %+v has no times", tr)
			}
		}
	})
}

func FuzzDetectTurns(f *testing.F) {
	for _, s := range []string{"HOLT: Hi.\nTRUMP: Hello.\n", "Q:\nWhy?\n\nA:\nNo.", "(APPLAUSE) A B: x\nA B: y", "Pence: A Headline Like This One.\n\nText."} {
		f.Add(s)
	}
	for _, p := range corpusSeeds(f, "*.txt") {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data[:min(len(data), 4096)]))
	}
	f.Fuzz(func(t *testing.T, raw string) {
		text, err := annotate.NormalizeText([]byte(raw))
		if err != nil {
			return
		}
		turns, ok := DetectTurns(text)
		if ok != (len(turns) > 0) {
			t.Fatalf("ok %v with %d turns", ok, len(turns))
		}
		ex := annotate.Extracted{Text: text, Turns: turns}
		if err := ex.Check(); err != nil {
			t.Fatal(err)
		}
	})
}

// corpusSeeds lists transcripts-dev files for seeds, or none without it.
func corpusSeeds(f *testing.F, patterns ...string) []string {
	dir := os.Getenv("FACTMARK_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	var out []string
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join(dir, "corpus", "transcripts-dev", p))
		out = append(out, files...)
	}
	return out
}
