package suggest

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
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
				if i, _ := antecedentWith(rv, text.String(), srcs[len(srcs)-1], earlier); i >= 0 {
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

func TestTextNames(t *testing.T) {
	d := newDoc("Chris Christie got a heated reception. Christie slipped in. Regarding American aid, Mr. Jones spoke regarding Ann.")
	var got []string
	for _, m := range d.textNames(make([]bool, len(d.toks))) {
		got = append(got, m.speaker)
	}
	if want := "Chris Christie|Christie|Jones"; strings.Join(got, "|") != want {
		t.Errorf("textNames = %q, want %q", got, want)
	}
}

func TestIsReferring(t *testing.T) {
	for m, want := range map[string]bool{
		"he,": true, "They": true, "the president": true, "The former secretary of state": true,
		"Macron": false, "a rally of European leaders": false, "The New York Post": false, "sources": false,
	} {
		if got := IsReferring(m); got != want {
			t.Errorf("IsReferring(%q) = %v, want %v", m, got, want)
		}
	}
	if h := titleHead("the former secretary of state"); h != "secretary" {
		t.Errorf("titleHead = %q, want secretary", h)
	}
}

// TestFindMergesSurnames: a surname alone and the full name are one
// speaker, whichever comes first, but two full names are not.
func TestFindMergesSurnames(t *testing.T) {
	d := newDoc("x")
	st := d.newResolveState()
	ms := []mention{{text: "Christie", speaker: "Christie"}, {text: "Chris Christie", speaker: "Chris Christie"},
		{text: "Bill Clinton", speaker: "Bill Clinton"}, {text: "Hillary Clinton", speaker: "Hillary Clinton"}}
	for i := range ms {
		st.see(ms, i)
	}
	if c := st.find("Christie"); c == nil || c.speaker != "Chris Christie" || c.count != 2 {
		t.Errorf("Christie found as %+v, want Chris Christie seen twice", c)
	}
	if st.find("Hillary Clinton") == st.find("Bill Clinton") {
		t.Error("Bill and Hillary Clinton merged")
	}
}

// TestResolverTraining: the resolver learns from a slice of polnear-train,
// the same bytes twice, and picks the named speaker more often than the
// nearest name on the cases it learnt from.
func TestResolverTraining(t *testing.T) {
	exs, _, err := LoadExamples(filepath.Join(testcorpus.Dir(t, "corpus"), "polnear-train"))
	if err != nil {
		t.Fatal(err)
	}
	exs = exs[:min(len(exs), 80)]
	a, err := trainResolver(exs, TrainOptions{}).marshal(chainPrune)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := trainResolver(exs, TrainOptions{}).marshal(chainPrune)
	if !bytes.Equal(a, b) {
		t.Error("resolver training is not deterministic")
	}
	rv, err := unmarshalResolver(a)
	if err != nil {
		t.Fatal(err)
	}
	s := scoreReferring(rv, exs)
	if s.Pronoun.Cases < 50 || s.Pronoun.Model <= s.Pronoun.Nearest {
		t.Errorf("on its own cases: %+v, want ≥ 50 cases and the model above the nearest name", s.Pronoun)
	}
}
