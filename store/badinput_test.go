package store

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// The store's side of bad input: a document or an article that breaks a rule
// is refused with an error that names the fault, and the project is left as
// it was.

func TestImportRefusesInvalidDocuments(t *testing.T) {
	src := newFixture(t)
	buildProject(t, src)
	data := exportJSON(t, src.db)

	tests := []struct {
		name   string
		break_ func(d *annotate.Document)
		parts  []string
	}{
		{"claim end past the text", func(d *annotate.Document) {
			a := &d.Articles[0].Claims[0].Anchors[0]
			a.End = len([]rune(d.Articles[0].Text)) + 10
		}, []string{"articles[0].claims[", "anchors[0]", "past the end"}},
		{"claim start negative", func(d *annotate.Document) {
			d.Articles[0].Claims[1].Anchors[0].Start = -3
		}, []string{"articles[0].claims[1].anchors[0]", "negative"}},
		{"end before start", func(d *annotate.Document) {
			a := &d.Articles[0].Attributions[0].Content[0]
			a.Start, a.End = a.End, a.Start
		}, []string{"articles[0].attributions[0].content[0]", "not after start"}},
		{"quote mismatch", func(d *annotate.Document) {
			a := &d.Articles[0].Attributions[1].Content[0]
			a.Exact = strings.Replace(a.Exact, "12", "13", 1)
		}, []string{"articles[0].attributions[1].content[0]", "quote", "does not match"}},
		{"quote shifted by one code point (an emoji counted as two)", func(d *annotate.Document) {
			a := &d.Articles[0].Notes[1].Target
			if *a == nil {
				a = &d.Articles[0].Notes[0].Target
			}
			(*a).Start++
			(*a).End++
		}, []string{"articles[0].notes[", "target", "does not match"}},
		{"prefix that is not the text", func(d *annotate.Document) {
			d.Articles[0].Attributions[0].Cue.Prefix = "xyz "
		}, []string{"articles[0].attributions[0].cue.prefix"}},
		{"note on a claim of no article", func(d *annotate.Document) {
			for i := range d.Articles[0].Notes {
				if n := &d.Articles[0].Notes[i]; n.ClaimID != "" {
					n.ClaimID = annotate.NewID()
				}
			}
		}, []string{"articles[0].notes[", "no claim"}},
		{"claimant not in the document", func(d *annotate.Document) {
			for i := range d.Articles[0].Claims {
				d.Articles[0].Claims[i].SpeakerID = annotate.NewID()
			}
		}, []string{"articles[0].claims[", "claimant", "no speaker"}},
		{"verdict off the document's scale", func(d *annotate.Document) {
			d.Articles[0].Notes[0].Verdict = "Pants on fire"
		}, []string{"articles[0].notes[0].verdict"}},
		{"worthiness out of range", func(d *annotate.Document) {
			d.Articles[0].Claims[0].Worthiness = ptr(1.5)
		}, []string{"articles[0].claims[0].worthiness"}},
		{"worthiness NaN", func(d *annotate.Document) {
			d.Articles[0].Claims[0].Worthiness = ptr(math.NaN())
		}, []string{"articles[0].claims[0].worthiness"}},
		{"an annotation ID twice", func(d *annotate.Document) {
			d.Articles[0].Notes[0].ID = d.Articles[0].Claims[0].ID
		}, []string{"appears twice"}},
		{"text changed under its anchors", func(d *annotate.Document) {
			a := &d.Articles[0].Article
			a.Text = strings.Replace(a.Text, "Budget row", "Budget rows", 1)
			a.SHA256 = annotate.TextHash(a.Text)
		}, []string{"articles[0]", "does not match"}},
		{"text that does not match its hash", func(d *annotate.Document) {
			d.Articles[0].Text += "!"
		}, []string{"articles[0].sha256"}},
		{"text over the size limit", func(d *annotate.Document) {
			a := &d.Articles[1].Article
			a.Text += strings.Repeat("x", annotate.MaxTextBytes)
			a.SHA256 = annotate.TextHash(a.Text)
		}, []string{"articles[1].text", "limit"}},
		{"a turn's speaker not in the document", func(d *annotate.Document) {
			d.Articles[0].Turns = []annotate.Turn{{Speaker: "X", SpeakerID: annotate.NewID(), Start: 0, End: 3}}
		}, []string{"articles[0].turns[0].speaker_id", "no speaker"}},
		{"turns in a factmark/1 document", func(d *annotate.Document) {
			d.Format = annotate.NativeFormatV1
			d.Articles[1].Turns = []annotate.Turn{{Speaker: "X", Start: 0, End: 3}}
		}, []string{"articles[1].turns", "factmark/2"}},
		{"another format", func(d *annotate.Document) {
			d.Format = "factmark/9"
		}, []string{"format"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A project with its own article and annotations, and one of
			// the document's articles.
			target := newFixture(t)
			target.mustCreate(t, target.claim(t))
			target.addArticle(t, "Second\nMr. Nobody said “trust me”.\n", "")
			before := exportJSON(t, target.db)

			doc, err := interchange.ParseDocument(data)
			if err != nil {
				t.Fatal(err)
			}
			tt.break_(doc)
			res, err := target.db.Import(context.Background(), doc)
			wantError(t, err, annotate.EINVALID, tt.parts...)
			if res.Saved != 0 || res.ArticlesAdded != 0 {
				t.Errorf("a refused import reports %+v", res)
			}
			if after := exportJSON(t, target.db); !bytes.Equal(before, after) {
				t.Errorf("a refused import changed the project")
			}
		})
	}
}

// A project with notes keeps its scale: a document whose verdicts are not on
// it is refused as a whole.
func TestImportRefusesVerdictsOffTheProjectScale(t *testing.T) {
	src := newFixture(t)
	buildProject(t, src) // notes rated on the "Échelle" scale
	doc, err := interchange.ParseDocument(exportJSON(t, src.db))
	if err != nil {
		t.Fatal(err)
	}
	target := newFixture(t)
	target.mustCreate(t, target.note(t)) // on the default scale
	before := exportJSON(t, target.db)
	_, err = target.db.Import(context.Background(), doc)
	wantError(t, err, annotate.EINVALID, "verdict", "Factmark default")
	if after := exportJSON(t, target.db); !bytes.Equal(before, after) {
		t.Errorf("a refused import changed the project")
	}
}

func TestCreateArticleRefusesHugeText(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before := exportJSON(t, f.db)
	huge := strings.Repeat("A long, long transcript. ", 50<<20/25) // 50 MB
	if len(huge) <= annotate.MaxTextBytes {
		t.Fatalf("the text is only %d bytes", len(huge))
	}

	// The domain refuses it first, when a file is turned into an article...
	_, err := annotate.NewArticle([]byte(huge), annotate.ArticleMeta{}, time.Now())
	wantError(t, err, annotate.EINVALID, "50 MB", "limit")

	// ...and an article built by hand is refused by Validate, in the store.
	a := &annotate.Article{ID: annotate.NewID(), Title: "Huge", Text: huge, SHA256: annotate.TextHash(huge),
		Language: "en", ImportedAt: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
	wantError(t, a.Validate(), annotate.EINVALID, "text", "limit")
	existed, err := f.db.CreateArticle(ctx, a)
	wantError(t, err, annotate.EINVALID, "text", "limit")
	if existed {
		t.Error("existed = true")
	}
	if after := exportJSON(t, f.db); !bytes.Equal(before, after) {
		t.Errorf("a refused article changed the project")
	}
}

// Articles that are not normalised text never get in: their anchors would
// count code points of another text.
func TestCreateArticleRefusesUnnormalisedText(t *testing.T) {
	f := newFixture(t)
	for _, text := range []string{"Cafe\u0301 au lait\n", "Line one\r\nLine two\n", "\uFEFFByte order mark\n", "Bad \xff byte\n", "   \n\t\n"} {
		a := &annotate.Article{ID: annotate.NewID(), Title: "Bad", Text: text, SHA256: annotate.TextHash(text),
			ImportedAt: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
		_, err := f.db.CreateArticle(context.Background(), a)
		wantError(t, err, annotate.EINVALID, "text")
	}
	if list, _ := f.db.FindArticles(context.Background()); len(list) != 1 {
		t.Errorf("%d articles, want 1", len(list))
	}
}
