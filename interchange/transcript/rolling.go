package transcript

import (
	"slices"
	"strings"
)

// isRolling reports whether cues are rolling captions, as YouTube writes
// them: each cue shows the line the cue before ended with again, above the
// new one. Ordinary subtitles repeat a line across cues only by chance, so a
// third of the cues doing it, and at least three, tells them apart.
func isRolling(cues []cue) bool {
	var prev []cueLine
	repeats, shown := 0, 0
	for _, c := range cues {
		if len(c.lines) == 0 {
			continue
		}
		shown++
		if len(prev) > 0 && c.lines[0].text == prev[len(prev)-1].text {
			repeats++
		}
		prev = c.lines
	}
	return repeats >= 3 && 3*repeats >= shown
}

// dedupe keeps, of each rolling cue, only the lines that are new: a cue's
// first lines that repeat the last lines already kept are dropped. The
// 10 ms cues between two rolling ones, which show only a line already kept,
// go altogether.
func dedupe(cues []cue) []cue {
	const window = 3
	var kept []string // the last lines kept, at most window
	out := make([]cue, 0, len(cues))
	for _, c := range cues {
		k := min(len(c.lines), len(kept))
		for ; k > 0; k-- {
			if slices.EqualFunc(c.lines[:k], kept[len(kept)-k:], func(l cueLine, s string) bool { return l.text == s }) {
				break
			}
		}
		if k == len(c.lines) {
			continue
		}
		c.lines = c.lines[k:]
		for _, l := range c.lines {
			kept = append(kept, l.text)
		}
		if len(kept) > window {
			kept = append(kept[:0], kept[len(kept)-window:]...)
		}
		out = append(out, c)
	}
	return out
}

// rollingPieces splits each line of deduplicated rolling cues at its
// timestamp tags, so that the pauses between words can be told.
func rollingPieces(cues []cue) []piece {
	var out []piece
	for _, c := range cues {
		for _, l := range c.lines {
			out = appendRuns(out, c, l)
		}
	}
	perWord := medianPerWord(out)
	for i := range out {
		out[i].spoken = min(out[i].end, out[i].start+perWord*float64(out[i].words))
	}
	return out
}

// appendRuns appends the runs of words of line l of cue c that its marks
// time: the words before the first mark start with the cue.
func appendRuns(out []piece, c cue, l cueLine) []piece {
	words := strings.Split(l.text, " ")
	from, t := 0, c.start
	emit := func(to int, end float64) {
		if to > from {
			out = append(out, piece{voice: l.voice, voiced: l.voiced, text: strings.Join(words[from:to], " "),
				start: t, end: max(end, t), words: to - from, line: c.line})
		}
	}
	for _, m := range l.marks {
		at := min(max(m.word, from), len(words))
		emit(at, m.t)
		if at > from {
			from = at
		}
		t = max(m.t, c.start)
	}
	emit(len(words), c.end)
	return out
}

// medianPerWord is the median time a word of the pieces takes, reading
// each piece's span as its words' time.
func medianPerWord(ps []piece) float64 {
	if len(ps) == 0 {
		return 0
	}
	d := make([]float64, len(ps))
	for i, p := range ps {
		d[i] = (p.end - p.start) / float64(max(p.words, 1))
	}
	slices.Sort(d)
	return d[len(d)/2]
}
