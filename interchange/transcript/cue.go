package transcript

import (
	"html"
	"strings"
	"unicode/utf8"
)

// cue is one subtitle cue as read from the file: when it shows and what it
// says, line by line.
type cue struct {
	start, end float64
	line       int // the file's line of the cue's times, for messages
	lines      []cueLine
}

// cueLine is one line of a cue's text, or the part of it one voice speaks,
// with markup removed, entities decoded and white space collapsed.
type cueLine struct {
	voice  string // the WebVTT <v> voice speaking it, or ""
	voiced bool   // whether a <v> tag covers it
	text   string
	marks  []mark // WebVTT timestamp tags inside the line, in order
}

// mark is a WebVTT timestamp tag: the words of the line from word on are
// spoken from time t (YouTube writes one before every word).
type mark struct {
	word int
	t    float64
}

// lineBuilder collects a line's text, collapsing runs of white space into
// one space, and counts its words so that marks can point at them.
type lineBuilder struct {
	b     strings.Builder
	words int
	space bool // a space is pending before the next word
}

func (lb *lineBuilder) write(s string) {
	for len(s) > 0 {
		i := strings.IndexFunc(s, isSpace)
		if i != 0 {
			if i < 0 {
				i = len(s)
			}
			switch {
			case lb.space:
				lb.b.WriteByte(' ')
				lb.words++
			case lb.b.Len() == 0:
				lb.words++
			}
			lb.space = false
			lb.b.WriteString(s[:i])
			s = s[i:]
			continue
		}
		_, n := utf8.DecodeRuneInString(s)
		lb.space = lb.b.Len() > 0
		s = s[n:]
	}
}

// isSpace is white space as strings.Fields sees it.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// vttPayload reads the text of a WebVTT cue: <v Name> starts a voice (it
// lasts to </v> or the cue's end), timestamp tags become marks, every other
// tag (<c>, <i>, <b>, <u>, <lang>, <ruby>, <rt>) is dropped and character
// references are decoded.
func vttPayload(lines []string) []cueLine {
	var out []cueLine
	voice, voiced := "", false
	for _, raw := range lines {
		var lb lineBuilder
		var marks []mark
		flush := func() {
			if text := lb.b.String(); text != "" {
				out = append(out, cueLine{voice: voice, voiced: voiced, text: text, marks: marks})
			}
			lb, marks = lineBuilder{}, nil
		}
		for s := raw; s != ""; {
			i := strings.IndexAny(s, "<&")
			if i < 0 {
				lb.write(s)
				break
			}
			lb.write(s[:i])
			s = s[i:]
			if s[0] == '&' {
				text, rest := entity(s)
				lb.write(text)
				s = rest
				continue
			}
			end := strings.IndexByte(s, '>')
			if end < 0 { // not a tag: a stray '<'
				lb.write(s)
				break
			}
			tag := s[1:end]
			s = s[end+1:]
			switch {
			case tag != "" && tag[0] >= '0' && tag[0] <= '9':
				if t, rest, err := parseTime(tag, false); err == nil && rest == "" {
					marks = append(marks, mark{word: lb.words, t: t})
				}
			case tag == "v" || strings.HasPrefix(tag, "v ") || strings.HasPrefix(tag, "v.") || strings.HasPrefix(tag, "v\t"):
				flush()
				voice, voiced = voiceName(tag), true
			case tag == "/v":
				flush()
				voice, voiced = "", false
			}
		}
		flush()
	}
	return out
}

// voiceName is the annotation of a <v> tag: "v.loud Hillary Clinton" gives
// "Hillary Clinton".
func voiceName(tag string) string {
	i := strings.IndexAny(tag, " \t")
	if i < 0 {
		return ""
	}
	name := html.UnescapeString(tag[i+1:])
	return strings.Join(strings.FieldsFunc(name, isSpace), " ")
}

// entity decodes the character reference at the start of s ("&amp;",
// "&#39;", "&nbsp;"); a '&' that starts none is itself.
func entity(s string) (text, rest string) {
	end := strings.IndexByte(s[:min(len(s), 40)], ';')
	if end < 0 {
		return "&", s[1:]
	}
	if dec := html.UnescapeString(s[:end+1]); dec != s[:end+1] {
		return dec, s[end+1:]
	}
	return "&", s[1:]
}

// srtPayload reads the text of an SRT cue: the tags players honour (<i>,
// <b>, <u>, <s>, <font …>) and {\an8}-style positioning codes are dropped;
// anything else, "<3" or "a < b" included, is text. SRT has no character
// references, but files converted from captions carry "&gt;&gt;" and
// "&#39;": whole references are decoded ("AT&T" stays).
func srtPayload(lines []string) []cueLine {
	var out []cueLine
	for _, raw := range lines {
		var lb lineBuilder
		for s := raw; s != ""; {
			i := strings.IndexAny(s, "<{&")
			if i < 0 {
				lb.write(s)
				break
			}
			lb.write(s[:i])
			s = s[i:]
			if s[0] == '&' {
				text, rest := entity(s)
				lb.write(text)
				s = rest
				continue
			}
			if n := srtTagLen(s); n > 0 {
				s = s[n:]
				continue
			}
			lb.write(s[:1])
			s = s[1:]
		}
		if lb.b.Len() > 0 {
			out = append(out, cueLine{text: lb.b.String()})
		}
	}
	return out
}

// srtTagLen is the length of the formatting tag at the start of s, or 0.
// Tags are short: looking no further than maxTag bytes keeps a long line of
// "<3 <3 …" linear.
func srtTagLen(s string) int {
	const maxTag = 256
	s = s[:min(len(s), maxTag)]
	end := strings.IndexByte(s, '>')
	if s[0] == '{' {
		end = strings.IndexByte(s, '}')
		if end > 1 && s[1] == '\\' {
			return end + 1
		}
		return 0
	}
	if end < 0 {
		return 0
	}
	name := strings.ToLower(strings.TrimPrefix(s[1:end], "/"))
	if i := strings.IndexAny(name, " \t"); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "i", "b", "u", "s", "font":
		return end + 1
	}
	return 0
}
