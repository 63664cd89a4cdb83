package transcript

import (
	"strings"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"golang.org/x/text/unicode/norm"
)

// piece is a stretch of a subtitle file's text with its times and, where
// the file says, its speaker: a cue, a voice's part of one, or a timed run
// of words of a rolling caption.
type piece struct {
	voice      string
	voiced     bool
	speaker    string // the turn's speaker, once speakers are decided
	text       string
	start, end float64
	spoken     float64 // when its words end, for pauses: end, or less for rolling captions
	words      int
	line       int
}

// Paragraphs of a subtitle file without speakers: a pause of pauseSeconds
// or more starts a new one, and a paragraph ends at the first sentence end
// after longWords words (at most maxWords), so that none grows unreadable.
const (
	pauseSeconds = 0.7
	longWords    = 150
	maxWords     = 400
)

// cuePieces makes a piece of each cue, or of each voice's part of it.
func cuePieces(cues []cue) []piece {
	var out []piece
	for _, c := range cues {
		for i := 0; i < len(c.lines); {
			j := i + 1
			for j < len(c.lines) && c.lines[j].voiced == c.lines[i].voiced && c.lines[j].voice == c.lines[i].voice {
				j++
			}
			var texts []string
			words := 0
			for _, l := range c.lines[i:j] {
				texts = append(texts, l.text)
				words += strings.Count(l.text, " ") + 1
			}
			out = append(out, piece{voice: c.lines[i].voice, voiced: c.lines[i].voiced, text: strings.Join(texts, " "),
				start: c.start, end: c.end, spoken: c.end, words: words, line: c.line})
			i = j
		}
	}
	return out
}

// assignSpeakers decides each piece's speaker. WebVTT voices come first: a
// piece without one carries on the speaker before it. Without voices, a
// "NAME:" label opening a cue names the speaker, who carries on through
// the cues after it, as subtitles of debates are written; the label leaves
// the text. Labels count only when they look like speakers' (acceptCueLabels).
func assignSpeakers(ps []piece) {
	voiced := false
	for _, p := range ps {
		voiced = voiced || p.voiced && p.voice != ""
	}
	var labels []string
	var ats []int
	if !voiced {
		labels, ats = make([]string, len(ps)), make([]int, len(ps))
		for i, p := range ps {
			if sp, at, ok := label(p.text); ok && at < len(p.text) {
				labels[i], ats[i] = sp, at
			}
		}
		keepOneStyle(len(labels), func(i int) string { return labels[i] }, func(i int) { labels[i] = "" })
		if !acceptCueLabels(labels) {
			labels = nil
		}
	}
	cur := ""
	for i := range ps {
		switch {
		case voiced && ps[i].voiced && ps[i].voice != "":
			cur = ps[i].voice
		case labels != nil && labels[i] != "":
			cur = labels[i]
			ps[i].text = ps[i].text[ats[i]:]
			ps[i].words = strings.Count(ps[i].text, " ") + 1
		}
		ps[i].speaker = cur
	}
}

// acceptCueLabels tells speakers' labels from a cue that happens to begin
// "Note:": the first cue is labelled, or two cues are.
func acceptCueLabels(labels []string) bool {
	n := 0
	for _, l := range labels {
		if l != "" {
			n++
		}
	}
	return n >= 2 || n == 1 && labels[0] != ""
}

// textBuilder assembles the article's text, counting code points.
type textBuilder struct {
	b     strings.Builder
	runes int
}

func (tb *textBuilder) add(s string) {
	tb.b.WriteString(s)
	tb.runes += utf8.RuneCountInString(s)
}

// build lays the pieces out as the article: one paragraph a turn, turns
// separated by a blank line; without a speaker, paragraphs by pauses and
// length.
func build(ps []piece, sizeHint int) (string, []annotate.Turn) {
	var tb textBuilder
	tb.b.Grow(sizeHint)
	var turns []annotate.Turn
	var cur *annotate.Turn
	words := 0
	for i, p := range ps {
		text := norm.NFC.String(p.text)
		if i == 0 || newParagraph(ps[i-1], p, words) {
			if i > 0 {
				tb.add("\n\n")
			}
			words = 0
			cur = nil
			if p.speaker != "" {
				turns = append(turns, annotate.Turn{Speaker: p.speaker, Start: tb.runes, TimeStart: ptr(p.start), TimeEnd: ptr(p.end)})
				cur = &turns[len(turns)-1]
			}
		} else {
			tb.add(" ")
		}
		tb.add(text)
		words += p.words
		if cur != nil {
			cur.End = tb.runes
			*cur.TimeStart = min(*cur.TimeStart, p.start)
			*cur.TimeEnd = max(*cur.TimeEnd, p.end)
		}
	}
	return tb.b.String(), turns
}

// newParagraph reports whether p starts a paragraph after prev, which ends
// one of words words. Without speakers, a pause does, and so does ">>",
// which television captions write where the speaker changes.
func newParagraph(prev, p piece, words int) bool {
	if p.speaker != prev.speaker {
		return true
	}
	if p.speaker != "" {
		return false
	}
	return strings.HasPrefix(p.text, ">>") || p.start-prev.spoken >= pauseSeconds ||
		words >= maxWords || words >= longWords && endsSentence(prev.text)
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’)]`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "…")
}

func ptr(f float64) *float64 { return &f }
