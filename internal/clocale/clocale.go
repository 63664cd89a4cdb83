// Package clocale keeps Fyne from misreading the C locale. Debian and most
// containers set LANG=C.UTF-8: the C locale with UTF-8 text. Fyne's
// translations read the locale when package fyne.io/fyne/v2/lang is
// initialised, take "C" for a language tag, and print three lines of "Fyne
// error: Error parsing user locale C" on every run of every command, even
// those that open no window; it then uses English, as it does for a plain "C".
//
// Imported for its side effect, before Fyne initialises, the package writes
// such a locale as "C" in the variable that names it (LC_ALL, LC_MESSAGES or
// LANG, the first set, as Fyne reads them), which Fyne reads as no language
// and so as English, silently. Nothing else in the process reads these
// variables: Go never calls setlocale, so C code keeps the C locale either
// way, and text is UTF-8 throughout the program whatever they say.
//
// Initialisation order: Go initialises packages in the order of their import
// paths wherever their imports allow. Fyne's lang package needs
// github.com/jeandeaual/go-locale, which imports os and strings; this package
// imports no more than those, and its path sorts before that one, so it is
// initialised first (TestNoLocaleError in cmd/factmark fails if not).
package clocale

import (
	"os"
	"strings"
)

func init() { Plain() }

// Plain rewrites a C locale with a character set ("C.UTF-8", "C.utf8") as
// "C" in the first of LC_ALL, LC_MESSAGES and LANG that is set, and reports
// whether it did; any other locale it leaves alone.
func Plain() bool {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if !strings.HasPrefix(v, "C.") && !strings.HasPrefix(v, "C@") {
			return false
		}
		os.Setenv(name, "C")
		return true
	}
	return false
}
