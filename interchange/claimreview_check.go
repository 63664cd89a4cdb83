package interchange

import (
	"fmt"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// ClaimReviewIssue is something a claim's ClaimReview lacks that its
// consumers (CMSs, search engines' fact-check features) require or
// recommend.
type ClaimReviewIssue struct {
	ArticleID, ClaimID string
	Claim              string // the claim's text, clipped, to name it
	Field              string // the ClaimReview property, such as "url" or "itemReviewed.author"
	Required           bool   // consumers refuse the review without it; else they recommend it
	Message            string // what is missing, and how to give it
}

// String is the issue on one line: the claim, the field and the message.
func (i ClaimReviewIssue) String() string {
	need := "recommended"
	if i.Required {
		need = "required"
	}
	return fmt.Sprintf("%s: %s (%s): %s", quoteClaim(i.Claim), i.Field, need, i.Message)
}

func quoteClaim(s string) string { return "“" + s + "”" }

// CheckClaimReviews checks each claim of doc against what ClaimReview's
// consumers require — claimReviewed, reviewRating.alternateName (a checked
// claim without a verdict has no review) and url — and recommend: the
// author organisation and its URL, itemReviewed's author (the claimant),
// appearance (the article's URL) and datePublished, and the rating's
// numbers. It reports the reviews WriteClaimReviewBy writes with the same
// settings, in their order, so the desk and the command line can say
// before an export what it will lack. doc is not changed.
func CheckClaimReviews(doc *annotate.Document, s annotate.Settings) []ClaimReviewIssue {
	cx := newCRContext(&annotate.Document{Scale: doc.Scale, Speakers: doc.Speakers}, OrganizationOf(s))
	var issues, unreviewed []ClaimReviewIssue
	for i := range doc.Articles {
		one := &annotate.Document{Articles: doc.Articles[i : i+1]}
		reviews, more := cx.checkArticle(one, claimReviewItems(one))
		issues, unreviewed = append(issues, reviews...), append(unreviewed, more...)
	}
	return append(issues, unreviewed...)
}

// checkArticle is what the reviews (items) of the one article of d lack,
// and then its claims with a verdict but no review, which
// CheckClaimReviews lists after every review's.
func (cx *crContext) checkArticle(d *annotate.Document, items []crItem) (issues, unreviewed []ClaimReviewIssue) {
	reviewed := map[string]bool{}
	for _, it := range items {
		reviewed[it.claim.ID] = true
		issues = append(issues, cx.check(it)...)
	}
	a := &d.Articles[0]
	for j := range a.Claims {
		c := &a.Claims[j]
		if c.Status.HasVerdict() && !reviewed[c.ID] {
			unreviewed = append(unreviewed, issue(a, c, "reviewRating.alternateName", true,
				"the claim is "+c.Status.Label()+" but no note on it gives a verdict, so it has no review: add a note with the verdict"))
		}
	}
	return issues, unreviewed
}

func issue(a *annotate.ArticleDoc, c *annotate.Claim, field string, required bool, msg string) ClaimReviewIssue {
	return ClaimReviewIssue{ArticleID: a.ID, ClaimID: c.ID, Claim: annotate.Clip(claimText(c)), Field: field, Required: required, Message: msg}
}

// check is what the review of it lacks.
func (cx *crContext) check(it crItem) []ClaimReviewIssue {
	a, c, n := it.article, it.claim, it.note
	var out []ClaimReviewIssue
	add := func(field string, required bool, format string, args ...any) {
		out = append(out, issue(a, c, field, required, fmt.Sprintf(format, args...)))
	}
	text := claimText(c)
	if strings.TrimSpace(text) == "" {
		add("claimReviewed", true, "the claim has no words")
	}
	if cx.reviewURL(c, n, text) == "" {
		if cx.org.ReviewURL == "" {
			add("url", true, "no review URL: set the pattern (factmark settings review.url 'https://…/{slug}', or Settings in the desk) or the claim's own review URL")
		} else {
			add("url", true, "the review URL pattern %q does not give an http(s) URL for this claim: set the claim's own review URL", cx.org.ReviewURL)
		}
	}
	if cx.org.Name == "" {
		add("author", false, "no organisation: set its name (factmark settings organization.name, or Settings in the desk)")
	} else if safeURL(cx.org.URL) == "" {
		add("author.url", false, "the organisation has no web site: set it (factmark settings organization.url)")
	}
	if cx.speakers[c.SpeakerID] == nil {
		add("itemReviewed.author", false, "no claimant: choose who made the claim in the claim's editor")
	}
	if safeURL(a.URL) == "" {
		add("itemReviewed.appearance", false, "the article has no URL, so the review cannot point at where the claim appeared: give the article's URL")
	}
	if a.Published == "" {
		add("itemReviewed.datePublished", false, "the article has no publication date: give it in the article's details")
	}
	if _, ok := cx.ratingValue(n.Verdict); !ok && !cx.scale.Conclusion {
		if _, on := cx.scale.Find(n.Verdict); !on {
			add("reviewRating.ratingValue", false, "the verdict %q is not on the current scale, so it has no rating value: choose a verdict of the scale", n.Verdict)
		} else {
			add("reviewRating.ratingValue", false, "the verdict %q has no value on the scale: the review gives its name only", n.Verdict)
		}
	}
	if len(it.verdicts) > 1 {
		add("reviewRating", false, "%d notes give verdicts (%s): only the one changed last, %q, is exported", len(it.verdicts), quoteList(it.verdicts), n.Verdict)
	}
	return out
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// RequiredMissing counts the claims whose review lacks something required.
func RequiredMissing(issues []ClaimReviewIssue) int {
	claims := map[string]bool{}
	for _, i := range issues {
		if i.Required {
			claims[i.ClaimID] = true
		}
	}
	return len(claims)
}
