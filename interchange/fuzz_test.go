package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
)

// Fuzz tests of every importer: whatever the input, a reader returns an
// error or a valid result, never panics, and what it returns can be written
// and read back. Seeds are real files: the seed gold and a few PolNeAR files
// from ../shared when present (never copied here), the W3C suite's samples,
// and the example exports in testdata. make fuzz runs each for a minute.

var fuzzNow = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)

// addShared adds the files matched by a pattern under the shared folder (at
// most n) as seeds.
func addShared(f *testing.F, n int, pattern string, add func(data []byte)) {
	dir := testcorpus.Root()
	if dir == "" {
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	for i, file := range files {
		if i >= n {
			break
		}
		if data, err := os.ReadFile(file); err == nil {
			add(data)
		}
	}
}

func addTestdata(f *testing.F, name string) {
	if data, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
		f.Add(data)
	}
}

func FuzzParseDocument(f *testing.F) {
	addTestdata(f, "sample.factmark.json")
	addTestdata(f, workflowGolden) // approvals, corrections, evidence records, comments, audit
	f.Add([]byte(`{"format": "factmark/1", "scale": {"name": "s", "verdicts": [{"label": "True", "value": 1}]}, "speakers": [], "articles": []}`))
	f.Add([]byte(`{"format": "factmark/1", "articles": [`))
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat("x.json", data)
		d, err := ParseDocument(data)
		if err != nil {
			return
		}
		var first, second bytes.Buffer
		if err := WriteDocument(&first, d); err != nil {
			t.Fatal(err)
		}
		again, err := ParseDocument(first.Bytes())
		if err != nil {
			t.Fatalf("a written document does not read back: %v", err)
		}
		if err := WriteDocument(&second, again); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("write → parse → write differs (%v)", err)
		}
	})
}

func FuzzParseBrat(f *testing.F) {
	sample := []byte(annotate.SampleArticle(fuzzNow).Text)
	if ann, err := os.ReadFile(filepath.Join("testdata", "sample.ann")); err == nil {
		f.Add(sample, ann)
	}
	var seedText []byte
	addShared(f, 1, filepath.Join("corpus", "seed", "article.txt"), func(data []byte) { seedText = data })
	addShared(f, 1, filepath.Join("corpus", "seed", "article.ann"), func(data []byte) { f.Add(seedText, data) })
	var anns []string
	if dir := testcorpus.Root(); dir != "" {
		anns, _ = filepath.Glob(filepath.Join(dir, "corpus", "polnear-dev", "attributions", "*.ann"))
	}
	for _, file := range anns[:min(4, len(anns))] {
		ann, err1 := os.ReadFile(file)
		for _, p := range BratTextPaths(file) {
			if raw, err2 := os.ReadFile(p); err1 == nil && err2 == nil {
				f.Add(raw, ann)
				break
			}
		}
	}
	f.Add([]byte("“We will win,” the mayor said.\n"), []byte("T1\tContent 0 14\t“We will win,”\nT2\tAttribution 25 29\tsaid\nE1\tAttribution:T2 Content:T1\n"))
	f.Add([]byte("Jose\u0301 said so.\r\n"), []byte("T1\tSource 0 5\tJose\u0301\nT2\tCue 6 10\tsaid\n"))
	f.Fuzz(func(t *testing.T, raw, ann []byte) {
		DetectFormat("x", ann)
		text, doc, err := ParseBratText(raw, docArticleID, ann, fuzzNow)
		if err != nil {
			return
		}
		for i := range doc.Attributions {
			if err := doc.Attributions[i].Validate(text); err != nil {
				t.Fatalf("attribution %d is invalid: %v", i, err)
			}
		}
		for i := range doc.Claims {
			if err := doc.Claims[i].Validate(text); err != nil {
				t.Fatalf("claim %d is invalid: %v", i, err)
			}
		}
		var out bytes.Buffer
		ad := annotate.ArticleDoc{Article: annotate.Article{Text: text.String()}, Attributions: doc.Attributions, Claims: doc.Claims}
		if err := WriteBrat(&out, &ad, doc.Speakers); err != nil {
			t.Fatal(err)
		}
		again, err := ParseBrat(text, docArticleID, out.Bytes(), fuzzNow)
		if err != nil {
			t.Fatalf("WriteBrat's output does not read back: %v\n%s", err, out.String())
		}
		if len(again.Attributions) != len(doc.Attributions) || len(again.Claims) != len(doc.Claims) {
			t.Fatalf("read back %d attributions and %d claims, wrote %d and %d", len(again.Attributions), len(again.Claims), len(doc.Attributions), len(doc.Claims))
		}
	})
}

// fuzzProject is the project imports of W3C, ClaimReview and CSV look
// articles up in.
func fuzzProject(f *testing.F) *annotate.Document { return goldenDocument(f) }

// roundTrip writes an import's document with write and reads it back with
// parse: the same number of annotations must come back.
func roundTrip(t *testing.T, im *Imported, write func(*bytes.Buffer, *annotate.Document) error, parse func([]byte) (*Imported, error)) *Imported {
	var out bytes.Buffer
	if err := write(&out, im.Doc); err != nil {
		t.Fatal(err)
	}
	again, err := parse(out.Bytes())
	if err != nil {
		t.Fatalf("the export of an import does not read back: %v\n%s", err, out.String())
	}
	if again.Count() != im.Count() {
		t.Fatalf("read back %d annotations, exported %d", again.Count(), im.Count())
	}
	return again
}

// commentCount is the number of comments of a document.
func commentCount(d *annotate.Document) int {
	n := 0
	for i := range d.Articles {
		n += len(d.Articles[i].Comments)
	}
	return n
}

func FuzzParseW3C(f *testing.F) {
	d := fuzzProject(f)
	addTestdata(f, "sample.w3c.jsonld")
	addShared(f, 50, filepath.Join("w3c-web-annotation-tests", "tools", "samples", "*", "*.json"), func(data []byte) { f.Add(data) })
	f.Add([]byte(`{"type": "Annotation", "bodyValue": "Hm.", "target": {"source": "https://ledger.example/tram", "selector": [
		{"type": "TextQuoteSelector", "exact": "Kanalgade bus terminal", "prefix": "the ", "suffix": ","}, {"type": "TextPositionSelector", "start": 1, "end": 9}]}}`))
	var comments bytes.Buffer // replies, threaded and resolved
	if err := WriteW3C(&comments, testDocumentWorkflow(f)); err == nil {
		f.Add(comments.Bytes())
	}
	f.Add([]byte(`[{"type": "Annotation", "id": "urn:uuid:` + cmRoot + `", "motivation": "replying", "target": "urn:uuid:` + clJourney + `",
		"bodyValue": "Sure?", "factmark:resolved": true}, {"type": "Annotation", "motivation": "replying", "target": {"id": "urn:uuid:` + cmRoot + `"},
		"body": {"type": "TextualBody", "value": "Yes."}}]`))
	parse := func(data []byte) (*Imported, error) { return ParseW3C(data, DocumentLookup(d), d.Scale, fuzzNow) }
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat("x.jsonld", data)
		im, err := parse(data)
		if err != nil {
			return
		}
		again := roundTrip(t, im, func(b *bytes.Buffer, d *annotate.Document) error { return WriteW3C(b, d) }, parse)
		if commentCount(again.Doc) != commentCount(im.Doc) {
			t.Fatalf("read back %d comments, exported %d", commentCount(again.Doc), commentCount(im.Doc))
		}
	})
}

func FuzzParseClaimReview(f *testing.F) {
	d := fuzzProject(f)
	addTestdata(f, "sample.claimreview.jsonld")
	f.Add([]byte(`[{"@type": "ClaimReview", "claimReviewed": "had finished 34 percent over budget", "reviewRating": {"alternateName": "Pants on fire"},
		"itemReviewed": {"@type": "Claim", "author": "Ortiz", "appearance": ["https://ledger.example/tram"]}, "citation": "https://example.org/a"}]`))
	parse := func(data []byte) (*Imported, error) {
		return ParseClaimReview(data, DocumentLookup(d), d.Scale, fuzzNow)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat("x.jsonld", data)
		im, err := parse(data)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteClaimReview(&out, im.Doc, "Desk"); err != nil {
			t.Fatal(err)
		}
		again, err := parse(out.Bytes())
		if err != nil {
			t.Fatalf("the export of an import does not read back: %v\n%s", err, out.String())
		}
		// Only notes with a verdict become reviews again.
		verdicts := 0
		for _, a := range im.Doc.Articles {
			for _, n := range a.Notes {
				if n.Verdict != "" && n.ClaimID != "" {
					verdicts++
				}
			}
		}
		if got := countNotes(again.Doc); got != verdicts {
			t.Fatalf("read back %d reviews, exported %d", got, verdicts)
		}
	})
}

func countNotes(d *annotate.Document) int {
	n := 0
	for _, a := range d.Articles {
		n += len(a.Notes)
	}
	return n
}

func FuzzParseCSV(f *testing.F) {
	d := fuzzProject(f)
	addTestdata(f, "sample.csv")
	f.Add([]byte("article_sha256,kind\r\n"))
	parse := func(data []byte) (*Imported, error) { return ParseCSV(data, DocumentLookup(d), d.Scale, fuzzNow) }
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat("x.csv", data)
		im, err := parse(data)
		if err != nil {
			return
		}
		roundTrip(t, im, func(b *bytes.Buffer, d *annotate.Document) error { return WriteCSV(b, d) }, parse)
	})
}
