package webpage

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

// TestExtractRefuses checks that input that is not a readable page ends in
// an EINVALID error that names the file and says what is wrong, never in a
// partial article.
func TestExtractRefuses(t *testing.T) {
	article := readTestdata(t, "article.html")
	cut := article[:bytes.Index(article, []byte("<h2>"))+3] // inside a tag, mid-article
	paragraph := strings.Repeat("<p>A sentence of the article, long enough to count as content for the extractor.</p>", 10)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "is empty"},
		{"blank", []byte(" \n\t\r\n"), "is empty"},
		{"truncated mid-tag", cut, "cut off"},
		{"truncated in a comment", []byte("<html><body>" + paragraph + "<!-- a comm"), "cut off"},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "binary data"},
		{"binary without NUL", bytes.Repeat([]byte{0x01, 0x02, 0x03, 'a', 'b', 0x1b, 0x7f}, 100), "binary data"},
		{"truncated UTF-16", append([]byte{0xFF, 0xFE}, utf16le("<html><body>"+paragraph+"<p cla")...), "cut off"},
		{"web archive", []byte("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n<html>"), "MHTML"},
		{"no readable content", readTestdata(t, "nav-only.html"), "no readable content"},
		{"script only", []byte("<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"), "no readable content"},
		{"invalid UTF-8 under a UTF-8 charset", []byte("<html><head><meta charset=utf-8></head><body>" + paragraph + "<p>caf\xe9</p></body></html>"), "is not valid UTF-8"},
		{"invalid UTF-8 after a BOM", []byte("\xEF\xBB\xBF<html><body>" + paragraph + "\xff</body></html>"), "not valid UTF-8"},
		{"invalid Shift_JIS", []byte("<html><head><meta charset=Shift_JIS></head><body>" + paragraph + "<p>\x82</p></body></html>"), "not valid Shift_JIS"},
		{"huge nesting of blocks", []byte("<html><body>" + strings.Repeat("<div>", 200000) + "x</body></html>"), "nest more than 512"},
		{"huge nesting of inline elements", []byte("<html><body>" + strings.Repeat("<b>", 100000) + "x</body></html>"), "nest more than 512"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Extract("page.html", tc.data)
			if err == nil {
				t.Fatalf("no error; text %.200q", got.Text)
			}
			var e *annotate.Error
			if !errors.As(err, &e) || e.Code != annotate.EINVALID {
				t.Errorf("error %v is not EINVALID", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "page.html: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not name the file and say %q", msg, tc.want)
			}
		})
	}
}

// TestExtractTooSlow checks that a page whose parse would take quadratic
// time (formatting elements left open, each with its own attributes) is
// stopped at the parse budget, here lowered for the test.
func TestExtractTooSlow(t *testing.T) {
	defer func(b time.Duration) { parseBudget = b }(parseBudget)
	parseBudget = 100 * time.Millisecond
	var page strings.Builder
	page.WriteString("<html><body>")
	for i := range 200000 {
		fmt.Fprintf(&page, "<font color=c%d>x ", i)
	}
	start := time.Now()
	_, err := Extract("page.html", []byte(page.String()))
	if err == nil || !strings.Contains(err.Error(), "too tangled") {
		t.Errorf("error %v, want the parse stopped", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v; the budget was %v", d, parseBudget)
	}
}

// TestExtractInvalidUTF8Offset checks that the byte named is the bad one.
func TestExtractInvalidUTF8Offset(t *testing.T) {
	page := "<html><head><meta charset=utf-8></head><body><p>ok \xc3( bad</p></body></html>"
	_, err := Extract("page.html", []byte(page))
	want := strings.Index(page, "\xc3")
	if err == nil || !strings.Contains(err.Error(), "byte "+strconv.Itoa(want)+" ") {
		t.Errorf("error %v, want byte %d named", err, want)
	}
}

// TestExtractAccepts checks inputs near the refused ones that are pages:
// a page without </body></html> (minifiers drop them), a page ending in
// text, a page without a declared charset in Windows-1252, bytes invalid in
// the page's charset only where they do not reach the article's text.
func TestExtractAccepts(t *testing.T) {
	paragraph := strings.Repeat("<p>A sentence of the article, long enough to count as content for the extractor.</p>", 10)
	for _, tc := range []struct {
		name, page, inText string
	}{
		{"no closing tags", "<!doctype html><html><body><article>" + paragraph + "<p>The last one.</p></article>", "The last one."},
		{"ends in text", "<html><body><article>" + paragraph + "<p>Trailing words", "Trailing words"},
		{"undeclared windows-1252", "<html><body><article>" + paragraph + "<p>Caf\xe9 \x93quoted\x94</p></article></body></html>", "Café “quoted”"},
		{"invalid UTF-8 only in a script", "<html><head><meta charset=utf-8><script>// caf\xe9</script></head><body><article>" + paragraph + "<p>Clean text.</p></article></body></html>", "Clean text."},
		{"invalid GBK only in a script", "<html><head><meta charset=gb2312><script>var s = '\x81';</script></head><body><article>" + paragraph + "<p>\xd6\xd0\xce\xc4</p></article></body></html>", "中文"},
		{"a less-than sign in the last text", "<html><body><article>" + paragraph + "<p>3 < 4 and 5 > 2</p></article></body></html>", "3 < 4 and 5 > 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Extract("page.html", []byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Text, tc.inText) {
				t.Errorf("text does not have %q: %q", tc.inText, got.Text)
			}
		})
	}
}

func utf16le(s string) []byte {
	var out []byte
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}
