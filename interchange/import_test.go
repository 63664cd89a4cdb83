package interchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// fakeStore is a project in memory: articles by text, and the documents
// imported into it. The services' other methods are not used by an import
// (calling one panics on the nil interface).
type fakeStore struct {
	annotate.ArticleService
	annotate.AnnotationService
	articles  []*annotate.Article
	imported  []*annotate.Document
	importErr error              // what Documents.Import fails with, if not nil
	exports   *annotate.Document // what Documents.Export gives, by article
	settings  annotate.Settings
}

func (s *fakeStore) store() Store {
	return Store{Articles: s, Annotations: s, Settings: s, Documents: s}
}

func (s *fakeStore) CreateArticle(_ context.Context, a *annotate.Article) (bool, error) {
	for _, b := range s.articles {
		if b.SHA256 == a.SHA256 {
			*a = *b
			return true, nil
		}
	}
	c := *a
	s.articles = append(s.articles, &c)
	return false, nil
}

func (s *fakeStore) FindArticleBySource(_ context.Context, source string) (*annotate.Article, error) {
	for _, a := range s.articles {
		if SameSource(a, source) {
			c := *a
			return &c, nil
		}
	}
	return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", source)
}

func (s *fakeStore) FindAnnotations(context.Context, string) (*annotate.Annotations, error) {
	return &annotate.Annotations{}, nil
}

func (s *fakeStore) Settings(context.Context) (annotate.Settings, error) {
	set := s.settings
	set.Scale = annotate.DefaultScale()
	return set, nil
}

func (s *fakeStore) UpdateSettings(context.Context, annotate.Settings) error { return nil }

func (s *fakeStore) Export(_ context.Context, ids ...string) (*annotate.Document, error) {
	if s.exports == nil {
		return nil, errors.New("nothing to export in this fake")
	}
	d := *s.exports
	d.Articles = nil
	for _, a := range s.exports.Articles {
		if len(ids) == 0 || slices.Contains(ids, a.ID) {
			d.Articles = append(d.Articles, a)
		}
	}
	if len(ids) > 0 && len(d.Articles) == 0 {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", ids[0])
	}
	return &d, nil
}

func (s *fakeStore) Import(_ context.Context, doc *annotate.Document) (annotate.ImportResult, error) {
	if s.importErr != nil {
		return annotate.ImportResult{}, s.importErr
	}
	s.imported = append(s.imported, doc)
	res := annotate.ImportResult{Saved: doc.Count(), SpeakersAdded: len(doc.Speakers)}
	for _, a := range doc.Articles {
		res.ArticlesFound++
		res.ArticleIDs = append(res.ArticleIDs, a.ID)
	}
	return res, nil
}

// projectWithArticle is a fake project holding the ClaimReview tests'
// article (at https://ledger.example/tram), without annotations.
func projectWithArticle(t *testing.T) (*fakeStore, *annotate.Article) {
	a := crTestDocument(t).Articles[0].Article
	return &fakeStore{articles: []*annotate.Article{&a}}, &a
}

func TestImportText(t *testing.T) {
	s := &fakeStore{}
	opts := ImportOptions{Meta: annotate.ArticleMeta{Outlet: "The Ledger"}, Now: importNow}
	r, err := Import(context.Background(), s.store(), "dam.md", []byte("# Dam “safe”, minister says\r\nThe minister said so.\r\n"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != FormatText || r.Article == nil || r.Existed || len(s.articles) != 1 || r.ArticleID() != s.articles[0].ID {
		t.Fatalf("report %+v, stored %d articles", r, len(s.articles))
	}
	a := s.articles[0]
	if a.Title != "Dam “safe”, minister says" || a.Outlet != "The Ledger" || a.Text != "# Dam “safe”, minister says\nThe minister said so.\n" || !a.ImportedAt.Equal(importNow) {
		t.Errorf("article %+v", a)
	}
	if got, want := r.Lines(0), []string{"imported " + a.ID + " Dam “safe”, minister says"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	again, err := Import(context.Background(), s.store(), "copy.txt", []byte("# Dam “safe”, minister says\nThe minister said so.\n"), opts)
	if err != nil || !again.Existed || again.ArticleID() != a.ID || again.Summary() != "already imported "+a.ID+" Dam “safe”, minister says" {
		t.Errorf("the same text again: %+v, %v", again, err)
	}
}

// TestImportTextRefused: a text that is not one, or details the user gave
// wrong, store nothing.
func TestImportTextRefused(t *testing.T) {
	tests := []struct {
		name string
		data string
		meta annotate.ArticleMeta
		want string
	}{
		{"empty", "", annotate.ArticleMeta{}, "empty"},
		{"invalid UTF-8", "Caf\xe9\n", annotate.ArticleMeta{}, "UTF-8"},
		{"bad date given", "A text.\n", annotate.ArticleMeta{Published: "March"}, "published"},
		{"bad date and bad text: the user's date first", "Caf\xe9\n", annotate.ArticleMeta{Published: "March"}, "published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &fakeStore{}
			r, err := Import(context.Background(), s.store(), "a.txt", []byte(tt.data), ImportOptions{Meta: tt.meta})
			if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), tt.want) || r != nil || len(s.articles) != 0 {
				t.Errorf("Import = %v, %v; stored %d; want EINVALID about %q, nothing stored", r, err, len(s.articles), tt.want)
			}
		})
	}
}

func TestExtractArticleRefusesAnnotationFormats(t *testing.T) {
	for _, f := range []Format{FormatNative, FormatW3C, FormatBrat} {
		if _, err := extractArticle(f, "x", []byte("{}")); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("extractArticle(%s) = %v, want EINVALID", f, err)
		}
	}
	if !isArticleFormat(FormatText) || isArticleFormat(FormatCSV) {
		t.Error("isArticleFormat")
	}
	if ReadLimit(FormatText) != annotate.MaxTextBytes || ReadLimit(FormatW3C) != MaxDocumentBytes {
		t.Error("ReadLimit")
	}
}

func TestMergeMeta(t *testing.T) {
	file := annotate.ArticleMeta{Title: "From the page", URL: "https://a.example/x", Authors: []string{"Page Author"}, Language: "fr"}
	got := mergeMeta(annotate.ArticleMeta{Title: "Given", Authors: []string{"Given Author"}, Outlet: "Given outlet"}, file)
	want := annotate.ArticleMeta{Title: "Given", URL: "https://a.example/x", Outlet: "Given outlet", Authors: []string{"Given Author"}, Language: "fr"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("mergeMeta = %+v, want %+v", got, want)
	}
	if got := mergeMeta(annotate.ArticleMeta{Title: "  "}, file); got.Title != "From the page" || got.Authors[0] != "Page Author" {
		t.Errorf("blank title given: %+v", got)
	}
}

// reviews is a ClaimReview file on the test article: one review placed, one
// whose claim is not in the text (an orphan), and a WebPage (skipped).
const reviews = `[
  {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://factcheck.example/1",
   "claimReviewed": "had finished 34 percent over budget and two years late",
   "itemReviewed": {"@type": "Claim", "appearance": [{"@type": "NewsArticle", "url": "https://ledger.example/tram/"}]},
   "reviewRating": {"@type": "Rating", "alternateName": "False"}},
  {"@type": "ClaimReview", "url": "https://factcheck.example/2", "claimReviewed": "The mayor misled the council about costs",
   "itemReviewed": {"@type": "Claim", "appearance": {"url": "https://ledger.example/tram"}},
   "reviewRating": {"@type": "Rating", "alternateName": "False"}},
  {"@type": "WebPage", "url": "https://factcheck.example/"}
]`

// TestImportReportsWhatWasLeftOut is the drift the one import path ends:
// the report counts the skipped annotations and lists every orphan, for
// the command line and the desk alike.
func TestImportReportsWhatWasLeftOut(t *testing.T) {
	s, a := projectWithArticle(t)
	r, err := Import(context.Background(), s.store(), "reviews.jsonld", []byte(reviews), ImportOptions{Now: importNow})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != FormatClaimReview || len(s.imported) != 1 || s.imported[0].Count() != 2 || r.ArticleID() != a.ID {
		t.Fatalf("report %+v, %d documents imported", r, len(s.imported))
	}
	lines := r.Lines(0)
	want := []string{
		"imported schema.org ClaimReview (JSON-LD): 0 articles (1 already there), 0 speakers (0 already there), 2 annotations saved, 0 unchanged",
		"skipped 1 annotation that is not an attribution, claim or review",
		"left out 1 annotation that could not be placed in its article's text:",
	}
	if len(lines) != 4 || strings.Join(lines[:3], "\n") != strings.Join(want, "\n") ||
		!strings.HasPrefix(lines[3], "  [1] (") || !strings.Contains(lines[3], "is not in the article") {
		t.Errorf("Lines =\n%s", strings.Join(lines, "\n"))
	}
	if !r.LeftOut() || r.String() != strings.Join(lines, "\n") {
		t.Errorf("LeftOut %v, String %q", r.LeftOut(), r.String())
	}
}

func TestReportLinesCapOrphans(t *testing.T) {
	r := &Report{Format: FormatW3C, Stored: annotate.ImportResult{Saved: 1}}
	if r.LeftOut() || len(r.Lines(0)) != 1 {
		t.Errorf("nothing left out: %v, %q", r.LeftOut(), r.Lines(0))
	}
	for i := range 25 {
		r.Orphans = append(r.Orphans, fmt.Sprintf("items[%d] (id): not in the text", i))
	}
	tests := []struct {
		max, lines int
		last       string
	}{
		{0, 27, "  items[24] (id): not in the text"},
		{-1, 27, "  items[24] (id): not in the text"},
		{25, 27, "  items[24] (id): not in the text"},
		{20, 23, "  and 5 more"},
		{1, 4, "  and 24 more"},
	}
	for _, tt := range tests {
		lines := r.Lines(tt.max)
		if len(lines) != tt.lines || lines[len(lines)-1] != tt.last || lines[1] != "left out 25 annotations that could not be placed in their article's text:" {
			t.Errorf("Lines(%d): %d lines ending %q, want %d ending %q", tt.max, len(lines), lines[len(lines)-1], tt.lines, tt.last)
		}
	}
	if len(r.Orphans) != 25 {
		t.Errorf("Lines changed the orphans: %d", len(r.Orphans))
	}
}

// TestImportNonePlaced: a file none of whose annotations can be placed is
// refused, naming the first few and how many more.
func TestImportNonePlaced(t *testing.T) {
	s, _ := projectWithArticle(t)
	var items []string
	for i := range 5 {
		items = append(items, fmt.Sprintf(`{"type": "Annotation", "id": "https://x.example/%d",
		  "target": {"source": "https://ledger.example/tram", "selector": {"type": "TextQuoteSelector", "exact": "words that are not there %d"}}}`, i, i))
	}
	data := `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [` + strings.Join(items, ",") + `]}`
	_, err := Import(context.Background(), s.store(), "gone.jsonld", []byte(data), ImportOptions{})
	msg := annotate.ErrorMessage(err)
	if annotate.ErrorCode(err) != annotate.EINVALID || !strings.HasPrefix(msg, "none of its 5 annotations could be placed in an article of the project: items[0] (") ||
		strings.Count(msg, "items[") != MaxOrphansInError || !strings.HasSuffix(msg, "; and 2 more") || len(s.imported) != 0 {
		t.Errorf("Import = %v; %d documents imported", err, len(s.imported))
	}
}

// TestImportStoreFails: the store's error comes back as it is, and there
// is no report.
func TestImportStoreFails(t *testing.T) {
	s, _ := projectWithArticle(t)
	s.importErr = annotate.Errorf(annotate.EBUSY, "the project is busy")
	r, err := Import(context.Background(), s.store(), "reviews.jsonld", []byte(reviews), ImportOptions{})
	if r != nil || annotate.ErrorCode(err) != annotate.EBUSY {
		t.Errorf("Import = %v, %v; want the store's EBUSY", r, err)
	}
}

// TestImportBrat reads the text beside a brat file through ReadFile, with
// the user's details, and stamps the annotations with the file's time.
func TestImportBrat(t *testing.T) {
	s := &fakeStore{}
	text := "The mayor said the tram was late.\n"
	ann := "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 33\tthe tram was late.\nT4\tAttribution 10 14\tsaid\n" +
		"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT5\tDiscuss 4 9\tmayor\n"
	files := fakeFiles(map[string][]byte{"dir/tram.txt": []byte(text)})
	opts := ImportOptions{Meta: annotate.ArticleMeta{Title: "Tram"}, ReadFile: files, FileTime: bratNow, Now: importNow}
	r, err := Import(context.Background(), s.store(), "dir/tram.ann", []byte(ann), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != FormatBrat || r.Skipped != 1 || len(s.imported) != 1 {
		t.Fatalf("report %+v", r)
	}
	doc := s.imported[0]
	got := doc.Articles[0]
	if got.Title != "Tram" || len(got.Attributions) != 1 || !got.Attributions[0].Created.Equal(bratNow) {
		t.Errorf("article %q with %d attributions, first %+v", got.Title, len(got.Attributions), got.Attributions)
	}
	if lines := r.Lines(0); len(lines) != 2 || lines[1] != "skipped 1 annotation that is not an attribution, claim or review" {
		t.Errorf("Lines = %q", lines)
	}
	if _, err := Import(context.Background(), s.store(), "dir/tram.ann", []byte(ann), ImportOptions{}); err == nil ||
		!strings.Contains(err.Error(), "needs its text beside it") {
		t.Errorf("brat without ReadFile: %v", err)
	}
}

// TestImportNative stores a native document as it is.
func TestImportNative(t *testing.T) {
	var buf bytes.Buffer
	d := testDocument(t)
	if err := WriteDocument(&buf, d); err != nil {
		t.Fatal(err)
	}
	s := &fakeStore{}
	r, err := Import(context.Background(), s.store(), "export.json", buf.Bytes(), ImportOptions{})
	if err != nil || r.Format != FormatNative || len(s.imported) != 1 || s.imported[0].Count() != d.Count() || r.LeftOut() {
		t.Fatalf("Import = %+v, %v", r, err)
	}
}
