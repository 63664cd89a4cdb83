package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestJoinedRowsKeepTheSeparator: annotations whose values hold the
// separator their joined rows are cut at (here the author, which SQL
// could set so) read as they are stored, by the article and the whole
// project's reads alike.
func TestJoinedRowsKeepTheSeparator(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	doc := generateDocument(t, 30, 4<<10, 3)
	if _, err := db.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	authors := map[string]string{}
	for i, author := range []string{"Ana\x1fBo", "\x1f", "trailing\x1f", "Zoë"} {
		id := doc.Articles[0].Claims[i].ID
		if _, err := db.db.Exec("UPDATE annotations SET author = ? WHERE id = ?", author, id); err != nil {
			t.Fatal(err)
		}
		authors[id] = author
	}
	art := doc.Articles[0].ID
	all, err := db.FindAnnotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	exported, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, claims := range map[string]int{"article": len(all.Claims), "export": len(exported.Articles[0].Claims)} {
		if claims != len(doc.Articles[0].Claims) {
			t.Errorf("%s: %d claims, want %d", name, claims, len(doc.Articles[0].Claims))
		}
	}
	for _, list := range [][]string{authorsOf(all.Claims), authorsOf(exported.Articles[0].Claims)} {
		for i, c := range all.Claims {
			if want, ok := authors[c.ID]; ok && list[i] != want {
				t.Errorf("claim %s: author %q, want %q", c.ID, list[i], want)
			} else if !ok && list[i] != "Bench" {
				t.Errorf("claim %s: author %q, want Bench", c.ID, list[i])
			}
		}
	}
}

func authorsOf(claims []annotate.Claim) []string {
	var list []string
	for _, c := range claims {
		list = append(list, c.Author)
	}
	return list
}

// TestReadLinksIsLoadSources: every note's sources, read joined, are what
// loadSources reads, each note's in order (two sources each here, one of
// them a record with archives, and the first note's links made to come in
// the other order); a record whose excerpt holds the separator makes
// readLinks report false, for loadSources to read them.
func TestReadLinksIsLoadSources(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	var ids []string
	for range 3 {
		n := f.note(t)
		n.Sources[1].Archives = []string{"https://archive.example/1", "https://archive.example/2"}
		f.mustCreate(t, n)
		ids = append(ids, n.ID)
	}
	for _, swap := range []string{"seq + 10", "11 - seq"} { // 0, 1 → 10, 11 → 1, 0
		if _, err := f.db.db.Exec("UPDATE note_evidence SET seq = "+swap+" WHERE note_id = ?", ids[0]); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][]annotate.Evidence{}
	for _, id := range ids {
		want[id] = nil
	}
	if err := loadSources(ctx, f.db.rd, want, true); err != nil {
		t.Fatal(err)
	}
	links, ok, err := readLinks(ctx, f.db.rd)
	if err != nil || !ok {
		t.Fatalf("readLinks: %v, ok %v", err, ok)
	}
	got := map[string][]annotate.Evidence{}
	for id, list := range links {
		got[id] = sourcesOf(list)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readLinks read\n%+v\nloadSources\n%+v", got, want)
	}
	for i, id := range ids {
		if first := got[id][0].Title; len(got[id]) != 2 || (first == "Déficit 2025") != (i > 0) {
			t.Errorf("note %d: sources %+v", i, got[id])
		}
	}
	if list := sourcesOf([]sourceLink{{seq: 2, e: annotate.Evidence{ID: "c"}}, {seq: 0, e: annotate.Evidence{ID: "a"}},
		{seq: 1, e: annotate.Evidence{ID: "b"}}}); len(list) != 3 || list[0].ID != "a" || list[1].ID != "b" || list[2].ID != "c" {
		t.Errorf("sourcesOf put links of places 2, 0, 1 as %+v", list)
	}
	if _, err := f.db.db.Exec("UPDATE evidence SET excerpt = 'a\x1fb' WHERE id = ?", got[ids[1]][0].ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := readLinks(ctx, f.db.rd); err != nil || ok {
		t.Errorf("a value with the separator: readLinks ok %v, %v", ok, err)
	}
}
