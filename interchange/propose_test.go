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
// or title and of the recentCandidates most recent only, never every
// article of the project.
func TestProposeRevisionOfReadsCandidatesOnly(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	reportID, reportText := map[int]string{}, map[int]string{}
	for i := range 30 {
		var body strings.Builder
		for k := range 40 {
			fmt.Fprintf(&body, "District %d met on day %d of the session and voted on item %d. ", i, k, k*i)
		}
		other, err := annotate.NewArticle([]byte(fmt.Sprintf("Report %d\n%s\n", i, body.String())), annotate.ArticleMeta{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateArticle(ctx, other); err != nil {
			t.Fatal(err)
		}
		reportID[i], reportText[i] = other.ID, other.Text
	}
	if err := db.MarkOpened(ctx, a.ID); err != nil { // now the most recent: the revision of it is found
		t.Fatal(err)
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
		{"the title line", annotate.Extracted{Text: edited}, a.ID, recentCandidates},
		{"a new headline", annotate.Extracted{Text: "Bridge news\n" + edited}, a.ID, recentCandidates},
		// Report 3 is not among the recent: its title finds it.
		{"an older article's title", annotate.Extracted{Text: strings.Replace(reportText[3], "day 7", "day 8", 1)}, reportID[3], recentCandidates + 1},
		{"nothing like it", annotate.Extracted{Text: "Library hours\nThe library opens on Sundays from June on.\n"}, "", recentCandidates},
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
