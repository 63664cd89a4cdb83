package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// block is a non-blank line of a text, in code points, and the speaker
// label that opens it, if any.
type block struct {
	start, end int // code points of the line, trailing white space left out
	speaker    string
	body       int // code point where the words after the label begin
}

// DetectTurns finds the speakers' turns of a plain transcript, whose
// paragraphs begin "NAME:" ("TRUMP: ", "Hillary Clinton: ", "MODERATOR
// (HOLT): "), in a text already normalised (annotate.NormalizeText). A turn
// covers the words after its label up to the next label, paragraphs without
// one included; the labels and anything before the first stay outside the
// turns, and the text is not changed.
//
// It answers ok only when the labels look like a transcript's rather than a
// news article's headline ("Pence: Gennifer Flowers Won't Be at Debate") or
// a quoted note: two labelled paragraphs at least, with a speaker who comes
// back or labels on half the paragraphs from the first on, and the first
// label near the start; or a text that is one labelled paragraph. The user
// confirms what it finds.
func DetectTurns(text string) (turns []annotate.Turn, ok bool) {
	blocks := textBlocks(text)
	keepOneStyle(len(blocks), func(i int) string { return blocks[i].speaker }, func(i int) { blocks[i].speaker = "" })
	if !transcriptLike(blocks, utf8.RuneCountInString(text)) {
		return nil, false
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.speaker == "" {
			continue
		}
		start, end := b.body, b.end
		if start >= b.end && i+1 < len(blocks) && blocks[i+1].speaker == "" { // "NAME:" alone on its line
			start = blocks[i+1].start
		}
		for i+1 < len(blocks) && blocks[i+1].speaker == "" {
			i++
			end = blocks[i].end
		}
		if end > start {
			turns = append(turns, annotate.Turn{Speaker: b.speaker, Start: start, End: end})
		}
	}
	return turns, len(turns) > 0
}

// textBlocks splits text into its non-blank lines, counting code points as
// it goes (once, so that a long transcript costs one pass).
func textBlocks(text string) []block {
	blocks := make([]block, 0, strings.Count(text, "\n")+1)
	pos := 0 // code points before line
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		n := utf8.RuneCountInString(line)
		trimmed := strings.TrimRightFunc(line, isSpace)
		lead := len(trimmed) - len(strings.TrimLeftFunc(trimmed, isSpace))
		if lead < len(trimmed) {
			b := block{start: pos + utf8.RuneCountInString(trimmed[:lead])}
			b.end = b.start + utf8.RuneCountInString(trimmed[lead:])
			if sp, at, ok := label(trimmed[lead:]); ok && (labelStyle(sp) != styleMixed || spoken(trimmed[lead+at:])) {
				b.speaker, b.body = sp, b.start+utf8.RuneCountInString(trimmed[lead:lead+at])
			}
			blocks = append(blocks, b)
		}
		pos += n + 1
		text = rest
	}
	return blocks
}

// transcriptLike is the rule DetectTurns documents.
func transcriptLike(blocks []block, total int) bool {
	first, labelled, repeated := -1, 0, false
	seen := map[string]bool{}
	for i, b := range blocks {
		if b.speaker == "" {
			continue
		}
		if first < 0 {
			first = i
		}
		labelled++
		key := strings.ToLower(b.speaker)
		repeated = repeated || seen[key]
		seen[key] = true
	}
	switch {
	case labelled == 0:
		return false
	case labelled == 1:
		return len(blocks) == 1
	}
	nearStart := first <= 5 || blocks[first].start*4 <= total
	dense := 2*labelled >= len(blocks)-first
	return nearStart && (repeated || dense)
}

// spoken reports whether the words after a mixed-case label, the style of
// news lists and headlines, can be what the speaker said: not a figure ("Clinton: 547."), not a headline in title case
// ("Bernie Sanders: I’m Not Much Of A Socialist Compared To Eisenhower.").
// The words of a label alone on its line follow on the next line.
func spoken(s string) bool {
	if s == "" {
		return true
	}
	if strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return false
	}
	words := strings.Fields(s)
	if len(words) < 4 {
		return true
	}
	capital := 0
	for _, w := range words {
		w = strings.TrimLeft(w, "\"'“‘([")
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) || unicode.IsDigit(r) || r == '$' {
			capital++
		}
	}
	return 4*capital < 3*len(words)
}
