// Package filekind names the kind of a file that is not a regular one, for
// the messages that refuse it: opening a project, reading an input, writing
// an export. One wording everywhere.
package filekind

import "os"

// Of names what a file of mode m is ("a named pipe (FIFO)", "a folder"…),
// or returns "" for a regular file.
func Of(m os.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a block device"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}
