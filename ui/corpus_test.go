package ui

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
)

// Every article a project can be filled with must open on the desk. The
// project is filled from each importer's fuzz seeds (the examples in
// interchange/testdata, the literals of interchange/fuzz_test.go and the fuzz
// corpora under testdata/fuzz) and from every file of ../shared/corpus that
// the importer accepts; then each article is opened in a headless desk.

// importFile is one file to import: a path, so that a brat file finds its text.
type importFile struct{ path string }

// seedWriter writes seeds as files into a folder, named so that
// DetectFormat and a brat file's text lookup find what they need.
type seedWriter struct {
	t     testing.TB
	dir   string
	n     int
	texts []importFile // article texts: imported before the annotations
	anns  []importFile
	seeds []fuzzSeed // the same, as FuzzImportAndOpen's arguments
}

// fuzzSeed is one input of FuzzImportAndOpen: a file's extension and
// content, and the text beside it (a brat file's).
type fuzzSeed struct {
	ext        string
	data, text []byte
}

func (w *seedWriter) add(ext string, data []byte) {
	w.n++
	path := filepath.Join(w.dir, "seed"+strconv.Itoa(w.n)+ext)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		w.t.Fatal(err)
	}
	w.seeds = append(w.seeds, fuzzSeed{ext, data, nil})
	if ext == ".txt" {
		w.texts = append(w.texts, importFile{path})
	} else {
		w.anns = append(w.anns, importFile{path})
	}
}

// addBrat writes a brat pair: the text beside the annotations.
func (w *seedWriter) addBrat(text, ann []byte) { w.addPair(".ann", ann, text) }

// addPair writes data as a file with the extension ext and text beside it
// (as a .txt of the same name), as FuzzImportAndOpen does; the text is
// imported as an article first, unless data is a brat file's, which brings
// its text itself.
func (w *seedWriter) addPair(ext string, data, text []byte) {
	w.n++
	base := filepath.Join(w.dir, "pair"+strconv.Itoa(w.n))
	if ext == ".txt" {
		ext = ".text.txt"
	}
	if os.WriteFile(base+".txt", text, 0o644) != nil || os.WriteFile(base+ext, data, 0o644) != nil {
		w.t.Fatal("cannot write a seed")
	}
	if ext != ".ann" {
		w.texts = append(w.texts, importFile{base + ".txt"})
	}
	w.anns = append(w.anns, importFile{base + ext})
	w.seeds = append(w.seeds, fuzzSeed{ext, data, text})
}

// fuzzExt is the file name extension each annotate fuzz target's inputs are
// read as.
var fuzzExt = map[string]string{
	"FuzzParseDocument":    ".json",
	"FuzzParseW3C":         ".jsonld",
	"FuzzParseClaimReview": ".jsonld",
	"FuzzParseCSV":         ".csv",
	"FuzzParseBrat":        ".ann",
	"FuzzAnchorQuote":      ".txt",
	"FuzzImportAndOpen":    ".json",
}

// fuzzSeeds writes the importers' seeds: annotate's example exports, the
// seed literals of annotate/fuzz_test.go, the W3C suite's samples and the
// fuzz corpora kept in testdata/fuzz.
func fuzzSeeds(t testing.TB) *seedWriter {
	w := &seedWriter{t: t, dir: t.TempDir()}
	for _, name := range []string{"sample.factmark.json", "sample.w3c.jsonld", "sample.claimreview.jsonld", "sample.csv"} {
		if data, err := os.ReadFile(filepath.Join("..", "interchange", "testdata", name)); err == nil {
			w.add(filepath.Ext(name), data)
		}
	}
	sample := []byte(annotate.SampleArticle(time.Now()).Text)
	if ann, err := os.ReadFile(filepath.Join("..", "interchange", "testdata", "sample.ann")); err == nil {
		w.addBrat(sample, ann)
	}
	// The literals of annotate/fuzz_test.go.
	w.add(".json", []byte(`{"format": "factmark/1", "scale": {"name": "s", "verdicts": [{"label": "True", "value": 1}]}, "speakers": [], "articles": []}`))
	w.add(".json", []byte(`{"format": "factmark/1", "articles": [`))
	w.addBrat([]byte("“We will win,” the mayor said.\n"), []byte("T1\tContent 0 14\t“We will win,”\nT2\tAttribution 25 29\tsaid\nE1\tAttribution:T2 Content:T1\n"))
	w.addBrat([]byte("Jose\u0301 said so.\r\n"), []byte("T1\tSource 0 5\tJose\u0301\nT2\tCue 6 10\tsaid\n"))
	w.add(".jsonld", []byte(`{"type": "Annotation", "bodyValue": "Hm.", "target": {"source": "https://ledger.example/tram", "selector": [
		{"type": "TextQuoteSelector", "exact": "Kanalgade bus terminal", "prefix": "the ", "suffix": ","}, {"type": "TextPositionSelector", "start": 1, "end": 9}]}}`))
	w.add(".jsonld", []byte(`[{"@type": "ClaimReview", "claimReviewed": "had finished 34 percent over budget", "reviewRating": {"alternateName": "Pants on fire"},
		"itemReviewed": {"@type": "Claim", "author": "Ortiz", "appearance": ["https://ledger.example/tram"]}, "citation": "https://example.org/a"}]`))
	w.add(".csv", []byte("article_sha256,kind\r\n"))
	w.add(".txt", []byte("He said yes. She said no."))
	w.add(".txt", []byte("Étude “x” é"))
	if dir := testcorpus.Root(); dir != "" {
		samples, _ := filepath.Glob(filepath.Join(dir, "w3c-web-annotation-tests", "tools", "samples", "*", "*.json"))
		for _, file := range samples {
			if data, err := os.ReadFile(file); err == nil {
				w.add(".jsonld", data)
			}
		}
	}
	for _, root := range []string{filepath.Join("..", "interchange", "testdata", "fuzz"), filepath.Join("..", "annotate", "testdata", "fuzz"), filepath.Join("testdata", "fuzz")} {
		addCorpus(t, w, root)
	}
	return w
}

// addCorpus writes the inputs of the fuzz corpus files under root
// (root/FuzzName/file), each []byte or string value as one file; a brat
// target's pair of values as a brat pair.
func addCorpus(t testing.TB, w *seedWriter, root string) {
	files, _ := filepath.Glob(filepath.Join(root, "Fuzz*", "*"))
	for _, file := range files {
		target := filepath.Base(filepath.Dir(file))
		ext, ok := fuzzExt[target]
		if !ok {
			continue
		}
		values, err := corpusValues(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		switch {
		case target == "FuzzParseBrat" && len(values) == 2:
			w.addBrat(values[0], values[1])
			continue
		case target == "FuzzImportAndOpen" && len(values) == 3:
			w.addPair(fuzzName(string(values[0])), values[1], values[2])
			continue
		}
		for _, v := range values {
			w.add(ext, v)
		}
	}
}

// corpusValues reads the []byte and string values of a file in Go's fuzz
// corpus format ("go test fuzz v1", then one Go literal a line).
func corpusValues(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var values [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, prefix := range []string{"[]byte(", "string("} {
			lit, ok := strings.CutPrefix(line, prefix)
			if !ok {
				continue
			}
			s, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
			if err != nil {
				return nil, err
			}
			values = append(values, []byte(s))
		}
	}
	return values, sc.Err()
}

// sharedCorpus lists the corpus files the importer may accept: texts first
// (so that annotations find their articles), then brat files. Short mode
// leaves out PolNeAR's training set; otherwise its first trainFiles texts
// and their annotations are in.
func sharedCorpus(short bool) (texts, anns []importFile) {
	dir := testcorpus.Root()
	if dir == "" {
		return nil, nil
	}
	corpus := filepath.Join(dir, "corpus")
	glob := func(pattern string, n int) []importFile {
		files, _ := filepath.Glob(filepath.Join(corpus, pattern))
		sort.Strings(files)
		if n >= 0 && len(files) > n {
			files = files[:n]
		}
		out := make([]importFile, len(files))
		for i, f := range files {
			out[i] = importFile{f}
		}
		return out
	}
	for _, p := range []string{"seed/*.txt", "polnear-dev/text/*.txt", "pdf-dev/*.txt", "transcripts-dev/*.txt", "html-pages/*.txt", "html-pages/*.md",
		"pdf-dev/*.pdf", "html-pages/*/source.html", "transcripts-dev/*.srt", "transcripts-dev/*.vtt"} {
		texts = append(texts, glob(p, -1)...)
	}
	anns = append(glob("seed/*.ann", -1), glob("polnear-dev/attributions/*.ann", -1)...)
	if !short {
		texts = append(texts, glob("polnear-train/text/*.txt", trainFiles)...)
		anns = append(anns, glob("polnear-train/attributions/*.ann", trainFiles)...)
	}
	return texts, anns
}

// trainFiles is how many of PolNeAR's training texts (and as many brat
// files) the full test imports.
const trainFiles = 400

// readLimited reads a file for an import, as the desk reads one.
func readLimited(path string) ([]byte, error) { return readLocal(path, annotate.MaxTextBytes) }

// TestEveryImportedArticleOpens imports the fuzz seeds and the shared corpus
// into a project and opens each of its articles in a headless desk: none
// may fail or panic, and each annotation is highlighted.
func TestEveryImportedArticleOpens(t *testing.T) {
	td := newTestDesk(t, nil)
	seeds := fuzzSeeds(t)
	texts, anns := sharedCorpus(testing.Short())
	all := append(append(append(seeds.texts, texts...), seeds.anns...), anns...)
	imported := 0
	for _, in := range all {
		data, err := readLimited(in.path)
		if err != nil {
			t.Fatalf("%s: %v", in.path, err)
		}
		if _, _, err := td.ImportFile(in.path, data, readLimited); err == nil {
			imported++
		} else if testing.Verbose() {
			t.Logf("not imported: %v", err)
		}
	}
	td.lib.reload()
	t.Logf("%d of %d files imported; %d articles to open", imported, len(all), td.lib.total)
	if len(texts) > 0 && imported < len(texts) {
		t.Errorf("only %d files imported of %d corpus texts", imported, len(texts))
	}
	annotations := 0
	for _, a := range td.lib.articles() {
		if err := td.Open(a.ID); err != nil {
			t.Errorf("%v", err)
			continue
		}
		checkHighlights(t, td.Desk)
		annotations += len(td.ann.Attributions) + len(td.ann.Claims) + len(td.ann.Notes)
	}
	t.Logf("%d annotations highlighted", annotations)
}

// checkHighlights fails the test unless every annotation of the open article
// has a highlight inside the text, and nothing else has one.
func checkHighlights(t *testing.T, d *Desk) {
	t.Helper()
	want := map[string]bool{}
	for _, a := range d.ann.Attributions {
		want[a.ID] = true
	}
	for _, c := range d.ann.Claims {
		want[c.ID] = true
	}
	for _, n := range d.ann.Notes {
		want[n.ID] = true
	}
	size := len([]rune(d.article.Text))
	got := map[string]bool{}
	for _, h := range d.highlights() {
		if h.Start < 0 || h.End > size || h.Start > h.End {
			t.Errorf("%s: highlight %s at %d–%d is outside the text (%d)", d.article.Title, h.ID, h.Start, h.End, size)
		}
		got[annotationID(h.ID)] = true
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d annotations highlighted, want %d", d.article.Title, len(got), len(want))
	}
	for id := range want {
		if !got[id] {
			t.Errorf("%s: annotation %s has no highlight", d.article.Title, id)
		}
	}
}
