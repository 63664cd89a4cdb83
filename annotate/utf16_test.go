package annotate

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

// toUTF16 encodes s as UTF-16, with a byte-order mark if bom.
func toUTF16(s string, order binary.ByteOrder, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	b := make([]byte, 2*len(units))
	for i, u := range units {
		order.PutUint16(b[2*i:], u)
	}
	return b
}

func TestUTF16Text(t *testing.T) {
	const text = "Zoë said the tram — “19 minutes” — was late.\r\nSecond line.\n"
	want, err := NormalizeText([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		data  []byte
		error string
	}{
		{"LE with BOM", toUTF16(text, binary.LittleEndian, true), ""},
		{"BE with BOM", toUTF16(text, binary.BigEndian, true), ""},
		{"LE without BOM", toUTF16(text, binary.LittleEndian, false), "UTF-16 text: save it as UTF-8"},
		{"BE without BOM", toUTF16(text, binary.BigEndian, false), "UTF-16 text: save it as UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeText(tt.data)
			checkInvalid(t, err, tt.error)
			if err == nil && got != want {
				t.Errorf("NormalizeText = %q, want %q", got, want)
			}
			a, err := NewArticle(tt.data, ArticleMeta{}, testNow)
			checkInvalid(t, err, tt.error)
			if err == nil && a.Text != want {
				t.Errorf("NewArticle text = %q", a.Text)
			}
		})
	}
	if _, err := NormalizeText([]byte("a\x00b, binary with one NUL, is still binary")); err == nil || !strings.Contains(err.Error(), "NUL byte at byte 1") {
		t.Errorf("one NUL: %v", err)
	}
}
