package interchange

import (
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func TestMatchStored(t *testing.T) {
	text := annotate.NewText("Officials said the plan failed. “It did,” she added. Prices rose.")
	span := func(s, e int) annotate.Anchor {
		a, err := text.Anchor(s, e)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	src, cue, c1, c2 := span(0, 9), span(10, 14), span(15, 30), span(33, 39)
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	stored := &annotate.Annotations{
		Attributions: []annotate.Attribution{
			{Meta: annotate.Meta{ID: "a-stored", Created: created, Modified: created, Author: "ana", Origin: annotate.Suggested}, Source: &src, Cue: &cue, Content: []annotate.Anchor{c1, c2}},
		},
		Claims: []annotate.Claim{
			{Meta: annotate.Meta{ID: "c-stored", Created: created, Modified: created, Author: "ana", Origin: annotate.Manual}, Anchors: []annotate.Anchor{span(53, 65)}},
			{Meta: annotate.Meta{ID: "c-twin", Created: created, Modified: created}, Anchors: []annotate.Anchor{span(53, 65)}},
		},
	}
	fileTime := created.Add(-time.Hour)
	ad := annotate.ArticleDoc{
		Attributions: []annotate.Attribution{
			// the content pieces in the other order: the same attribution
			{Meta: annotate.Meta{ID: "a-file", Created: fileTime, Modified: fileTime, Origin: annotate.Manual}, Source: &src, Cue: &cue, Content: []annotate.Anchor{c2, c1}},
			// no source: another attribution
			{Meta: annotate.Meta{ID: "a-new", Created: fileTime, Modified: fileTime}, Cue: &cue, Content: []annotate.Anchor{c1}},
		},
		Claims: []annotate.Claim{
			{Meta: annotate.Meta{ID: "c-file", Created: fileTime, Modified: fileTime}, Anchors: []annotate.Anchor{span(53, 65)}, AttributionID: "a-file"},
			{Meta: annotate.Meta{ID: "c-file2", Created: fileTime, Modified: fileTime}, Anchors: []annotate.Anchor{span(53, 65)}},
			{Meta: annotate.Meta{ID: "c-file3", Created: fileTime, Modified: fileTime}, Anchors: []annotate.Anchor{span(53, 65)}},
		},
	}
	matchStored(&ad, stored)
	a := ad.Attributions[0]
	if a.ID != "a-stored" || !a.Created.Equal(created) || a.Author != "ana" || a.Origin != annotate.Suggested {
		t.Errorf("matched attribution has %s, created %v, author %q, origin %s; want the stored one's", a.ID, a.Created, a.Author, a.Origin)
	}
	if a.Modified.Before(a.Created) {
		t.Errorf("modified %v before created %v", a.Modified, a.Created)
	}
	if ad.Attributions[1].ID != "a-new" {
		t.Errorf("an attribution with other spans took ID %s", ad.Attributions[1].ID)
	}
	got := []string{ad.Claims[0].ID, ad.Claims[1].ID, ad.Claims[2].ID}
	if got[0] != "c-stored" || got[1] != "c-twin" || got[2] != "c-file3" {
		t.Errorf("claims matched as %v; want one to one in order: c-stored, c-twin, then the extra unchanged", got)
	}
	if ad.Claims[0].AttributionID != "a-stored" {
		t.Errorf("claim points at %s, want the matched attribution a-stored", ad.Claims[0].AttributionID)
	}
}

// TestAnnotatorFilesKeepTheirOwn: a file named as one annotator's among
// several is not matched with what the project holds; other names are.
func TestAnnotatorFilesKeepTheirOwn(t *testing.T) {
	for name, want := range map[string]bool{
		"corpus/attributions/nyt_2016-07-15_latest-poll_d473.ann": true,
		"some-article-98aa96c7.ann":                               false,
		"article.ann":                                             false,
		"story_final.ann":                                         false,
	} {
		if got := isAnnotatorFile(name); got != want {
			t.Errorf("isAnnotatorFile(%q) = %v, want %v", name, got, want)
		}
	}
}
