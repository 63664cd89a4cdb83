package transcript

import (
	"strings"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// MaxFileBytes is the largest subtitle file Extract reads. Subtitles are
// bigger than their text (rolling captions about ten times), so this is a
// multiple of annotate.MaxTextBytes; the caller caps its reads at it.
const MaxFileBytes = 4 * annotate.MaxTextBytes

// lineError is the error for a problem at a line of the named file.
func lineError(name string, line int, format string, args ...any) *annotate.Error {
	return annotate.Errorf(annotate.EINVALID, "%s: line %d: "+format, append([]any{name, line}, args...)...)
}

// fileError is the error for a problem with the named file as a whole.
func fileError(name string, format string, args ...any) *annotate.Error {
	return annotate.Errorf(annotate.EINVALID, "%s: "+format, append([]any{name}, args...)...)
}

// splitLines returns the file's lines after checking that it is text: UTF-8
// (UTF-16 with a byte-order mark is converted), no NUL or other control
// characters. Byte-order marks go and CRLF or CR line ends count as one.
func splitLines(name string, data []byte) ([]string, error) {
	if len(data) > MaxFileBytes {
		return nil, fileError(name, "is %d MB; subtitle files up to %d MB can be imported", len(data)>>20, MaxFileBytes>>20)
	}
	data, err := annotate.ToUTF8(data)
	if err != nil {
		return nil, fileError(name, "%s", annotate.ErrorMessage(err))
	}
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	s := string(data)
	if strings.ContainsRune(s, '\uFEFF') {
		s = strings.ReplaceAll(s, "\uFEFF", "")
	}
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.Split(s, "\n"), nil
}

// checkText refuses binary data and text that is not UTF-8, naming the line.
func checkText(name string, data []byte) error {
	line := 1
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				line++
			case c == 0:
				return lineError(name, line, "binary data (a NUL byte), not a subtitle or transcript file")
			case c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v' || c == 0x7F:
				return lineError(name, line, "the control character U+%04X, which text does not hold; is this a subtitle file?", c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return lineError(name, line, "not UTF-8 (byte 0x%02X); save the file as UTF-8 and import it again", c)
		}
		if r >= 0x80 && r <= 0x9F {
			return lineError(name, line, "the control character U+%04X; the file may be in another encoding than UTF-8", r)
		}
		i += n
	}
	return nil
}

// isBlank reports whether a line holds only white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
