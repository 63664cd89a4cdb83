package interchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
)

func writeClaimReview(t testing.TB, d *annotate.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteClaimReview(&b, d, "Brennport Fact Desk"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// crTestDocument is the test document with a second verdict, off the
// numeric range, on the two-piece claim.
func crTestDocument(t testing.TB) *annotate.Document {
	d := testDocument(t)
	a := &d.Articles[0]
	n := a.Notes[1]
	n.ID, n.ClaimID, n.Verdict, n.Rationale, n.Sources = "40000000-0000-4000-8000-000000000003", clRidership, "Unverifiable", "", nil
	a.Notes = append(a.Notes, n)
	a.URL = "https://ledger.example/tram"
	return d
}

func TestClaimReviewRoundTrip(t *testing.T) {
	d := crTestDocument(t)
	first := writeClaimReview(t, d)
	var g struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(first, &g); err != nil || len(g.Graph) != 2 {
		t.Fatalf("%d reviews (%v); want one per verdict on a claim, 2", len(g.Graph), err)
	}
	r := g.Graph[0]
	rating := r["reviewRating"].(map[string]any)
	item := r["itemReviewed"].(map[string]any)
	if r["claimReviewed"] != "cut the journey between Holmvik and the city centre from 41 minutes by bus to 19 minutes by tram" ||
		rating["alternateName"] != "Mostly true" || rating["ratingValue"] != 4.0 || rating["bestRating"] != 5.0 || rating["worstRating"] != 1.0 ||
		item["author"].(map[string]any)["name"] != "Ingrid Halvorsen" || item["appearance"].(map[string]any)["url"] != "https://ledger.example/tram" ||
		r["author"].(map[string]any)["name"] != "Brennport Fact Desk" || r["datePublished"] != "2026-03-04" || r["url"] != nil || r["@id"] != "urn:uuid:"+noJourney {
		t.Errorf("first review = %v", r)
	}
	if two := g.Graph[1]; !strings.Contains(two["claimReviewed"].(string), " … ") || two["reviewRating"].(map[string]any)["ratingValue"] != nil {
		t.Errorf("second review = %v: want the pieces joined by “ … ” and no value for Unverifiable", two)
	}
	im, err := ParseClaimReview(first, DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	got := &im.Doc.Articles[0]
	if len(im.Orphans) != 0 || len(got.Claims) != 2 || len(got.Notes) != 2 {
		t.Fatalf("read back %d claims, %d notes, orphans %q", len(got.Claims), len(got.Notes), im.Orphans)
	}
	if n := got.Notes[0]; n.ID != noJourney || n.ClaimID != clJourney || n.Verdict != "Mostly true" || len(n.Sources) != 2 {
		t.Errorf("note = %+v", n)
	}
	if c := got.Claims[1]; c.ID != clRidership || len(c.Anchors) != 2 {
		t.Errorf("the two-piece claim = %+v", c)
	}
	second := writeClaimReview(t, im.Doc)
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export differs:\n%s", firstDiff(first, second))
	}
}

func TestParseClaimReviewForeign(t *testing.T) {
	d := crTestDocument(t)
	data := `[
  {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://factcheck.example/1",
   "claimReviewed": "had finished 34 percent over budget and two years late",
   "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Councillor Ortiz"},
     "appearance": [{"@type": "NewsArticle", "url": "https://ledger.example/tram/"}]},
   "author": {"@type": "Organization", "name": "Other Desk"}, "datePublished": "2026-03-09",
   "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 6, "alternateName": "Pants on fire"},
   "citation": ["https://audit.example/report", {"@type": "CreativeWork", "name": "Audit", "publisher": {"name": "Audit office"}}]},
  {"@type": "ClaimReview", "url": "https://factcheck.example/2", "claimReviewed": "The mayor misled the council about costs",
   "itemReviewed": {"@type": "Claim", "appearance": {"url": "https://ledger.example/tram"}},
   "reviewRating": {"@type": "Rating", "alternateName": "False"}},
  {"@type": "WebPage", "url": "https://factcheck.example/"}
]`
	im, err := ParseClaimReview([]byte(data), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if im.Skipped != 1 || len(im.Orphans) != 1 || !strings.Contains(im.Orphans[0], "[1] (") || !strings.Contains(im.Orphans[0], "is not in the article") {
		t.Fatalf("skipped %d, orphans %q", im.Skipped, im.Orphans)
	}
	a := &im.Doc.Articles[0]
	c, n := a.Claims[0], a.Notes[0]
	if c.Anchors[0].Exact != "had finished 34 percent over budget and two years late" || c.Status != annotate.StatusPublished ||
		im.Doc.Speakers[0].Name != "Councillor Ortiz" || c.SpeakerID != im.Doc.Speakers[0].ID {
		t.Errorf("claim = %+v", c)
	}
	if n.Verdict != "" || n.Rationale != "Rating: Pants on fire" || n.ClaimID != c.ID || len(n.Sources) != 2 ||
		n.Sources[0].URL != "https://audit.example/report" || n.Sources[1].Publisher != "Audit office" || n.Created.Format("2006-01-02") != "2026-03-09" {
		t.Errorf("note = %+v", n)
	}
}

func TestParseClaimReviewErrors(t *testing.T) {
	d := crTestDocument(t)
	item := `"itemReviewed": {"@type": "Claim", "appearance": {"url": "https://ledger.example/tram"}}`
	tests := []struct{ name, data, want string }{
		{"not JSON", `{"@type": "ClaimReview"`, "invalid JSON at line 1"},
		{"a number", `3`, "the document is not a ClaimReview"},
		{"no claim", `{"@type": "ClaimReview", "reviewRating": {"alternateName": "True"}, ` + item + `}`, "claimReviewed: is missing"},
		{"claim not text", `{"@type": "ClaimReview", "claimReviewed": 3}`, "claimReviewed: must be a string, not a number"},
		{"no rating", `{"@type": "ClaimReview", "claimReviewed": "x", ` + item + `}`, "reviewRating: is missing or not a Rating"},
		{"no verdict", `{"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"ratingValue": 3}, ` + item + `}`, "reviewRating: has no alternateName"},
		{"item not an object", `{"@graph": [{"@type": "ClaimReview", "claimReviewed": "x", "itemReviewed": "y"}]}`, "@graph[0].itemReviewed: must be a Claim object, not a string"},
		{"bad date", `{"@type": "ClaimReview", "claimReviewed": "x", "datePublished": "March", "reviewRating": {"alternateName": "True"}, ` + item + `}`,
			"datePublished: \"March\" is not a date-time"},
		{"twice", `[{"@type": "ClaimReview", "url": "u", "claimReviewed": "x", "reviewRating": {"alternateName": "True"}, ` + item + `},
			{"@type": "ClaimReview", "url": "u", "claimReviewed": "x", "reviewRating": {"alternateName": "True"}, ` + item + `}]`, "[1]: review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseClaimReview([]byte(tt.data), DocumentLookup(d), d.Scale, importNow)
			checkInvalid(t, err, tt.want)
		})
	}
}

// schemaOrg is the schema.org vocabulary from the shared CSV tables.
type schemaOrg struct {
	supertypes map[string][]string // type label → its direct supertypes
	domains    map[string][]string // property label → the types it applies to
	ranges     map[string][]string // property label → the types of its values
}

func loadSchemaOrg(t *testing.T) *schemaOrg {
	t.Helper()
	s := &schemaOrg{supertypes: map[string][]string{}, domains: map[string][]string{}, ranges: map[string][]string{}}
	readTable := func(name string, row func(rec map[string]string)) {
		data := testcorpus.File(t, "schema-org", name)
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range recs[1:] {
			rec := map[string]string{}
			for i, h := range recs[0] {
				rec[h] = r[i]
			}
			row(rec)
		}
	}
	labels := func(list string) []string {
		var out []string
		for _, u := range strings.Split(list, ",") {
			if u = strings.TrimSpace(u); u != "" {
				out = append(out, strings.TrimPrefix(u, "https://schema.org/"))
			}
		}
		return out
	}
	readTable("types.csv", func(r map[string]string) { s.supertypes[r["label"]] = labels(r["subTypeOf"]) })
	readTable("properties.csv", func(r map[string]string) {
		s.domains[r["label"]] = labels(r["domainIncludes"])
		s.ranges[r["label"]] = labels(r["rangeIncludes"])
	})
	return s
}

// isA reports whether typ is want or one of its subtypes.
func (s *schemaOrg) isA(typ, want string) bool {
	if typ == want {
		return true
	}
	for _, super := range s.supertypes[typ] {
		if s.isA(super, want) {
			return true
		}
	}
	return false
}

// check walks a JSON-LD node: its @type exists, every property applies to
// it, and typed values are of a type the property allows.
func (s *schemaOrg) check(t *testing.T, path string, node map[string]any) {
	typ, _ := node["@type"].(string)
	if _, ok := s.supertypes[typ]; !ok {
		t.Errorf("%s: @type %q is not a schema.org type", path, typ)
		return
	}
	for prop, v := range node {
		if strings.HasPrefix(prop, "@") {
			continue
		}
		domains, ok := s.domains[prop]
		if !ok {
			t.Errorf("%s.%s: not a schema.org property", path, prop)
			continue
		}
		applies := false
		for _, dom := range domains {
			applies = applies || s.isA(typ, dom)
		}
		if !applies {
			t.Errorf("%s.%s: does not apply to %s (domain %v)", path, prop, typ, domains)
		}
		for i, x := range listOf(v) {
			child, ok := x.(map[string]any)
			if !ok {
				continue
			}
			p := path + "." + prop
			if _, many := v.([]any); many {
				p += "[" + strconv.Itoa(i) + "]"
			}
			ct, _ := child["@type"].(string)
			inRange := false
			for _, r := range s.ranges[prop] {
				inRange = inRange || s.isA(ct, r)
			}
			if !inRange {
				t.Errorf("%s: a %s is not among the values %s allows (%v)", p, ct, prop, s.ranges[prop])
			}
			s.check(t, p, child)
		}
	}
}

// TestClaimReviewSchemaOrg checks the export against schema.org 30.0.
func TestClaimReviewSchemaOrg(t *testing.T) {
	s := loadSchemaOrg(t)
	var g map[string]any
	if err := json.Unmarshal(writeClaimReview(t, crTestDocument(t)), &g); err != nil {
		t.Fatal(err)
	}
	if g["@context"] != SchemaOrgContext {
		t.Errorf("@context = %v", g["@context"])
	}
	graph := g["@graph"].([]any)
	for i, r := range graph {
		s.check(t, "@graph["+strconv.Itoa(i)+"]", r.(map[string]any))
	}
	if s.isA("ClaimReview", "CreativeWork") == false || s.isA("Person", "CreativeWork") {
		t.Fatal("the type table is not read right")
	}
}

// TestClaimReviewAuthorURL: the organisation's web site goes into each
// review's author, and no author is written when neither is set.
func TestClaimReviewAuthorURL(t *testing.T) {
	tests := []struct {
		org  Organization
		want string // the first review's author, as JSON; "" for none
	}{
		{Organization{Name: "Desk", URL: "https://desk.example/"}, `{"@type":"Organization","name":"Desk","url":"https://desk.example/"}`},
		{Organization{Name: "Desk"}, `{"@type":"Organization","name":"Desk"}`},
		{Organization{}, ""},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := WriteFormatBy(&b, FormatClaimReview, crTestDocument(t), tt.org); err != nil {
			t.Fatal(err)
		}
		var g struct {
			Graph []struct {
				Author json.RawMessage `json:"author"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal(b.Bytes(), &g); err != nil || len(g.Graph) == 0 {
			t.Fatalf("%v, %d reviews", err, len(g.Graph))
		}
		var got bytes.Buffer
		if len(g.Graph[0].Author) > 0 {
			json.Compact(&got, g.Graph[0].Author)
		}
		if got.String() != tt.want {
			t.Errorf("%+v: author = %s, want %s", tt.org, got.String(), tt.want)
		}
	}
}
