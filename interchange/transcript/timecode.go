package transcript

import (
	"fmt"
	"strings"
)

// parseTime reads a cue time at the start of s: HH:MM:SS,mmm in SRT (a dot
// is taken too, and one to three digits of milliseconds), [HH:]MM:SS.mmm in
// WebVTT. It returns the time in seconds and the rest of s.
func parseTime(s string, srt bool) (float64, string, error) {
	bad := func() error { return fmt.Errorf("a time is written HH:MM:SS%s000", fracSep(srt)) }
	var fields [3]int
	n := 0
	for {
		v, digits, rest := leadingInt(s)
		if digits == 0 || n == 3 || n > 0 && digits != 2 {
			return 0, s, bad()
		}
		fields[n], n, s = v, n+1, rest
		if !strings.HasPrefix(s, ":") {
			break
		}
		s = s[1:]
	}
	if n < 2 || srt && n < 3 {
		return 0, s, bad()
	}
	if len(s) == 0 || s[0] != '.' && !(srt && s[0] == ',') {
		return 0, s, fmt.Errorf("the seconds need their milliseconds after %q", fracSep(srt))
	}
	ms, digits, rest := leadingInt(s[1:])
	if digits == 0 || digits > 3 || !srt && digits != 3 {
		return 0, s, fmt.Errorf("milliseconds take three digits")
	}
	for ; digits < 3; digits++ {
		ms *= 10
	}
	h, m, sec := 0, fields[0], fields[1]
	if n == 3 {
		h, m, sec = fields[0], fields[1], fields[2]
	}
	if m > 59 || sec > 59 {
		return 0, s, fmt.Errorf("minutes and seconds go up to 59")
	}
	return float64(h*3600+m*60+sec) + float64(ms)/1000, rest, nil
}

// leadingInt reads the decimal digits at the start of s (at most nine, so
// that no value overflows).
func leadingInt(s string) (v, digits int, rest string) {
	for digits < len(s) && digits < 9 && s[digits] >= '0' && s[digits] <= '9' {
		v = v*10 + int(s[digits]-'0')
		digits++
	}
	return v, digits, s[digits:]
}

func fracSep(srt bool) string {
	if srt {
		return ","
	}
	return "."
}

// parseTiming reads a cue's timing line, "start --> end" and, in WebVTT,
// settings after it, which are ignored. The end may not come before the
// start.
func parseTiming(s string, srt bool) (start, end float64, err error) {
	left, right, ok := strings.Cut(s, "-->")
	if !ok {
		return 0, 0, fmt.Errorf("expected the cue's times (%s), found %q", example(srt), clip(s))
	}
	start, rest, err := parseTime(strings.TrimSpace(left), srt)
	if err != nil || strings.TrimSpace(rest) != "" {
		return 0, 0, fmt.Errorf("the start time %q cannot be read: %v", clip(strings.TrimSpace(left)), orTrailing(err))
	}
	right = strings.TrimLeft(right, " \t")
	end, rest, err = parseTime(right, srt)
	if err != nil || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, 0, fmt.Errorf("the end time %q cannot be read: %v", clip(firstField(right)), orTrailing(err))
	}
	if end < start {
		return 0, 0, fmt.Errorf("the cue ends (%s) before it starts (%s)", strings.TrimSpace(firstField(right)), strings.TrimSpace(left))
	}
	return start, end, nil
}

func orTrailing(err error) error {
	if err == nil {
		return fmt.Errorf("unexpected characters after it")
	}
	return err
}

func example(srt bool) string {
	if srt {
		return "00:00:01,000 --> 00:00:04,000"
	}
	return "00:00:01.000 --> 00:00:04.000"
}

func firstField(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// clip shortens a quoted piece of the input for a message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
