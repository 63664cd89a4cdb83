package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/store"
)

func exportDoc(t *testing.T, db string) *annotate.Document {
	t.Helper()
	doc, err := interchange.ParseDocument([]byte(mustRun(t, "--db", db, "export")))
	if err != nil {
		t.Fatalf("export does not read back: %v", err)
	}
	return doc
}

// withoutLog is a native document without its change log, which an import
// extends with its own entries (store.Import), rewritten as the export
// writes it.
func withoutLog(t *testing.T, data string) string {
	t.Helper()
	doc, err := interchange.ParseDocument([]byte(data))
	if err != nil {
		t.Fatalf("export does not read back: %v", err)
	}
	doc.Audit = nil
	var b strings.Builder
	if err := interchange.WriteDocument(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// annotateSample makes a project with the sample article and one annotation
// of each kind, through the store as the desk would.
func annotateSample(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := prepareProject(ctx, db); err != nil {
		t.Fatal(err)
	}
	list, _ := db.FindArticles(ctx)
	a, err := db.FindArticleByID(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	text := annotate.NewText(a.Text)
	span := func(quote string) annotate.Anchor {
		i := strings.Index(a.Text, quote)
		if i < 0 {
			t.Fatalf("sample lacks %q", quote)
		}
		start := len([]rune(a.Text[:i]))
		anc, err := text.Anchor(start, start+len([]rune(quote)))
		if err != nil {
			t.Fatal(err)
		}
		return anc
	}
	sp := &annotate.Speaker{Name: "Ingrid Halvorsen", Aliases: []string{"Ms. Halvorsen"}, Role: "Mayor"}
	if err := db.CreateSpeaker(ctx, sp); err != nil {
		t.Fatal(err)
	}
	src, cue := span("Mayor Ingrid Halvorsen"), span("opened the session by telling councillors")
	at := &annotate.Attribution{Meta: annotate.Meta{ArticleID: a.ID}, Source: &src, Cue: &cue,
		Content:   []annotate.Anchor{span("the project would cut the journey between Holmvik and the city centre from 41 minutes by bus to 19 minutes by tram")},
		SpeakerID: sp.ID, Kind: annotate.Indirect}
	if err := db.CreateAttribution(ctx, at); err != nil {
		t.Fatal(err)
	}
	w := 0.9
	cl := &annotate.Claim{Meta: annotate.Meta{ArticleID: a.ID}, Anchors: at.Content, SpeakerID: sp.ID,
		AttributionID: at.ID, Worthiness: &w, WorthinessOrigin: annotate.Manual}
	if err := db.CreateClaim(ctx, cl); err != nil {
		t.Fatal(err)
	}
	n := &annotate.Note{Meta: annotate.Meta{ArticleID: a.ID}, ClaimID: cl.ID, Verdict: "Mostly true",
		Rationale: "Timetables give 43 and 19 minutes.", Sources: []annotate.Evidence{{
			URL: "https://example.org/timetable", Title: "Line 4 timetable", Publisher: "Brennport Transit",
			Accessed: "2026-03-05", Excerpt: "Holmvik – Sentrum 43 min"}}}
	if err := db.CreateNote(ctx, n); err != nil {
		t.Fatal(err)
	}
}

func TestExportImportExportIsIdentical(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	annotateSample(t, first)
	out := filepath.Join(dir, "export.json")
	mustRun(t, "--db", first, "export", "--format", "json", "-o", out)
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(want), `"format": "factmark/2"`) || strings.Count(string(want), `"verdict"`) != 1 { // factmark/2: it carries the audit log
		t.Fatalf("export lacks the format or the note:\n%s", want[:min(len(want), 400)])
	}
	second := filepath.Join(dir, "second.db")
	mustRun(t, "--db", second, "import", out)
	if got := mustRun(t, "--db", second, "export"); withoutLog(t, got) != withoutLog(t, string(want)) {
		t.Fatal("export → import into an empty project → export differs")
	}
	if again := mustRun(t, "--db", second, "import", out); !strings.Contains(again, "0 annotations saved, 3 unchanged") {
		t.Fatalf("re-import said %q", again)
	}
}

func TestExportOneArticle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	mustRun(t, "--db", db, "import", writeFile(t, dir, "b.txt", []byte("Another article.\n")))
	doc := exportDoc(t, db)
	if len(doc.Articles) != 2 {
		t.Fatalf("%d articles exported, want 2", len(doc.Articles))
	}
	id := doc.Articles[1].ID
	one, err := interchange.ParseDocument([]byte(mustRun(t, "--db", db, "export", "--article", id)))
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Articles) != 1 || one.Articles[0].ID != id || len(one.Speakers) != 0 {
		t.Fatalf("export --article gave %d articles, %d speakers", len(one.Articles), len(one.Speakers))
	}
	code, _, errOut := factmark(t, "--db", db, "export", "--article", "00000000-0000-0000-0000-000000000000")
	if code != 1 || !strings.Contains(errOut, "no article") {
		t.Fatalf("unknown article: exit %d, %q", code, errOut)
	}
}

func TestExportToUnwritablePlaceKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	code, _, errOut := factmark(t, "--db", db, "export", "-o", filepath.Join(dir, "no", "such", "dir.json"))
	if code != 1 || !strings.Contains(errOut, "cannot write") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	out := writeFile(t, dir, "old.json", []byte("old"))
	mustRun(t, "--db", db, "export", "-o", out)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.Contains(e.Name(), ".factmark-tmp-") {
			t.Fatalf("temporary file %s left behind", e.Name())
		}
	}
}

func TestFirstStartLoadsSample(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	annotateSample(t, db)
	doc := exportDoc(t, db)
	if len(doc.Articles) != 1 || !strings.Contains(doc.Articles[0].Title, "Brennport") {
		t.Fatalf("first start did not load the sample: %d articles", len(doc.Articles))
	}
}
