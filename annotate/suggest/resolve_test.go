package suggest

import "testing"

func TestAntecedent(t *testing.T) {
	tests := []struct {
		name    string
		mention string
		earlier []Named
		want    string // the speaker picked
	}{
		{"not a pronoun", "Macron", []Named{{"Mr. Macron", "Emmanuel Macron"}}, ""},
		{"nearest named speaker", "he", []Named{{"Mr. Macron", "Emmanuel Macron"}, {"Keir Starmer", "Keir Starmer"}}, "Keir Starmer"},
		{"gender clash skipped", "she", []Named{{"Mrs. Smith", "Ann Smith"}, {"Mr. Macron", "Emmanuel Macron"}}, "Ann Smith"},
		{"gender learnt from an earlier pronoun", "she", []Named{{"Ann Smith", "Ann Smith"}, {"she", "Ann Smith"}, {"Mr. Jones", "Bob Jones"}}, "Ann Smith"},
		{"sources without a speaker skipped", "He,", []Named{{"Mr. Macron", "Emmanuel Macron"}, {"a source", ""}}, "Emmanuel Macron"},
		{"they skips a person for a body", "they", []Named{{"the ministry", "Ministry of Health"}, {"Keir Starmer", "Keir Starmer"}}, "Ministry of Health"},
		{"nothing earlier", "he", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if i := Antecedent(tt.mention, tt.earlier); i >= 0 {
				got = tt.earlier[i].Speaker
			}
			if got != tt.want {
				t.Errorf("Antecedent(%q) picks %q, want %q", tt.mention, got, tt.want)
			}
		})
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
