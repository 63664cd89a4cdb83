package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/internal/testcorpus"
)

// importSampleText imports the sample article's text, with the metadata the
// sample has, into a new project: the article other formats' annotations
// point at.
func importSampleText(t *testing.T, dir, db string) {
	t.Helper()
	a := annotate.SampleArticle(time.Now())
	f := writeFile(t, dir, "sample.txt", []byte(a.Text))
	mustRun(t, "--db", db, "import", "--outlet", a.Outlet, "--date", a.Published, "--author", strings.Join(a.Authors, ";"), f)
}

// TestExportImportEveryFormat exports a project in each format, imports the
// file into a project that has only the article's text, and exports again:
// what the format holds survives, and a second import changes nothing.
func TestExportImportEveryFormat(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	annotateSample(t, first)
	for _, f := range []interchange.Format{interchange.FormatW3C, interchange.FormatClaimReview, interchange.FormatCSV, interchange.FormatNative} {
		t.Run(string(f), func(t *testing.T) {
			out := filepath.Join(dir, "export-"+string(f)+f.Ext())
			mustRun(t, "--db", first, "export", "--format", string(f), "-o", out)
			want, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			second := filepath.Join(dir, "second-"+string(f)+".db")
			if f != interchange.FormatNative {
				code, _, errOut := factmark(t, "--db", second, "import", out)
				if code != 1 || !strings.Contains(errOut, "is not in the project; import the article's text first") {
					t.Fatalf("import without the article: exit %d, %q", code, errOut)
				}
				importSampleText(t, dir, second)
			}
			said := mustRun(t, "--db", second, "import", out)
			if !strings.Contains(said, "imported "+f.Label()) {
				t.Errorf("import said %q", said)
			}
			got := mustRun(t, "--db", second, "export", "--format", string(f))
			if f == interchange.FormatNative { // the import adds its entries to the log
				got, want = withoutLog(t, got), []byte(withoutLog(t, string(want)))
			}
			if got != string(want) {
				t.Fatalf("export → import → export differs:\n%s\n---\n%s", want[:min(len(want), 600)], got[:min(len(got), 600)])
			}
			if again := mustRun(t, "--db", second, "import", out); !strings.Contains(again, " 0 annotations saved") {
				t.Errorf("a second import said %q; want nothing saved", again)
			}
		})
	}
}

func TestExportImportBrat(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	annotateSample(t, first)
	out := filepath.Join(dir, "brat")
	mustRun(t, "--db", first, "export", "--format", "brat", "-o", out)
	anns, _ := filepath.Glob(filepath.Join(out, "*.ann"))
	txts, _ := filepath.Glob(filepath.Join(out, "*.txt"))
	if len(anns) != 1 || len(txts) != 1 || strings.TrimSuffix(anns[0], ".ann") != strings.TrimSuffix(txts[0], ".txt") {
		t.Fatalf("brat export wrote %q and %q", anns, txts)
	}
	want, _ := os.ReadFile(anns[0])
	second := filepath.Join(dir, "second.db")
	said := mustRun(t, "--db", second, "import", anns[0])
	if !strings.Contains(said, "1 article (0 already there), 1 speaker (0 already there), 2 annotations saved") {
		t.Errorf("import said %q", said)
	}
	id := exportDoc(t, second).Articles[0].ID
	if got := mustRun(t, "--db", second, "export", "--format", "brat", "--article", id); got != string(want) {
		t.Fatalf("brat export → import → export differs:\n%s\n---\n%s", want, got)
	}
	if again := mustRun(t, "--db", second, "import", anns[0]); !strings.Contains(again, "1 already there") || !strings.Contains(again, "0 annotations saved, 2 unchanged") {
		t.Errorf("second import said %q", again)
	}
	if n := len(exportDoc(t, second).Articles[0].Attributions); n != 1 {
		t.Errorf("a second import of the same .ann made %d attributions, want 1", n)
	}
	code, _, errOut := factmark(t, "--db", second, "export", "--format", "brat")
	if code != 2 || !strings.Contains(errOut, "give -o DIR") {
		t.Errorf("brat to standard output: exit %d, %q", code, errOut)
	}
}

func TestImportSeedBrat(t *testing.T) {
	shared := testcorpus.Dir(t)
	db := filepath.Join(t.TempDir(), "p.db")
	said := mustRun(t, "--db", db, "import", "--title", "Seed", filepath.Join(shared, "corpus", "seed", "article.ann"))
	if !strings.Contains(said, "42 annotations saved") {
		t.Errorf("import said %q", said)
	}
	list := mustRun(t, "--db", db, "list")
	if !strings.Contains(list, "28            14") {
		t.Fatalf("list:\n%s", list)
	}
	doc := exportDoc(t, db)
	if a := doc.Articles[0]; len(a.Attributions) != 28 || len(a.Claims) != 14 || a.Title != "Seed" {
		t.Fatalf("%d attributions, %d claims in %q", len(a.Attributions), len(a.Claims), a.Title)
	}
}

// TestImportPolNeARDev imports every brat file of PolNeAR's dev split in
// one command.
func TestImportPolNeARDev(t *testing.T) {
	shared := testcorpus.Dir(t)
	if testing.Short() {
		t.Skip("94 imports: not in -short")
	}
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "polnear-dev", "attributions", "*.ann"))
	if len(files) == 0 {
		t.Skip("no PolNeAR dev files")
	}
	db := filepath.Join(t.TempDir(), "p.db")
	_, _, _ = factmark(t, "--db", db, "list")
	code, out, errOut := factmark(t, append([]string{"--db", db, "import"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	doc := exportDoc(t, db)
	n := 0
	for _, a := range doc.Articles {
		n += len(a.Attributions)
	}
	t.Logf("PolNeAR dev: %d files, %d articles, %d attributions imported", len(files), len(doc.Articles), n)
	if strings.Count(out, "imported brat") != len(files) || len(doc.Articles) != 84 || n < 2300 {
		t.Errorf("%d files imported into %d articles with %d attributions; want 94, 84, ~2,300", strings.Count(out, "imported brat"), len(doc.Articles), n)
	}
}

// TestImportBadAnnotationsLeavesProjectUnchanged feeds each importer a
// broken file: the error names the file and what and where, and nothing is
// imported.
func TestImportBadAnnotationsLeavesProjectUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	before := mustRun(t, "--db", db, "export")
	sha := exportDoc(t, db).Articles[0].SHA256
	csvHeader := "article_sha256,article,id,kind,start,end,pieces,quote,source,source_start,source_end,cue,cue_start,cue_end,speaker,attribution_kind,attribution_id,worthiness,worthiness_origin,status,tags,claim_id,verdict,rationale,sources,author,origin,created,modified\r\n"
	writeFile(t, dir, "gold.txt", []byte("The mayor said the tram was late.\n"))
	tests := []struct {
		name, data, want string
	}{
		{"w3c.jsonld", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "target": {"source": "urn:sha256:` + sha + `", "selector": {"type": "TextPositionSelector", "start": "x"}}}`,
			"target.selector.start: must be a whole number, not a string"},
		{"broken.jsonld", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": `, "invalid JSON at line 1"},
		{"reviews.jsonld", `{"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x"}`, "reviewRating: is missing"},
		{"gold.ann", "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsays\n", "line 2: T2: the text column \"says\" does not match the article at 10 14, which reads \"said\""},
		{"lonely.ann", "T1\tClaim 0 3\tThe\n", "the article's text is not beside the brat file"},
		{"rows.csv", csvHeader + sha + ",t,,claim,0,3,,XYZ" + strings.Repeat(",", 21) + "\r\n", "line 2: quote: \"XYZ\" is not the text at 0-3"},
		{"short.csv", csvHeader + "a,b\r\n", "line 2, column 1: wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := writeFile(t, dir, tt.name, []byte(tt.data))
			code, _, errOut := factmark(t, "--db", db, "import", f)
			if code != 1 || !strings.Contains(errOut, tt.name+": ") || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit 1 naming the file and %q", code, errOut, tt.want)
			}
			if after := mustRun(t, "--db", db, "export"); after != before {
				t.Fatal("the project changed after a failed import")
			}
		})
	}
}
