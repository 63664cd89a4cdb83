package suggest

import (
	"strings"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// cueReach is how many tokens may lie between a source and the cue
// CueBeside finds for it ("Mr. Ortiz also said", "said on Tuesday Mr.
// Ortiz" are one and two apart).
const cueReach = 3

// CueBeside is the cue the suggester's cue tagger (the embedded model)
// finds next to a source the user has set (text is the desk's article
// text, NFC with \n line ends; offsets in code points): the nearest cue of
// the source's paragraph at most cueReach tokens before or after it that
// overlaps neither the source nor any piece of content. It reports false
// when the tagger finds none there, or the models cannot be loaded.
func CueBeside(text string, source annotate.Anchor, content []annotate.Anchor) (annotate.Anchor, bool) {
	s, err := New()
	if err != nil || source.End <= source.Start {
		return annotate.Anchor{}, false
	}
	para, start, ok := paragraphAround(text, source)
	if !ok {
		return annotate.Anchor{}, false
	}
	d := newDoc(para)
	src := [2]int{source.Start - start, source.End - start}
	s0, s1 := d.tokenSpan(src[0], src[1])
	if s0 >= s1 {
		return annotate.Anchor{}, false
	}
	best, gap := [2]int{}, cueReach+1
	for _, c := range s.attr.cueSpansWith(d, [2]int{0, len(d.toks)}, nil) {
		a, b := d.toks[c[0]].Start, d.toks[c[1]-1].End
		cue := annotate.Anchor{Start: a + start, End: b + start}
		if cue.Overlaps(source) || overlaps([]annotate.Anchor{cue}, content) {
			continue
		}
		g := c[0] - s1 // tokens between the source's end and the cue
		if c[1] <= s0 {
			g = s0 - c[1]
		}
		if g >= 0 && g < gap {
			best, gap = [2]int{a, b}, g
		}
	}
	if gap > cueReach {
		return annotate.Anchor{}, false
	}
	runes := []rune(para)
	return annotate.Anchor{Start: best[0] + start, End: best[1] + start, Exact: string(runes[best[0]:best[1]])}, true
}

// paragraphAround is the line of text that holds source, and the code
// point where it starts; false when the source is out of the text or
// crosses a line end.
func paragraphAround(text string, source annotate.Anchor) (string, int, bool) {
	i := 0
	for line := range strings.SplitAfterSeq(text, "\n") {
		n := utf8.RuneCountInString(line)
		if source.Start >= i && source.Start < i+n {
			if source.End > i+n {
				return "", 0, false
			}
			return strings.TrimSuffix(line, "\n"), i, true
		}
		i += n
	}
	return "", 0, false
}
