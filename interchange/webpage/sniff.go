package webpage

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/encoding/unicode"
)

// Extensions are the file name extensions of saved web pages.
var Extensions = []string{".html", ".htm", ".xhtml"}

// sniffLen is how much of a file Sniff reads.
const sniffLen = 4096

// documentStarts are the tags one of which a web page starts with, once a
// byte-order mark, white space, an XML declaration and comments (browsers
// put "<!-- saved from url=… -->" first) are skipped. Markdown and plain
// text may hold HTML too, but they do not start with one of these.
var documentStarts = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title"}

// Sniff reports whether data is a web page rather than text: whether it
// starts as an HTML document does (see documentStarts). UTF-16 pages with a
// byte-order mark are recognised too.
func Sniff(data []byte) bool {
	head := data[:min(len(data), sniffLen)]
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		utf8, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(head[:len(head)&^1])
		if err != nil {
			return false
		}
		head = utf8
	}
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	for {
		head = bytes.TrimLeft(head, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(head, []byte("<!--")):
			end := bytes.Index(head, []byte("-->"))
			if end < 0 {
				return false
			}
			head = head[end+3:]
		case bytes.HasPrefix(head, []byte("<?xml")):
			end := bytes.Index(head, []byte("?>"))
			if end < 0 {
				return false
			}
			head = head[end+2:]
		default:
			return startsDocument(head)
		}
	}
}

func startsDocument(head []byte) bool {
	for _, start := range documentStarts {
		if len(head) > len(start) && strings.EqualFold(string(head[:len(start)]), start) {
			switch head[len(start)] {
			case ' ', '\t', '\r', '\n', '\f', '>', '/':
				return true
			}
		}
	}
	return false
}

// IsPage reports whether a file named name with content data is to be read
// as a web page: its content says so (Sniff), or its name ends in one of
// Extensions. A file named .html that is not one is then refused by Extract
// with the reason, rather than imported as text with its markup.
func IsPage(name string, data []byte) bool {
	return Sniff(data) || slices.Contains(Extensions, strings.ToLower(filepath.Ext(name)))
}
