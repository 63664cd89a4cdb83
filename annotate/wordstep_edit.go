package annotate

import (
	"unicode"
	"unicode/utf8"
)

// StepWord is the editors' word step (the Suggestions tab uses GrowWord and
// ShrinkWord, which count a run of punctuation as a word; merging the two is
// open work). StepWord moves one edge of the span [start, end) of the text by a word, so
// that a span that is slightly wrong is fixed a word at a time: grow takes
// in the next word outside the edge (and the space before it), shrink drops
// the word inside it (and the space that is then left), or first the space
// at the edge, which a drag often takes along. atEnd picks the end
// edge, else the start. Words are runs of non-space characters, so
// punctuation goes with the word it touches. The span never becomes empty
// and never leaves the text: when the edge cannot move, the span is returned
// as it was.
func (t *Text) StepWord(start, end int, atEnd, grow bool) (int, int) {
	if start < 0 || end > t.n || start >= end {
		return start, end
	}
	switch {
	case atEnd && grow:
		end = t.skip(t.skip(end, true, true), true, false)
	case atEnd:
		if e := t.skip(end, false, true); e < end && e > start {
			end = e // trailing space goes first
		} else if e := t.skip(t.skip(e, false, false), false, true); e > start {
			end = e
		}
	case grow:
		start = t.skip(t.skip(start, false, true), false, false)
	default:
		if s := t.skip(start, true, true); s > start && s < end {
			start = s // leading space goes first
		} else if s := t.skip(t.skip(s, true, false), true, true); s < end {
			start = s
		}
	}
	return start, end
}

// skip moves from the code-point offset i over the characters that are (or,
// with space false, are not) white space, forward or backward, and returns
// where it stopped.
func (t *Text) skip(i int, forward, space bool) int {
	for {
		var r rune
		switch {
		case forward && i < t.n:
			r, _ = utf8.DecodeRuneInString(t.s[t.byteAt(i):])
		case !forward && i > 0:
			r, _ = utf8.DecodeLastRuneInString(t.s[:t.byteAt(i)])
		default:
			return i
		}
		if unicode.IsSpace(r) != space {
			return i
		}
		if forward {
			i++
		} else {
			i--
		}
	}
}
