package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
)

// orphanStore is the project's annotation service that also keeps orphans,
// as the store will once revisions are merged: an annotation written as an
// orphan is kept here (its anchors point at no text, which the store of
// this branch refuses), and one written back onto the text goes to the
// project.
type orphanStore struct {
	annotate.AnnotationService
	mu   sync.Mutex
	kept map[string]any // *Attribution, *Claim or *Note, by ID
}

func (s *orphanStore) keep(id string, v any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.kept[id]; !ok {
		if err := s.AnnotationService.DeleteAnnotation(context.Background(), id); err != nil && annotate.ErrorCode(err) != annotate.ENOTFOUND {
			return err
		}
	}
	s.kept[id] = v
	return nil
}

// release reports whether the ID was an orphan here, forgetting it.
func (s *orphanStore) release(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.kept[id]
	delete(s.kept, id)
	return ok
}

func (s *orphanStore) CreateAttribution(ctx context.Context, a *annotate.Attribution) error {
	if a.Orphan {
		x := *a
		return s.keep(a.ID, &x)
	}
	s.release(a.ID)
	return s.AnnotationService.CreateAttribution(ctx, a)
}

func (s *orphanStore) UpdateAttribution(ctx context.Context, a *annotate.Attribution) error {
	if a.Orphan {
		x := *a
		return s.keep(a.ID, &x)
	}
	if s.release(a.ID) {
		return s.AnnotationService.CreateAttribution(ctx, a)
	}
	return s.AnnotationService.UpdateAttribution(ctx, a)
}

func (s *orphanStore) CreateClaim(ctx context.Context, c *annotate.Claim) error {
	if c.Orphan {
		x := *c
		return s.keep(c.ID, &x)
	}
	s.release(c.ID)
	return s.AnnotationService.CreateClaim(ctx, c)
}

func (s *orphanStore) UpdateClaim(ctx context.Context, c *annotate.Claim) error {
	if c.Orphan {
		x := *c
		return s.keep(c.ID, &x)
	}
	if s.release(c.ID) {
		return s.AnnotationService.CreateClaim(ctx, c)
	}
	return s.AnnotationService.UpdateClaim(ctx, c)
}

func (s *orphanStore) DeleteAnnotation(ctx context.Context, id string) error {
	if s.release(id) {
		return nil
	}
	return s.AnnotationService.DeleteAnnotation(ctx, id)
}

func (s *orphanStore) FindAnnotations(ctx context.Context, articleID string) (*annotate.Annotations, error) {
	ann, err := s.AnnotationService.FindAnnotations(ctx, articleID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.kept {
		switch x := v.(type) {
		case *annotate.Attribution:
			ann.Attributions = append(ann.Attributions, cloneAttribution(*x))
		case *annotate.Claim:
			ann.Claims = append(ann.Claims, cloneClaim(*x))
		case *annotate.Note:
			ann.Notes = append(ann.Notes, cloneNote(*x))
		}
	}
	annotate.SortAttributions(ann.Attributions)
	annotate.SortClaims(ann.Claims)
	return ann, nil
}

// orphanDesk is a desk on the sample article with an orphaned claim past
// the end of the text, an orphaned claim whose offsets fall on other words,
// and an orphaned attribution whose source still holds its text but whose
// cue and content are gone; it is opened again so that they are loaded.
func orphanDesk(t *testing.T) (td *testDesk, s *orphanStore, past, inside, attr string) {
	t.Helper()
	td = newTestDesk(t, nil)
	td.stopSaving()
	s = &orphanStore{AnnotationService: td.db, kept: map[string]any{}}
	td.svc.Annotations = s
	td.startSaving(td.pump)
	n := td.text.Len()
	meta := func() annotate.Meta {
		m := td.newMeta(annotate.Manual)
		m.Orphan = true
		m.Placement = &annotate.Placement{Revision: 2, Method: annotate.PlacedOrphan}
		return m
	}
	pastEnd := annotate.Claim{Meta: meta(), Status: annotate.StatusCandidate,
		Anchors: []annotate.Anchor{{Start: n + 10, End: n + 30, Exact: "the vanished sentence"}}}
	onOther := annotate.Claim{Meta: meta(), Status: annotate.StatusCandidate,
		Anchors: []annotate.Anchor{{Start: 0, End: 12, Exact: "gone forever"}}}
	src := td.anchorOn("Kanalgade bus terminal")
	a := annotate.Attribution{Meta: meta(), Kind: annotate.Indirect, Source: &src,
		Cue:     &annotate.Anchor{Start: n + 1, End: n + 5, Exact: "said"},
		Content: []annotate.Anchor{{Start: n + 6, End: n + 20, Exact: "a lost content"}}}
	s.kept[pastEnd.ID], s.kept[onOther.ID], s.kept[a.ID] = &pastEnd, &onOther, &a
	if err := td.Open(td.article.ID); err != nil {
		t.Fatal(err)
	}
	return td, s, pastEnd.ID, onOther.ID, a.ID
}

// wantNotDrawn fails when a highlight of one of the IDs is in the view.
func (td *testDesk) wantNotDrawn(ids ...string) {
	td.t.Helper()
	for _, h := range td.view.Highlights() {
		for _, id := range ids {
			if h.Group == id {
				td.t.Fatalf("orphan %s is drawn at %d–%d", id, h.Start, h.End)
			}
		}
	}
}

func (td *testDesk) drawn(id string) bool {
	for _, h := range td.view.Highlights() {
		if h.Group == id {
			return true
		}
	}
	return false
}

func TestOrphansTabListsOrphansAndNeverDrawsThem(t *testing.T) {
	td, _, past, inside, attr := orphanDesk(t)
	if td.orphans.tab.Text != "Orphans (3)" || td.tabs.Items[len(td.tabs.Items)-1] != td.orphans.tab {
		t.Fatalf("tab %q, last tab %q", td.orphans.tab.Text, td.tabs.Items[len(td.tabs.Items)-1].Text)
	}
	rows := strings.Join(td.orphans.Rows(), "\n")
	for _, want := range []string{"attribution · “Kanalgade bus terminal … said … a lost content” · lost: cue, content",
		"claim · “the vanished sentence” · lost: claim", "claim · “gone forever” · lost: claim"} {
		if !strings.Contains(rows, want) {
			t.Errorf("rows %q lack %q", rows, want)
		}
	}
	td.wantNotDrawn(past, inside, attr)
	for _, r := range td.claims.Rows() {
		if strings.Contains(r, "vanished") && !strings.HasPrefix(r, orphanMark) {
			t.Errorf("the Claims list does not mark the orphan: %q", r)
		}
	}
	// Selecting an orphan in its panel neither draws it nor moves the selection.
	td.view.SetSelection(3, 8)
	td.selectAnnotation(inside, false)
	if s, e := td.view.Selection(); s != 3 || e != 8 {
		t.Errorf("selecting an orphan selected %d–%d", s, e)
	}
	if got := labelTexts(td.claims.edit); !strings.Contains(got, "gone from the current revision") {
		t.Errorf("the claim editor of an orphan says %q", got)
	}
	td.wantNotDrawn(past, inside, attr)
	// A note on an orphaned claim is not drawn either.
	td.tabs.SelectIndex(tabClaims)
	td.view.SetSelection(0, 0)
	td.createNote()
	if len(td.ann.Notes) != 1 || td.ann.Notes[0].ClaimID != inside {
		t.Fatalf("no note on the orphaned claim: %+v", td.ann.Notes)
	}
	td.wantNotDrawn(td.ann.Notes[0].ID)
}

func TestOrphanTabsFitAt1024(t *testing.T) {
	td, _, _, _, _ := orphanDesk(t)
	td.win.Resize(fyne.NewSize(1024, 640))
	if w, need := td.tabs.Size().Width, tabsWidth(td.tabs); w < need {
		t.Fatalf("the tabs have %.0f of the %.0f their labels need", w, need)
	}
	if td.win.Canvas().Size().Width > 1024 {
		t.Fatalf("the window grew to %v", td.win.Canvas().Size())
	}
}

func TestReattachOrphanAndUndo(t *testing.T) {
	for _, how := range []string{"R in the article", "Enter in the list"} {
		t.Run(how, func(t *testing.T) {
			td, s, past, _, _ := orphanDesk(t)
			td.selectOrphan(past)
			if td.Selected() != past {
				t.Fatalf("selected %q, want the orphan", td.Selected())
			}
			sel := td.anchorOn("€412 million")
			td.view.SetSelection(sel.Start, sel.End)
			if how == "R in the article" {
				test.Type(td.view, "r")
			} else {
				td.orphans.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			}
			c := td.findClaim(past)
			if c == nil || c.Orphan || len(c.Anchors) != 1 || c.Anchors[0] != sel || c.Placement == nil || c.Placement.Method != placedManual {
				t.Fatalf("after re-attaching: %+v", c)
			}
			if !td.drawn(past) || td.orphans.tab.Text != "Orphans (2)" {
				t.Fatalf("drawn %v, tab %q", td.drawn(past), td.orphans.tab.Text)
			}
			if got := td.hist.done[len(td.hist.done)-1].label; got != "re-attach the claim “the vanished sentence”" {
				t.Errorf("history says %q", got)
			}
			if td.Selected() != past || td.tabs.SelectedIndex() != tabClaims {
				t.Errorf("selected %q in tab %d, want the claim in the Claims tab", td.Selected(), td.tabs.SelectedIndex())
			}
			if !hasClaim(td.stored(), past, false) {
				t.Fatalf("the re-attached claim is not stored on the text")
			}
			td.undo()
			if c := td.findClaim(past); c == nil || !c.Orphan {
				t.Fatalf("undo left %+v", c)
			}
			td.wantNotDrawn(past)
			if td.orphans.tab.Text != "Orphans (3)" {
				t.Errorf("after undo the tab says %q", td.orphans.tab.Text)
			}
			td.flush()
			if _, ok := s.kept[past]; !ok {
				t.Fatalf("undo did not store the orphan again")
			}
			td.redo()
			if c := td.findClaim(past); c == nil || c.Orphan || !td.drawn(past) {
				t.Fatalf("redo left %+v", c)
			}
		})
	}
}

func hasClaim(ann *annotate.Annotations, id string, orphan bool) bool {
	for _, c := range ann.Claims {
		if c.ID == id && c.Orphan == orphan {
			return true
		}
	}
	return false
}

func TestReattachAttributionKeepsWhatStillHolds(t *testing.T) {
	td, _, _, _, attr := orphanDesk(t)
	td.selectOrphan(attr)
	sel := td.anchorOn("€412 million")
	td.view.SetSelection(sel.Start, sel.End)
	test.Type(td.view, "R")
	a := td.findAttribution(attr)
	if a == nil || a.Orphan || a.Cue != nil || a.Source == nil || a.Source.Exact != "Kanalgade bus terminal" || len(a.Content) != 1 || a.Content[0] != sel {
		t.Fatalf("re-attached attribution: %+v", a)
	}
	if td.orphans.shown && td.orphans.tab.Text != "Orphans (2)" {
		t.Errorf("tab %q", td.orphans.tab.Text)
	}
}

func TestReattachNeedsAnOrphanAndASelection(t *testing.T) {
	td, _, past, _, _ := orphanDesk(t)
	td.view.SetSelection(td.rangeOf("€412 million"))
	test.Type(td.view, "r")
	if !strings.Contains(td.status.Text, "select an orphan") {
		t.Errorf("R with no orphan selected says %q", td.status.Text)
	}
	td.selectOrphan(past)
	td.view.SetSelection(0, 0)
	test.Type(td.view, "r")
	if c := td.findClaim(past); !c.Orphan || !strings.Contains(td.status.Text, "select the words") {
		t.Errorf("R with no selection: orphan %v, status %q", c.Orphan, td.status.Text)
	}
}

func TestDeleteOrphanAndUndo(t *testing.T) {
	td, s, _, inside, _ := orphanDesk(t)
	td.selectOrphan(inside)
	td.orphans.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if td.findClaim(inside) != nil || td.orphans.tab.Text != "Orphans (2)" {
		t.Fatalf("Delete left the orphan (tab %q)", td.orphans.tab.Text)
	}
	if got := td.hist.done[len(td.hist.done)-1].label; got != "delete claim “gone forever”" {
		t.Errorf("history says %q", got)
	}
	td.flush()
	if _, ok := s.kept[inside]; ok {
		t.Fatal("the orphan is still stored")
	}
	td.undo()
	if c := td.findClaim(inside); c == nil || !c.Orphan {
		t.Fatalf("undo brought back %+v", c)
	}
	td.wantNotDrawn(inside)
	td.flush()
	if _, ok := s.kept[inside]; !ok {
		t.Fatal("undo did not store the orphan again")
	}
}

func TestOrphansTabGoesWithTheLastOrphan(t *testing.T) {
	td, _, past, inside, attr := orphanDesk(t)
	n := len(td.tabs.Items)
	for _, id := range []string{past, inside, attr} {
		td.selectOrphan(id)
		td.orphans.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	}
	if len(td.tabs.Items) != n-1 || td.orphans.shown {
		t.Fatalf("%d tabs after the last orphan went, want %d", len(td.tabs.Items), n-1)
	}
	td.undo()
	if len(td.tabs.Items) != n || td.orphans.tab.Text != "Orphans (1)" {
		t.Fatalf("undo: %d tabs, %q", len(td.tabs.Items), td.orphans.tab.Text)
	}
}

func TestPlacementShownInTheEditor(t *testing.T) {
	tests := []struct {
		p    annotate.Placement
		want string
	}{
		{annotate.Placement{Revision: 3, Method: annotate.PlacedDiff}, "placed by the word diff on revision 3"},
		{annotate.Placement{Revision: 3, Method: annotate.PlacedFuzzy, Score: 0.8234}, "found by approximate search, score 0.82 on revision 3"},
		{annotate.Placement{Revision: 2, Method: annotate.PlacedExact}, "found unchanged (the same words) on revision 2"},
		{annotate.Placement{Revision: 4, Method: placedManual}, "re-attached by hand on revision 4"},
	}
	for _, tt := range tests {
		t.Run(tt.p.Method, func(t *testing.T) {
			td := newTestDesk(t, nil)
			id := td.addClaimOn("€412 million")
			p := tt.p
			td.findClaim(id).Placement = &p
			td.selectAnnotation(id, false)
			td.claims.showEditor()
			if got := labelTexts(td.claims.edit); !strings.Contains(got, tt.want) {
				t.Errorf("editor says %q, want %q", got, tt.want)
			}
		})
	}
	td := newTestDesk(t, nil)
	id := td.addClaimOn("€412 million")
	td.selectAnnotation(id, false)
	if got := labelTexts(td.claims.edit); strings.Contains(got, "revision") {
		t.Errorf("a claim made on this revision says %q", got)
	}
}

// TestReattachTwiceOnlyOnce: R pressed again after a re-attach finds no
// orphan selected and changes nothing.
func TestReattachTwiceOnlyOnce(t *testing.T) {
	td, _, past, _, _ := orphanDesk(t)
	td.selectOrphan(past)
	td.view.SetSelection(td.rangeOf("€412 million"))
	test.Type(td.view, "r")
	steps := len(td.hist.done)
	td.view.SetSelection(td.rangeOf("Kanalgade bus terminal"))
	test.Type(td.view, "r")
	if c := td.findClaim(past); len(td.hist.done) != steps || c.Anchors[0].Exact != "€412 million" || !strings.Contains(td.status.Text, "select an orphan") {
		t.Fatalf("second R: %d steps (want %d), claim on %q, status %q", len(td.hist.done), steps, c.Anchors[0].Exact, td.status.Text)
	}
}
