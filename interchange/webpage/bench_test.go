package webpage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// benchSize is the size of the page the speed target is set for.
const benchSize = 500 << 10

// benchPage returns a page of about 500 KB: a corpus page (nytimes-2, a
// 300 KB news page with its scripts, navigation and comments) with its body
// repeated until the page reaches the size, or, without the corpus, a
// generated page of the same shape.
func benchPage(tb testing.TB) []byte {
	data, err := os.ReadFile(filepath.Join(sharedRoot(), "corpus", "html-pages", "nytimes-2", "source.html"))
	if err != nil {
		return generatedPage()
	}
	lower := bytes.ToLower(data)
	open := bytes.Index(lower, []byte("<body"))
	start := open + bytes.IndexByte(data[open:], '>') + 1
	end := bytes.LastIndex(lower, []byte("</body>"))
	if open < 0 || end < start {
		tb.Fatal("nytimes-2 has no <body>")
	}
	var b bytes.Buffer
	b.Write(data[:start])
	for b.Len() < benchSize {
		b.Write(data[start:end])
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

// generatedPage is a 500 KB news page: navigation, an article of many
// paragraphs with headings, a list and captions, a sidebar, comments.
func generatedPage() []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long report</title>`)
	b.WriteString(`<script>` + strings.Repeat("var tracking = {a: 1, b: [2, 3]};\n", 400) + `</script></head><body>`)
	b.WriteString(`<nav><ul>` + strings.Repeat(`<li><a href="/section">Section</a></li>`, 60) + `</ul></nav><main><article><h1>A long report</h1>`)
	for i := 0; b.Len() < benchSize-20000; i++ {
		fmt.Fprintf(&b, `<h2>Part %d</h2><p>The committee heard evidence on the %dth day from witnesses who described, at length and with figures, how the budget had been spent, and what remained.</p>`, i, i)
		fmt.Fprintf(&b, `<ul><li>First point %d</li><li>Second point</li></ul><figure><img src="p%d.jpg"><figcaption>Figure %d.</figcaption></figure>`, i, i, i)
		b.WriteString(`<p>Members asked why the report came late. <a href="/x">The chair</a> said the auditors needed more time, and that the next hearing would answer the remaining questions.</p>`)
	}
	b.WriteString(`</article></main><aside class="related">` + strings.Repeat(`<p><a href="/r">Related story</a></p>`, 200) + `</aside>`)
	b.WriteString(`<section class="comments">` + strings.Repeat(`<p>A reader's comment.</p>`, 300) + `</section></body></html>`)
	return []byte(b.String())
}

// BenchmarkExtract500KB measures Extract on a 500 KB page (target: ≤ 100
// ms) and reports it as a multiple of parsing the same bytes with
// x/net/html, measured in the same run (x_parse).
func BenchmarkExtract500KB(b *testing.B) {
	page := benchPage(b)
	base := parseTime(b, page)
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Extract("bench.html", page); err != nil {
			b.Fatal(err)
		}
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(per)/1e6, "ms/op")
	b.ReportMetric(float64(per)/float64(base), "x_parse")
	b.ReportMetric(float64(base)/1e6, "parse_ms")
}

// BenchmarkParse500KB is the baseline: x/net/html parsing the same page.
func BenchmarkParse500KB(b *testing.B) {
	page := benchPage(b)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(page)); err != nil {
			b.Fatal(err)
		}
	}
}

// parseTime is the fastest of several x/net/html parses of page.
func parseTime(tb testing.TB, page []byte) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range 10 {
		start := time.Now()
		if _, err := html.Parse(bytes.NewReader(page)); err != nil {
			tb.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	return best
}
