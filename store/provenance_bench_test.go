package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// Storing a long transcript (1 MB of text, five times a 3-hour debate's, in
// about 9,200 turns with times, from a subtitle file of about 1.5 MB kept compressed)
// against storing the same text as a plain article, in the same run:
//
//	go test -run '^$' -bench 'CreateArticle' -benchtime 10x ./store/
//
// Measured on these 2-core machines: plain 55 ms, transcript 102 ms; the
// turns and the compressed file add about 46 ms.
func BenchmarkCreateArticlePlain(b *testing.B) { benchCreateArticle(b, false) }

func BenchmarkCreateArticleTranscript(b *testing.B) { benchCreateArticle(b, true) }

func benchCreateArticle(b *testing.B, transcript bool) {
	db := openTestDB(b)
	ctx := context.Background()
	var text, srt strings.Builder
	var turns []annotate.Turn
	at := 0
	for i := 0; text.Len() < 1<<20; i++ {
		para := fmt.Sprintf("Speaker %d says that the figure for %d was %d percent higher than the year before, and that nobody disputes it.", i%7, 1990+i%30, i%97)
		n := utf8.RuneCountInString(para)
		turns = append(turns, annotate.Turn{Speaker: fmt.Sprintf("SPEAKER %d", i%7), Start: at, End: at + n, TimeStart: ptr(float64(i) * 5.4), TimeEnd: ptr(float64(i)*5.4 + 5)})
		text.WriteString(para + "\n\n")
		fmt.Fprintf(&srt, "%d\n00:%02d:%02d,000 --> 00:%02d:%02d,000\n%s\n\n", i+1, i/60%60, i%60, i/60%60, (i+5)%60, para)
		at += n + 2
	}
	raw := []byte(srt.String())
	for i := 0; b.Loop(); i++ {
		a, err := annotate.NewArticle([]byte(fmt.Sprintf("Run %d\n\n%s", i, text.String())), annotate.ArticleMeta{}, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if transcript {
			shift := utf8.RuneCountInString(fmt.Sprintf("Run %d\n\n", i))
			for _, t := range turns {
				t.Start, t.End = t.Start+shift, t.End+shift
				a.Turns = append(a.Turns, t)
			}
			a.Source = &annotate.SourceFile{Name: "debate.srt", Type: "application/x-subrip", SHA256: annotate.FileHash(raw)}
			a.SourceData = raw
		}
		if _, err := db.CreateArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(turns)), "turns")
}
