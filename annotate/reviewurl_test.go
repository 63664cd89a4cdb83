package annotate

import (
	"strings"
	"testing"
	"time"
)

func TestSlug(t *testing.T) {
	tests := []struct{ text, want string }{
		{"cut the journey between Holmvik and the city centre", "cut-the-journey-between-holmvik-and-the-city-centre"},
		{"  “Brennport’s €412 million” tram — approved!  ", "brennports-412-million-tram-approved"},
		{"Zoë Åberg said façade", "zoe-aberg-said-facade"},
		{"Путин заявил", "путин-заявил"},
		{"€ — !", ""},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
		{strings.Repeat("x", 100), strings.Repeat("x", 60)},
		{strings.Repeat("é", 100), strings.Repeat("e", 60)},
		{strings.Repeat("ж", 100), strings.Repeat("ж", 30)},
	}
	for _, tt := range tests {
		if got := Slug(tt.text); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestExpandReviewURL(t *testing.T) {
	v := ReviewURLValues{Claim: "Forty thousand people marched", ID: "c1000000-0000-4000-8000-000000000001",
		Date: time.Date(2026, 3, 4, 23, 30, 0, 0, time.FixedZone("", -3600))}
	tests := []struct{ pattern, want string }{
		{"https://example.org/fact-check/{slug}", "https://example.org/fact-check/forty-thousand-people-marched"},
		{"https://example.org/{year}/{month}/{day}/{slug}-{id}", "https://example.org/2026/03/05/forty-thousand-people-marched-c1000000-0000-4000-8000-000000000001"},
		{"https://example.org/checks?id={id}&d={date}", "https://example.org/checks?id=c1000000-0000-4000-8000-000000000001&d=2026-03-05"},
	}
	for _, tt := range tests {
		if got := ExpandReviewURL(tt.pattern, v); got != tt.want {
			t.Errorf("%s → %s, want %s", tt.pattern, got, tt.want)
		}
	}
	if got := ExpandReviewURL("https://x.example/{slug}", ReviewURLValues{Claim: "Путин", ID: "i"}); got != "https://x.example/%D0%BF%D1%83%D1%82%D0%B8%D0%BD" {
		t.Errorf("a Cyrillic slug: %s", got)
	}
	if got := ExpandReviewURL("https://x.example/{slug}", ReviewURLValues{Claim: "€ !", ID: "c1"}); got != "https://x.example/c1" {
		t.Errorf("a claim without words: %s, want its ID", got)
	}
}

func TestCheckReviewURLPattern(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"", ""},
		{"https://example.org/fact-check/{slug}", ""},
		{"http://example.org/{year}/{month}/{day}/{id}", ""},
		{"https://example.org/fact-check/", "has no {slug} or {id}"},
		{"https://example.org/{title}", "{title} is not a placeholder"},
		{"https://example.org/{slug", "a “{” is not closed"},
		{"https://example.org/{sl{slug}}", "a “{” is not closed"},
		{"https://example.org/slug}", "a “}” closes no placeholder"},
		{"example.org/{slug}", "is not an http(s) URL"},
		{"javascript:alert(1)//{slug}", "is not an http(s) URL"},
		{"https://example.org/{slug}\n", "control character"},
	}
	for _, tt := range tests {
		err := CheckReviewURLPattern("review_url", tt.pattern)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.pattern, err)
			}
			continue
		}
		if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "review_url: ") {
			t.Errorf("%q: %v, want review_url: …%s", tt.pattern, err, tt.want)
		}
	}
	s := Settings{Scale: DefaultScale(), ReviewURL: "https://example.org/{nope}", Theme: "dark"}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "review_url") {
		t.Errorf("Settings.Validate with a bad pattern: %v", err)
	}
	s.ReviewURL, s.Theme = "https://example.org/{slug}", "purple"
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "theme") {
		t.Errorf("Settings.Validate after a good pattern still checks the theme: %v", err)
	}
}

func TestClaimReviewURLValidate(t *testing.T) {
	text := NewText("Forty thousand people marched.")
	a, err := text.Anchor(0, 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ url, want string }{
		{"", ""},
		{"https://example.org/fact-check/forty", ""},
		{"javascript:alert(1)", "review_url: \"javascript:alert(1)\" is not an http(s) URL"},
		{"example.org/x", "is not an http(s) URL"},
		{"https://example.org/\nx", "review_url"},
	} {
		now := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		c := Claim{Meta: Meta{ID: NewID(), ArticleID: NewID(), Origin: Manual, Created: now, Modified: now},
			Anchors: []Anchor{a}, Status: StatusCandidate, ReviewURL: tt.url}
		err := c.Validate(text)
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("review URL %q: %v, want %q", tt.url, err, tt.want)
		}
	}
}

func TestNeededFormatReviewURL(t *testing.T) {
	d := Document{Scale: DefaultScale(), Articles: []ArticleDoc{{Claims: []Claim{{}}}}}
	if f := d.NeededFormat(); f != NativeFormatV1 {
		t.Errorf("without a review URL: %s", f)
	}
	d.Articles[0].Claims[0].ReviewURL = "https://example.org/x"
	if f := d.NeededFormat(); f != NativeFormat {
		t.Errorf("with a review URL: %s, want %s (factmark/1 has no such field)", f, NativeFormat)
	}
}
