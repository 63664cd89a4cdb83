package similar

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   \n\t ", nil},
		{"Trump’s wall isn't done", []string{"trump", "wall", "isn", "t", "done"}},
		{"#AustralianFires burn https://t.co/x pic.twitter.com/abc", []string{"australian", "fires", "burn"}},
		{"COVID-19 in 2020; U.S. said", []string{"covid", "19", "in", "2020", "u", "s", "said"}},
		{"Obama's", []string{"obama"}},
		{"Ma'sood 'scare'", []string{"ma", "sood", "scare"}},
		{"Éric Zemmour’S café", []string{"éric", "zemmour", "café"}},
		{"McDonald’s", []string{"mc", "donald"}},
		{"'s", nil},
	}
	for _, tt := range tests {
		if got := words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The vaccines are banned in the States", []string{"vaccine", "banned", "state"}},
		{"Parties, bus, glass, crisis", []string{"party", "bus", "glass", "crisis"}},
		{"of the and", nil},
	}
	for _, tt := range tests {
		got := terms(tt.in)
		if len(got) == 0 {
			got = nil
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
