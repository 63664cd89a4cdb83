package interchange

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
	"github.com/factmark/factmark/store"
)

// openProject is a new project on disk, with the given speakers.
func openProject(t testing.TB, speakers ...string) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "project.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, name := range speakers {
		if err := db.CreateSpeaker(context.Background(), &annotate.Speaker{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func registryNames(t testing.TB, db *store.DB) map[string]string {
	t.Helper()
	list, err := db.FindSpeakers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, s := range list {
		names[s.ID] = s.Name
	}
	return names
}

// Every transcript of the dev corpus (NAME: text, SRT, WebVTT with voices,
// rolling captions) imports as an article whose turns are stored, each with
// a speaker of the registry, and read back (rolling captions have no
// speakers, so no turns); subtitles keep their file, whose bytes come back
// with its hash. The same file again finds the same article and adds no
// speaker.
func TestImportTranscriptsDev(t *testing.T) {
	var files []string
	for _, ext := range []string{"txt", "srt", "vtt"} {
		files = append(files, testcorpus.Glob(t, "corpus/transcripts-dev/*."+ext)...)
	}
	if testing.Short() {
		files = shortList(files)
	}
	ctx := context.Background()
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			db := openProject(t)
			data := testcorpus.File(t, "corpus/transcripts-dev", filepath.Base(path))
			r, err := Import(ctx, StoreOf(db), path, data, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			a := r.Article
			rolling := strings.HasSuffix(path, ".rolling.vtt")
			if r.Existed || a == nil || (len(a.Turns) == 0 || r.Speakers == 0 || !strings.HasPrefix(r.TurnsLine(), "found ")) != rolling {
				t.Fatalf("report %+v (%s)", r, r.TurnsLine())
			}
			got, err := db.FindArticleByID(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Turns, a.Turns) {
				t.Errorf("stored turns differ from the report's: %d and %d", len(got.Turns), len(a.Turns))
			}
			names := registryNames(t, db)
			for i, turn := range got.Turns {
				if names[turn.SpeakerID] == "" {
					t.Fatalf("turn %d (%s) has speaker %q, not in the registry", i, turn.Speaker, turn.SpeakerID)
				}
			}
			checkSource(t, db, r, data)

			again, err := Import(ctx, StoreOf(db), path, data, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !again.Existed || again.Article.ID != a.ID || len(registryNames(t, db)) != len(names) ||
				!strings.HasPrefix(again.TurnsLine(), "it has ") != rolling {
				t.Errorf("the same file again: %+v (%s), %d speakers then %d", again, again.TurnsLine(), len(names), len(registryNames(t, db)))
			}
		})
	}
}

// shortList keeps one file of each kind (.txt, .srt, .vtt, .rolling.vtt).
func shortList(files []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		base := filepath.Base(f)
		kind := base[strings.Index(base, "."):]
		if !seen[kind] {
			seen[kind] = true
			out = append(out, f)
		}
	}
	return out
}

// checkSource: an article from subtitles keeps the file (name, type, hash,
// bytes); one from plain text has no source file.
func checkSource(t *testing.T, db *store.DB, r *Report, data []byte) {
	t.Helper()
	kept, src, err := db.SourceFileData(context.Background(), r.Article.ID)
	if r.Format == FormatText {
		if r.Article.Source != nil || annotate.ErrorCode(err) != annotate.ENOTFOUND {
			t.Errorf("a plain text's source: %+v, %v", r.Article.Source, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	want := annotate.SourceFile{Name: filepath.Base(r.Name), Type: mediaType(r.Format), SHA256: annotate.FileHash(data)}
	if *src != want || *r.Article.Source != want || annotate.FileHash(kept) != want.SHA256 {
		t.Errorf("source %+v (article's %+v), kept bytes' hash %s; want %+v", src, r.Article.Source, annotate.FileHash(kept), want)
	}
}

// A transcript whose labels name registered speakers reuses them: "TRUMP"
// is Donald Trump, "CLINTON" Hillary Clinton; the moderator, unknown, is
// added under a readable name, in the same transaction as the article.
func TestImportTranscriptReusesSpeakers(t *testing.T) {
	data := testcorpus.File(t, "corpus/transcripts-dev", "20160926_1pres.txt")
	ctx := context.Background()
	db := openProject(t, "Donald Trump", "Hillary Clinton")
	before := registryNames(t, db)
	r, err := Import(ctx, StoreOf(db), "20160926_1pres.txt", data, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	names := registryNames(t, db)
	byLabel := map[string]string{}
	for _, turn := range r.Article.Turns {
		byLabel[turn.Speaker] = names[turn.SpeakerID]
	}
	if byLabel["TRUMP"] != "Donald Trump" || byLabel["CLINTON"] != "Hillary Clinton" || byLabel["HOLT"] != "Holt" {
		t.Errorf("labels matched to %v", byLabel)
	}
	if len(names) != len(before)+r.SpeakersAdded || r.SpeakersAdded != len(byLabel)-2 {
		t.Errorf("%d speakers before, %d after, report says %d added; labels %v", len(before), len(names), r.SpeakersAdded, byLabel)
	}
}

// The same, without the corpus: a plain text of NAME: turns.
func TestImportPlainTranscript(t *testing.T) {
	const text = "TRUMP: We have to bring back jobs.\n\nHOLT: Thank you. Secretary Clinton?\n\n" +
		"CLINTON: Well, I think that's wrong.\n\nTRUMP: Wrong.\n"
	ctx := context.Background()
	tests := []struct {
		name     string
		speakers []string
		opts     ImportOptions
		want     map[string]string // label → registry name; "" unmatched
		line     string
	}{
		{"matched and added", []string{"Donald Trump", "Hillary Clinton"}, ImportOptions{},
			map[string]string{"TRUMP": "Donald Trump", "HOLT": "Holt", "CLINTON": "Hillary Clinton"},
			"found 4 turns by 3 speakers (1 new in the registry, 2 already there)"},
		{"two Clintons: left to the user", []string{"Bill Clinton", "Hillary Clinton"}, ImportOptions{},
			map[string]string{"TRUMP": "Trump", "HOLT": "Holt", "CLINTON": ""},
			"found 4 turns by 3 speakers (2 new in the registry, 0 already there, 1 not matched)"},
		{"no turns", nil, ImportOptions{Turns: TurnsNone}, map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openProject(t, tt.speakers...)
			r, err := Import(ctx, StoreOf(db), "debate.txt", []byte(text), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			names := registryNames(t, db)
			got := map[string]string{}
			for _, turn := range r.Article.Turns {
				got[turn.Speaker] = names[turn.SpeakerID]
			}
			if !reflect.DeepEqual(got, tt.want) || r.TurnsLine() != tt.line {
				t.Errorf("turns' speakers %v, line %q; want %v, %q", got, r.TurnsLine(), tt.want, tt.line)
			}
			if len(names) != len(tt.speakers)+r.SpeakersAdded {
				t.Errorf("%d speakers after; %d before and %d added", len(names), len(tt.speakers), r.SpeakersAdded)
			}
			if lines := r.Lines(0); tt.line != "" && (len(lines) != 2 || lines[1] != tt.line) {
				t.Errorf("Lines = %q", lines)
			}
			stored, err := db.FindArticleByID(ctx, r.Article.ID)
			if err != nil || !reflect.DeepEqual(stored.Turns, r.Article.Turns) {
				t.Errorf("stored turns %+v, %v", stored, err)
			}
		})
	}
}

// A bad subtitle file stores nothing: no article, no speaker.
func TestImportBadSubtitlesStoresNothing(t *testing.T) {
	ctx := context.Background()
	db := openProject(t, "Lester Holt")
	var before strings.Builder
	if err := db.Dump(ctx, &before); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"bad-times.srt": "1\n00:00:05,000 --> 00:00:01,000\nHOLT: Good evening.\n",
		"cut.vtt":       "WEBVTT\n\n00:00:01.000 --> 00:00",
		"binary.srt":    "1\n00:00:01,000 --> 00:00:02,000\nA\x00B\n",
	} {
		if _, err := Import(ctx, StoreOf(db), name, []byte(data), ImportOptions{}); annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v; want EINVALID naming the file", name, err)
		}
	}
	var after strings.Builder
	if err := db.Dump(ctx, &after); err != nil {
		t.Fatal(err)
	}
	if before.String() != after.String() {
		t.Error("a refused subtitle file changed the project")
	}
}

// Without a registry to match to (a Store with no Speakers), turns are kept
// with their labels only.
func TestImportTurnsWithoutRegistry(t *testing.T) {
	db := openProject(t)
	s := StoreOf(db)
	s.Speakers = nil
	r, err := Import(context.Background(), s, "a.vtt", []byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v Lester Holt>Good evening.\n"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Article.Turns) != 1 || r.Article.Turns[0].SpeakerID != "" || r.Article.Turns[0].Speaker != "Lester Holt" || len(registryNames(t, db)) != 0 {
		t.Errorf("turns %+v", r.Article.Turns)
	}
	if r.TurnsLine() != "found 1 turn by 1 speaker (0 new in the registry, 0 already there, 1 not matched)" {
		t.Errorf("TurnsLine = %q", r.TurnsLine())
	}
}

func TestReadableName(t *testing.T) {
	for label, want := range map[string]string{
		"TRUMP":                    "Trump",
		"SEN. BERNIE SANDERS":      "Sen. Bernie Sanders",
		"O'ROURKE":                 "O'Rourke",
		"D’ANGELO":                 "D’Angelo",
		"DON'T KNOW":               "Don't Know",
		"MODERATOR (HOLT)":         "Moderator (Holt)",
		"JEAN-LUC  MÉLENCHON":      "Jean-Luc Mélenchon",
		"Hillary Clinton":          "Hillary Clinton",
		"McCAIN":                   "McCAIN",
		"UNIDENTIFIED MALE":        "Unidentified Male",
		"SANDERS, PRESIDENTIAL":    "Sanders, Presidential",
		"ÉMILE":                    "Émile",
		"KASICH (R-OH), CANDIDATE": "Kasich (R-Oh), Candidate",
	} {
		if got := ReadableName(label); got != want {
			t.Errorf("ReadableName(%q) = %q, want %q", label, got, want)
		}
	}
}

func TestDetectSubtitles(t *testing.T) {
	tests := []struct {
		name, data string
		want       Format
	}{
		{"talk.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", FormatVTT},
		{"talk.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", FormatVTT},
		{"talk", "1\n00:00:01,000 --> 00:00:02,000\nHi\n", FormatSRT},
		{"talk.srt", "not really", FormatSRT},
		{"talk.txt", "HOLT: Good evening.\n", FormatText},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("DetectFormat(%s, %.12q) = %s, want %s", tt.name, tt.data, got, tt.want)
		}
	}
	if ReadLimit(FormatSRT) <= annotate.MaxTextBytes || !isArticleFormat(FormatVTT) {
		t.Error("subtitles are articles with a larger read limit")
	}
}
