package annotate

import (
	"strings"
	"testing"
)

func TestNameKey(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"Emmanuel Macron", "emmanuel macron"},
		{"emmanuel macron", "emmanuel macron"},
		{"EMMANUEL  MACRON", "emmanuel macron"},
		{"President Emmanuel Macron", "emmanuel macron"},
		{"French President Emmanuel Macron", "french president emmanuel macron"}, // adjectives are not titles
		{"Mr. Macron", "macron"},
		{"M. Macron", "macron"},
		{"Mme Lindqvist", "lindqvist"},
		{"Prime Minister Keir Starmer", "keir starmer"},
		{"the Deputy Prime Minister", "minister"}, // only a title: the last word stays
		{"the President", "president"},
		{"José Ortiz", "jose ortiz"},
		{"Jose\u0301 Ortiz", "jose ortiz"}, // decomposed accent
		{"Zoë Lindqvist", "zoe lindqvist"},
		{"Marta Kovač", "marta kovac"},
		{"Martin Luther King Jr.", "martin luther king"},
		{"Jr.", "jr"},
		{"Seán O’Neill", "sean o’neill"},
		{"Jean-Luc Mélenchon", "jean-luc melenchon"},
		{"“Macron,”", "macron"},
		{"the Élysée", "elysee"},
		{"", ""},
		{" .,; ", ""},
	}
	for _, tt := range tests {
		if got := NameKey(tt.name); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func registryForTest() *Registry {
	return NewRegistry([]Speaker{
		{ID: "00000000-0000-4000-8000-000000000001", Name: "Emmanuel Macron", Aliases: []string{"the Élysée"}, Role: "President of France"},
		{ID: "00000000-0000-4000-8000-000000000002", Name: "José Ortiz", Role: "Councillor"},
		{ID: "00000000-0000-4000-8000-000000000003", Name: "Ingrid Halvorsen", Aliases: []string{"the Mayor"}},
		{ID: "00000000-0000-4000-8000-000000000004", Name: "Anna Lindqvist"},
		{ID: "00000000-0000-4000-8000-000000000005", Name: "Zoë Lindqvist"},
		{ID: "00000000-0000-4000-8000-000000000006", Name: "Samuel Okafor"},
		{ID: "00000000-0000-4000-8000-000000000007", Name: "Okafor"}, // one-word name, shares the surname key
	})
}

func TestRegistryMatch(t *testing.T) {
	r := registryForTest()
	tests := []struct {
		mention string
		want    string // speaker name, or "" for no match
	}{
		{"Emmanuel Macron", "Emmanuel Macron"},
		{"Mr. Macron", "Emmanuel Macron"},
		{"Macron", "Emmanuel Macron"},
		{"President Emmanuel Macron", "Emmanuel Macron"},
		{"emmanuel macron", "Emmanuel Macron"},
		{"M. Macron", "Emmanuel Macron"},
		{"the Élysée", "Emmanuel Macron"},
		{"Elysee", "Emmanuel Macron"},
		{"José Ortiz", "José Ortiz"},
		{"Jose Ortiz", "José Ortiz"},
		{"Councillor José Ortiz", "José Ortiz"},
		{"Mr. Ortiz", "José Ortiz"},
		{"the Mayor", "Ingrid Halvorsen"},
		{"Mayor Ingrid Halvorsen", "Ingrid Halvorsen"},
		{"Ms. Lindqvist", ""}, // Anna or Zoë: ambiguous
		{"Zoe Lindqvist", "Zoë Lindqvist"},
		{"Okafor", "Okafor"}, // the exact one-word name wins over the surname
		{"Mr. Okafor", "Okafor"},
		{"Brigitte Macron", ""}, // a surname alone does not make a two-word mention match
		{"Kovač", ""},
		{"", ""},
	}
	for _, tt := range tests {
		s, ok := r.Match(tt.mention)
		if tt.want == "" {
			if ok {
				t.Errorf("Match(%q) = %q, want no match", tt.mention, s.Name)
			}
			continue
		}
		if !ok || s.Name != tt.want {
			t.Errorf("Match(%q) = %q, %v; want %q", tt.mention, s.Name, ok, tt.want)
		}
	}
}

func TestRegistryAmbiguous(t *testing.T) {
	r := NewRegistry([]Speaker{
		{ID: "00000000-0000-4000-8000-000000000001", Name: "Emmanuel Macron", Aliases: []string{"the President"}},
		{ID: "00000000-0000-4000-8000-000000000002", Name: "Brigitte Macron"},
		{ID: "00000000-0000-4000-8000-000000000003", Name: "Joe Biden", Aliases: []string{"President"}},
		{ID: "00000000-0000-4000-8000-000000000004", Name: "José Ortiz"},
		{ID: "00000000-0000-4000-8000-000000000005", Name: "Jose Ortiz"}, // a second person, same key
	})
	tests := []struct {
		mention string
		want    string
	}{
		{"Mr. Macron", ""},
		{"Macron", ""},
		{"Emmanuel Macron", "Emmanuel Macron"},
		{"Mrs. Brigitte Macron", "Brigitte Macron"},
		{"the President", ""}, // an alias two speakers share
		{"José Ortiz", ""},
		{"Ortiz", ""},
		{"Biden", "Joe Biden"},
	}
	for _, tt := range tests {
		s, ok := r.Match(tt.mention)
		if got := map[bool]string{true: s.Name}[ok]; got != tt.want {
			t.Errorf("Match(%q) = %q, %v; want %q", tt.mention, s.Name, ok, tt.want)
		}
	}
	if n := len(r.Speakers()); n != 5 {
		t.Errorf("Speakers() has %d, want 5", n)
	}
}

func TestSpeakerValidate(t *testing.T) {
	good := Speaker{ID: "7b0e4c52-2f0a-4d8e-9a57-0f1c2d3e4f5a", Name: "Zoë Lindqvist", Aliases: []string{"the director"}}
	tests := []struct {
		name   string
		change func(*Speaker)
		want   string
	}{
		{"good", func(*Speaker) {}, ""},
		{"bad id", func(s *Speaker) { s.ID = "zoe" }, `speaker.id: "zoe" is not a UUID`},
		{"empty name", func(s *Speaker) { s.Name = "  " }, "speaker.name: is empty"},
		{"punctuation name", func(s *Speaker) { s.Name = "“—”" }, "speaker.name: is empty"},
		{"empty alias", func(s *Speaker) { s.Aliases = []string{"Zoe", "..."} }, "speaker.aliases: alias 2 is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.change(&s)
			err := s.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || ErrorCode(err) != EINVALID || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want %s %q", err, EINVALID, tt.want)
			}
		})
	}
}
