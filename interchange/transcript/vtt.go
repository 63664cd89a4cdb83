package transcript

import (
	"strings"
)

// vttHeader reports whether a WebVTT file begins with the line s:
// "WEBVTT" alone or followed by a space or tab and a title.
func vttHeader(s string) bool {
	s = strings.TrimPrefix(s, "\uFEFF")
	return s == "WEBVTT" || strings.HasPrefix(s, "WEBVTT ") || strings.HasPrefix(s, "WEBVTT\t")
}

// parseVTT reads WebVTT cues. The header's "Language:" line (YouTube
// writes one) is returned; NOTE, STYLE and REGION blocks are skipped; a
// cue's identifier and settings are ignored. Blocks whose times cannot be
// read are refused, naming the line, rather than skipped as a browser
// would: a transcript that silently loses a cue loses what was said.
func parseVTT(name string, lines []string) ([]cue, string, error) {
	if len(lines) == 0 || !vttHeader(lines[0]) {
		return nil, "", lineError(name, 1, "a WebVTT file begins with WEBVTT")
	}
	i, lang := 1, ""
	for ; i < len(lines) && !isBlank(lines[i]); i++ {
		if strings.Contains(lines[i], "-->") {
			return nil, "", lineError(name, i+1, "the header needs a blank line after it, before the first cue")
		}
		if k, v, ok := strings.Cut(lines[i], ":"); ok && strings.EqualFold(strings.TrimSpace(k), "Language") {
			lang = strings.TrimSpace(v)
		}
	}
	var cues []cue
	for i < len(lines) {
		if isBlank(lines[i]) {
			i++
			continue
		}
		j := i + 1
		if !strings.Contains(lines[i], "-->") {
			j++ // an identifier, then the times
		}
		for j < len(lines) && lines[j] != "" && !strings.Contains(lines[j], "-->") {
			j++
		}
		j = min(j, len(lines))
		c, ok, err := vttBlock(name, lines, i, j)
		if err != nil {
			return nil, "", err
		}
		if ok {
			cues = append(cues, c)
		}
		i = j
	}
	if len(cues) == 0 {
		return nil, "", fileError(name, "holds no cues")
	}
	return cues, lang, nil
}

// vttBlock reads the block lines[i:j] (a cue's text ends at an empty line
// or at a line holding "-->"; a line of spaces is text, as YouTube writes
// it): a cue, or a block that is not one
// (ok false).
func vttBlock(name string, lines []string, i, j int) (cue, bool, error) {
	first := strings.TrimSpace(lines[i])
	for _, kw := range []string{"NOTE", "STYLE", "REGION"} {
		if first == kw || strings.HasPrefix(first, kw+" ") || strings.HasPrefix(first, kw+"\t") {
			return cue{}, false, nil
		}
	}
	if !strings.Contains(first, "-->") { // an identifier
		i++
		if i == j || !strings.Contains(lines[i], "-->") && isBlank(lines[i]) {
			return cue{}, false, lineError(name, i, "expected the cue's times (%s) after %q; the file may be cut short", example(false), clip(first))
		}
	}
	start, end, err := parseTiming(strings.TrimSpace(lines[i]), false)
	if err != nil {
		return cue{}, false, lineError(name, i+1, "%v", err)
	}
	return cue{start: start, end: end, line: i + 1, lines: vttPayload(lines[i+1 : j])}, true, nil
}
