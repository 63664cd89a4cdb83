//go:build ignore

// Bigdoc writes a native Factmark export with one large generated article
// and many annotations, for the memory check (scripts/memory.sh) and manual
// tests: go run scripts/bigdoc.go -size 1048576 -annotations 10000 -o big.json
// With -articles N it writes N articles of -size bytes and -annotations
// annotations each, a project for the export benchmarks (issue 16):
// go run scripts/bigdoc.go -articles 1000 -size 8192 -annotations 100 -o project.json
package main

import (
	"flag"
	"log"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

func main() {
	size := flag.Int("size", 1<<20, "article size in bytes")
	n := flag.Int("annotations", 10000, "number of annotations")
	out := flag.String("o", "big.json", "output file")
	articles := flag.Int("articles", 1, "number of articles")
	flag.Parse()
	rng := rand.New(rand.NewPCG(1, 2))
	doc := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale(), Speakers: []annotate.Speaker{}}
	for range *articles {
		doc.Articles = append(doc.Articles, article(rng, *size, *n))
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := interchange.WriteDocument(f, doc); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// article makes an article of size bytes with n annotations.
func article(rng *rand.Rand, size, n int) annotate.ArticleDoc {
	art, err := annotate.NewArticle([]byte(prose(rng, size)), annotate.ArticleMeta{Title: "Generated transcript", Outlet: "bigdoc"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		log.Fatal(err)
	}
	ad := annotate.ArticleDoc{Article: *art, Attributions: []annotate.Attribution{}, Claims: []annotate.Claim{}, Notes: []annotate.Note{}}
	text := annotate.NewText(art.Text)
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		start := rng.IntN(text.Len() - 200)
		a, _ := text.Anchor(start, start+10+rng.IntN(150))
		meta := annotate.Meta{ID: annotate.NewID(), ArticleID: art.ID, Author: "bigdoc", Origin: annotate.Manual, Created: now, Modified: now}
		switch i % 3 {
		case 0:
			ad.Attributions = append(ad.Attributions, annotate.Attribution{Meta: meta, Content: []annotate.Anchor{a}, Kind: annotate.Indirect})
		case 1:
			ad.Claims = append(ad.Claims, annotate.Claim{Meta: meta, Anchors: []annotate.Anchor{a}, Status: annotate.StatusCandidate})
		default:
			ad.Notes = append(ad.Notes, annotate.Note{Meta: meta, Target: &a, Verdict: "False", Rationale: "generated"})
		}
	}
	return ad
}

// prose makes size bytes of paragraphs from a vocabulary of made-up words.
func prose(rng *rand.Rand, size int) string {
	vocab := make([]string, 15000)
	for i := range vocab {
		var b strings.Builder
		for j := 0; j < 2+rng.IntN(9); j++ {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		vocab[i] = b.String()
	}
	var b strings.Builder
	for b.Len() < size {
		for w := 0; w < 40+rng.IntN(160); w++ {
			b.WriteString(vocab[int(rng.ExpFloat64()*2000)%len(vocab)])
			if rng.IntN(12) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String()[:size]) + "\n"
}
