// Package jsonenc appends JSON strings and numbers exactly as
// encoding/json writes them (HTML escaping on, invalid UTF-8 as \ufffd,
// U+2028 and U+2029 escaped, floats as the encoder formats them), without
// reflection: the store's bodies and the native export write millions of
// them. Tests hold it to the encoder byte for byte.
package jsonenc

import (
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// AppendFloat appends f as encoding/json writes a float64; ok is false for
// infinities and NaN, which JSON cannot hold.
func AppendFloat(b []byte, f float64) (out []byte, ok bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as the encoder cleans it up
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// plainByte marks the ASCII bytes the encoder copies into a string as
// they are: not a control character, '"', '\\', or (HTML escaping) '<',
// '>', '&'.
var plainByte = func() (set [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		set[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return set
}()

const hexDigits = "0123456789abcdef"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// specialBytes has the high bit set in each of the 8 bytes of w (a
// little-endian load of them) that is below 0x20 or one of '"', '\\',
// '<', '>', '&': the ASCII bytes the encoder does not copy as they are.
// '"' (0x22) and '&' (0x26) differ in one bit only, as '<' (0x3c) and '>'
// (0x3e) do, so each pair is one test. Bytes of 0x80 or more are never
// marked. Above the first marked byte a byte may be marked wrongly (a
// borrow), so only the lowest mark says where a byte is: the first of
// them.
func specialBytes(w uint64) uint64 {
	return ((w-0x20*ones)&^w | zeroBytes((w|0x04*ones)^'&'*ones) | zeroBytes((w|0x02*ones)^'>'*ones) |
		zeroBytes(w^'\\'*ones)) & highs
}

// zeroBytes marks (high bit) the zero bytes of w, exactly up to the first.
func zeroBytes(w uint64) uint64 { return (w - ones) &^ w }

// load64 is the first 8 bytes of s, the first the lowest.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// PlainLen is the length of the longest start of s that the encoder copies
// into a string as it is, with HTML escaping (up to the first control
// character, '"', '\\', '<', '>', '&', U+2028, U+2029 or byte that is not
// UTF-8): len(s) when it writes s between quotes unchanged. Eight bytes are
// tested at once, and the test goes on right after the multi-byte character
// or plain bytes it stopped at, not byte by byte for the next eight:
// AppendString took 0.68–0.82 of its time before (BenchmarkAppendString's
// strings, old and new in turn in one loop, loaded machine), 0.65–0.74 on
// mostly ASCII text.
func PlainLen(s string) int {
	i := 0
	for i+8 <= len(s) {
		w := load64(s[i:])
		special, high := specialBytes(w), w&highs
		if special|high == 0 {
			i += 8
			continue
		}
		first := bits.TrailingZeros64(special | high)
		i += first / 8
		if special&(1<<first) != 0 {
			return i
		}
		n := plainRune(s[i:])
		if n == 0 {
			return i
		}
		i += n
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !plainByte[c] {
				return i
			}
			i++
		} else if n := plainRune(s[i:]); n > 0 {
			i += n
		} else {
			return i
		}
	}
	return i
}

// AppendString appends s quoted as the encoder does with HTML escaping:
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped. What PlainLen finds
// plain is copied at once; the rest byte by byte.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	i := PlainLen(s)
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainByte[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscaped(b, c)
			i++
			start = i
			continue
		}
		if n := plainRune(s[i:]); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + size
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainRune is the length of the multi-byte character s starts with, which
// the encoder copies as it is; 0 for anything else (invalid UTF-8, U+2028
// and U+2029), which AppendString decodes. Checking the bytes here rather than
// decoding each character made AppendString about 15% faster on text like
// the generated annotations'.
func plainRune(s string) int {
	c := s[0]
	switch {
	case c >= 0xc2 && c < 0xe0:
		if len(s) >= 2 && s[1]&0xc0 == 0x80 {
			return 2
		}
	case c >= 0xe0 && c < 0xf0:
		if len(s) < 3 || s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 ||
			c == 0xe0 && s[1] < 0xa0 || // overlong
			c == 0xed && s[1] >= 0xa0 || // a surrogate
			c == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9) { // U+2028, U+2029
			return 0
		}
		return 3
	case c >= 0xf0 && c < 0xf5:
		if len(s) < 4 || s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 || s[3]&0xc0 != 0x80 ||
			c == 0xf0 && s[1] < 0x90 || // overlong
			c == 0xf4 && s[1] >= 0x90 { // beyond U+10FFFF
			return 0
		}
		return 4
	}
	return 0
}

// appendEscaped appends the ASCII byte c (not plain) as the encoder
// escapes it.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
