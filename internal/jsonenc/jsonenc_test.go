package jsonenc

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// plainLenByRunes is PlainLen's definition, one character at a time.
func plainLenByRunes(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf && !plainByte[r], r == utf8.RuneError && size == 1, r == '\u2028', r == '\u2029':
			return i
		}
		i += size
	}
	return len(s)
}

// TestPlainLen: PlainLen finds the first byte the encoder does not copy
// as it is wherever it lies among the 8 bytes tested at once (and in the
// tail after them), for every byte, every pair of bytes at the edges of
// the plain ones and of UTF-8's ranges, and multi-byte characters before
// and after them.
func TestPlainLen(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := PlainLen(s), plainLenByRunes(s); got != want {
			t.Fatalf("PlainLen(%q) = %d, want %d", s, got, want)
		}
	}
	const plain = "abcdefghijklmnopqrstuvwx"
	for c := range 256 {
		for at := range 17 {
			w := []byte(plain[:17])
			w[at] = byte(c)
			check(string(w))
		}
	}
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, '"', '#', '%', '&', '\'', ';', '<', '=', '>', '?', '[', '\\', ']', 0x7e, 0x7f,
		0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa8, 0xa9, 0xbf, 0xc0, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xff}
	for _, x := range edges {
		for _, y := range edges {
			for at := range 16 {
				w := []byte(plain[:17])
				w[at], w[at+1] = x, y
				check(string(w))
			}
		}
	}
	for _, r := range []string{"é", "“", "👍🏽", "\u2028", "\u2029", "\xe2\x80", "\xf0\x9f\x91"} {
		for at := range 16 {
			check(plain[:at] + r + plain[:9])
			check(plain[:at] + r + "<" + plain[:9])
			check(plain[:at] + "é" + r + "&")
		}
	}
	for _, s := range []string{"", "        ", "~~~~~~~~", "!#$%';=?", "0123456Z", "Zoë Ibáñez déclaré ‘it is false’ 👍🏽 🇫🇷"} {
		if PlainLen(s) != len(s) {
			t.Errorf("PlainLen(%q) = %d, not all of it", s, PlainLen(s))
		}
	}
}

// TestAppendStringIsTheEncoders: strings of plain text with one byte or
// character that is not plain anywhere in them, as the encoder writes
// them.
func TestAppendStringIsTheEncoders(t *testing.T) {
	var out []byte
	for _, odd := range []string{"\x00", "\n", "\"", "\\", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "é", "👍🏽"} {
		for at := range 20 {
			s := strings.Repeat("ab “cd” é ", 3)[:at] + odd + "tail of it"
			want, _ := json.Marshal(s)
			if out = AppendString(out[:0], s); string(out) != string(want) {
				t.Fatalf("AppendString(%q) = %s, the encoder writes %s", s, out, want)
			}
		}
	}
}

// TestPlainRune: AppendString writes every sequence of a byte of 0x80 or more and
// up to three after it, among those at the edges of UTF-8's ranges, as
// the encoder does (plainRune decides which it copies as they are).
func TestPlainRune(t *testing.T) {
	edges := []byte{0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa7, 0xa8, 0xa9, 0xaa, 0xbf, 0xc0, 0xc2, 0xe2, 0xff}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	var out []byte
	for c := 0x80; c < 0x100; c++ {
		for _, x := range edges {
			for _, y := range edges {
				for _, z := range edges {
					s := string([]byte{byte(c), x, y, z})
					for _, s := range []string{s, s[:1], s[:2], s[:3]} {
						buf.Reset()
						if err := enc.Encode(s); err != nil {
							t.Fatal(err)
						}
						out = AppendString(out[:0], s)
						if got, want := string(out), strings.TrimSuffix(buf.String(), "\n"); got != want {
							t.Fatalf("AppendString(%q) = %s, the encoder writes %s", s, got, want)
						}
					}
				}
			}
		}
	}
}

// TestAppendFloatIsTheEncoders: floats as json.Marshal writes them, and
// no JSON for infinities and NaN.
func TestAppendFloatIsTheEncoders(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.5, 1e-7, 1.5e-9, 123456789, 1e20, 1e21, -2.5e22, 0.000001, math.SmallestNonzeroFloat64, math.MaxFloat64} {
		want, _ := json.Marshal(f)
		if got, ok := AppendFloat(nil, f); !ok || string(got) != string(want) {
			t.Errorf("AppendFloat(%g) = %s, %v; the encoder writes %s", f, got, ok, want)
		}
	}
	for _, f := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		if _, ok := AppendFloat(nil, f); ok {
			t.Errorf("AppendFloat(%g) wrote JSON", f)
		}
	}
}

// BenchmarkAppendString quotes 10,000 strings of 32 to 72 bytes made of
// the words the store's generated annotations are made of (French, curly
// quotes and emoji: a multi-byte character every few bytes), as the
// native export quotes its anchors.
func BenchmarkAppendString(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the minister said that “the deficit” grew by 12 % in 2025 according to " +
		"Zoë Ibáñez while critics of the government déclaré ‘it is false’ 👍🏽 and €3 billion " +
		"were spent on roads schools and hospitals across the région 🇫🇷 last year")
	list := make([]string, 10_000)
	n := 0
	for i := range list {
		var sb strings.Builder
		for sb.Len() < 32+rng.IntN(40) {
			sb.WriteString(words[rng.IntN(len(words))] + " ")
		}
		list[i] = sb.String()
		n += len(list[i])
	}
	b.SetBytes(int64(n))
	var out []byte
	for b.Loop() {
		for _, s := range list {
			out = AppendString(out[:0], s)
		}
	}
}
