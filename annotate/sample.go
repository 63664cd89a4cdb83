package annotate

import (
	_ "embed"
	"time"
)

//go:embed sample/article.txt
var sampleText []byte

// SampleArticle returns the article a new, empty project opens on: a short
// news report written for Factmark, with direct, split and indirect quotes
// and figures worth checking. It is fiction.
func SampleArticle(now time.Time) *Article {
	a, err := NewArticle(sampleText, ArticleMeta{
		Outlet:    "The Brennport Ledger (sample)",
		Published: "2026-03-04",
		Authors:   []string{"Factmark"},
	}, now)
	if err != nil {
		panic("annotate: embedded sample article is invalid: " + err.Error())
	}
	return a
}
