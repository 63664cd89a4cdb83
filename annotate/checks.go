package annotate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// KnownCheck is a fact-check done before: a claim of the project with a
// verdict, or one read from a published ClaimReview feed (issue 14). The
// desk offers them when a new claim says the same thing.
type KnownCheck struct {
	ID        string `json:"id"`         // the claim's ID, or CheckID of a feed's review
	Claim     string `json:"claim"`      // the claim as the fact-check states it
	Claimant  string `json:"claimant"`   // who made it, when known
	Verdict   string `json:"verdict"`    // the rating as written (alternateName)
	Title     string `json:"title"`      // the fact-check's headline, when known
	URL       string `json:"url"`        // where it is published, when known
	Publisher string `json:"publisher"`  // the fact-checking organisation
	Date      string `json:"date"`       // when it was published (ISO 8601), when known
	Feed      string `json:"feed"`       // the file it was imported from; "" for the project's own claims
	ArticleID string `json:"article_id"` // the project's article, for its own claims
}

// Own reports whether the check is a claim of this project.
func (k *KnownCheck) Own() bool { return k.Feed == "" }

// CheckID is the stable ID of a published review: the same review read
// from two feeds (or the same feed twice) is one known check.
func CheckID(url, claim string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(url) + "\x00" + strings.Join(strings.Fields(claim), " ")))
	return "check:" + hex.EncodeToString(sum[:12])
}

// Validate checks a known check read from a feed.
func (k *KnownCheck) Validate() error {
	switch {
	case strings.TrimSpace(k.Claim) == "":
		return fieldError("claimReviewed", "is empty: a fact-check needs the claim it rated")
	case strings.TrimSpace(k.Verdict) == "":
		return fieldError("reviewRating.alternateName", "is empty: a fact-check needs its verdict")
	case k.URL != "" && !ValidURL(k.URL):
		return fieldError("url", "%q is not an http(s) URL", k.URL)
	}
	return firstError(CheckText("claimReviewed", k.Claim), CheckLine("claimant", k.Claimant),
		CheckLine("reviewRating.alternateName", k.Verdict), CheckLine("headline", k.Title),
		CheckLine("author", k.Publisher), CheckLine("datePublished", k.Date))
}

// KnownCheckService keeps the checks done before: those imported from
// feeds, and the project's own claims with a verdict.
type KnownCheckService interface {
	// ImportKnownChecks adds the feed's checks, replacing ones with the same
	// ID; it returns how many were new.
	ImportKnownChecks(ctx context.Context, checks []KnownCheck) (added int, err error)
	// FindKnownChecks lists every imported check and every claim of the
	// project that has a verdict (Own), the project's first.
	FindKnownChecks(ctx context.Context) ([]KnownCheck, error)
}
