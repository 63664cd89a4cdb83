package similar

import "github.com/factmark/factmark/annotate"

// KnownIndex indexes the checks done before (the project's claims with a
// verdict and the imported feeds' reviews) for "has this been checked
// before?", with the matcher of `factmark eval similar`.
func KnownIndex(checks []annotate.KnownCheck) *Index {
	claims := make([]Claim, len(checks))
	for i, k := range checks {
		claims[i] = Claim{ID: k.ID, Text: k.Claim, Title: k.Title, Verdict: k.Verdict, URL: k.URL, Date: k.Date}
	}
	return NewIndex(claims)
}

// CheckedBefore is Matches for a claim of the project: the claim itself
// (selfID) is left out, as it is in the index once it has a verdict.
func (ix *Index) CheckedBefore(claimText, selfID string) []Match {
	ms := ix.Search(claimText, MatchesShown+1)
	out := ms[:0]
	for _, m := range ms {
		if m.ID != selfID && m.Score >= MinMatchScore && len(out) < MatchesShown {
			out = append(out, m)
		}
	}
	return out
}
