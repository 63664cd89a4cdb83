package annotate

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Speaker is a person or body that says things, kept in one registry for all
// articles so that "Mr. Macron" in one text and "Emmanuel Macron" in another
// are the same speaker. Name is the canonical form; Aliases are other ways the
// speaker is mentioned. The user edits all of them.
type Speaker struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Aliases  []string  `json:"aliases,omitempty"`
	Role     string    `json:"role,omitempty"` // role or affiliation: "President of France"
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}

// Validate checks the speaker's fields.
func (s *Speaker) Validate() error {
	switch {
	case !validID(s.ID):
		return fieldError("speaker.id", "%q is not a UUID", s.ID)
	case NameKey(s.Name) == "":
		return fieldError("speaker.name", "is empty")
	}
	if err := firstError(CheckLine("speaker.name", s.Name), CheckLine("speaker.role", s.Role)); err != nil {
		return err
	}
	for i, a := range s.Aliases {
		if NameKey(a) == "" {
			return fieldError("speaker.aliases", "alias %d is empty", i+1)
		}
		if err := CheckLine(indexed("speaker.aliases", i), a); err != nil {
			return err
		}
	}
	return nil
}

// titles are words that stand before a name and are not part of it. Matching
// drops them from the front of a mention, repeatedly, so "Prime Minister Keir
// Starmer" and "Mr. Starmer" both reduce to the name.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true,
	"professor": true, "sir": true, "dame": true, "lord": true, "lady": true, "president": true,
	"vice": true, "prime": true, "minister": true, "chancellor": true, "secretary": true,
	"senator": true, "sen": true, "rep": true, "representative": true, "congressman": true,
	"congresswoman": true, "gov": true, "governor": true, "mayor": true, "gen": true,
	"general": true, "col": true, "colonel": true, "adm": true, "admiral": true, "judge": true,
	"justice": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"rev": true, "reverend": true, "foreign": true, "defense": true, "defence": true,
	"deputy": true, "chief": true, "speaker": true, "leader": true, "the": true, "former": true,
	"councillor": true, "councilor": true, "councilman": true, "councilwoman": true,
	"alderman": true, "commissioner": true, "ambassador": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "st": true, "saint": true, "mme": true, "m": true, "herr": true, "frau": true, "sr": true, "jr": true,
}

// NameKey reduces a name or mention to the key speakers are matched by: case,
// accents, punctuation and leading titles do not count ("President Emmanuel
// Macron" and "emmanuel macron" have the same key). A mention that is only a
// title keeps it, so "the President" can still be an alias.
func NameKey(name string) string {
	words := nameWords(name)
	i := 0
	for i < len(words)-1 && titles[words[i]] {
		i++
	}
	for len(words) > i+1 && (words[len(words)-1] == "jr" || words[len(words)-1] == "sr") {
		words = words[:len(words)-1]
	}
	return strings.Join(words[i:], " ")
}

// nameWords lowercases name, folds accents away and splits it into words of
// letters and digits; apostrophes and hyphens stay inside words.
func nameWords(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// Registry finds speakers by any of their names. It is built from a snapshot
// of the speakers and is not updated in place: build a new one after edits.
type Registry struct {
	speakers []Speaker
	byKey    map[string][]int
	bySur    map[string][]int
}

// NewRegistry indexes speakers by name, aliases and surname.
func NewRegistry(speakers []Speaker) *Registry {
	r := &Registry{speakers: speakers, byKey: map[string][]int{}, bySur: map[string][]int{}}
	for i, s := range speakers {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			if k := NameKey(n); k != "" {
				r.byKey[k] = appendOnce(r.byKey[k], i)
			}
		}
		if w := strings.Fields(NameKey(s.Name)); len(w) > 1 {
			r.bySur[w[len(w)-1]] = appendOnce(r.bySur[w[len(w)-1]], i)
		}
	}
	return r
}

// Match returns the one speaker that mention names: by canonical name or
// alias, or, for a one-word mention such as "Mr. Macron", by a surname only
// one speaker has. It reports false when none or several match.
func (r *Registry) Match(mention string) (Speaker, bool) {
	k := NameKey(mention)
	if ids := r.byKey[k]; len(ids) == 1 {
		return r.speakers[ids[0]], true
	} else if len(ids) > 1 {
		return Speaker{}, false
	}
	if !strings.Contains(k, " ") {
		if ids := r.bySur[k]; len(ids) == 1 {
			return r.speakers[ids[0]], true
		}
	}
	return Speaker{}, false
}

// Speakers returns the registry's speakers in the order given.
func (r *Registry) Speakers() []Speaker { return r.speakers }

func appendOnce(ids []int, i int) []int {
	for _, j := range ids {
		if j == i {
			return ids
		}
	}
	return append(ids, i)
}
