package annotate

// hasWorkflow reports whether the article holds what the fact-check
// workflow (issue 13) added and factmark/1 documents cannot hold: a claim
// status without a first-release name (an unset one is no status, which
// validation refuses in any version), approvals, corrections, comments,
// or evidence with an ID, a source type, an accessed time (not a plain
// date), archive URLs, a snapshot or the withheld mark.
func (a *ArticleDoc) hasWorkflow() bool {
	if len(a.Comments) > 0 {
		return true
	}
	for i := range a.Claims {
		c := &a.Claims[i]
		if _, ok := c.Status.LegacyName(); !ok && c.Status != "" || len(c.Approvals) > 0 || len(c.Corrections) > 0 {
			return true
		}
	}
	for i := range a.Notes {
		for j := range a.Notes[i].Sources {
			if a.Notes[i].Sources[j].hasWorkflow() {
				return true
			}
		}
	}
	return false
}

// hasWorkflow reports whether the record has a field factmark/1 lacks.
func (e *Evidence) hasWorkflow() bool {
	return e.ID != "" || e.Type != "" || len(e.Archives) > 0 || e.Snapshot != nil || e.Withheld ||
		e.Accessed != "" && !ValidDate(e.Accessed)
}
