package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"unicode/utf8"
	"unsafe"
)

// escapeText makes a message safe to print to a terminal: a stored title,
// name or ID could hold ESC sequences that clear the screen, move the
// cursor, set the window title or worse. Control characters (C0 but for
// tab and newline, DEL, C1), the bidirectional overrides that reorder what
// is shown, and bytes that are not UTF-8 are written as Go escapes (\x1b,
// \u009b, \u202e); everything else is kept. Escaping ESC itself defuses
// every sequence that begins with it.
func escapeText(s string) string { return escape(s, "\t\n") }

// escapeField is escapeText for one cell of a table: tab and newline are
// escaped too, so a value cannot break the columns.
func escapeField(s string) string { return escape(s, "") }

func escape(s, keep string) string {
	if !needsEscape(s, keep) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && !strings.ContainsRune(keep, r):
			if r < 0x80 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s, keep string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return true
			}
		}
		if unsafeRune(r) && !strings.ContainsRune(keep, r) {
			return true
		}
	}
	return false
}

// unsafeRune reports the runes a terminal acts on rather than shows.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// writeData writes an export or other file content to standard output: as
// it is when it goes to a file or a pipe, escaped (as escapeText) when it
// goes to a terminal, which would act on the ESC sequences a stored title
// can hold (CSV and brat are not escaped by their format, as JSON is).
func (e *env) writeData(data []byte) error {
	terminal := e.terminal
	if terminal == nil {
		terminal = isTerminal
	}
	if terminal(e.stdout) {
		data = []byte(escapeText(string(data)))
	}
	_, err := e.stdout.Write(data)
	return err
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}
