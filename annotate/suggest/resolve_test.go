package suggest

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// sources builds a text from sentences, each "Source|rest", and returns it
// with the anchors of its sources.
func sources(t *testing.T, sents ...string) (*annotate.Text, []annotate.Anchor) {
	t.Helper()
	var b strings.Builder
	var spans [][2]int
	for _, s := range sents {
		src, rest, _ := strings.Cut(s, "|")
		start := len([]rune(b.String()))
		spans = append(spans, [2]int{start, start + len([]rune(src))})
		b.WriteString(src + rest + " ")
	}
	text := annotate.NewText(b.String())
	out := make([]annotate.Anchor, len(spans))
	for i, sp := range spans {
		a, err := text.Anchor(sp[0], sp[1])
		if err != nil {
			t.Fatal(err)
		}
		out[i] = a
	}
	return text, out
}

func TestAntecedent(t *testing.T) {
	tests := []struct {
		name     string
		sents    []string // the last one's source is resolved
		speakers []string // of the earlier ones
		want     string   // the speaker picked
		rule     bool     // a case of the nearest-speaker rule only (the model weighs more)
	}{
		{"not referring", []string{"Mr. Macron| said so.", "Macron| said it again."}, []string{"Emmanuel Macron"}, "", false},
		{"nearest named speaker", []string{"Mr. Macron| said so.", "Keir Starmer| agreed.", "He| said more."}, []string{"Emmanuel Macron", "Keir Starmer"}, "Keir Starmer", true},
		{"gender clash skipped", []string{"Mrs. Smith| said so.", "Mr. Macron| agreed.", "She| said more."}, []string{"Ann Smith", "Emmanuel Macron"}, "Ann Smith", false},
		{"gender learnt from an earlier pronoun", []string{"Ann Smith| said so.", "She| added more.", "Mr. Jones| agreed.", "She| said it twice."}, []string{"Ann Smith", "Ann Smith", "Bob Jones"}, "Ann Smith", false},
		{"gender from an honorific in the text", []string{"Ann Smith| said so, and Ms. Smith smiled.", "Mr. Jones| agreed.", "She| said it twice."}, []string{"Ann Smith", "Bob Jones"}, "Ann Smith", false},
		{"sources without a speaker skipped", []string{"Mr. Macron| said so.", "A source| agreed.", "He,| it went on, said more."}, []string{"Emmanuel Macron", ""}, "Emmanuel Macron", false},
		{"they skips a person for a body", []string{"The ministry| said so.", "Keir Starmer| agreed.", "They| said more."}, []string{"Ministry of Health", "Keir Starmer"}, "Ministry of Health", false},
		{"a title means a speaker who carried it", []string{"President Ann Lee| said so.", "Mr. Jones| agreed.", "The president| said more."}, []string{"Ann Lee", "Bob Jones"}, "Ann Lee", false},
		{"a title nobody carried", []string{"Mr. Jones| agreed.", "The president| said more."}, []string{"Bob Jones"}, "", false},
		{"nothing earlier", []string{"He| said so."}, nil, "", false},
	}
	for _, rv := range []*resolver{nil, suggester(t).resolve} {
		for _, tt := range tests {
			if tt.rule && rv != nil {
				continue
			}
			t.Run(tt.name, func(t *testing.T) {
				text, srcs := sources(t, tt.sents...)
				earlier := make([]Named, len(tt.speakers))
				for i, sp := range tt.speakers {
					earlier[i] = Named{Mention: srcs[i].Exact, Speaker: sp, Start: srcs[i].Start}
				}
				got := ""
				if i := antecedentWith(rv, text.String(), srcs[len(srcs)-1], earlier); i >= 0 {
					got = earlier[i].Speaker
				}
				if got != tt.want {
					t.Errorf("model %v: Antecedent(%q) picks %q, want %q", rv != nil, srcs[len(srcs)-1].Exact, got, tt.want)
				}
			})
		}
	}
}

func TestNameOf(t *testing.T) {
	for in, want := range map[string]string{
		"President Volodymyr Zelensky, from Ukraine": "Volodymyr Zelensky",
		"Ms. Halvorsen":  "Halvorsen",
		"the ministry":   "the ministry",
		" Keir Starmer,": "Keir Starmer",
	} {
		if got := NameOf(in); got != want {
			t.Errorf("NameOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescriptionsAreNotFullNames(t *testing.T) {
	for _, c := range []struct {
		mention, want string
		desc          bool
	}{
		{"The New York Post", "New York Post", false},
		{"The ad", "The ad", true},
		{"A lesson from Loretta Lynch", "A lesson from Loretta Lynch", true},
		{"the source", "the source", true},
	} {
		got := nameOf(c.mention)
		if got != c.want || isDescription(got) != c.desc {
			t.Errorf("nameOf(%q) = %q (description %v), want %q (%v)", c.mention, got, isDescription(got), c.want, c.desc)
		}
	}
}
