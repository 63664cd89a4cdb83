package jsonenc

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestPlainWord: plainWord says of every 8 bytes what plainByte says of
// each, for every byte at every place among plain ones.
func TestPlainWord(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			w := []byte("abcdefgh")
			w[at] = byte(c)
			want := c < 0x80 && plainByte[c]
			if got := plainWord(string(w)); got != want {
				t.Fatalf("plainWord(%q) = %v, want %v", w, got, want)
			}
		}
	}
	// Every pair of bytes among those at the edges of the plain ones.
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, '"', '#', '%', '&', '\'', ';', '<', '=', '>', '?', '[', '\\', ']', 0x7e, 0x7f, 0x80, 0xc3, 0xff}
	for _, x := range edges {
		for _, y := range edges {
			for at := range 7 {
				w := []byte("abcdefgh")
				w[at], w[at+1] = x, y
				want := x < 0x80 && plainByte[x] && y < 0x80 && plainByte[y]
				if got := plainWord(string(w)); got != want {
					t.Fatalf("plainWord(%q) = %v, want %v", w, got, want)
				}
			}
		}
	}
	for _, s := range []string{"        ", "~~~~~~~~", "!#$%';=?", "0123456Z"} {
		if !plainWord(s) {
			t.Errorf("plainWord(%q) = false", s)
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
