package store

import (
	"bytes"
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// transcriptText is a small transcript: two labelled turns.
const transcriptText = "HOLT: Good evening from Hofstra University.\n\nTRUMP: Thank you, Lester.\n"

// sourceHTML is a source file that compresses well, as HTML does.
var sourceHTML = []byte("<!doctype html><html><body>" + strings.Repeat("<p>Good evening from Hofstra University.</p>\n", 200) + "</body></html>")

// transcriptArticle is an article of transcriptText with two turns (the
// second with times and the speaker given), one page and a source file.
func transcriptArticle(t testing.TB, f *fixture, speakerID string) *annotate.Article {
	t.Helper()
	a, err := annotate.NewArticle([]byte(transcriptText), annotate.ArticleMeta{Title: "Debate"}, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	a.Turns = []annotate.Turn{
		{Speaker: "HOLT", Start: 6, End: 43},
		{Speaker: "TRUMP", SpeakerID: speakerID, Start: 52, End: 70, TimeStart: ptr(1.5), TimeEnd: ptr(4.25)},
	}
	a.Pages = []annotate.Page{{Number: 1, Start: 0, End: 71}}
	a.Source = &annotate.SourceFile{Name: "debate.html", Type: "text/html", SHA256: annotate.FileHash(sourceHTML)}
	a.SourceData = sourceHTML
	return a
}

func (f *fixture) speaker(t testing.TB, name string, aliases ...string) *annotate.Speaker {
	t.Helper()
	s := &annotate.Speaker{Name: name, Aliases: aliases}
	f.mustCreate(t, s)
	return s
}

// An article's pages, turns and source file are stored with it and read back
// wherever the article is; the source file's bytes come back through
// SourceFileData, and are stored compressed.
func TestProvenanceRoundTrip(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	trump := f.speaker(t, "Donald Trump")
	a := transcriptArticle(t, f, trump.ID)
	if existed, err := f.db.CreateArticle(ctx, a); err != nil || existed {
		t.Fatalf("CreateArticle = %v, %v", existed, err)
	}
	want := *a
	want.SourceData = nil
	got, err := f.db.FindArticleByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("FindArticleByID:\n got %+v\nwant %+v", *got, want)
	}
	doc, err := f.db.Export(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Articles) != 1 || !reflect.DeepEqual(doc.Articles[0].Article, want) {
		t.Errorf("Export: %+v", doc.Articles)
	}
	if len(doc.Speakers) != 1 || doc.Speakers[0].ID != trump.ID {
		t.Errorf("the export of one article has speakers %+v; want its turn's speaker", doc.Speakers)
	}
	if found, err := f.db.FindArticleBySource(ctx, "urn:sha256:"+a.SHA256); err != nil || !reflect.DeepEqual(*found, want) {
		t.Errorf("FindArticleBySource = %+v, %v", found, err)
	}

	data, src, err := f.db.SourceFileData(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, sourceHTML) || annotate.FileHash(data) != a.Source.SHA256 || *src != *a.Source {
		t.Errorf("SourceFileData = %d bytes (sha256 %s), %+v; want the %d bytes given", len(data), annotate.FileHash(data), src, len(sourceHTML))
	}
	var stored int
	if err := f.db.db.QueryRow("SELECT length(data) FROM sources WHERE article_id = ?", a.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored*5 > len(sourceHTML) {
		t.Errorf("the source is stored in %d bytes for %d; want it compressed", stored, len(sourceHTML))
	}

	// The same text imported again is the stored article, with its turns.
	again := transcriptArticle(t, f, "")
	again.Turns = nil
	if existed, err := f.db.CreateArticle(ctx, again); err != nil || !existed || !reflect.DeepEqual(*again, want) {
		t.Errorf("CreateArticle of the same text = %v, %v: %+v", existed, err, *again)
	}
}

// A plain article has no pages, turns or source file, and no source bytes.
func TestSourceFileDataOfPlainText(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	got, err := f.db.FindArticleByID(ctx, f.art.ID)
	if err != nil || got.Pages != nil || got.Turns != nil || got.Source != nil {
		t.Fatalf("FindArticleByID = %+v, %v", got, err)
	}
	_, _, err = f.db.SourceFileData(ctx, f.art.ID)
	wantError(t, err, annotate.ENOTFOUND, "plain text")
	_, _, err = f.db.SourceFileData(ctx, annotate.NewID())
	wantError(t, err, annotate.ENOTFOUND, "no article")
}

// A source file larger than the project keeps leaves its article stored with
// the file's name, type and hash, and SourceFileData says why the bytes are
// not there.
func TestSourceFileTooLargeKeepsTheHash(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	defer func(n int) { maxSourceBytes = n }(maxSourceBytes)
	maxSourceBytes = len(sourceHTML) - 1
	a := transcriptArticle(t, f, "")
	if _, err := f.db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.FindArticleByID(ctx, a.ID)
	if err != nil || got.Source == nil || *got.Source != *a.Source {
		t.Fatalf("FindArticleByID = %+v, %v", got, err)
	}
	_, src, err := f.db.SourceFileData(ctx, a.ID)
	wantError(t, err, annotate.ENOTFOUND, "debate.html", "was not kept", annotate.SizeString(len(sourceHTML)), a.Source.SHA256)
	if src == nil || *src != *a.Source {
		t.Errorf("SourceFileData's file = %+v", src)
	}
}

// Source bytes that do not match their hash, or a damaged blob, are refused
// on the way in and reported on the way out.
func TestSourceFileDataChecksTheBytes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := transcriptArticle(t, f, "")
	a.SourceData = append([]byte("x"), sourceHTML...)
	_, err := f.db.CreateArticle(ctx, a)
	wantError(t, err, annotate.EINVALID, "source.sha256", "does not match")

	a = transcriptArticle(t, f, "")
	if _, err := f.db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	blob, _ := compress(append([]byte("y"), sourceHTML[1:]...))
	if _, err := f.db.db.Exec("UPDATE sources SET data = ? WHERE article_id = ?", blob, a.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.db.SourceFileData(ctx, a.ID)
	wantError(t, err, annotate.EINTERNAL, "debate.html", "damaged")
	if _, err := f.db.db.Exec("UPDATE sources SET data = ? WHERE article_id = ?", []byte("not gzip"), a.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.db.SourceFileData(ctx, a.ID)
	wantError(t, err, annotate.EINTERNAL, "damaged")
}

// A turn's speaker must be in the registry: an unknown one is refused with
// nothing stored.
func TestTurnSpeakerMustBeInTheProject(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := transcriptArticle(t, f, annotate.NewID())
	_, err := f.db.CreateArticle(ctx, a)
	wantError(t, err, annotate.EINVALID, "turns[1].speaker_id", "no speaker")
	if _, err := f.db.FindArticleByID(ctx, a.ID); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("a refused article was stored: %v", err)
	}
}

// UpdateArticleTurns replaces an article's turns, or removes them; wrong
// turns are refused with the stored ones kept.
func TestUpdateArticleTurns(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	holt := f.speaker(t, "Lester Holt")
	a := transcriptArticle(t, f, "")
	if _, err := f.db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	edited := []annotate.Turn{{Speaker: "HOLT", SpeakerID: holt.ID, Start: 0, End: 43, TimeEnd: ptr(2.0)}}
	tests := []struct {
		name  string
		id    string
		turns []annotate.Turn
		code  string
		parts []string
		want  []annotate.Turn
	}{
		{"edited", a.ID, edited, "", nil, edited},
		{"span past the text", a.ID, []annotate.Turn{{Speaker: "X", Start: 0, End: 500}}, annotate.EINVALID, []string{"turns", "outside the text"}, edited},
		{"overlapping", a.ID, []annotate.Turn{{Speaker: "X", Start: 0, End: 10}, {Speaker: "Y", Start: 5, End: 12}}, annotate.EINVALID, []string{"turns", "[1]"}, edited},
		{"unknown speaker", a.ID, []annotate.Turn{{Speaker: "X", SpeakerID: annotate.NewID(), Start: 0, End: 10}}, annotate.EINVALID, []string{"turns[0].speaker_id"}, edited},
		{"no such article", annotate.NewID(), edited, annotate.ENOTFOUND, []string{"no article"}, edited},
		{"declined", a.ID, nil, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.db.UpdateArticleTurns(ctx, tt.id, tt.turns)
			if tt.code == "" && err != nil {
				t.Fatal(err)
			} else if tt.code != "" {
				wantError(t, err, tt.code, tt.parts...)
			}
			got, err := f.db.FindArticleByID(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Turns, tt.want) {
				t.Errorf("turns after: %+v; want %+v", got.Turns, tt.want)
			}
		})
	}
}

// A document's turns point at its speakers; imported, they point at the
// stored speakers those were matched to (here by name, under another ID).
func TestImportMapsTurnSpeakers(t *testing.T) {
	src := newFixture(t)
	ctx := context.Background()
	trump := src.speaker(t, "Donald Trump")
	a := transcriptArticle(t, src, trump.ID)
	if _, err := src.db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	doc, err := src.db.Export(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}

	dst := newFixture(t)
	stored := dst.speaker(t, "Donald Trump")
	res, err := dst.db.Import(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if res.SpeakersFound != 1 || res.SpeakersAdded != 0 || res.ArticlesAdded != 1 {
		t.Errorf("Import = %+v", res)
	}
	got, err := dst.db.FindArticleByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Turns) != 2 || got.Turns[1].SpeakerID != stored.ID || got.Turns[0].SpeakerID != "" {
		t.Errorf("imported turns %+v; want the second's speaker %s", got.Turns, stored.ID)
	}
	if got.Source == nil || *got.Source != *a.Source || !reflect.DeepEqual(got.Pages, a.Pages) {
		t.Errorf("imported source %+v, pages %+v", got.Source, got.Pages)
	}
	// The document names the source file but does not hold it.
	_, _, err = dst.db.SourceFileData(ctx, a.ID)
	wantError(t, err, annotate.ENOTFOUND, "debate.html", "not in the project")

	// Importing the file itself afterwards keeps its bytes.
	file := transcriptArticle(t, dst, "")
	if existed, err := dst.db.CreateArticle(ctx, file); err != nil || !existed {
		t.Fatalf("CreateArticle = %v, %v", existed, err)
	}
	if data, _, err := dst.db.SourceFileData(ctx, a.ID); err != nil || !bytes.Equal(data, sourceHTML) {
		t.Errorf("SourceFileData after importing the file = %d bytes, %v", len(data), err)
	}
}

// A project of schema 3 (before pages, turns and sources) opens, its
// articles read back without them, and takes new ones with them.
func TestMigrationAddsProvenance(t *testing.T) {
	path := t.TempDir() + "/project.db"
	if err := prepareFile(path); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, "file:"+path+"?_journal_mode=WAL")
	for _, m := range migrations()[:3] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
	}
	old := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	_, err := raw.Exec(`PRAGMA user_version = 3; PRAGMA application_id = `+strconv.Itoa(applicationID)+`;
		INSERT INTO articles (id, title, text, sha256, imported_at, language) VALUES (?, ?, ?, ?, '2026-03-04T10:00:00.000000000Z', 'en')`,
		old.ID, old.Title, old.Text, old.SHA256)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	if err := db.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != len(migrations()) || version < 4 {
		t.Fatalf("user_version = %d, %v", version, err)
	}
	ctx := context.Background()
	got, err := db.FindArticleByID(ctx, old.ID)
	if err != nil || got.Text != old.Text || got.Pages != nil || got.Turns != nil || got.Source != nil {
		t.Fatalf("the old article: %+v, %v", got, err)
	}
	f := &fixture{db: db, clock: newClock()}
	a := transcriptArticle(t, f, "")
	if _, err := db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindArticleByID(ctx, a.ID); err != nil || len(got.Turns) != 2 || got.Source == nil {
		t.Errorf("a new article after the migration: %+v, %v", got, err)
	}
	if err := db.UpdateArticleTurns(ctx, old.ID, []annotate.Turn{{Speaker: "Mayor", Start: 0, End: 5}}); err != nil {
		t.Errorf("turns for the old article: %v", err)
	}
}

// Deleting a speaker (as the registry may come to allow) leaves the turns
// with their labels and no speaker; deleting an article takes its turns and
// source with it.
func TestProvenanceForeignKeys(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	trump := f.speaker(t, "Donald Trump")
	a := transcriptArticle(t, f, trump.ID)
	if _, err := f.db.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.db.Exec("DELETE FROM speakers WHERE id = ?", trump.ID); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.FindArticleByID(ctx, a.ID)
	if err != nil || len(got.Turns) != 2 || got.Turns[1].SpeakerID != "" || got.Turns[1].Speaker != "TRUMP" {
		t.Errorf("turns after the speaker went: %+v, %v", got, err)
	}
	if _, err := f.db.db.Exec("DELETE FROM articles WHERE id = ?", a.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	f.db.db.QueryRow("SELECT (SELECT count(*) FROM turns) + (SELECT count(*) FROM sources)").Scan(&n)
	if n != 0 {
		t.Errorf("%d turns and sources left after their article went", n)
	}
}

// A project with a transcript exports as factmark/2, and export → import
// into an empty project → export gives the same bytes.
func TestTranscriptProjectRoundTrip(t *testing.T) {
	src := newFixture(t)
	ctx := context.Background()
	trump := src.speaker(t, "Donald Trump")
	if _, err := src.db.CreateArticle(ctx, transcriptArticle(t, src, trump.ID)); err != nil {
		t.Fatal(err)
	}
	src.mustCreate(t, src.claim(t))
	first := exportJSON(t, src.db)
	if !bytes.Contains(first, []byte(`"format": "factmark/2"`)) || !bytes.Contains(first, []byte(`"speaker_id": "`+trump.ID+`"`)) {
		t.Fatalf("export:\n%.300s", first)
	}
	doc, err := interchange.ParseDocument(first)
	if err != nil {
		t.Fatal(err)
	}
	dst := openTestDB(t)
	if _, err := dst.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if first, second := contentJSON(t, src.db), contentJSON(t, dst); !bytes.Equal(first, second) {
		t.Errorf("export → import → export changed the bytes")
	}
}
