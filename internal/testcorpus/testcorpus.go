// Package testcorpus finds the shared corpora the tests read: the folder
// named by $FACTMARK_SHARED (the Makefile sets it), or else ../shared beside
// the repository. The corpora are never copied into the repository; a test
// that needs one is skipped, saying which, when it is not there.
//
// It is for tests only.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Root is the folder of the shared corpora, absolute, or "" when it is not
// there.
func Root() string {
	dir := os.Getenv("FACTMARK_SHARED")
	if dir == "" {
		root, ok := moduleRoot()
		if !ok {
			return ""
		}
		dir = filepath.Join(root, "..", "shared")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		return ""
	}
	return abs
}

// moduleRoot is the folder of the go.mod above the working directory (a
// test runs in its package's folder).
func moduleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Dir is the path of parts under the shared corpora (a folder or a file).
// When it is not there, tb is skipped with a message naming what is
// missing and how to provide it.
func Dir(tb testing.TB, parts ...string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("shared corpora not found: set FACTMARK_SHARED or put them in ../shared beside the repository")
	}
	p := filepath.Join(append([]string{root}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s is not in the shared corpora at %s", filepath.Join(parts...), root)
	}
	return p
}

// File reads a file under the shared corpora, or skips tb (see Dir).
func File(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	p := Dir(tb, parts...)
	data, err := os.ReadFile(p)
	if err != nil {
		tb.Skipf("cannot read %s: %v", p, err)
	}
	return data
}

// Glob lists the files under the shared corpora that match pattern (as
// filepath.Glob, relative to the corpora's folder), or skips tb when none
// do.
func Glob(tb testing.TB, pattern string) []string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("shared corpora not found: set FACTMARK_SHARED or put them in ../shared beside the repository")
	}
	files, _ := filepath.Glob(filepath.Join(root, pattern))
	if len(files) == 0 {
		tb.Skipf("no %s in the shared corpora at %s", pattern, root)
	}
	return files
}
