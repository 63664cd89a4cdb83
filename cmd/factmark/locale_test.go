package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleError runs this test binary again under LANG=C.UTF-8, the
// locale of Debian's containers: Fyne, initialised with it, printed "Fyne
// error: Error parsing user locale C" on every command until package clocale
// rewrote it first.
func TestNoLocaleError(t *testing.T) {
	if os.Getenv("FACTMARK_LOCALE_CHILD") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleError$", "-test.count=1")
	cmd.Env = append(withoutLocale(os.Environ()), "LANG=C.UTF-8", "FACTMARK_LOCALE_CHILD=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "locale") {
		t.Errorf("under LANG=C.UTF-8 the program printed:\n%s", out.String())
	}
}

// withoutLocale is env without the variables that name a locale.
func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG") {
			out = append(out, kv)
		}
	}
	return out
}
