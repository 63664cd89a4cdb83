package interchange

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// Benchmarks of every format on a project of 100,000 annotations: ten
// articles of about 60 KB, each with 4,000 attributions, 4,000 claims and
// 2,000 notes (half of them verdicts on claims with a source of evidence).
// Export writes to io.Discard; import is parse and validate, without the
// store. Run: go test -run '^$' -bench Formats -benchmem ./annotate

const (
	benchArticles     = 10
	benchAttributions = 4000
	benchClaims       = 4000
	benchNotes        = 2000
)

var (
	benchOnce sync.Once
	benchDoc  *annotate.Document
)

// benchDocument builds the 100k-annotation document once.
func benchDocument(tb testing.TB) *annotate.Document {
	benchOnce.Do(func() { benchDoc = makeBenchDocument() })
	if err := benchDoc.Validate(); err != nil {
		tb.Fatal(err)
	}
	return benchDoc
}

func makeBenchDocument() *annotate.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	d := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale()}
	for i := 0; i < 50; i++ {
		d.Speakers = append(d.Speakers, annotate.Speaker{ID: annotate.NewID(), Name: fmt.Sprintf("Speaker %02d Name", i), Created: now, Modified: now})
	}
	sample := annotate.SampleArticle(now)
	for k := 0; k < benchArticles; k++ {
		art := *sample
		art.ID = annotate.NewID()
		art.Text = fmt.Sprintf("Copy %d\n", k) + strings.Repeat(sample.Text+"\n", 20)
		art.SHA256 = annotate.TextHash(art.Text)
		art.URL = fmt.Sprintf("https://ledger.example/tram/%d", k)
		d.Articles = append(d.Articles, benchArticle(rng, &art, d.Speakers, now))
	}
	return d
}

func benchArticle(rng *rand.Rand, art *annotate.Article, speakers []annotate.Speaker, now time.Time) annotate.ArticleDoc {
	text := annotate.NewText(art.Text)
	var words [][2]int // word spans, in code points
	start := -1
	i := 0
	for _, r := range art.Text {
		space := r == ' ' || r == '\n'
		if !space && start < 0 {
			start = i
		} else if space && start >= 0 {
			words = append(words, [2]int{start, i})
			start = -1
		}
		i++
	}
	span := func(n int) annotate.Anchor {
		w := rng.IntN(len(words) - n)
		return spanAnchor(text, words[w][0], words[w+n-1][1])
	}
	meta := func() annotate.Meta {
		return annotate.Meta{ID: annotate.NewID(), ArticleID: art.ID, Author: "Zoë Åberg", Origin: annotate.Manual, Created: now, Modified: now.Add(time.Minute)}
	}
	a := annotate.ArticleDoc{Article: *art}
	kinds := []annotate.Kind{annotate.Direct, annotate.Indirect, annotate.Mixed}
	for j := 0; j < benchAttributions; j++ {
		src, cue := span(2), span(1)
		a.Attributions = append(a.Attributions, annotate.Attribution{Meta: meta(), Source: &src, Cue: &cue,
			Content: []annotate.Anchor{span(10)}, SpeakerID: speakers[j%len(speakers)].ID, Kind: kinds[j%3]})
	}
	for j := 0; j < benchClaims; j++ {
		c := annotate.Claim{Meta: meta(), Anchors: []annotate.Anchor{span(8)}, Status: annotate.Statuses[j%len(annotate.Statuses)]}
		if j%2 == 0 {
			w := float64(j%100) / 100
			c.Worthiness, c.WorthinessOrigin = &w, annotate.Suggested
		}
		if j%4 == 0 {
			c.AttributionID, c.SpeakerID = a.Attributions[j].ID, a.Attributions[j].SpeakerID
			c.Tags = []string{"budget", "transport"}
		}
		if j%5 == 0 {
			second := span(4)
			if second.Start > c.Anchors[0].End {
				c.Anchors = append(c.Anchors, second)
			}
		}
		a.Claims = append(a.Claims, c)
	}
	for j := 0; j < benchNotes; j++ {
		n := annotate.Note{Meta: meta(), Rationale: "The timetable gives 21 minutes, not 19; the bus takes 41 on a good day."}
		if j%2 == 0 {
			n.ClaimID, n.Verdict = a.Claims[j].ID, annotate.DefaultScale().Verdicts[j%7].Label
			n.Sources = []annotate.Evidence{{URL: "https://example.org/timetable", Title: "Eastern line timetable", Publisher: "Brennport Transport", Accessed: "2026-03-05"}}
		} else {
			t := span(5)
			n.Target = &t
		}
		a.Notes = append(a.Notes, n)
	}
	return a
}

// reportRate reports annotations per second.
func reportRate(b *testing.B, annotations int) {
	b.ReportMetric(float64(annotations)*float64(b.N)/b.Elapsed().Seconds(), "annotations/s")
}

func BenchmarkFormatsExport(b *testing.B) {
	d := benchDocument(b)
	n := d.Count()
	for _, f := range ExportFormats {
		b.Run(string(f), func(b *testing.B) {
			var size countWriter
			if err := writeBench(&size, f, d); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			for range b.N {
				if err := writeBench(io.Discard, f, d); err != nil {
					b.Fatal(err)
				}
			}
			reportRate(b, n)
		})
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// writeBench exports d in format f; brat writes each article's file.
func writeBench(w io.Writer, f Format, d *annotate.Document) error {
	switch f {
	case FormatW3C:
		return WriteW3C(w, d)
	case FormatClaimReview:
		return WriteClaimReview(w, d, "Brennport Fact Desk")
	case FormatCSV:
		return WriteCSV(w, d)
	case FormatBrat:
		for i := range d.Articles {
			if err := WriteBrat(w, &d.Articles[i], d.Speakers); err != nil {
				return err
			}
		}
		return nil
	}
	return WriteDocument(w, d)
}

func BenchmarkFormatsImport(b *testing.B) {
	d := benchDocument(b)
	encode := func(f Format) []byte {
		var buf bytes.Buffer
		if err := writeBench(&buf, f, d); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	b.Run("json", func(b *testing.B) {
		data := encode(FormatNative)
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		for range b.N {
			if _, err := ParseDocument(data); err != nil {
				b.Fatal(err)
			}
		}
		reportRate(b, d.Count())
	})
	b.Run("brat", func(b *testing.B) {
		files := map[string][]byte{}
		var anns [][]byte
		size, n := 0, 0
		for i := range d.Articles {
			a := &d.Articles[i]
			var buf bytes.Buffer
			if err := WriteBrat(&buf, a, d.Speakers); err != nil {
				b.Fatal(err)
			}
			files[fmt.Sprintf("a%d.txt", i)] = []byte(a.Text)
			anns = append(anns, buf.Bytes())
			size += buf.Len() + len(a.Text)
			n += len(a.Attributions) + len(a.Claims)
		}
		read := func(p string) ([]byte, error) {
			if data, ok := files[p]; ok {
				return data, nil
			}
			return nil, fs.ErrNotExist
		}
		b.SetBytes(int64(size))
		b.ResetTimer()
		for range b.N {
			for i, ann := range anns {
				im, err := ParseImport(FormatBrat, ImportInput{Name: fmt.Sprintf("a%d.ann", i), Data: ann, ReadFile: read, Scale: d.Scale, Now: fuzzNow})
				if err != nil {
					b.Fatal(err)
				}
				if err := im.Doc.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportRate(b, n)
	})
	for _, f := range []Format{FormatW3C, FormatCSV} {
		b.Run(string(f), func(b *testing.B) {
			data := encode(f)
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for range b.N {
				im, err := ParseImport(f, ImportInput{Data: data, Lookup: DocumentLookup(d), Scale: d.Scale, Now: fuzzNow})
				if err != nil || im.Count() != d.Count() {
					b.Fatalf("%d annotations, %v", im.Count(), err)
				}
			}
			reportRate(b, d.Count())
		})
	}
}
