package similar

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// TestTopN checks the bounded heap against a full sort, ties included.
func TestTopN(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, size := range []int{0, 1, 5, 100, 1000} {
		for _, n := range []int{0, 1, 10, 100, 2000} {
			score := make([]float32, size)
			docs := make([]int32, size)
			for i := range score {
				score[i] = float32(rng.Intn(20))
				docs[i] = int32(i)
			}
			rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
			want := make([]scored, size)
			for i, d := range docs {
				want[i] = scored{d, score[d]}
			}
			slices.SortFunc(want, func(a, b scored) int {
				if a.before(b) {
					return -1
				}
				return 1
			})
			want = want[:min(n, size)]
			if got := topN(docs, score, n); !slices.Equal(got, want) {
				t.Errorf("size %d, n %d: topN = %v, want %v", size, n, got, want)
			}
		}
	}
}

var smallLibrary = []Claim{
	{ID: "a1", Text: "The town of Brindle banned bicycles on Sundays.", Title: "Did Brindle Ban Bicycles on Sundays?", Verdict: "False", URL: "https://example.org/a1", Date: "2020-01-02"},
	{ID: "a2", Text: "A photo shows a giant squid on a beach in Norlund.", Title: "Is This a Giant Squid in Norlund?", Verdict: "Miscaptioned"},
	{ID: "a3", Text: "Drinking hot water cures the flu.", Title: "Does Hot Water Cure the Flu?", Verdict: "False"},
	{ID: "a4", Text: "Brindle's mayor rode a bicycle to work for a year.", Title: "Brindle Mayor Cycles to Work", Verdict: "True"},
}

func TestSearch(t *testing.T) {
	ix := NewIndex(smallLibrary)
	tests := []struct {
		query string
		k     int
		want  []string
	}{
		{"Brindle just banned bikes every Sunday!", 1, []string{"a1"}},
		{"huge squid washed up on a Norlund beach", 2, []string{"a2"}},
		{"does hot water really cure flu?", 5, []string{"a3"}},
		{"", 5, nil},
		{"   ", 5, nil},
		{"the of and", 5, nil},
		{"zebra quantum", 5, nil},
		{"Brindle", 0, nil},
	}
	for _, tt := range tests {
		ms := ix.Search(tt.query, tt.k)
		var got []string
		for _, m := range ms {
			got = append(got, m.ID)
		}
		if len(tt.want) == 0 && len(got) != 0 || len(tt.want) > 0 && (len(got) == 0 || got[0] != tt.want[0]) {
			t.Errorf("Search(%q, %d) = %v, want first %v", tt.query, tt.k, got, tt.want)
		}
		if len(got) > max(tt.k, 0) {
			t.Errorf("Search(%q, %d) returned %d matches", tt.query, tt.k, len(got))
		}
	}
	m := ix.Matches("Brindle banned bicycles on Sunday")
	if len(m) == 0 || m[0].ID != "a1" || m[0].Verdict != "False" || m[0].URL != "https://example.org/a1" || m[0].Date != "2020-01-02" {
		t.Errorf("Matches: %+v; want a1 first with its verdict, URL and date", m)
	}
	if len(m) > MatchesShown {
		t.Errorf("Matches returned %d, more than %d", len(m), MatchesShown)
	}
}

func TestSearchEmptyIndex(t *testing.T) {
	ix := NewIndex(nil)
	if ms := ix.Search("anything at all", 5); len(ms) != 0 {
		t.Errorf("empty index matched %v", ms)
	}
}

// TestSearchDeterministic: the same query gives the same ranking and
// scores in two indexes built from the same claims.
func TestSearchDeterministic(t *testing.T) {
	a, b := NewIndex(smallLibrary), NewIndex(smallLibrary)
	for _, q := range []string{"Brindle bicycles", "giant squid Norlund beach", "flu water"} {
		x, y := a.Search(q, 10), b.Search(q, 10)
		if !slices.Equal(x, y) {
			t.Errorf("%q: %v then %v", q, x, y)
		}
	}
}

func TestModelText(t *testing.T) {
	txt, err := Shipped().MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseModel(txt)
	if err != nil || m.W != shipped.W {
		t.Fatalf("round trip: %v, %v", m, err)
	}
	bad := []struct{ text, want string }{
		{"", "has no weight"},
		{strings.Replace(string(txt), "bm25_rel", "bm25_rl", 1), "want a known feature"},
		{strings.Replace(string(txt), "\nbigrams ", "\nbigrams x", 1), "is not a number"},
		{strings.Replace(string(txt), "\nbigrams ", "\nbigrams NaN #", 1), "want a known feature"},
		{string(txt) + "numbers 1 2\n", "want a known feature"},
	}
	for _, b := range bad {
		if _, err := ParseModel([]byte(b.text)); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ParseModel(%.40q…): %v, want an error saying %q", b.text, err, b.want)
		}
	}
}
