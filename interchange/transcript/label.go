package transcript

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A speaker label opens a paragraph or a cue: "TRUMP: ", "Hillary Clinton: ",
// "MODERATOR (HOLT): ", "SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL
// CANDIDATE: ". Each word starts with a capital; "von", "de" and the like may
// come between. A stage direction in parentheses before it ("(APPLAUSE)
// CLINTON: ") and a caption's ">>" are not part of the speaker.
var labelRE = func() *regexp.Regexp {
	word := `\p{Lu}[\p{L}\p{M}\d.'’\-]*`
	particle := `(?:de|da|del|della|der|den|di|du|la|le|van|von|bin|al|ibn|y)`
	name := word + `(?:(?: ` + particle + `)? ` + word + `){0,5}`
	group := name + `(?: \([^()\n]{1,40}\))?`
	return regexp.MustCompile(`^(?:>>\s*)?(?:\([^()\n]{1,40}\)\s+)?(` + group + `(?:, ` + group + `){0,3}):(?:[ \t]+|$)`)
}()

// notSpeakers are first words of labels that introduce something other than
// a speaker's words: notes, headings, e-mail headers. sentenceWords open
// sentences ("The Latest:", "In short:") when written in mixed case; in
// capitals they may be a speaker ("A:", "THE PRESIDENT:"). Both are compared
// in lower case.
var notSpeakers, sentenceWords = wordSet(`note notes update updated updates correction corrections
	clarification editor editor's editor’s editors source sources photo photos picture image images
	video videos watch read related see also poll polls breaking exclusive opinion analysis live
	warning disclaimer transcript summary background context credit credits caption tags tag topics
	topic subject re fwd fw from to date sent cc bcc step part chapter section example tip ps p.s.
	price cost location time address phone email e-mail website contact follow share posted
	published filed more`),
	wordSet(`the a an in on at by for and but or if when where why how what this that these those
	here there it he she they we you my our his her their its`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// label finds a speaker label at the start of s: the speaker as written
// (white space collapsed) and the byte offset where the words after it
// begin.
func label(s string) (speaker string, rest int, ok bool) {
	if s == "" || !strings.ContainsRune(s[:min(len(s), 200)], ':') {
		return "", 0, false
	}
	m := labelRE.FindStringSubmatchIndex(s[:min(len(s), 200)])
	if m == nil {
		return "", 0, false
	}
	speaker = strings.Join(strings.Fields(s[m[2]:m[3]]), " ")
	if !plausibleSpeaker(speaker) {
		return "", 0, false
	}
	return speaker, m[1], true
}

// plausibleSpeaker refuses labels too long to be a name, headline-style
// phrases of many capitalised words, and the words of notSpeakers and
// sentenceWords.
func plausibleSpeaker(s string) bool {
	if utf8.RuneCountInString(s) > 80 {
		return false
	}
	words := strings.Fields(s)
	first := strings.ToLower(strings.TrimRight(words[0], ","))
	mixed := strings.IndexFunc(s, unicode.IsLower) >= 0
	if notSpeakers[first] || mixed && sentenceWords[first] {
		return false
	}
	name, _, _ := strings.Cut(s, "(")
	name, _, _ = strings.Cut(name, ",")
	return !mixed || len(strings.Fields(name)) <= 4
}

// keepOneStyle drops the labels of the less used style, capitals or mixed
// case (a one-letter label, "Q", is either): a transcript writes its
// speakers one way, so in one of capitals "Remember: all of the people…"
// opens a sentence, not a turn. Ties go to capitals. speaker(i) and drop(i)
// read and clear the i-th of n labels ("" for none).
func keepOneStyle(n int, speaker func(int) string, drop func(int)) {
	caps, mixed := 0, 0
	for i := 0; i < n; i++ {
		switch labelStyle(speaker(i)) {
		case styleCaps:
			caps++
		case styleMixed:
			mixed++
		}
	}
	minority := styleMixed
	if mixed > caps {
		minority = styleCaps
	}
	for i := 0; i < n; i++ {
		if s := speaker(i); s != "" && labelStyle(s) == minority {
			drop(i)
		}
	}
}

const (
	styleNone = iota
	styleCaps
	styleMixed
)

func labelStyle(s string) int {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return styleMixed
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters >= 2 {
		return styleCaps
	}
	return styleNone
}
