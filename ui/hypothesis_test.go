package ui

import (
	"strings"
	"testing"
	"time"
)

// hypothesisOnSample is a Hypothesis export of one annotation on a page the
// project does not have, quoting the sample article.
const hypothesisOnSample = `{"export_date": "2026-03-10T08:15:00.000Z", "export_userid": "acct:ana@hypothes.is", "client_version": "1.1500.0",
 "annotations": [{"id": "Ab3bT1qwEe-pQ2Jd0vN1aA", "created": "2026-03-09T14:02:11Z", "updated": "2026-03-09T14:05:40Z",
  "user": "acct:ana@hypothes.is", "uri": "https://elsewhere.example/tram", "text": "Check the budget.", "tags": ["budget"],
  "target": [{"source": "https://elsewhere.example/tram", "selector": [{"type": "TextQuoteSelector", "exact": "voted 27 to 18"}]}]}]}`

// TestHypothesisOnTheOpenArticle: annotations whose page is not in the
// project are offered for the open article; yes puts them there as notes,
// no stores nothing.
func TestHypothesisOnTheOpenArticle(t *testing.T) {
	for _, yes := range []bool{true, false} {
		td := newTestDesk(t, nil)
		td.importData("annotations.json", []byte(hypothesisOnSample))
		offer := "None of the pages these Hypothesis annotations were made on is an article of the project.\n\n" +
			"Put them on the open article, “" + td.article.Title + "”?"
		if !td.pumpUntil(func() bool { return td.overlayHolds(offer) }, 5*time.Second) {
			t.Fatalf("no offer; status %q", td.status.Text)
		}
		if yes {
			td.tapOverlayButton("Yes")
			if !td.pumpUntil(func() bool { return len(td.stored().Notes) == 1 }, 5*time.Second) {
				t.Fatalf("yes stored %d notes; status %q", len(td.stored().Notes), td.status.Text)
			}
			if n := td.stored().Notes[0]; n.Target == nil || n.Target.Exact != "voted 27 to 18" || !strings.Contains(n.Rationale, "Check the budget.") {
				t.Errorf("note %+v", n)
			}
			continue
		}
		td.tapOverlayButton("No")
		td.pumpUntil(func() bool { return false }, 200*time.Millisecond)
		if n := len(td.stored().Notes); n != 0 || !strings.Contains(td.status.Text, "nothing imported") {
			t.Errorf("no stored %d notes; status %q", n, td.status.Text)
		}
	}
}
