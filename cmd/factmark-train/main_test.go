package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate/suggest"
)

// TestTrainTinyCorpus trains on a two-sentence corpus in the shared layout
// and loads the files it writes.
func TestTrainTinyCorpus(t *testing.T) {
	shared := tinyCorpus(t)
	out := filepath.Join(t.TempDir(), "model")
	var log bytes.Buffer
	if err := run([]string{"-shared", shared, "-out", out, "-epochs", "2"}, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "leave-one-transcript-out MAP") {
		t.Errorf("no MAP in the log:\n%s", log.String())
	}
	if _, err := suggest.Load(func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(out, name)) }); err != nil {
		t.Fatalf("the trained files do not load: %v", err)
	}
}

// TestTrainTwiceSameBytes trains twice from the same corpus into two
// folders and checks that every file written is byte for byte the same.
func TestTrainTwiceSameBytes(t *testing.T) {
	shared := tinyCorpus(t)
	var dirs [2]string
	for i := range dirs {
		dirs[i] = filepath.Join(t.TempDir(), "model")
		if err := run([]string{"-shared", shared, "-out", dirs[i], "-epochs", "2", "-loo=false"}, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	names, err := os.ReadDir(dirs[0])
	if err != nil || len(names) < 5 {
		t.Fatalf("wrote %d files (%v), want the four models and %s", len(names), err, suggest.InputsFile)
	}
	for _, n := range names {
		a, _ := os.ReadFile(filepath.Join(dirs[0], n.Name()))
		b, err := os.ReadFile(filepath.Join(dirs[1], n.Name()))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs on the same data (%v)", n.Name(), err)
		}
	}
}

// tinyCorpus writes a one-attribution, two-transcript corpus in the shared
// layout and returns its folder.
func tinyCorpus(t *testing.T) string {
	shared := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(shared, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("corpus/polnear-train/text/a.txt", "Officials said the plan failed.\n")
	write("corpus/polnear-train/attributions/a_abcd.ann", "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 30\tthe plan failed\nT4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n")
	write("corpus/clef2019-checkworthy/train.csv", "line_number,speaker,text,label,file_name\n"+
		"1,A,Taxes rose 40 percent.,1,x.tsv\n2,B,Thank you.,0,x.tsv\n1,A,Jobs fell by 3 million.,1,y.tsv\n2,B,Good evening.,0,y.tsv\n")
	return shared
}
