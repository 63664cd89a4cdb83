package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
	"github.com/factmark/factmark/store"
)

// testDesk is a desk on a fresh project in a test app.
type testDesk struct {
	*Desk
	t    *testing.T
	db   *store.DB
	pump *testPump // runs what the writer hands the UI goroutine (save_test.go)
}

// newTestDesk opens a desk on text (the embedded sample when empty) in a
// 1280×800 test window.
func newTestDesk(t *testing.T, text []byte) *testDesk {
	t.Helper()
	return newTestDeskWith(t, text, nil)
}

// newTestDeskWith is newTestDesk with the project's article service
// wrapped by articles (nil: the project itself), as a fake that adds what
// the store does not keep.
func newTestDeskWith(t *testing.T, text []byte, articles func(*store.DB) annotate.ArticleService) *testDesk {
	t.Helper()
	return newTestDeskWrapped(t, text, articles, nil)
}

// newTestDeskWrapped is newTestDeskWith with the desk's services, the
// project's workflow services among them (WithWorkflow), passed through
// wrap when it is given.
func newTestDeskWrapped(t *testing.T, text []byte, articles func(*store.DB) annotate.ArticleService, wrap func(Services, *store.DB) Services) *testDesk {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := db.UpdateSettings(ctx, annotate.Settings{Annotator: "Tester", Scale: annotate.DefaultScale()}); err != nil {
		t.Fatal(err)
	}
	art := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	if text != nil {
		if art, err = annotate.NewArticle(text, annotate.ArticleMeta{}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateArticle(ctx, art); err != nil {
		t.Fatal(err)
	}
	pump := &testPump{}
	var arts annotate.ArticleService = db
	if articles != nil {
		arts = articles(db)
	}
	svc := WithWorkflow(Services{Articles: arts, Annotations: db, Speakers: db, Settings: db, Documents: db, Rejections: db}, db)
	if wrap != nil {
		svc = wrap(svc, db)
	}
	d, err := newDesk(a, svc, pump)
	if err != nil {
		t.Fatal(err)
	}
	td := &testDesk{Desk: d, t: t, db: db, pump: pump}
	t.Cleanup(func() {
		td.pumpUntil(func() bool { return d.save.q.Len() == 0 || d.save.q.Closed() }, 5*time.Second)
		d.stopSaving()
	})
	if err := d.OpenFirst(""); err != nil {
		t.Fatal(err)
	}
	d.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(d.win.Close)
	return td
}

// seedText is the seed article of ../shared, or the test is skipped.
func seedText(t *testing.T) []byte {
	return testcorpus.File(t, "corpus", "seed", "article.txt")
}

// find returns the code-point range of the first occurrence of phrase.
func (td *testDesk) rangeOf(phrase string) (int, int) {
	i := strings.Index(td.article.Text, phrase)
	if i < 0 {
		td.t.Fatalf("article lacks %q", phrase)
	}
	start := len([]rune(td.article.Text[:i]))
	return start, start + len([]rune(phrase))
}

// canvasPos is the absolute position of the caret before offset.
func (td *testDesk) canvasPos(offset int) fyne.Position {
	p, ok := td.view.PositionOf(offset)
	if !ok {
		td.t.Fatalf("offset %d is not on screen", offset)
	}
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(td.view).Add(p)
}

// dragSelect selects [start, end) with the mouse.
func (td *testDesk) dragSelect(start, end int) {
	from, to := td.canvasPos(start), td.canvasPos(end)
	test.Drag(td.win.Canvas(), to, to.X-from.X, to.Y-from.Y)
}

// shortcut presses Ctrl (+Shift) + key while the article view has focus.
func (td *testDesk) shortcut(key fyne.KeyName, shift bool) {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	td.win.Canvas().Focus(td.view)
	td.view.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

// stored is what the project holds, once the pending changes are written.
func (td *testDesk) stored() *annotate.Annotations {
	td.flush()
	all, err := td.db.FindAnnotations(context.Background(), td.article.ID)
	if err != nil {
		td.t.Fatal(err)
	}
	return all
}

func TestDragSelectThenCMakesClaim(t *testing.T) {
	td := newTestDesk(t, seedText(t))
	start, end := td.rangeOf("coalition of volunteers")
	td.dragSelect(start, end)
	if s, e := td.view.Selection(); s != start || e != end {
		t.Fatalf("selection %d–%d, want %d–%d", s, e, start, end)
	}
	test.Type(td.view, "c")
	claims := td.stored().Claims
	if len(claims) != 1 {
		t.Fatalf("%d claims stored, want 1", len(claims))
	}
	a := claims[0].Anchors[0]
	if a.Start != start || a.End != end || a.Exact != "coalition of volunteers" {
		t.Fatalf("claim anchored at %d–%d %q", a.Start, a.End, a.Exact)
	}
	if claims[0].Author != "Tester" || claims[0].Origin != annotate.Manual {
		t.Fatalf("claim by %q, origin %q", claims[0].Author, claims[0].Origin)
	}
	if td.Selected() != claims[0].ID || td.tabs.Selected().Text != "Claims" {
		t.Fatalf("new claim not selected in its panel")
	}
}

func TestKeysMakeEachKind(t *testing.T) {
	td := newTestDesk(t, nil)
	start, end := td.rangeOf("Mayor Ingrid Halvorsen")
	td.view.SetSelection(start, end)
	test.Type(td.view, "a")
	td.view.SetSelection(td.rangeOf("41 minutes by bus to 19 minutes by tram"))
	test.Type(td.view, "n")
	all := td.stored()
	if len(all.Attributions) != 1 || len(all.Notes) != 1 {
		t.Fatalf("stored %d attributions, %d notes", len(all.Attributions), len(all.Notes))
	}
	if got := all.Attributions[0].Content[0]; got.Start != start || got.End != end {
		t.Fatalf("attribution content at %d–%d", got.Start, got.End)
	}
	if all.Notes[0].Target == nil || all.Notes[0].Target.Exact != "41 minutes by bus to 19 minutes by tram" {
		t.Fatalf("note target %+v", all.Notes[0].Target)
	}
}

func TestTapHighlightSelectsItsPanelItem(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("“This is the most important decision this council will take in a generation,”"))
	td.createAttribution()
	td.view.SetSelection(td.rangeOf("cut the journey between Holmvik and the city centre"))
	td.createClaim()
	attr := td.stored().Attributions[0]

	td.view.SetSelection(0, 0)
	td.tabs.SelectIndex(1)
	start, end := td.rangeOf("most important decision")
	td.view.ScrollToOffset(start)
	mid := td.canvasPos((start + end) / 2)
	test.TapCanvas(td.win.Canvas(), mid)
	if td.Selected() != attr.ID {
		t.Fatalf("selected %q after tapping the attribution's highlight, want %q", td.Selected(), attr.ID)
	}
	if td.tabs.Selected().Text != "Attributions" || td.attrs.index(attr.ID) != 0 {
		t.Fatalf("Attributions tab not showing the item (tab %q)", td.tabs.Selected().Text)
	}
	if attr.Kind != annotate.Direct {
		t.Errorf("a selection in quotation marks made a %s attribution, want direct", attr.Kind)
	}
}

// TestTapAgainReachesClaimAndItsNote: a claim and the note on it share one
// span; clicking it twice selects one and then the other.
func TestTapAgainReachesClaimAndItsNote(t *testing.T) {
	td := annotatedDesk(t)
	claim, note := td.stored().Claims[0].ID, td.stored().Notes[0].ID
	start, end := td.rangeOf("34 percent over budget")
	td.view.SetSelection(0, 0)
	td.view.ScrollToOffset(start)
	mid := td.canvasPos((start + end) / 2)
	test.TapCanvas(td.win.Canvas(), mid)
	first := td.Selected()
	test.TapCanvas(td.win.Canvas(), mid)
	second := td.Selected()
	got := map[string]bool{first: true, second: true}
	if !got[claim] || !got[note] {
		t.Fatalf("two clicks selected %q then %q; want the claim %q and the note %q", first, second, claim, note)
	}
}

func TestPanelSelectionMarksText(t *testing.T) {
	td := newTestDesk(t, nil)
	start, end := td.rangeOf("Kanalgade bus terminal")
	td.view.SetSelection(start, end)
	td.createClaim()
	td.view.SetSelection(0, 0)
	td.claims.list.UnselectAll()
	td.claims.list.Select(0)
	if s, e := td.view.Selection(); s != start || e != end {
		t.Fatalf("selecting the claim marked %d–%d, want %d–%d", s, e, start, end)
	}
}

func TestFindSelectsMatch(t *testing.T) {
	td := newTestDesk(t, nil)
	td.shortcut(fyne.KeyF, false)
	if td.find.content.Hidden {
		t.Fatal("Ctrl+F did not open the find bar")
	}
	test.Type(td.find.entry, "€412")
	want, wantEnd := td.rangeOf("€412")
	if s, e := td.view.Selection(); s != want || e != wantEnd {
		t.Fatalf("typing selected %d–%d, want %d–%d", s, e, want, wantEnd)
	}
	td.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s2, _ := td.view.Selection()
	if s2 <= want {
		t.Fatalf("Enter did not move to the next match (at %d)", s2)
	}
	td.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !td.find.content.Hidden {
		t.Fatal("Escape did not close the find bar")
	}
	if s, _ := td.view.Selection(); s != s2 {
		t.Fatal("closing the find bar lost the match")
	}
}

func TestDeleteNoteThenUndoRestoresIt(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("38,000 passengers a day"))
	test.Type(td.view, "n")
	note := td.stored().Notes[0]
	if !td.updateNote(note.ID, "rationale", func(n *annotate.Note) { n.Rationale = "Forecast, not a count." }) {
		t.Fatal("could not edit the note")
	}
	note = td.stored().Notes[0]
	td.selectAnnotation(note.ID, false)
	td.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if n := len(td.stored().Notes); n != 0 {
		t.Fatalf("%d notes after delete", n)
	}
	td.shortcut(fyne.KeyZ, false)
	notes := td.stored().Notes
	if len(notes) != 1 || notes[0].ID != note.ID || notes[0].Rationale != note.Rationale || !notes[0].Created.Equal(note.Created) {
		t.Fatalf("undo did not restore the note as it was: %+v", notes)
	}
	td.shortcut(fyne.KeyZ, true) // redo deletes it again
	if n := len(td.stored().Notes); n != 0 {
		t.Fatalf("redo left %d notes", n)
	}
	td.shortcut(fyne.KeyY, false) // nothing more to redo
	if n := len(td.stored().Notes); n != 0 {
		t.Fatalf("a second redo left %d notes", n)
	}
}

func TestDeleteClaimUndoBringsBackItsNotes(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("34 percent over budget"))
	td.createClaim()
	td.tabs.SelectIndex(1)
	td.createNote()
	all := td.stored()
	if len(all.Notes) != 1 || all.Notes[0].ClaimID != all.Claims[0].ID {
		t.Fatalf("note not on the claim: %+v", all.Notes)
	}
	td.selectAnnotation(all.Claims[0].ID, false)
	td.deleteSelected()
	if got := td.stored(); len(got.Claims)+len(got.Notes) != 0 {
		t.Fatal("delete left the claim or its note")
	}
	td.undo()
	if got := td.stored(); len(got.Claims) != 1 || len(got.Notes) != 1 {
		t.Fatalf("undo restored %d claims, %d notes", len(got.Claims), len(got.Notes))
	}
}

func TestTypingInAFieldIsOneUndoStep(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("€230 million"))
	td.createClaim()
	id := td.stored().Claims[0].ID
	for _, tags := range []string{"b", "bu", "budget", "budget, trams"} {
		td.updateClaim(id, "tags", func(c *annotate.Claim) { c.Tags = splitComma(tags) })
	}
	if got := td.stored().Claims[0].Tags; len(got) != 2 {
		t.Fatalf("tags stored %v", got)
	}
	td.undo()
	if got := td.stored().Claims[0].Tags; len(got) != 0 {
		t.Fatalf("one undo left tags %v, want none", got)
	}
}

func TestHundredEditsCanBeUndone(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("€86 million"))
	td.createClaim()
	id := td.stored().Claims[0].ID
	for i := 0; i < 120; i++ {
		st := annotate.Statuses[i%len(annotate.Statuses)]
		td.updateClaim(id, "", func(c *annotate.Claim) { c.Status = st })
	}
	for i := 0; i < 120; i++ {
		td.undo()
	}
	if got := td.stored().Claims[0].Status; got != annotate.StatusCandidate {
		t.Fatalf("after 120 undos the status is %q", got)
	}
}
