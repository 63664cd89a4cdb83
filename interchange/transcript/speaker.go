package transcript

import (
	"strings"

	"github.com/factmark/factmark/annotate"
)

// MatchSpeaker finds the registered speaker a turn's label names, as the
// registry matches mentions (annotate.Registry.Match: full name or alias,
// case, accents and titles aside, or a surname only one speaker has): so
// "TRUMP" is Donald Trump, "SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL
// CANDIDATE" Bernie Sanders and "MODERATOR (HOLT)" Lester Holt. It tries the
// label whole, then the name before a comma or parenthesis, then a name in
// parentheses; it reports false when none matches one speaker, leaving the
// choice to the user.
func MatchSpeaker(label string, reg *annotate.Registry) (annotate.Speaker, bool) {
	for _, m := range labelMentions(label) {
		if s, ok := reg.Match(m); ok {
			return s, true
		}
	}
	return annotate.Speaker{}, false
}

// labelMentions are the ways a label may name its speaker, most specific
// first.
func labelMentions(label string) []string {
	out := []string{label}
	head, _, _ := strings.Cut(label, ",")
	name, paren, hasParen := strings.Cut(head, "(")
	if name = strings.TrimSpace(name); name != "" && name != label {
		out = append(out, name)
	}
	if hasParen {
		inner, _, _ := strings.Cut(paren, ")")
		if inner = strings.TrimSpace(inner); inner != "" {
			out = append(out, inner)
		}
	}
	return out
}
