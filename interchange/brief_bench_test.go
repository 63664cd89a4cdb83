package interchange

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// BenchmarkBrief writes the fact-check brief of a 200-claim document in
// each format, and the native JSON export of the same document first, as
// the baseline: each brief reports its time as a multiple of JSON's
// (x-json). Run: go test -run '^$' -bench Brief -benchmem ./interchange
func BenchmarkBrief(b *testing.B) {
	doc := briefBenchDocument(b, 200)
	settings := annotate.Settings{Organization: "Brennport Fact Desk", OrganizationURL: "https://facts.example/", ApprovalsRequired: 1}
	var jsonNs float64
	for _, f := range []Format{FormatNative, FormatBriefHTML, FormatBriefMD, FormatBriefPDF} {
		b.Run(string(f), func(b *testing.B) {
			var size countWriter
			if err := briefBenchWrite(&size, f, doc, settings); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			for range b.N {
				if err := briefBenchWrite(io.Discard, f, doc, settings); err != nil {
					b.Fatal(err)
				}
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if f == FormatNative {
				jsonNs = ns
			} else if jsonNs > 0 {
				b.ReportMetric(ns/jsonNs, "x-json")
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

func briefBenchWrite(w io.Writer, f Format, doc *annotate.Document, settings annotate.Settings) error {
	if f == FormatNative {
		return WriteDocument(w, doc)
	}
	return writeBrief(w, f, doc, settings, false)
}

// briefBenchDocument is one article of n sentences, each a claim by one of
// ten speakers with a verdict, a rationale of three sentences, two sources
// (one archived, one withheld) and an approval.
func briefBenchDocument(tb testing.TB, n int) *annotate.Document {
	tb.Helper()
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	d := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.DefaultScale()}
	for i := range 10 {
		d.Speakers = append(d.Speakers, annotate.Speaker{ID: annotate.NewID(), Name: fmt.Sprintf("Speaker %d Łódź", i), Role: "Councillor", Created: now, Modified: now})
	}
	var text strings.Builder
	text.WriteString("Two hundred claims about Brennport\n\n")
	type at struct{ start, end int }
	var spans []at
	for i := range n {
		s := fmt.Sprintf("The council spent %d million on project %d — “a record”, said its critics.", 10+i, i)
		start := utf8.RuneCountInString(text.String())
		spans = append(spans, at{start, start + utf8.RuneCountInString(s)})
		text.WriteString(s + " ")
		if i%5 == 4 {
			text.WriteString("\n\n")
		}
	}
	art := annotate.Article{ID: annotate.NewID(), Title: "Two hundred claims", URL: "https://news.example/200", Outlet: "Courier",
		Published: "2026-09-30", Text: text.String(), SHA256: annotate.TextHash(text.String()), ImportedAt: now}
	ad := annotate.ArticleDoc{Article: art}
	runes := []rune(art.Text)
	labels := d.Scale.Labels()
	for i, sp := range spans {
		m := annotate.Meta{ID: annotate.NewID(), ArticleID: art.ID, Author: "Ana", Origin: annotate.Manual, Created: now, Modified: now}
		c := annotate.Claim{Meta: m, Anchors: []annotate.Anchor{{Start: sp.start, End: sp.end, Exact: string(runes[sp.start:sp.end])}},
			SpeakerID: d.Speakers[i%10].ID, Status: annotate.StatusApproved,
			Approvals: []annotate.Approval{{Reviewer: "Kai Osei", At: now.Add(time.Hour), Hash: strings.Repeat("0", 64)}}}
		nm := m
		nm.ID = annotate.NewID()
		note := annotate.Note{Meta: nm, ClaimID: c.ID, Verdict: labels[i%len(labels)],
			Rationale: fmt.Sprintf("The accounts for project %d show a different figure. The budget line was revised twice. Critics cite the first draft.", i),
			Sources: []annotate.Evidence{
				{ID: annotate.NewID(), URL: fmt.Sprintf("https://council.example/accounts/%d", i), Title: "Accounts", Publisher: "Council",
					Type: annotate.SourceOfficialData, Accessed: "2026-10-01", Excerpt: "Capital works, line 4.",
					Archives: []string{fmt.Sprintf("https://web.archive.org/web/20261001000000/https://council.example/accounts/%d", i)}},
				{ID: annotate.NewID(), Title: "Insider", Type: annotate.SourceExpert, Withheld: true},
			}}
		ad.Claims = append(ad.Claims, c)
		ad.Notes = append(ad.Notes, note)
	}
	d.Articles = []annotate.ArticleDoc{ad}
	if err := d.Validate(); err != nil {
		tb.Fatal(err)
	}
	return d
}
