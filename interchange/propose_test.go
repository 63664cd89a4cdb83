package interchange

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// readCounter is an article service counting the articles read whole.
type readCounter struct {
	annotate.ArticleService
	reads int
}

func (r *readCounter) FindArticleByID(ctx context.Context, id string) (*annotate.Article, error) {
	r.reads++
	return r.ArticleService.FindArticleByID(ctx, id)
}

// ProposeRevisionOf reads the texts of the articles the store finds by URL
// or title only, never every article of the project.
func TestProposeRevisionOfReadsCandidatesOnly(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	for i := range 30 {
		other, err := annotate.NewArticle([]byte(fmt.Sprintf("Report %d\n%s", i, a.Text)), annotate.ArticleMeta{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateArticle(ctx, other); err != nil {
			t.Fatal(err)
		}
	}
	rc := &readCounter{ArticleService: s.Articles}
	s.Articles = rc
	edited := strings.Replace(a.Text, "six weeks", "eight weeks", 1)
	tests := []struct {
		name      string
		ex        annotate.Extracted
		want      string
		wantReads int
	}{
		{"the title line", annotate.Extracted{Text: edited}, a.ID, 1},
		{"the title given", annotate.Extracted{Text: "Other opening\n" + edited, Meta: annotate.ArticleMeta{Title: a.Title}}, a.ID, 1},
		// The text of every "Report" article holds all of this one's,
		// but neither its title nor a URL leads to them.
		{"no title or URL in common", annotate.Extracted{Text: "Bridge news\n" + edited}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc.reads = 0
			id, share, err := ProposeRevisionOf(ctx, s, &tt.ex)
			if err != nil || id != tt.want || rc.reads != tt.wantReads {
				t.Errorf("ProposeRevisionOf = %q, %.2f, %v after reading %d articles; want %q after %d", id, share, err, rc.reads, tt.want, tt.wantReads)
			}
		})
	}
}
