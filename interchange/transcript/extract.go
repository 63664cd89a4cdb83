package transcript

import (
	"path/filepath"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// Kinds of subtitle file, as Sniff names them.
const (
	KindSRT = "srt" // SubRip
	KindVTT = "vtt" // WebVTT, YouTube's captions included
)

// MediaType is the media type of a kind, for annotate.SourceFile.
func MediaType(kind string) string {
	switch kind {
	case KindSRT:
		return "application/x-subrip"
	case KindVTT:
		return "text/vtt"
	}
	return ""
}

// Sniff tells a subtitle file by its content: WebVTT by its "WEBVTT" first
// line, SRT by a first cue of a number and a line of times
// ("00:00:01,000 --> 00:00:04,000"). A file named .vtt or .srt is that kind
// whatever it holds, so that Extract says what is wrong with it (a WebVTT
// file without its header, a cut SRT file) rather than the import calling it
// an unknown format.
func Sniff(name string, data []byte) (kind string, ok bool) {
	ext := strings.ToLower(filepath.Ext(name))
	head, err := annotate.ToUTF8(data[:min(len(data), 4096)])
	if err != nil { // UTF-16 without its mark: Extract says so
		head = nil
	}
	s := strings.TrimPrefix(string(head), "\uFEFF")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.SplitN(strings.TrimLeft(s, "\n \t"), "\n", 3)
	switch {
	case vttHeader(strings.TrimRight(lines[0], " \t")) || ext == ".vtt":
		return KindVTT, true
	case srtStart(lines) || ext == ".srt":
		return KindSRT, true
	}
	return "", false
}

// srtStart reports whether lines begin as an SRT file: a cue number and
// its times, or the times alone.
func srtStart(lines []string) bool {
	first := strings.TrimSpace(lines[0])
	if isNumber(first) && len(lines) > 1 {
		first = strings.TrimSpace(lines[1])
	}
	_, _, err := parseTiming(first, true)
	return err == nil
}

// Extract reads an SRT or WebVTT file (Sniff tells which) into an article:
// the cues' text, one paragraph a turn, turns separated by a blank line,
// with each turn's speaker and times in seconds. Speakers come from WebVTT
// voices (<v Name>) or from "NAME:" labels opening cues, and carry on
// through the cues after them until another speaker; a file without
// speakers gets no turns and paragraphs made by pauses. YouTube's rolling
// captions, which show every line twice, are read once. Markup and cue
// settings are dropped and character references decoded.
//
// Errors name the file and the line: times that cannot be read or that end
// before they start, text where a cue's number or times belong, a file cut
// short, binary data or text that is not UTF-8.
func Extract(name string, data []byte) (*annotate.Extracted, error) {
	kind, ok := Sniff(name, data)
	if !ok {
		return nil, fileError(name, "is neither an SRT nor a WebVTT subtitle file")
	}
	lines, err := splitLines(name, data)
	if err != nil {
		return nil, err
	}
	var cues []cue
	lang := ""
	if kind == KindVTT {
		cues, lang, err = parseVTT(name, lines)
	} else {
		cues, err = parseSRT(name, lines)
	}
	if err != nil {
		return nil, err
	}
	var ps []piece
	if isRolling(cues) {
		ps = rollingPieces(dedupe(cues))
	} else {
		ps = cuePieces(cues)
	}
	assignSpeakers(ps)
	text, turns := build(ps, len(data))
	if strings.TrimSpace(text) == "" {
		return nil, fileError(name, "has cues but no text in them")
	}
	if len(text) > annotate.MaxTextBytes {
		return nil, fileError(name, "holds %d MB of text; the limit is %d MB", len(text)>>20, annotate.MaxTextBytes>>20)
	}
	ex := &annotate.Extracted{Text: text, Meta: annotate.ArticleMeta{Language: lang}, Turns: turns}
	if err := ex.Check(); err != nil {
		return nil, &annotate.Error{Code: annotate.EINTERNAL, Message: name + ": the transcript read from it is not consistent; please report this", Err: err}
	}
	return ex, nil
}
