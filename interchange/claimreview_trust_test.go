package interchange

import (
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestParseClaimReviewRatings(t *testing.T) {
	d := crTestDocument(t)
	review := func(rating string) string {
		return `[{"@type": "WebPage"}, {"@type": "WebPage"}, {"@type": "ClaimReview", "url": "u",
		  "claimReviewed": "had finished 34 percent over budget and two years late",
		  "itemReviewed": {"appearance": {"url": "https://ledger.example/tram"}},
		  "reviewRating": {"alternateName": "False"` + rating + `}}]`
	}
	tests := []struct{ name, rating, want string }{
		{"none", ``, ""},
		{"in range", `, "ratingValue": 2, "bestRating": 5, "worstRating": 1`, ""},
		{"strings", `, "ratingValue": "2", "bestRating": "6", "worstRating": "1"`, ""},
		{"default range", `, "ratingValue": 5`, ""},
		{"huge", `, "ratingValue": 1e308, "bestRating": 5, "worstRating": 1`, "[2].reviewRating.ratingValue: 1e+308 is not between worstRating 1 and bestRating 5"},
		{"huge without range", `, "ratingValue": 1e308`, "[2].reviewRating.ratingValue: 1e+308 is not between worstRating 1 and bestRating 5"},
		{"NaN", `, "ratingValue": 2, "worstRating": "NaN"`, "[2].reviewRating.worstRating: NaN is not a finite number"},
		{"Inf", `, "ratingValue": "Infinity"`, "[2].reviewRating.ratingValue: +Inf is not a finite number"},
		{"overflow", `, "bestRating": "1e999"`, "[2].reviewRating.bestRating: +Inf is not a finite number"},
		{"not a number", `, "ratingValue": "four"`, "[2].reviewRating.ratingValue: \"four\" is not a number"},
		{"wrong kind", `, "ratingValue": true`, "[2].reviewRating.ratingValue: must be a number, not true or false"},
		{"best below worst", `, "bestRating": 1, "worstRating": 5`, "[2].reviewRating.bestRating: 1 is below worstRating 5"},
		{"below worst", `, "ratingValue": 0, "bestRating": 5, "worstRating": 1`, "[2].reviewRating.ratingValue: 0 is not between worstRating 1 and bestRating 5"},
		{"above best", `, "ratingValue": 7, "bestRating": 6`, "[2].reviewRating.ratingValue: 7 is not between"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseClaimReview([]byte(review(tt.rating)), DocumentLookup(d), d.Scale, importNow)
			checkInvalid(t, err, tt.want)
		})
	}
}

// TestClaimReviewOfAClaimedSpan reviews a span that has a claim, in the
// project and earlier in the same file: the reviews are attached to that
// claim, and no second claim of the span is made.
func TestClaimReviewOfAClaimedSpan(t *testing.T) {
	d := crTestDocument(t)
	stored := d.Articles[0].Claims[0]
	for _, c := range d.Articles[0].Claims {
		if c.ID == clJourney {
			stored = c
		}
	}
	quote := stored.Anchors[0].Exact
	data := `[{"@type": "ClaimReview", "url": "https://factcheck.example/1", "claimReviewed": "` + quote + `",
	   "itemReviewed": {"@type": "Claim", "@id": "https://factcheck.example/claims/1", "author": {"name": "Someone Else"},
	     "appearance": {"url": "https://ledger.example/tram"}},
	   "reviewRating": {"alternateName": "False"}},
	  {"@type": "ClaimReview", "url": "https://factcheck.example/2", "claimReviewed": "` + quote + `",
	   "itemReviewed": {"@type": "Claim", "appearance": {"url": "https://ledger.example/tram"}},
	   "reviewRating": {"alternateName": "True"}}]`
	annotations := &annotate.Annotations{Claims: d.Articles[0].Claims, Attributions: d.Articles[0].Attributions, Notes: d.Articles[0].Notes}
	tests := []struct {
		name    string
		stored  func(string) (*annotate.Annotations, error)
		claimID string
	}{
		{"in the project", func(id string) (*annotate.Annotations, error) {
			if id != d.Articles[0].ID {
				t.Errorf("stored asked for article %s", id)
			}
			return annotations, nil
		}, clJourney},
		{"in the file", nil, crID("https://factcheck.example/claims/1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, err := ParseImport(FormatClaimReview, ImportInput{Data: []byte(data), Lookup: DocumentLookup(d), Stored: tt.stored, Scale: d.Scale, Now: importNow})
			if err != nil {
				t.Fatal(err)
			}
			a := im.Doc.Articles[0]
			if len(a.Claims) != 1 || len(a.Notes) != 2 {
				t.Fatalf("%d claims and %d notes; want one claim with both reviews", len(a.Claims), len(a.Notes))
			}
			c := a.Claims[0]
			if c.ID != tt.claimID || a.Notes[0].ClaimID != c.ID || a.Notes[1].ClaimID != c.ID {
				t.Errorf("claim %s, notes on %s and %s; want both on %s", c.ID, a.Notes[0].ClaimID, a.Notes[1].ClaimID, tt.claimID)
			}
			if tt.stored != nil {
				// As stored, so that the store keeps its version; without
				// the links the document does not hold.
				if !c.Modified.Equal(stored.Modified) || c.Status != stored.Status || c.Worthiness == nil || *c.Worthiness != *stored.Worthiness ||
					c.SpeakerID != "" || c.AttributionID != "" || len(im.Doc.Speakers) != 0 {
					t.Errorf("claim = %+v, speakers %v; want the stored claim, unlinked, and no new speaker", c, im.Doc.Speakers)
				}
			}
		})
	}
}

// TestClaimReviewReimportKeepsClaims imports a project's own ClaimReview
// export back into it: the claims are the stored ones, so that the store
// keeps them as they are (before, each came back remade from the review,
// status "checked", without its score and tags, and newer than the stored
// claim, which it then replaced).
func TestClaimReviewReimportKeepsClaims(t *testing.T) {
	d := crTestDocument(t)
	data := writeClaimReview(t, d)
	want := map[string]annotate.Claim{}
	for _, c := range d.Articles[0].Claims {
		want[c.ID] = c
	}
	stored := func(string) (*annotate.Annotations, error) {
		return &annotate.Annotations{Claims: d.Articles[0].Claims, Attributions: d.Articles[0].Attributions, Notes: d.Articles[0].Notes}, nil
	}
	im, err := ParseImport(FormatClaimReview, ImportInput{Data: data, Lookup: DocumentLookup(d), Stored: stored, Scale: d.Scale, Now: importNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Doc.Articles[0].Claims) == 0 {
		t.Fatal("no claims read")
	}
	for _, c := range im.Doc.Articles[0].Claims {
		w, ok := want[c.ID]
		if !ok {
			t.Errorf("claim %s is not one of the project's", c.ID)
			continue
		}
		if c.Status != w.Status || !c.Modified.Equal(w.Modified) || len(c.Tags) != len(w.Tags) || (c.Worthiness == nil) != (w.Worthiness == nil) {
			t.Errorf("claim %s = %+v, want the stored %+v", c.ID, c, w)
		}
	}
}
