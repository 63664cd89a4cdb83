package pdftext

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
)

var vocabulary = strings.Fields(`the council said on Tuesday that its new harbour rules would come into
force in June after a vote by members who asked why the report had taken so long and whether the
figures for last year were right according to officials the mayor disputed claims made during the
campaign about jobs taxes schools roads and the cost of living a spokeswoman for the ministry
declined to comment while critics called it unprecedented`)

// reportDoc builds an n-page two-column report set as a typesetter does:
// justified lines drawn word by word (a font set for each word), a running
// header, "Page i of n" footers and paragraphs told by a gap. It returns the
// PDF and the text Extract should give.
func reportDoc(n int) ([]byte, string) {
	rng := rand.New(rand.NewPCG(1, 2))
	const size, leading, colWidth = 9.5, 12.0, 240.0
	charW := size * 0.6
	maxChars := int(colWidth / charW)
	var paragraphs []string
	var pages [][]draw
	var para, line []string
	lineLen := 0
	page, col, y := -1, 1, 0.0
	newColumn := func() {
		col++
		if col == 2 {
			col = 0
			pages = append(pages, []draw{
				run(false, 7, 50, 760, "Harbour Council | Annual Report 2026"),
				run(false, 7, 280, 40, fmt.Sprintf("Page %d of %d", len(pages)+1, n)),
			})
			page++
		}
		y = 720
	}
	emit := func(last bool) {
		if y < 60 {
			newColumn()
		}
		x := 50 + float64(col)*(colWidth+32)
		gap := charW
		if !last && len(line) > 1 {
			gap = (colWidth - float64(lineLen-len(line))*charW) / float64(len(line)-1)
		}
		for _, w := range line {
			pages[page] = append(pages[page], run(false, size, x, y, w))
			x += float64(len(w))*charW + gap
		}
		y -= leading
		para = append(para, line...)
		line, lineLen = nil, 0
	}
	newColumn()
	for page < n-1 || col == 0 || y > 100 {
		words := 20 + rng.IntN(60)
		for i := 0; i < words; i++ {
			w := vocabulary[rng.IntN(len(vocabulary))]
			if lineLen+len(w) > maxChars {
				emit(false)
			}
			line = append(line, w)
			lineLen += len(w) + 1
		}
		if lineLen >= maxChars-2 && len(line) > 1 {
			// A last line that fills the column looks like any other at a
			// column's end; keep the document unambiguous.
			w := line[len(line)-1]
			line, lineLen = line[:len(line)-1], lineLen-len(w)-1
			emit(false)
			line, lineLen = []string{w}, len(w)+1
		}
		emit(true)
		paragraphs = append(paragraphs, strings.Join(para, " "))
		para = nil
		y -= leading * 0.6
		if page == n-1 && col == 1 && y < 300 {
			break
		}
	}
	return pdfDoc{pages: pages, compress: true}.bytes(), strings.Join(paragraphs, "\n\n")
}

func TestReportDoc(t *testing.T) {
	data, want := reportDoc(100)
	ex, err := Extract("report.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Pages) != 100 {
		t.Fatalf("%d pages, want 100", len(ex.Pages))
	}
	if ex.Text != want {
		i := 0
		for i < len(want) && i < len(ex.Text) && want[i] == ex.Text[i] {
			i++
		}
		t.Errorf("text differs from the report's at byte %d: %q, want %q", i, ex.Text[max(0, i-60):min(len(ex.Text), i+40)], want[max(0, i-60):min(len(want), i+40)])
	}
}

// BenchmarkExtract100Pages times Extract on a 100-page two-column report
// (target ≤ 1 s) against the library's own plain-text extraction of the
// same file, which does no layout analysis: the baseline, in the same run.
func BenchmarkExtract100Pages(b *testing.B) {
	data, text := reportDoc(100)
	b.Logf("report: %d KB PDF, %d KB of text", len(data)>>10, len(text)>>10)
	plain := func() {
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		rd, err := r.GetPlainText()
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, rd)
	}
	b.Run("baseline=ledongthuc.GetPlainText", func(b *testing.B) {
		for b.Loop() {
			plain()
		}
	})
	b.Run("Extract", func(b *testing.B) {
		start := time.Now()
		const rounds = 3
		for range rounds {
			plain()
		}
		base := time.Since(start) / rounds
		b.ResetTimer()
		start = time.Now()
		for b.Loop() {
			if _, err := Extract("report.pdf", data); err != nil {
				b.Fatal(err)
			}
		}
		per := time.Since(start) / time.Duration(b.N)
		b.ReportMetric(per.Seconds()/base.Seconds(), "x-baseline")
	})
}
