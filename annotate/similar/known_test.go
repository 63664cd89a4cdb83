package similar

import (
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestCheckedBefore(t *testing.T) {
	checks := []annotate.KnownCheck{
		{ID: "self", Claim: "The new bridge over the river cost twelve million euros", Verdict: "False"},
		{ID: "other", Claim: "The bridge over the river cost twelve million euros to build", Verdict: "Mostly false", Feed: "f.json"},
		{ID: "far", Claim: "Buses in the city centre run every minute at rush hour", Verdict: "True", Feed: "f.json"},
	}
	ix := KnownIndex(checks)
	got := ix.CheckedBefore("The new bridge over the river cost twelve million euros", "self")
	if len(got) == 0 || got[0].ID != "other" || got[0].Verdict != "Mostly false" {
		t.Fatalf("CheckedBefore = %+v, want the other check first", got)
	}
	for _, m := range got {
		if m.ID == "self" {
			t.Error("the claim itself is listed as checked before")
		}
		if m.ID == "far" {
			t.Errorf("an unrelated check is listed (score %.1f)", m.Score)
		}
	}
	if got := ix.CheckedBefore("", "self"); len(got) != 0 {
		t.Errorf("a blank claim matches %+v", got)
	}
}
