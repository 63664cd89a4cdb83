package interchange

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// blankAt returns the offset of a lone space in text, the span a double-click
// on a space selects.
func blankAt(t *testing.T, text *annotate.Text) annotate.Anchor {
	t.Helper()
	i := strings.Index(text.String(), "Kanalgade bus terminal")
	if i < 0 {
		t.Fatal("no Kanalgade in the text")
	}
	start := len([]rune(text.String()[:i])) + len("Kanalgade")
	if text.Slice(start, start+1) != " " {
		t.Fatalf("%q is not a space", text.Slice(start, start+1))
	}
	return annotate.Anchor{Start: start, End: start + 1, Exact: " ", Prefix: text.Slice(start-annotate.ContextLen, start), Suffix: text.Slice(start+1, start+1+annotate.ContextLen)}
}

func TestBlankAnchorIsInvalid(t *testing.T) {
	d := testDocument(t)
	text := annotate.NewText(d.Articles[0].Text)
	blank := blankAt(t, text)
	if _, err := text.Anchor(blank.Start, blank.End); err == nil || !strings.HasPrefix(err.Error(), "anchor: ") || !strings.Contains(err.Error(), "white space") {
		t.Errorf("Text.Anchor of a space: %v, want an anchor error about white space", err)
	}
	if a, ok := annotate.AnchorQuote(text, " \n ", "", "", -1); ok {
		t.Errorf("AnchorQuote of white space = %+v, want false", a)
	}
	if a, ok := annotate.AnchorQuote(text, " ", "", "", blank.Start); ok {
		t.Errorf("AnchorQuote of a space at its hint = %+v, want false", a)
	}
	if err := text.Check("anchors[0]", blank); err == nil || !strings.HasPrefix(err.Error(), "anchors[0]: ") {
		t.Errorf("Text.Check: %v", err)
	}
	a := d.Articles[0]
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"claim", func() error {
			c := a.Claims[0]
			c.ArticleID = a.ID
			c.Anchors = []annotate.Anchor{blank}
			return c.Validate(text)
		}, "anchors[0]: "},
		{"claim second piece", func() error {
			c := a.Claims[0]
			c.ArticleID = a.ID
			c.Anchors = append(append([]annotate.Anchor(nil), c.Anchors...), blank)
			return c.Validate(text)
		}, "anchors[" + strconv.Itoa(len(a.Claims[0].Anchors)) + "]: "},
		{"source", func() error { x := a.Attributions[0]; x.ArticleID = a.ID; x.Source = &blank; return x.Validate(text) }, "source: "},
		{"cue", func() error { x := a.Attributions[0]; x.ArticleID = a.ID; x.Cue = &blank; return x.Validate(text) }, "cue: "},
		{"content", func() error {
			x := a.Attributions[0]
			x.ArticleID = a.ID
			x.Content = []annotate.Anchor{blank}
			return x.Validate(text)
		}, "content[0]: "},
		{"note target", func() error {
			n := a.Notes[0]
			n.ArticleID, n.ClaimID, n.Target = a.ID, "", &blank
			return n.Validate(text, &d.Scale)
		}, "target: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			checkInvalid(t, err, tt.want)
			if err != nil && !strings.Contains(err.Error(), "white space") {
				t.Errorf("error %q does not say the span is white space", err)
			}
		})
	}
}

// TestBlankAnchorImports feeds each importer a blank span: each refuses it
// with the place in the file, or leaves it out as an orphan, and none stores
// it.
func TestBlankAnchorImports(t *testing.T) {
	d := testDocument(t)
	text := annotate.NewText(d.Articles[0].Text)
	blank := blankAt(t, text)

	native := testDocument(t)
	native.Articles[0].Claims[0].Anchors = []annotate.Anchor{blank}
	var nb bytes.Buffer
	if err := WriteDocument(&nb, native); err != nil {
		t.Fatal(err)
	}
	_, err := ParseDocument(nb.Bytes())
	checkInvalid(t, err, "articles[0].claims[2].anchors[0]: ") // the claim sorts third

	ann := "T1\tClaim " + strconv.Itoa(blank.Start) + " " + strconv.Itoa(blank.End) + "\t \n"
	_, err = ParseBrat(text, d.Articles[0].ID, []byte(ann), importNow)
	checkInvalid(t, err, "line 1: T1: fragment")

	w3c := `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "urn:uuid:c1000000-0000-4000-8000-00000000000b",
	  "motivation": "highlighting", "target": {"source": "` + TextSource(d.Articles[0].SHA256) + `",
	  "selector": [{"type": "TextQuoteSelector", "exact": " "}, {"type": "TextPositionSelector", "start": ` + strconv.Itoa(blank.Start) + `, "end": ` + strconv.Itoa(blank.End) + `}]}}`
	_, err = ParseW3C([]byte(w3c), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "target.selector[0].exact: is only white space")

	w3cPos := strings.Replace(w3c, `{"type": "TextQuoteSelector", "exact": " "}, `, "", 1)
	if im, err := ParseW3C([]byte(w3cPos), DocumentLookup(d), d.Scale, importNow); err != nil {
		t.Errorf("W3C by position: %v", err)
	} else if im.Count() != 0 || len(im.Orphans) != 1 || !strings.Contains(im.Orphans[0], "white space") {
		t.Errorf("W3C by position: %d annotations, orphans %q; want the blank span left out as white space", im.Count(), im.Orphans)
	}

	cr := `{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://factcheck.example/1",
	  "claimReviewed": "Kanalgade …   … bus terminal", "reviewRating": {"@type": "Rating", "alternateName": "False"},
	  "itemReviewed": {"@type": "Claim", "appearance": {"url": "` + TextSource(d.Articles[0].SHA256) + `"}}}`
	_, err = ParseClaimReview([]byte(cr), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "claimReviewed: piece 2 is only white space")

	var cb bytes.Buffer
	w := csv.NewWriter(&cb)
	w.Write(csvColumns)
	cells := map[string]string{"article_sha256": d.Articles[0].SHA256, "kind": "claim", "start": strconv.Itoa(blank.Start), "end": strconv.Itoa(blank.End), "quote": " "}
	row := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		row[i] = cells[c]
	}
	w.Write(row)
	w.Flush()
	_, err = ParseCSV(cb.Bytes(), DocumentLookup(d), d.Scale, importNow)
	checkInvalid(t, err, "line 2: start: ")
}
