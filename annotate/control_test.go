package annotate

import (
	"strings"
	"testing"
)

func TestCheckLine(t *testing.T) {
	tests := []struct {
		s         string
		line, txt string // the error's start for CheckLine and CheckText; "" for none
	}{
		{"Brennport Ledger", "", ""},
		{"tab\tinside", "", ""},
		{"Zoë Åberg — “quoted”", "", ""},
		{"two\nlines", "f: has the control character U+000A (LF) at character 4", ""},
		{"red \x1b[31m", "f: has the control character U+001B (ESC) at character 5 of \"red \\x1b[31m\"", "f: has the control character U+001B (ESC)"},
		{"bell\a", "f: has the control character U+0007 (BEL)", "f: has the control character U+0007 (BEL)"},
		{"cr\r", "f: has the control character U+000D (CR)", "f: has the control character U+000D (CR)"},
		{"del\x7f", "f: has the control character U+007F (DEL)", "f: has the control character U+007F (DEL)"},
		{"csi\u009b2J", "f: has the control character U+009B (CSI)", "f: has the control character U+009B (CSI)"},
		{"nel\u0085", "f: has the control character U+0085 (NEL)", "f: has the control character U+0085 (NEL)"},
		{"bad \xff", "f: is not valid UTF-8 (bad byte at byte 4)", "f: is not valid UTF-8"},
	}
	for _, tt := range tests {
		checkInvalid(t, CheckLine("f", tt.s), tt.line)
		checkInvalid(t, CheckText("f", tt.s), tt.txt)
	}
}

func TestArticleMetaValidate(t *testing.T) {
	tests := []struct {
		meta ArticleMeta
		want string
	}{
		{ArticleMeta{Title: "A title", URL: "https://x.example/a", Outlet: "Ledger", Authors: []string{"A", "B"}, Published: "2026-03-04", Language: "en"}, ""},
		{ArticleMeta{Title: "\x1b]0;owned\a"}, "title: has the control character U+001B (ESC)"},
		{ArticleMeta{Title: "one\ntwo"}, "title: has the control character U+000A (LF)"},
		{ArticleMeta{Outlet: "Ledger\a"}, "outlet: has the control character U+0007 (BEL)"},
		{ArticleMeta{Authors: []string{"A", "B\u009b"}}, "authors[1]: has the control character U+009B (CSI)"},
		{ArticleMeta{URL: "https://x.example/\x1b"}, "url: has the control character U+001B"},
		{ArticleMeta{URL: "ftp://x.example/"}, "url: \"ftp://x.example/\" is not an http(s) URL"},
		{ArticleMeta{Published: "2026-03-04\x1b"}, "published: has the control character U+001B"},
		{ArticleMeta{Published: "March"}, "published: \"March\" is not a date"},
		{ArticleMeta{Language: "en\x00"}, "language: has the control character U+0000 (NUL)"},
	}
	for _, tt := range tests {
		checkInvalid(t, tt.meta.Validate(), tt.want)
		if tt.want != "" {
			_, err := NewArticle([]byte("A text.\n"), tt.meta, testNow)
			checkInvalid(t, err, tt.want)
		}
	}
}

func TestArticleTextControls(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"Title\n\tIndented,\fform feed\vand vertical tab.\r\n", ""},
		{"Fran\u00c3\u0083\u00c2\u00a7ois, mis-decoded as in PolNeAR.\n", ""}, // C1 kept
		{"Title\nab\x1b[2Jcd\n", "the text has the control character U+001B (ESC) at line 2, column 3 (byte 8)"},
		{"Title\n\x7f\n", "the text has the control character U+007F (DEL) at line 2, column 1 (byte 6)"},
		{"Ti€\a\n", "the text has the control character U+0007 (BEL) at line 1, column 4 (byte 5)"},
	}
	pad := strings.Repeat("Long enough not to look binary. ", 10)
	for _, tt := range tests {
		_, err := NormalizeText([]byte(tt.raw + pad))
		checkInvalid(t, err, tt.want)
	}
	a, err := NewArticle([]byte("\u0085Fran\u009bçois\tsaid\n"), ArticleMeta{}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "François said" {
		t.Errorf("title = %q, want the first line without its control characters", a.Title)
	}
	bad := *a
	bad.Text = "ab\x1bcd"
	bad.SHA256 = TextHash(bad.Text)
	checkInvalid(t, bad.Validate(), "text: has the control character U+001B (ESC) at line 1, column 3 (byte 2)")
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		s    Settings
		want string
	}{
		{Settings{Annotator: "Zoë", Organization: "Brennport Fact Desk", Scale: DefaultScale()}, ""},
		{Settings{Annotator: "Zoë\x1b[5m", Scale: DefaultScale()}, "annotator: has the control character U+001B"},
		{Settings{Organization: "Desk\n", Scale: DefaultScale()}, "organization: has the control character U+000A"},
		{Settings{}, "scale.name: is empty"},
		{Settings{OrganizationURL: "https://desk.example/about", Theme: "dark", TextSize: 18, Scale: DefaultScale()}, ""},
		{Settings{OrganizationURL: "desk.example", Scale: DefaultScale()}, "organization_url: \"desk.example\" is not an http(s) URL"},
		{Settings{Theme: "blue", Scale: DefaultScale()}, "theme: \"blue\" is not light, dark or empty (follow the system)"},
		{Settings{TextSize: 4, Scale: DefaultScale()}, "text_size: 4 is not between 9 and 40"},
	}
	for _, tt := range tests {
		checkInvalid(t, tt.s.Validate(), tt.want)
	}
}
