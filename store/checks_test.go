package store

import (
	"context"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestKnownChecks(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	db := f.db
	if err := db.UpdateSettings(ctx, annotate.Settings{Organization: "Our Desk", ReviewURL: "https://our.example/{id}",
		Scale: annotate.DefaultScale()}); err != nil {
		t.Fatal(err)
	}
	c := f.claim(t)
	f.mustCreate(t, c)
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID, Verdict: "Mostly false"})
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID})
	checks := []annotate.KnownCheck{
		{Claim: "The bridge cost 12 million", Verdict: "False", URL: "https://checks.example/1", Publisher: "Checks", Feed: "a.json"},
		{Claim: "Buses run every minute", Verdict: "Mostly false", Feed: "a.json"},
	}
	for i := range checks {
		checks[i].ID = annotate.CheckID(checks[i].URL, checks[i].Claim)
	}
	added, err := db.ImportKnownChecks(ctx, checks)
	if err != nil || added != 2 {
		t.Fatalf("ImportKnownChecks = %d, %v; want 2 added", added, err)
	}
	checks[1].Verdict = "False"
	if added, err := db.ImportKnownChecks(ctx, checks); err != nil || added != 0 {
		t.Fatalf("importing the feed again = %d, %v; want 0 added", added, err)
	}
	got, err := db.FindKnownChecks(ctx)
	if err != nil || len(got) != 3 || got[2].Verdict != "False" || got[1].Publisher != "Checks" {
		t.Fatalf("FindKnownChecks = %+v, %v", got, err)
	}
	own := got[0]
	if !own.Own() || own.ID != c.ID || own.Verdict != "Mostly false" || own.Publisher != "Our Desk" ||
		own.URL != "https://our.example/"+c.ID || !strings.Contains(own.Claim, "the deficit grew") || own.ArticleID != f.art.ID {
		t.Errorf("the project's own check = %+v", own)
	}
	var logged int
	if err := db.db.QueryRow("SELECT count(*) FROM audit WHERE entity = ?", checks[1].ID).Scan(&logged); err != nil || logged < 2 {
		t.Errorf("a re-imported check has %d audit entries (%v); want its import and its change", logged, err)
	}
	bad := []annotate.KnownCheck{{Claim: "x", Feed: "b.json"}}
	if _, err := db.ImportKnownChecks(ctx, bad); err == nil || !strings.Contains(err.Error(), "b.json") {
		t.Errorf("a check with no verdict: %v", err)
	}
}
