package webpage

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/factmark/factmark/annotate"
)

// prescanLimit is how far into the page decode looks for a declared
// character set. The HTML standard's prescan reads 1,024 bytes, but saved
// news pages put kilobytes of scripts before their <meta charset> (one of
// the corpus pages at 29 KB) and browsers honour it by reparsing.
const prescanLimit = 128 << 10

// decoded is a page decoded to UTF-8, with the first flaw of its encoding:
// bytes that are not valid in it, which decoding replaced with U+FFFD.
type decoded struct {
	page []byte
	flaw string // "" when the bytes are valid; else what is wrong, for a message
}

// decode returns the page as UTF-8: in the encoding its byte-order mark or
// its <meta charset> (or <?xml encoding>) declares; without one, as UTF-8
// when it is valid UTF-8, or else in the encoding guessed from its bytes.
// Bytes not valid in the encoding become U+FFFD and are reported as the
// flaw: Extract refuses the page only if they reach the article's text, as
// a stray byte in a script or an advert does not.
func decode(data []byte) decoded {
	enc, label, declared := declaredEncoding(data)
	if enc == nil {
		if utf8.Valid(data) {
			return decoded{page: bytes.TrimPrefix(data, []byte("\uFEFF"))}
		}
		enc, label = guessEncoding(data)
	}
	if enc == encoding.Nop {
		d := decoded{page: bytes.TrimPrefix(data, []byte("\uFEFF"))}
		if i := invalidUTF8At(data); i >= 0 {
			d.page = bytes.ToValidUTF8(d.page, []byte("\uFFFD"))
			d.flaw = fmt.Sprintf("the page says it is UTF-8, but it is not (byte %d is the first that is not valid UTF-8)", i)
		}
		return d
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	d := decoded{page: bytes.TrimPrefix(out, []byte("\uFEFF"))}
	if err != nil || bytes.Count(out, []byte("\uFFFD")) > bytes.Count(data, []byte("\uFFFD")) {
		how := "says"
		if !declared {
			how = "seems to be"
		}
		d.flaw = fmt.Sprintf("the page %s it is %s, but it is not valid %s", how, label, label)
	}
	return d
}

// declaredEncoding returns the encoding the page declares, its name as the
// page gives it (utf-8 for every spelling of UTF-8), and whether it declares
// one; nil and false when it declares none, or one that no encoding answers
// to.
func declaredEncoding(data []byte) (encoding.Encoding, string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, "utf-8", true
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE", true
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE", true
	}
	label := metaCharset(data)
	if label == "" {
		return nil, "", false
	}
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil:
		return nil, "", false
	case strings.HasPrefix(name, "utf-16"):
		// A page read as ASCII cannot be UTF-16: the standard takes it as UTF-8.
		return encoding.Nop, "utf-8", true
	case name == "utf-8":
		return encoding.Nop, name, true
	}
	return enc, label, true // the page's own spelling, for messages
}

// metaCharset returns the character set named by the page's first <meta
// charset> or <meta http-equiv="Content-Type" content="…; charset=…">
// before its body, or by an XML declaration, or "".
func metaCharset(data []byte) string {
	if len(data) > prescanLimit {
		data = data[:prescanLimit]
	}
	if m := xmlEncoding(data); m != "" {
		return m
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			switch string(tag) {
			case "body":
				return ""
			case "meta":
				if hasAttr {
					if cs := charsetOfMeta(z); cs != "" {
						return cs
					}
				}
			}
		}
	}
}

func charsetOfMeta(z *html.Tokenizer) string {
	var httpEquiv, content, cs string
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "charset":
			cs = string(val)
		case "http-equiv":
			httpEquiv = strings.ToLower(string(val))
		case "content":
			content = string(val)
		}
		if !more {
			break
		}
	}
	if cs != "" {
		return strings.TrimSpace(cs)
	}
	if httpEquiv == "content-type" {
		return charsetOfContentType(content)
	}
	return ""
}

// charsetOfContentType reads the charset parameter of a Content-Type value,
// as the HTML standard's "extracting a character encoding from a meta
// element" does: leniently, quoted or not.
func charsetOfContentType(s string) string {
	i := strings.Index(strings.ToLower(s), "charset")
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.TrimLeft(s[1:], " \t\n\f\r")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if j := strings.IndexByte(s[1:], s[0]); j >= 0 {
			return s[1 : j+1]
		}
		return ""
	}
	if j := strings.IndexAny(s, " \t\n\f\r;"); j >= 0 {
		s = s[:j]
	}
	return s
}

// xmlEncoding reads encoding="…" from an XML declaration at the start.
func xmlEncoding(data []byte) string {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " =")
	if rest == "" || rest[0] != '"' && rest[0] != '\'' {
		return ""
	}
	if j := strings.IndexByte(rest[1:], rest[0]); j >= 0 {
		return rest[1 : j+1]
	}
	return ""
}

// minConfidence is the confidence (0–100) below which a guessed encoding is
// not trusted: a few stray bytes give every multi-byte encoding a low score.
const minConfidence = 50

// guessEncoding names the likeliest encoding of a page that declares none
// and is not UTF-8, falling back to windows-1252 as browsers do. The
// detector runs its recognisers concurrently and its best pick among equal
// scores changes from run to run, so ties go to the first name in
// alphabetical order, to keep Extract deterministic.
func guessEncoding(data []byte) (encoding.Encoding, string) {
	results, _ := chardet.NewHtmlDetector().DetectAll(data)
	var best *chardet.Result
	for i := range results {
		r := &results[i]
		if best == nil || r.Confidence > best.Confidence || r.Confidence == best.Confidence && r.Charset < best.Charset {
			best = r
		}
	}
	if best != nil && best.Confidence >= minConfidence {
		if enc, name := charset.Lookup(best.Charset); enc != nil && name != "utf-8" {
			return enc, name
		}
	}
	enc, name := charset.Lookup("windows-1252")
	return enc, name
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

func invalidf(format string, args ...any) error {
	return annotate.Errorf(annotate.EINVALID, format, args...)
}
