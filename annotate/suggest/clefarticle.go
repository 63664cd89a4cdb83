package suggest

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/factmark/factmark/annotate"
)

// RankArticle measures the suggester on a transcript imported as an
// article, as a user gets it: text is the article made from transcript t (a
// "NAME:" transcript, subtitles), turns its turns (none to score it as one
// voice's text). Each of t's lines is found in the text by its words and
// takes the score of the suggested sentence that overlaps it most; the
// ranking of the lines by those scores gives the average precision, so it
// compares with RankTranscript's, which scores the lines themselves. Lines
// not found in the text rank last and are counted in Unmatched.
func (s *Suggester) RankArticle(ctx context.Context, t *Transcript, text *annotate.Text, turns []annotate.Turn) (FoldAP, error) {
	res, err := s.SuggestWith(ctx, text, nil, Options{Turns: turns}, nil)
	if err != nil {
		return FoldAP{}, err
	}
	scores, unmatched := lineScores(text.String(), res.Sentences, t.Lines)
	f := FoldAP{Name: t.Name, Sentences: len(t.Lines), Unmatched: unmatched, Scored: make([]Scored, len(scores))}
	worthy := make([]bool, len(t.Lines))
	for i, l := range t.Lines {
		worthy[i] = l.Worthy
		if l.Worthy {
			f.Worthy++
		}
		f.Scored[i] = Scored{Score: displayScore(scores[i]), Worthy: l.Worthy}
	}
	f.AP = AveragePrecision(scores, worthy)
	return f, nil
}

// lineScores gives each line the pooled score of the sentence that
// overlaps its words in text most (the first of equals), or -Inf when none
// of its words is found; it returns the scores and how many lines got -Inf.
// sents are in text order, as Suggest returns them.
func lineScores(text string, sents []Sentence, lines []TranscriptLine) ([]float64, int) {
	spans := lineSpans(text, lines)
	out := make([]float64, len(lines))
	unmatched := 0
	for i, sp := range spans {
		out[i] = math.Inf(-1)
		if sp[1] <= sp[0] {
			unmatched++
			continue
		}
		best := 0
		// the first sentence that ends after the line starts
		for k := sort.Search(len(sents), func(k int) bool { return sents[k].Anchor.End > sp[0] }); k < len(sents) && sents[k].Anchor.Start < sp[1]; k++ {
			a := sents[k].Anchor
			if o := min(a.End, sp[1]) - max(a.Start, sp[0]); o > best {
				best, out[i] = o, sents[k].logit
			}
		}
		if best == 0 {
			unmatched++
		}
	}
	return out, unmatched
}

// lineSpans finds each line in text by aligning the words of the lines, in
// order, with the text's (see alignWords): a line spans from its first
// word found to its last, in code points; [0, 0) when none is found.
func lineSpans(text string, lines []TranscriptLine) [][2]int {
	tw := words(text)
	var lw []alnumWord
	var lineOf []int
	for i, l := range lines {
		for _, w := range words(l.Text) {
			lw = append(lw, w)
			lineOf = append(lineOf, i)
		}
	}
	match := alignWords(lw, tw)
	out := make([][2]int, len(lines))
	for j, m := range match {
		if m < 0 {
			continue
		}
		sp := &out[lineOf[j]]
		if sp[1] == 0 {
			sp[0] = tw[m].start
		}
		sp[1] = tw[m].end
	}
	return out
}

// alnumWord is a run of letters and digits, lower-cased, with its code
// points in the text it comes from.
type alnumWord struct {
	text       string
	start, end int
}

// words splits s into its runs of letters and digits: what survives any
// import of a transcript (labels taken out or kept, quotes and dashes
// changed, lines joined).
func words(s string) []alnumWord {
	var out []alnumWord
	start, i := -1, 0
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
				b.Reset()
			}
			b.WriteRune(unicode.ToLower(r))
		} else if start >= 0 {
			out = append(out, alnumWord{b.String(), start, i})
			start = -1
		}
		i++
	}
	if start >= 0 {
		out = append(out, alnumWord{b.String(), start, i})
	}
	return out
}

// alignWindow is how many words of each sequence alignWords looks at to
// find them agreeing again after a difference: more than a speaker label
// the article keeps and the lines do not ("HILLARY CLINTON (D-NY), FORMER
// SECRETARY OF STATE…" is ten words), or a label inside a line that the
// import made a turn of.
const alignWindow = 32

// alignWords matches the words a (the lines') with b (the text's) in
// order: equal words match; at a difference, the longest common
// subsequence of the next alignWindow words of each is found and its first
// pair taken as where they agree again, the words skipped to it staying
// unmatched; with nothing in common there, one word of each is skipped. It
// returns, for each word of a, the index of its match in b or -1. Linear in
// the words when the two mostly agree.
func alignWords(a, b []alnumWord) []int {
	out := make([]int, len(a))
	for i := range out {
		out[i] = -1
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i].text == b[j].text {
			out[i] = j
			i, j = i+1, j+1
			continue
		}
		di, dj, ok := resync(a[i:], b[j:])
		if !ok {
			di, dj = 1, 1
		}
		i, j = i+di, j+dj
	}
	return out
}

// resync is where a and b, which differ at their first words, agree again:
// the first pair of a longest common subsequence of their first
// alignWindow words (skipping words of b before words of a among equals).
func resync(a, b []alnumWord) (di, dj int, ok bool) {
	n, m := min(alignWindow, len(a)), min(alignWindow, len(b))
	w := m + 1
	lcs := make([]int, (n+1)*w) // lcs[x*w+y]: of a[x:n] and b[y:m]
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			if a[x].text == b[y].text {
				lcs[x*w+y] = 1 + lcs[(x+1)*w+y+1]
			} else {
				lcs[x*w+y] = max(lcs[(x+1)*w+y], lcs[x*w+y+1])
			}
		}
	}
	if lcs[0] == 0 {
		return 0, 0, false
	}
	x, y := 0, 0
	for a[x].text != b[y].text || lcs[x*w+y] != 1+lcs[(x+1)*w+y+1] {
		if lcs[x*w+y+1] == lcs[x*w+y] {
			y++
		} else {
			x++
		}
	}
	return x, y, true
}
