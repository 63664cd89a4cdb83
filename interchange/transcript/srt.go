package transcript

import (
	"strings"
)

// parseSRT reads SubRip cues: a number, a timing line
// "00:00:01,000 --> 00:00:04,000" and text lines, blocks separated by blank
// lines. A block may leave out its number (several tools write none), but
// anything else where a number or times belong is refused, naming the line:
// it is how a cut or hand-edited file shows.
func parseSRT(name string, lines []string) ([]cue, error) {
	var cues []cue
	for i := 0; i < len(lines); {
		if isBlank(lines[i]) {
			i++
			continue
		}
		head := strings.TrimSpace(lines[i])
		if !strings.Contains(head, "-->") {
			if !isNumber(head) {
				return nil, lineError(name, i+1, "expected a cue number or the cue's times (%s), found %q; a blank line may have split a cue", example(true), clip(head))
			}
			i++
			if i == len(lines) || isBlank(lines[i]) {
				return nil, lineError(name, i, "cue %s has no times; the file may be cut short", head)
			}
		}
		start, end, err := parseTiming(strings.TrimSpace(lines[i]), true)
		if err != nil {
			return nil, lineError(name, i+1, "%v", err)
		}
		at := i + 1
		j := at
		for j < len(lines) && !srtCueEnds(lines, j) {
			j++
		}
		cues = append(cues, cue{start: start, end: end, line: at, lines: srtPayload(lines[at:j])})
		i = j
	}
	if len(cues) == 0 {
		return nil, fileError(name, "holds no subtitles")
	}
	return cues, nil
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// srtCueEnds reports whether a cue's text ends before lines[j]: at an empty
// line, or where the next cue begins without the blank line before it, or
// after a line of spaces (which a player shows as a blank line, but editors
// leave between cues).
func srtCueEnds(lines []string, j int) bool {
	switch {
	case lines[j] == "":
		return true
	case isBlank(lines[j]):
		return j+1 == len(lines) || srtCueStarts(lines, j+1)
	}
	return srtCueStarts(lines, j)
}

// srtCueStarts reports whether a cue begins at lines[j]: a number and a
// line of times, or the times alone.
func srtCueStarts(lines []string, j int) bool {
	s := strings.TrimSpace(lines[j])
	if isNumber(s) && j+1 < len(lines) {
		s = strings.TrimSpace(lines[j+1])
	}
	if !strings.Contains(s, "-->") {
		return false
	}
	_, _, err := parseTiming(s, true)
	return err == nil
}
