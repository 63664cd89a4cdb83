package clocale

import (
	"os"
	"testing"
)

func TestPlain(t *testing.T) {
	cases := []struct {
		lcAll, lcMessages, lang string
		changed                 bool
		want                    [3]string
	}{
		{"", "", "C.UTF-8", true, [3]string{"", "", "C"}},
		{"", "", "C.utf8", true, [3]string{"", "", "C"}},
		{"", "", "C", false, [3]string{"", "", "C"}},
		{"", "", "en_US.UTF-8", false, [3]string{"", "", "en_US.UTF-8"}},
		{"", "", "", false, [3]string{"", "", ""}},
		{"C.UTF-8", "", "fr_FR.UTF-8", true, [3]string{"C", "", "fr_FR.UTF-8"}},
		{"de_DE.UTF-8", "", "C.UTF-8", false, [3]string{"de_DE.UTF-8", "", "C.UTF-8"}},
		{"", "C.UTF-8", "en_GB.UTF-8", true, [3]string{"", "C", "en_GB.UTF-8"}},
		{"", "", "Ca_ES.UTF-8", false, [3]string{"", "", "Ca_ES.UTF-8"}},
	}
	names := [3]string{"LC_ALL", "LC_MESSAGES", "LANG"}
	for _, c := range cases {
		for i, v := range [3]string{c.lcAll, c.lcMessages, c.lang} {
			t.Setenv(names[i], v)
		}
		if got := Plain(); got != c.changed {
			t.Errorf("%+v: Plain() = %v", c, got)
		}
		for i, name := range names {
			if got := os.Getenv(name); got != c.want[i] {
				t.Errorf("%+v: %s = %q, want %q", c, name, got, c.want[i])
			}
		}
	}
}
