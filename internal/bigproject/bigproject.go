// Package bigproject generates a large project for the benchmarks of the
// library and `factmark list` (issue 16): many articles — the PolNeAR
// training texts of the shared corpora, repeated with new IDs, or made-up
// prose where the corpora are not there — each with a number of
// annotations, imported through the store as native documents a batch of
// articles at a time (bounded memory). It is for
// benchmarks and manual tests only; the generated file is never kept in the
// repository.
package bigproject

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
	"github.com/factmark/factmark/store"
)

// Spec says what to generate.
type Spec struct {
	Articles    int // number of articles
	Annotations int // annotations per article (a third each attributions, claims, notes)
	TextBytes   int // about this many bytes of made-up text per article, when Texts is ""
	// Texts is a folder of article texts (.txt, UTF-8), taken in turn in
	// the order of their names, each time with a new ID: the i-th article
	// is "Article i." and then the text, so that no two are the same.
	Texts string
}

// ForBenchmark is the project FromEnv describes, from Cached, closed when b
// ends; with -short the benchmark is skipped, since the first run makes
// the project, which takes minutes.
func ForBenchmark(b *testing.B) *store.DB {
	b.Helper()
	if testing.Short() {
		b.Skip("the generated project takes minutes to make the first time")
	}
	db, err := Cached(context.Background(), FromEnv())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// Cached opens the project for spec in the system's temporary folder,
// generating it first when it is not there yet, so that benchmark runs after
// the first reuse it. The caller closes the store.
func Cached(ctx context.Context, spec Spec) (*store.DB, error) {
	path := spec.Path()
	if _, err := os.Stat(path); err == nil {
		return store.Open(path)
	}
	tmp := path + ".part"
	os.Remove(tmp)
	db, err := store.Open(tmp)
	if err != nil {
		return nil, err
	}
	if err := Generate(ctx, db, spec); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, err
	}
	return store.Open(path)
}

// Path is where Cached keeps the project for spec.
func (spec Spec) Path() string {
	if spec.Texts != "" {
		return fmt.Sprintf("%s/factmark-bigproject-%s-%d-%d.db", os.TempDir(), filepath.Base(filepath.Dir(spec.Texts)), spec.Articles, spec.Annotations)
	}
	return fmt.Sprintf("%s/factmark-bigproject-%d-%d-%d.db", os.TempDir(), spec.Articles, spec.Annotations, spec.TextBytes)
}

// FromEnv is the spec the benchmarks use: 10,000 articles, the PolNeAR
// training texts repeated (issue 16's project; about 2 KB of made-up
// prose each when the shared corpora are not there), with
// FACTMARK_BIG_ANNOTATIONS annotations each (default 100, a million in
// all).
func FromEnv() Spec {
	n := 100
	if v, err := strconv.Atoi(os.Getenv("FACTMARK_BIG_ANNOTATIONS")); err == nil && v >= 0 {
		n = v
	}
	spec := Spec{Articles: 10_000, Annotations: n, TextBytes: 2000}
	if root := testcorpus.Root(); root != "" {
		if dir := filepath.Join(root, "corpus", "polnear-train", "text"); isDir(dir) {
			spec.Texts = dir
		}
	}
	return spec
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// batch is how many articles one import carries.
const batch = 100

// Generate imports spec's articles into db, batch articles a document.
func Generate(ctx context.Context, db *store.DB, spec Spec) error {
	rng := rand.New(rand.NewPCG(16, uint64(spec.Articles)))
	src := source{vocab: vocabulary(rng), size: spec.TextBytes}
	if spec.Texts != "" {
		texts, err := readTexts(spec.Texts)
		if err != nil {
			return err
		}
		src.texts = texts
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for first := 0; first < spec.Articles; first += batch {
		doc := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale(), Speakers: []annotate.Speaker{}}
		for i := first; i < min(spec.Articles, first+batch); i++ {
			ad, err := article(rng, &src, i, spec.Annotations, base)
			if err != nil {
				return err
			}
			doc.Articles = append(doc.Articles, ad)
		}
		if _, err := db.Import(ctx, doc); err != nil {
			return fmt.Errorf("import articles %d to %d: %w", first, first+len(doc.Articles), err)
		}
	}
	return nil
}

var outlets = []string{"Le Monde", "The Guardian", "Reuters", "Associated Press", "Der Spiegel", "El País", "BBC News", "Politico"}

// source gives the articles' titles and texts: a corpus's in turn, or
// made-up prose of size bytes from vocab.
type source struct {
	texts []string
	vocab []string
	size  int
}

// readTexts reads the .txt files in dir, in the order of their names, as
// an import normalises them, leaving out those it refuses (a PolNeAR text
// holds an ESC).
func readTexts(dir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no article texts (.txt) in %s", dir)
	}
	texts := make([]string, 0, len(names))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if t, err := annotate.NormalizeText(b); err == nil {
			texts = append(texts, strings.TrimSpace(t))
		}
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no article text in %s can be imported", dir)
	}
	return texts, nil
}

// article makes the i-th article's title and text.
func (src *source) article(rng *rand.Rand, i int) (title, text string) {
	if len(src.texts) > 0 {
		t := src.texts[i%len(src.texts)]
		return fmt.Sprintf("%s (%d)", annotate.TitleFromText(t), i), fmt.Sprintf("Article %d.\n\n%s\n", i, t)
	}
	v := src.vocab
	title = fmt.Sprintf("%s %s %s report number %d", strings.ToUpper(v[rng.IntN(300)][:1])+v[rng.IntN(300)][1:], v[rng.IntN(len(v))], v[rng.IntN(len(v))], i)
	return title, fmt.Sprintf("Article %d.\n\n%s", i, prose(rng, v, src.size))
}

// article is the i-th article: a title and an outlet from which a filter
// can pick a few, a text that starts with its number (so every text
// differs), and n annotations.
func article(rng *rand.Rand, src *source, i, n int, base time.Time) (annotate.ArticleDoc, error) {
	title, text := src.article(rng, i)
	imported := base.Add(time.Duration(i) * time.Minute)
	art, err := annotate.NewArticle([]byte(text), annotate.ArticleMeta{Title: title, Outlet: outlets[i%len(outlets)]}, imported)
	if err != nil {
		return annotate.ArticleDoc{}, err
	}
	ad := annotate.ArticleDoc{Article: *art, Attributions: []annotate.Attribution{}, Claims: []annotate.Claim{}, Notes: []annotate.Note{}}
	t := annotate.NewText(art.Text)
	for k := 0; k < n; k++ {
		a, err := span(rng, t)
		if err != nil {
			return annotate.ArticleDoc{}, err
		}
		meta := annotate.Meta{ID: annotate.NewID(), ArticleID: art.ID, Author: "bigproject", Origin: annotate.Manual, Created: imported, Modified: imported}
		switch k % 3 {
		case 0:
			ad.Attributions = append(ad.Attributions, annotate.Attribution{Meta: meta, Content: []annotate.Anchor{a}, Kind: annotate.Indirect})
		case 1:
			ad.Claims = append(ad.Claims, annotate.Claim{Meta: meta, Anchors: []annotate.Anchor{a}, Status: annotate.StatusCandidate})
		default:
			ad.Notes = append(ad.Notes, annotate.Note{Meta: meta, Target: &a, Verdict: "False", Rationale: "generated"})
		}
	}
	return ad, nil
}

// span is a random span of 5 to 54 code points of t, tried again where
// it holds only white space (a corpus text's blank lines).
func span(rng *rand.Rand, t *annotate.Text) (annotate.Anchor, error) {
	var err error
	for range 20 {
		start := rng.IntN(max(1, t.Len()-60))
		var a annotate.Anchor
		if a, err = t.Anchor(start, min(t.Len(), start+5+rng.IntN(50))); err == nil {
			return a, nil
		}
	}
	return annotate.Anchor{}, err
}

func vocabulary(rng *rand.Rand) []string {
	vocab := make([]string, 5000)
	for i := range vocab {
		var b strings.Builder
		for j := 0; j < 3+rng.IntN(8); j++ {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		vocab[i] = b.String()
	}
	return vocab
}

// prose is about size bytes of sentences in paragraphs.
func prose(rng *rand.Rand, vocab []string, size int) string {
	var b strings.Builder
	for b.Len() < size {
		for w := 0; w < 40+rng.IntN(80); w++ {
			b.WriteString(vocab[int(rng.ExpFloat64()*800)%len(vocab)])
			if rng.IntN(12) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString("end.\n\n")
	}
	return strings.TrimSpace(b.String()) + "\n"
}
