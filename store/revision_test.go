package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/reanchor"
)

// reviseText is testText with a paragraph before it and the note's words
// deleted: every annotation moves, and the note loses its text.
func reviseText(f *fixture) string {
	s := "Updated: a correction.\n" + f.art.Text
	return strings.Replace(s, "and “🇫🇷 flags” close it", "close it", 1)
}

// revised is the fixture's annotations placed by hand on reviseText: the
// attribution and claim found again, the note an orphan with its old target.
func revised(t *testing.T, f *fixture, text *annotate.Text, number int) *annotate.Annotations {
	all := f.annotations(t)
	a := &all.Attributions[0]
	a.Source, a.Cue = ptr(span(t, text, "Zoë Ibáñez, the finance minister")), nil // the cue is lost
	a.Content = []annotate.Anchor{span(t, text, "“We will not raise taxes,”")}
	a.Placement = &annotate.Placement{Revision: number, Method: annotate.PlacedExact, Score: 1}
	c := &all.Claims[0]
	c.Anchors = []annotate.Anchor{span(t, text, "the deficit grew 12 % in 2025’ 👨‍👩‍👧"), span(t, text, "q\u0301uoted")}
	c.Placement = &annotate.Placement{Revision: number, Method: annotate.PlacedFuzzy, Score: 0.875}
	n := &all.Notes[0]
	n.Orphan = true
	n.Placement = &annotate.Placement{Revision: number, Method: annotate.PlacedOrphan}
	return all
}

func newRevision(f *fixture, number int, text string) annotate.Revision {
	return annotate.Revision{Number: number, Text: text, SHA256: annotate.TextHash(text), Created: f.clock.Now()}
}

func TestReviseArticle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.mustCreate(t, f.attribution(t))
	f.mustCreate(t, f.claim(t))
	oldNote := f.note(t)
	f.mustCreate(t, oldNote)
	text := reviseText(f)
	nt := annotate.NewText(text)
	want := revised(t, f, nt, 2)
	rev := newRevision(f, 2, text)
	page := []byte("<html><body><p>" + text + "</p></body></html>")
	rev.Source = &annotate.SourceFile{Name: "budget-v2.html", Type: "text/html", SHA256: annotate.FileHash(page)}
	rev.SourceData = page
	if err := f.db.ReviseArticle(ctx, f.art.ID, rev, want); err != nil {
		t.Fatalf("ReviseArticle: %v", err)
	}
	if data, src, err := f.db.SourceFileData(ctx, f.art.ID); err != nil || string(data) != string(page) || src.Name != "budget-v2.html" {
		t.Errorf("the new revision's source file: %v, %v", src, err)
	}
	got, err := f.db.FindArticleByID(ctx, f.art.ID)
	if err != nil || got.Text != text || got.SHA256 != annotate.TextHash(text) {
		t.Fatalf("the article after the revision: %v, %q", err, got.Text)
	}
	revs, err := f.db.FindRevisions(ctx, f.art.ID)
	if err != nil || len(revs) != 2 || revs[0].Text != f.art.Text || revs[0].Number != 1 ||
		!revs[0].Created.Equal(f.art.ImportedAt) || revs[1].Text != text || revs[1].SHA256 != got.SHA256 {
		t.Fatalf("FindRevisions = %+v, %v", revs, err)
	}
	all := f.annotations(t)
	if a := all.Attributions[0]; a.Cue != nil || *a.Placement != *want.Attributions[0].Placement || a.Orphan {
		t.Errorf("attribution: %+v", a)
	}
	if c := all.Claims[0]; c.Placement.Method != annotate.PlacedFuzzy || c.Placement.Score != 0.875 || c.Anchors[0] != want.Claims[0].Anchors[0] {
		t.Errorf("claim: %+v", c)
	}
	if n := all.Notes[0]; !n.Orphan || *n.Target != *oldNote.Target || n.Placement.Method != annotate.PlacedOrphan {
		t.Errorf("note: %+v, want an orphan with its old target %+v", n, *oldNote.Target)
	}
	// New annotations go on the new text (the cached old one is gone).
	c := &annotate.Claim{Meta: annotate.Meta{ArticleID: f.art.ID}, Anchors: []annotate.Anchor{span(t, nt, "Updated: a correction.")}}
	if err := f.db.CreateClaim(ctx, c); err != nil {
		t.Errorf("a claim on the new text: %v", err)
	}
}

func TestReviseArticleRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations)
		code   string
		parts  []string
	}{
		{"no such article", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			*id = annotate.NewID()
		}, annotate.ENOTFOUND, []string{"no article"}},
		{"the same text", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			*rev = newRevision(f, 2, f.art.Text)
		}, annotate.EINVALID, []string{"current text", "nothing changed"}},
		{"a number taken", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			rev.Number = 1
		}, annotate.ECONFLICT, []string{"newest revision is 1", "import the file again"}},
		{"a wrong hash", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			rev.SHA256 = strings.Repeat("0", 64)
		}, annotate.EINVALID, []string{"revision.sha256"}},
		{"an annotation missing", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			all.Claims = nil
		}, annotate.ECONFLICT, []string{"missing from the re-anchored annotations"}},
		{"an annotation not stored", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			all.Claims[0].ID = annotate.NewID()
		}, annotate.ECONFLICT, []string{"not an annotation of article"}},
		{"an anchor not on the new text", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			all.Notes[0].Orphan = false // its target is on the old text
		}, annotate.EINVALID, []string{"note", "on the new revision", "target"}},
		{"another article's text", func(t *testing.T, f *fixture, id *string, rev *annotate.Revision, all *annotate.Annotations) {
			f.addArticle(t, rev.Text, "Other")
		}, annotate.ECONFLICT, []string{"already has this text as article"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			f.mustCreate(t, f.attribution(t))
			f.mustCreate(t, f.claim(t))
			f.mustCreate(t, f.note(t))
			text := reviseText(f)
			before := exportJSON(t, f.db)
			id, rev, all := f.art.ID, newRevision(f, 2, text), revised(t, f, annotate.NewText(text), 2)
			tt.change(t, f, &id, &rev, all)
			if tt.name == "another article's text" {
				before = exportJSON(t, f.db)
			}
			wantError(t, f.db.ReviseArticle(ctx, id, rev, all), tt.code, tt.parts...)
			if after := exportJSON(t, f.db); string(after) != string(before) {
				t.Error("a refused revision changed the project")
			}
			if revs, err := f.db.FindRevisions(ctx, f.art.ID); err != nil || len(revs) != 1 {
				t.Errorf("FindRevisions = %d, %v; want the one revision", len(revs), err)
			}
		})
	}
}

// An orphan is updated with its old anchors while it stays an orphan, and
// re-attached by an update that gives anchors on the current text.
func TestOrphanUpdateAndReattach(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.mustCreate(t, f.attribution(t))
	f.mustCreate(t, f.claim(t))
	f.mustCreate(t, f.note(t))
	text := reviseText(f)
	nt := annotate.NewText(text)
	if err := f.db.ReviseArticle(ctx, f.art.ID, newRevision(f, 2, text), revised(t, f, nt, 2)); err != nil {
		t.Fatal(err)
	}
	n := f.annotations(t).Notes[0]
	n.Rationale = "still to re-attach"
	if err := f.db.UpdateNote(ctx, &n); err != nil {
		t.Fatalf("updating an orphan: %v", err)
	}
	n.Orphan = false
	wantError(t, f.db.UpdateNote(ctx, &n), annotate.EINVALID, "target")
	n.Target = ptr(span(t, nt, "close it"))
	if err := f.db.UpdateNote(ctx, &n); err != nil {
		t.Fatalf("re-attaching: %v", err)
	}
	if got := f.annotations(t).Notes[0]; got.Orphan || got.Target.Exact != "close it" {
		t.Errorf("re-attached note: %+v", got)
	}
	if err := f.db.DeleteAnnotation(ctx, n.ID); err != nil {
		t.Errorf("deleting: %v", err)
	}
}

// A project of schema 4 opens with every article's text as its revision 1,
// and its annotations as they were.
func TestMigrationAddsRevisions(t *testing.T) {
	path := t.TempDir() + "/project.db"
	if err := prepareFile(path); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, "file:"+path+"?_journal_mode=WAL")
	for _, m := range migrations()[:4] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
	}
	old := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	const imported = "2026-03-04T10:00:00.000000000Z"
	id := annotate.NewID()
	target, err := annotate.NewText(old.Text).Anchor(0, 5)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(noteBody{Target: &target, Rationale: "old"})
	body := string(b)
	_, err = raw.Exec(`PRAGMA user_version = 4; PRAGMA application_id = `+strconv.Itoa(applicationID)+`;
		INSERT INTO articles (id, title, text, sha256, imported_at, language) VALUES (?, ?, ?, ?, ?, 'en');
		INSERT INTO annotations (id, article_id, kind, start, author, origin, created, modified, body)
		VALUES (?, ?, 'note', 0, 'Ana', 'manual', ?, ?, ?)`,
		old.ID, old.Title, old.Text, old.SHA256, imported, id, old.ID, imported, imported, body)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	revs, err := db.FindRevisions(ctx, old.ID)
	if err != nil || len(revs) != 1 || revs[0].Number != 1 || revs[0].Text != old.Text || revs[0].SHA256 != old.SHA256 ||
		revs[0].Created.Format(time.RFC3339) != "2026-03-04T10:00:00Z" {
		t.Fatalf("FindRevisions after the migration = %+v, %v", revs, err)
	}
	all, err := db.FindAnnotations(ctx, old.ID)
	if err != nil || len(all.Notes) != 1 || all.Notes[0].Placement != nil || all.Notes[0].Orphan {
		t.Fatalf("the old note: %+v, %v", all, err)
	}
	text := "A correction.\n" + old.Text
	rev := annotate.Revision{Number: 2, Text: text, SHA256: annotate.TextHash(text)}
	moved, err := annotate.NewText(text).Anchor(14, 19)
	if err != nil {
		t.Fatal(err)
	}
	all.Notes[0].Target = &moved
	if err := db.ReviseArticle(ctx, old.ID, rev, all); err != nil {
		t.Fatalf("revising the migrated article: %v", err)
	}
	if revs, err := db.FindRevisions(ctx, old.ID); err != nil || len(revs) != 2 || revs[0].Text != old.Text || revs[1].Created.IsZero() {
		t.Errorf("FindRevisions = %+v, %v", revs, err)
	}
	if _, err := db.FindRevisions(ctx, annotate.NewID()); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("FindRevisions of no article: %v", err)
	}
}

// BenchmarkReviseArticle10k is ReviseArticle of a 1 MB article with 10,000
// annotations, all re-anchored (by annotate/reanchor, outside the timer) on
// a text with a paragraph added before them: what an import of a new
// revision costs in the store, beside re-anchoring itself.
func BenchmarkReviseArticle10k(b *testing.B) {
	b.StopTimer()
	doc := generateDocument(b, 10000, 1<<20, 5)
	db := openTestDB(b)
	ctx := context.Background()
	if _, err := db.Import(ctx, doc); err != nil {
		b.Fatal(err)
	}
	id := doc.Articles[0].ID
	for i := range b.N {
		a, err := db.FindArticleByID(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		all, err := db.FindAnnotations(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		text := "Update " + strconv.Itoa(i) + ": a paragraph added.\n" + a.Text
		m := reanchor.New(annotate.NewText(a.Text), annotate.NewText(text))
		placeAll(m, all, i+2)
		rev := annotate.Revision{Number: i + 2, Text: text, SHA256: annotate.TextHash(text)}
		b.StartTimer()
		err = db.ReviseArticle(ctx, id, rev, all)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Articles[0].Attributions)+len(doc.Articles[0].Claims)+len(doc.Articles[0].Notes)), "annotations")
}

// placeAll moves every anchor through m, as an import of a revision does
// (interchange.Reanchor, which the store cannot import); an annotation with
// a part the diff cannot place (a generated quote that cuts a word) is
// marked an orphan.
func placeAll(m *reanchor.Mapper, all *annotate.Annotations, number int) {
	lost := false
	move := func(a *annotate.Anchor) {
		if p := m.Place(*a); !p.IsOrphan() {
			*a = p.Anchor
		} else {
			lost = true
		}
	}
	mark := func(meta *annotate.Meta) {
		meta.Placement = &annotate.Placement{Revision: number, Method: annotate.PlacedExact, Score: 1}
		if lost {
			meta.Placement.Method, meta.Placement.Score, meta.Orphan = annotate.PlacedOrphan, 0, true
		}
		lost = false
	}
	for i := range all.Attributions {
		x := &all.Attributions[i]
		for _, a := range []*annotate.Anchor{x.Source, x.Cue} {
			if a != nil {
				move(a)
			}
		}
		for j := range x.Content {
			move(&x.Content[j])
		}
		mark(&x.Meta)
	}
	for i := range all.Claims {
		for j := range all.Claims[i].Anchors {
			move(&all.Claims[i].Anchors[j])
		}
		mark(&all.Claims[i].Meta)
	}
	for i := range all.Notes {
		if all.Notes[i].Target != nil {
			move(all.Notes[i].Target)
			mark(&all.Notes[i].Meta)
		}
	}
}
