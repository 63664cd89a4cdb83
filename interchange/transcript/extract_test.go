package transcript

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// turnView is a turn as a test reads it: speaker, its text, times.
type turnView struct {
	speaker, text string
	start, end    float64
}

func viewTurns(ex *annotate.Extracted) []turnView {
	rs := []rune(ex.Text)
	var out []turnView
	for _, t := range ex.Turns {
		v := turnView{speaker: t.Speaker, text: string(rs[t.Start:t.End]), start: -1, end: -1}
		if t.TimeStart != nil {
			v.start, v.end = *t.TimeStart, *t.TimeEnd
		}
		out = append(out, v)
	}
	return out
}

func TestExtract(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		text     string
		turns    []turnView
	}{
		{
			name: "voices.vtt",
			in: "WEBVTT\n\n00:00:01.000 --> 00:00:02.500 align:start position:10%\n<v Lester Holt>Good evening\nfrom Hofstra.\n\n" +
				"intro-2\n00:00:02.500 --> 00:00:04.000\n<v Lester Holt>Welcome.\n\n" +
				"00:04.000 --> 00:06.000\n<v.loud TRUMP>Thank you, &amp; <i>good</i> &lt;evening&gt;&nbsp;all.</v>\n",
			text: "Good evening from Hofstra. Welcome.\n\nThank you, & good <evening> all.",
			turns: []turnView{
				{"Lester Holt", "Good evening from Hofstra. Welcome.", 1, 4},
				{"TRUMP", "Thank you, & good <evening> all.", 4, 6},
			},
		},
		{
			name: "two-voices-one-cue.vtt",
			in:   "WEBVTT\n\nNOTE a comment\nover two lines\n\n00:00:01.000 --> 00:00:03.000\n<v A>Yes?\n<v B>No.\n\n00:00:03.000 --> 00:00:04.000\n<v B>Never.\n",
			text: "Yes?\n\nNo. Never.",
			turns: []turnView{
				{"A", "Yes?", 1, 3},
				{"B", "No. Never.", 1, 4},
			},
		},
		{
			name: "labels.srt",
			in: "1\n00:00:01,000 --> 00:00:03,000\nHOLT: Good evening\nfrom Hofstra.\n\n2\n00:00:03,250 --> 00:00:05,000\n<i>Welcome.</i>\n\n" +
				"3\n00:00:05,800 --> 00:00:07,000\nTRUMP: Thank you, Lester.\n\n4\n00:00:07,000 --> 00:00:09,500\nRemember: I said it.\n",
			text: "Good evening from Hofstra. Welcome.\n\nThank you, Lester. Remember: I said it.",
			turns: []turnView{
				{"HOLT", "Good evening from Hofstra. Welcome.", 1, 5},
				{"TRUMP", "Thank you, Lester. Remember: I said it.", 5.8, 9.5},
			},
		},
		{
			name: "no-speakers.srt", // a pause of 2 s makes a paragraph; no turns
			in:   "1\r\n00:00:01,000 --> 00:00:02,000\r\nIt was late.\r\n\r\n2\r\n00:00:02,100 --> 00:00:03,000\r\nWe waited.\r\n\r\n3\r\n00:00:05,000 --> 00:00:06,000\r\nThen she came.\r\n",
			text: "It was late. We waited.\n\nThen she came.",
		},
		{
			name: "chevrons.srt", // television captions mark a new speaker with >>
			in:   "1\n00:00:01,000 --> 00:00:02,000\n&gt;&gt; Good evening.\n\n2\n00:00:02,000 --> 00:00:03,000\n>> Hi, Bob. AT&T.\n",
			text: ">> Good evening.\n\n>> Hi, Bob. AT&T.",
		},
		{
			name: "repeated.srt", // a line said twice is not a rolling caption
			in: "1\n00:00:01,000 --> 00:00:02,000\nUSA!\n\n2\n00:00:02,000 --> 00:00:03,000\nUSA!\n\n" +
				"3\n00:00:03,000 --> 00:00:04,000\nThank you.\n\n4\n00:00:04,000 --> 00:00:05,000\nThank you.\n",
			text: "USA! USA! Thank you. Thank you.",
		},
		{
			name: "no-index.srt", // several tools write no numbers
			in:   "\ufeff00:00:01,000 --> 00:00:02,000\nOne.\n\n00:00:02,000 --> 00:00:03,000\nTwo.\n",
			text: "One. Two.",
		},
		{
			name: "no-blank-between.srt", // a cue runs into the next one's number
			in:   "1\n00:00:01,000 --> 00:00:02,000\nOne.\n2\n00:00:02,000 --> 00:00:03,000\nTwo.\n   \n3\n00:00:03,000 --> 00:00:04,000\nThree.",
			text: "One. Two. Three.",
		},
		{
			name: "note.srt", // one "Note:" mid-file is not a speaker
			in:   "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,000 --> 00:00:03,000\nNote: this matters.\n",
			text: "Hello. Note: this matters.",
		},
		{
			name: "rolling.vtt",
			in: "WEBVTT\nKind: captions\nLanguage: en\n\n" +
				"00:00:01.000 --> 00:00:02.190 align:start position:0%\n \nWelcome<00:00:01.400><c> to</c><00:00:01.800><c> all</c>\n\n" +
				"00:00:02.190 --> 00:00:02.200 align:start position:0%\nWelcome to all\n \n\n" +
				"00:00:02.200 --> 00:00:02.990 align:start position:0%\nWelcome to all\nof<00:00:02.600><c> you.</c>\n\n" +
				"00:00:02.990 --> 00:00:03.000 align:start position:0%\nof you.\n \n\n" +
				"00:00:03.000 --> 00:00:05.990 align:start position:0%\nof you.\nThank<00:00:03.400><c> you,</c><00:00:03.800><c> ma’am.</c>\n\n" +
				"00:00:05.990 --> 00:00:06.000 align:start position:0%\nThank you, ma’am.\n \n\n" +
				"00:00:06.000 --> 00:00:07.200 align:start position:0%\nThank you, ma’am.\nBoy,<00:00:06.400><c> oh</c><00:00:06.800><c> boy.</c>\n",
			text: "Welcome to all of you. Thank you, ma’am.\n\nBoy, oh boy.",
		},
		{
			name: "nfc.srt", // decomposed é is composed
			in:   "1\n00:00:01,000 --> 00:00:02,000\nCafe\u0301 <b>noir</b> <3\n",
			text: "Café noir <3",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := Extract(tc.name, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if ex.Text != tc.text {
				t.Errorf("text %q, want %q", ex.Text, tc.text)
			}
			if got := viewTurns(ex); fmt.Sprint(got) != fmt.Sprint(tc.turns) {
				t.Errorf("turns\n%v, want\n%v", got, tc.turns)
			}
			if err := ex.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestExtractLanguage(t *testing.T) {
	ex, err := Extract("a.vtt", []byte("WEBVTT\nKind: captions\nLanguage: en\n\n00:01.000 --> 00:02.000\nHi.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Meta.Language != "en" {
		t.Errorf("language %q, want en", ex.Meta.Language)
	}
}

// TestExtractBadInput: each file is refused with a message that names it
// and, where there is one, the line.
func TestExtractBadInput(t *testing.T) {
	cue := "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"ends-first.srt", cue + "2\n00:00:05,000 --> 00:00:04,000\nBack in time.\n", "ends-first.srt: line 6: the cue ends (00:00:04,000) before it starts (00:00:05,000)"},
		{"bad-time.srt", "1\n00:00:01,000 --> 00:0x:02,000\nHi.\n", "bad-time.srt: line 2: the end time"},
		{"minutes.srt", "1\n00:61:01,000 --> 00:62:02,000\nHi.\n", "minutes.srt: line 2: the start time \"00:61:01,000\" cannot be read: minutes and seconds go up to 59"},
		{"no-arrow.srt", "1\n00:00:01,000 00:00:02,000\nHi.\n", "no-arrow.srt: line 2: expected the cue's times"},
		{"missing-index.srt", cue + "Lost line\n00:00:03,000 --> 00:00:04,000\nHi.\n", "missing-index.srt: line 5: expected a cue number or the cue's times"},
		{"cut-after-index.srt", cue + "2\n", "cut-after-index.srt: line 5: cue 2 has no times; the file may be cut short"},
		{"cut-in-time.srt", cue + "2\n00:00:0", "cut-in-time.srt: line 6:"},
		{"empty.srt", "\n\n", "empty.srt: holds no subtitles"},
		{"binary.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\x00\x01\x02\n", "binary.srt: line 3: binary data"},
		{"latin1.srt", "1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9\n", "latin1.srt: line 3: not UTF-8 (byte 0xE9)"},
		{"escape.srt", "1\n00:00:01,000 --> 00:00:02,000\n\x1b[31mred\n", "escape.srt: line 3: the control character U+001B"},
		{"no-header.vtt", "00:00:01.000 --> 00:00:02.000\nHi.\n", "no-header.vtt: line 1: a WebVTT file begins with WEBVTT"},
		{"vtt-ms.vtt", "WEBVTT\n\n00:00:01.00 --> 00:00:02.000\nHi.\n", "vtt-ms.vtt: line 3: the start time \"00:00:01.00\" cannot be read: milliseconds take three digits"},
		{"vtt-cut.vtt", "WEBVTT\n\nid-1\n", "vtt-cut.vtt: line 3: expected the cue's times"},
		{"vtt-empty.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "vtt-empty.vtt: has cues but no text in them"},
		{"notes.txt", "Just some notes.\n", "notes.txt: is neither an SRT nor a WebVTT subtitle file"},
		{"page.html", "<html><body>1</body></html>", "page.html: is neither"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := Extract(tc.name, []byte(tc.in))
			if err == nil {
				t.Fatalf("no error; text %q", ex.Text)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %q (%s), want %q…", err, annotate.ErrorCode(err), tc.want)
			}
		})
	}
}

// TestExtractUTF16: a file saved as "Unicode" by Windows' Notepad is read.
func TestExtractUTF16(t *testing.T) {
	in := "1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé.\r\n"
	data := []byte{0xFF, 0xFE}
	for _, r := range in {
		data = append(data, byte(r), byte(r>>8))
	}
	ex, err := Extract("win.srt", data)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Text != "Café." {
		t.Errorf("text %q", ex.Text)
	}
}

// TestExtractTooBig: a file past MaxFileBytes is refused before it is read.
func TestExtractTooBig(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 64 MB")
	}
	data := make([]byte, MaxFileBytes+1)
	copy(data, "WEBVTT\n\n")
	_, err := Extract("huge.vtt", data)
	if err == nil || !strings.Contains(err.Error(), "huge.vtt: is 64 MB; subtitle files up to 64 MB") {
		t.Errorf("error %v", err)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"a.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", KindVTT},
		{"a", "\ufeffWEBVTT - Title\n", KindVTT},
		{"a", "WEBVTTX\n", ""},
		{"a.txt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n", KindSRT},
		{"a", "\r\n\r\n12\r\n01:02:03,456 --> 01:02:04,000\r\n", KindSRT},
		{"a", "00:00:01,000 --> 00:00:02,000\nHi\n", KindSRT},
		{"a.SRT", "garbage", KindSRT}, // Extract says what is wrong
		{"a.vtt", "", KindVTT},
		{"a.txt", "TRUMP: Hello.\n", ""},
		{"a.txt", "1\nHello\n", ""},
		{"a.json", "{}", ""},
		{"a.srt", "1\x00\n\x000\x000\x00:\x000\x000\x00", KindSRT}, // UTF-16 without a mark: Extract says so
	} {
		kind, ok := Sniff(tc.name, []byte(tc.in))
		if kind != tc.want || ok != (tc.want != "") {
			t.Errorf("Sniff(%q, %q) = %q, %v; want %q", tc.name, tc.in, kind, ok, tc.want)
		}
	}
}
