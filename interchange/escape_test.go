package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestJSONExportsEscapeHTML exports a rationale that would end a
// <script type="application/ld+json"> block, where a ClaimReview is pasted,
// in every JSON format: none holds "</script" or a raw <, > or &, each reads
// back to the same rationale, and exporting what was read gives the same
// bytes.
func TestJSONExportsEscapeHTML(t *testing.T) {
	const attack = "</script><script>alert(1)</script> & <!--"
	doc := func() *annotate.Document {
		d := crTestDocument(t)
		for i := range d.Articles[0].Notes {
			if d.Articles[0].Notes[i].ID == noJourney {
				d.Articles[0].Notes[i].Rationale = attack
			}
		}
		d.Articles[0].Title = "Trams & buses <2026>"
		return d
	}
	formats := []struct {
		name  string
		write func(*bytes.Buffer, *annotate.Document) error
		read  func([]byte, *annotate.Document) (*annotate.Document, error)
	}{
		{"native", func(b *bytes.Buffer, d *annotate.Document) error { return WriteDocument(b, d) },
			func(data []byte, _ *annotate.Document) (*annotate.Document, error) { return ParseDocument(data) }},
		{"W3C", func(b *bytes.Buffer, d *annotate.Document) error { return WriteW3C(b, d) },
			func(data []byte, d *annotate.Document) (*annotate.Document, error) {
				im, err := ParseW3C(data, DocumentLookup(d), d.Scale, importNow)
				if err != nil {
					return nil, err
				}
				return im.Doc, nil
			}},
		{"ClaimReview", func(b *bytes.Buffer, d *annotate.Document) error { return WriteClaimReview(b, d, "Desk <b>&</b>") },
			func(data []byte, d *annotate.Document) (*annotate.Document, error) {
				im, err := ParseClaimReview(data, DocumentLookup(d), d.Scale, importNow)
				if err != nil {
					return nil, err
				}
				return im.Doc, nil
			}},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var first bytes.Buffer
			if err := f.write(&first, doc()); err != nil {
				t.Fatal(err)
			}
			out := first.String()
			if strings.Contains(strings.ToLower(out), "</script") || strings.ContainsAny(out, "<>&") {
				t.Fatalf("the export holds HTML unescaped:\n%s", out)
			}
			if !strings.Contains(out, `\u003c/script\u003e`) {
				t.Errorf("the export does not hold the rationale escaped as \\u003c/script\\u003e")
			}
			back, err := f.read(first.Bytes(), doc())
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, n := range back.Articles[0].Notes {
				if n.ID == noJourney {
					found = n.Rationale == attack
				}
			}
			if !found {
				t.Errorf("the rationale did not read back as %q: %+v", attack, back.Articles[0].Notes)
			}
			var second bytes.Buffer
			if err := f.write(&second, back); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Errorf("export → import → export differs:\n%s", firstDiff(first.Bytes(), second.Bytes()))
			}
		})
	}
	items, err := W3CAnnotations(doc())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if bytes.ContainsAny(it, "<>&") {
			t.Errorf("W3CAnnotations: %s", it)
		}
	}
}
