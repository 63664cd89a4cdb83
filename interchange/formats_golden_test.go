package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// goldenFormats are example exports kept in testdata, for people who want
// to see one and as seeds of the fuzz tests. go test -update rewrites them.
var goldenFormats = []struct {
	file  string
	write func(*bytes.Buffer, *annotate.Document) error
}{
	{"sample.w3c.jsonld", func(b *bytes.Buffer, d *annotate.Document) error { return WriteW3C(b, d) }},
	{"sample.claimreview.jsonld", func(b *bytes.Buffer, d *annotate.Document) error {
		return WriteClaimReviewBy(b, d, goldenOrganization)
	}},
	{"sample.csv", func(b *bytes.Buffer, d *annotate.Document) error { return WriteCSV(b, d) }},
	{"sample.ann", func(b *bytes.Buffer, d *annotate.Document) error { return WriteBrat(b, &d.Articles[0], d.Speakers) }},
}

// goldenOrganization is the organisation of the golden ClaimReview: name,
// web site and review URL pattern.
var goldenOrganization = Organization{Name: "Brennport Fact Desk", URL: "https://factdesk.example/",
	ReviewURL: "https://factdesk.example/fact-check/{year}/{slug}"}

// goldenDocument is the document of the golden exports: the test document
// with a URL, a second verdict, a bare attribution, and a review URL of
// its own on the two-piece claim.
func goldenDocument(t testing.TB) *annotate.Document {
	d := crTestDocument(t)
	a := &d.Articles[0]
	for i := range a.Claims {
		if a.Claims[i].ID == clRidership {
			a.Claims[i].ReviewURL = "https://factdesk.example/checks/ridership?from=desk&x=<1>"
		}
	}
	bare := a.Attributions[2]
	bare.ID, bare.Source, bare.Cue, bare.Author = "a7000000-0000-4000-8000-000000000004", nil, nil, ""
	a.Attributions = append(a.Attributions, bare)
	return d
}

func TestFormatsGolden(t *testing.T) {
	for _, g := range goldenFormats {
		var b bytes.Buffer
		if err := g.write(&b, goldenDocument(t)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", g.file)
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s: the export changed (go test -update rewrites it):\n%s", path, firstDiff(want, b.Bytes()))
		}
	}
}
