package annotate

import (
	"strings"
	"testing"
)

func TestSampleArticle(t *testing.T) {
	a := SampleArticle(testNow)
	if err := a.Validate(); err != nil {
		t.Fatalf("sample article is invalid: %v", err)
	}
	if n := len(strings.Fields(a.Text)); n < 600 || n > 900 {
		t.Errorf("sample article has %d words, want 600–900", n)
	}
	for _, q := range []string{"“", "”", "’"} {
		if !strings.Contains(a.Text, q) {
			t.Errorf("sample article has no %s", q)
		}
	}
	if strings.ContainsAny(a.Text, "\"") {
		t.Error("sample article has straight double quotes; it should use curly ones")
	}
	// The embedded file is already normalised: importing it changes nothing,
	// so offsets into the file are offsets into the article.
	if a.Text != string(sampleText) {
		t.Error("the embedded sample/article.txt is not normalised (NFC, \\n)")
	}
	want := "Brennport council approves €412 million tram line after five-hour debate"
	if a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if a.Published != "2026-03-04" || a.Outlet == "" || a.Language != "en" {
		t.Errorf("metadata = %q, %q, %q", a.Published, a.Outlet, a.Language)
	}
	// Each call is a new article over the same text.
	b := SampleArticle(testNow)
	if a.ID == b.ID || a.SHA256 != b.SHA256 {
		t.Errorf("two samples: IDs %s, %s; hashes equal %v", a.ID, b.ID, a.SHA256 == b.SHA256)
	}
	if !a.ImportedAt.Equal(testNow) {
		t.Errorf("ImportedAt = %v, want %v", a.ImportedAt, testNow)
	}
}

// The sample is what a new user first annotates: it must hold the quote forms
// the product is about (direct, split direct, indirect) and non-ASCII names.
func TestSampleArticleContent(t *testing.T) {
	text := SampleArticle(testNow).Text
	for _, s := range []string{
		"“The budget is sound on paper,” Mr. Ortiz said, “but paper", // a split quote
		"According to Ms. Lindqvist,",                                // indirect
		"José Ortiz", "Zoë Lindqvist", "Marta Kovač", "€412 million", "–",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("sample article lacks %q", s)
		}
	}
}
