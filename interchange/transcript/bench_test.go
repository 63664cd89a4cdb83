package transcript

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// debateSRT writes an SRT file of hours of a debate as subtitles are
// written: cues of 8 to 14 words, wrapped at about 42 characters, 150 words
// a minute, a "NAME:" label opening each turn of a few cues.
func debateSRT(hours float64) []byte {
	words := strings.Fields("we are going to bring back jobs and the economy will grow like never before, " +
		"believe me; the numbers say otherwise, Senator, and the American people know it.")
	speakers := []string{"HOLT", "TRUMP", "CLINTON"}
	var b bytes.Buffer
	t, w := 1.0, 0
	for n := 1; t < hours*3600; n++ {
		k := 6 + n%8
		var line []string
		if n%4 == 1 {
			line = append(line, speakers[(n/4)%3]+":")
		}
		for i := 0; i < k; i++ {
			line = append(line, words[w%len(words)])
			w++
		}
		end := t + float64(k)*0.4
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", n, srtTime(t), srtTime(end), wrapWords(line, 42))
		t = end + 0.25
	}
	return b.Bytes()
}

func srtTime(t float64) string {
	ms := int(t*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d,%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

func wrapWords(words []string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range words {
		switch {
		case n == 0:
		case n+1+len(w) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// BenchmarkExtractSRT3h: a 3-hour debate's SRT (about 2,700 cues), target
// ≤ 200 ms. The baseline, measured in the same run, splits the file into
// lines; x-lines is how many times that Extract takes.
func BenchmarkExtractSRT3h(b *testing.B) { benchExtract(b, 3) }

// BenchmarkExtractSRT30h is ten times the 3-hour file, to show that the
// time grows with the size and no faster.
func BenchmarkExtractSRT30h(b *testing.B) { benchExtract(b, 30) }

func benchExtract(b *testing.B, hours float64) {
	data := debateSRT(hours)
	ex, err := Extract("debate.srt", data)
	if err != nil {
		b.Fatal(err)
	}
	base := baselineLines(data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract("debate.srt", data); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(float64(bytes.Count(data, []byte("-->"))), "cues")
	b.ReportMetric(float64(len(ex.Turns)), "turns")
	b.ReportMetric(per/1e6, "ms/op")
	b.ReportMetric(per/float64(base.Nanoseconds()), "x-lines")
}

// baselineLines times splitting data into lines (strings.Split of a fresh
// string), the least a line reader does, as the median of 21 runs.
func baselineLines(data []byte) time.Duration {
	runs := make([]time.Duration, 21)
	for i := range runs {
		t0 := time.Now()
		lines := strings.Split(string(data), "\n")
		runs[i] = time.Since(t0)
		runtime.KeepAlive(lines)
	}
	for i := range runs { // insertion sort: 21 values
		for j := i; j > 0 && runs[j] < runs[j-1]; j-- {
			runs[j], runs[j-1] = runs[j-1], runs[j]
		}
	}
	return runs[len(runs)/2]
}

// TestExtractLargeAllocs: a large valid file (30 hours, several MB) is read
// with memory in proportion to its size, no more than 40 bytes a byte.
func TestExtractLargeAllocs(t *testing.T) {
	data := debateSRT(30)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ex, err := Extract("long.srt", data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	per := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(data))
	t.Logf("%d bytes, %d cues, %d turns: %.1f bytes allocated a byte", len(data), bytes.Count(data, []byte("-->")), len(ex.Turns), per)
	if per > 40 {
		t.Errorf("%.1f bytes allocated a byte of input, want ≤ 40", per)
	}
}
