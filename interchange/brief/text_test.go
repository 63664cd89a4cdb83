package brief

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
)

// htmlUnescape is the page's text and markup with character references
// undone, white space collapsed.
func htmlUnescape(s string) string { return collapse(html.UnescapeString(s)) }

// mdUnescape undoes the Markdown's backslash escapes and hard breaks.
func mdUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		} else if s[i] == '\\' && i+1 < len(s) && s[i+1] == '\n' {
			continue
		}
		b.WriteByte(s[i])
	}
	return collapse(b.String())
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// pdfText is the PDF's text: pdftotext's when it is installed, else what
// the uncompressed content streams of an uncompressed copy show.
func pdfText(tb testing.TB, data []byte) string {
	tb.Helper()
	if path, err := exec.LookPath("pdftotext"); err == nil {
		file := filepath.Join(tb.TempDir(), "brief.pdf")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		out, err := exec.Command(path, "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			tb.Fatalf("pdftotext: %v", err)
		}
		return collapse(string(out))
	}
	return collapse(contentText(data))
}

// shownString matches a string a content stream shows with Tj.
var shownString = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)

// contentText is the text an uncompressed fpdf PDF shows: each Tj's
// string, unescaped and decoded from UTF-16BE (fpdf's encoding for a
// Unicode font), one line each.
func contentText(data []byte) string {
	var b strings.Builder
	for _, m := range shownString.FindAllSubmatch(data, -1) {
		raw := pdfUnescape(m[1])
		units := make([]uint16, len(raw)/2)
		for i := range units {
			units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		b.WriteString(string(utf16.Decode(units)))
		b.WriteByte('\n')
	}
	return b.String()
}

func pdfUnescape(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch s[i] {
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		default:
			out = append(out, s[i])
		}
	}
	return out
}

// utf16Escaped is s as fpdf writes it in a content stream: UTF-16BE with
// \, ( and ) escaped.
func utf16Escaped(s string) []byte {
	var raw []byte
	for _, u := range utf16.Encode([]rune(s)) {
		raw = append(raw, byte(u>>8), byte(u))
	}
	raw = bytes.ReplaceAll(raw, []byte(`\`), []byte(`\\`))
	raw = bytes.ReplaceAll(raw, []byte(`(`), []byte(`\(`))
	return bytes.ReplaceAll(raw, []byte(`)`), []byte(`\)`))
}

// TestContentTextReadsPDF checks the fallback reader against pdftotext's
// job on a brief: without it the PDF checks would read nothing and pass.
func TestContentTextReadsPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := writePDFCompressed(&buf, newModel(testDocument(t), testSettings(), Options{}), false); err != nil {
		t.Fatal(err)
	}
	text := collapse(contentText(buf.Bytes()))
	for _, s := range []string{"Zoë Kowalczyk, Mayor of Brennport", "Łódź Courier", "“the new bridge cost", "€41.2m"} {
		if !strings.Contains(text, s) {
			t.Errorf("the uncompressed PDF does not show %q (read: %.300s)", s, text)
		}
	}
}

// A character beyond the Basic Multilingual Plane (an emoji) in a claim or
// a title does not stop the PDF: fpdf panicked on it.
func TestPDFEmoji(t *testing.T) {
	doc := testDocument(t)
	doc.Articles[0].Title += " 👨‍👩‍👧"
	doc.Articles[0].Notes[0].Rationale += " 🧾"
	var buf bytes.Buffer
	if err := Write(&buf, doc, testSettings(), Options{Format: PDF}); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatalf("PDF with emoji: %v, %q", err, buf.Bytes()[:min(8, buf.Len())])
	}
}
