package interchange

import (
	"bytes"
	"encoding/binary"
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

// TestUTF16Imports reads every format's export saved as UTF-16: with a
// byte-order mark it is read as the UTF-8 was; without, it is refused
// with what to do.
func TestUTF16Imports(t *testing.T) {
	d := testDocument(t)
	var native, w3c, cr, csvData, ann bytes.Buffer
	WriteDocument(&native, d)
	WriteW3C(&w3c, d)
	WriteClaimReview(&cr, d, "Desk")
	WriteCSV(&csvData, d)
	WriteBrat(&ann, &d.Articles[0], d.Speakers)
	for _, tt := range []struct {
		name string
		f    Format
		data []byte
	}{
		{"export.json", FormatNative, native.Bytes()},
		{"export.jsonld", FormatW3C, w3c.Bytes()},
		{"reviews.jsonld", FormatClaimReview, cr.Bytes()},
		{"export.csv", FormatCSV, csvData.Bytes()},
		{"article.ann", FormatBrat, ann.Bytes()},
	} {
		in := ImportInput{Name: tt.name, Lookup: DocumentLookup(d), Scale: d.Scale, Now: importNow,
			ReadFile: fakeFiles(map[string][]byte{"article.txt": toUTF16(d.Articles[0].Text, binary.BigEndian, true)})}
		in.Data = tt.data
		plain, err := ParseImport(tt.f, in)
		if err != nil {
			t.Fatalf("%s as UTF-8: %v", tt.name, err)
		}
		in.Data = toUTF16(string(tt.data), binary.LittleEndian, true)
		if f := DetectFormat(tt.name, in.Data); f != tt.f {
			t.Errorf("%s in UTF-16: detected as %s, want %s", tt.name, f, tt.f)
		}
		im, err := ParseImport(tt.f, in)
		if err != nil {
			t.Errorf("%s in UTF-16: %v", tt.name, err)
		} else if im.Count() != plain.Count() || im.Count() == 0 {
			t.Errorf("%s in UTF-16: %d annotations, want %d", tt.name, im.Count(), plain.Count())
		}
		in.Data = toUTF16(string(tt.data), binary.LittleEndian, false)
		_, err = ParseImport(tt.f, in)
		checkInvalid(t, err, "UTF-16 text: save it as UTF-8")
	}
}
