package suggest

import "strings"

// Named is a source earlier in the text than a pronoun: what it says
// (Mention) and the speaker the user or the suggester gave it (Speaker,
// empty when none).
type Named struct {
	Mention string
	Speaker string
}

// IsPronoun reports whether a source's text is a personal pronoun ("he",
// "She", "they,").
func IsPronoun(mention string) bool { return isPronoun(mention) }

// Antecedent picks the speaker a pronoun source refers to, by the rule the
// suggester uses: the nearest earlier source with a speaker whose gender
// (learnt from the titles and pronouns used for that speaker before) does
// not clash with the pronoun's, and not a person for "it" or "they". earlier
// is in text order. It returns the index in earlier, or -1 when none fits
// or mention is not a pronoun.
func Antecedent(mention string, earlier []Named) int {
	if !isPronoun(mention) {
		return -1
	}
	genders := map[string]gender{}
	for _, n := range earlier {
		g := mentionGender(n.Mention)
		if isPronoun(n.Mention) {
			g = pronounGender[pronounKey(n.Mention)]
		}
		if n.Speaker != "" && g != unknown && genders[n.Speaker] == unknown {
			genders[n.Speaker] = g
		}
	}
	g := pronounGender[pronounKey(mention)]
	for j := len(earlier) - 1; j >= 0; j-- {
		v := earlier[j]
		if v.Speaker == "" {
			continue
		}
		have := genders[v.Speaker]
		if have != unknown && have != g || have == unknown && g == group && !isPronoun(v.Mention) && isPerson(v.Mention) {
			continue
		}
		return j
	}
	return -1
}

func pronounKey(m string) string { return strings.ToLower(strings.TrimSpace(strings.Trim(m, ","))) }

// NameOf is the name in a source's text, without an apposition or leading
// titles: "President Volodymyr Zelensky, from Ukraine" → "Volodymyr
// Zelensky". A description ("the source") is returned as it is.
func NameOf(mention string) string {
	return nameOf(strings.TrimRight(strings.TrimSpace(mention), " ,"))
}
