package suggest

import (
	"fmt"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// SpeakerScore counts how often a suggestion names the right speaker. A gold
// attribution counts when its speaker is known: from its speaker= note (the
// seed), else from its source when that is a name ("President Emmanuel
// Macron", "Mr. Macron", "The New York Post"; not "he", "the spokeswoman",
// "sources"), made canonical within the gold text as the suggester does.
// It is Found when a suggestion's content overlaps its content (the one
// overlapping most), and Right when that suggestion's Speaker is the gold
// speaker (the same name key, or the same last word: "Macron" for "Emmanuel
// Macron"). Named and Referring split the counts by the gold source: a name,
// or a pronoun or description that only a note resolves.
type SpeakerScore struct {
	Named, Referring SpeakerCount
}

// SpeakerCount is one part of a SpeakerScore.
type SpeakerCount struct{ Gold, Found, Right int }

// Add accumulates another document's counts.
func (s *SpeakerScore) Add(t SpeakerScore) {
	for _, p := range [][2]*SpeakerCount{{&s.Named, &t.Named}, {&s.Referring, &t.Referring}} {
		p[0].Gold += p[1].Gold
		p[0].Found += p[1].Found
		p[0].Right += p[1].Right
	}
}

// Lines are the counts as `factmark eval` prints them.
func (s *SpeakerScore) Lines() []string {
	line := func(name string, c SpeakerCount) string {
		return fmt.Sprintf("speaker  %-9s %d of %d found right (%.3f); %d of the %d with a suggestion (%.3f)",
			name, c.Right, c.Gold, ratio(c.Right, c.Gold), c.Right, c.Found, ratio(c.Right, c.Found))
	}
	return []string{line("named", s.Named), line("referring", s.Referring)}
}

// ScoreSpeakers compares the speakers of res's attributions with ex's gold.
func ScoreSpeakers(ex *Example, res *Result) SpeakerScore {
	names := map[string]string{}
	for _, sp := range ex.Speakers {
		names[sp.ID] = sp.Name
	}
	full := goldFullNames(ex.Attributions)
	var s SpeakerScore
	for i := range ex.Attributions {
		g := &ex.Attributions[i]
		want, named := goldSpeaker(g, names, full)
		if want == "" {
			continue
		}
		c := &s.Referring
		if named {
			c = &s.Named
		}
		c.Gold++
		p := bestOverlap(g, res.Attributions)
		if p == nil {
			continue
		}
		c.Found++
		if sameSpeaker(p.Speaker, want) {
			c.Right++
		}
	}
	return s
}

// goldSpeaker is the speaker of gold attribution g and whether its source
// names them; "" when the gold does not tell.
func goldSpeaker(g *annotate.Attribution, names, full map[string]string) (string, bool) {
	mention := ""
	if g.Source != nil {
		mention = strings.TrimRight(g.Source.Exact, " ,")
	}
	name := namedIn(mention)
	if g.SpeakerID != "" && names[g.SpeakerID] != "" {
		return names[g.SpeakerID], name != ""
	}
	if name == "" {
		return "", false
	}
	if f := full[surname(name)]; f != "" {
		name = f
	}
	return name, true
}

// namedIn is the name a source mention gives, "" for a pronoun or a
// description ("The ad", "A new ad from Donald Trump’s campaign").
func namedIn(mention string) string {
	if mention == "" || isPronoun(mention) {
		return ""
	}
	if w := strings.Fields(mention); determiners[strings.ToLower(w[0])] {
		if len(w) == 1 || !isCapitalised(w[1]) {
			return ""
		}
		mention = strings.Join(w[1:], " ")
	}
	name := nameOf(mention)
	if !isCapitalised(name) || mentionGender(name) == group && len(strings.Fields(name)) == 1 {
		return ""
	}
	return name
}

// goldFullNames maps each surname to the fullest name the gold sources give.
func goldFullNames(gold []annotate.Attribution) map[string]string {
	out := map[string]string{}
	for _, g := range gold {
		if g.Source == nil {
			continue
		}
		name := namedIn(strings.TrimRight(g.Source.Exact, " ,"))
		if name == "" {
			continue
		}
		if s := surname(name); len(strings.Fields(name)) > len(strings.Fields(out[s])) {
			out[s] = name
		}
	}
	return out
}

// bestOverlap is the suggestion whose content shares most code points with
// g's, nil when none shares any.
func bestOverlap(g *annotate.Attribution, sugg []Attribution) *Attribution {
	var best *Attribution
	most := 0
	for i := range sugg {
		n := 0
		for _, a := range g.Content {
			for _, b := range sugg[i].Content {
				n += max(0, min(a.End, b.End)-max(a.Start, b.Start))
			}
		}
		if n > most {
			best, most = &sugg[i], n
		}
	}
	return best
}

// sameSpeaker says whether the names a and b are one speaker's: the same
// name key, or the same surname when one of them is the surname alone or
// both give the same first name ("Rival Hillary Clinton", "Democrat Hillary
// Clinton": a descriptor the text put before the name is not the speaker).
func sameSpeaker(a, b string) bool {
	ka, kb := annotate.NameKey(a), annotate.NameKey(b)
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	fa, fb := strings.Fields(ka), strings.Fields(kb)
	if fa[len(fa)-1] != fb[len(fb)-1] {
		return false
	}
	return len(fa) == 1 || len(fb) == 1 || len(fa) > 1 && len(fb) > 1 && fa[len(fa)-2] == fb[len(fb)-2]
}

// determiners begin a description, or a name that is not the speaker's
// own ("The New York Post" is "New York Post").
var determiners = setOf("a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our")
